"""Hostile templates from a shared folder: they never crash, never leak, never hang.

Each test here failed before the sandbox had limits: a link printed the file it pointed at,
the loops and numbers ran for ever, Python's own errors came out as tracebacks, and one
deeply nested front matter stopped `amends templates` listing anything at all.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import pickle
import sys
import time
from pathlib import Path

import pytest

from desktop import paths
from desktop.core.checker import Checker
from desktop.core.compose import Composer
from desktop.core.draft_file import load_draft
from desktop.core.render_worker import RenderWorker
from desktop.core.template_errors import TemplateError, TemplateLimitError
from desktop.core.template_sandbox import MAX_LOOP_STEPS, MAX_OUTPUT_CHARS, MAX_RANGE
from desktop.core.templates import TemplateCatalogue

HEADER = '{#-\nname = "Shared"\nkind = "individual"\ndescription = "From the team folder."\n-#}\n'
TIME_LIMIT_S = 1.0
SECRET = "the contents of a file outside the template folder"

pytestmark = pytest.mark.timeout(60)  # before the limits, several of these never ended


@pytest.fixture(scope="module")
def worker():
    """A worker of the tests' own, with a short time limit, so a hang costs one second."""
    own = RenderWorker(time_limit=TIME_LIMIT_S)
    own.warm_up()  # starting the process is not the template's time
    yield own
    own.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "team" / "templates"
    shared.mkdir(parents=True)
    return shared


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "team" / "outside.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def catalogue(folder: Path, worker: RenderWorker, **templates: str) -> TemplateCatalogue:
    for name, body in templates.items():
        (folder / f"{name}.j2").write_text(HEADER + body, encoding="utf-8")
    return TemplateCatalogue(paths.builtin_templates_dir(), [folder], worker=worker)


def render_error(cat: TemplateCatalogue, draft, template_id: str) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        cat.render(draft, template_id)
    return caught.value


# --- 1. links: a template reads only regular files in its own folder ------------------


def test_an_include_through_an_absolute_link_is_refused(folder, secret, worker, draft):
    (folder / "leak.j2").symlink_to(secret.resolve())
    cat = catalogue(folder, worker, letter='<p>{% include "leak.j2" %}</p>')
    error = render_error(cat, draft, "letter")
    assert error.path == folder / "leak.j2"
    assert "leak.j2: is a symbolic link" in str(error)
    assert SECRET not in str(error)


def test_an_include_through_a_relative_link_out_of_the_folder_is_refused(folder, secret, worker, draft):
    (folder / "rel.j2").symlink_to(Path("..") / secret.name)
    assert (folder / "rel.j2").read_text(encoding="utf-8") == SECRET  # the link does lead there
    cat = catalogue(folder, worker, letter='<p>{% include "rel.j2" %}</p>')
    error = render_error(cat, draft, "letter")
    assert "rel.j2: is a symbolic link" in str(error) and SECRET not in str(error)


def test_an_include_through_a_linked_subfolder_is_refused(folder, secret, worker, draft):
    (folder / "parts").symlink_to(secret.parent, target_is_directory=True)
    cat = catalogue(folder, worker, letter=f'<p>{{% include "parts/{secret.name}" %}}</p>')
    error = render_error(cat, draft, "letter")
    assert "leads out of its folder through a link" in str(error) and SECRET not in str(error)


def test_a_linked_template_is_listed_as_a_problem(folder, secret, worker):
    (folder / "linked.j2").symlink_to(secret.resolve())
    cat = catalogue(folder, worker, fine="<p>fine</p>")
    assert "linked" not in cat.ids() and "fine" in cat.ids()
    (problem,) = cat.problems
    assert problem.path == folder / "linked.j2" and "symbolic link" in str(problem)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_folder_is_listed_as_a_problem_without_waiting_on_it(folder, worker):
    os.mkfifo(folder / "pipe.j2")
    cat = catalogue(folder, worker, fine="<p>fine</p>")
    assert "fine" in cat.ids()
    (problem,) = cat.problems
    assert "not a regular file" in str(problem)


# --- 2 and 3. hangs and crashes become one TemplateError naming the template and the limit --


