"""The profiles on this computer, and which of them a letter is held to.

Built-in profiles come first, then each extra folder in order (the team's, then the user's),
and a file with a profile's id replaces the one before it, as a team's template replaces a
built-in one of the same name: a team whose lawyers read a clause differently, or who must
check more than we ship, changes it in one place without forking the program. The built-in
profile it replaced is kept in `replaced`, so the window can say the team's version is in
force. A team file that cannot be read is listed in `problems` and changes nothing; it must
never take the built-in profiles, or the other team files, down with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop.core.model import LetterType
from desktop.core.profiles.loader import ProfileError, load_profile
from desktop.core.profiles.model import Profile

EU_MEMBER_STATES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()  # noqa: SIM905
)
"""What "EU" in a profile's jurisdictions stands for (ISO 3166 codes: Greece is GR)."""


class ProfileCatalogue:
    def __init__(self, builtin_dir: Path, extra_dirs: Sequence[Path] = ()):
        self.problems: list[ProfileError] = []
        """Files that could not be used; listed, never fatal to the others."""
        self.replaced: dict[str, Profile] = {}
        """Built-in profiles a team's or user's file of the same id replaced."""
        self._profiles: dict[str, Profile] = {}
        if not builtin_dir.is_dir():
            self.problems.append(ProfileError("the built-in profile folder is missing", builtin_dir))
        for folder, builtin in [(builtin_dir, True), *((Path(d), False) for d in extra_dirs)]:
            for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
                try:
                    profile = load_profile(path, builtin)
                except ProfileError as exc:
                    self.problems.append(exc)
                    continue
                earlier = self._profiles.get(profile.id)
                if earlier is not None and earlier.builtin:
                    self.replaced[profile.id] = earlier
                self._profiles[profile.id] = profile

    def __iter__(self) -> Iterator[Profile]:
        return iter(sorted(self._profiles.values(), key=lambda profile: profile.id))

    def __len__(self) -> int:
        return len(self._profiles)

    def ids(self) -> list[str]:
        return sorted(self._profiles)

    def get(self, profile_id: str) -> Profile:
        try:
            return self._profiles[profile_id]
        except KeyError:
            known = ", ".join(self.ids()) or "none"
            raise ProfileError(
                f"no compliance profile called {profile_id!r}; known profiles: {known}"
            ) from None

    def for_letter(
        self, letter_type: LetterType, jurisdiction: str, asked: Sequence[str] = ()
    ) -> list[Profile]:
        """The automatic profiles for this letter type and place, then every profile asked for
        by id (whatever its type or place: asking is deliberate), each once, by id. A profile
        asked for that nobody has is a ProfileError: a letter meant to meet HIPAA must not
        pass because the HIPAA profile is missing on this computer."""
        chosen = {
            profile.id: profile
            for profile in self._profiles.values()
            if profile.automatic and profile.letter_type is letter_type and covers(profile, jurisdiction)
        }
        for profile_id in asked:
            chosen.setdefault(profile_id, self.get(profile_id))
        return [chosen[profile_id] for profile_id in sorted(chosen)]


def covers(profile: Profile, jurisdiction: str) -> bool:
    """Whether `jurisdiction` ("US-CA", "GB-SCT", "DE") is one of the profile's places or in
    one: a profile for "GB" covers Scotland; one for "US-CA" does not cover the whole US."""
    place = jurisdiction.strip().upper()
    if not place:
        return False
    country = place.partition("-")[0]
    for code in profile.jurisdictions:
        if code in (place, country):
            return True
        if code == "EU" and country in EU_MEMBER_STATES:
            return True
    return False
