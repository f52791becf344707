"""differ.prefilter: the strings a rule needs must rule out only texts the rule cannot match,
so the tagger's answers are the same with and without it, whatever the text's letters."""

import csv
import doctest
import random
import re
import sys
from pathlib import Path

from differ import lexicon, prefilter, segment, tags
from differ.prefilter import Literals, required_sets

DATA = Path(__file__).parent / "data"


def rule_lists():
    yield from lexicon.CATEGORY_RULES.values()
    yield from lexicon.DATA_TYPE_RULES.values()
    yield lexicon.NEGATION_RULES


def sample_texts():
    """Clauses of the test pages and labelled clauses, then the same with letters that only
    re.IGNORECASE makes equal to ASCII ones, and random mixes of the rules' own strings."""
    texts = [row["text"] for row in csv.DictReader(open(DATA / "tagger" / "clauses.csv", encoding="utf-8"))]
    for page in (DATA / "differ").glob("*/*.md"):
        texts += [c.text for c in segment(page.read_text(encoding="utf-8"))]
    odd = str.maketrans({"i": "\u0131", "s": "\u017f", "k": "\u212a", "I": "\u0130"})
    texts += [t.translate(odd) for t in texts[:60]]
    # Strings of every set a rule needs, not only of the one it is indexed by: texts with some
    # of a rule's sets and not others are those that the check of every set rules out.
    strings = sorted({string for rules in rule_lists() for pattern in rules
                      for needed in required_sets(pattern) for string in needed})
    rng = random.Random(3)
    words = "we you your data may not never with to the of third parties and".split()
    for _ in range(400):
        texts.append(" ".join(rng.choice(strings + words) for _ in range(rng.randint(1, 6))))
    # For each rule that needs several sets: a string of each, in order (run together, such a
    # text often matches: " not s" + "hare"), and the same with one set left out.
    for rules in rule_lists():
        for pattern in rules:
            sets = required_sets(pattern)
            if len(sets) > 1:
                chosen = [rng.choice(sorted(needed)) for needed in sets]
                left_out = rng.randrange(len(chosen))
                texts += ["".join(chosen), " ".join(chosen), "".join(chosen[:left_out] + chosen[left_out + 1:])]
    return texts


def test_the_docstring_examples_run():
    assert doctest.testmod(prefilter).failed == 0


def test_only_four_non_ascii_characters_match_an_ascii_letter_ignoring_case():
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(cp) for cp in range(0x80, sys.maxunicode + 1) if letter.fullmatch(chr(cp))}
    assert found == set(prefilter._SAME_LETTER_CHARS)


def test_a_rule_that_matches_is_always_a_candidate():
    texts = [tags.normal_text(text) for text in sample_texts()]
    checked = skipped = several = 0
    for rules in rule_lists():
        literals = Literals(rules)
        for place, pattern in enumerate(rules):
            regex = re.compile(pattern, re.IGNORECASE)
            for text in texts:
                candidate = place in literals.candidates(text)
                if regex.search(text):
                    assert candidate, (pattern, text)
                    checked += 1
                    several += place in literals._also
                else:
                    skipped += not candidate
    assert checked > 1000 and skipped > 10000  # the sample reaches the rules, and most are ruled out
    assert several > 250  # and matches rules that need several sets (161 with random strings alone)


def test_the_tagger_finds_what_every_rule_searched_one_by_one_finds():
    for text in sample_texts():
        clause = tags.normal_text(text)
        for rules in rule_lists():
            one_by_one = [(p, m.group(0)) for p in rules if (m := re.compile(p, re.IGNORECASE).search(clause))]
            assert tags._first(rules, clause) == one_by_one, clause


def test_required_sets_of_typical_rules():
    assert required_sets(r"\bshar(?:e|es|ed|ing)\b") == [{"shar"}]
    assert required_sets(r"\b(?:sell|rent)s? your\b") == [{"sell", "rent"}, {" your"}]
    assert required_sets(r"\be-?mail\b") == [{"mail"}]
    assert required_sets(r"\b(?:third[- ]part(?:y|ies)|advertisers)\b") == [{"third", "advertisers"}]
    assert required_sets(r"\b(?:EU|UK)\b") == []  # too short to rule anything out
