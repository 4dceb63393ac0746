"""A profile file that cannot be used says which file, which line and what is wrong: the
people editing them are compliance leads, and a profile that ignored a mistake would check
less than it claims."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.model import LetterType, Outcome
from desktop.core.profiles import ProfileError, Unit, load_profile
from tests.core.profiles.conftest import MINIMAL

Write = Callable[..., Path]


def _error(path: Path) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return caught.value


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_a_minimal_profile_loads(write_profile: Write):
    profile = load_profile(write_profile())
    assert profile.id == "test-profile"
    assert profile.letter_type is LetterType.BREACH_NOTICE
    assert profile.jurisdictions == ("GB",)
    assert profile.automatic  # the default
    assert profile.checked == dt.date(2026, 12, 4)
    assert [element.id for element in profile.elements] == ["contact"]
    assert profile.elements[0].line == _line_of(profile.path, "[[element]]")
    assert not profile.builtin


def test_the_message_reads_path_line_reason(write_profile: Write):
    path = write_profile(MINIMAL.replace('label = "a contact"', 'label = "a contact"\nlable = "typo"'))
    error = _error(path)
    assert error.path == path
    assert error.line == _line_of(path, "lable")
    assert str(error) == f"{path}:{error.line}: {error.reason}"
    assert "unknown key 'lable' in [element]" in error.reason
    assert "label" in error.reason  # the keys it could have meant


def test_an_unknown_key_in_the_profile_table(write_profile: Write):
    path = write_profile(MINIMAL.replace('verified = "Nothing; a test."', 'verified = "x"\nauto = true'))
    error = _error(path)
    assert error.line == _line_of(path, "auto = true")
    assert "unknown key 'auto' in [profile]" in error.reason


def test_an_unknown_section(write_profile: Write):
    path = write_profile(MINIMAL + '\n[[elements]]\nid = "x"\n')
    error = _error(path)
    assert error.line == _line_of(path, "[[elements]]")
    assert "unknown section 'elements'" in error.reason


def test_a_bad_regex(write_profile: Write):
    path = write_profile(MINIMAL.replace("'''\\bcontact\\b'''", "'''\\bcontact(\\b''', '''ok'''"))
    error = _error(path)
    assert error.line == _line_of(path, "contact(")
    assert "is not a valid regular expression" in error.reason
    assert "contact(" in error.reason


def test_a_pattern_that_matches_nothing_at_all_finds_everything(write_profile: Write):
    path = write_profile(MINIMAL.replace("'''\\bcontact\\b'''", "'''(?:x)?'''"))
    assert "matches an empty text" in _error(path).reason


DEADLINE = """
[[deadline]]
id = "respond"
label = "8 weeks"
from = "complaint.received_on"
count = 8
unit = "weeks"
clause = "s. 2"
"""


def test_a_deadline_loads(write_profile: Write):
    deadline = load_profile(write_profile(MINIMAL + DEADLINE)).deadlines[0]
    assert (deadline.start_field, deadline.count, deadline.unit) == ("complaint.received_on", 8, Unit.WEEKS)


def test_a_bad_unit(write_profile: Write):
    path = write_profile(MINIMAL + DEADLINE.replace('"weeks"', '"fortnights"'))
    error = _error(path)
    assert error.line == _line_of(path, "fortnights")
    assert 'unit must be one of "calendar-days", "business-days", "weeks"' in error.reason


def test_a_bad_from(write_profile: Write):
    path = write_profile(MINIMAL + DEADLINE.replace("complaint.received_on", "complaint.received"))
    error = _error(path)
    assert error.line == _line_of(path, "from = ")
    assert "from must be one of incident.discovered_on, complaint.received_on" in error.reason


def test_a_count_that_is_not_a_whole_number(write_profile: Write):
    path = write_profile(MINIMAL + DEADLINE.replace("count = 8", "count = 8.5"))
    assert _error(path).line == _line_of(path, "count = 8.5")


def test_not_valid_toml(write_profile: Write):
    path = write_profile(MINIMAL + '\n[[element]]\nid = "broken\n')
    error = _error(path)
    assert error.reason.startswith("not valid TOML")
    assert error.line == _line_of(path, 'id = "broken')


def test_the_file_name_must_be_the_id(write_profile: Write):
    path = write_profile(MINIMAL.replace('id = "{id}"', 'id = "another-id"'))
    error = _error(path)
    assert error.line == _line_of(path, 'id = "another-id"')
    assert "must be in a file named another-id.toml" in error.reason


def test_an_id_used_twice_within_a_profile(write_profile: Write):
    path = write_profile(
        MINIMAL + '\n[[forbid]]\nid = "contact"\nlabel = "x"\nclause = "y"\npatterns = ["z"]\n'
    )
    error = _error(path)
    assert error.line == len(path.read_text().splitlines()) - 3
    assert "the id 'contact' is used twice" in error.reason


def test_an_element_needs_something_to_find_it_by(write_profile: Write):
    path = write_profile(MINIMAL.replace("patterns = ['''\\bcontact\\b''']", ""))
    error = _error(path)
    assert error.line == _line_of(path, "[[element]]")
    assert "needs fields or patterns" in error.reason


def test_a_field_that_is_not_in_the_draft(write_profile: Write):
    path = write_profile(
        MINIMAL.replace('clause = "s. 1(a)"', 'clause = "s. 1(a)"\nfields = ["sender.phone"]')
    )
    error = _error(path)
    assert error.line == _line_of(path, "sender.phone")
    assert "'sender.phone' is not a draft field" in error.reason


def test_a_jurisdiction_that_is_not_a_code(write_profile: Write):
    path = write_profile(MINIMAL.replace('["GB"]', '["UK", "Ontario"]'))
    error = _error(path)
    assert error.line == _line_of(path, "jurisdictions")
    assert "'Ontario' must be an ISO 3166 code" in error.reason


def test_an_unknown_letter_type(write_profile: Write):
    path = write_profile(MINIMAL.replace('"breach-notice"', '"breach"'))
    assert _error(path).line == _line_of(path, "letter_type")


EXAMPLE = """
[[example]]
name = "a letter"
passes = false
fails_on = ["contact"]
text = '''
[insert date]
[[element]]
Nothing to see.
'''
[example.fields]
"complaint.received_on" = 2026-12-01
"complaint.outcome" = "upheld"
"sender.name" = "Ann"
"""


def test_an_example_with_fields_and_table_lookalikes_in_its_text(write_profile: Write):
    """A line of the example's letter that looks like a table header is text, not a table."""
    profile = load_profile(write_profile(MINIMAL + EXAMPLE))
    example = profile.examples[0]
    assert example.fails_on == ("contact",)
    assert dict(example.fields) == {
        "complaint.received_on": dt.date(2026, 12, 1),
        "complaint.outcome": Outcome.UPHELD,
        "sender.name": "Ann",
    }
    assert "[[element]]" in example.text
    assert len(profile.elements) == 1


