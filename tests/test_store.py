"""The store: a real SQLite file, WAL, foreign keys, migrations that run once."""

import sqlite3

import pytest

import differ
from store import NotFound, Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pw.db") as s:
        s.sync_sources([{"id": "acme", "url": "https://acme.example/p", "name": "Acme"}])
        yield s


def test_a_new_database_is_in_wal_mode_with_foreign_keys(store):
    assert store.db.journal_mode == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        store.add_fetch(source_id="nobody", started_at="2026-01-01", outcome="new")


def test_opening_twice_applies_migrations_once(tmp_path):
    with Store(tmp_path / "pw.db") as first:
        applied = first.db["_sqlite_migrations"].count
    with Store(tmp_path / "pw.db") as again:
        assert again.db["_sqlite_migrations"].count == applied >= 2


def test_a_body_is_stored_once_per_distinct_content(store):
    first, new = store.add_snapshot("acme", b"<p>x</p>", fetched_at="t1")
    again, new_again = store.add_snapshot("acme", b"<p>x</p>", fetched_at="t2")
    assert (first, new, new_again) == (again, True, False)
    assert store.snapshot_body(first) == b"<p>x</p>"


def test_the_first_fetcher_to_get_a_body_keeps_it_and_a_row_without_one_gets_one(store):
    with store.atomic():
        first, _ = store.add_snapshot("acme", b"<p>a</p>", fetched_at="2026-01-01", fetcher="browser")
        again, new = store.add_snapshot("acme", b"<p>a</p>", fetched_at="2026-01-02", fetcher="static")
    assert (again, new) == (first, False)
    assert store.db["snapshots"].get(first)["fetcher"] == "browser"
    # A row stored before the column existed has none: the next fetcher to get its bytes says.
    store.db.execute("update snapshots set fetcher = null where id = ?", [first])
    with store.atomic():
        store.add_snapshot("acme", b"<p>a</p>", fetched_at="2026-01-03", fetcher="static")
    assert store.db["snapshots"].get(first)["fetcher"] == "static"


def test_a_change_set_round_trips_through_the_database(store):
    snap, _ = store.add_snapshot("acme", b"a", fetched_at="t")
    v1 = store.add_version("acme", snap, "# T\n\nWe collect names.", "t1", "1")
    v2 = store.add_version("acme", snap, "# T\n\nWe collect names and bank accounts.", "t2", "1")
    changes = differ.compare("# T\n\nWe collect names.", "# T\n\nWe collect names and bank accounts.")
    with store.atomic():
        store.add_change_set("acme", v1, v2, changes, "2026-11-27T00:00:00.000000Z")
    (recorded,) = store.change_sets()
    assert (recorded.from_version, recorded.to_version) == (v1, v2)
    assert recorded.changes == changes.changes
    assert store.current_version("acme")["id"] == v2


def test_an_unknown_source_is_not_found(store):
    with pytest.raises(NotFound, match="nobody"):
        store.source("nobody")


def test_the_failure_streak_counts_failures_since_the_last_success(store):
    def fetch(outcome):
        store.add_fetch(source_id="acme", started_at="t", outcome=outcome)

    assert store.failure_streak("acme") == 0
    fetch("failed")
    fetch("failed")
    assert store.failure_streak("acme") == 2
    fetch("unchanged")
    assert store.failure_streak("acme") == 0
    fetch("failed")
    assert store.failure_streak("acme") == 1


def test_what_a_fetch_of_known_bytes_reads_goes_through_indexes(store):
    """A 304 or byte-identical page reads the source's latest snapshot and what its bytes came
    to last time: through indexes, never a walk over every fetch ever recorded (which made each
    such page cost more as the history grew: quadratic over a pass)."""
    snapshot_id, _ = store.add_snapshot("acme", b"<html>policy</html>", fetched_at="2026-01-01T00:00:00Z")
    for day in range(1, 20):
        store.add_fetch(source_id="acme", started_at=f"2026-01-{day:02d}T00:00:00Z", outcome="unchanged",
                        snapshot_id=snapshot_id)
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    assert store.last_fetch_of("acme", snapshot_id)["outcome"] == "unchanged"
    assert store.latest_snapshot("acme")["id"] == snapshot_id
    store.db.conn.set_trace_callback(None)
    assert statements
    for sql in statements:
        plan = [row[3] for row in store.db.conn.execute("explain query plan " + sql)]
        assert not [step for step in plan if step.startswith("SCAN")], (sql, plan)
