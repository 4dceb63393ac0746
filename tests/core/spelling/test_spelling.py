"""The spelling and grammar check (desktop.core.spelling), through its public interface only."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from desktop.core import places
from desktop.core.spelling import (
    SpellingChecker,
    SpellingIssue,
    WordListError,
    read_word_list,
    shared_checker,
)


def rule_file() -> Path:
    """Where the program finds its rule files: the checkout, or the installed package."""
    return places.current().builtin_rules / "spelling.toml"


@pytest.fixture(scope="module")
def checker() -> SpellingChecker:
    """One checker for the module: building and warming up Harper's Linter is the slow part (~1 s)."""
    built = SpellingChecker()
    built.warm_up()
    return built


def flagged(text: str, issues: list[SpellingIssue]) -> list[str]:
    return [text[issue.start : issue.end] for issue in issues]


def only(issues: list[SpellingIssue]) -> SpellingIssue:
    assert len(issues) == 1, issues
    return issues[0]


# Misspellings ---------------------------------------------------------------------------


def test_misspellings_are_found_where_they_stand_with_the_right_fix_first(checker: SpellingChecker) -> None:
    text = "Teh parcel was recieved at our depot on Monday."
    issues = checker.check(text, "en_GB")
    assert [(i.kind, i.start, i.end) for i in issues] == [("spelling", 0, 3), ("spelling", 15, 23)]
    assert flagged(text, issues) == ["Teh", "recieved"]
    assert issues[0].suggestions[0] == "The"
    assert issues[1].suggestions[0] == "received"
    assert issues[1].message == '"recieved" is not a word in British English.'


@pytest.mark.parametrize(
    ("text", "word", "fix"),
    [
        ("We regret the inconvienence this caused your family.", "inconvienence", "inconvenience"),
        ("The invoice, wich we sent twice, has been cancelled.", "wich", "which"),
        ("Please allow untill Friday for the credit to show.", "untill", "until"),
        ("I am sincerly sorry that your boiler was left broken.", "sincerly", "sincerely"),
    ],
)
def test_the_closest_word_is_suggested_first(
    checker: SpellingChecker, text: str, word: str, fix: str
) -> None:
    issue = only(checker.check(text, "en_GB"))
    assert (issue.kind, text[issue.start : issue.end], issue.suggestions[0]) == ("spelling", word, fix)


def test_no_more_than_three_suggestions_and_issues_are_frozen(checker: SpellingChecker) -> None:
    issue = only(checker.check("Our engineer arived late.", "en_GB"))
    assert 1 <= len(issue.suggestions) <= 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.start = 0  # type: ignore[misc]


def test_a_lower_case_proper_noun_is_told_it_needs_a_capital(checker: SpellingChecker) -> None:
    issue = only(checker.check("Your engineer will call on tuesday morning.", "en_GB"))
    assert issue.suggestions[0] == "Tuesday"
    assert "capital" in issue.message


def test_clean_text_and_empty_text_give_nothing(checker: SpellingChecker) -> None:
    assert checker.check("", "en_GB") == []
    assert checker.check("  \n\n ", "en_GB") == []
    assert checker.check("I am sorry that your refund was late. It is on its way to you now.", "en_GB") == []
    clean = (
        "Dear Sam,\n\nWE ARE SORRY. We rebooked your engineer for 8 a.m. on FRIDAY, charged you fees "
        "we should not have, and left you without Wi-Fi until A&E called.\n\n"
        "Yours sincerely,\nDr Maria Santos\nSantos Dental"
    )
    assert checker.check(clean, "en_GB") == []


# Englishes --------------------------------------------------------------------------------


COLOUR = "The colour of the replacement sofa was not the one you chose."
ORGANIZE = "We will organize a new delivery slot for you."


