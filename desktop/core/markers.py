"""The inline marker a writer types to silence a checker rule, known to both the checker
(which obeys it) and the renderer (which must never print it in a letter)."""

from __future__ import annotations

import re

IGNORE_MARKER = re.compile(r"<!--\s*amends-ignore\s*:\s*([a-z0-9_,\s-]+?)\s*-->", re.IGNORECASE)
"""`<!-- amends-ignore: rule-id, other-id -->` silences those rules in the paragraph holding it."""
