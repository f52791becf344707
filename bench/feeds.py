"""What writing the Atom and RSS feeds costs after a crawl, as a history grows.

    python bench/feeds.py [--sources 200] [--history 1 10 50]

For each history length H, a fresh database gets SOURCES sources with H announced change sets
each (a real policy edit, recorded through the store as a crawl records it), then
`notifier.write_feeds` runs three times: a first write, a second with nothing new (what every
crawl that found no change pays), and a third after one source got one more change set. Prints
CPU seconds per run and per source. Feeds are written after every crawl run (`[notify.feed]`).
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import notifier  # noqa: E402
from notify_support import POLICY, record_change, source  # noqa: E402
from store import Store  # noqa: E402


def edition(n: int) -> str:
    return POLICY.replace("name and", f"name, bank account {n} and")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--history", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()
    print(f"notifier.write_feeds, {args.sources} sources (all-sources feed + one Atom and one RSS feed "
          "per source, 50 entries at most); CPU seconds")
    print(f"{'change sets per source':>24}  {'first write':>12}  {'nothing new':>12}  {'one new':>12}  "
          f"{'ms/source (nothing new)':>24}")
    for history in args.history:
        with tempfile.TemporaryDirectory() as work, Store(Path(work) / "pw.db") as store:
            for i in range(args.sources):
                src = source(f"v{i}", f"Vendor {i}", f"https://v{i}.example/privacy")
                for n in range(history):
                    record_change(store, src, edition(n), edition(n + 1),
                                  at=f"2026-03-{1 + n % 28:02d}T08:{n // 28 % 60:02d}:00.000000Z")
            feeds = Path(work) / "feeds"
            first = _cpu(lambda: notifier.write_feeds(store, feeds, "http://localhost:8080"))
            again = _cpu(lambda: notifier.write_feeds(store, feeds, "http://localhost:8080"))
            record_change(store, source("v0", "Vendor 0", "https://v0.example/privacy"), edition(history),
                          edition(history + 1), at="2026-04-01T08:00:00.000000Z")
            one = _cpu(lambda: notifier.write_feeds(store, feeds, "http://localhost:8080"))
            print(f"{history:>24}  {first:>12.2f}  {again:>12.2f}  {one:>12.2f}  {1000 * again / args.sources:>24.2f}")


def _cpu(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


if __name__ == "__main__":
    main()
