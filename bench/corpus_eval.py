"""Measure the extractor and the differ on the real-page corpus.

    PYTHONPATH=. python bench/corpus_eval.py [--mode declared|generic|both] [--limit N] [--show KIND]

Reads ../shared/corpus (relative to the repository root; POLICYWATCH_CORPUS overrides). Each
mode (the pair's declared selectors, or none: generic extraction) is measured twice:

*pairwise (raw)*: every pair on its own. Both pages are extracted, the new text is checked
against the previous one (`check_shrink`) and the differ runs. A pair is *reported as changed*
when both extractions succeed and `differ.compare` is non-empty; *recorded as failure* when an
extraction or the shrink check raises.

*replay (as the product behaves)*: each document's snapshots go, in date order, through the
pipeline's own `crawler.pipeline.record` into a real (temporary) store: the same-bytes
shortcut, extraction, the comparison with the *current version* (not with the previous page),
`check_shrink` against it, and flip-flop detection (a text equal to one of the last
FLAPPING_WINDOW versions is recorded as a `flapping` revert and not announced). The corpus holds
samples of long histories: where a pair's earlier page is not the page replayed last, that page
is fetched first (its outcome is not scored), so the store's history carries across the gap.
Where a document's declaration changes between pairs, the sources are updated and
`crawler.reextract` runs, as an operator does after editing rules (a technical version, never
announced). A pair's outcome is what the fetch of its later page came to: *announced* (a change
set that a digest sends), *flapping* (recorded, not announced), *unchanged*, or *failure* (that
fetch, or the one of the earlier page, failed, and nothing was announced).
"""

import argparse
import difflib
import gzip
import importlib
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import differ  # noqa: E402
from crawler.errors import FetchFailure  # noqa: E402
from crawler.extract import check_shrink, extract  # noqa: E402
from crawler.extract import Extraction  # noqa: E402
from crawler.pipeline import record, reextract  # noqa: E402
from crawler.spider import Page  # noqa: E402
from store import Store  # noqa: E402

# crawler/__init__ exports the function `extract`, which shadows the module of that name.
extract_module = importlib.import_module("crawler.extract")


def corpus_dir() -> Path:
    path = Path(os.environ.get("POLICYWATCH_CORPUS") or ROOT.parent / "shared" / "corpus")
    if not (path / "pairs.jsonl").exists():
        sys.exit(f"corpus not found: {path}/pairs.jsonl is missing (set POLICYWATCH_CORPUS)")
    return path


def read(corpus: Path, name: str) -> bytes:
    return gzip.decompress((corpus / name).read_bytes())


def rules(pair: dict, generic: bool) -> tuple:
    decl = pair["declaration"]
    return (None, None) if generic else (decl.get("select"), decl.get("remove"))


class Extractions:
    """Each snapshot extracted once per set of rules; times and failures kept."""

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


# --- pairwise (raw) ---------------------------------------------------------------------------

def pairwise(pair: dict, ex: Extractions, generic: bool):
    select, remove = rules(pair, generic)
    url = pair["declaration"]["fetch"]
    prev = ex.get(pair["prev_file"], url, select, remove)
    cur = ex.get(pair["file"], url, select, remove)
    for result in (prev, cur):
        if isinstance(result, FetchFailure):
            return "failure", f"{result.error_class}: {result.reason}"
    try:
        check_shrink(cur, prev)
    except FetchFailure as e:
        return "failure", f"{e.error_class}: {e.reason}"
    changes = differ.compare(prev, cur)
    return ("changed" if changes else "same"), (changes.summary() if changes else "")


# --- replay through the pipeline --------------------------------------------------------------

def replay(corpus: Path, pairs: list[dict], ex: Extractions, generic: bool) -> dict[str, tuple]:
    """{pair id: (outcome, why)} with outcome announced | flapping | unchanged | new | failure."""
    results = {}
    by_document = defaultdict(list)
    for pair in pairs:
        by_document[pair["document"]].append(pair)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "replay.db")
        for document, doc_pairs in by_document.items():
            doc_pairs.sort(key=lambda p: (p["prev_date"], p["date"]))
            last_file, last_outcome, last_rules = None, None, None
            for pair in doc_pairs:
                select, remove = rules(pair, generic)
                url = pair["declaration"]["fetch"]
                source = {"id": document, "url": url, "select": select, "remove": remove}
                if (select, remove) != last_rules:
                    store.sync_sources([source])
                    if last_rules is not None:  # the operator edited the rules: re-extract
                        reextract(store, source)
                    last_rules = (select, remove)
                if pair["prev_file"] != last_file:  # a gap in the sample: fetch the earlier page
                    last_outcome = fetch(store, corpus, ex, source, pair["prev_file"], pair["prev_date"])
                prev_outcome = last_outcome
                last_outcome = fetch(store, corpus, ex, source, pair["file"], pair["date"])
                last_file = pair["file"]
                results[pair["id"]] = score(prev_outcome, last_outcome)
        store.close()
    return results


def fetch(store: Store, corpus: Path, ex: Extractions, source: dict, name: str, date: str):
    """Record one snapshot as the spider hands it over: with the static page's Markdown when
    extraction succeeded (js = "auto" extracts first to decide on the browser), without it
    when it failed, so that record() extracts again and records the failure."""
    extracted = ex.get(name, source["url"], source["select"], source["remove"])
    page = Page(source=source, url=source["url"], started_at=date, finished_at=date,
                final_url=source["url"], status=200, headers={"content-type": "text/html"},
                body=read(corpus, name),
                extraction=None if isinstance(extracted, FetchFailure) else Extraction(extracted))
    return record(store, page)


