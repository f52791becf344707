"""Clause-level differences between two versions of a policy, as Markdown.

    >>> import differ
    >>> changes = differ.compare("# Data\\n\\nWe collect your name.", "# Data\\n\\nWe collect your name and bank account.")
    >>> changes.summary()
    '1 modified, 0 added, 0 removed'
    >>> changes.headline()
    '1 substantive — Data'

Pure: standard library and diff-match-patch only (tests/test_differ_imports.py checks it).
"""

from .compare import MODIFIED_THRESHOLD, compare, compare_clauses, similarity
from .model import KINDS, SIGNIFICANCES, Change, ChangeSet, Clause
from .normalize import normalize
from .render import render_diff, render_text, tag_label
from .segment import SEGMENTER, segment
from .meaning import Meaning, explain
from .tags import Tags, tag
from .worddiff import word_diff

__all__ = [
    "KINDS",
    "MODIFIED_THRESHOLD",
    "SEGMENTER",
    "SIGNIFICANCES",
    "Change",
    "ChangeSet",
    "Clause",
    "Meaning",
    "Tags",
    "compare",
    "compare_clauses",
    "explain",
    "normalize",
    "render_diff",
    "render_text",
    "segment",
    "similarity",
    "tag",
    "tag_label",
    "word_diff",
]