def test_colour_is_american_only_a_misspelling(checker: SpellingChecker) -> None:
    issue = only(checker.check(COLOUR, "en_US"))
    assert (COLOUR[issue.start : issue.end], issue.suggestions[0]) == ("colour", "color")
    assert issue.message == '"colour" is spelt "color" in American English.'
    for locale in ("en_GB", "en_CA", "en_AU"):
        assert checker.check(COLOUR, locale) == [], locale


def test_ize_is_flagged_where_the_letters_spell_apologise(checker: SpellingChecker) -> None:
    for locale in ("en_GB", "en_AU"):
        issue = only(checker.check(ORGANIZE, locale))
        assert (ORGANIZE[issue.start : issue.end], issue.kind, issue.suggestions) == (
            "organize",
            "spelling",
            ("organise",),
        )
    for locale in ("en_US", "en_CA"):
        assert checker.check(ORGANIZE, locale) == [], locale
    assert flagged("We will organise it.", checker.check("We will organise it.", "en_US")) == ["organise"]


def test_ize_check_keeps_capitals_and_leaves_size_and_prize_alone(checker: SpellingChecker) -> None:
    text = "Realize this: the size of the prize has been seized, and the citizen's boat capsized."
    issue = only(checker.check(text, "en_GB"))
    assert (text[issue.start : issue.end], issue.suggestions) == ("Realize", ("Realise",))


@pytest.mark.parametrize(
    ("locale", "like"),
    [("en_IE", "en_GB"), ("en_NZ", "en_AU"), ("en-US", "en_US"), ("en_US.UTF-8", "en_US"), ("xx", "en_GB")],
)
def test_other_locales_are_checked_as_the_nearest_english(
    checker: SpellingChecker, locale: str, like: str
) -> None:
    for text in (COLOUR, ORGANIZE):
        expected = [(i.start, i.end, i.suggestions) for i in checker.check(text, like)]
        assert [(i.start, i.end, i.suggestions) for i in checker.check(text, locale)] == expected


# Grammar ------------------------------------------------------------------------------------


def test_a_doubled_word_is_a_grammar_issue(checker: SpellingChecker) -> None:
    text = "I have passed the the details to our billing team."
    issue = only(checker.check(text, "en_GB"))
    assert (issue.kind, text[issue.start : issue.end], issue.suggestions[0]) == ("grammar", "the the", "the")
    text = "We will will call you on Friday."
    issue = only(checker.check(text, "en_GB"))
    assert (issue.kind, text[issue.start : issue.end], issue.suggestions) == (
        "grammar",
        "will will",
        ("will",),
    )


def test_suggestions_are_each_offered_once(checker: SpellingChecker) -> None:
    text = "Their is no excuse for the delay."
    issue = only(checker.check(text, "en_GB"))
    assert (issue.kind, text[issue.start : issue.end], issue.suggestions[0]) == ("grammar", "Their", "There")
    assert len(set(issue.suggestions)) == len(issue.suggestions)


def test_a_before_a_vowel_is_a_grammar_issue(checker: SpellingChecker) -> None:
    text = "As a gesture we have enclosed a apple pie voucher."
    issue = only(checker.check(text, "en_GB"))
    at = text.index("a apple")
    assert (issue.kind, issue.start, issue.end, issue.suggestions[0]) == ("grammar", at, at + 1, "an")
    assert issue.message == "Incorrect indefinite article."


@pytest.mark.parametrize(
    ("text", "words", "fix"),
    [
        ("Its been a difficult fortnight for you.", "Its", "It's"),
        ("They was booked for the wrong day.", "was", "were"),
        ("We should of told you sooner.", "should of", "should have"),
    ],
)
def test_other_grammar_slips(checker: SpellingChecker, text: str, words: str, fix: str) -> None:
    issue = only(checker.check(text, "en_GB"))
    assert (issue.kind, text[issue.start : issue.end], issue.suggestions[0]) == ("grammar", words, fix)
    assert "`" not in issue.message


