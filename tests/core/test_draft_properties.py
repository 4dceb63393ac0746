"""Property tests of the draft loader: whatever a file holds, it loads or is refused with
DraftFormatError naming where, and a draft that loads renders, checks and saves.

The suite runs each property a few dozen times (the "default" hypothesis profile, in
tests/conftest.py). For a fuzz run, choose the "fuzz" profile and a time limit:

    HYPOTHESIS_PROFILE=fuzz FUZZ_SECONDS=300 .venv/bin/pytest -q -rs -p no:cacheprovider \\
        tests/core/test_draft_properties.py

Each property then runs for FUZZ_SECONDS and ends as a skip saying how many examples it ran
(tests/helpers/fuzzing.py); a failure found on the way is shrunk to the smallest draft that
shows it, reported, and saved in .hypothesis/ to be replayed first next time.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest
from babel import localedata
from hypothesis import given
from hypothesis import strategies as st

from desktop import paths
from desktop.core.business_days import country_choices
from desktop.core.compose import Composer
from desktop.core.draft_file import DraftFormatError, draft_from_json, draft_to_json, load_draft
from desktop.core.draft_values import EARLIEST_DATE, LATEST_DATE
from desktop.core.model import Draft, Kind
from desktop.core.writers.docx import DocxWriter
from desktop.core.writers.email import AddressError, email_message
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text
from desktop.pipeline_options import composer as build_composer
from tests.core.conftest import clinic_draft
from tests.helpers.fuzzing import Budget


@pytest.fixture(scope="module")
def composer() -> Composer:
    """As `amends check --no-settings` builds it (desktop/pipeline_options.py)."""
    return build_composer(argparse.Namespace(no_settings=True, rules=[], template_dir=[]))


def _bases() -> list[dict]:
    """The clinic letter and every example draft: a mutation starts from a real letter."""
    drafts = [clinic_draft(), *(load_draft(p) for p in sorted(paths.examples_dir().glob("*.amends")))]
    return [json.loads(draft_to_json(draft)) for draft in drafts]


BASES = _bases()

# Values: every JSON type, and text with what damaged files hold (controls, lone surrogates,
# line breaks in odd places), and the values each kind of field almost takes.
any_char = st.characters(codec=None, categories=None)
DAMAGE = "\x00\x01\x0b\x0c\x1b\r\n\t\x85\u2028\ufffe\ud800\udc00 @.,:;<>\"'\\"
hostile_text = st.text(
    st.one_of(any_char, st.sampled_from(DAMAGE)),
    max_size=30,
)
_DAY = dt.timedelta(days=1)
dates = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.dates(EARLIEST_DATE - 3 * _DAY, EARLIEST_DATE + 3 * _DAY).map(dt.date.isoformat),
    st.dates(LATEST_DATE - 600 * _DAY, LATEST_DATE + 3 * _DAY).map(dt.date.isoformat),
    st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30", "20260314", "2026-W11-6", "2026-03-14T10:00"]),
)
amounts = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(min_value=0, max_value=10**13, places=2).map(str),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.sampled_from(["1E+30", "1e-999999", "0." + "1" * 40, "999999999999.99", "1000000000000", "45.000"]),
)
locales = st.one_of(st.sampled_from(localedata.locale_identifiers()), hostile_text, st.just(""))
countries = st.one_of(
    st.sampled_from([code for code, _name in country_choices()]),
    st.sampled_from(["ON", "ENG", "UK", "JAN", "gb", "ca", "XX", "", "registry"]),
    hostile_text,
)
regions = st.one_of(st.sampled_from(["ON", "QC", "ENG", "SCT", "CA", "NY", "ZZ", "", "eng"]), hostile_text)
emails = st.one_of(
    st.sampled_from(["tunde@example.org", "tunde@", "@x", "a@b@c", "tündé@exämple.org", "a@b.org\nBcc: x@y"]),
    hostile_text,
)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), hostile_text)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(hostile_text, inner, max_size=4)),
    max_leaves=12,
)
by_field = {
    "locale": locales,
    "letter_date": dates,
    "occurred_on": dates,
    "date": dates,
    "amount": amounts,
    "country": countries,
    "subdivision": regions,
    "email": emails,
    "business_days": st.one_of(st.integers(-2, 400), json_scalars),
    "mode": st.sampled_from(["none", "date", "business_days", "weekly", ""]),
    "kind": st.sampled_from(["individual", "notice", "none", "refund", "credit", "other", "x"]),
    "template": st.sampled_from(["formal-letter", "email", "notice", "", "../../etc/passwd", "nope"]),
}


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a draft's JSON a value sits, as a tuple of keys and indexes."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_drafts(draw) -> str:
    """A real draft with one to four values replaced, keys dropped or added, as JSON text."""
    data = json.loads(json.dumps(draw(st.sampled_from(BASES))))
    for _ in range(draw(st.integers(1, 4))):
        places = _paths(data)
        *parents, last = draw(st.sampled_from(places))
        holder = data
        for key in parents:
            holder = holder[key]
        action = draw(st.sampled_from(["replace", "replace", "replace", "drop", "add"]))
        if action == "drop" and isinstance(holder, dict):
            del holder[last]
        elif action == "add" and isinstance(holder, dict):
            holder[draw(hostile_text)] = draw(json_values)
        else:
            typed = by_field.get(str(last))
            value = (
                st.one_of(typed, json_values) if typed is not None else st.one_of(hostile_text, json_values)
            )
            holder[last] = draw(value)
    if draw(st.booleans()):
        data["format_version"] = draw(st.sampled_from([1, 2, 2, 2, 3, 0, "2", None]))
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


def _load(text: str, budget: Budget | None = None) -> Draft | None:
    """The draft, or None when it was refused as the loader promises: naming where, in words
    that can be printed."""
    try:
        draft = draft_from_json(text)
    except DraftFormatError as exc:
        str(exc).encode("utf-8")  # the message itself can be shown and written anywhere
        if budget:
            budget.tally("refused")
        return None
    if budget:
        budget.tally("loaded")
    return draft


def _render_and_check(composer: Composer, draft: Draft, today: dt.date | None, kind: Kind | None) -> None:
    """What `amends check` and `amends render` do with a draft that loaded (and the window's
    exports: DOCX and the e-mail draft)."""
    if kind is not None:
        draft = dataclasses.replace(draft, kind=kind)
    composed = composer.compose(draft, today=today)
    if composed.document is not None:
        to_text(composed.document)
        to_html_page(composed.document)
        DocxWriter().to_bytes(composed.document)
        recipient, sender = composed.letter.recipient, draft.sender
        with contextlib.suppress(AddressError):  # an address half typed: the writer's to refuse
            email_message(
                composed.document, recipient.email, recipient.name, sender.email, sender.name
            ).as_bytes()
    again = draft_from_json(draft_to_json(draft))  # what it saves, it opens
    assert again == draft


MUTATED, ANY_JSON, ANY_BYTES = Budget("mutated drafts"), Budget("JSON objects"), Budget("bytes")
AMOUNTS = Budget("amounts")


@given(
    text=mutated_drafts(),
    today=st.one_of(st.none(), st.dates(EARLIEST_DATE, LATEST_DATE)),
    kind=st.none() | st.sampled_from(Kind),
)
def test_a_mutated_draft_loads_and_renders_or_is_refused(composer, text, today, kind):
    MUTATED.tick()
    draft = _load(text, MUTATED)
    if draft is not None:
        _render_and_check(composer, draft, today, kind)


@given(data=st.dictionaries(st.sampled_from(list(BASES[0])) | hostile_text, json_values, max_size=12))
def test_any_json_object_loads_or_is_refused(composer, data):
    """Over a real draft, so that keys it does not know (carried along unread) come through."""
    ANY_JSON.tick()
    draft = _load(json.dumps({**BASES[0], **data}), ANY_JSON)
    if draft is not None:
        _render_and_check(composer, draft, None, None)


@given(content=st.one_of(st.binary(max_size=400), json_values.map(json.dumps).map(str.encode)))
def test_any_bytes_load_or_are_refused(tmp_path_factory, content):
    ANY_BYTES.tick()
    path = tmp_path_factory.mktemp("bytes") / "draft.amends"
    path.write_bytes(content)
    try:
        load_draft(path)
    except DraftFormatError as exc:
        assert exc.path == path
        ANY_BYTES.tally("refused")
    else:
        ANY_BYTES.tally("loaded")


@given(amount=st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_every_amount_the_loader_takes_can_be_written_as_money(composer, amount):
    """The bound is the one the writers need, not merely one the fuzzer did not cross."""
    AMOUNTS.tick()
    draft = clinic_draft()
    draft.compensation.amount = amount
    draft = _load(draft_to_json(draft))
    assert draft is not None
    assert composer.compose(draft).document is not None
