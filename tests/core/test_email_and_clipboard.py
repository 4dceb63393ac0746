"""E-mail drafts and the clipboard carry the message: text and HTML of the same words."""

from __future__ import annotations

import email
import email.policy

from desktop import paths
from desktop.core.document import message_body
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.clipboard import clipboard_payload
from desktop.core.writers.email import email_message, write_eml
from desktop.core.writers.plain import to_text
from tests.helpers.readback import words_of_html, words_of_text

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())


def test_an_eml_opens_with_subject_recipient_and_both_bodies(draft, tmp_path):
    document = CATALOGUE.render(draft)
    path = tmp_path / "letter.eml"
    write_eml(email_message(document, "tunde@example.org", 'Tunde "TJ" Adebayo, Jr'), path)
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "My mistake with your appointment on 10 March"
    assert message["To"].addresses[0].addr_spec == "tunde@example.org"
    assert message["To"].addresses[0].display_name == 'Tunde "TJ" Adebayo, Jr'
    assert message["X-Unsent"] == "1"
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content()
    assert text.startswith("Your reference: PAT-20931\n\nDear Mr Adebayo,\n")
    assert "Elm Row Dental\n2 Elm Row" not in text, "the letterhead belongs to paper, not e-mail"
    assert words_of_html(html) == words_of_text(text)


def test_a_non_ascii_subject_and_name_survive_encoding(draft, tmp_path):
    draft.subject = "Votre rendez-vous annulé — nos excuses"
    draft.recipient.name = "Zoë Müller"
    message = email_message(CATALOGUE.render(draft), "zoe@example.org", draft.recipient.name)
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "Votre rendez-vous annulé — nos excuses"
    assert parsed["To"].addresses[0].display_name == "Zoë Müller"


def test_clipboard_has_html_and_text_of_the_same_message(draft):
    draft.fixed = "We did two things:\n- rebooked you\n- waived the fee"
    document = CATALOGUE.render(draft)
    payload = clipboard_payload(document)
    assert payload.text == to_text(message_body(document))
    assert payload.text.startswith("Your reference: PAT-20931\n\nDear Mr Adebayo,\n")
    assert "<ul><li>rebooked you</li><li>waived the fee</li></ul>" in payload.html
    assert words_of_html(payload.html) == words_of_text(payload.text)