def test_style_advice_is_not_reported(checker: SpellingChecker) -> None:
    text = (
        "I would argue that the parcel was lost by the courier and that we are very, very sorry about it "
        "and also that we will look into what happened with the courier and the depot and the driver and "
        "the van and the route and the schedule that was used on the day that the parcel went missing.\n\n"
        "However we will refund you ... and send a new one ASAP."
    )
    assert checker.check(text, "en_GB") == []


# What is never flagged ------------------------------------------------------------------------


def test_known_words_and_recipient_names_are_never_flagged(checker: SpellingChecker) -> None:
    text = (
        "Dear Ms Okonkwo-Fairbairn, thank you for telling Brightwave about your Zentrix blender. "
        "ZENTRIX support has credited Adaeze's account, and Brightwave’s courier, Parcelvane, "
        "will collect it. OKONKWO-FAIRBAIRN is on the label in capitals; zentrix is on the box."
    )
    known = ["Brightwave", "Zentrix", "Parcelvane", "Adaeze Okonkwo-Fairbairn"]
    assert checker.check(text, "en_GB", known) == []
    without = flagged(text, checker.check(text, "en_GB"))
    assert {"Okonkwo", "Zentrix", "Adaeze's", "Parcelvane"} <= set(without)


def test_a_misspelt_recipient_name_is_found_and_the_right_name_suggested(checker: SpellingChecker) -> None:
    text = "Dear Siobahn, I am sorry that Siobhan's order was late."
    issue = only(checker.check(text, "en_GB", ["Siobhan Nakamura"]))
    assert (text[issue.start : issue.end], issue.suggestions[0]) == ("Siobahn", "Siobhan")


def test_known_words_change_from_one_check_to_the_next(checker: SpellingChecker) -> None:
    text = "Dear Mr Adeyemi, I am sorry."
    assert checker.check(text, "en_GB", ["Oluwaseun Adeyemi"]) == []
    assert flagged(text, checker.check(text, "en_GB", ["Agnieszka"])) == ["Adeyemi"]


def test_amounts_times_addresses_references_and_postcodes_are_never_flagged(checker: SpellingChecker) -> None:
    text = (
        "We refunded £42.50 and $19.99 (C$19.99 in Toronto, M5V 2T6) at 07:15 and 5:30 p.m. on 3rd March. "
        "Quote REF-2291-AX or case BW-77812 to o.adeyemi@brightwave-appliances.co.uk, see "
        "https://www.brightwave-appliances.co.uk/returns?case=BW-77812 or www.brightwave.example/help, "
        "or write to Flat 3B, 12a Station Road, Leeds LS11 5QT or London SW1A 1AA."
    )
    assert checker.check(text, "en_GB", ["Brightwave", "Adeyemi"]) == []
    assert checker.check(text, "en_US", ["Brightwave", "Adeyemi"]) == []


def test_merge_fields_are_never_flagged_nor_the_grammar_around_them(checker: SpellingChecker) -> None:
    text = (
        'Dear {{ first_name }}, the {{ item }} the courier lost was an {{ product | default("order") }}. '
        "{{ greeting }} we are sorry that your parcel was recieved late."
    )
    issue = only(checker.check(text, "en_GB"))
    assert text[issue.start : issue.end] == "recieved"
    beside = "Your {{ item }} recieved {{ x }}."
    assert flagged(beside, checker.check(beside, "en_GB")) == ["recieved"]


# Offsets ----------------------------------------------------------------------------------------


def test_offsets_are_characters_after_curly_quotes_pounds_accents_and_emoji(checker: SpellingChecker) -> None:
    text = "“Your £42.50 café order — naïve of us — was recieved late,” she wrote 😀 and recieved nothing."
    issues = checker.check(text, "en_GB")
    first = text.index("recieved")
    second = text.index("recieved", first + 1)
    assert [(i.start, i.end) for i in issues] == [(first, first + 8), (second, second + 8)]
    assert flagged(text, issues) == ["recieved", "recieved"]


