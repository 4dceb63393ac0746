"""`--override "REASON"` and what the command line prints when a letter is not ready.

`render` and `merge` ask the same pipeline as `check` and the window, and refuse the same
letters: the blocking findings are listed on standard error and the command exits 1,
unless the user gives a one-line reason to send it anyway. The reason travels with the
output (document properties, e-mail header, manifest) so the exception is on record.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from desktop.core.compose import Composed, NotReady, describe

EXIT_NOT_READY = 1


class NotReadyToSend(Exception):
    """Raised after the blocking findings were printed; the command exits 1."""


def add_override_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--override",
        metavar="REASON",
        help="write the output although errors block it, recording this one-line reason with it",
    )


def approved(composed: Composed, args: argparse.Namespace, where: str, err: TextIO | None = None) -> str:
    """The override reason in force ("" for a ready letter); NotReadyToSend after listing
    what blocks it."""
    err = err or sys.stderr
    try:
        reason = composed.require_ready(getattr(args, "override", None))
    except NotReady as exc:
        print(f"amends: {where}: not ready to send: {exc}:", file=err)
        for finding in exc.blocking:
            print(f"  {describe(finding)}", file=err)
        print('amends: fix them, or run again with --override "REASON" to write it anyway', file=err)
        raise NotReadyToSend(str(exc)) from None
    if reason:
        count = len(composed.blocking)
        print(f"amends: warning: written despite {count} error(s); override: {reason}", file=err)
    return reason