def score(prev, cur) -> tuple[str, str]:
    if cur.status == "changed":
        return ("flapping" if "flapping" in cur.detail else "announced"), cur.detail
    if cur.status == "failed":
        return "failure", cur.detail
    if prev is not None and prev.status == "failed":
        return "failure", f"earlier page: {prev.detail}"
    return cur.status, cur.detail  # unchanged | new


# --- similarity to the reference --------------------------------------------------------------

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


def similarities(corpus: Path, pairs: list[dict], ex: Extractions) -> list[float]:
    sims, seen = [], set()
    for pair in pairs:
        for name, ref in ((pair["prev_file"], pair["verify"].get("prev_extracted_file")),
                          (pair["file"], pair["verify"].get("extracted_file"))):
            if name in seen:
                continue
            seen.add(name)
            select, remove = rules(pair, False)
            ours = ex.get(name, pair["declaration"]["fetch"], select, remove)
            if ref and not isinstance(ours, FetchFailure) and (corpus / ref).exists():
                sims.append(similarity(ours, read(corpus, ref).decode()))
    return sims


# --- tables -----------------------------------------------------------------------------------

def missed(label: str, outcome: str) -> bool:
    return ((label == "noise" and outcome not in ("same", "unchanged"))
            or (label == "change" and outcome not in ("changed", "announced"))
            or (label == "unverified" and outcome != "failure"))


def tally(pairs: list[dict], outcomes: dict) -> Counter:
    counts: Counter = Counter()
    for pair in pairs:
        outcome = outcomes[pair["id"]][0]
        counts[(pair["label"], outcome)] += 1
        if pair["label_strict"] == "change":
            counts[("strict", outcome)] += 1
    return counts


def pct(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / max(1, total):.1f}%)"


def pairwise_row(name: str, c: Counter, totals: Counter, times, sims) -> str:
    sim = f"{statistics.mean(sims):.3f} / {statistics.median(sims):.3f}" if sims else "-"
    return (f"| {name} | {c[('noise', 'changed')]}/{totals['noise']} ({c[('noise', 'failure')]} failed) | "
            f"{pct(c[('change', 'changed')], totals['change'])} | {c[('strict', 'changed')]}/{totals['strict']} | "
            f"{c[('unverified', 'failure')]}/{totals['unverified']} | {sim} | "
            f"{1000 * statistics.median(times):.1f} ms |")


def replay_row(name: str, c: Counter, totals: Counter) -> str:
    return (f"| {name} | {c[('noise', 'announced')]}/{totals['noise']} | {c[('noise', 'flapping')]} | "
            f"{c[('noise', 'failure')]} | {pct(c[('change', 'announced')], totals['change'])} | "
            f"{c[('change', 'flapping')]} | {c[('change', 'failure')]} | "
            f"{c[('strict', 'announced')]}/{totals['strict']} | "
            f"{c[('unverified', 'failure')]}/{totals['unverified']} ({c[('unverified', 'announced')]} announced) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["declared", "generic", "both"], default="both")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--only", default="", help="substring of the pair id")
    parser.add_argument("--show", choices=["noise", "change", "unverified", "all"],
                        help="list the pairs that miss their target (pairwise, then replay)")
    parser.add_argument("--no-links", action="store_true", help="measure Markdown without link targets")
    parser.add_argument("--image-alt", action="store_true", help="measure Markdown with images as their alt text")
    args = parser.parse_args()
    extract_module.KEEP_LINKS = not args.no_links
    extract_module.KEEP_IMAGE_ALT = args.image_alt
    corpus = corpus_dir()
    pairs = [json.loads(line) for line in (corpus / "pairs.jsonl").open()]
    pairs = [p for p in pairs if args.only in p["id"]]
    if args.limit:
        pairs = pairs[: args.limit]
    totals = Counter(p["label"] for p in pairs)
    totals["strict"] = sum(p["label_strict"] == "change" for p in pairs)
    modes = ["declared", "generic"] if args.mode == "both" else [args.mode]
    print(f"corpus: {corpus} ({len(pairs)} pairs), extractor version {extract_module.EXTRACTOR_VERSION}"
          f"{', links dropped' if args.no_links else ''}{', images as alt text' if args.image_alt else ''}")
    raw_rows, replay_rows = [], []
    for mode in modes:
        generic = mode == "generic"
        ex = Extractions(corpus)
        raw = {p["id"]: pairwise(p, ex, generic) for p in pairs}
        times = list(ex.times)
        sims = [] if generic else similarities(corpus, pairs, ex)
        replayed = replay(corpus, pairs, ex, generic)
        raw_rows.append(pairwise_row(mode, tally(pairs, raw), totals, times, sims))
        replay_rows.append(replay_row(mode, tally(pairs, replayed), totals))
        if args.show:
            for title, outcomes in (("pairwise", raw), ("replay", replayed)):
                print(f"[{mode}, {title}] pairs missing their target:")
                for p in pairs:
                    outcome, why = outcomes[p["id"]]
                    if missed(p["label"], outcome) and args.show in ("all", p["label"]):
                        print(f"  {p['label']:10} -> {outcome:9} {p['id']}  {why[:160]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print("\nPairwise (raw: each pair on its own, the differ on the two pages' texts)")
    print("| selectors | noise reported as changed | changes detected | strict changes detected "
          "| unverified recorded as failure | similarity to reference (mean / median) | median time/page |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(raw_rows))
    print("\nReplay (as the product behaves: record() in date order against the current version)")
    print("| selectors | noise announced | noise flapping (recorded, not announced) | noise failed "
          "| changes announced | changes flapping | changes failed | strict changes announced "
          "| unverified recorded as failure |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(replay_rows))
    print(f"peak memory (max RSS of the process): {peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
