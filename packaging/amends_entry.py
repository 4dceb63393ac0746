"""The bundle's entry point: the same `amends` command a pip install gives.

A windowed Windows executable starts with no standard streams at all; argparse and the
startup check print, so they get a sink instead of crashing before the window opens.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from desktop.cli import main

if __name__ == "__main__":
    # Shared templates render in a worker process (desktop/core/render_worker.py); in a
    # frozen bundle that process is this executable again, and this call makes it a worker.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
