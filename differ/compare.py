"""Align the clauses of two versions and describe what changed.

1. Exact matches: clauses found once on each side anchor the alignment, then difflib aligns
   the gaps between anchors, over clause fingerprints (normalized text without numbering), so
   renumbered and re-quoted clauses still match; those whose exact text (numbering aside) or
   form (`Clause.form`: a sentence become a heading) differs are `modified`, `cosmetic`.
2. Moves: a leftover clause whose fingerprint reappears among the leftovers on the other side
   is `moved` (paired in document order).
3. Modifications: inside each stretch that difflib could not match, leftover clauses are paired
   in order when there are as many on each side and each pair is at least `MODIFIED_THRESHOLD`
   similar (clauses edited in place); otherwise by word similarity, most similar first. A pair
   at least `MODIFIED_THRESHOLD` similar is `modified`, the rest are `removed` / `added`. A
   stretch left with only headings, as many on each side, is a section renamed.
4. Re-paragraphing: when a stretch holds the same words before and after (a paragraph split in
   two, two merged), its changes are `cosmetic`.
5. Moved and modified: a clause removed in one place and added, at least `MOVED_THRESHOLD`
   similar, in another is one `modified` change whose `old_section` says where it was.
"""

import bisect
import difflib
import re
from collections import Counter, defaultdict, deque

from .model import Change, ChangeSet, Clause
from .normalize import cosmetic_key, fingerprint, strip_numbering
from .segment import segment
from .significance import MONTHS, clause_significance, significance
from .worddiff import common_length, word_diff

# Two leftover clauses are one `modified` clause when the similarity of their words (2 × the
# words they have in common, in order / all their words, case-folded) is at least this; below,
# they are `removed` + `added`. At 0.5 a clause keeps its identity while half its words survive.
MODIFIED_THRESHOLD = 0.5
# A clause removed in one place and added in another is one clause moved and modified when at
# least this similar: stricter than MODIFIED_THRESHOLD, as the place gives no evidence.
MOVED_THRESHOLD = 0.8
# In a stretch with more leftover pairs than this, a clause is compared only with the clauses
# near its own relative position, to keep a rewritten document fast.
MAX_PAIRS = 2500
WINDOW = 25

_WORDS = re.compile(r"\w+")


def compare(old_markdown: str, new_markdown: str) -> ChangeSet:
    """The clause-level change set from `old_markdown` to `new_markdown`."""
    if old_markdown == new_markdown:
        return ChangeSet([], [(i, i) for i in range(len(segment(old_markdown)))])
    return compare_clauses(segment(old_markdown), segment(new_markdown))


def compare_clauses(old: list[Clause], new: list[Clause]) -> ChangeSet:
    """The change set between two clause sequences (as `segment` returns them)."""
    old_keys = [fingerprint(c.text) for c in old]
    # Most clauses of a new version are the old one's, word for word: their fingerprints are
    # known (normalizing every clause of both sides was a third of the comparison).
    known = dict(zip((c.text for c in old), old_keys))
    new_keys = [known.get(c.text) or fingerprint(c.text) for c in new]
    unchanged, stretches = _align(old_keys, new_keys)

    # Sort keys (new position, order, old position) list the changes in reading order of the
    # new text; a removed clause goes where it stood (see `_removed_key`).
    keyed: list[tuple[tuple[int, int, int], Change]] = []
    # Same words, other form (quotes, spacing, a sentence become a heading or a paragraph of its
    # own, a heading's level): cosmetic.
    touched = [(i, j) for i, j in unchanged if old[i].form() != new[j].form() or (
               old[i].text != new[j].text
               and strip_numbering(old[i].text) != strip_numbering(new[j].text))]
    keyed += [((j, 1, i), _modified(old[i], new[j], "cosmetic")) for i, j in touched]
    unchanged = sorted(set(unchanged) - set(touched))

    moves = _moves(old_keys, new_keys, stretches)
    keyed += [((j, 1, i), _moved(old[i], new[j])) for i, j in moves.items()]
    moved_new = set(moves.values())
    for olds, news in stretches:
        olds_left = [i for i in olds if i not in moves]
        news_left = [j for j in news if j not in moved_new]
        changes = []
        diffs = _in_place(old, new, old_keys, new_keys, olds_left, news_left)
        if diffs is not None:
            pairs = dict(zip(olds_left, news_left))
        else:
            diffs = {}
            pairs = _pair(old_keys, new_keys, olds_left, news_left)
        pairs.update(_renamed_headings(old, new, olds_left, news_left, pairs))
        for i, j in pairs.items():
            changes.append(((j, 1, i), _modified(old[i], new[j], diff=diffs.get(i))))
        paired_old, paired_new = set(pairs), set(pairs.values())
        changes += [(_removed_key(i, news.start, pairs), _removed(old[i]))
                    for i in olds_left if i not in paired_old]
        changes += [((j, 1, -1), _added(new[j])) for j in news_left if j not in paired_new]
        if len(changes) > 1 and _same_words([old[i] for i in olds_left], [new[j] for j in news_left]):
            for _, change in changes:
                change.significance = "cosmetic"
        keyed += changes
    keyed = _moved_and_modified(old, new, old_keys, new_keys, keyed)
    keyed.sort(key=lambda pair: pair[0])
    return ChangeSet([change for _, change in keyed], unchanged)


