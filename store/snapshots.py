"""How snapshot bodies are stored: zstd, and a page close to its predecessor as a delta.

Successive fetches of a policy page differ by a timestamp, a nonce or a clause, so the body of
a new snapshot is compressed with zstd using the previous snapshot of the same source as a
raw-content dictionary: what the two share costs almost nothing (on the shared corpus of real
policy pages, about 4% of the raw bytes per snapshot, against about 30% for gzip alone).

`snapshots.encoding` says how `body` is encoded, so that databases written before this module
keep reading:

| encoding | body |
| --- | --- |
| `zlib` | zlib (every snapshot stored before `perf_001`) |
| `zstd` | a standalone zstd frame |
| `zstd-delta` | a zstd frame whose dictionary is the decoded body of snapshot `base_id` |

Chains are bounded: `chain` counts the deltas between a snapshot and the standalone frame it
rests on, and every `MAX_CHAIN`-th snapshot of a source is standalone again, so reading any one
snapshot decodes at most `MAX_CHAIN` small frames (well under a millisecond for a policy page).
Pruning a body that others rest on re-encodes those others first (`release_dependents`).
"""

import hashlib
import zlib

import zstandard

from .errors import NotFound, StoreError
from .schema import migrations

# A standalone frame every this-many snapshots of a source: reads decode at most this many.
MAX_CHAIN = 16
# zstd levels: deltas are tiny whatever the level; standalone frames are rarer and worth more.
DELTA_LEVEL = 6
FULL_LEVEL = 9


class CorruptSnapshot(StoreError):
    """A stored snapshot body does not decode to the bytes it was stored from."""


@migrations(name="perf_001_snapshot_encoding")
def perf_001_snapshot_encoding(db):
    # Existing bodies are zlib; they stay as they are and keep reading.
    db["snapshots"].add_column("encoding", str, not_null_default="zlib")
    db["snapshots"].add_column("base_id", int)
    db["snapshots"].add_column("chain", int, not_null_default=0)
    db["snapshots"].create_index(["base_id"])


def _dictionary(base: bytes) -> zstandard.ZstdCompressionDict:
    return zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


def encode_full(body: bytes) -> dict:
    frame = zstandard.ZstdCompressor(level=FULL_LEVEL).compress(body)
    return {"body": frame, "encoding": "zstd", "base_id": None, "chain": 0}


def _delta(body: bytes, base: bytes, base_id: int, chain: int) -> dict:
    frame = zstandard.ZstdCompressor(level=DELTA_LEVEL, dict_data=_dictionary(base)).compress(body)
    return {"body": frame, "encoding": "zstd-delta", "base_id": base_id, "chain": chain}


class SnapshotsMixin:
    """Encoding and decoding of snapshot bodies (used by `Store.add_snapshot` and `prune`)."""

    def encode_body(self, source_id: str, body: bytes) -> dict:
        """The columns that store `body` for a new snapshot of `source_id`: a delta against
        the source's newest kept body when the chain allows it, a standalone frame otherwise."""
        base = next(self.rows(
            "select id, chain from snapshots where source_id = ? and body is not null "
            "order by id desc limit 1", [source_id]
        ), None)
        if base is None or base["chain"] + 1 >= MAX_CHAIN:
            return encode_full(body)
        return _delta(body, self.snapshot_body(base["id"]), base["id"], base["chain"] + 1)

    def snapshot_body(self, snapshot_id: int) -> bytes:
        """The exact bytes fetched, whatever their encoding."""
        chain = []  # this snapshot, then each base it rests on
        next_id = snapshot_id
        while next_id is not None:
            row = next(self.rows(
                "select id, body, encoding, base_id, sha256, pruned_at from snapshots where id = ?",
                [next_id],
            ), None)
            if row is None:
                raise NotFound(f"no snapshot {next_id}")
            if row["body"] is None:
                if next_id == snapshot_id:
                    raise NotFound(f"the body of snapshot {snapshot_id} was pruned on {row['pruned_at']}")
                raise CorruptSnapshot(f"snapshot {snapshot_id} rests on snapshot {next_id}, whose body is gone")
            chain.append(row)
            next_id = row["base_id"] if row["encoding"] == "zstd-delta" else None
        body = None
        for row in reversed(chain):
            body = _decode(row, body)
        if hashlib.sha256(body).hexdigest() != chain[0]["sha256"]:
            raise CorruptSnapshot(f"snapshot {snapshot_id} does not decode to the bytes it was stored from")
        return body

    def release_dependents(self, snapshot_id: int) -> int:
        """Re-encode the snapshots whose delta rests on `snapshot_id` as standalone frames, so
        that its body can go (call inside a transaction). Returns how many were re-encoded."""
        dependents = [r["id"] for r in self.rows(
            "select id from snapshots where base_id = ? and encoding = 'zstd-delta' "
            "and body is not null", [snapshot_id]
        )]
        for dependent in dependents:
            self.db["snapshots"].update(dependent, encode_full(self.snapshot_body(dependent)))
        return len(dependents)

    def snapshot_encodings(self) -> dict[str, dict]:
        """Per encoding: how many snapshots, raw bytes and stored bytes (for benchmarks, stats)."""
        return {
            r["encoding"]: {"snapshots": r["n"], "raw_bytes": r["raw"], "stored_bytes": r["stored"]}
            for r in self.rows(
                "select encoding, count(*) as n, coalesce(sum(size), 0) as raw, "
                "coalesce(sum(length(body)), 0) as stored from snapshots where body is not null "
                "group by encoding order by encoding"
            )
        }


def _decode(row: dict, base: bytes | None) -> bytes:
    encoding = row["encoding"]
    try:
        if encoding == "zlib":
            body = zlib.decompress(row["body"])
        elif encoding == "zstd":
            body = zstandard.ZstdDecompressor().decompress(row["body"])
        elif encoding == "zstd-delta":
            body = zstandard.ZstdDecompressor(dict_data=_dictionary(base)).decompress(row["body"])
        else:
            raise CorruptSnapshot(f"snapshot {row['id']} has an unknown encoding {encoding!r}")
    except (zlib.error, zstandard.ZstdError) as e:
        raise CorruptSnapshot(f"snapshot {row['id']} does not decode ({encoding}): {e}") from None
    return body
