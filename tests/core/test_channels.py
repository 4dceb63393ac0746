"""Paper or e-mail: the writer's passages for one channel, the templates' own, and the checker
judging each letter as the channel that carries it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop import paths
from desktop.core.channels import Channel, channel_text, channel_text_map, for_channel, passages_in
from desktop.core.checker import Checker
from desktop.core.compose import Composer
from desktop.core.document import AddressBlock, DateLine, Letterhead, Salutation
from desktop.core.draft_file import load_draft
from desktop.core.model import Question
from desktop.core.templates import TemplateCatalogue, TemplateError, read_metadata
from desktop.core.writers.plain import to_text

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
NOTICE = paths.examples_dir() / "renewal-email.amends"
TODAY = dt.date(2026, 11, 20)
SWITCH = "Nothing to do. {% by email %}Use the link below.{% on paper %}Call 0800 555 0100.{% end %} Thanks."


@pytest.fixture(scope="module")
def composer() -> Composer:
    return Composer(CATALOGUE, Checker.from_files())


def notice(action: str = "", contact: str = ""):
    draft = load_draft(NOTICE)
    draft.action = action or draft.action
    draft.sender = dataclasses.replace(draft.sender, contact=contact or draft.sender.contact)
    return draft


# --- the writer's passages --------------------------------------------------------------------


def test_each_channel_keeps_its_own_passage_and_no_tag_or_double_space():
    assert channel_text(SWITCH, Channel.PRINT) == "Nothing to do. Call 0800 555 0100. Thanks."
    assert channel_text(SWITCH, Channel.EMAIL) == "Nothing to do. Use the link below. Thanks."
    inline = "Call us on 1800 555 014{% by e-mail %} or reply to this email{% END %}."
    assert channel_text(inline, Channel.PRINT) == "Call us on 1800 555 014."
    assert channel_text(inline, Channel.EMAIL) == "Call us on 1800 555 014 or reply to this email."
    lines = "First line.\n{% on paper %}Only on paper.\n{% end %}Last line."
    assert channel_text(lines, Channel.EMAIL) == "First line.\nLast line."


def test_every_character_of_a_channels_text_points_back_where_it_was_typed():
    for channel in Channel:
        text, where = channel_text_map(SWITCH, channel)
        assert [SWITCH[i] for i in where] == list(text)


def test_a_stray_end_and_a_passage_never_closed_are_problems_named_by_their_tag():
    passages, problems = passages_in("action", "A {% end %} b {% on paper %} c")
    assert [(p.text, p.start) for p in problems] == [("{% end %}", 2), ("{% on paper %}", 14)]
    assert "closes no passage" in problems[0].message
    assert "has no {% end %}" in problems[1].message and "paper-only" in problems[1].message
    assert [(p.channel, p.start, p.end) for p in passages] == [(Channel.PRINT, 14, 30)]


def test_questions_and_every_prose_field_are_chosen_for_the_channel():
    draft = notice(action=SWITCH)
    draft.questions = [Question("Why me?{% by email %} (asked online){% end %}", "Because.")]
    printed = for_channel(draft, Channel.PRINT)
    assert printed.action == "Nothing to do. Call 0800 555 0100. Thanks."
    assert printed.questions[0].question == "Why me?"
    assert draft.action == SWITCH  # the writer's draft is left as typed


# --- templates -----------------------------------------------------------------------------------


def test_the_e_mail_notice_printed_is_a_letter_and_e_mailed_an_e_mail():
    draft = notice()
    printed = CATALOGUE.render(draft, today=TODAY, channel=Channel.PRINT)
    e_mailed = CATALOGUE.render(draft, today=TODAY, channel=Channel.EMAIL)
    assert [type(block) for block in printed.blocks[:2]] == [Letterhead, DateLine]
    assert not any(isinstance(b, AddressBlock) for b in printed.blocks)  # the draft names nobody
    assert next(b for b in printed.blocks if isinstance(b, Salutation)).text == "Dear customer,"
    assert not any(isinstance(b, Letterhead | DateLine | AddressBlock) for b in e_mailed.blocks)
    assert next(b for b in e_mailed.blocks if isinstance(b, Salutation)).text == "Hello,"
    assert CATALOGUE.get("renewal-notice").channels == (Channel.EMAIL, Channel.PRINT)
    assert CATALOGUE.get("formal-letter").channels == (Channel.PRINT, Channel.EMAIL)


def test_the_example_notice_says_on_paper_how_paper_works():
    printed = to_text(CATALOGUE.render(load_draft(NOTICE), today=TODAY, channel=Channel.PRINT))
    e_mailed = to_text(CATALOGUE.render(load_draft(NOTICE), today=TODAY, channel=Channel.EMAIL))
    assert "unsubscribe" not in printed and "Reply to this email" not in printed
    assert "write to hello@driftwood.example and we will take you off every list" in printed
    assert "use the unsubscribe link at the bottom of this email" in e_mailed
    assert "Reply to this email and a person on our team will answer you." in e_mailed


@pytest.mark.parametrize(
    ("channels", "problem"),
    [
        ('"fax"', "must list"),
        ('["fax"]', "must list"),
        ("[]", "must list"),
        ('["print", "print"]', "must list"),
    ],
)
def test_a_templates_channels_are_checked_when_it_is_read(tmp_path, channels, problem):
    path = tmp_path / "mine.j2"
    path.write_text(
        f'{{#\nname = "Mine"\nkind = "notice"\ndescription = "x"\nchannels = {channels}\n#}}\n<p>x</p>'
    )
    with pytest.raises(TemplateError, match=problem):
        read_metadata(path)


# --- the verdict, per exit -----------------------------------------------------------------------


def email_findings(composed):
    return [f for f in composed.findings if f.rule == "email-only-wording"]


def test_e_mail_wording_is_a_warning_for_paper_only_with_a_fix_that_keeps_it_for_the_e_mail(composer):
    sentence = "Reply to this email and a person will answer."
    draft = notice(contact=f"{sentence} You can also call us.")
    (printed,) = email_findings(composer.compose(draft, today=TODAY, channel=Channel.PRINT))
    assert email_findings(composer.compose(draft, today=TODAY, channel=Channel.EMAIL)) == []
    assert email_findings(composer.compose(draft, today=TODAY)) == [printed]  # the window: both channels
    assert (printed.field, printed.start, printed.matched) == ("sender.contact", 0, sentence)
    assert printed.severity.value == "warning" and not printed.blocking
    assert printed.replacement == "{% by email %}" + sentence + "{% end %}"

    fixed = notice(contact=printed.replacement + " You can also call us.")
    for channel in (Channel.PRINT, Channel.EMAIL, None):
        composed = composer.compose(fixed, today=TODAY, channel=channel)
        assert not [f for f in composed.findings if f.rule in ("email-only-wording", "placeholder")]


def test_a_paper_passage_with_e_mail_words_in_it_is_still_flagged(composer):
    draft = notice(contact="{% on paper %}Reply to this email with questions.{% end %}")
    (found,) = email_findings(composer.compose(draft, today=TODAY, channel=Channel.PRINT))
    assert found.matched == "Reply to this email with questions." and found.start == len("{% on paper %}")
    assert found.replacement is None or "{%" not in draft.sender.contact[found.start : found.end]


def test_what_only_the_e_mail_says_is_judged_only_where_the_e_mail_is(composer):
    draft = notice(
        contact="{% by email %}We're sorry if this confused you.{% end %} Call us on 0800 555 0100."
    )
    conditional = [f for f in composer.compose(draft, today=TODAY, channel=Channel.EMAIL).findings]
    assert "conditional-apology" in {f.rule for f in conditional}
    assert "conditional-apology" in {f.rule for f in composer.compose(draft, today=TODAY).findings}
    printed = composer.compose(draft, today=TODAY, channel=Channel.PRINT)
    assert "conditional-apology" not in {f.rule for f in printed.findings}
    assert "sorry if" not in to_text(printed.document)


def test_a_tag_that_is_not_a_passage_tag_is_a_placeholder(composer):
    draft = notice(contact="{% if email %}Reply here.{% endif %} Call us.")
    rules = [f.rule for f in composer.compose(draft, today=TODAY).findings if f.blocking]
    assert rules.count("placeholder") == 2


def test_a_window_sees_the_main_channels_letter_and_the_printed_one(composer):
    composed = composer.compose(notice(), today=TODAY)
    assert composed.channels == (Channel.EMAIL, Channel.PRINT)
    assert "unsubscribe link" in to_text(composed.document)
    assert composed.paper is not None and "unsubscribe" not in to_text(composed.paper)
    letter = composer.compose(load_draft(paths.examples_dir() / "rrsp-withdrawal.amends"), today=TODAY)
    assert letter.paper is letter.document
