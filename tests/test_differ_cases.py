"""Data-driven differ cases: each folder under tests/data/differ/ holds old.md, new.md and
expected.json (the summary, optionally the headline, and the changes in order; each expected
change lists only the fields it checks). Adding a case needs no code."""

import json
from pathlib import Path

import pytest

import differ

CASES = Path(__file__).parent / "data" / "differ"


def _cases():
    return sorted(path.name for path in CASES.iterdir() if path.is_dir())


@pytest.mark.parametrize("name", _cases())
def test_differ_reports_exactly_the_expected_changes(name):
    folder = CASES / name
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    changeset = differ.compare((folder / "old.md").read_text(encoding="utf-8"),
                               (folder / "new.md").read_text(encoding="utf-8"))
    assert changeset.summary() == expected["summary"]
    if "headline" in expected:
        assert changeset.headline() == expected["headline"]
    actual = [change.to_dict() for change in changeset.changes]
    assert len(actual) == len(expected["changes"]), differ.render_text(changeset)
    for got, want in zip(actual, expected["changes"]):
        assert {key: got[key] for key in want} == want, differ.render_text(changeset)


def test_there_are_cases_for_every_situation_the_issue_names():
    assert len(_cases()) >= 10
