"""Drafts that used to load and then crash later are refused when they are opened, with the
field named once; `amends check` and `amends render` say so in one line and exit 2.

Each case is one kind of input fuzzing found (issue 13). Before the loader knew these rules
they loaded, and the crash came later: in the preview, the checker, a writer, or (for the
deep nesting) the loader itself, before the app had a window.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.compose import Composer
from desktop.core.draft_file import DraftFormatError, draft_to_json, load_draft
from desktop.core.writers.email import email_message
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text
from tests.core.conftest import clinic_draft


def _set(path: str, value: object) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        *sections, name = path.split(".")
        for section in sections:
            data = data[section]
        data[name] = value

    return change


def _business_days_from(letter_date: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["letter_date"] = letter_date
        data["follow_up"].update(mode="business_days", business_days=365)

    return change


def _nested_unknown(depth: int) -> Callable[[dict], str]:
    """Returns the file's text: json.dumps itself cannot write 100,000 levels."""

    def change(data: dict) -> str:
        text = json.dumps(data)
        return text[:-1] + ', "plugin_state": ' + "[" * depth + "]" * depth + "}"

    return change


def _huge_number(data: dict) -> str:
    return json.dumps(data).replace('"45.00"', "9" * 5000)


HOSTILE = {
    # (change to the clinic letter's JSON, the field the refusal must name, words it must say)
    "empty-locale": (_set("locale", ""), "locale", "not a language and region"),
    "unknown-locale": (_set("locale", "xx_YY"), "locale", "'xx_YY'"),
    "locale-without-data": (_set("locale", "ff_Adlm @en"), "locale", "not a language and region"),
    "province-as-country": (_set("follow_up.country", "ON"), "follow_up.country", "calendar for 'ON'"),
    "unknown-subdivision": (
        _set("follow_up.subdivision", "ZZ"),
        "follow_up.subdivision",
        "'ZZ' is not a province or state of GB",
    ),
    "amount-too-large": (_set("compensation.amount", "1E+30"), "compensation.amount", "larger than"),
    "amount-too-precise": (_set("compensation.amount", "0." + "1" * 5000), "compensation.amount", "decimal"),
    "amount-of-5000-digits": (_huge_number, "compensation", "5,000 digits"),
    "business-days-past-9999": (_business_days_from("9999-12-31"), "letter_date", "9999-12-31"),
    "follow-up-date-9999": (_set("follow_up.date", "9999-12-31"), "follow_up.date", "outside the dates"),
    "incident-in-year-1": (_set("incident.occurred_on", "0001-01-01"), "incident.occurred_on", "outside"),
    "lone-surrogate-in-name": (_set("recipient.name", "Tunde \ud800"), "recipient.name", "U+D800"),
    "nul-in-recipient-name": (_set("recipient.name", "Tunde\x00Adebayo"), "recipient.name", "U+0000"),
    "nul-in-sender-name": (_set("sender.name", "Harriet\x00"), "sender.name", "U+0000"),
    "control-character-in-an-answer": (
        lambda data: data["questions"][0].update(answer="No.\x1b[2J"),
        "questions[0].answer",
        "U+001B",
    ),
    "nul-in-a-merge-field-name": (_set("recipient.extra", {"bra\x00nch": "x"}), "recipient.extra", "U+0000"),
    "newline-in-recipient-email": (
        _set("recipient.email", "tunde@example.org\nBcc: all@example.org"),
        "recipient.email",
        "one line",
    ),
    "line-separator-in-sender-email": (
        _set("sender.email", "h@example.org\u2028X: 1"),
        "sender.email",
        "one line",
    ),
    "newline-in-sender-name": (_set("sender.name", "Harriet\r\nBcc: x@y.org"), "sender.name", "one line"),
    "100000-levels-in-an-unknown-key": (_nested_unknown(100_000), "plugin_state", "nested"),
    "40-levels-in-an-unknown-key": (_nested_unknown(40), "plugin_state", "nested"),
    "lone-surrogate-in-an-unknown-key": (
        _set("plugin_state", {"note": "\udc00"}),
        "plugin_state.note",
        "U+DC00",
    ),
}


