"""A quick and exact "which of these rules can match this text?" for lists of case-insensitive
regular expressions (the tagger's rules).

A clause matches few of the tagger's ~400 rules, and searching it with each costs. Most rules
cannot match without one of a few plain strings ("shar", "third", "mail"), read here off the
parsed pattern: a rule none of whose strings is in the text cannot match it, and a set lookup
of the text's 3-character pieces says so. Only the other rules are searched (4× faster tagging,
the same matches: tests/test_differ_prefilter.py).

    >>> literals = Literals([r"\\bshar(?:e|ing)\\b", r"\\bdisclos\\w+"])
    >>> literals.candidates("We never disclose it."), literals.candidates("We keep it."), literals.rest
    ([1], [], [])
    >>> Literals([r"\\b(?:EU|UK)\\b"]).rest  # strings of under 3 characters say too little
    ['\\\\b(?:EU|UK)\\\\b']
    >>> rule = r"\\bnot (?:sell|share)\\b"  # the parser factors the "s" out of sell|share:
    >>> sorted(map(sorted, required_sets(rule)))  # "not s", and one of "ell", "hare"
    [['ell', 'hare'], ['not s']]
    >>> both = Literals([rule])
    >>> both.candidates("We share it."), both.candidates("We do not store it."), both.candidates("We do not share it.")
    ([], [], [0])
"""

import re
from functools import lru_cache

# Under re.IGNORECASE an ASCII letter also matches these four characters (every other code
# point that matches one is the letter's own upper or lower case; tests/test_differ_prefilter.py
# scans them all). Mapped before lower-casing, so that a required string is `in` the folded
# text wherever the rule could match it.
_SAME_LETTER_CHARS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}  # İ ı ſ K (Kelvin)
_SAME_LETTER = str.maketrans(_SAME_LETTER_CHARS)
SHORTEST = 3  # characters: shorter strings are in too many texts to rule anything out


class Literals:
    """For a list of patterns: the strings (lower case) one of which each pattern's matches
    must contain, indexed by their first three characters; `rest`, the patterns that have none.
    A pattern that needs several such sets ("not" … "sell", "third" … "share") is indexed by the
    smallest, and is a candidate only when the text also holds a string of each of the others:
    on policy text, 40% of the patterns whose indexed string is present fail that test, and
    searching them, to find no match, was most of the tagger's time."""

    def __init__(self, patterns):
        self.patterns = list(patterns)
        self.index: dict[str, list[tuple[str, int]]] = {}  # {first 3: [(string, pattern's place)]}
        self._rest_places: list[int] = []
        self._also: dict[int, list[tuple[str, ...]]] = {}  # {place: the other required sets}
        for place, pattern in enumerate(self.patterns):
            sets = required_sets(pattern)
            if not sets:
                self._rest_places.append(place)
                continue
            strings = _smallest(sets)
            for string in sorted(strings):
                self.index.setdefault(string[:SHORTEST], []).append((string, place))
            others = [tuple(sorted(s)) for s in sets if s is not strings]
            if others:
                self._also[place] = others
        self._grams = frozenset(self.index)

    @property
    def rest(self) -> list:
        return [self.patterns[place] for place in self._rest_places]

    def candidates(self, text: str) -> list[int]:
        """The places, in order, of the patterns that may match `text`: those that need no
        string, and those with a string of each of their sets in it. The others cannot match."""
        folded, grams = _view(text)
        places = set(self._rest_places)
        ruled_out = set()
        also = self._also
        for gram in grams & self._grams:
            for string, place in self.index[gram]:
                if place not in places and place not in ruled_out and string in folded:
                    if place in also and not all(any(s in folded for s in strings)
                                                 for strings in also[place]):
                        ruled_out.add(place)
                    else:
                        places.add(place)
        return sorted(places)


class Rules:
    """A list of case-insensitive patterns, indexed once: `matches` searches a text only with
    those of them that can match it. Each is compiled when a text first needs it: most rules
    are candidates for few texts, and compiling all ~500 cost a crawl's first changed page
    half of its 70 ms of start."""

    def __init__(self, patterns):
        self.literals = Literals(patterns)
        self.patterns = self.literals.patterns
        self.compiled: list[re.Pattern | None] = [None] * len(self.patterns)

    def matches(self, text: str):
        """(pattern, matched phrase) for each pattern that matches `text`, in list order."""
        for place in self.literals.candidates(text):
            compiled = self.compiled[place]
            if compiled is None:
                compiled = self.compiled[place] = re.compile(self.patterns[place], re.IGNORECASE)
            if m := compiled.search(text):
                yield self.patterns[place], m.group(0)


@lru_cache(maxsize=16)  # one clause is checked against every list of rules in turn
def _view(text: str) -> tuple[str, set[str]]:
    """`text` folded as re.IGNORECASE compares ASCII letters, and its 3-character pieces."""
    folded = text.translate(_SAME_LETTER).lower()
    return folded, {folded[k:k + SHORTEST] for k in range(len(folded) - SHORTEST + 1)}


def _smallest(sets: list[set[str]]) -> set[str] | None:
    """The set with fewest strings (None for no sets): the one that rules out most texts."""
    return min(sets, key=len) if sets else None


def required_sets(pattern: str) -> list[set[str]]:
    """Sets of lower-case ASCII strings of `SHORTEST`+ characters: every match of `pattern`
    (compiled with re.IGNORECASE) contains a string of each set. Empty when there is none, or
    the pattern cannot be read."""
    # The lexicon's rules are looked up in a table (differ/_required.py, written by `python -m
    # differ.required_table`): parsing its ~300 rules made a crawl process's first changed page
    # cost 48 ms of CPU, 19 ms without. The sets are a property of the pattern's text, so they
    # hold on any Python; a rule not in the table (edited since) is parsed, only slower, and
    # tests/test_differ_required_table.py fails until the table is written again.
    known = _table().get(pattern)
    if known is not None:
        return [set(strings) for strings in known]
    return parsed_sets(pattern)


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, ...], ...]]:
    try:
        from ._required import SETS
    except ImportError:  # not written yet (or a copy without it): every rule is parsed
        return {}
    return SETS


def parsed_sets(pattern: str) -> list[set[str]]:
    """`required_sets`, read off the pattern parsed by the standard library's regex parser."""
    try:
        from re import _constants, _parser  # the standard library's own regex parser
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except Exception:  # another Python's internals, or a bad pattern: no shortcut, only slower
        return []

    def options(items) -> list[set[str]]:
        # Each set: one of its strings is in every match of `items` (a sequence of regex ops).
        found, run = [], []
        for op, arg in list(items) + [(None, None)]:
            if op is _constants.LITERAL:
                run.append(chr(arg))
                continue
            if run:
                found.append({"".join(run).lower()})
                run = []
            if op is _constants.SUBPATTERN:
                found += options(arg[-1])
            elif op is _constants.BRANCH:  # each alternative brings its own strings
                alternatives = [_smallest(usable(options(branch))) for branch in arg[1]]
                if all(alternatives):
                    found.append(set().union(*alternatives))
            elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1:
                found += options(arg[2])
            # Anything else (classes, optional parts, lookarounds, anchors) requires nothing.
        return found

    def usable(found: list[set[str]]) -> list[set[str]]:
        return [strings for strings in found
                if all(len(s) >= SHORTEST and s.isascii() for s in strings)]

    return usable(options(parsed))
