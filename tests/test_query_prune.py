"""prune: raw pages go only where their text is kept; nothing users rely on breaks."""

import json
import sqlite3

import pytest

from conftest import read_cli, rows, run_crawl
from store import NotFound, Store


@pytest.fixture
def copy(policy_history, tmp_path):
    """A copy of the crawled database, to prune (the original serves other tests)."""
    path = tmp_path / "policywatch.db"
    src, dst = sqlite3.connect(policy_history.db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path


def test_nothing_is_pruned_that_was_fetched_more_recently_than_asked(copy):
    out = json.loads(read_cli("--db", str(copy), "prune", "--snapshots-older-than", "1", "--json").stdout)
    assert out["snapshots"] == []
    assert rows(copy, "select count(*) as n from snapshots where body is null")[0]["n"] == 0


def test_prune_drops_bodies_whose_text_is_kept_and_nothing_else(copy):
    before = rows(copy, "select id, source_id, sha256, size from snapshots order by id")
    versions = rows(copy, "select id, markdown from versions order by id")
    latest = {r["id"] for r in rows(copy, "select max(id) as id from snapshots group by source_id")}
    no_text = {r["snapshot_id"] for r in rows(
        copy, "select snapshot_id from fetches where outcome = 'failed' and snapshot_id is not null")}
    assert no_text - latest  # initech's first page without #policy: not the latest, and kept

    out = json.loads(read_cli("--db", str(copy), "prune", "--snapshots-older-than", "0", "--json").stdout)
    pruned = {r["id"] for r in out["snapshots"]}
    with_versions = {r["snapshot_id"] for r in rows(copy, "select snapshot_id from versions")}
    assert pruned == with_versions - latest - no_text and pruned
    assert out["bytes"] > 0
    # Rows stay (sha256, size); versions keep their text; only the pruned bodies are gone.
    assert rows(copy, "select id, source_id, sha256, size from snapshots order by id") == before
    assert rows(copy, "select id, markdown from versions order by id") == versions
    empty = {r["id"] for r in rows(copy, "select id from snapshots where body is null and pruned_at is not null")}
    assert empty == pruned
    # A second prune finds nothing more to do.
    again = json.loads(read_cli("--db", str(copy), "prune", "--snapshots-older-than", "0", "--json").stdout)
    assert again["snapshots"] == []


def test_history_show_and_search_work_after_pruning(copy):
    read_cli("--db", str(copy), "prune", "--snapshots-older-than", "0")
    first = rows(copy, "select created_at, markdown from versions where source_id = 'acme-privacy' order by id")[0]
    shown = json.loads(read_cli("--db", str(copy), "show", "acme-privacy", "--at", first["created_at"], "--json").stdout)
    assert shown["text"] == first["markdown"]
    hits = json.loads(read_cli("--db", str(copy), "search", "phone number", "--all-versions", "--json").stdout)
    assert [h["source"] for h in hits] == ["acme-privacy"]


def test_a_crawl_after_pruning_carries_on(copy, policy_history, tmp_path):
    read_cli("--db", str(copy), "prune", "--snapshots-older-than", "0")
    lines = run_crawl(policy_history.config, db=copy)
    assert lines["acme-privacy"] == "unchanged" and lines["globex-privacy"] == "unchanged"


def test_a_pruned_body_is_a_clear_error_and_comes_back_if_fetched_again(tmp_path):
    with Store(tmp_path / "pw.db") as store:
        store.sync_sources([{"id": "acme", "url": "https://acme.example/p"}])
        with store.atomic():
            old, _ = store.add_snapshot("acme", b"<p>one</p>", fetched_at="2020-01-01T00:00:00.000000Z")
            store.add_version("acme", old, "one", "2020-01-01T00:00:00.000000Z", "1")
            store.add_fetch(source_id="acme", started_at="2020-01-01T00:00:00.000000Z",
                            finished_at="2020-01-01T00:00:00.000000Z", outcome="new", snapshot_id=old)
            store.add_snapshot("acme", b"<p>two</p>", fetched_at="2020-02-01T00:00:00.000000Z")
        assert [r["id"] for r in store.prune_snapshots(30)] == [old]
        with pytest.raises(NotFound, match="pruned"):
            store.snapshot_body(old)
        with store.atomic():
            again, new = store.add_snapshot("acme", b"<p>one</p>", fetched_at="2026-01-01T00:00:00.000000Z")
        assert (again, new) == (old, False)
        assert store.snapshot_body(old) == b"<p>one</p>"
        # Stored again standalone (store/snapshots.py): whatever it rested on may be gone too.
        assert store.db["snapshots"].get(old)["encoding"] == "zstd"


def test_days_must_be_a_number_of_days(copy):
    proc = read_cli("--db", str(copy), "prune", "--snapshots-older-than", "-1", check=False)
    assert proc.returncode == 2 and "--snapshots-older-than" in proc.stderr
    proc = read_cli("--db", str(copy), "prune", check=False)
    assert proc.returncode == 2
