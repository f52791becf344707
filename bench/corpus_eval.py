"""Measure the extractor and the differ on the real-page corpus.

    PYTHONPATH=. python bench/corpus_eval.py [--mode declared|generic|both] [--limit N] [--show KIND]

Reads ../shared/corpus (relative to the repository root; POLICYWATCH_CORPUS overrides). For every
pair of consecutive snapshots it extracts both pages (with the pair's declared selectors, and
with none: generic extraction), checks the new text against the previous one (`check_shrink`)
and runs the differ. A pair is *reported as changed* when both extractions succeed and
`differ.compare` is non-empty; *recorded as failure* when an extraction or the shrink check
raises.
"""

import argparse
import difflib
import gzip
import json
import os
import re
import statistics
import sys
import time
import resource
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import differ  # noqa: E402
from crawler import extract as extract_module  # noqa: E402
from crawler.errors import FetchFailure  # noqa: E402
from crawler.extract import check_shrink, extract  # noqa: E402


def corpus_dir() -> Path:
    path = Path(os.environ.get("POLICYWATCH_CORPUS") or ROOT.parent / "shared" / "corpus")
    if not (path / "pairs.jsonl").exists():
        sys.exit(f"corpus not found: {path}/pairs.jsonl is missing (set POLICYWATCH_CORPUS)")
    return path


def read(corpus: Path, name: str) -> bytes:
    return gzip.decompress((corpus / name).read_bytes())


class Extractions:
    """Each snapshot extracted once per mode; times and failures kept."""

    def __init__(self, corpus: Path):
        self.corpus, self.cache, self.times = corpus, {}, []

    def get(self, name: str, url: str, select, remove):
        key = (name, json.dumps(select), json.dumps(remove))
        if key not in self.cache:
            body = read(self.corpus, name)
            started = time.perf_counter()
            try:
                result = extract(body, url=url, content_type="text/html", select=select, remove=remove)
            except FetchFailure as e:
                result = e
            self.times.append(time.perf_counter() - started)
            self.cache[key] = result
        return self.cache[key]


def outcome(pair: dict, ex: Extractions, generic: bool):
    decl = pair["declaration"]
    select = None if generic else decl.get("select")
    remove = None if generic else decl.get("remove")
    prev = ex.get(pair["prev_file"], decl["fetch"], select, remove)
    cur = ex.get(pair["file"], decl["fetch"], select, remove)
    for result in (prev, cur):
        if isinstance(result, FetchFailure):
            return "failure", f"{result.error_class}: {result.reason}", prev, cur
    try:
        check_shrink(cur, prev)
    except FetchFailure as e:
        return "failure", f"{e.error_class}: {e.reason}", prev, cur
    changes = differ.compare(prev, cur)
    return ("changed" if changes else "same"), (changes.summary() if changes else ""), prev, cur


def _reference_lines(markdown: str) -> list[str]:
    """Reference (turndown) and our Markdown brought to comparable lines of words."""
    lines = []
    for line in markdown.splitlines():
        if re.fullmatch(r"\s*[=-]{3,}\s*", line) or re.fullmatch(r"[\s|:-]+", line):
            continue
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)  # images: we drop them
        line = re.sub(r"[*_`#>\\]", "", line)
        line = re.sub(r"^\s*(?:[-+]|\d+\.)\s+", "", line)
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return lines


def similarity(ours: str, reference: str) -> float:
    return difflib.SequenceMatcher(None, _reference_lines(ours), _reference_lines(reference),
                                   autojunk=False).ratio()


def evaluate(corpus: Path, pairs: list[dict], generic: bool, show: str | None):
    ex = Extractions(corpus)
    counts: Counter = Counter()
    details = []
    for pair in pairs:
        result, why, prev, cur = outcome(pair, ex, generic)
        label, strict = pair["label"], pair["label_strict"]
        counts[(label, result)] += 1
        if strict == "change":
            counts[("strict", result)] += 1
        bad = ((label == "noise" and result != "same") or (label == "change" and result != "changed")
               or (label == "unverified" and result != "failure"))
        if bad:
            details.append((label, result, pair["id"], why))
    sims = []
    if not generic:
        for pair in pairs:
            for name, ref in ((pair["prev_file"], pair["verify"].get("prev_extracted_file")),
                              (pair["file"], pair["verify"].get("extracted_file"))):
                decl = pair["declaration"]
                ours = ex.get(name, decl["fetch"], decl.get("select"), decl.get("remove"))
                if ref and not isinstance(ours, FetchFailure) and (corpus / ref).exists():
                    sims.append(similarity(ours, read(corpus, ref).decode()))
    if show:
        for label, result, pid, why in details:
            if show in ("all", label):
                print(f"  {label:10} -> {result:8} {pid}  {why[:160]}")
    return counts, ex.times, sims


def row(name: str, counts: Counter, totals: Counter, times, sims) -> str:
    noise = counts[("noise", "changed")]
    noise_fail = counts[("noise", "failure")]
    change = counts[("change", "changed")]
    strict = counts[("strict", "changed")]
    unver = counts[("unverified", "failure")]
    sim = f"{statistics.mean(sims):.3f}" if sims else "-"
    return (f"| {name} | {noise}/{totals['noise']} ({noise_fail} failed) | "
            f"{change}/{totals['change']} ({100 * change / max(1, totals['change']):.1f}%) | "
            f"{strict}/{totals['strict']} | {unver}/{totals['unverified']} | {sim} | "
            f"{1000 * statistics.median(times):.1f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["declared", "generic", "both"], default="both")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--only", default="", help="substring of the pair id")
    parser.add_argument("--show", choices=["noise", "change", "unverified", "all"],
                        help="list the pairs that miss their target")
    parser.add_argument("--no-links", action="store_true", help="measure Markdown without link targets")
    args = parser.parse_args()
    extract_module.KEEP_LINKS = not args.no_links
    corpus = corpus_dir()
    pairs = [json.loads(line) for line in (corpus / "pairs.jsonl").open()]
    pairs = [p for p in pairs if args.only in p["id"]]
    if args.limit:
        pairs = pairs[: args.limit]
    totals = Counter(p["label"] for p in pairs)
    totals["strict"] = sum(p["label_strict"] == "change" for p in pairs)
    modes = ["declared", "generic"] if args.mode == "both" else [args.mode]
    print(f"corpus: {corpus} ({len(pairs)} pairs), extractor version {extract_module.EXTRACTOR_VERSION}"
          f"{', links dropped' if args.no_links else ''}")
    rows = []
    for mode in modes:
        if args.show:
            print(f"[{mode}] pairs missing their target:")
        counts, times, sims = evaluate(corpus, pairs, mode == "generic", args.show)
        rows.append(row(mode, counts, totals, times, sims))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print("| selectors | noise reported as changed | changes detected | strict changes detected "
          "| unverified recorded as failure | similarity to reference | median time/page |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"peak memory (max RSS of the process): {peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
