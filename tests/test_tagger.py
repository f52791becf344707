"""The clause tagger and the meaning of a change set: rules, negation, MIUI headline, CLI."""

import csv
import json
from pathlib import Path

import pytest

from crawler import extract
from differ import compare
from differ.lexicon import CATEGORIES, DATA_TYPES
from differ.meaning import explain
from differ.model import Change
from differ.tags import tag

DATA = Path(__file__).parent / "data" / "tagger"
SAMPLES = Path(__file__).parent.parent / "scheduler" / "samples"
CLAUSES = list(csv.DictReader((DATA / "clauses.csv").open(encoding="utf-8")))


def _split(cell):
    return {x for x in cell.split(";") if x}


@pytest.mark.parametrize("row", CLAUSES, ids=[r["text"][:40] for r in CLAUSES])
def test_written_clause_gets_its_data_types_and_polarity(row):
    tags = tag(row["text"])
    assert _split(row["data_types"]) <= set(tags.data_types)
    assert tags.negated == (row["negated"] == "yes")


def test_written_clauses_cover_every_category_and_data_type():
    assert set(CATEGORIES) == set().union(*(_split(r["label"]) for r in CLAUSES))
    assert set(DATA_TYPES) == set().union(*(_split(r["data_types"]) for r in CLAUSES))


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_is_found_in_a_clause_written_for_it(category):
    rows = [r for r in CLAUSES if category in _split(r["label"])]
    assert any(category in tag(r["text"]).categories for r in rows)


def test_every_tag_has_evidence_found_in_the_clause():
    text = "We may share your precise location and bank account number with advertisers."
    tags = tag(text)
    for name in (*tags.categories, *tags.data_types):
        phrases = [e.text for e in tags.evidence if e.tag == name]
        assert phrases and all(p.lower() in text.lower() for p in phrases)


def test_we_do_not_sell_is_negated_and_we_may_sell_is_not():
    assert tag("We do not sell your personal information.").negated
    assert tag("We will never share your data with third parties.").negated
    assert not tag("We may sell your personal information.").negated
    assert "third-party-sharing" in tag("We may sell your personal information.").categories


def test_section_heading_supplies_the_practice_of_a_bare_list_item():
    item = "Financial information: your bank account number and card number."
    tags = tag(item, ["Privacy Policy", "4. Who we share your information with"])
    assert tags.categories == ("third-party-sharing",)  # the heading's practice, not collection
    assert any(e.where == "section" for e in tags.evidence)


def test_a_bare_list_of_personal_data_is_collection_but_an_address_is_other():
    tags = tag("E. Biometric information, such as faceprint;")
    assert tags.categories == ("first-party-collection",)
    assert tags.evidence[0].text == "(names personal data)"
    assert tag("Postal address: 1st Floor, 6 Example Quay, Cork, Ireland").categories == ("other",)


def test_purpose_list_items_are_collection_and_use():
    assert tag("* Provide you with customer support and respond to your inquiries;").categories == (
        "first-party-collection",)
    assert tag("To operate, maintain and provide the features of the Services.").categories == (
        "first-party-collection",)


def test_do_not_track_paragraph_is_do_not_track_alone():
    text = ("Your browser settings may allow you to transmit a Do Not Track signal. We do not alter our "
            "practices when we receive a Do Not Track signal.")
    assert tag(text).categories == ("do-not-track",)


def test_security_as_a_purpose_is_not_a_security_measure():
    assert "data-security" not in tag("Device ID for the identification of your device to ensure secure "
                                      "authentication").categories
    assert "data-security" in tag("We use industry-standard encryption to protect your data.").categories
    assert "data-security" in tag("We cannot guarantee the security of your personal data.").categories


def test_profile_visible_to_other_users_is_sharing():
    assert "third-party-sharing" in tag("Whatever you add to your profile will be visible to other users "
                                        "of the App.").categories


def test_clause_naming_no_practice_is_other():
    assert tag("Acme Inc., 1 Example Street, Springfield.").categories == ("other",)


def test_miui_update_headline_names_financial_and_social_information_and_disclosure_without_consent():
    old = extract((SAMPLES / "miui-privacy-2017.html").read_bytes())
    new = extract((SAMPLES / "miui-privacy-2018.html").read_bytes())
    meaning = explain(compare(old, new).changes, "Xiaomi Privacy Policy")
    assert meaning.headline == ("Xiaomi Privacy Policy — now collects financial and social information; "
                                "may disclose personal information without consent")
    assert meaning.severity == "high"
    kinds = {s.kind for s in meaning.signals}
    assert {"sensitive-data-type-added", "without-consent"} <= kinds
    json.dumps(meaning.to_dict())  # attachable to change sets as is


def test_removed_promise_not_to_sell_ranks_above_a_date_edit():
    sale = explain([Change("modified", ["Sharing"], "We do not sell your personal information.",
                           "We may sell your personal information.")], "Acme")
    date = explain([Change("modified", [], "Last updated: 1 May 2024", "Last updated: 2 June 2024")], "Acme")
    assert "may sell personal information" in sale.headline
    assert "no longer says it does not sell" in sale.headline
    assert sale.severity == "high" and date.severity == "low"
    assert sale.score > date.score


def test_removed_consent_language_and_new_recipient_are_signals():
    meaning = explain([Change("modified", ["Sharing"],
                              "With your consent, we share your e-mail address with our affiliates.",
                              "We share your e-mail address with our affiliates and advertisers.")], "Acme")
    kinds = {(s.kind, s.value) for s in meaning.signals}
    assert ("consent-removed", "consent") in kinds
    assert ("new-recipient", "advertisers") in kinds


def test_cosmetic_change_set_is_cosmetic():
    meaning = explain([Change("modified", [], "We collect your name.", "We collect your name .",
                              significance="cosmetic")], "Acme")
    assert meaning.severity == "cosmetic" and meaning.headline == "Acme — cosmetic edits"


def test_tag_command_prints_one_json_object_per_clause(cli, tmp_path):
    out = cli("tag", "We do not sell your personal information.", "--json").stdout.splitlines()
    assert len(out) == 1
    obj = json.loads(out[0])
    assert set(obj) == {"categories", "data_types", "negated", "evidence"} and obj["negated"] is True


def test_tag_command_reads_one_clause_per_line_from_stdin():
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-m", "scheduler", "tag", "-"], input="We may sell your data.\n\nWe retain logs for 30 days.\n",
                          capture_output=True, text=True, cwd=Path(__file__).parent.parent, check=True)
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["categories"] for x in lines] == [["third-party-sharing"], ["data-retention"]]


def test_tagger_eval_prints_macro_f1_of_written_clauses(cli):
    out = cli("tagger", "eval", str(DATA / "clauses.csv")).stdout
    assert "third-party-sharing" in out
    macro = float(out.strip().splitlines()[-1].split(":")[1].split()[0])
    assert macro >= 0.85


def test_tagger_eval_rejects_unknown_label(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nWe sell data.,selling\n", encoding="utf-8")
    proc = cli("tagger", "eval", str(bad), check=False)
    assert proc.returncode == 1 and "unknown label 'selling'" in proc.stderr
