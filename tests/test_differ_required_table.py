"""differ/_required.py, the table of the strings each of the tagger's rules needs: written from
the lexicon as it is, used for every list the tagger indexes, and only a shortcut (a rule not in
it is parsed)."""

import csv
import sys
from pathlib import Path

from differ import prefilter, required_table, significance, tags
from differ.prefilter import Literals, parsed_sets, required_sets

REGENERATE = "differ/_required.py is stale: run `python -m differ.required_table` and commit it"
CLAUSES = Path(__file__).parent / "data" / "tagger" / "clauses.csv"


def table_text() -> str:
    return required_table.TABLE.read_text(encoding="utf-8")


def test_the_table_is_what_the_lexicon_gives_now():
    table = prefilter._table()
    assert set(table) == set(map(str, required_table.indexed_patterns())), REGENERATE
    from differ._required import PYTHON
    if PYTHON == ".".join(map(str, sys.version_info[:2])):
        # Another Python's parser may find other (as valid) sets: compared on the same version.
        assert required_table.table_source(required_table.indexed_patterns()) == table_text(), REGENERATE


def test_a_stale_table_fails_the_check():
    # A rule edited without writing the table again: its old text is in the table, not its new.
    patterns = required_table.indexed_patterns()
    edited = [p + "(?:s)?" if k == 0 else p for k, p in enumerate(patterns)]
    assert required_table.table_source(edited) != table_text()


def test_every_list_the_tagger_indexes_is_in_the_table():
    for row in csv.DictReader(open(CLAUSES, encoding="utf-8")):
        tags.tag(row["text"])
        significance._fragment_is_meaningful(" ".join(row["text"].split()[:2]))
    indexed = [patterns for patterns, _ in tags._LISTS.values()]
    assert len(indexed) >= 26  # 10 categories, 14 data types, negations, significance's words
    missing = {p for patterns in indexed for p in patterns if p not in prefilter._table()}
    assert not missing, REGENERATE


def test_indexing_the_lexicon_parses_no_rule(monkeypatch):
    def parse(pattern):
        raise AssertionError(f"parsed: {pattern}")
    monkeypatch.setattr(prefilter, "parsed_sets", parse)
    for rules in required_table.indexed_lists():
        Literals(rules)


def test_the_table_gives_the_parsed_sets():
    for pattern in required_table.indexed_patterns():
        assert required_sets(pattern) == parsed_sets(pattern), pattern


def test_a_rule_not_in_the_table_is_parsed():
    rule = r"\bwe (?:never|do not) (?:rent|lease)\b"
    assert rule not in prefilter._table()
    assert sorted(map(sorted, required_sets(rule))) == [["do not", "never"], ["lease", "rent"], ["we "]]
