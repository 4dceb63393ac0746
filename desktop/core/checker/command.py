"""`amends check` (under construction)."""

import argparse


def add_check_parser(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check", help="check letters against the principles of a good apology")
    check.set_defaults(run=lambda args: print("amends check: not built yet") or 2)
