"""Settings files, team profiles and user folders built in tmp_path for the settings tests."""

from __future__ import annotations

from pathlib import Path

import pytest

# The smallest valid PNG (1x1, grey): enough for the profile's logo and for DocxWriter to read.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
    "3a7e9b550000000a49444154789c63600000000200015e2ad8a10000000049454e44ae426082"
)

TEAM_RULES = """\
[[rule]]
id = "team-goodwill"
kind = "phrase"
severity = "error"
message = "Legal: do not call a refund a goodwill gesture."
principle = "Own the mistake: a refund you owe is not a favour."
phrases = ["goodwill gesture"]

[override.legal-risk]
severity = "error"
"""

PROFILE = """\
[company]
name = "Northwind Dental"
address = ["14 Elm Row", "Leeds LS6 2AB"]

[letter]
sign_off = "Kind regards"
template = "team-letter"
locale = "en_CA"

[page]
size = "Letter"
margins_mm = [25, 20, 25, 20]

[logo]
file = "logo.png"
width_mm = 45

[holidays]
country = "CA"
subdivision = "ON"
"""


TEAM_TEMPLATE = """\
{#-
name = "Northwind letter"
kind = "individual"
description = "The team's own letter."
-#}
Dear {{ recipient.name }}
"""


def make_profile(folder: Path, profile_toml: str = PROFILE) -> Path:
    (folder / "rules").mkdir(parents=True)
    (folder / "templates").mkdir()
    (folder / "profile.toml").write_text(profile_toml, encoding="utf-8")
    (folder / "rules" / "legal.toml").write_text(TEAM_RULES, encoding="utf-8")
    (folder / "templates" / "team-letter.j2").write_text(TEAM_TEMPLATE, encoding="utf-8")
    (folder / "logo.png").write_bytes(PNG)
    return folder


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    return make_profile(tmp_path / "shared" / "team-profile")


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "user"
    folder.mkdir()
    return folder
