"""Clause-level differences between two versions of a policy, as Markdown.

    >>> import differ
    >>> changes = differ.compare("# Data\\n\\nWe collect your name.", "# Data\\n\\nWe collect your name and bank account.")
    >>> changes.summary()
    '1 modified, 0 added, 0 removed'

Pure: standard library and diff-match-patch only (tests/test_differ.py checks the imports).
"""

from .model import KINDS, SIGNIFICANCES, Change, ChangeSet, Clause
from .segment import segment
from .compare import compare

__all__ = ["KINDS", "SIGNIFICANCES", "Change", "ChangeSet", "Clause", "compare", "segment"]
