"""The findings a letter gets under its profiles: what the issue asked for, checked on whole
letters, and the shape every finding has (rule, severity, message, field, span)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.checker.findings import Severity
from desktop.core.model import Complaint, Draft, Incident, LetterType, Outcome, Sender
from desktop.core.profiles import ProfileCatalogue, check_profiles, evaluate
from tests.core.profiles.conftest import ANNEX, builtin_profiles_dir, letter


@pytest.fixture(scope="module")
def shipped() -> ProfileCatalogue:
    return ProfileCatalogue(builtin_profiles_dir())


BREACH_NOTICE = """\
Dear Ms Novak,

On 14 November 2026 a member of our staff sent a spreadsheet holding your name, address and
account number to the wrong customer. This is a personal data breach.

The likely consequence is that someone could use these details to send you convincing
e-mails that appear to come from us.

We have asked the customer who received it to delete it, and we have blocked the sending of
spreadsheets outside the company without a second check.

{contact}
"""


def test_a_breach_notice_missing_its_contact_point_fails_gdpr_art_34(shipped: ProfileCatalogue):
    draft = Draft(letter_type=LetterType.BREACH_NOTICE, jurisdiction="DE")
    profiles = shipped.for_letter(draft.letter_type, draft.jurisdiction)
    text = BREACH_NOTICE.format(contact="We are sorry this happened.")
    [finding] = check_profiles(profiles, letter(text, draft=draft))
    assert finding.rule == "profile-element"
    assert finding.severity is Severity.ERROR
    assert finding.blocking
    assert finding.message == (
        "GDPR Art. 34 breach notice: no name and contact details of the data protection officer "
        "or another contact point (Art. 34(2), Art. 33(3)(b))"
    )
    assert finding.field == "sender.contact"
    assert finding.principle


def test_the_contact_point_in_the_letter_or_in_the_form_satisfies_it(shipped: ProfileCatalogue):
    profile = shipped.get("gdpr-art34")
    in_text = BREACH_NOTICE.format(contact="Our Data Protection Officer, Jo Bell, is at dpo@example.de.")
    assert check_profiles([profile], letter(in_text)) == []
    draft = Draft(sender=Sender(contact="Call Jo Bell on 030 1234 5678."))
    assert check_profiles([profile], letter(BREACH_NOTICE.format(contact=""), draft=draft)) == []


FINAL_RESPONSE = """\
Dear Mr Lee,

We uphold your complaint and have refunded the £30 fee. If you remain unhappy, you may now refer
your complaint to the Financial Ombudsman Service. We enclose their leaflet; their website is
www.financial-ombudsman.org.uk.

{annex}

Yours sincerely,
Amrit Gill
"""


def _final_response(annex: str) -> list:
    draft = Draft(
        letter_type=LetterType.FINAL_RESPONSE,
        jurisdiction="GB",
        complaint=Complaint(received_on=dt.date(2026, 11, 20), outcome=Outcome.UPHELD),
    )
    profiles = ProfileCatalogue(builtin_profiles_dir()).for_letter(draft.letter_type, "GB")
    text = FINAL_RESPONSE.format(annex=annex)
    return [f for f in check_profiles(profiles, letter(text, draft=draft)) if f.rule != "profile-deadline"]


def test_a_final_response_with_the_annex_3r_wording_passes():
    assert _final_response(ANNEX) == []


def test_a_final_response_whose_annex_3_wording_was_reworded_fails():
    reworded = ANNEX.replace("very limited circumstances", "limited circumstances")
    [finding] = _final_response(reworded)
    assert finding.rule == "profile-wording"
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "FCA final response (DISP 1.6.2R): the DISP 1 Annex 3R wording for a firm that does not consent "
        "to waive the six-month time limit has been changed: after “do so in”, the letter leaves "
        "out “very” (DISP 1.6.2R(1)(f), DISP 1 Annex 3R (1))"
    )
    text = FINAL_RESPONSE.format(annex=reworded)
    assert text[finding.start : finding.end].startswith("You have the right")
    assert text[finding.start : finding.end].endswith("exceptional circumstances.")
    assert finding.matched.startswith("You have the right") and "\n" not in finding.matched


def test_a_final_response_in_the_firms_own_words_fails_as_absent():
    [finding] = _final_response("You can go to the Ombudsman if you like; there is a time limit.")
    assert finding.rule == "profile-wording"
    assert "no DISP 1 Annex 3R wording" in finding.message
    assert finding.matched == ""


CALIFORNIA_STYLE = """\
Notice of Data Breach

December 4, 2026

What Happened?
On November 20, 2026, an unauthorized person used a stolen employee password to access our billing
system. The incident affected 1,240 customers. This notice was not delayed by law enforcement.

What Information Was Involved?
Your name, postal address and the last four digits of your payment card.

What We Are Doing
We reset every employee password and added two-step sign-in to the billing system.

What You Can Do
Watch your card statements. You have the right to obtain a police report. You can place a security
freeze on your credit file with Equifax, Experian and TransUnion; a security freeze is free of charge.

