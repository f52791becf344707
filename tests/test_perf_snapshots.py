"""Snapshot bodies stored as zstd deltas: every snapshot recovers byte for byte, chains stay
short, old zlib databases keep reading, and pruning a delta base breaks nothing."""

import gzip
import json
import sqlite3
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import CorruptSnapshot, Store
from store.schema import migrations
from store.snapshots import MAX_CHAIN

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
OLD = "2020-01-01T00:00:00.000000Z"


def add(store, source, body, at=OLD):
    with store.atomic():
        snapshot_id, _ = store.add_snapshot(source, body, fetched_at=at)
    return snapshot_id


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pw.db") as s:
        s.sync_sources([{"id": "acme", "url": "https://acme.example/p"},
                        {"id": "globex", "url": "https://globex.example/p"}])
        yield s


def page(n: int, stamp: str = "") -> bytes:
    clauses = "".join(f"<p>Clause {i}: we keep data category {i} for {i % 7 + 1} years.</p>" for i in range(n))
    return f"<html><body><main>{clauses}</main><footer>{stamp}</footer></body></html>".encode()


# A page and its successive editions: a base text, then small edits (insert, delete, replace).
edits = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.binary(max_size=60)), max_size=8
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.binary(min_size=0, max_size=3000), history=st.lists(edits, min_size=1, max_size=2 * MAX_CHAIN + 3))
def test_every_snapshot_decodes_to_exactly_the_bytes_stored(tmp_path_factory, base, history):
    with Store(tmp_path_factory.mktemp("prop") / "pw.db") as store:
        store.sync_sources([{"id": "acme", "url": "https://acme.example/p"}])
        bodies, body = [base], bytearray(base)
        for edition in history:
            for at, cut, insert in edition:
                at = at % (len(body) + 1)
                body[at:at + cut] = insert
            bodies.append(bytes(body))
        ids = [add(store, "acme", b) for b in bodies]
        for snapshot_id, expected in zip(ids, bodies):
            assert store.snapshot_body(snapshot_id) == expected
        assert max(r["chain"] for r in store.db["snapshots"].rows) < MAX_CHAIN


def test_a_page_close_to_its_predecessor_is_stored_as_a_small_delta(store):
    first = add(store, "acme", page(400, "fetched 10:00"))
    second = add(store, "acme", page(400, "fetched 10:05"))
    rows = {r["id"]: r for r in store.db["snapshots"].rows}
    assert rows[first]["encoding"] == "zstd"
    assert rows[second]["encoding"] == "zstd-delta" and rows[second]["base_id"] == first
    assert len(rows[second]["body"]) < 100 < len(rows[first]["body"]) < rows[first]["size"] / 5
    assert store.snapshot_body(second) == page(400, "fetched 10:05")


def test_deltas_rest_only_on_the_same_source(store):
    add(store, "acme", page(100, "a"))
    other = add(store, "globex", page(100, "b"))
    assert store.db["snapshots"].get(other)["encoding"] == "zstd"


def test_every_max_chain_th_snapshot_is_standalone(store):
    ids = [add(store, "acme", page(50, f"fetch {n}")) for n in range(2 * MAX_CHAIN + 1)]
    rows = [store.db["snapshots"].get(i) for i in ids]
    assert [r["chain"] for r in rows] == [n % MAX_CHAIN for n in range(2 * MAX_CHAIN + 1)]
    assert [r["id"] for r in rows if r["encoding"] == "zstd"] == [ids[0], ids[MAX_CHAIN], ids[2 * MAX_CHAIN]]


def test_a_database_written_before_deltas_keeps_reading(tmp_path):
    path = tmp_path / "old.db"
    import sqlite_utils

    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="perf_001_snapshot_encoding")
    db["sources"].insert({"id": "acme", "name": "Acme", "url": "https://acme.example/p", "type": "", "config": "{}"})
    body = page(80, "old")
    db["snapshots"].insert({"source_id": "acme", "sha256": __import__("hashlib").sha256(body).hexdigest(),
                            "size": len(body), "body": zlib.compress(body, 6), "fetched_at": OLD})
    db.close()
    with Store(path) as store:
        assert store.db["snapshots"].get(1)["encoding"] == "zlib"
        assert store.snapshot_body(1) == body
        # The next page of the source rests on the old zlib body as its delta base.
        newer = add(store, "acme", page(80, "new"))
        assert store.db["snapshots"].get(newer)["encoding"] == "zstd-delta"
        assert store.snapshot_body(newer) == page(80, "new")


