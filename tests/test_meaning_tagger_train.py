"""Issue 11: `policywatch tagger train` (scikit-learn), the model beside the database, and its use
by `tag`, `tagger eval` and the recording of change sets."""

import csv
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from differ.learned import Classifier, tokens, train
from differ.tags import tag
from notify_support import POLICY, record_change, source
from store import Store

# "handed over" is a way of sharing that the rules' lexicon does not know (to a courier or
# removals company: a "payment company" the rules read as a recipient since round 7).
ROWS = [
    ("Your records are handed over to the courier company.", "third-party-sharing"),
    ("Records may be handed over to a buyer of the business.", "third-party-sharing"),
    ("We have your files handed over to our auditors.", "third-party-sharing"),
    ("Details are handed over to the removals company.", "third-party-sharing"),
    ("Your records are kept for ten years.", "data-retention"),
    ("Files are kept until you close the account.", "data-retention"),
    ("We keep logs for thirty days.", "data-retention"),
    ("Welcome to the Acme service.", "other"),
    ("Questions? Write to Acme, 1 Example Street.", "other"),
    ("This page explains how Acme works.", "other"),
    ("You can switch off reminders in the settings.", "user-choice"),
    ("You may opt out of newsletters at any time.", "user-choice"),
]
UNSEEN = "Your details are handed over to the shipping company."


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "labelled.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "label"])
        writer.writerows(ROWS)
    return path


def _sklearn():
    return pytest.importorskip("sklearn", reason="scikit-learn is not installed: pip install 'policywatch[ml]'")


def test_train_writes_the_model_beside_the_database_and_tag_adds_its_categories(tmp_path, labelled, cli):
    _sklearn()
    db = tmp_path / "pw.db"
    out = cli("--db", str(db), "tagger", "train", str(labelled)).stdout
    model = tmp_path / "pw.db.tagger.json"
    assert f"Model written to {model}" in out and model.exists()
    assert "Left to the rules" in out and "do-not-track" in out
    assert "third-party-sharing" not in tag(UNSEEN).categories  # the rules alone miss it
    tagged = json.loads(cli("--db", str(db), "tag", UNSEEN).stdout)
    assert "third-party-sharing" in tagged["categories"]
    (evidence,) = [e for e in tagged["evidence"] if e["tag"] == "third-party-sharing"]
    assert evidence["where"] == "model" and evidence["text"].startswith("p=")
    rules_only = json.loads(cli("--db", str(db), "tag", "--rules-only", UNSEEN).stdout)
    assert "third-party-sharing" not in rules_only["categories"]


def test_eval_prints_rules_model_and_combined_scores_when_a_model_exists(tmp_path, labelled, cli):
    _sklearn()
    db = tmp_path / "pw.db"
    cli("--db", str(db), "tagger", "train", str(labelled))
    out = cli("--db", str(db), "tagger", "eval", str(labelled)).stdout
    blocks = out.split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["rules", f"model ({tmp_path / 'pw.db.tagger.json'})", "rules + model"]
    macro = [float(b.strip().splitlines()[-1].split(":")[1].split()[0]) for b in blocks]
    assert all(len(b.splitlines()) == 13 for b in blocks)  # title, header, 10 categories, macro F1
    # Trained on these very clauses: the model fits them; the rules miss "handed over".
    assert macro[1] > macro[0] and macro[2] > macro[0]
    sharing = [line for line in blocks[0].splitlines() if line.startswith("third-party-sharing")][0]
    assert sharing.split()[2] == "0.00"  # recall of the rules on the sharing rows


def test_eval_without_a_model_prints_the_rules_only(tmp_path, labelled, cli):
    out = cli("--db", str(tmp_path / "none.db"), "tagger", "eval", str(labelled)).stdout
    assert out.splitlines()[0].startswith("category") and out.count("macro F1") == 1
    assert not (tmp_path / "none.db").exists()  # looking for a model creates no database


def test_the_model_s_plain_python_probabilities_equal_scikit_learn_s(labelled):
    _sklearn()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, labels = [t for t, _ in ROWS], [{label} for _, label in ROWS]
    model = train(texts, labels)
    matrix = TfidfVectorizer(analyzer=tokens, sublinear_tf=True, norm="l2").fit(texts).transform([UNSEEN])
    y = [int("third-party-sharing" in label) for label in labels]
    reference = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear").fit(
        TfidfVectorizer(analyzer=tokens, sublinear_tf=True, norm="l2").fit_transform(texts), y)
    expected = reference.predict_proba(matrix)[0][1]
    assert model.probabilities(UNSEEN)["third-party-sharing"] == pytest.approx(expected, abs=1e-4)


def test_recording_a_change_set_uses_the_model_beside_the_database(tmp_path):
    _sklearn()
    with Store(tmp_path / "pw.db") as store:
        train([t for t, _ in ROWS], [{label} for _, label in ROWS]).save(store.tagger_path)
        # under a heading that names no practice, so only the model can say it is sharing
        record_change(store, source(), POLICY, POLICY + "\n## Delivery\n\n" + UNSEEN + "\n")
        (cs,) = store.change_sets(category="third-party-sharing")
        (evidence,) = [e for e in cs.tags[-1]["new"]["evidence"] if e["tag"] == "third-party-sharing"]
        assert evidence["where"] == "model"


def test_an_unreadable_model_is_an_error_for_tag_and_ignored_by_the_store(tmp_path, cli):
    (tmp_path / "pw.db.tagger.json").write_text("{not json", encoding="utf-8")
    proc = cli("--db", str(tmp_path / "pw.db"), "tag", "We sell data.", check=False)
    assert proc.returncode == 1 and "is not a policywatch tagger model" in proc.stderr
    with Store(tmp_path / "pw.db") as store:
        assert store.tagger() is None
        record_change(store, source(), POLICY, POLICY.replace("do not sell", "sell"))
        assert store.change_sets()[0].severity == "high"


def test_train_without_scikit_learn_says_how_to_install_it(tmp_path, labelled):
    # A child process where `import sklearn` fails, as on an install without the ml extra.
    code = ("import sys; sys.modules['sklearn'] = None; from scheduler.cli import main; "
            f"sys.argv = ['policywatch', '--db', {str(tmp_path / 'pw.db')!r}, 'tagger', 'train', {str(labelled)!r}]; main()")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "pip install 'policywatch[ml]'" in proc.stderr
    assert not (tmp_path / "pw.db.tagger.json").exists()


def test_nothing_but_training_imports_scikit_learn():
    code = ("import sys, scheduler.cli, differ, differ.learned, store, notifier, crawler; "
            "print([m for m in sys.modules if m.split('.')[0] == 'sklearn'])")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    assert proc.stdout.strip() == "[]"


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    with pytest.raises(Exception, match="not a policywatch tagger model"):
        Classifier.load(path)
