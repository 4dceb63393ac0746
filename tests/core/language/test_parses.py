"""The parsed sentences under the checker: what they say, and that an edit re-parses only itself."""

from __future__ import annotations

from desktop.core import places
from desktop.core.checker import Checker
from desktop.core.checker.syntax import SyntaxRules
from desktop.core.checker.text import PreparedText
from desktop.core.language import LanguageModel, SentenceParses
from desktop.core.language.shared import shared_parses


def words(sentence: str) -> dict[str, object]:
    (doc,) = shared_parses().parse([sentence])
    return {token.text.lower(): token for token in doc}


def test_an_agentless_passive_is_told_from_one_with_an_agent():
    deleted = words("Your booking was somehow deleted.")["deleted"]
    processed = words("Your refund was processed twice by our team.")["processed"]
    assert deleted._.passive and deleted._.agentless_passive
    assert processed._.passive and not processed._.agentless_passive
    assert processed._.writer_subject


def test_negation_reaches_the_words_it_governs_and_stops_at_a_new_clause():
    glitch = words("It was not a small glitch.")
    assert glitch["small"]._.negated
    promise = words("We can't promise it will never happen again, but we have added a second check.")
    assert promise["happen"]._.under_negation
    assert not promise["added"]._.under_negation


def test_a_sentence_in_capitals_is_read_as_in_ordinary_case():
    shouted = words("YOUR BOOKING WAS DELETED BY MISTAKE.")
    assert shouted["deleted"]._.agentless_passive
    assert shouted["deleted"].lemma_ == "delete"


def test_checking_a_letter_again_parses_only_the_sentence_that_changed():
    parses = SentenceParses(LanguageModel(places.current().language_model))
    parses.model.load()
    checker = Checker(Checker.from_files().catalogue, parses)
    letter = " ".join(f"We sent the wrong invoice number {n} to you on Monday." for n in range(40))
    checker.check_text(letter)
    before = parses.parsed
    assert before == 40
    checker.check_text(letter.replace("number 7 ", "number seven "))
    assert parses.parsed - before == 1


def test_syntax_hits_are_offsets_in_the_text_checked(tmp_path):
    rules = SyntaxRules([loss_rule(tmp_path)], shared_parses())
    prepared = PreparedText("Thank you for writing. Your booking was somehow lost.")
    hits = rules.hits(prepared)
    assert [prepared.original[h.start : h.end] for h in hits] == ["lost"]


def loss_rule(folder):
    rules = folder / "team.toml"
    rules.write_text(
        '[[rule]]\nid = "house-loss"\nkind = "phrase"\nseverity = "warning"\nmessage = "m"\nprinciple = "p"\n'
        '[[rule.syntax]]\n[[rule.syntax.node]]\nid = "verb"\nLEMMA = "lose"\n'
        "_ = { agentless_passive = true }\n",
        encoding="utf-8",
    )
    return Checker.from_files([rules]).catalogue.rules["house-loss"]


def test_a_sentence_holding_no_word_any_pattern_needs_is_not_parsed(tmp_path):
    parses = SentenceParses(LanguageModel(places.current().language_model))
    parses.model.load()
    only_house = SyntaxRules([loss_rule(tmp_path)], parses)
    prepared = PreparedText(
        "Thank you for your patience. Your parcel was lost in transit. Your keys were lost in 2019."
    )
    hits = only_house.hits(prepared)
    assert [prepared.original[h.start : h.end] for h in hits] == ["lost", "lost"]
    assert parses.parsed == 2  # "Thank you for your patience." holds no form of "lose"
