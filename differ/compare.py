"""Align the clauses of two versions and describe what changed."""

import difflib
import re
import unicodedata

import diff_match_patch

from .model import Change, ChangeSet, Clause
from .segment import segment

# Two leftover clauses are one `modified` clause when at least this similar (difflib ratio
# over words); below it they are a `removed` and an `added` clause.
MODIFIED_THRESHOLD = 0.5

_WORD = re.compile(r"\w+|[^\w\s]+|\s+")


def _key(text: str) -> str:
    """The form clauses are compared in: NFKC, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def compare(old_markdown: str, new_markdown: str) -> ChangeSet:
    """The clause-level change set from `old_markdown` to `new_markdown`."""
    old, new = segment(old_markdown), segment(new_markdown)
    matcher = difflib.SequenceMatcher(
        None, [_key(c.text) for c in old], [_key(c.text) for c in new], autojunk=False
    )
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changes.extend(_pair(old[i1:i2], new[j1:j2]))
    return ChangeSet(changes)


def _pair(old: list[Clause], new: list[Clause]) -> list[Change]:
    """Pair the clauses of one differing stretch: similar ones are modified, the rest added/removed."""
    changes: list[Change] = []
    used: set[int] = set()
    for o in old:
        best, best_ratio = None, MODIFIED_THRESHOLD
        for j, n in enumerate(new):
            if j in used:
                continue
            ratio = difflib.SequenceMatcher(None, _key(o.text).split(), _key(n.text).split()).ratio()
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is None:
            changes.append(Change("removed", list(o.section), o.text, None))
        else:
            used.add(best)
            n = new[best]
            changes.append(
                Change("modified", list(n.section), o.text, n.text, diff=word_diff(o.text, n.text),
                       old_section=list(o.section))
            )
    changes.extend(
        Change("added", list(n.section), None, n.text) for j, n in enumerate(new) if j not in used
    )
    return changes


def word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """Word-level diff with diff-match-patch: words are mapped to characters first."""
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut short by the clock
    vocabulary: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for word in _WORD.findall(text):
            if word not in vocabulary:
                vocabulary[word] = chr(0xE000 + len(words)) if len(words) < 6400 else chr(0xF0000 + len(words))
                words.append(word)
            out.append(vocabulary[word])
        return "".join(out)

    diffs = dmp.diff_main(encode(old), encode(new), False)
    decode = {v: k for k, v in vocabulary.items()}
    result = [(op, "".join(decode[ch] for ch in chunk)) for op, chunk in diffs]
    return result
