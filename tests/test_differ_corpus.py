"""The differ on real policy edits: for every `change` pair of the shared corpus (README.md
there), the clauses reported changed between the reference texts before and after must cover
every line that differs between them.

The corpus is read from $POLICYWATCH_CORPUS, or else ../shared/corpus beside the repository;
the test is skipped, saying so, where it is absent. Nothing of it is copied into the repository.
"""

import difflib
import gzip
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

import differ
from differ.normalize import fingerprint, normalize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("POLICYWATCH_CORPUS") or ROOT / ".." / "shared" / "corpus")
# Markdown that is layout, not text: list and heading markers, table rules, setext underlines.
_MARKUP = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+|\|)")
_LAYOUT = re.compile(r"^[\s|:=\-*_#]*$")


def _pairs() -> list[dict]:
    if not (CORPUS / "pairs.jsonl").is_file():
        pytest.skip(f"no corpus at {CORPUS} (set POLICYWATCH_CORPUS to its folder)")
    with open(CORPUS / "pairs.jsonl", encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines]
    return [p for p in pairs if p["label"] == "change"]


def _read(path: str) -> str:
    with gzip.open(CORPUS / path, "rt", encoding="utf-8") as f:
        return f.read()


def _differing_hunks(old: str, new: str) -> list[tuple[list[str], list[str]]]:
    """The places where the texts differ, by a diff of their logical lines (a paragraph wrapped
    over several lines is one line): (old lines, new lines), normalized, without Markdown
    markers. Lines that differ only in spacing or leading numbering do not count: the differ
    ignores those by design. Nor do layout lines (blank, rules, underlines)."""
    old_lines, new_lines = _logical_lines(old), _logical_lines(new)
    matcher = difflib.SequenceMatcher(None, [fingerprint(l) for l in old_lines],
                                      [fingerprint(l) for l in new_lines], autojunk=False)
    return [(old_lines[i1:i2], new_lines[j1:j2])
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def _logical_lines(text: str) -> list[str]:
    """Normalized lines without markers, a line that continues a paragraph joined to it."""
    lines: list[str] = []
    joining = False
    for line in text.splitlines():
        if _LAYOUT.match(line):
            joining = False
        elif joining and not _MARKUP.match(line):
            lines[-1] += " " + normalize(line)
        else:
            lines.append(normalize(_MARKUP.sub("", line)))
            joining = not line.lstrip().startswith(("#", "|"))
    return lines


def _covered(line: str, texts: list[str]) -> bool:
    """A line is covered by a reported clause that is in it (a sentence of a long paragraph)
    or that it is in (a line of a multi-line clause)."""
    return any(text in line or line in text for text in texts)


def _counterpart_covered(line: str, others: list[str], texts: list[str]) -> bool:
    """A line whose counterpart on the other side of its hunk (a line containing it, in it, or
    sharing most of its words) is covered: the old line of a paragraph that gained a sentence."""
    words = line.split()
    return any(
        (line in other or other in line
         or difflib.SequenceMatcher(None, words, other.split(), autojunk=False).ratio() >= 0.5)
        and _covered(other, texts) for other in others
    )


def test_changed_clauses_cover_every_differing_line_of_real_policy_edits():
    lines_total = lines_covered = changes_total = changes_unrelated = 0
    missed: list[str] = []
    unrelated: Counter[str] = Counter()
    for pair in _pairs():
        old, new = _read(pair["version_before_file"]), _read(pair["version_after_file"])
        changeset = differ.compare(old, new)
        hunks = _differing_hunks(old, new)
        # Either side: a sentence inserted into a long paragraph changes its old line too.
        texts = [fingerprint(t) for c in changeset.changes for t in (c.old, c.new) if t is not None]
        # A line found unchanged on the other side was moved, or stayed while others moved
        # around it: which of two swapped blocks "moved" is the differ's choice.
        moved = {line for gone, _ in hunks for line in gone} & {line for _, came in hunks for line in came}
        for gone, came in hunks:
            for line, others in [(line, came) for line in gone] + [(line, gone) for line in came]:
                if line in moved:
                    continue
                lines_total += 1
                if _covered(line, texts) or _counterpart_covered(line, others, texts):
                    lines_covered += 1
                else:
                    missed.append(f"{pair['id']}: {line[:100]!r}")
        gone = [line for hunk in hunks for line in hunk[0]]
        came = [line for hunk in hunks for line in hunk[1]]
        for change in changeset.changes:
            changes_total += 1
            if not (change.old is not None and _covered(fingerprint(change.old), gone)
                    or change.new is not None and _covered(fingerprint(change.new), came)):
                changes_unrelated += 1
                unrelated[f"{change.kind} {change.significance}"] += 1
    print(f"\ncorpus: {len(_pairs())} change pairs; differing lines covered: "
          f"{lines_covered}/{lines_total} ({lines_covered / max(lines_total, 1):.1%}); "
          f"changes touching no differing line (over-reporting): "
          f"{changes_unrelated}/{changes_total} ({changes_unrelated / max(changes_total, 1):.1%})")
    print("  over-reported, by kind and significance:", dict(unrelated.most_common()))
    for line in missed[:20]:
        print("  missed", line)
    assert not missed