def test_an_example_field_of_the_wrong_kind_is_located(write_profile: Write):
    path = write_profile(MINIMAL + EXAMPLE.replace("= 2026-12-01", '= "1 December"'))
    error = _error(path)
    assert error.line == _line_of(path, '"complaint.received_on"')
    assert "must be a date" in error.reason


def test_an_example_outcome_that_does_not_exist(write_profile: Write):
    path = write_profile(MINIMAL + EXAMPLE.replace('"upheld"', '"partly"'))
    error = _error(path)
    assert error.line == _line_of(path, '"complaint.outcome"')
    assert "'upheld'" in error.reason


def test_an_example_failing_on_a_check_the_profile_does_not_have(write_profile: Write):
    path = write_profile(MINIMAL + EXAMPLE.replace('fails_on = ["contact"]', 'fails_on = ["contact-point"]'))
    error = _error(path)
    assert error.line == _line_of(path, "fails_on")
    assert (
        "fails_on names 'contact-point', which this profile does not check (its checks: contact)"
        in error.reason
    )


def test_a_failing_example_must_say_what_it_fails_on(write_profile: Write):
    path = write_profile(MINIMAL + EXAMPLE.replace('fails_on = ["contact"]\n', ""))
    assert "say which checks this example fails on" in _error(path).reason


def test_a_profile_that_checks_nothing(write_profile: Write):
    text = MINIMAL.split("[[element]]")[0]
    assert "checks nothing" in _error(write_profile(text)).reason


def test_a_team_profile_may_not_be_a_link(write_profile: Write, tmp_path: Path):
    real = write_profile(profile_id="elsewhere", folder="outside")
    link = tmp_path / "team" / "test-profile.toml"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(real)
    assert "symbolic link" in _error(link).reason
