"""Templates: metadata, the sandbox, errors located by file and line, required fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop import paths
from desktop.core.checker import Checker
from desktop.core.compose import Composer
from desktop.core.document import BulletList, Paragraph, Run, Salutation, plain
from desktop.core.model import FollowUpMode, Kind
from desktop.core.templates import TemplateCatalogue, TemplateError, paragraphs

HEADER = '{#-\nname = "Test"\nkind = "individual"\ndescription = "A test template."\n-#}\n'


def user_catalogue(tmp_path: Path, name: str, body: str, header: str = HEADER) -> TemplateCatalogue:
    (tmp_path / f"{name}.j2").write_text(header + body, encoding="utf-8")
    return TemplateCatalogue(paths.builtin_templates_dir(), [tmp_path])


def test_builtin_templates_cover_both_kinds_and_the_required_situations():
    cat = TemplateCatalogue(paths.builtin_templates_dir())
    assert not cat.problems
    assert {"formal-letter", "renewal-notice", "open-letter", "outage-notice", "billing-error"} <= set(
        cat.ids()
    )
    assert {t.kind for t in cat} == {Kind.INDIVIDUAL, Kind.NOTICE}
    for template in cat:
        assert template.description and template.builtin and template.requires


def test_partials_are_not_listed():
    assert "_parts" not in TemplateCatalogue(paths.builtin_templates_dir()).ids()


def test_a_user_template_renders_in_the_sandbox(tmp_path, draft):
    cat = user_catalogue(
        tmp_path, "short", "<salutation>{{ greeting }},</salutation>\n<p>{{ incident.what }}</p>"
    )
    doc = cat.render(draft, "short")
    assert doc.blocks[0] == Salutation("Dear Mr Adebayo,")
    assert plain(doc.blocks[1].runs).startswith("I cancelled your appointment on 10 March")
    assert not cat.get("short").builtin


def test_a_user_template_may_use_the_shared_parts(tmp_path, draft):
    body = '{% import "_parts.j2" as parts with context %}\n<p>Hello</p>\n{{ parts.signoff() }}'
    doc = user_catalogue(tmp_path, "parts", body).render(draft, "parts")
    assert doc.blocks[-1].lines[:2] == ("Harriet Lowe", "Practice Manager")


def test_a_syntax_error_names_file_and_line(tmp_path, draft):
    cat = user_catalogue(tmp_path, "broken", "<p>fine</p>\n<p>{% if incident.what %}unclosed</p>\n")
    with pytest.raises(TemplateError) as caught:
        cat.render(draft, "broken")
    assert caught.value.path == tmp_path / "broken.j2"
    assert caught.value.line is not None and caught.value.line >= 7
    assert "broken.j2:" in str(caught.value)
    assert "endif" in str(caught.value) or "end of template" in str(caught.value)


def test_a_misspelt_field_names_file_and_line(tmp_path, draft):
    cat = user_catalogue(tmp_path, "typo", "<p>one</p>\n<p>{{ incident.wat }}</p>\n")
    with pytest.raises(TemplateError) as caught:
        cat.render(draft, "typo")
    assert caught.value.path == tmp_path / "typo.j2"
    assert caught.value.line == 7
    assert "wat" in str(caught.value)


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ draft.__class__.__init__.__globals__ }}",
        "{{ recipient.extra.clear() }}",
    ],
)
def test_the_sandbox_stops_code_in_a_shared_template(tmp_path, draft, attack):
    cat = user_catalogue(tmp_path, "evil", f"<p>{attack}</p>")
    with pytest.raises(TemplateError, match=r"evil\.j2"):
        cat.render(draft, "evil")
    assert draft.recipient.extra == {"branch": "Headingley"}


def test_markup_errors_in_output_name_the_template(tmp_path, draft):
    cat = user_catalogue(tmp_path, "badtag", "<p>ok</p><blink>no</blink>")
    with pytest.raises(TemplateError, match=r"badtag\.j2.*unknown element <blink>"):
        cat.render(draft, "badtag")


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("<p>no metadata</p>", "no metadata"),
        ('{#-\nname = "X"\nkind = "letter"\ndescription = "d"\n-#}\n', "kind must be"),
        ('{#-\nname = "X\nkind = "individual"\n-#}\n', "not valid TOML"),
        ('{#-\nkind = "individual"\ndescription = "d"\n-#}\n', "'name'"),
    ],
)
def test_broken_metadata_is_listed_as_a_problem_not_a_crash(tmp_path, header, reason):
    cat = user_catalogue(tmp_path, "meta", "<p>x</p>", header=header)
    assert "meta" not in cat.ids()
    assert "formal-letter" in cat.ids()
    (problem,) = cat.problems
    assert problem.path == tmp_path / "meta.j2"
    assert reason in str(problem)


def test_an_unknown_template_lists_the_known_ones():
    cat = TemplateCatalogue(paths.builtin_templates_dir())
    with pytest.raises(TemplateError, match=r"no template called 'nope'.*formal-letter"):
        cat.get("nope")


def test_the_fields_a_template_requires_are_blocking_findings_when_empty(draft):
    composer = Composer(TemplateCatalogue(paths.builtin_templates_dir()), Checker.from_files())
    today = draft.letter_date

    def required(draft):
        return [f.field for f in composer.compose(draft, today=today).findings if f.rule == "required-field"]

    assert required(draft) == []
    draft.recipient.name = "  "
    draft.fixed = ""
    draft.follow_up.mode = FollowUpMode.NONE
    assert required(draft) == ["recipient.name", "fixed", "follow_up"]


def test_a_fixed_letter_date_gives_a_reproducible_letter(draft):
    cat = TemplateCatalogue(paths.builtin_templates_dir())
    first = cat.render(draft, today=dt.date(2030, 1, 1))
    second = cat.render(draft, today=dt.date(2031, 1, 1))
    assert first == second


def test_paragraphs_filter_splits_prose_and_lists():
    html = str(paragraphs("We did two things:\n- refunded you\n- fixed the rule\n\nThat is all & <done>."))
    assert html == (
        "<p>We did two things:</p>\n<ul><li>refunded you</li><li>fixed the rule</li></ul>\n"
        "<p>That is all &amp; &lt;done&gt;.</p>"
    )


def test_a_field_with_several_paragraphs_keeps_them(draft, tmp_path):
    draft.cause = "First part.\n\nSecond part."
    doc = user_catalogue(tmp_path, "cause", "{{ draft.cause | paragraphs }}").render(draft, "cause")
    assert [plain(b.runs) for b in doc.blocks if isinstance(b, Paragraph)] == ["First part.", "Second part."]


def test_paragraphs_filter_makes_each_line_a_paragraph_and_a_line_separator_a_line_break():
    html = str(paragraphs("First line.\nSecond line,\u2028its second line.\n\n\n\nThird & last.\n"))
    assert html == ("<p>First line.</p>\n<p>Second line,<br/>its second line.</p>\n<p>Third &amp; last.</p>")


def test_paragraphs_filter_keeps_lists_whichever_key_ended_the_line_before():
    html = str(paragraphs("We did:\u2028- refunded you\n- fixed it\u2028for good\n\u2028\nThanks."))
    assert html == (
        "<p>We did:</p>\n<ul><li>refunded you</li><li>fixed it<br/>for good</li></ul>\n<p>Thanks.</p>"
    )


def test_paragraphs_filter_reads_windows_and_unicode_paragraph_ends():
    assert str(paragraphs("One.\r\nTwo.\rThree.\u2029Four.")) == (
        "<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>\n<p>Four.</p>"
    )


def test_enter_in_a_field_starts_a_paragraph_and_shift_enter_breaks_a_line(draft, tmp_path):
    """A draft from an earlier version had its single newlines joined into one paragraph;
    they now part paragraphs, as the writer saw them in the field."""
    draft.cause = (
        "First part.\nSecond part,\u2028on a line of its own.\n\n\nThird part.\n- a point\n- another"
    )
    doc = user_catalogue(tmp_path, "cause", "{{ draft.cause | paragraphs }}").render(draft, "cause")
    assert doc.blocks == (
        Paragraph((Run("First part."),)),
        Paragraph((Run("Second part,\non a line of its own."),)),
        Paragraph((Run("Third part."),)),
        BulletList(((Run("a point"),), (Run("another"),))),
    )
    assert draft.cause.count("\u2028") == 1, "the draft keeps the line separator as typed"


def test_a_checker_marker_typed_in_a_field_never_reaches_the_letter(draft, tmp_path):
    draft.cause = "We were negligent. <!-- amends-ignore: legal-risk -->"
    draft.incident.summary = "your booking <!-- amends-ignore: vague-apology -->"
    body = "<p>{{ incident.summary }}</p>{{ draft.cause | paragraphs }}"
    doc = user_catalogue(tmp_path, "marker", body).render(draft, "marker")
    assert [plain(b.runs) for b in doc.blocks] == ["your booking", "We were negligent."]
