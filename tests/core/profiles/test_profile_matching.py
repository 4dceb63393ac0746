"""Comparing a letter with the law's own words: typography never fails a letter, a changed
word always does, and what is found is located in the letter as written."""

from __future__ import annotations

import pytest

from desktop.core.profiles.matching import find_block, same_words, tidy, tokens
from tests.core.profiles.conftest import ANNEX


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("What Happened?", "What Happened"),
        ("What We Are Doing.", "what we are doing"),
        ("  For More   Information: ", "For More Information"),
        ("“What Happened?”", "What Happened"),
        ("NOTICE OF DATA BREACH", "Notice of Data Breach"),
    ],
)
def test_headings_are_compared_by_their_words(one: str, other: str):
    assert same_words(one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("What Happened to your data", "What Happened"), ("What Has Happened", "What Happened"), ("", "What")],
)
def test_other_words_are_another_heading(one: str, other: str):
    assert not same_words(one, other)


def test_tidying_keeps_the_way_back_to_the_text_as_written():
    text = "Say  “hello”\n\n— then\tgo."
    tidied = tidy(text)
    assert tidied.text == 'Say "hello" - then go.'
    start = tidied.text.index("hello")
    assert text[slice(*tidied.span(start, start + 5))] == "hello"
    dash = tidied.text.index("-")
    assert text[slice(*tidied.span(dash, dash + 1))] == "—"


def test_dashes_are_words_of_their_own():
    assert tokens("charge – but").items == tokens("charge—but").items == ("charge", "-", "but")


@pytest.mark.parametrize(
    "written",
    [
        ANNEX,
        ANNEX.replace("–", "-"),
        ANNEX.replace(" – ", "—"),
        ANNEX.replace("\n\n", " ").replace(" so ", "\nso "),
        f"“{ANNEX}”",
        ANNEX.replace("You have", "YOU HAVE"),
    ],
)
def test_a_block_as_written_is_found_whatever_the_typography(written: str):
    letter = f"Dear Mr Lee,\n\nWe uphold your complaint.\n\n{written}\n\nYours sincerely"
    found = find_block(ANNEX, letter)
    assert found.exact
    assert "You have" in letter[found.start : found.end] or "YOU HAVE" in letter[found.start : found.end]
    assert letter[found.start : found.end].rstrip("”").endswith("exceptional circumstances.")


@pytest.mark.parametrize(
    ("change", "difference"),
    [
        (("six months", "6 months"), "the letter has “6” where the wording has “six”"),
        (("free of charge – but", "free of charge, but"), "the letter has “,” where the wording has “–”"),
        (("very limited", "limited"), "the letter leaves out “very”"),
        (("in time, the", "in time, then the"), "the letter adds “then”"),
        (("this letter", "this e-mail"), "the letter has “e-mail” where the wording has “letter”"),
    ],
)
def test_a_changed_word_is_a_changed_block_with_its_first_difference(
    change: tuple[str, str], difference: str
):
    letter = "We uphold your complaint.\n\n" + ANNEX.replace(*change)
    found = find_block(ANNEX, letter)
    assert not found.exact
    assert found.near
    assert difference in found.difference
    assert letter[found.start : found.end].startswith("You have the right")


def test_a_block_that_is_not_there_at_all():
    found = find_block(ANNEX, "We uphold your complaint and enclose a cheque for £40.")
    assert not found.exact
    assert not found.near
    assert found.difference == ""


def test_half_the_block_is_not_a_variant_of_it():
    first_paragraph = ANNEX.split("\n\n")[0]
    found = find_block(ANNEX, f"We uphold your complaint.\n\n{first_paragraph}\n\nYours sincerely")
    assert not found.exact
    assert not found.near