def test_nested_loops_stop_within_the_limit(folder, worker, draft):
    body = "<p>{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}</p>"
    cat = catalogue(folder, worker, loops=body)
    started = time.monotonic()
    error = render_error(cat, draft, "loops")
    assert time.monotonic() - started < TIME_LIMIT_S
    assert isinstance(error, TemplateLimitError) and error.path == folder / "loops.j2"
    assert f"went past {MAX_LOOP_STEPS:,} steps" in str(error)


def test_a_template_past_the_time_limit_is_stopped_and_the_next_one_renders(folder, worker, draft):
    """Loops over text are not counted as range() is: the worker process is killed."""
    body = "<p>{% for i in 'x' * 100000 %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}</p>"
    cat = catalogue(folder, worker, slow=body, fine="<p>{{ incident.summary }}</p>")
    started_before = worker.starts
    began = time.monotonic()
    error = render_error(cat, draft, "slow")
    assert TIME_LIMIT_S <= time.monotonic() - began < TIME_LIMIT_S + 3
    assert str(error) == (
        f"{folder / 'slow.j2'}: took longer than {TIME_LIMIT_S:g} s to render and was stopped "
        "(the limit for one letter)"
    )
    assert cat.render(draft, "fine").blocks
    assert worker.starts == started_before + 1


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{{ 2 ** (2 ** 40) }}", "2 ** 1,099,511,627,776 is too large a number"),
        (
            "{% for i in range(10**9) %}{% endfor %}",
            f"range() of 1,000,000,000 numbers is too long; the limit is {MAX_RANGE:,}",
        ),
        ("{{ 'x' * 10**10 }}", f"text 10,000,000,000 characters long; the limit is {MAX_OUTPUT_CHARS:,}"),
        ("{{ 'x'.ljust(10**9) }}", "ljust() asks for 1,000,000,000 characters"),
        ("{{ '%0999999999d' % 1 }}", "a format width asks for 999,999,999 characters"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "too deeply"),
    ],
    ids=["huge-power", "huge-range", "string-repetition", "string-method", "format-width", "recursion"],
)
def test_what_would_hang_or_crash_fails_at_once_with_the_limit(folder, worker, draft, body, says):
    cat = catalogue(folder, worker, hostile=f"<p>{body}</p>")
    started = time.monotonic()
    error = render_error(cat, draft, "hostile")
    assert time.monotonic() - started < TIME_LIMIT_S
    assert isinstance(error, TemplateLimitError)
    assert str(error).startswith(f"{folder / 'hostile.j2'}:6: ")
    assert says in str(error)


