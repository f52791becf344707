"""What storing a snapshot costs along a delta chain, with and without the C heap's top pad.

    python bench/snapshots.py [--sources 200]

Each run is a fresh process (the pad is process-wide): it stores the bench pages of
bench/pages.py, `--sources` of them, MAX_CHAIN (16) times over (a stamp changes on each fetch,
as page noise does), so that every source walks a whole chain of deltas (store/snapshots.py). Prints
the CPU of `Store.add_snapshot` per chain place (its own transaction included) and the process's
minor page faults, with the pad every `policywatch` process sets (scheduler/memory.py) and
without it.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after the packages: bench/differ.py is not `differ`


def child(sources: int, pad: bool) -> dict:
    from scheduler import memory

    if pad:
        memory.pad_heap()
    import pages
    from store import Store
    from store.snapshots import MAX_CHAIN

    store = Store(Path(tempfile.mkdtemp(prefix="pw-bench-snapshots")) / "pw.db")
    store.sync_sources([{"id": f"s{i}", "url": f"http://bench.example/{i}"} for i in range(sources)])
    bodies = [pages.page_html(i, 0) for i in range(sources)]
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    per_place = []
    for place in range(MAX_CHAIN):
        started = time.process_time()
        for i, (head, tail) in enumerate(bodies):
            with store.atomic():
                store.add_snapshot(f"s{i}", head + f"fetched {place}".encode() + tail)
        per_place.append((time.process_time() - started) / sources * 1000)
    return {"ms": per_place, "faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--child", choices=["pad", "nopad"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.sources, args.child == "pad")))
        return
    runs = {}
    for mode in ("pad", "nopad"):
        out = subprocess.run([sys.executable, __file__, "--sources", str(args.sources), "--child", mode],
                             check=True, capture_output=True, text=True).stdout
        runs[mode] = json.loads(out)
    places = len(runs["pad"]["ms"])  # store.snapshots.MAX_CHAIN, as the child measured
    print(f"bench/snapshots.py: {args.sources} bench pages stored {places} times each (a chain of deltas "
          "per source); CPU of add_snapshot per chain place, ms")
    print(f"{'heap':14}" + "".join(f"{p:>6}" for p in range(places))
          + f"{f'mean 1-{places - 1}':>11}{'minor faults':>14}")
    for mode, label in (("pad", "16 MB top pad"), ("nopad", "glibc default")):
        ms = runs[mode]["ms"]
        print(f"{label:14}" + "".join(f"{m:6.2f}" for m in ms)
              + f"{sum(ms[1:]) / (len(ms) - 1):11.2f}{runs[mode]['faults']:14,}")


if __name__ == "__main__":
    main()