def _moved_and_modified(old, new, old_keys, new_keys, keyed):
    """A clause removed in one place and added, a little edited, in another was moved and
    modified: one `modified` change (with both section paths) when the two are at least
    `MOVED_THRESHOLD` similar. Skipped when there are too many candidates to compare."""
    removed = {c.old_position: n for n, (_, c) in enumerate(keyed)
               if c.kind == "removed" and c.significance != "cosmetic"}
    added = {c.new_position: n for n, (_, c) in enumerate(keyed)
             if c.kind == "added" and c.significance != "cosmetic"}
    if not removed or not added or len(removed) * len(added) > MAX_PAIRS:
        return keyed
    pairs = _pair(old_keys, new_keys, list(removed), list(added), MOVED_THRESHOLD)
    if not pairs:
        return keyed
    dropped = {removed[i] for i in pairs} | {added[j] for j in pairs.values()}
    kept = [entry for n, entry in enumerate(keyed) if n not in dropped]
    return kept + [((j, 1, i), _modified(old[i], new[j])) for i, j in pairs.items()]


def _align(old_keys: list[str], new_keys: list[str]):
    """Unchanged clauses as (old, new) positions, and the stretches between them as (old
    range, new range). Clauses found once on each side anchor the alignment first (the
    longest chain of them in the same order, as in patience diff); difflib then aligns each
    gap between anchors. Repeated clauses (a table's header row, "Yes.") would otherwise
    anchor far-apart places together, and cut a lightly edited text into lopsided stretches."""
    old_count, new_count = Counter(old_keys), Counter(new_keys)
    new_at = {key: j for j, key in enumerate(new_keys) if new_count[key] == 1}
    candidates = [(i, new_at[key]) for i, key in enumerate(old_keys)
                  if old_count[key] == 1 and key in new_at]
    unchanged: list[tuple[int, int]] = []
    stretches: list[tuple[range, range]] = []
    i0 = j0 = 0
    for i, j in _longest_chain(candidates) + [(len(old_keys), len(new_keys))]:
        if i == i0 or j == j0:
            # Most gaps between anchors are empty, or empty on one side: a stretch or nothing,
            # as difflib would say, without building a matcher for each (most of _align's cost).
            if i > i0 or j > j0:
                stretches.append((range(i0, i), range(j0, j)))
        else:
            matcher = difflib.SequenceMatcher(None, old_keys[i0:i], new_keys[j0:j], autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    unchanged.extend(zip(range(i0 + i1, i0 + i2), range(j0 + j1, j0 + j2)))
                else:
                    stretches.append((range(i0 + i1, i0 + i2), range(j0 + j1, j0 + j2)))
        if i < len(old_keys):
            unchanged.append((i, j))
        i0, j0 = i + 1, j + 1
    return unchanged, stretches


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (i, j) pairs, sorted by i, whose j increase too."""
    tails: list[int] = []  # tails[k]: the smallest j ending a chain of length k + 1
    tail_index: list[int] = []  # the pair holding it
    previous: list[int] = []  # for each pair, the pair before it in its chain
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(n)
        else:
            tails[k] = j
            tail_index[k] = n
        previous.append(tail_index[k - 1] if k else -1)
    chain = []
    n = tail_index[-1] if tail_index else -1
    while n != -1:
        chain.append(pairs[n])
        n = previous[n]
    return chain[::-1]


def _removed_key(i: int, start: int, pairs: dict[int, int]) -> tuple[int, int, int]:
    """A removed clause is listed after the modified clause that came before it in the old
    text, or else at the start of its stretch."""
    before = [j for old_i, j in pairs.items() if old_i < i]
    return (max(before), 2, i) if before else (start, 0, i)


def _moves(old_keys: list[str], new_keys: list[str], stretches) -> dict[int, int]:
    """{old position: new position} of leftover clauses whose fingerprint reappears elsewhere."""
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for olds, _ in stretches:
        for i in olds:
            waiting[old_keys[i]].append(i)
    moves: dict[int, int] = {}
    for _, news in stretches:
        for j in news:
            if waiting.get(new_keys[j]):
                moves[waiting[new_keys[j]].popleft()] = j
    return moves


def _in_place(old, new, old_keys, new_keys, olds: list[int], news: list[int]):
    """Clauses edited in place: when a stretch has as many clauses on each side and each is
    similar enough to the one at the same place, they pair in order. Returns their word diffs
    by old position (needed anyway, and a cheap similarity test), or None."""
    if not olds or len(olds) != len(news):
        return None
    diffs = {}
    for i, j in zip(olds, news):
        diffs[i] = word_diff(old[i].text, new[j].text)
        if (_diff_similarity(diffs[i]) < MODIFIED_THRESHOLD
                and _similarity(_words(old_keys[i]), _words(new_keys[j])) < MODIFIED_THRESHOLD):
            return None
    return diffs


def _pair(old_keys: list[str], new_keys: list[str], olds: list[int], news: list[int],
          threshold: float = MODIFIED_THRESHOLD) -> dict[int, int]:
    """{old position: new position} of the clauses that are one clause modified (at least
    `threshold` similar): the most similar pairs first, each clause in at most one pair."""
    if not olds or not news:
        return {}
    old_words = {i: _words(old_keys[i]) for i in olds}
    new_words = {j: _words(new_keys[j]) for j in news}
    old_bags = {i: Counter(words) for i, words in old_words.items()}
    new_bags = {j: Counter(words) for j, words in new_words.items()}
    wide = len(olds) * len(news) > MAX_PAIRS
    candidates = []
    for a, i in enumerate(olds):
        for b, j in enumerate(news):
            if wide and abs(a * len(news) / len(olds) - b) > WINDOW:
                continue
            # The words two clauses share, in any order, bound their similarity: a cheap test
            # that spares the diff of most pairs in a rewritten stretch.
            total = len(old_words[i]) + len(new_words[j])
            if total and 2 * (old_bags[i] & new_bags[j]).total() < threshold * total:
                continue
            ratio = _similarity(old_words[i], new_words[j])
            if ratio >= threshold:
                candidates.append((-ratio, a, b, i, j))
    candidates.sort()
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, _, i, j in candidates:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def _renamed_headings(old, new, olds, news, pairs: dict[int, int]) -> dict[int, int]:
    """A section renamed: when all that is left unpaired in a stretch is headings, as many on
    each side and at the same depths, they are the same headings renamed."""
    taken = set(pairs.values())
    old_left = [i for i in olds if i not in pairs]
    new_left = [j for j in news if j not in taken]
    if len(old_left) != len(new_left):
        return {}
    renamed = list(zip(old_left, new_left))
    if all(old[i].kind == new[j].kind == "heading" and len(old[i].section) == len(new[j].section)
           for i, j in renamed):
        return dict(renamed)
    return {}


_PLACEHOLDER = {month: "<month>" for month in MONTHS}


def similarity(old_text: str, new_text: str) -> float:
    """The word similarity `MODIFIED_THRESHOLD` is compared with: 2 × words in common / all
    words, over case-folded words of the fingerprints (0: nothing shared, 1: the same words)."""
    return _similarity(_words(fingerprint(old_text)), _words(fingerprint(new_text)))


def _similarity(old_words: list[str], new_words: list[str]) -> float:
    total = len(old_words) + len(new_words)
    if not total:
        return 1.0
    if 2 * min(len(old_words), len(new_words)) < MODIFIED_THRESHOLD * total:
        return 0.0  # too different in length to reach the threshold: skip the diff
    return 2 * common_length(old_words, new_words) / total


def _diff_similarity(diff: list[tuple[int, str]]) -> float:
    """The share of words a word diff keeps (2 × kept / all): `similarity` measured on the
    exact text (so case and quotes count), which the diff gives for free."""
    counts = {-1: 0, 0: 0, 1: 0}
    for op, text in diff:
        counts[op] += len(_WORDS.findall(text))
    total = 2 * counts[0] + counts[-1] + counts[1]
    return 2 * counts[0] / total if total else 1.0


def _words(key: str) -> list[str]:
    # Numbers and month names count as one placeholder each: "Last updated: 26 June 2017" and
    # "Last updated: 25 May 2018" are the same clause with a new date, not two clauses.
    return [_PLACEHOLDER.get(w, "#" if w.isdigit() else w) for w in _WORDS.findall(key.casefold())]


def _same_words(old: list[Clause], new: list[Clause]) -> bool:
    """True when the clauses say the same words, only cut into clauses differently."""
    old_key = cosmetic_key(" ".join(strip_numbering(c.text) for c in old))
    return bool(old_key) and old_key == cosmetic_key(" ".join(strip_numbering(c.text) for c in new))


def _modified(old: Clause, new: Clause, significance_: str | None = None, diff=None) -> Change:
    diff = diff or word_diff(old.text, new.text)
    return Change("modified", list(new.section), old.text, new.text,
                  significance_ or significance(old.text, new.text, diff), diff,
                  list(old.section), old.position, new.position)


def _moved(old: Clause, new: Clause) -> Change:
    # Moving a clause within its section (a list reordered) is cosmetic; into another section,
    # minor: the words are the same, their context is not.
    same_place = old.section == new.section
    diff = word_diff(old.text, new.text) if old.text != new.text else [(0, new.text)]
    return Change("moved", list(new.section), old.text, new.text,
                  "cosmetic" if same_place else "minor", diff,
                  list(old.section), old.position, new.position)


def _removed(old: Clause) -> Change:
    return Change("removed", list(old.section), old.text, None, clause_significance(old.text),
                  [(-1, old.text)], list(old.section), old.position, None)


def _added(new: Clause) -> Change:
    return Change("added", list(new.section), None, new.text, clause_significance(new.text),
                  [(1, new.text)], None, None, new.position)
