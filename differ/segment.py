"""Markdown to clauses: headings, paragraphs, list items and table rows, with their section path.

A paragraph or list item longer than `LONG_CLAUSE_WORDS` is split into sentences, so that a
one-word edit in a long paragraph points at its sentence rather than at 300 words.
"""

import hashlib
import re
import sys
import unicodedata
from pathlib import Path

from .model import Clause

LONG_CLAUSE_WORDS = 80


def source_digest(paths) -> str | None:
    """A short SHA-256 of the bytes of `paths` (with what else decides what such code gives: the
    Python version, whose `re` and str methods it uses, and their Unicode tables); None when a
    file cannot be read. The segmenter's stamp below, and the feeds' keys (notifier/feed.py)."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {unicodedata.unidata_version}".encode())
    for path in paths:
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            return None
        digest.update(b"\0")  # bytes moved from one file to the next give another digest
    return digest.hexdigest()[:16]


# What cut a version's clauses. The store keeps each version's clauses stamped with this, and
# diffs a new text against them instead of segmenting the old text again (store/changed.py):
# they are what `segment` gives today only when the code that cut them is today's. Derived
# from the source of everything `segment` depends on (this module and the Clause it builds),
# not bumped by hand: a change a person forgets to count (an abbreviation more) would leave
# stale clauses trusted, and diffs of changed pages would show spurious changes. A false
# change (an edited comment) costs little: the old text of each changed page is segmented again
# (~0.2-0.5 ms a page) until `policywatch reindex` stamps the versions anew.
# The .py files, not `__file__`, which is the .pyc in a bytecode-only install: there the source
# cannot be read, SEGMENTER is None, and stored clauses are never trusted.
SEGMENTER = source_digest([Path(__file__).with_name("segment.py"), Path(__file__).with_name("model.py")])

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^\s*(\d+[.)]\s+.*)$")  # the number stays with the item's text
_ROW = re.compile(r"^\s*\|(.*?)\|?\s*$")
_ROW_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")

# A sentence ends at . ! ? (maybe followed by closing quotes, brackets or emphasis), before
# whitespace and something that can start a sentence.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]*_]*\s+(?=[\"'“‘(\[*_]*[A-Z0-9À-ÖØ-Þ])")
# Words whose final period is not the end of a sentence.
_ABBREVIATIONS = {"e.g", "i.e", "eg", "ie", "etc", "inc", "ltd", "llc", "co", "corp", "mr", "mrs",
                  "ms", "dr", "no", "nr", "vs", "art", "sec", "p", "pp", "u.s", "u.k", "cf", "fig",
                  "approx", "incl", "st", "ch", "para", "s.a", "s.a.s", "gmbh", "b.v", "n.v"}
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
# The first characters of the lines that may be more than plain text.
_MARKERS = frozenset("#=-*+_|:0123456789")


def segment(markdown: str) -> list[Clause]:
    """Split Markdown into clauses, each with the headings above it, in document order."""
    return _Segmenter().run(markdown)


class _Segmenter:
    def __init__(self) -> None:
        self.clauses: list[Clause] = []
        self.path: list[tuple[int, str]] = []  # (heading level, section title) above
        self.section: tuple[str, ...] = ()  # the section titles of `path`
        self.lines: list[str] = []  # the block being read
        self.kind = "paragraph"

    def run(self, markdown: str) -> list[Clause]:
        for line in markdown.splitlines():
            self.read(line)
        self.flush()
        return self.clauses

    def read(self, line: str) -> None:
        # Dispatch on the first character: most lines are plain text, and trying every
        # pattern on each would be most of the cost of segmenting.
        first = line.lstrip()[:1]
        if not first:
            self.flush()
        elif first not in _MARKERS:
            self.text(line)
        elif first == "#" and (m := _ATX.match(line)):
            self.flush()
            self.heading(len(m.group(1)), m.group(2) or "")
        elif first == "|":
            self.row(line)
        elif first.isdigit() and (m := _ORDERED.match(line)):
            self.start("item", m.group(1))
        elif first in "=-" and self.lines and self.kind == "paragraph" and _SETEXT.match(line):
            level = 1 if first == "=" else 2
            text = " ".join(self.lines)
            self.lines = []
            self.heading(level, text)
        elif first in "-:" and "|" in line and _ROW_RULE.match(line):
            self.flush()  # the rule under a table's header row, without its leading pipe
        elif first in "-*_" and _BREAK.match(line):
            self.flush()
        elif first in "-*+" and (m := _BULLET.match(line)):
            self.start("item", m.group(1))
        else:
            self.text(line)

    def row(self, line: str) -> None:
        self.flush()
        if not _ROW_RULE.match(line) and (m := _ROW.match(line)):
            self.add(" | ".join(cell.strip() for cell in m.group(1).split("|")), "row")

    def text(self, line: str) -> None:
        """A paragraph line, or the lazy continuation of a list item."""
        if not self.lines:
            self.kind = "paragraph"
        self.lines.append(line.strip())

    def start(self, kind: str, text: str) -> None:
        self.flush()
        self.kind = kind
        self.lines = [text.strip()]

    def flush(self) -> None:
        if self.lines:
            text = " ".join(self.lines)
            self.lines = []
            # A text of up to 2 × LONG_CLAUSE_WORDS characters cannot hold more words (each
            # but the last takes a separator): most clauses are not split to be counted.
            if len(text) > 2 * LONG_CLAUSE_WORDS and len(text.split()) > LONG_CLAUSE_WORDS:
                for n, sentence in enumerate(sentences(text)):
                    self.add(sentence, self.kind, follows=n > 0)
            else:
                self.add(text, self.kind)

    def heading(self, level: int, text: str) -> None:
        self.flush()
        text = text.strip()
        if not text:
            return
        while self.path and self.path[-1][0] >= level:
            self.path.pop()
        self.section = tuple(title for _, title in self.path)
        self.add(text, "heading", level)
        self.path.append((level, section_title(text)))
        self.section = tuple(title for _, title in self.path)

    def add(self, text: str, kind: str, level: int = 0, follows: bool = False) -> None:
        text = text.strip()
        if text.strip("| "):
            self.clauses.append(Clause(text, self.section, len(self.clauses), kind, level, follows))


def section_title(heading: str) -> str:
    """A heading as it names a section: without Markdown escapes and bold/italic markers, so
    that paths read `12. Contact us › Our DPO`, not `12\\. **Contact us**`."""
    return " ".join(_ESCAPE.sub(r"\1", _EMPHASIS.sub("", heading)).split()) or heading


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, in order; only the spaces between them are dropped."""
    result, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        # the word before the period (abbreviations are short: a few characters suffice)
        before = text[max(start, m.start() - 12):m.start()].rsplit(None, 1)
        word = before[-1].lstrip("\"'“‘([*_").casefold() if before else ""
        if word in _ABBREVIATIONS or len(word) == 1:
            continue
        result.append(text[start:m.end()].strip())
        start = m.end()
    result.append(text[start:].strip())
    return [s for s in result if s]
