"""How many bytes a snapshot costs in the store, on real policy pages.

    python bench/storage.py [--corpus ../shared/corpus] [--db PATH]

Replays each document of the shared corpus (real pages of 24 documents, 2021–2025) in date
order into a fresh database through `Store.add_snapshot`, as successive crawls would, and prints
per document and in total: snapshots, raw bytes per snapshot, gzip alone (each page compressed
on its own, level 6), what the store keeps (zstd, deltas against the previous snapshot), the
database file, and the CPU time of writing and of reading back one snapshot (every snapshot is
read back and compared byte for byte).
"""

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import Store  # noqa: E402
from store.snapshots import MAX_CHAIN  # noqa: E402


def documents(corpus: Path) -> list[Path]:
    return sorted({p.parent for p in (corpus / "docs").glob("*/*/*/snapshots/*.html.gz")})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--db", type=Path, help="keep the database here (default: a temporary file)")
    args = parser.parse_args()
    folders = documents(args.corpus)
    if not folders:
        raise SystemExit(f"no corpus at {args.corpus} (docs/*/*/*/snapshots/*.html.gz): nothing to replay")

    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "storage.db"
    if path.exists():
        raise SystemExit(f"{path} exists: give a new file")
    rows, total = [], {"n": 0, "raw": 0, "gzip": 0, "stored": 0, "write": 0.0, "read": 0.0, "read_max": 0.0}
    with Store(path) as store:
        store.sync_sources([{"id": f"doc{i}", "url": f"https://example.org/{i}"} for i in range(len(folders))])
        for i, folder in enumerate(folders):
            bodies = [gzip.decompress(f.read_bytes()) for f in sorted(folder.glob("*.html.gz"))]
            doc = {"n": 0, "raw": 0, "gzip": 0, "write": 0.0, "ids": {}}
            for body in bodies:
                started = time.process_time()
                with store.atomic():
                    snapshot_id, new = store.add_snapshot(f"doc{i}", body, fetched_at="2026-01-01T00:00:00Z")
                doc["write"] += time.process_time() - started
                if new:
                    doc["n"] += 1
                    doc["raw"] += len(body)
                    doc["gzip"] += len(gzip.compress(body, 6))
                    doc["ids"][snapshot_id] = body
            stored = next(store.db.query(
                "select coalesce(sum(length(body)), 0) as b from snapshots where source_id = ?", [f"doc{i}"]))["b"]
            reads = []
            for snapshot_id, body in doc["ids"].items():
                started = time.process_time()
                assert store.snapshot_body(snapshot_id) == body, f"snapshot {snapshot_id} does not read back"
                reads.append(time.process_time() - started)
            name = "/".join(folder.parts[-4:-1])
            rows.append((name, doc["n"], doc["raw"], doc["gzip"], stored, doc["write"], sum(reads), max(reads)))
            for key, value in (("n", doc["n"]), ("raw", doc["raw"]), ("gzip", doc["gzip"]), ("stored", stored),
                               ("write", doc["write"]), ("read", sum(reads))):
                total[key] += value
            total["read_max"] = max(total["read_max"], max(reads))
        encodings = store.snapshot_encodings()
    file_bytes = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))

    print(f"bench/storage.py: {len(folders)} documents of {args.corpus}, replayed in date order; "
          f"every snapshot read back byte for byte; a standalone frame every {MAX_CHAIN} snapshots\n")
    header = ["document", "snaps", "raw KB/snap", "gzip KB/snap", "stored KB/snap", "stored/raw", "gzip/raw",
              "write ms", "read ms"]
    widths = [44, 5, 11, 12, 14, 10, 8, 8, 7]
    print("  ".join(h.rjust(w) if j else h.ljust(w) for j, (h, w) in enumerate(zip(header, widths))))

    def line(name, n, raw, gz, stored, write, read):
        cells = [name[:44], n, f"{raw / n / 1024:.1f}", f"{gz / n / 1024:.1f}", f"{stored / n / 1024:.2f}",
                 f"{stored / raw:.2%}", f"{gz / raw:.1%}", f"{1000 * write / n:.2f}", f"{1000 * read / n:.2f}"]
        print("  ".join(str(c).rjust(w) if j else str(c).ljust(w) for j, (c, w) in enumerate(zip(cells, widths))))

    for name, n, raw, gz, stored, write, read, _ in rows:
        line(name, n, raw, gz, stored, write, read)
    line("all documents", total["n"], total["raw"], total["gzip"], total["stored"], total["write"], total["read"])
    print(f"\ndatabase file (snapshot rows, indexes, sqlite pages): {file_bytes / total['n'] / 1024:.2f} KB per "
          f"snapshot = {file_bytes / total['raw']:.2%} of raw")
    print(f"slowest read of one snapshot: {1000 * total['read_max']:.2f} ms CPU")
    print("encodings: " + ", ".join(f"{k} {v['snapshots']} snapshots ({v['stored_bytes'] / max(v['raw_bytes'], 1):.1%} of raw)"
                                    for k, v in encodings.items()))


if __name__ == "__main__":
    main()