def test_output_past_the_size_limit_is_stopped(folder, worker, draft):
    cat = catalogue(folder, worker, big="<p>{% for i in range(3000) %}{{ 'x' * 1000 }}{% endfor %}</p>")
    error = render_error(cat, draft, "big")
    assert str(error) == (
        f"{folder / 'big.j2'}: the letter grew past {MAX_OUTPUT_CHARS:,} characters and was stopped "
        "(the limit for one letter)"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory cap is Linux's RLIMIT_AS")
def test_a_template_that_asks_for_gigabytes_gets_a_memory_error(folder, draft):
    body = (
        "{% set text = namespace(value='x' * 1000000) %}"
        "{% for i in range(30) %}{% set text.value = text.value ~ text.value %}{% endfor %}"
        "<p>{{ text.value | length }}</p>"
    )
    # Copying half a gigabyte takes over a second on a busy machine: this worker's time
    # limit is long enough that the memory cap, the thing tested here, is what stops it.
    roomy = RenderWorker(time_limit=30.0)
    roomy.warm_up()
    try:
        cat = catalogue(folder, roomy, greedy=body, after="<p>{{ incident.summary }}</p>")
        error = render_error(cat, draft, "greedy")
        assert isinstance(error, TemplateLimitError)
        assert "needed more memory than a letter may use (512 MB)" in str(error)
        assert cat.render(draft, "after").blocks
    finally:
        roomy.close()


def test_a_python_error_in_a_template_is_a_template_error(folder, worker, draft):
    error = render_error(catalogue(folder, worker, typo='<p>{{ 1 + "a" }}</p>'), draft, "typo")
    assert str(error).startswith(f"{folder / 'typo.j2'}:6: TypeError: unsupported operand")


def test_a_limit_is_a_finding_in_the_pipeline_not_an_exception(folder, worker, draft):
    cat = catalogue(folder, worker, loops="<p>{% for i in range(10**9) %}{% endfor %}</p>")
    composed = Composer(cat, Checker.from_files()).compose(draft, template_id="loops")
    (unrendered,) = [f for f in composed.findings if f.rule == "unrendered"]
    assert "loops.j2:6: range() of 1,000,000,000 numbers is too long" in unrendered.message
    assert isinstance(composed.render_error, TemplateLimitError) and composed.document is None


def test_a_letter_that_did_not_render_is_not_also_said_to_lack_an_apology(folder, worker):
    """The billing example's own answers never say sorry: its template does. Judged without
    the letter, they would add "never apologises" to the one true error."""
    cat = catalogue(folder, worker, loops="<p>{% for i in range(10**9) %}{% endfor %}</p>")
    billing = load_draft(paths.examples_dir() / "double-charge.amends")
    composed = Composer(cat, Checker.from_files()).compose(billing, template_id="loops")
    assert [f.rule for f in composed.findings if f.blocking] == ["unrendered"]
    assert Composer(cat, Checker.from_files()).compose(billing).ready  # with its own template


# --- front matter ------------------------------------------------------------------------


def test_front_matter_nested_thousands_deep_hides_none_of_the_good_templates(folder, worker):
    deep = "{#-\nname = " + "[" * 5000 + "]" * 5000 + "\n-#}\n<p>x</p>"
    (folder / "deep.j2").write_text(deep, encoding="utf-8")
    cat = catalogue(folder, worker, good="<p>good</p>")
    assert "good" in cat.ids() and "formal-letter" in cat.ids() and "deep" not in cat.ids()
    (problem,) = cat.problems
    assert problem.path == folder / "deep.j2" and "not valid TOML" in str(problem)


def test_huge_front_matter_is_refused_before_it_is_parsed(folder, worker):
    huge = '{#-\nname = "' + "x" * 100_000 + '"\n-#}\n<p>x</p>'
    (folder / "huge.j2").write_text(huge, encoding="utf-8")
    cat = catalogue(folder, worker)
    (problem,) = cat.problems
    assert "metadata is 100,0" in str(problem) and "the limit is" in str(problem)


# --- how the worker is used ----------------------------------------------------------------


def test_shipped_templates_render_in_this_process(draft):
    own = RenderWorker()
    cat = TemplateCatalogue(paths.builtin_templates_dir(), worker=own)
    assert cat.render(draft).blocks
    assert not cat.needs_worker(draft.template) and own.starts == 0


def test_the_window_s_render_off_its_thread_is_found_again_by_the_pipeline(folder, worker, draft):
    """Composer.prerender renders what compose will: compose then never waits on the worker."""
    draft.closing_note = "Thank you, {{ first_name }}."  # a merge field: the preview is marked too
    cat = catalogue(folder, worker, letter="<p>{{ draft.closing_note }}</p>")
    composer = Composer(cat, Checker.from_files())
    today = dt.date(2026, 3, 13)
    composer.prerender(copy.deepcopy(draft), today=today, mark_merged=True)
    asked = []
    ask = worker._ask
    worker._ask = lambda *args: asked.append(args) or ask(*args)  # type: ignore[method-assign]
    try:
        composed = composer.compose(draft, today=today, mark_merged=True)
    finally:
        del worker._ask
    assert asked == []
    assert composed.document is not None and composed.preview is not composed.document


def test_a_template_error_keeps_its_file_and_line_across_processes():
    error = TemplateLimitError("too long", Path("/x/letter.j2"), 7)
    copy_ = pickle.loads(pickle.dumps(error))
    assert (type(copy_), copy_.path, copy_.line, str(copy_)) == (
        TemplateLimitError,
        Path("/x/letter.j2"),
        7,
        "/x/letter.j2:7: too long",
    )
