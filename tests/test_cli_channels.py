"""The command line writes each channel's letter: `render` and `merge` to PDF and DOCX print
the notice as a letter, to e-mail as an e-mail, and `check --channel` judges either."""

from __future__ import annotations

import email
import json
from email import policy

from desktop import paths
from desktop.cli import main
from tests.helpers.pdf_tools import pdf_pages_text

NOTICE = paths.examples_dir() / "renewal-email.amends"
NOTICE_LIST = paths.examples_dir() / "renewal-email-recipients.csv"
OUTAGE = paths.examples_dir() / "broadband-outage.amends"
OUTAGE_LIST = paths.examples_dir() / "broadband-outage-recipients.csv"


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


def plain_body(eml: bytes) -> str:
    message = email.message_from_bytes(eml, policy=policy.default)
    return message.get_body(("plain",)).get_content()  # type: ignore[attr-defined]


def test_render_prints_the_e_mail_notice_as_a_letter_and_e_mails_it_as_an_e_mail(tmp_path):
    pdf, eml = tmp_path / "notice.pdf", tmp_path / "notice.eml"
    assert run("render", NOTICE, "-o", pdf, "--no-settings") == 0
    assert run("render", NOTICE, "-o", eml, "--no-settings") == 0
    printed = " ".join(pdf_pages_text(pdf))
    assert printed.lstrip().startswith("Driftwood Co-Living\nRua da Boavista 71")
    assert "unsubscribe" not in printed and "Reply to this email" not in printed
    assert "Dear customer," in printed
    body = plain_body(eml.read_bytes())
    assert "use the unsubscribe link at the bottom of this email" in body
    assert "Rua da Boavista" not in body and body.startswith("Hello,")


def test_a_print_run_gives_every_letter_its_address_and_the_e_mail_run_keeps_e_mail_words(tmp_path, capsys):
    pdf = tmp_path / "outage.pdf"
    assert run("merge", OUTAGE, OUTAGE_LIST, "--to", "pdf", "-o", pdf, "--no-settings") == 0
    text = "\f".join(pdf_pages_text(pdf))
    for address in (
        "Ms Siobhán Ní Bhriain\n12 Sea Road\nSalthill\nGalway\nH91 E2K4",
        "Dr Aoife Brennan\nCois Abhann",
    ):
        assert address in text
    assert text.count("Corrib Fibre\nUnit 4, Merchants Quay") == 6  # a letterhead on each first page
    assert "reply to this email" not in text and text.count("call us free on 1800 555 014.") == 6
    assert "no postal address" not in capsys.readouterr().err

    folder = tmp_path / "mail"
    assert run("merge", OUTAGE, OUTAGE_LIST, "--to", "eml", "-o", folder, "--no-settings") == 0
    bodies = [plain_body(path.read_bytes()) for path in sorted(folder.glob("*.eml"))]
    assert len(bodies) == 6 and all("or reply to this email." in body for body in bodies)
    assert not any("Merchants Quay" in body.split("\n\n")[0] for body in bodies)


def test_a_print_run_over_a_list_with_no_addresses_says_so_once(tmp_path, capsys):
    pdf = tmp_path / "renewal.pdf"
    assert run("merge", NOTICE, NOTICE_LIST, "--to", "pdf", "-o", pdf, "--no-settings") == 0
    err = capsys.readouterr().err
    assert err.count("no postal address") == 1
    assert "36 printed letters have no postal address, so no address block (rows 2, 3, 4, 5, 6, …)" in err
    assert "unsubscribe" not in " ".join(pdf_pages_text(pdf))


def test_check_judges_the_channel_asked_for(tmp_path, capsys):
    draft = json.loads(NOTICE.read_text(encoding="utf-8"))
    draft["sender"]["contact"] = "Reply to this email and a person on our team will answer you."
    path = tmp_path / "notice.amends"
    path.write_text(json.dumps(draft), encoding="utf-8")

    def rules(*options: str) -> list[str]:
        capsys.readouterr()
        assert run("check", "--format", "json", "--no-settings", *options, path) == 0
        return [f["rule"] for f in json.loads(capsys.readouterr().out)[0]["findings"]]

    assert "email-only-wording" in rules("--channel", "print")
    assert "email-only-wording" not in rules("--channel", "email")
    assert "email-only-wording" in rules()  # the draft's template is written for both

    letter = tmp_path / "letter.txt"
    letter.write_text("Thank you for waiting. Reply to this email with any question.", encoding="utf-8")
    for options, expected in ((("--channel", "print"), True), ((), False)):
        capsys.readouterr()
        run("check", "--format", "json", "--no-settings", *options, letter)
        found = [f["rule"] for f in json.loads(capsys.readouterr().out)[0]["findings"]]
        assert ("email-only-wording" in found) is expected
