"""The clause tagger's rules against labelled clauses: per-category precision, recall, F1 and
support, and macro F1, for each CSV given (columns `text,label`, labels separated by `;`).

    PYTHONPATH=. python bench/tagger_eval.py CSV [CSV ...]

The same arithmetic as `policywatch tagger eval CSV --rules-only` (it calls it), plus two lines
the command does not print: how many labels each category has, and the macro F1 over only the
categories that occur in the file (a category with no example scores 0 in the 10-category
macro F1 whatever the rules do, which says nothing about the rules), and the time tag() takes
per clause of the file.

Labelled clauses quote vendors' policies: keep them outside the repository. How the blind set
used to measure the rules was built is in the README (What a change means).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from differ.lexicon import CATEGORIES  # noqa: E402
from differ.tags import tag  # noqa: E402
from scheduler.cli_tagger import evaluate, print_scores, read_labelled  # noqa: E402


def main(paths: list[str]) -> None:
    if not paths:
        sys.exit(__doc__)
    for i, path in enumerate(paths):
        gold = read_labelled(path)
        scores = evaluate(gold, {text: set(tag(text).categories) for text in gold})
        print(("\n" if i else "") + f"== {path}")
        print_scores(scores, len(gold))
        present = [c for c in CATEGORIES if scores[c]["support"]]
        labels = sum(len(labels) for labels in gold.values())
        print(f"macro F1 over the {len(present)} categories present: "
              f"{sum(scores[c]['f1'] for c in present) / len(present):.3f}; {labels} labels")
        print(f"tag() per clause: {_per_clause(list(gold)) * 1e6:.0f} µs (best of 5 passes)")


def _per_clause(texts: list[str]) -> float:
    # tag() sits on the crawl's hot path (every changed clause, old and new side).
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for text in texts:
            tag(text)
        best = min(best, (time.perf_counter() - start) / len(texts))
    return best


if __name__ == "__main__":
    main(sys.argv[1:])
