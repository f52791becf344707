"""`tagger eval` and `tagger train` read labels as a copy of OPP-115 spells them, not only as ids."""

import csv
from pathlib import Path

from differ.lexicon import CATEGORIES
from scheduler.cli_tagger import OPP115_NAMES, category_of, read_labelled

CLAUSES = Path(__file__).parent / "data" / "tagger" / "clauses.csv"
NAME_OF: dict[str, str] = {}  # category → its OPP-115 name ("Other", not one of its kinds)
for _name, _category in OPP115_NAMES.items():
    NAME_OF.setdefault(_category, _name)


def test_every_category_has_an_opp115_name_and_each_name_reads_back():
    assert set(NAME_OF) == set(CATEGORIES)
    for name, category in OPP115_NAMES.items():
        assert category_of(name) == category
        assert category_of(name.upper()) == category
    assert category_of("user_access_edit_and_deletion") == "user-access"
    assert category_of("Introductory/Generic") == "other"
    assert category_of("selling") is None


def test_eval_scores_opp115_names_as_it_scores_the_ids(cli, tmp_path):
    rows = list(csv.DictReader(CLAUSES.open(encoding="utf-8")))
    named = tmp_path / "opp115-names.csv"
    with named.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "label"])
        for row in rows:
            # One row per label, as OPP-115's consolidations list them (a label with a comma).
            for label in row["label"].split(";"):
                writer.writerow([row["text"], NAME_OF[label]])
    by_ids = cli("tagger", "eval", str(CLAUSES), "--rules-only").stdout
    by_names = cli("tagger", "eval", str(named), "--rules-only").stdout
    assert "User Access, Edit and Deletion" in named.read_text(encoding="utf-8")
    assert by_names == by_ids
    assert f"({len(rows)} clauses)" in by_names


def test_an_unknown_label_names_the_line_and_the_accepted_forms(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nWe keep data.,Data Retention\nWe sell data.,Selling/Sale\n", encoding="utf-8")
    proc = cli("tagger", "eval", str(bad), check=False)
    assert proc.returncode == 1
    assert f"{bad}:3: unknown label 'Selling/Sale'" in proc.stderr
    assert "OPP-115's names" in proc.stderr


def test_labels_in_one_cell_may_be_separated_by_commas_but_an_opp115_name_stays_whole(tmp_path):
    labelled = tmp_path / "labels.csv"
    labelled.write_text(
        "text,label\n"
        '"We keep it a year, then share it.","data-retention, third-party-sharing"\n'
        '"You may see and correct your data.","User Access, Edit and Deletion"\n'
        '"We may sell it.","Third Party Sharing/Collection|Other"\n', encoding="utf-8")
    assert read_labelled(str(labelled)) == {
        "We keep it a year, then share it.": {"data-retention", "third-party-sharing"},
        "You may see and correct your data.": {"user-access"},
        "We may sell it.": {"third-party-sharing", "other"},
    }
