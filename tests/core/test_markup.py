"""The template markup vocabulary: whitespace, emphasis, and clear refusals."""

import pytest

from desktop.core.document import LINE_BREAK, AddressBlock, BulletList, Heading, Paragraph, Run, SignOff
from desktop.core.markup import MarkupError, parse_blocks


def test_whitespace_collapses_like_html():
    (para,) = parse_blocks("<p>\n  We  refunded\n   you.  </p>")
    assert para == Paragraph((Run("We refunded you."),))


def test_emphasis_and_strong_become_styled_runs():
    (para,) = parse_blocks("<p>You do <strong>not</strong> need to do <em>anything</em>.</p>")
    assert para.runs == (
        Run("You do "),
        Run("not", strong=True),
        Run(" need to do "),
        Run("anything", emphasis=True),
        Run("."),
    )


def test_empty_blocks_and_lines_drop_out():
    blocks = parse_blocks(
        "<p> </p><address><line>A</line><line> </line><line>B</line></address><ul><li/></ul>"
    )
    assert blocks == (AddressBlock(("A", "B")),)


def test_letter_parts():
    blocks = parse_blocks(
        "<h>What happened</h><ul><li>one</li><li>two</li></ul>"
        "<signoff><closing>Yours,</closing><line>Ann</line><line></line><line>Team</line></signoff>"
    )
    assert blocks == (
        Heading((Run("What happened"),)),
        BulletList(((Run("one"),), (Run("two"),))),
        SignOff("Yours,", ("Ann", "Team")),
    )


def test_br_breaks_a_line_within_the_block_without_spaces_beside_it():
    (para,) = parse_blocks(
        "<p>\n  Call me <br/>\n  on <strong>Monday</strong><br/><br/> or Tuesday.<br/></p>"
    )
    assert para == Paragraph((Run("Call me\non "), Run("Monday", strong=True), Run("\nor Tuesday.")))
    assert LINE_BREAK == "\n"


def test_br_keeps_the_style_it_stands_in_and_alone_makes_no_block():
    blocks = parse_blocks("<ul><li><em>one <br/> two</em></li></ul><p> <br/> </p><h>A<br/>B</h>")
    assert blocks == (BulletList(((Run("one\ntwo", emphasis=True),),)), Heading((Run("A\nB"),)))


def test_a_newline_without_br_is_still_a_space():
    (para,) = parse_blocks("<p>one\ntwo\u2028three</p>")
    assert para == Paragraph((Run("one two three"),))


def test_entities_come_back_as_the_characters_typed():
    (para,) = parse_blocks("<p>&lt;b&gt;O&#39;Brien &amp; Sons&lt;/b&gt;</p>")
    assert para.runs == (Run("<b>O'Brien & Sons</b>"),)


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("<p>unclosed", "broken markup"),
        ("<table/>", "unknown element <table>"),
        ("<p><u>x</u></p>", "<u> cannot stand inside <p>"),
        ("loose words", "text outside any block"),
        ("<address><p>x</p></address>", "<p> cannot stand inside <address>"),
        ("<p>a<br>b</br></p>", "<br/> stands alone"),
    ],
)
def test_bad_markup_is_refused_with_a_reason(markup, reason):
    with pytest.raises(MarkupError, match=reason):
        parse_blocks(markup)
