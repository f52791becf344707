"""`policywatch tag`, `policywatch tagger train` and `policywatch tagger eval`: the clause tagger on
the command line. A trained model lives beside the database (`<database>.tagger.json`)."""

import csv
import json
import re
import sys
from pathlib import Path

import click

from differ import learned
from differ.lexicon import CATEGORIES
from differ.tags import tag as tag_clause
from store import MODEL_SUFFIX

from .cli import cli, database_path

_MODEL_HELP = "The trained model (default: beside the database, <database>" + MODEL_SUFFIX + ")."


def model_path(ctx, path: str | None) -> Path:
    if path:
        return Path(path)
    db = database_path(ctx)
    return db.with_name(db.name + MODEL_SUFFIX)


def load_model(ctx, path: str | None, rules_only: bool) -> tuple[learned.Classifier | None, Path]:
    """The trained model when there is one (an explicit --model must exist), else None."""
    where = model_path(ctx, path)
    if rules_only or (path is None and not where.exists()):
        return None, where
    return learned.Classifier.load(where), where


@cli.command(name="tag")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per clause (the default output is JSON too; "
              "kept for symmetry with other commands).")
@click.option("--model", "model_file", type=click.Path(dir_okay=False), help=_MODEL_HELP)
@click.option("--rules-only", is_flag=True, help="Ignore the trained model.")
@click.pass_context
def tag_command(ctx, text, as_json, model_file, rules_only):
    """Tag a clause with data practices, data types and negation; with `-`, one clause per line
    of standard input. Prints one JSON object per clause:
    {"categories": [...], "data_types": [...], "negated": bool, "evidence": [...]}. When a
    trained model is beside the database, its categories are added (evidence `"where": "model"`).

    Example: policywatch tag "We do not sell your personal information."
    """
    if text is None:
        raise click.UsageError("give a clause, or - to read one clause per line from standard input")
    model, _ = load_model(ctx, model_file, rules_only)
    lines = sys.stdin.read().splitlines() if text == "-" else [text]
    for line in lines:
        if line.strip():
            click.echo(json.dumps(tag_clause(line, model=model).to_dict(), ensure_ascii=False))


@cli.group()
def tagger():
    """Train the clause tagger's model and measure the tagger against labelled clauses.

    Example: policywatch tagger eval clauses.csv
    """


@tagger.command(name="train")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False))
@click.option("--model", "model_file", type=click.Path(dir_okay=False),
              help="Where to write the model (default: beside the database, <database>" + MODEL_SUFFIX + ").")
@click.pass_context
def train_command(ctx, csv_path, model_file):
    """Train a model (TF-IDF over words and word pairs, one logistic regression per category)
    on a CSV with columns `text,label`, and store it beside the database. From then on `tag`,
    `tagger eval` and crawls add its categories to the rules'. Needs scikit-learn: pip install
    'policywatch[ml]'.

    Example: policywatch tagger train clauses.csv
    """
    gold = read_labelled(csv_path)
    model = learned.train(list(gold), list(gold.values()))
    where = model.save(model_path(ctx, model_file))
    left = [c for c in CATEGORIES if c not in model.categories]
    click.echo(f"Trained on {len(gold)} clauses: {len(model.categories)} categories, "
               f"{len(model.vocabulary)} terms. Model written to {where}")
    if left:
        click.echo(f"Left to the rules (no positive or no negative example): {', '.join(left)}")


@tagger.command(name="eval")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False))
@click.option("--model", "model_file", type=click.Path(dir_okay=False), help=_MODEL_HELP)
@click.option("--rules-only", is_flag=True, help="Ignore the trained model.")
@click.pass_context
def eval_command(ctx, csv_path, model_file, rules_only):
    """Per-category precision, recall and F1, and macro F1 over the 10 categories, on a CSV with
    columns `text,label` (several labels in one cell separated by `;`, or one row per label
    with the same text): of the rules; and, when a trained model exists, of the model alone
    and of rules and model together (as `tag` and crawls use them). Measure a model on
    clauses it was not trained on.

    Example: policywatch tagger eval clauses.csv
    """
    gold = read_labelled(csv_path)
    model, where = load_model(ctx, model_file, rules_only)
    runs = [("rules", lambda text: set(tag_clause(text).categories))]
    if model is not None:
        runs += [(f"model ({where})", lambda text: set(model.predict(text)) or {"other"}),
                 ("rules + model", lambda text: set(tag_clause(text, model=model).categories))]
    for i, (title, predict) in enumerate(runs):
        if model is not None:
            click.echo(("\n" if i else "") + title)
        print_scores(evaluate(gold, {text: predict(text) for text in gold}), len(gold))


