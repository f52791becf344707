"""Benchmark of differ.compare on long policies.

    python bench/differ.py [--words 30000] [--edit 0.02] [--runs 21]

Compares a generated policy of about 30,000 words with a copy where 2% of the words are
replaced at random places across the document, and with an identical copy; prints the median
time of `--runs` runs and the peak memory of one run (tracemalloc, measured apart because
tracing slows Python down). The generator is seeded: every run compares the same texts.
"""

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

# This file is named differ.py: Python puts its folder first on sys.path, where `import differ`
# would find this script instead of the package. Put the repository root there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import differ  # noqa: E402
from differ import significance  # noqa: E402

# Words of real policies, most frequent first; the generator draws them with Zipf weights
# (1/rank), padded with made-up rare words to the ~1,500 distinct words of a real 30,000-word
# policy, so that clauses share words the way real ones do.
COMMON = (
    "the of and to we you your or in a for data information personal that by with our may as "
    "be is on use this are any other not if from such which can services service will us at "
    "an have it third parties including provide account share collect process purposes law "
    "legal basis consent access right rights request contact processing time do all where "
    "these about also more how when order applicable policy privacy users user content "
    "partners cookies advertising analytics device location delete correct object transfer "
    "country safeguards processor controller improve protect fraud payment marketing "
    "communications profile messages photos age children email address name phone retention "
    "period security keep store"
).split()
VOCABULARY = COMMON + [f"term{n}" for n in range(1500 - len(COMMON))]
WEIGHTS = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]


def sentence(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(8, 25))
    return " ".join(words).capitalize() + "."


def policy(words: int, seed: int = 1) -> str:
    """Markdown with headings, paragraphs (some longer than 80 words), lists and tables."""
    rng = random.Random(seed)
    blocks, count, section = ["# Privacy Policy"], 0, 0
    while count < words:
        if rng.random() < 0.08:
            section += 1
            blocks.append(f"## {section}. " + sentence(rng)[:-1].title())
            continue
        shape = rng.random()
        if shape < 0.6:
            block = " ".join(sentence(rng) for _ in range(rng.randint(1, 8)))
        elif shape < 0.85:
            block = "\n".join(f"{n}. {sentence(rng)}" for n in range(1, rng.randint(2, 7)))
        else:
            rows = [f"| {sentence(rng)} | {sentence(rng)} |" for _ in range(rng.randint(2, 5))]
            block = "| What | Why |\n| --- | --- |\n" + "\n".join(rows)
        blocks.append(block)
        count += len(block.split())
    return "\n\n".join(blocks) + "\n"


def edit(text: str, share: float, seed: int = 2) -> str:
    """`text` with `share` of its words (outside Markdown markers) replaced by other words."""
    rng = random.Random(seed)
    tokens = text.split(" ")
    candidates = [i for i, t in enumerate(tokens) if t.isalnum()]
    for i in rng.sample(candidates, int(len(tokens) * share)):
        word = rng.choice([w for w in COMMON if w != tokens[i].casefold()])
        tokens[i] = word.capitalize() if tokens[i][0].isupper() else word  # as an editor would
    return " ".join(tokens)


def median_ms(old: str, new: str, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU time of `compare`, in ms (CPU time is less disturbed by other
    processes on a busy machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        significance._fragment_is_meaningful.cache_clear()  # each run starts cold
        start, start_cpu = time.perf_counter(), time.process_time()
        differ.compare(old, new)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def peak_kib(old: str, new: str) -> float:
    tracemalloc.start()
    differ.compare(old, new)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--edit", type=float, default=0.02)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    old = policy(args.words)
    edited = edit(old, args.edit)
    identical = str(old[:-1]) + "\n"  # equal, but not the same object
    changes = differ.compare(old, edited)
    print(f"policy: {len(old.split())} words, {len(differ.segment(old))} clauses; "
          f"edited copy: {args.edit:.0%} of words replaced -> {changes.summary()}")
    reflowed = old.replace("\n\n", "\n\n\n")  # same clauses, other bytes: the full path
    for name, new in (("edited", edited), ("identical", identical), ("reflowed", reflowed)):
        wall, cpu = median_ms(old, new, args.runs)
        print(f"{name:>9}: median {wall:7.2f} ms wall, {cpu:7.2f} ms CPU over {args.runs} runs; "
              f"peak memory {peak_kib(old, new):6.0f} KiB")
    print("(reflowed: the same clauses in different bytes, so the whole comparison runs)")


if __name__ == "__main__":
    main()
