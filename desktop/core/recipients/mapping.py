"""Which column feeds which recipient field, guessed from the header and open to correction.

Headers are matched after folding case, accents and punctuation, so "E-mail", "EMAIL" and
"Email Address" all mean the e-mail; the user can override any guess. Every column, mapped
or not, is also kept in `Recipient.extra` under a safe identifier ("Signup Source" ->
signup_source), so a template can always say {{ recipient.extra.signup_source }} by the
name the user sees in the header, whatever the guesses were. `extra` also carries
first_name and last_name when those columns exist, and "account" for the reference column
("Acct", "Customer ref"...), so one template works across lists with different headers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from desktop.core.model import Recipient


class Field(StrEnum):
    """What a column can supply. EXTRA keeps a column out of the standard fields; IGNORE drops it."""

    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    FULL_NAME = "full_name"
    EMAIL = "email"
    REFERENCE = "reference"
    TITLE = "title"
    SALUTATION = "salutation"
    ORGANISATION = "organisation"
    ADDRESS = "address"
    """May take several columns (street, city, postcode), joined one per line in column order."""
    JURISDICTION = "jurisdiction"
    """Where the reader is ("US-MA"): their letter is checked under that place's profiles."""
    EXTRA = "extra"
    IGNORE = "ignore"


# Header spellings, compared after _compact(): lowercase ASCII letters and digits only.
_SPELLINGS: dict[Field, str] = {
    Field.FIRST_NAME: "firstname first fname givenname forename forenames prenom",
    Field.LAST_NAME: "lastname last lname surname familyname nomdefamille nom",
    Field.FULL_NAME: """name fullname customername contactname recipient recipientname clientname
        membername displayname nomcomplet""",
    Field.EMAIL: """email emailaddress mail emailid contactemail customeremail primaryemail workemail
        courriel""",
    Field.REFERENCE: """account accountno accountnumber accountid accountref acct acctno acctnumber
        reference ref refno customerref customerreference customerno customernumber customerid
        clientno clientnumber clientid memberno membernumber memberid membershipnumber policyno
        policynumber caseno casenumber casereference numerodecompte""",
    Field.TITLE: "title courtesytitle honorific civilite",
    Field.SALUTATION: "salutation greeting dear lettersalutation",
    Field.ORGANISATION: "organisation organization company companyname employer business",
    Field.JURISDICTION: "jurisdiction residence stateofresidence countryofresidence juridiction",
    Field.ADDRESS: """address postaladdress mailingaddress streetaddress street addressline1
        addressline2 addressline3 address1 address2 address3 addr addr1 addr2 city town county
        province state postcode postalcode eircode zip zipcode country adresse ville codepostal""",
}
_BY_SPELLING = {spelling: field for field, spellings in _SPELLINGS.items() for spelling in spellings.split()}
_SINGLE_COLUMN = frozenset(Field) - {Field.ADDRESS, Field.EXTRA, Field.IGNORE}


def _folded_words(header: str) -> list[str]:
    """Lowercase ASCII words of a header: accents dropped, punctuation splits words."""
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.findall(r"[^\W_]+", ascii_only)


def _compact(header: str) -> str:
    return "".join(word for word in _folded_words(header) if word.isascii())


def guess_field(header: str) -> Field | None:
    """The standard field a header names ("Given name" -> FIRST_NAME), or None."""
    compact = _compact(header)
    compact = re.sub(r"(no|nr|num)$", "no", compact) if compact not in _BY_SPELLING else compact
    return _BY_SPELLING.get(compact)


def safe_identifier(header: str) -> str:
    """A name usable as recipient.extra.NAME: "Signup Source" -> "signup_source", "№" -> "column"."""
    words = [word for word in _folded_words(header) if word.isascii()]
    identifier = "_".join(words)
    if not identifier:
        return "column"
    return f"column_{identifier}" if identifier[0].isdigit() else identifier


