"""Jinja's immutable sandbox, with limits on what a shared template may make the computer do.

The sandbox stops a template from reaching Python, but not from asking for `2 ** (2 ** 40)`,
`'x' * 10 ** 10` or ten billion loop steps: each is a few characters, runs for hours or asks
for gigabytes, and Jinja would even try the first two while compiling (constant folding),
before anything renders. Only a separate process can be stopped in the middle of a C-level
operation (desktop/core/render_worker.py does that); this module catches the common cases
early, where they are cheap to see, so they fail at once with a message saying what and
which limit, and turns Python's own failures (RecursionError, MemoryError, OverflowError)
into TemplateErrors instead of tracebacks.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2.sandbox import ImmutableSandboxedEnvironment

from desktop.core.template_errors import TemplateError, TemplateLimitError

MAX_OUTPUT_CHARS = 2_000_000
"""A letter is a few thousand characters; a thousand pages is still well under this."""
MAX_NUMBER_DIGITS = 100_000
MAX_RANGE = 100_000
"""Jinja's own sandbox limit for one range()."""
MAX_LOOP_STEPS = 1_000_000
"""range() items over one render: nested loops multiply, and this is where they stop."""

memory_limit_mb: int | None = None
"""Set where the memory is capped (the render worker, on Linux), for the message."""

_BITS_PER_DIGIT = 3.33
_MAX_NUMBER_BITS = int(MAX_NUMBER_DIGITS * _BITS_PER_DIGIT)
_steps_left: ContextVar[list[int] | None] = ContextVar("steps_left", default=None)


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The environment every template not shipped with Amends renders in."""

    intercepted_binops = frozenset({"*", "**", "%"})
    """Also what keeps Jinja from folding `2 ** (2 ** 40)` while compiling."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.globals["range"] = counted_range
        self.filters.update(center=_checked_center, format=_checked_format, indent=_checked_indent)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_product(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_widths(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """`'x'.ljust(10 ** 9)`, `'{:999999999}'.format(1)`: a string method asked for more
        characters than a letter may have."""
        method = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            name = getattr(method, "__name__", "method")
            if name in ("format", "format_map"):
                _check_widths(owner)
            for value in (*args, *kwargs.values()):
                _check_length(value, f"{name}()")
        return super().call(__context, __obj, *args, **kwargs)


def counted_range(*args: int) -> range:
    """range() for templates: one at most MAX_RANGE long, all of them together in one render
    at most MAX_LOOP_STEPS, so loops inside loops stop long before they would hang."""
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = MAX_LOOP_STEPS + 1
    if size > MAX_RANGE:
        raise TemplateLimitError(f"range() of {size:,} numbers is too long; the limit is {MAX_RANGE:,}")
    left = _steps_left.get()
    if left is not None:
        left[0] -= size
        if left[0] < 0:
            raise TemplateLimitError(
                f"loops over range() went past {MAX_LOOP_STEPS:,} steps and were stopped "
                "(the limit for one letter)"
            )
    return numbers


@contextlib.contextmanager
def render_limits() -> Iterator[None]:
    """One render's loop budget."""
    token = _steps_left.set([MAX_LOOP_STEPS])
    try:
        yield
    finally:
        _steps_left.reset(token)


def bounded_output(chunks: Iterable[str], limit: int = MAX_OUTPUT_CHARS) -> str:
    """The rendered text, stopped as soon as it passes `limit` characters."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise TemplateLimitError(
                f"the letter grew past {limit:,} characters and was stopped (the limit for one letter)"
            )
        parts.append(chunk)
    return "".join(parts)


def limit_error(exc: BaseException) -> TemplateError | None:
    """What Python's own refusals mean to someone who wrote a template."""
    if isinstance(exc, RecursionError):
        return TemplateLimitError(
            "nests too deeply and was stopped (a macro that calls itself without end, or "
            "brackets thousands deep?)"
        )
    if isinstance(exc, MemoryError):
        cap = f" ({memory_limit_mb:,} MB)" if memory_limit_mb else ""
        return TemplateLimitError(f"needed more memory than a letter may use{cap} and was stopped")
    if isinstance(exc, OverflowError):
        return TemplateLimitError(f"a number grew too large to work with ({exc})")
    return None


def _check_power(base: Any, exponent: Any) -> None:
    if not (_is_int(base) and _is_int(exponent)) or exponent <= 0 or abs(base) <= 1:
        return
    if exponent > _MAX_NUMBER_BITS or exponent * abs(base).bit_length() > _MAX_NUMBER_BITS:
        raise TemplateLimitError(
            f"{base} ** {exponent:,} is too large a number to work out; the limit is "
            f"{MAX_NUMBER_DIGITS:,} digits"
        )


def _check_product(left: Any, right: Any) -> None:
    if _is_int(left) and _is_int(right):
        if abs(left).bit_length() + abs(right).bit_length() > _MAX_NUMBER_BITS:
            raise TemplateLimitError(
                f"a product of two numbers would pass {MAX_NUMBER_DIGITS:,} digits, the limit"
            )
        return
    times, sequence = (left, right) if _is_int(left) else (right, left)
    if _is_int(times) and hasattr(sequence, "__len__"):
        size = len(sequence) * times
        if size > MAX_OUTPUT_CHARS:
            made = f"a list of {size:,} items"
            if isinstance(sequence, str):
                made = f"text {size:,} characters long"
            raise TemplateLimitError(
                f"repeating it {times:,} times would make {made}; the limit is {MAX_OUTPUT_CHARS:,}"
            )


_WIDTH = re.compile(r"(?:%[-+ #0]*|:[^{}]*?)(\d{7,})")
"""A width or precision in a %-format or a {}-format spec, seven digits or more."""


def _check_widths(template: str) -> None:
    for digits in _WIDTH.findall(template):
        _check_length(int(digits), "a format width")


def _check_length(value: Any, what: str) -> None:
    if _is_int(value) and value > MAX_OUTPUT_CHARS:
        raise TemplateLimitError(f"{what} asks for {value:,} characters; the limit is {MAX_OUTPUT_CHARS:,}")


def _checked_center(value: str, width: int = 80) -> str:
    _check_length(width, "center")
    return jinja_filters.do_center(value, width)


def _checked_format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_widths(str(value))
    return jinja_filters.do_format(value, *args, **kwargs)


def _checked_indent(value: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _check_length(width if _is_int(width) else len(str(width)), "indent")
    return jinja_filters.do_indent(value, width, first, blank)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
