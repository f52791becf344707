"""The quick tests in `significance` (the strings each data-and-practice rule needs; letters and
digits counted before normalizing for the cosmetic check) must never change an answer, only
its speed."""

import itertools
import random
import re

from hypothesis import given, settings, strategies as st

from differ import significance as sig
from differ.normalize import cosmetic_key
from differ.tags import normal_text
from differ.worddiff import word_diff

# Words that rules need (taken from their required strings), everyday policy words, and words
# the quick path must leave to the full pattern (non-ASCII, underscores).
RULE_WORDS = sorted({word for entries in sig._rule_list(sig._RULES).literals.index.values() for string, _ in entries
                     for word in re.findall(r"[a-z0-9'-]+", string)})
POLICY_WORDS = """we you your data information personal share sell collect location bank account
    card number email address e-mail phone cookies partners third parties retain delete opt out
    consent children under 13 security encrypt browser device ip advertising analytics health
    biometric precise gps contacts friends messages payment history credit the of and to may
    not never only""".split()
OTHER_WORDS = ["données", "e\u2011mail", "ﬁnancial", "bank_account", "Standort", "IP-Adresse", "EU",
               "UK", "GDPR", "Switzerland", "canadian"]


def full_answer(fragment: str) -> bool:
    """Every rule searched, one by one."""
    text = normal_text(fragment)
    return any(re.search(rule, text, re.IGNORECASE) for rule in sig._rules())


def fragments():
    words = RULE_WORDS + POLICY_WORDS + OTHER_WORDS
    yield from words
    rng = random.Random(7)
    yield from (" ".join(pair) for pair in itertools.product(POLICY_WORDS + OTHER_WORDS, repeat=2))
    for _ in range(3000):
        yield " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))


def test_quick_check_agrees_with_the_full_pattern():
    sig._fragment_is_meaningful.cache_clear()
    checked = disagreements = positives = 0
    for fragment in fragments():
        expected = full_answer(fragment)
        positives += expected
        disagreements += sig._fragment_is_meaningful(fragment) != expected
        checked += 1
    assert checked > 5000 and positives > 500  # the sample reaches both answers
    assert disagreements == 0


def test_every_rule_word_alone_or_in_its_phrase_is_found():
    # Each required string, as a fragment of its own, is found exactly when the full pattern
    # finds it (a string that is only part of a longer rule must not count on its own).
    for entries in sig._rule_list(sig._RULES).literals.index.values():
        for string, _ in entries:
            fragment = " ".join(string.split())
            if fragment:
                assert sig._fragment_is_meaningful(fragment) == full_answer(fragment), fragment


def test_nearly_every_rule_has_required_strings():
    # The quick path is worth having only when it covers the rules (else every fragment runs
    # the leftover pattern as well); a rule rewritten past what the reader understands shows here.
    assert len(sig._rule_list(sig._RULES).literals.rest) <= 3, sig._rule_list(sig._RULES).literals.rest


def test_money_words_stay_substantive():
    diff = [(0, "We collect your name and "), (1, "bank account"), (0, " details.")]
    assert sig.significance("We collect your name and details.",
                            "We collect your name and bank account details.", diff) == "substantive"
    diff = [(0, "We keep your "), (-1, "notes"), (1, "letters"), (0, " safe.")]
    assert sig.significance("We keep your notes safe.", "We keep your letters safe.", diff) == "minor"


# Texts made of pieces that stress the cosmetic check: numbering, escapes, case, punctuation.
PIECES = ["3.", "12.", "(iv)", "(a)", "(a\\)", "iv.", "We", "we", "share", "Share", "data", "d-ata", "\\*", "*",
          ",", ".", " ", "  ", "\t", "'", '"', "\u2019", "é", "ﬁle", "file", "1", "12", "a", "ab"]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=2000, deadline=None)
@given(texts, texts)
def test_counting_letters_never_hides_a_cosmetic_edit(old, new):
    if cosmetic_key(old) == cosmetic_key(new):
        assert sig._may_be_cosmetic(old, new, word_diff(old, new))


def test_renumbered_escaped_and_unicode_clauses_stay_cosmetic():
    for old, new in [("3. We share your data.", "12. We share your data."),
                     ("(a\\) We share.", "(ab\\) We share."),
                     ("We use the ﬁle.", "We use the file.")]:
        assert sig.significance(old, new, word_diff(old, new)) == "cosmetic", (old, new)


def test_counting_letters_rejects_real_edits():
    for old, new in [("We share your data.", "We sell your data."),
                     ("We may sell your data.", "We won't sell your data.")]:
        assert not sig._may_be_cosmetic(old, new, word_diff(old, new)), (old, new)
    # Edits that remove as many letters and digits as they add: the count cannot reject them,
    # so the full comparison must, and none may come out cosmetic.
    for old, new in [("We do not sell your data.", "We do not tell your data."),
                     ("We may share your data.", "We can share your data."),
                     ("We do not share your location.", "We do now share your location."),
                     ("Delete your account now.", "Delete your account not."),
                     ("We keep logs for 12 months.", "We keep logs for 21 months."),
                     ("You can opt out at any time.", "You can't opt in at any time.")]:
        diff = word_diff(old, new)
        assert sig._may_be_cosmetic(old, new, diff), (old, new)
        assert sig.significance(old, new, diff) != "cosmetic", (old, new)
    old, new = "We share your data.", "we SHARE your data!"
    assert sig.significance(old, new, word_diff(old, new)) == "cosmetic"
