"""Markdown to clauses: headings, paragraphs, list items and table rows, with their section path."""

import re

from .model import Clause

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_ROW_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def segment(markdown: str) -> list[Clause]:
    """Split Markdown into clauses, each with the headings above it."""
    clauses: list[Clause] = []
    path: list[tuple[int, str]] = []  # (level, heading text)
    paragraph: list[str] = []

    def add(text: str, kind: str) -> None:
        text = text.strip()
        if text:
            section = tuple(title for _, title in path)
            clauses.append(Clause(text, section, len(clauses), kind))

    def flush() -> None:
        if paragraph:
            add(" ".join(line.strip() for line in paragraph), "paragraph")
            paragraph.clear()

    for line in markdown.splitlines():
        if not line.strip():
            flush()
        elif m := _HEADING.match(line):
            flush()
            level = len(m.group(1))
            while path and path[-1][0] >= level:
                path.pop()
            add(m.group(2), "heading")
            path.append((level, m.group(2).strip()))
        elif m := _ITEM.match(line):
            flush()
            add(m.group(1), "item")
        elif _ROW_RULE.match(line):
            flush()
        elif m := _ROW.match(line):
            flush()
            add(" | ".join(cell.strip() for cell in m.group(1).split("|")), "row")
        else:
            paragraph.append(line)
    flush()
    return clauses
