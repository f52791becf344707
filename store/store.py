"""Every SQL statement of policywatch. One `Store` per database file."""

import contextlib
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from differ import Change, ChangeSet

from .daemon import DaemonMixin
from .errors import NotFound, StoreError
from .fetcher import FetcherMixin
from .outbox import OutboxMixin
from .query import QueryMixin, insert_rows
from .meaning import MeaningMixin, meaning_columns, tags_json  # after outbox, query: migration order
from .schema import migrations
from .snapshots import SnapshotsMixin, encode_full
from .fingerprints import FingerprintsMixin
from .bulk import SNAPSHOT_COLUMNS, BulkReadsMixin
from .changed import ChangedMixin


def now() -> str:
    """The current UTC time as stored: ISO 8601 with seconds and `Z`... sortable as text."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass
class RecordedChangeSet:
    """A change set as stored: which versions of which source, when, and the clause changes."""

    id: int
    source: str
    detected_at: str
    from_version: int
    to_version: int
    summary: str
    changes: list[Change] = field(default_factory=list)
    technical: bool = False  # a re-extraction, not an edit by the vendor: never announced
    flapping: bool = False  # a revert to a recent version (A→B→A): never announced again
    # What it means (differ.explain): the headline names no source; see `titled()`.
    headline: str = ""
    severity: str = "low"  # high | medium | low | cosmetic
    score: int = 0
    signals: list[dict] = field(default_factory=list)
    tags: list[dict] = field(default_factory=list)  # per change: {"old": {...} | None, "new": {...} | None}

    def titled(self, source_name: str) -> str:
        """`Xiaomi — MIUI Privacy Policy: now collects financial and social information`."""
        return f"{source_name}: {self.headline}" if self.headline else source_name

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "source": self.source,
            "detected_at": self.detected_at,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "summary": self.summary,
            "headline": self.headline,
            "severity": self.severity,
            "score": self.score,
            "signals": self.signals,
            "technical": self.technical,
            "flapping": self.flapping,
            "changes": [{**c.to_dict(), "tags": t} for c, t in zip(self.changes, self.tags)],
        }


class Store(OutboxMixin, QueryMixin, DaemonMixin, MeaningMixin, SnapshotsMixin, FetcherMixin, FingerprintsMixin, BulkReadsMixin, ChangedMixin):
    """The policywatch database: sources, fetches, snapshots, versions and change sets.

        store = Store("policywatch.db")
        with store.atomic():
            fetch_id = store.add_fetch(...)
    """

    def __init__(self, path: str | Path, busy_timeout: float = 10.0):
        self.path = Path(path)
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True)
            # Without sqlite-utils' plugins: the store runs its own SQL only, and looking for
            # plugins (every installed package's entry points) cost each process 3 ms.
            self.db = sqlite_utils.Database(self.path, execute_plugins=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            # Wait this long for another writer's lock, then fail with "database is locked".
            self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # WAL: readers (CLI, sqlite-utils, Datasette) never block the crawler.
            self.db.enable_wal()
            # In WAL mode NORMAL still makes each transaction all or nothing and never corrupts
            # the file; it skips the fsync on every commit (one per fetch), which cost more wall
            # time than the rest of a 304 fetch. A power cut may lose the last commits: those
            # sources are fetched again on the next run.
            self.db.execute("PRAGMA synchronous = NORMAL")
            migrations.apply(self.db)
        except (sqlite3.Error, OSError) as e:
            raise StoreError(f"cannot open database {self.path}: {e}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def rows(self, sql: str, params=()):
        """The rows of a SELECT, as dicts, read lazily. Not sqlite-utils' `db.query`, which wraps
        every statement in a SAVEPOINT and its RELEASE: ten statements of a page's twenty."""
        cursor = self.db.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return (dict(zip(names, row)) for row in cursor)

    @contextlib.contextmanager
    def atomic(self):
        """One transaction: everything inside is stored, or nothing."""
        with self.db.atomic():
            yield self

    # --- sources -----------------------------------------------------------------------

    def sync_sources(self, sources: list[dict]) -> None:
        """Insert or update the configured sources (sources no longer configured stay, with
        their history)."""
        stored = {r["id"]: r for r in self.rows("select id, name, url, type, config from sources")}
        with self.db.atomic():
            for s in sources:
                row = {
                    "id": s["id"], "name": s.get("name") or s["id"], "url": s["url"],
                    "type": s.get("type") or "", "config": json.dumps(s, sort_keys=True),
                }
                if s["id"] not in stored:
                    self.db["sources"].insert({**row, "added_at": now()})
                elif stored[s["id"]] != row:  # only what changed: thousands of sources per run
                    self.db["sources"].update(s["id"], row)

    def source(self, source_id: str) -> dict:
        try:
            return self.db["sources"].get(source_id)
        except sqlite_utils.db.NotFoundError:
            raise NotFound(f"no source {source_id!r} in {self.path}") from None

    def sources(self) -> list[dict]:
        return list(self.db["sources"].rows_where(order_by="id"))

    # --- what the crawler needs to know ------------------------------------------------

    def latest_snapshot(self, source_id: str) -> dict | None:
        """The snapshot the source's last fetch got (the newest row if no fetch names one),
        without its body. Not simply the newest row: a body is stored once, so a page that
        alternates between two byte-identical variants (A, B, A, B) gets old rows back, and
        the newest row (B) is then not the page fetched last (A)."""
        rows = self.rows(
            f"select {SNAPSHOT_COLUMNS} from fetches f join snapshots s on s.id = f.snapshot_id "
            "where f.source_id = ? and f.snapshot_id is not null "
            "order by f.started_at desc, f.id desc limit 1",
            [source_id],
        )
        row = next(rows, None)
        if row is None:
            row = next(self.rows(f"select {SNAPSHOT_COLUMNS} from snapshots s where s.source_id = ? "
                                     "order by s.id desc limit 1", [source_id]), None)
        return row

    def current_version(self, source_id: str) -> dict | None:
        """The version in force: the newest one recorded."""
        rows = self.rows(
            "select * from versions where source_id = ? order by id desc limit 1", [source_id]
        )
        return next(rows, None)

    def recent_versions(self, source_id: str, n: int) -> list[dict]:
        """The `n` newest versions of a source, newest first, without their text."""
        return list(self.rows(
            "select id, sha256, created_at from versions where source_id = ? order by id desc limit ?",
            [source_id, n],
        ))

    def latest_good_snapshot(self, source_id: str) -> dict | None:
        """The newest snapshot whose last fetch did not fail: the page the policy stands on."""
        return next(self.rows(
            "select s.id, s.url, s.content_type, s.fetched_at from snapshots s where s.source_id = ? "
            "and (select f.outcome from fetches f where f.snapshot_id = s.id order by f.id desc limit 1)"
            " != 'failed' order by s.id desc limit 1", [source_id]
        ), None)

    def last_fetch_of(self, source_id: str, snapshot_id: int) -> dict | None:
        """The source's newest fetch that got these bytes: what they came to last time."""
        # Through the (source_id, started_at) index, newest first: the match is nearly always
        # the source's last fetch. By snapshot alone, SQLite walked back through every fetch
        # since that one (a whole pass of all sources: quadratic in their number).
        return next(self.rows(
            "select outcome, error_class, reason from fetches where source_id = ? and snapshot_id = ? "
            "order by started_at desc, id desc limit 1", [source_id, snapshot_id]
        ), None)

    # --- recording a fetch (call inside `atomic()`) ------------------------------------

    def add_fetch(self, **fetch) -> int:
        return self._insert("fetches", fetch)

    def add_snapshot(self, source_id: str, body: bytes, **meta) -> tuple[int, bool]:
        """Store the body once per distinct content: (snapshot id, whether it is new). `meta`:
        the other columns of a new row (`fetcher`: the first fetcher to get these bytes keeps them)."""
        digest = sha256(body)
        existing = next(
            self.rows(
                "select id, body is null as pruned, fetcher from snapshots where source_id = ? and sha256 = ?",
                [source_id, digest],
            ),
            None,
        )
        if existing:
            if existing["pruned"]:
                # The same bytes again after `prune` dropped them: keep them again, standalone.
                self.db["snapshots"].update(existing["id"], {**encode_full(body), "pruned_at": None})
            if existing["fetcher"] is None and meta.get("fetcher"):  # a row from before the column
                self.set_snapshot_fetcher(existing["id"], meta["fetcher"])
            return existing["id"], False
        row = {"source_id": source_id, "sha256": digest, "size": len(body),
               **self.encode_body(source_id, body), **meta}
        return self._insert("snapshots", row), True

    def _insert(self, table: str, row: dict) -> int:
        # Plain SQL: sqlite-utils' insert inspects the table on every call, which cost more
        # than the rest of recording a 304 (bench/crawl.py).
        columns = ", ".join(f"[{c}]" for c in row)
        return self.db.execute(
            f"insert into [{table}] ({columns}) values ({', '.join('?' * len(row))})", list(row.values())
        ).lastrowid

    def add_version(self, source_id: str, snapshot_id: int, markdown: str, created_at: str,
                    extractor_version: str, technical: bool = False, flapping: bool = False,
                    clauses: "list[differ.Clause] | None" = None) -> int:
        """Record a version and index its clauses (`clauses`: `differ.segment(markdown)`, when
        the caller has it already: a long text is not segmented twice)."""
        row = {
            "source_id": source_id, "snapshot_id": snapshot_id, "created_at": created_at,
            "markdown": markdown, "sha256": sha256(markdown),
            "extractor_version": extractor_version, "technical": int(technical),
            "flapping": int(flapping),
        }
        # One transaction (a savepoint inside the caller's) with its clauses; committed here
        # when called outside one, as sqlite-utils' insert did.
        with self.db.atomic():
            version_id = self._insert("versions", row)
            self.index_clauses(version_id, source_id, markdown, clauses)
        return version_id

    def add_change_set(self, source_id: str, from_version: int, to_version: int,
                       changes: ChangeSet, detected_at: str, technical: bool = False,
                       flapping: bool = False, meaning: "differ.Meaning | None" = None) -> int:
        """Record a change set with its meaning (computed here, once, unless given)."""
        meaning = meaning or self.explain(changes.changes)
        tags = tags_json(meaning)
        with self.db.atomic():  # as in add_version
            change_set_id = self._insert("change_sets", {
                "source_id": source_id, "from_version": from_version, "to_version": to_version,
                "detected_at": detected_at, "summary": changes.summary(),
                "technical": int(technical), "flapping": int(flapping), **meaning_columns(meaning),
            })
            insert_rows(self.db, "changes", _CHANGE_COLUMNS, [
                (change_set_id, i, c.kind, json.dumps(c.section), _json_or_none(c.old_section),
                 c.old, c.new, c.significance, json.dumps(c.diff), c.old_position, c.new_position,
                 tags[i])
                for i, c in enumerate(changes.changes)
            ])
        return change_set_id

    # --- reading history ---------------------------------------------------------------

    def version(self, source_id: str, version_id: int) -> dict:
        row = next(self.rows(
            "select * from versions where source_id = ? and id = ?", [source_id, version_id]
        ), None)
        if row is None:
            raise NotFound(f"no version {version_id} of source {source_id!r}")
        return row

    def versions(self, source_id: str) -> list[dict]:
        return list(self.rows(
            "select id, source_id, snapshot_id, created_at, sha256, extractor_version, technical "
            "from versions where source_id = ? order by id", [source_id]
        ))

    def change_sets(self, since: str | None = None, source_id: str | None = None,
                    category: str | None = None, data_type: str | None = None) -> list[RecordedChangeSet]:
        """Recorded change sets, newest first; with `category` / `data_type`, only those with a
        clause change tagged so on its old or new side."""
        where, params = ["1 = 1"], []
        if since:
            where.append("detected_at >= ?")
            params.append(since)
        if source_id:
            where.append("source_id = ?")
            params.append(source_id)
        for key, value in (("categories", category), ("data_types", data_type)):
            if value:
                where.append(
                    "exists (select 1 from changes c where c.change_set_id = change_sets.id and ("
                    f"exists (select 1 from json_each(c.tags, '$.old.{key}') where value = ?) or "
                    f"exists (select 1 from json_each(c.tags, '$.new.{key}') where value = ?)))")
                params += [value, value]
        rows = self.rows(
            f"select * from change_sets where {' and '.join(where)} order by detected_at desc, id desc",
            params,
        )
        return [self._change_set(row) for row in rows]

    def latest_change_set(self, source_id: str) -> RecordedChangeSet | None:
        sets = self.change_sets(source_id=source_id)
        return sets[0] if sets else None

    def _change_set(self, row: dict) -> RecordedChangeSet:
        rows = list(self.rows("select * from changes where change_set_id = ? order by position", [row["id"]]))
        changes = [change_from_row(c) for c in rows]
        meaning = {"headline": row.get("headline"), "severity": row.get("severity"), "score": row.get("score"),
                   "signals": json.loads(row.get("signals") or "[]"),
                   "tags": [json.loads(c["tags"]) if c.get("tags") else None for c in rows]}
        if meaning["headline"] is None or None in meaning["tags"]:
            # Written without a meaning (by code that bypassed add_change_set): work it out now.
            computed = self.explain(changes)
            meaning = {**meaning_columns(computed), "signals": computed.to_dict()["signals"],
                       "tags": computed.to_dict()["tags"]}
        return RecordedChangeSet(
            id=row["id"], source=row["source_id"], detected_at=row["detected_at"],
            from_version=row["from_version"], to_version=row["to_version"],
            summary=row["summary"], changes=changes,
            technical=bool(row["technical"]), flapping=bool(row["flapping"]), **meaning,
        )

    def fetches(self, source_id: str | None = None) -> list[dict]:
        if source_id:
            return list(self.db["fetches"].rows_where("source_id = ?", [source_id], order_by="id"))
        return list(self.db["fetches"].rows_where(order_by="id"))

    def failure_streak(self, source_id: str) -> int:
        """How many fetches of the source failed in a row, up to now (0 after a success)."""
        row = next(self.rows(
            "select count(*) as n from fetches where source_id = ? and outcome = 'failed' and id > "
            "coalesce((select max(id) from fetches where source_id = ? and outcome != 'failed'), 0)",
            [source_id, source_id],
        ))
        return row["n"]

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]


_CHANGE_COLUMNS = ("change_set_id", "position", "kind", "section", "old_section", "old", "new",
                   "significance", "diff", "old_position", "new_position", "tags")


def change_from_row(c: dict) -> Change:
    """A `changes` row as the differ's record."""
    return Change(
        kind=c["kind"], section=json.loads(c["section"]), old=c["old"], new=c["new"],
        significance=c["significance"],
        diff=[(op, text) for op, text in json.loads(c["diff"] or "[]")],
        old_section=json.loads(c["old_section"]) if c["old_section"] else None,
        old_position=c["old_position"], new_position=c["new_position"],
    )


def _json_or_none(value) -> str | None:
    return None if value is None else json.dumps(value)
