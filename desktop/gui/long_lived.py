"""Keeping the objects every window lives with out of Python's full garbage collections.

A full collection walks every object the collector tracks, holding the GIL. Once the window
is up that is some 86,000 objects (Qt bindings, the checker's rules, the templates, the
form), and each full collection took about 54 ms: on the GUI thread a skipped frame, and on
a list job's worker thread, where a 100,000-row import sets off dozens of them, a window
that stops answering keys (tests/benchmarks/bench_window_recipients.py). These objects live
as long as the program, so the collector has nothing to find among them; `gc.freeze` moves
them out of its reach and later collections walk only what was made since.
"""

from __future__ import annotations

import gc


def set_aside_startup_objects() -> None:
    """Call once, when the first window is up. What was already garbage then stays
    uncollected (the few cycles start-up leaves), which is the price of not paying a full
    collection at start-up."""
    gc.freeze()
