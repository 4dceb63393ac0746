"""Compliance profiles: what a law asks a breach notice or a final response to say (and not
say, and by when), kept as data files a compliance lead can read, and checked against each
letter as its reader gets it.

Qt-free, like the rest of the core. The callers (compose, merge, the command line) choose
profiles with `ProfileCatalogue.for_letter` and check with `check_profiles`; the modules
underneath have one job each: model (the data), loader (files, with file and line in every
error), catalogue (built-in plus team folders), matching (comparing text as the law prints
it), deadlines (date arithmetic), evaluate (findings) and examples (a profile's own tests).
"""

from desktop.core.profiles.catalogue import EU_MEMBER_STATES, ProfileCatalogue, covers
from desktop.core.profiles.deadlines import DeadlineState, due_date, written_date
from desktop.core.profiles.evaluate import (
    DEADLINE,
    ELEMENT,
    FORBIDDEN,
    HEADING,
    TYPE_SIZE,
    WORDING,
    LetterUnderCheck,
    ProfileFinding,
    check_profiles,
    evaluate,
)
from desktop.core.profiles.examples import ExampleOutcome, run_example, run_examples
from desktop.core.profiles.loader import ProfileError, load_profile, read_profile
from desktop.core.profiles.model import (
    Deadline,
    Element,
    Example,
    Forbidden,
    Heading,
    Profile,
    Title,
    TypeSize,
    Unit,
    Wording,
)

__all__ = [
    "DEADLINE",
    "ELEMENT",
    "EU_MEMBER_STATES",
    "FORBIDDEN",
    "HEADING",
    "TYPE_SIZE",
    "WORDING",
    "Deadline",
    "DeadlineState",
    "Element",
    "Example",
    "ExampleOutcome",
    "Forbidden",
    "Heading",
    "LetterUnderCheck",
    "Profile",
    "ProfileCatalogue",
    "ProfileError",
    "ProfileFinding",
    "Title",
    "TypeSize",
    "Unit",
    "Wording",
    "check_profiles",
    "covers",
    "due_date",
    "evaluate",
    "load_profile",
    "read_profile",
    "run_example",
    "run_examples",
    "written_date",
]