@dataclass(frozen=True)
class ColumnMapping:
    """Columns (by position) for each field, and every column's identifier in `extra`."""

    columns: tuple[str, ...]
    fields: Mapping[Field, tuple[int, ...]]
    identifiers: tuple[str, ...]
    """One per column, unique; "" for an ignored column."""

    def field_of(self, column: str) -> Field:
        """The field a column (by its header name) was mapped to; EXTRA when none."""
        index = self.columns.index(column)
        return next((f for f, indexes in self.fields.items() if index in indexes), Field.EXTRA)

    def columns_for(self, field: Field) -> tuple[str, ...]:
        return tuple(self.columns[i] for i in self.fields.get(field, ()))

    def to_recipient(self, values: tuple[str, ...]) -> Recipient:
        """The Recipient one row describes; `values` are cleaned texts, one per column.

        Called once per row of lists with 100,000 rows, so it allocates little: the
        field positions are worked out once, and a missing field reads a trailing "".
        """
        full, first_at, last_at, title, salutation, organisation, email, reference_at, where = self._plan
        v = (*values, "")
        first, last, reference = v[first_at], v[last_at], v[reference_at]
        extra = dict(zip(self.identifiers, values, strict=True))
        extra.pop("", None)  # ignored columns
        for key, index in self._standard_extras:
            extra[key] = values[index]
        address = self._address
        return Recipient(
            name=v[full] or (f"{first} {last}" if first and last else first or last),
            title=v[title],
            salutation=v[salutation],
            organisation=v[organisation],
            email=v[email],
            reference=reference,
            jurisdiction=v[where].upper(),
            address=values[address[0]]
            if len(address) == 1
            else "\n".join(values[i] for i in address if values[i]),
            extra=extra,
        )

    @property
    def merge_names(self) -> tuple[str, ...]:
        """The names a merge field such as {{ signup_source }} may use with this list: every
        column's identifier, plus first_name, last_name and account where a column gives them."""
        names = [name for name in self.identifiers if name]
        return (*names, *(key for key, _ in self._standard_extras if key not in names))

    @cached_property
    def _standard_extras(self) -> tuple[tuple[str, int], ...]:
        """first_name and last_name when mapped (they win), account unless a column has the name."""
        keys = [("first_name", Field.FIRST_NAME), ("last_name", Field.LAST_NAME)]
        if "account" not in self.identifiers:
            keys.append(("account", Field.REFERENCE))
        return tuple((key, self.fields[field][0]) for key, field in keys if field in self.fields)

    @cached_property
    def _address(self) -> tuple[int, ...]:
        return self.fields.get(Field.ADDRESS, ())

    @cached_property
    def _plan(self) -> tuple[int, ...]:
        """Columns of the one-column fields in to_recipient's order; one past the last when unmapped."""
        order: tuple[Field, ...] = (
            Field.FULL_NAME,
            Field.FIRST_NAME,
            Field.LAST_NAME,
            Field.TITLE,
            Field.SALUTATION,
        )
        order += (Field.ORGANISATION, Field.EMAIL, Field.REFERENCE, Field.JURISDICTION)
        return tuple(self.fields.get(field, (len(self.columns),))[0] for field in order)


def map_columns(
    columns: tuple[str, ...], overrides: Mapping[str, Field | str] | None = None
) -> ColumnMapping:
    """Guess each column's field; `overrides` ({"Contact": "email", "Notes": "ignore"}) win.

    A field named in an override takes only the overriding columns. When two columns would
    both fill a one-column field ("Email" and "E-mail address"), the first one does and the
    other stays an extra, so nothing the file holds is dropped unless the user says so.
    """
    overrides = dict(overrides or {})
    unknown = [name for name in overrides if name not in columns]
    if unknown:
        raise ValueError(f"no column called {unknown[0]!r}; the columns are {', '.join(columns)}")
    chosen = {name: _field(name, value) for name, value in overrides.items()}
    overridden = set(chosen.values())
    fields: dict[Field, list[int]] = {}
    for index, name in enumerate(columns):
        field = chosen.get(name)
        if field is None:
            field = guess_field(name)
            if field in overridden or (field in _SINGLE_COLUMN and field in fields):
                field = None
        if field is not None and field not in (Field.EXTRA, Field.IGNORE):
            if field in _SINGLE_COLUMN and field in fields:
                raise ValueError(
                    f"both {columns[fields[field][0]]!r} and {name!r} are mapped to {field.value}"
                )
            fields.setdefault(field, []).append(index)
    ignored = {index for index, name in enumerate(columns) if chosen.get(name) is Field.IGNORE}
    return ColumnMapping(
        columns=tuple(columns),
        fields={field: tuple(indexes) for field, indexes in fields.items()},
        identifiers=_unique_identifiers(columns, ignored),
    )


def _field(column: str, value: Field | str) -> Field:
    try:
        return Field(value)
    except ValueError:
        known = ", ".join(f.value for f in Field)
        raise ValueError(f"column {column!r} cannot be mapped to {value!r}; choose one of {known}") from None


def _unique_identifiers(columns: tuple[str, ...], ignored: set[int]) -> tuple[str, ...]:
    """Safe identifiers, numbered when two headers fold to the same one ("Notes", "notes!")."""
    used: set[str] = set()
    out = []
    for index, name in enumerate(columns):
        if index in ignored:
            out.append("")
            continue
        base = identifier = safe_identifier(name)
        if base == "column":
            base = identifier = f"column_{index + 1}"
        n = 2
        while identifier in used:
            identifier, n = f"{base}_{n}", n + 1
        used.add(identifier)
        out.append(identifier)
    return tuple(out)