def print_scores(scores: dict, clauses: int) -> None:
    click.echo(f"{'category':<24} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}")
    for category in CATEGORIES:
        s = scores[category]
        click.echo(f"{category:<24} {s['precision']:>9.2f} {s['recall']:>7.2f} {s['f1']:>6.2f} {s['support']:>8}")
    click.echo(f"macro F1 over {len(CATEGORIES)} categories: {scores['macro_f1']:.3f} ({clauses} clauses)")


# OPP-115's own names for its categories, and for the three kinds of its "Other" that some copies
# use as labels, so that a copy of the corpus is read as it comes. Compared in `_label_key` form.
OPP115_NAMES = {
    "First Party Collection/Use": "first-party-collection",
    "Third Party Sharing/Collection": "third-party-sharing",
    "User Choice/Control": "user-choice",
    "User Access, Edit and Deletion": "user-access",
    "Data Retention": "data-retention",
    "Data Security": "data-security",
    "Policy Change": "policy-change",
    "Do Not Track": "do-not-track",
    "International and Specific Audiences": "specific-audiences",
    "Other": "other",
    "Introductory/Generic": "other",
    "Privacy contact information": "other",
    "Practice not covered": "other",
}


def _label_key(label: str) -> str:
    """A label without case and punctuation: "User Choice/Control" → "user-choice-control"."""
    return "-".join(re.findall(r"[a-z0-9]+", label.lower()))


_LABELS = {**{_label_key(name): category for name, category in OPP115_NAMES.items()},
           **{_label_key(category): category for category in CATEGORIES}}


def category_of(label: str) -> str | None:
    """The category id a CSV label stands for (an id, or an OPP-115 category name), or None."""
    return _LABELS.get(_label_key(label))


def _labels(cell: str) -> list[str]:
    """The labels of a cell: separated by `;` or `|`, or by commas when that is how the cell
    reads (not inside "User Access, Edit and Deletion", which is one label)."""
    labels = []
    for label in cell.replace("|", ";").split(";"):
        if category_of(label) is None and "," in label and all(map(category_of, label.split(","))):
            labels += label.split(",")
        else:
            labels.append(label)
    return [label.strip() for label in labels if label.strip()]


def read_labelled(path: str) -> dict[str, set[str]]:
    """text → set of categories, from a `text,label` CSV (labels are category ids or OPP-115's
    names for them, several in a cell, or one row per label); unknown labels are an error."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise click.ClickException(f"cannot read {path}: {e.strerror}") from None
    if rows and not {"text", "label"} <= set(rows[0]):
        raise click.ClickException(f"{path}: needs a header row with columns text,label")
    gold: dict[str, set[str]] = {}
    for number, row in enumerate(rows, start=2):
        labels = _labels(row["label"] or "")
        if unknown := [label for label in labels if category_of(label) is None]:
            raise click.ClickException(f"{path}:{number}: unknown label {unknown[0]!r} (known: "
                                       f"{', '.join(CATEGORIES)}, or OPP-115's names for them)")
        gold.setdefault(row["text"], set()).update(map(category_of, labels))
    if not gold:
        raise click.ClickException(f"{path}: no labelled clauses")
    return gold


def evaluate(gold: dict[str, set[str]], predicted: dict[str, set[str]]) -> dict:
    """Per-category precision, recall, F1 and support, and their macro F1."""
    scores: dict = {}
    for category in CATEGORIES:
        tp = sum(category in gold[t] and category in predicted[t] for t in gold)
        fp = sum(category not in gold[t] and category in predicted[t] for t in gold)
        fn = sum(category in gold[t] and category not in predicted[t] for t in gold)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[category] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    scores["macro_f1"] = sum(scores[c]["f1"] for c in CATEGORIES) / len(CATEGORIES)
    return scores
