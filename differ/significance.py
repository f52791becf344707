"""How much a clause change matters to a reader: cosmetic, minor or substantive.

- cosmetic: only case, punctuation, whitespace, quote style or numbering changed;
- minor: only dates, numbers or link targets changed, or at most `MINOR_WORDS` words, none of
  them a word that flips or narrows a clause's meaning (`not`, `may`, `only`, …) and none naming
  a kind of data or a data practice (two words, "bank account", can be the whole news);
- substantive: anything else, and every clause added or removed that has words in it.
"""

import functools
import re
from typing import NamedTuple

from .normalize import cosmetic_key, strip_numbering
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
            and not _names_data_or_practice(removed) and not _names_data_or_practice(added)):
        return "minor"
    return "substantive"


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
# category rule of the tagger, or the bare verb of collection, as one pattern. One search
# instead of the tagger's ~400 keeps long edited policies fast; a fragment is a couple of
# words, where the tagger's weak-rule pairing does not apply anyway.
def _rules() -> list[str]:
    return [
        *(p for rules in lexicon.DATA_TYPE_RULES.values() for p in rules),
        lexicon.COLLECT_VERB,
        *(p for category, rules in lexicon.CATEGORY_RULES.items() if category != "other"
          for p in rules if not isinstance(p, lexicon.Weak)),
    ]


class _Matcher(NamedTuple):
    meaningful: re.Pattern  # all the rules
    index: dict[str, list[str]]  # the rules' required strings (lower case) by their first 3 letters
    unindexed: list[str]  # the rules that have no such strings
    unindexed_pattern: re.Pattern | None


@functools.cache  # built on first use: a crawl whose pages did not change never needs it (30 ms)
def _matcher() -> _Matcher:
    index: dict[str, list[str]] = {}
    unindexed = []
    for pattern in _rules():
        strings = _required_literals(pattern)
        if strings is None:
            unindexed.append(pattern)
        else:
            for string in sorted({s.lower() for s in strings}):
                index.setdefault(string[:3], []).append(string)
    return _Matcher(_combined(_rules()), index, unindexed, _combined(unindexed) if unindexed else None)


def _combined(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # the same few words recur across the clauses of one edit
def _fragment_is_meaningful(fragment: str) -> bool:
    matcher = _matcher()
    if fragment.isascii() and "_" not in fragment:
        # Words joined by spaces: `normal_text` would return them as they are. Most fragments
        # contain none of the words a rule needs; a set lookup says so ~40× faster than the
        # combined pattern (a search of ~180 alternatives at every position).
        text, lowered = fragment, fragment.lower()
        if not any(string in lowered for k in range(len(lowered) - 2)
                   for string in matcher.index.get(lowered[k:k + 3], ())):
            return bool(matcher.unindexed_pattern and matcher.unindexed_pattern.search(text))
    else:
        text = normal_text(fragment)
    return bool(matcher.meaningful.search(text))


def _required_literals(pattern: str) -> set[str] | None:
    """Strings (ASCII, 3+ characters) one of which every match of `pattern` contains, or None
    when the pattern has no such set (or cannot be read): read off the parsed pattern."""
    try:
        from re import _constants, _parser  # the standard library's own regex parser
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except Exception:  # another Python's internals: no prefilter, only slower
        return None

    def options(items) -> list[set[str]]:
        # Each set: one of its strings is in every match of `items` (a sequence of regex ops).
        found, run = [], []
        for op, arg in list(items) + [(None, None)]:
            if op is _constants.LITERAL:
                run.append(chr(arg))
                continue
            if run:
                found.append({"".join(run)})
                run = []
            if op is _constants.SUBPATTERN:
                found += options(arg[-1])
            elif op is _constants.BRANCH:  # each alternative brings its own strings
                alternatives = [best(options(branch)) for branch in arg[1]]
                if all(alternatives):
                    found.append(set().union(*alternatives))
            elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1:
                found += options(arg[2])
            # Anything else (classes, optional parts, lookarounds, anchors) requires nothing.
        return found

    def best(found: list[set[str]]) -> set[str] | None:
        usable = [strings for strings in found
                  if all(len(s) >= 3 and s.isascii() for s in strings)]
        return min(usable, key=len) if usable else None

    return best(options(parsed))


def clause_significance(text: str) -> str:
    """The significance of a clause added or removed whole."""
    return "substantive" if cosmetic_key(text) else "cosmetic"


def _has_links(text: str) -> bool:
    return "](" in text or "http" in text or "www." in text


def _without_links(text: str) -> str:
    return cosmetic_key(_URL.sub(" ", _LINK_TARGET.sub("]", text)))
