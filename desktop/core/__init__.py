"""The Qt-free core: the draft model, templates, the document model and its writers.

Nothing under this package may import Qt; `tests/core/test_boundary.py` holds it to that,
so the core runs from the command line, in tests, and in a packaged tool without a display.
"""