For More Information
Call us toll-free at 800-555-0142 or write to privacy@example.com.
"""
HEADINGS = (
    "What Happened?",
    "What Information Was Involved?",
    "What We Are Doing",
    "What You Can Do",
    "For More Information",
)


def _under(shipped: ProfileCatalogue, place: str):
    draft = Draft(letter_type=LetterType.BREACH_NOTICE, jurisdiction=place)
    profiles = shipped.for_letter(draft.letter_type, place)
    under_check = letter(
        CALIFORNIA_STYLE, headings=HEADINGS, title="Notice of Data Breach", draft=draft, body_font_pt=11
    )
    return [found for found in evaluate(profiles, under_check) if found.finding.rule != "profile-deadline"]


def test_california_and_massachusetts_judge_the_same_letter_differently(shipped: ProfileCatalogue):
    california = _under(shipped, "US-CA")
    massachusetts = _under(shipped, "US-MA")
    assert {found.profile for found in california} == set()  # passes: nothing at all to say
    assert {found.profile for found in massachusetts} == {"us-ma-breach"}
    items = [found.item for found in massachusetts]
    assert set(items) == {"nature-of-breach", "number-affected"}
    messages = [found.finding.message for found in massachusetts]
    heading = next(m for m in messages if "heading" in m)
    assert heading.startswith(
        "Massachusetts breach notice (M.G.L. c.93H §3): the heading “What Happened?” gives the nature of "
        "the breach, which this letter must not"
    )
    matched = {found.finding.matched for found in massachusetts}
    assert "What Happened?" in matched
    assert "1,240 customers" in matched
    for found in massachusetts:
        finding = found.finding
        # advisory until §3(b) itself is read: marked for review, not held back
        assert finding.rule == "profile-forbidden" and finding.severity is Severity.WARNING
        if finding.matched != "What Happened?":
            assert " ".join(CALIFORNIA_STYLE[finding.start : finding.end].split()) == finding.matched


def test_a_reader_in_massachusetts_on_a_california_list_is_checked_under_massachusetts(
    shipped: ProfileCatalogue,
):
    draft = Draft(letter_type=LetterType.BREACH_NOTICE, jurisdiction="US-CA")
    draft.recipient.jurisdiction = "US-MA"
    profiles = shipped.for_letter(draft.letter_type, draft.recipient.jurisdiction or draft.jurisdiction)
    assert [profile.id for profile in profiles] == ["us-ma-breach"]


def test_title_headings_and_type_size(shipped: ProfileCatalogue):
    profile = shipped.get("us-ca-breach")
    text = CALIFORNIA_STYLE.replace("Notice of Data Breach", "Important notice")
    reordered = (HEADINGS[1], HEADINGS[0], *HEADINGS[3:])
    under_check = letter(text, headings=reordered, title="Important notice", body_font_pt=9.5)
    found = [item for item in evaluate([profile], under_check) if item.item != "notify-residents"]
    by_item = {item.item: item.finding for item in found}
    assert set(by_item) == {"title", "what-information-was-involved", "what-we-are-doing", "type-size"}
    assert by_item["title"].message == (
        "California breach notice (Civ. Code §1798.82): the title must be “Notice of Data Breach”, "
        "not “Important notice” (§1798.82(d)(1))"
    )
    assert by_item["title"].field == "subject"
    assert "the heading “What Information Was Involved?” comes before “What Happened?”" in (
        by_item["what-information-was-involved"].message
    )
    assert by_item["what-we-are-doing"].message.endswith("no heading “What We Are Doing” (§1798.82(d)(1))")
    assert "the body text is 9.5 pt; the law asks for at least 10 pt (§1798.82(d)(1)(C))" in (
        by_item["type-size"].message
    )
    assert all(item.finding.rule == "profile-heading" for item in found if item.item != "type-size")
    assert by_item["type-size"].rule == "profile-type-size"


def test_a_letter_that_is_not_printed_has_no_type_size_to_check(shipped: ProfileCatalogue):
    profile = shipped.get("us-ca-breach")
    found = evaluate(
        [profile],
        letter(CALIFORNIA_STYLE, headings=HEADINGS, title="Notice of Data Breach", body_font_pt=None),
    )
    assert [item.item for item in found] == ["notify-residents"]  # a note: no discovery date


def test_hipaa_counts_sixty_days_from_discovery(shipped: ProfileCatalogue):
    profile = shipped.get("hipaa-breach")
    draft = Draft(incident=Incident(discovered_on=dt.date(2026, 11, 30)))
    found = check_profiles([profile], letter("", draft=draft, today=dt.date(2027, 1, 1)))
    [deadline] = [f for f in found if f.rule == "profile-deadline"]
    assert deadline.message.endswith(
        "60 calendar days from discovery (45 CFR §164.404(b)): due 29 January 2027; 28 days left"
    )
    assert deadline.severity is Severity.INFO


def test_canada_counts_fifty_six_calendar_days_from_the_complaint(shipped: ProfileCatalogue):
    profile = shipped.get("ca-bank-final-response")
    draft = Draft(jurisdiction="CA-ON", complaint=Complaint(received_on=dt.date(2026, 12, 4)))
    found = check_profiles([profile], letter("", draft=draft, today=dt.date(2027, 1, 27)))
    [deadline] = [f for f in found if f.rule == "profile-deadline"]
    assert "due 29 January 2027; 2 days left" in deadline.message
    assert deadline.severity is Severity.WARNING


def test_findings_of_several_profiles_keep_the_profiles_order(shipped: ProfileCatalogue):
    profiles = shipped.for_letter(LetterType.BREACH_NOTICE, "US-CA", ["hipaa-breach"])
    found = evaluate(profiles, letter("Dear customer, we are sorry."))
    order = [item.profile for item in found]
    assert order == sorted(order)
    assert {"hipaa-breach", "us-ca-breach"} == set(order)
    assert all(item.finding.message.startswith(("HIPAA", "California")) for item in found)
