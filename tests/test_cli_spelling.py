"""Spelling and grammar from the command line: in the English the letter is written in, with
the team's and the user's word lists, and the names of the people in the letter."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop import paths
from desktop.cli import main
from desktop.core.draft_file import load_draft, save_draft
from tests.core.settings.conftest import make_profile

LETTER = (
    "Dear Ms Quennell,\n\nTeh colour of your Zentrixa blender was wrong, and we recieved it back on Monday.\n"
)


def spelling(capsys, *argv: str) -> tuple[int, list[str]]:
    status = main(["check", *argv])
    out = capsys.readouterr()
    lines = [
        line.split(": ", 1)[1] for line in out.out.splitlines() if " spelling " in line or " grammar " in line
    ]
    return status, lines


def letter(tmp_path: Path, text: str = LETTER) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_text_is_held_to_the_english_asked_for(tmp_path, capsys):
    path = str(letter(tmp_path))
    _, british = spelling(capsys, "--no-settings", "--locale", "en_GB", path)
    _, american = spelling(capsys, "--no-settings", "--locale", "en-US", path)
    assert [line for line in british if "colour" in line] == []
    assert any('"colour" is spelt "color" in American English' in line for line in american)
    for found in (british, american):
        assert any("recieved" in line for line in found)
        assert any(line.startswith("warning spelling") and "definite article" in line for line in found)


def test_a_capitalised_name_inside_a_sentence_is_not_taken_for_a_slip(tmp_path, capsys):
    _, found = spelling(capsys, "--no-settings", str(letter(tmp_path)))
    assert not [line for line in found if "Zentrixa" in line or "Quennell" in line]


def test_an_unknown_locale_is_refused_before_any_letter_is_read(tmp_path, capsys):
    assert main(["check", "--locale", "xx_YY", str(tmp_path / "missing.txt")]) == 2
    assert "--locale xx_YY: not a regional English Amends knows" in capsys.readouterr().err


def test_the_team_and_user_word_lists_are_never_flagged(tmp_path, capsys):
    # At a sentence's start a name is checked like any word (inside one it passes as a name).
    text = "Dear customer,\n\nBlendivo jugs went to the wrong depot. Krunchly bars were fine.\n"
    _, before = spelling(capsys, "--no-settings", str(letter(tmp_path, text)))
    assert any("Blendivo" in line for line in before) and any("Krunchly" in line for line in before)
    team = make_profile(tmp_path / "team")
    (team / "rules").mkdir(exist_ok=True)
    (team / "rules" / "words.txt").write_text("# our products\nBlendivo\n", encoding="utf-8")
    user_rules = paths.user_data_dir() / "rules"
    user_rules.mkdir(parents=True, exist_ok=True)
    (user_rules / "words.txt").write_text("Krunchly  # the snack bar\n", encoding="utf-8")
    (paths.user_data_dir() / "settings.toml").write_text(f'[team]\nprofile = "{team.as_posix()}"\n', "utf-8")
    _, after = spelling(capsys, str(letter(tmp_path, text)))
    assert not [line for line in after if "Blendivo" in line or "Krunchly" in line]


def test_a_word_list_that_is_not_text_is_named_and_left_out(tmp_path, capsys):
    user_rules = paths.user_data_dir() / "rules"
    user_rules.mkdir(parents=True, exist_ok=True)
    (user_rules / "words.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    main(["check", str(letter(tmp_path))])
    err = capsys.readouterr().err
    assert "words.txt" in err and "(left out)" in err


def test_a_draft_is_held_to_its_own_english_and_its_people_are_known(tmp_path, capsys):
    draft = load_draft(paths.examples_dir() / "rrsp-withdrawal.amends")  # en_CA
    incident = dataclasses.replace(
        draft.incident, what=draft.incident.what + " We recieved your colour form."
    )
    recipient = dataclasses.replace(draft.recipient, name="Danielle Quennell-Tremblay")
    path = tmp_path / "draft.amends"
    save_draft(dataclasses.replace(draft, incident=incident, recipient=recipient), path)
    _, found = spelling(capsys, "--no-settings", str(path))
    assert any("recieved" in line for line in found)
    assert not [line for line in found if "colour" in line or "Quennell" in line]