def test_a_body_that_does_not_match_its_sha256_is_an_error_not_wrong_bytes(store):
    first = add(store, "acme", page(20, "a"))
    store.db["snapshots"].update(first, {"sha256": "0" * 64})
    with pytest.raises(CorruptSnapshot, match="does not decode to the bytes"):
        store.snapshot_body(first)


def test_pruning_a_delta_base_leaves_its_dependents_readable(store):
    bodies = [page(60, f"fetch {n}") for n in range(6)]
    ids = []
    for n, body in enumerate(bodies):
        with store.atomic():
            snapshot_id, _ = store.add_snapshot("acme", body, fetched_at=OLD)
            # Fetches that found the same text: the bodies are prunable (the text is kept).
            store.add_fetch(source_id="acme", started_at=OLD, finished_at=OLD, outcome="unchanged",
                            snapshot_id=snapshot_id)
        ids.append(snapshot_id)
    # Keep the 3rd and 5th bodies (fetched recently), prune the others but the latest.
    for keep in (ids[2], ids[4]):
        with store.atomic():
            store.add_fetch(source_id="acme", started_at="2999-01-01T00:00:00.000000Z",
                            finished_at="2999-01-01T00:00:00.000000Z", outcome="unchanged", snapshot_id=keep)
    pruned = {r["id"] for r in store.prune_snapshots(30)}
    assert pruned == {ids[0], ids[1], ids[3]}
    for snapshot_id, body in zip(ids, bodies):
        if snapshot_id not in pruned:
            assert store.snapshot_body(snapshot_id) == body
    # Nothing kept rests on a pruned body.
    kept = [store.db["snapshots"].get(i) for i in ids if i not in pruned]
    assert all(r["base_id"] not in pruned for r in kept if r["encoding"] == "zstd-delta")


def test_prune_through_the_cli_keeps_every_kept_body_exact(policy_history, tmp_path):
    path = tmp_path / "policywatch.db"
    src, dst = sqlite3.connect(policy_history.db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    with Store(path) as store:
        before = {r["id"]: store.snapshot_body(r["id"]) for r in store.db["snapshots"].rows}
    from conftest import read_cli

    out = json.loads(read_cli("--db", str(path), "prune", "--snapshots-older-than", "0", "--json").stdout)
    pruned = {r["id"] for r in out["snapshots"]}
    assert pruned
    with Store(path) as store:
        for snapshot_id, body in before.items():
            if snapshot_id not in pruned:
                assert store.snapshot_body(snapshot_id) == body


def _corpus_documents():
    root = CORPUS / "docs"
    return sorted({p.parent for p in root.glob("*/*/*/snapshots/*.html.gz")}) if root.exists() else []


@pytest.mark.skipif(not _corpus_documents(), reason="../shared/corpus is absent: no real pages to replay")
def test_the_corpus_replayed_in_date_order_recovers_byte_for_byte(tmp_path):
    with Store(tmp_path / "corpus.db") as store:
        documents = _corpus_documents()
        store.sync_sources([{"id": f"doc{n}", "url": f"https://example.org/{n}"} for n in range(len(documents))])
        expected = {}
        for n, folder in enumerate(documents):
            for f in sorted(folder.glob("*.html.gz")):  # the file names start with the date
                body = gzip.decompress(f.read_bytes())
                expected[add(store, f"doc{n}", body)] = body
        for snapshot_id, body in expected.items():
            assert store.snapshot_body(snapshot_id) == body
        encodings = store.snapshot_encodings()
        assert encodings["zstd-delta"]["snapshots"] > encodings["zstd"]["snapshots"]
