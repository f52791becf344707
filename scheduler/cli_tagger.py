"""`policywatch tag` and `policywatch tagger eval`: the clause tagger on the command line."""

import csv
import json
import sys
from pathlib import Path

import click

from differ.lexicon import CATEGORIES
from differ.tags import tag as tag_clause

from .cli import cli


@cli.command(name="tag")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per clause (the default output is JSON too; "
              "kept for symmetry with other commands).")
def tag_command(text, as_json):
    """Tag a clause with data practices, data types and negation; with `-`, one clause per line
    of standard input. Prints one JSON object per clause:
    {"categories": [...], "data_types": [...], "negated": bool, "evidence": [...]}.

    Example: policywatch tag "We do not sell your personal information."
    """
    if text is None:
        raise click.UsageError("give a clause, or - to read one clause per line from standard input")
    lines = sys.stdin.read().splitlines() if text == "-" else [text]
    for line in lines:
        if line.strip():
            click.echo(json.dumps(tag_clause(line).to_dict(), ensure_ascii=False))


@cli.group()
def tagger():
    """Measure the clause tagger against labelled clauses.

    Example: policywatch tagger eval clauses.csv
    """


@tagger.command(name="eval")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False))
def eval_command(csv_path):
    """Per-category precision, recall and F1 of the rules, and macro F1 over the 10 categories,
    on a CSV with columns `text,label` (several labels in one cell separated by `;`, or one
    row per label with the same text).

    Example: policywatch tagger eval clauses.csv
    """
    gold = read_labelled(csv_path)
    scores = evaluate(gold, {text: set(tag_clause(text).categories) for text in gold})
    click.echo(f"{'category':<24} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}")
    for category in CATEGORIES:
        s = scores[category]
        click.echo(f"{category:<24} {s['precision']:>9.2f} {s['recall']:>7.2f} {s['f1']:>6.2f} {s['support']:>8}")
    click.echo(f"macro F1 over {len(CATEGORIES)} categories: {scores['macro_f1']:.3f} ({len(gold)} clauses)")


def read_labelled(path: str) -> dict[str, set[str]]:
    """text → set of categories, from a `text,label` CSV; unknown labels are an error."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise click.ClickException(f"cannot read {path}: {e.strerror}") from None
    if rows and not {"text", "label"} <= set(rows[0]):
        raise click.ClickException(f"{path}: needs a header row with columns text,label")
    gold: dict[str, set[str]] = {}
    for number, row in enumerate(rows, start=2):
        labels = {label.strip() for label in (row["label"] or "").replace("|", ";").split(";") if label.strip()}
        if unknown := labels - set(CATEGORIES):
            raise click.ClickException(f"{path}:{number}: unknown label {sorted(unknown)[0]!r} "
                                       f"(known: {', '.join(CATEGORIES)})")
        gold.setdefault(row["text"], set()).update(labels)
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