def test_offsets_are_right_after_accented_names(checker: SpellingChecker) -> None:
    text = "Dear Zoë Ó Súilleabháin, Ms Ærø’s ticket was recieved."
    issue = only(checker.check(text, "en_GB", ["Zoë", "Ó Súilleabháin", "Ærø"]))
    assert text[issue.start : issue.end] == "recieved"
    assert issue.start == text.index("recieved")


# Threads ----------------------------------------------------------------------------------------


def test_threads_can_share_one_checker(checker: SpellingChecker) -> None:
    texts = [("Teh parcel was recieved.", "en_GB"), (COLOUR, "en_US"), (ORGANIZE, "en_AU"), (COLOUR, "en_GB")]
    expected = [checker.check(text, locale) for text, locale in texts]
    results: dict[int, list[list[SpellingIssue]]] = {}
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            results[index] = [checker.check(text, locale) for text, locale in texts * 5]
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for found in results.values():
        assert found == expected * 5


# Word lists -------------------------------------------------------------------------------------


def test_word_list_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "team-words.txt"
    path.write_text(
        "\ufeff# Products and companies the team writes about\n"
        "Brightwave\n"
        "\n"
        "   Zentrix Pro   # the blender\n"
        "C#\n"
        "# Parcelvane is no longer our courier\n"
        "Siobhan O'Hare-Nakamura\n"
        "Brightwave\n"
        "\t\n",
        encoding="utf-8",
    )
    assert read_word_list(path) == ["Brightwave", "Zentrix Pro", "C#", "Siobhan O'Hare-Nakamura"]


def test_a_binary_file_is_not_a_word_list(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    with pytest.raises(WordListError) as raised:
        read_word_list(path)
    assert raised.value.path == path
    assert raised.value.line == 1
    assert str(path) in str(raised.value)
    assert "not a plain UTF-8 text file" in str(raised.value)


def test_a_file_in_another_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_bytes("Siobhan\nAgnieszka\nZoë\n".encode("latin-1"))
    with pytest.raises(WordListError) as raised:
        read_word_list(path)
    assert raised.value.line == 3
    assert f"{path}:3:" in str(raised.value)


def test_a_text_file_with_control_characters_is_not_a_word_list(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(b"Brightwave\nZen\x00trix\n")
    with pytest.raises(WordListError) as raised:
        read_word_list(path)
    assert raised.value.line == 2


def test_a_missing_word_list_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(WordListError, match=r"nowhere\.txt"):
        read_word_list(path)


def test_words_read_from_a_list_are_known(checker: SpellingChecker, tmp_path: Path) -> None:
    path = tmp_path / "team-words.txt"
    path.write_text("# ours\nBrightwave\nParcelvane\n", encoding="utf-8")
    text = "Brightwave and Parcelvane are sorry."
    assert checker.check(text, "en_GB", read_word_list(path)) == []


# The rule file ----------------------------------------------------------------------------------


def test_the_rule_file_defines_spelling_and_grammar_as_code_rules() -> None:
    from desktop.core.checker.findings import Severity
    from desktop.core.checker.loader import RuleCatalogue, read_rule_text

    catalogue = RuleCatalogue()
    read_rule_text(rule_file().read_text(encoding="utf-8"), rule_file(), catalogue)
    assert sorted(catalogue.rules) == ["grammar", "spelling"]
    for rule in catalogue.rules.values():
        assert (rule.kind, rule.severity) == ("code", Severity.WARNING)
        assert rule.message and "careless" in rule.principle


def test_the_checker_loads_the_rule_file_with_the_built_in_rules() -> None:
    from desktop.core.checker import Checker

    checker = Checker.from_files()
    assert {"spelling", "grammar"} <= set(checker.catalogue.rules)
    assert set(checker.spelling.rules) == {"spelling", "grammar"}


def test_web_addresses_without_a_scheme_are_not_prose():
    text = "Our guides are at hearthside.example/help and on driftwood.co.uk today."
    assert shared_checker().check(text, "en_GB") == []
