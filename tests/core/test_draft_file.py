"""Drafts survive a save and load unchanged; a broken file is refused with the field named."""

from __future__ import annotations

import json

import pytest

from desktop.core.draft_file import (
    FORMAT_VERSION,
    DraftFormatError,
    draft_from_json,
    draft_to_json,
    load_draft,
    save_draft,
)
from desktop.core.model import Draft


def _data(draft: Draft) -> dict:
    return json.loads(draft_to_json(draft))


def test_save_and_load_give_back_an_equal_draft(draft, tmp_path):
    path = tmp_path / "letter.amends"
    save_draft(draft, path)
    assert load_draft(path) == draft


def test_an_empty_draft_round_trips(tmp_path):
    path = tmp_path / "blank.amends"
    save_draft(Draft(), path)
    assert load_draft(path) == Draft()


def test_file_carries_its_format_version(draft):
    assert _data(draft)["format_version"] == FORMAT_VERSION


def test_amounts_and_dates_are_stored_as_exact_text(draft):
    data = _data(draft)
    assert data["compensation"]["amount"] == "45.00"
    assert data["incident"]["occurred_on"] == "2026-03-10"


def test_fields_this_version_does_not_know_are_kept_on_save(draft, tmp_path):
    data = _data(draft)
    data["review"] = {"approved_by": "legal", "on": "2026-03-12"}
    data["recipient"]["pronouns"] = "he/him"
    loaded = draft_from_json(json.dumps(data))
    resaved = _data(loaded)
    assert resaved["review"] == {"approved_by": "legal", "on": "2026-03-12"}
    assert resaved["recipient"]["pronouns"] == "he/him"
    assert resaved["recipient"]["name"] == "Tunde Adebayo"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d.pop("kind"), "kind", "missing"),
        (lambda d: d["recipient"].pop("email"), "recipient.email", "missing"),
        (lambda d: d.update(kind="letterish"), "kind", "individual, notice"),
        (lambda d: d["recipient"].update(name=42), "recipient.name", "must be text"),
        (lambda d: d["incident"].update(occurred_on="10/03/2026"), "incident.occurred_on", "not a date"),
        (lambda d: d["compensation"].update(amount="twelve pounds"), "compensation.amount", "not an amount"),
        (lambda d: d["compensation"].update(amount="-5"), "compensation.amount", "not an amount of money"),
        (lambda d: d["follow_up"].update(business_days="two"), "follow_up.business_days", "whole number"),
        (lambda d: d["follow_up"].update(business_days=True), "follow_up.business_days", "whole number"),
        (lambda d: d.update(sender=["Harriet"]), "sender", "must be an object"),
        (lambda d: d["recipient"]["extra"].update(branch=3), "recipient.extra.branch", "must be text"),
        (lambda d: d["questions"][0].update(asked_by="x"), "questions[0].asked_by", "not a field"),
        (lambda d: d.pop("format_version"), "format_version", "missing"),
    ],
)
def test_malformed_drafts_name_the_field(draft, change, field, words):
    data = _data(draft)
    change(data)
    with pytest.raises(DraftFormatError) as caught:
        draft_from_json(json.dumps(data))
    assert caught.value.field == field
    assert field in str(caught.value)
    assert words in str(caught.value)


def test_a_draft_from_a_newer_version_is_refused_not_truncated(draft, tmp_path):
    data = _data(draft)
    data["format_version"] = FORMAT_VERSION + 1
    path = tmp_path / "newer.amends"
    original = json.dumps(data)
    path.write_text(original, encoding="utf-8")
    with pytest.raises(DraftFormatError, match="newer Amends"):
        load_draft(path)
    assert path.read_text(encoding="utf-8") == original


def test_invalid_json_gives_the_line(tmp_path):
    path = tmp_path / "broken.amends"
    path.write_text('{\n  "format_version": 1,\n  "kind": "notice"\n  "template": "x"\n}', encoding="utf-8")
    with pytest.raises(DraftFormatError, match=r"broken\.amends: not valid JSON \(line 4"):
        load_draft(path)


def test_a_missing_file_is_a_format_error_naming_it(tmp_path):
    with pytest.raises(DraftFormatError, match="cannot read"):
        load_draft(tmp_path / "nowhere.amends")


def test_a_failed_save_leaves_the_previous_file(draft, tmp_path, monkeypatch):
    path = tmp_path / "letter.amends"
    save_draft(draft, path)
    before = path.read_bytes()

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.core.atomic.os.replace", fail)
    draft.cause = "changed"
    with pytest.raises(OSError):
        save_draft(draft, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["letter.amends"]


def test_a_format_1_draft_is_upgraded_in_memory_and_its_file_left_alone(draft, tmp_path):
    data = _data(draft)
    data["format_version"] = 1
    del data["sender"]["email"], data["ignored_findings"], data["accepted_findings"]
    path = tmp_path / "old.amends"
    original = json.dumps(data, indent=2)
    path.write_text(original, encoding="utf-8")
    loaded = load_draft(path)
    assert loaded.sender.email == "" and loaded.ignored_findings == [] and loaded.accepted_findings == {}
    assert loaded.recipient == draft.recipient
    assert path.read_text(encoding="utf-8") == original
    save_draft(loaded, path)
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == FORMAT_VERSION


def test_checker_choices_are_kept_with_the_draft(draft, tmp_path):
    draft.ignored_findings = ["hard-to-read"]
    draft.accepted_findings = {"legal-risk": "legal approved this wording on 12 March"}
    path = tmp_path / "choices.amends"
    save_draft(draft, path)
    assert load_draft(path).accepted_findings == {"legal-risk": "legal approved this wording on 12 March"}