def _hostile_text(change: Callable[[dict], object]) -> str:
    data = json.loads(draft_to_json(clinic_draft()))
    text = change(data)
    return text if isinstance(text, str) else json.dumps(data)


@pytest.fixture(params=list(HOSTILE), ids=list(HOSTILE))
def hostile(request, tmp_path) -> tuple[Path, str, str]:
    change, field, words = HOSTILE[request.param]
    path = tmp_path / f"{request.param}.amends"
    path.write_text(_hostile_text(change), encoding="utf-8", errors="surrogatepass")
    return path, field, words


def test_the_loader_refuses_it_naming_the_field_once(hostile):
    path, field, words = hostile
    with pytest.raises(DraftFormatError) as refused:
        load_draft(path)
    assert refused.value.field == field
    message = str(refused.value)
    assert message.startswith(f"{path}: {field}")
    assert message.count(field) == 1 or field in ("locale", "compensation")  # "locale" recurs in its words
    assert words in message


@pytest.mark.parametrize("command", ["check", "render"])
def test_the_command_line_says_so_in_one_line_and_exits_2(hostile, command, tmp_path, capsys):
    path, field, _words = hostile
    argv = {
        "check": ["check", "--no-settings", str(path)],
        "render": ["render", str(path), "--to", "txt", "-o", "-"],
    }[command]
    assert main([str(arg) for arg in argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"amends: {path}: {field}") and err.count("\n") == 1


def test_a_message_passed_on_as_text_still_names_the_field_once(tmp_path):
    """As the recovery store re-raises an error for its file: `DraftFormatError(str(exc), ...)`."""
    path = tmp_path / "letter.amends"
    path.write_text(_hostile_text(_set("recipient.name", 42)), encoding="utf-8")
    with pytest.raises(DraftFormatError) as refused:
        load_draft(path)
    assert str(refused.value) == f"{path}: recipient.name (Name): must be text, not the number 42"
    again = DraftFormatError(str(refused.value), refused.value.field, path)
    assert str(again) == str(refused.value)


NOT_HOSTILE = {
    # Near the edges, but letters people write: they load, render and check.
    "accented-name": _set("recipient.name", "Zoë Ünal-Şahin"),
    "incident-in-1900": _set("incident.occurred_on", "1900-01-01"),
    "follow-up-in-2999": lambda data: data["follow_up"].update(mode="date", date="2999-12-31"),
    "amount-with-trailing-zeros": _set("compensation.amount", "45.000"),
    "largest-amount": _set("compensation.amount", "999999999999.99"),
    "uk-alias-for-the-country": lambda data: data["follow_up"].update(country="UK", subdivision=""),
    "email-with-surrounding-spaces": _set("recipient.email", " tunde@example.org\n"),
    "international-email-addresses": lambda data: (
        data["recipient"].update(email="tündé@exämple.org"),
        data["sender"].update(email="harriet@exämple.org"),
    ),
    "tabs-and-line-breaks-in-prose": _set("incident.what", "I cancelled\tit.\r\nI am sorry.\u2028Really."),
    "20-levels-in-an-unknown-key": _nested_unknown(20),
}


@pytest.mark.parametrize("change", NOT_HOSTILE.values(), ids=list(NOT_HOSTILE))
def test_values_near_the_limits_load_render_and_check(change, composer: Composer):
    from desktop.core.draft_file import draft_from_json

    draft = draft_from_json(_hostile_text(change))
    composed = composer.compose(draft)
    assert composed.document is not None, [f.message for f in composed.findings]
    to_text(composed.document), to_html_page(composed.document)
    recipient = composed.letter.recipient
    sender = draft.sender
    email_message(composed.document, recipient.email, recipient.name, sender.email, sender.name).as_bytes()


@pytest.fixture(scope="module")
def composer() -> Composer:
    import argparse

    from desktop.pipeline_options import composer as build

    return build(argparse.Namespace(no_settings=True, rules=[], template_dir=[]))
