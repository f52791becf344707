"""Writes differ/_required.py, the table of the strings each of the tagger's rules needs, which
spares a crawl process parsing ~300 rules (~30 ms) on its first changed page:

    python -m differ.required_table

Run it after editing differ/lexicon.py; tests/test_differ_required_table.py fails until then (a rule
not in the table is parsed when first indexed, so a stale table is only slower, never wrong).
"""

import sys
from pathlib import Path

from .prefilter import parsed_sets

TABLE = Path(__file__).with_name("_required.py")


def indexed_lists() -> list[list[str]]:
    """The lists of rules the tagger indexes with `prefilter.Rules` (differ.tags and
    differ.significance)."""
    from . import lexicon, significance
    return [*lexicon.CATEGORY_RULES.values(), *lexicon.DATA_TYPE_RULES.values(),
            lexicon.NEGATION_RULES, significance._RULES]


def indexed_patterns() -> list[str]:
    """Every rule of `indexed_lists`."""
    return [pattern for rules in indexed_lists() for pattern in rules]


def table_source(patterns) -> str:
    """The text of differ/_required.py: the parsed sets of each of `patterns`."""
    version = ".".join(map(str, sys.version_info[:2]))
    lines = ['"""The strings each of the tagger\'s rules needs (differ.prefilter.required_sets), read off',
             f"the rules parsed by Python {version}. Written by `python -m differ.required_table`: do not edit.",
             '"""', "", f"PYTHON = {version!r}", "", "SETS = {"]
    for pattern in sorted(set(map(str, patterns))):
        sets = tuple(tuple(sorted(strings)) for strings in parsed_sets(pattern))
        lines.append(f"    {pattern!r}: {sets!r},")
    return "\n".join(lines + ["}", ""])


if __name__ == "__main__":
    TABLE.write_text(table_source(indexed_patterns()), encoding="utf-8")
