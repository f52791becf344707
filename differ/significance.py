"""How much a clause change matters to a reader: cosmetic, minor or substantive.

- cosmetic: only case, punctuation, whitespace, quote style or numbering changed;
- minor: only dates, numbers or link targets changed, or at most `MINOR_WORDS` words, none of
  them a word that flips or narrows a clause's meaning (`not`, `may`, `only`, …) and none naming
  a kind of data or a data practice (two words, "bank account", can be the whole news);
- substantive: anything else, and every clause added or removed that has words in it.
"""

import functools
import re

from .normalize import cosmetic_key
from . import lexicon
from .tags import normal_text

MINOR_WORDS = 2
# Changing one of these changes what a clause permits or promises: never minor.
MEANINGFUL_WORDS = frozenset("""
    not no never none nor without except unless only solely all any may might can cannot must
    shall should will would always sell sold share shared consent opt
""".split())
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
    if cosmetic_key(old) == cosmetic_key(new):
        return "cosmetic"
    if _has_links(old + new) and _without_links(old) == _without_links(new):
        return "minor"
    removed = [w.casefold() for op, text in diff if op == -1 for w in _WORD.findall(text)]
    added = [w.casefold() for op, text in diff if op == 1 for w in _WORD.findall(text)]
    changed = removed + added
    if all(_DATE_WORD.match(word) for word in changed):
        return "minor"
    if (max(len(removed), len(added)) <= MINOR_WORDS and not MEANINGFUL_WORDS.intersection(changed)
            and not _names_data_or_practice(removed) and not _names_data_or_practice(added)):
        return "minor"
    return "substantive"


def _names_data_or_practice(words: list[str]) -> bool:
    return bool(words) and _fragment_is_meaningful(" ".join(words))


# Words that name a kind of data or a data practice: any data-type rule, or a strong (not
# `Weak`) category rule of the tagger, and the bare verb of collection, as one pattern. One search instead of the tagger's ~400
# keeps long edited policies fast; a fragment is a couple of words, where the tagger's
# weak-rule pairing does not apply anyway.
_MEANINGFUL = re.compile("|".join(
    f"(?:{pattern})"
    for pattern in [
        *(p for rules in lexicon.DATA_TYPE_RULES.values() for p in rules),
        lexicon.COLLECT_VERB,
        *(p for category, rules in lexicon.CATEGORY_RULES.items() if category != "other"
          for p in rules if not isinstance(p, lexicon.Weak)),
    ]
), re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # the same few words recur across the clauses of one edit
def _fragment_is_meaningful(fragment: str) -> bool:
    return bool(_MEANINGFUL.search(normal_text(fragment)))


def clause_significance(text: str) -> str:
    """The significance of a clause added or removed whole."""
    return "substantive" if cosmetic_key(text) else "cosmetic"


def _has_links(text: str) -> bool:
    return "](" in text or "http" in text or "www." in text


def _without_links(text: str) -> str:
    return cosmetic_key(_URL.sub(" ", _LINK_TARGET.sub("]", text)))
