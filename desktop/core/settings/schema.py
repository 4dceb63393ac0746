"""Every setting, declared as data: its key, kind, default, allowed values and what it is for.

Two files use these declarations: the personal settings file and the team profile. Where
both declare a key (the sign-off, template, locale, page and holidays), it is the same
declaration, so a value means the same thing wherever it is written, and merging is key
by key.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.core.settings import checks
from desktop.core.settings.kinds import FILE_IN_FOLDER, FOLDER, LINES, MARGINS, NUMBER, TEXT, Kind
from desktop.core.settings.problems import Problem, SettingValueError
from desktop.core.settings.tomltext import flatten, key_line


@dataclass(frozen=True)
class Setting:
    key: str
    """Dotted: the part before the last dot is the TOML table ("page.size" is size in [page])."""
    kind: Kind
    default: object
    description: str
    choices: tuple[str, ...] = ()
    check: Callable[[object], str | None] | None = None
    """Refuses a value of the right kind that still makes no sense; returns the reason."""
    choices_from: str = ""
    """The run-time list a value is picked from in the dialog (`desktop.core.fields.choice_list`):
    locales, countries. Unlike `choices`, it does not refuse other values; `check` does that."""

    def convert(self, value: object) -> object:
        """The value as Python, or SettingValueError naming this key and the reason."""
        try:
            converted = self.kind.convert(value)
        except ValueError as exc:
            raise SettingValueError(self.key, str(exc)) from None
        if self.choices and converted not in self.choices:
            raise SettingValueError(self.key, f"must be one of {', '.join(self.choices)}, not {converted!r}")
        reason = self.check(converted) if self.check else None
        if reason:
            raise SettingValueError(self.key, reason)
        return converted


SIGN_OFF = Setting("letter.sign_off", TEXT, "Yours sincerely", "The words before the signature.")
TEMPLATE = Setting(
    "letter.template",
    TEXT,
    "formal-letter",
    "The template a new draft starts from.",
    check=checks.template_id,
)
LOCALE = Setting(
    "letter.locale",
    TEXT,
    "en_GB",
    "The reader's language and region: dates, amounts, “apologise” or “apologize”, and paper on auto.",
    check=checks.locale,
    choices_from="locales",
)
CURRENCY = Setting(
    "letter.currency",
    TEXT,
    "",
    "The currency of what a new letter offers (CAD, GBP); empty: chosen per letter.",
    check=checks.currency,
    choices_from="currencies",
)
PAGE_SIZE = Setting(
    "page.size",
    TEXT,
    "auto",
    "Paper for DOCX: A4, Letter, or auto (Letter for US, Canadian and similar locales).",
    choices=("auto", "A4", "Letter"),
)
MARGINS_MM = Setting(
    "page.margins_mm", MARGINS, (20.0, 22.0, 20.0, 22.0), "Page margins in mm: one number, or four."
)
COUNTRY = Setting(
    "holidays.country",
    TEXT,
    "",
    "Country whose public holidays business-day follow-ups skip (CA, GB); empty: weekends only.",
    check=checks.country,
    choices_from="countries",
)
SUBDIVISION = Setting(
    "holidays.subdivision",
    TEXT,
    "",
    "Province or state within the country (ON), where holidays differ.",
    choices_from="subdivisions",
)
SHARED = (SIGN_OFF, TEMPLATE, LOCALE, CURRENCY, PAGE_SIZE, MARGINS_MM, COUNTRY, SUBDIVISION)

PERSONAL = (
    Setting("sender.name", TEXT, "", "Your name, printed under the sign-off."),
    Setting("sender.role", TEXT, "", "Your job title, printed under your name."),
    Setting("sender.email", TEXT, "", "Your e-mail address: the From of e-mail drafts.", check=checks.email),
    Setting("sender.contact", TEXT, "", "How the reader reaches you: “Call me on 416 555 0134”."),
    Setting("sender.signature", LINES, (), "Lines printed under your name and role (direct line...)."),
    *SHARED,
    Setting("team.profile", FOLDER, None, "The team profile folder, often on a shared drive; none if empty."),
)

TEAM = (
    Setting("company.name", TEXT, "", "The company's name, for the letterhead and signature."),
    Setting("company.address", LINES, (), "The company's postal address, one line per line."),
    *SHARED,
    Setting("logo.file", FILE_IN_FOLDER, None, "A PNG or JPEG in the profile folder, for the letterhead."),
    Setting("logo.width_mm", NUMBER, 38.0, "How wide the logo is printed, in mm.", check=checks.logo_width),
)

GROUPS = (("holidays.country", "holidays.subdivision"),)
"""Keys that only make sense together: whichever file sets one of them supplies all of them,
so a personal country is never paired with the team's province."""


def by_key(declared: tuple[Setting, ...]) -> dict[str, Setting]:
    return {setting.key: setting for setting in declared}


def validate(
    data: Mapping[str, object], declared: Mapping[str, Setting], path: Path | None, raw: str
) -> tuple[dict[str, object], list[Problem]]:
    """The values of `data` that are valid, and a problem for each one that is not.

    A refused value is left out, so the file below it (team profile, built-in default)
    supplies it instead: one bad line never costs the user the rest of their settings.
    """
    values: dict[str, object] = {}
    problems: list[Problem] = []
    for key, value in flatten(data).items():
        setting = declared.get(key)
        if setting is None:
            problems.append(Problem(path, key, _unknown(key, declared), key_line(raw, key)))
            continue
        try:
            values[key] = setting.convert(value)
        except SettingValueError as exc:
            problems.append(Problem(path, key, exc.reason, key_line(raw, key)))
    reason = checks.subdivision_of(
        str(values.get("holidays.country", "")), str(values.get("holidays.subdivision", ""))
    )
    if reason:
        values.pop("holidays.subdivision")
        problems.append(Problem(path, "holidays.subdivision", reason, key_line(raw, "holidays.subdivision")))
    return values, problems


def _unknown(key: str, declared: Mapping[str, Setting]) -> str:
    close = difflib.get_close_matches(key, list(declared), n=1)
    hint = f"; did you mean {close[0]}?" if close else f" (known: {', '.join(declared)})"
    return f"unknown setting{hint}"
