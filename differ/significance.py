"""How much a clause change matters to a reader: cosmetic, minor or substantive.

- cosmetic: only case, punctuation, whitespace, quote style or numbering changed;
- minor: only dates, numbers or link targets changed, or at most `MINOR_WORDS` words, none of
  them a word that flips or narrows a clause's meaning (`not`, `may`, `only`, …) and none naming
  a kind of data or a data practice (two words, "bank account", can be the whole news);
- substantive: anything else, and every clause added or removed that has words in it.
"""

import functools
import re

from .normalize import cosmetic_key, strip_numbering
from . import lexicon
from .tags import _rule_list, normal_text

MINOR_WORDS = 2
# Changing one of these changes what a clause permits or promises: never minor.
MEANINGFUL_WORDS = frozenset("""
    not no never none nor without except unless only solely all any may might can cannot must
    shall should will would always sell sold share shared consent opt
""".split()) | {"t"}  # the "t" of "can't", "don't", "won't" (words are runs of letters)
# "opt in" and "opt out" are opposites: the word after "opt" (or "opt-") is never minor.
_AFTER_OPT = re.compile(r"\bopt[\s-]*$", re.IGNORECASE)
MONTHS = ("january february march april may june july august september october november "
           "december jan feb mar apr jun jul aug sep sept oct nov dec "
           "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
           "premier").split()
_DATE_WORD = re.compile(r"^(?:\d+(?:st|nd|rd|th|er|e)?|" + "|".join(MONTHS) + r")$")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_WORD = re.compile(r"\w+")


def significance(old: str, new: str, diff: list[tuple[int, str]]) -> str:
    """The significance of a modified clause `old` → `new`, whose word diff is `diff`."""
    if _may_be_cosmetic(old, new, diff) and cosmetic_key(old) == cosmetic_key(new):
        return "cosmetic"
    if _has_links(old + new) and _without_links(old) == _without_links(new):
        return "minor"
    removed = [w.casefold() for op, text in diff if op == -1 for w in _WORD.findall(text)]
    added = [w.casefold() for op, text in diff if op == 1 for w in _WORD.findall(text)]
    changed = removed + added
    if all(_DATE_WORD.match(word) for word in changed):
        return "minor"
    if (max(len(removed), len(added)) <= MINOR_WORDS and not MEANINGFUL_WORDS.intersection(changed)
            and not _after_opt(diff)
            and not _names_data_or_practice(removed) and not _names_data_or_practice(added)):
        return "minor"
    return "substantive"


def _after_opt(diff: list[tuple[int, str]]) -> bool:
    """Whether an edit starts right after "opt" ("opt [-out-]{+in+}")."""
    before = ""
    for op, text in diff:
        if op != 0 and _AFTER_OPT.search(before):
            return True
        if op != 1:  # what precedes the next edit in the old text
            before = text
    return False


def _may_be_cosmetic(old: str, new: str, diff: list[tuple[int, str]]) -> bool:
    """False when `cosmetic_key` would certainly differ: in ASCII text without numbering or
    Markdown escapes it keeps every letter and digit (in lower case), so a cosmetic edit removes
    as many as it adds. Counting them in the diff's short edits spares normalizing two long
    clauses."""
    for text in (old, new):
        text = text.lstrip()
        if not text.isascii() or "\\" in text or strip_numbering(text) != text:
            return True
    removed = sum(char.isalnum() for op, text in diff if op == -1 for char in text)
    added = sum(char.isalnum() for op, text in diff if op == 1 for char in text)
    return removed == added


def _names_data_or_practice(words: list[str]) -> bool:
    return bool(words) and _fragment_is_meaningful(" ".join(words))


# Words that name a kind of data or a data practice: any data-type rule, a strong (not `Weak`)
# category rule of the tagger, or the bare verb of collection (a fragment is a couple of words,
# where the tagger's weak-rule pairing does not apply anyway).
def _rules() -> list[str]:
    return [
        *(p for rules in lexicon.DATA_TYPE_RULES.values() for p in rules),
        lexicon.COLLECT_VERB,
        *(p for category, rules in lexicon.CATEGORY_RULES.items() if category != "other"
          for p in rules if not isinstance(p, lexicon.Weak)),
    ]


_RULES = _rules()  # plain strings: compiled and indexed by the tagger's cache on first use


@functools.lru_cache(maxsize=4096)  # the same few words recur across the clauses of one edit
def _fragment_is_meaningful(fragment: str) -> bool:
    # Words joined by spaces: ASCII ones without "_" are as `normal_text` would make them.
    text = fragment if fragment.isascii() and "_" not in fragment else normal_text(fragment)
    # Only the few rules whose required strings are in the fragment are searched.
    return next(_rule_list(_RULES).matches(text), None) is not None


def clause_significance(text: str) -> str:
    """The significance of a clause added or removed whole."""
    return "substantive" if cosmetic_key(text) else "cosmetic"


def _has_links(text: str) -> bool:
    return "](" in text or "http" in text or "www." in text


def _without_links(text: str) -> str:
    return cosmetic_key(_URL.sub(" ", _LINK_TARGET.sub("]", text)))
