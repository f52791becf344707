"""differ.prefilter: the strings a rule needs must rule out only texts the rule cannot match,
so the tagger's answers are the same with and without it, whatever the text's letters."""

import csv
import doctest
import random
import re
import sys
from pathlib import Path

from differ import lexicon, prefilter, segment, tags
from differ.prefilter import Literals, required_strings

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
    strings = sorted({string for rules in rule_lists()
                      for entries in Literals(rules).index.values() for string, _ in entries})
    rng = random.Random(3)
    words = "we you your data may not never with to the of third parties and".split()
    for _ in range(400):
        texts.append(" ".join(rng.choice(strings + words) for _ in range(rng.randint(1, 6))))
    return texts


def test_the_docstring_examples_run():
    assert doctest.testmod(prefilter).failed == 0


def test_only_four_non_ascii_characters_match_an_ascii_letter_ignoring_case():
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(cp) for cp in range(0x80, sys.maxunicode + 1) if letter.fullmatch(chr(cp))}
    assert found == set(prefilter._SAME_LETTER_CHARS)


def test_a_rule_that_matches_is_always_a_candidate():
    texts = [tags.normal_text(text) for text in sample_texts()]
    checked = skipped = 0
    for rules in rule_lists():
        literals = Literals(rules)
        for place, pattern in enumerate(rules):
            regex = re.compile(pattern, re.IGNORECASE)
            for text in texts:
                candidate = place in literals.candidates(text)
                if regex.search(text):
                    assert candidate, (pattern, text)
                    checked += 1
                else:
                    skipped += not candidate
    assert checked > 1000 and skipped > 10000  # the sample reaches the rules, and most are ruled out


def test_the_tagger_finds_what_every_rule_searched_one_by_one_finds():
    for text in sample_texts():
        clause = tags.normal_text(text)
        for rules in rule_lists():
            one_by_one = [(p, m.group(0)) for p in rules if (m := re.compile(p, re.IGNORECASE).search(clause))]
            assert tags._first(rules, clause) == one_by_one, clause


def test_required_strings_of_typical_rules():
    assert required_strings(r"\bshar(?:e|es|ed|ing)\b") == {"shar"}
    assert required_strings(r"\b(?:sell|rent)s? your\b") == {" your"}
    assert required_strings(r"\be-?mail\b") == {"mail"}
    assert required_strings(r"\b(?:third[- ]part(?:y|ies)|advertisers)\b") == {"third", "advertisers"}
    assert required_strings(r"\b(?:EU|UK)\b") is None  # too short to rule anything out
    assert required_strings(r"(?:cookies?)?\bpixel") == {"pixel"}  # the optional part needs nothing
    assert required_strings(r"(?<!not )\bsell") == {"sell"}  # nor a lookbehind
