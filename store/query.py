"""Reading the database the way analysts ask: clauses and full-text search, the text in force
at a moment, histories, statistics, views for SQL users, and pruning of raw pages.

Clauses are indexed when a version is added (`index_clauses`, called by `Store.add_version`,
so inside the crawler's per-fetch transaction): a reader never sees a version without its
clauses. Existing versions are indexed once by the migration below; `reindex_clauses` rebuilds
the index after the segmenter changes.
"""

import json
import re
from datetime import datetime, timedelta, timezone

import differ
from differ import SEGMENTER

from .errors import NotFound, StoreError
from .schema import migrations


class NoVersionAt(NotFound):
    """The source had no version yet at that moment."""


class BadSearch(StoreError):
    """The search query has nothing to search for."""


@migrations(name="query_001_clauses")
def query_001_clauses(db):
    db["clauses"].create(
        {
            "id": int, "version_id": int, "source_id": str, "position": int, "kind": str,
            "section": str, "text": str,
        },
        pk="id",
        foreign_keys=[("version_id", "versions", "id"), ("source_id", "sources", "id")],
    )
    db["clauses"].create_index(["version_id", "position"], unique=True)
    db["clauses"].create_index(["source_id"])
    # Triggers keep clauses_fts in step with clauses, whoever writes them; porter stemming so
    # that "share" finds "shared" and "sharing".
    db["clauses"].enable_fts(["text"], create_triggers=True, tokenize="porter")
    for version in db.query("select id, source_id, markdown from versions order by id"):
        # Without layout: level, follows and the version's stamp come with changed_001, and
        # these versions are segmented again until `reindex` (store/changed.py).
        _insert_clauses(db, version["id"], version["source_id"], version["markdown"], layout=False)
    db["snapshots"].add_column("pruned_at", str)


@migrations(name="query_002_views")
def query_002_views(db):
    for name, sql in VIEWS.items():
        db.execute(f"drop view if exists {name}")
        db.execute(f"create view {name} as {sql}")


# Views for SQL users (documented in the README, described in datasette/metadata.yml).
VIEWS = {
    # The version in force for each source: the newest one recorded.
    "current_versions": """
        select v.source_id as source, v.id as version, v.created_at as since, v.markdown as text
        from versions v
        where v.id = (select max(id) from versions where source_id = v.source_id)
    """,
    "change_log": """
        select cs.source_id as source, cs.detected_at, c.kind, c.section, c.old, c.new,
               c.significance, cs.id as change_set_id, cs.from_version, cs.to_version
        from changes c join change_sets cs on cs.id = c.change_set_id
        order by cs.detected_at desc, cs.id desc, c.position
    """,
    # Sources whose latest fetches all failed: the streak since the last success.
    "failing_sources": """
        with streaks as (
            select f.source_id, count(*) as n, min(f.started_at) as since, max(f.id) as last_id
            from fetches f
            where f.outcome = 'failed' and f.id > coalesce(
                (select max(ok.id) from fetches ok
                 where ok.source_id = f.source_id and ok.outcome != 'failed'), 0)
            group by f.source_id
        )
        select s.source_id as source, s.since as failing_since, s.n as consecutive_failures,
               f.error_class as last_error_class, f.reason as last_reason,
               f.started_at as last_attempt
        from streaks s join fetches f on f.id = s.last_id
        order by s.source_id
    """,
}


# Parameters per INSERT statement of `insert_rows`: under SQLite's oldest limit of 999 (a
# 170-clause version was as fast in chunks of 100 rows as of 300).
MAX_PARAMETERS = 900


def insert_rows(db, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert `rows` (tuples in `columns` order) with multi-row INSERTs of at most
    `MAX_PARAMETERS` values.

    Plain SQL: sqlite-utils' insert_all inspects the table and builds its SQL per chunk, which
    cost more than the rows. Not executemany either: with the FTS5 triggers on `clauses` it was
    2.5 times slower than multi-row VALUES (3.6 against 1.4 ms for a 170-clause version)."""
    names = ", ".join(f"[{c}]" for c in columns)
    one = "(" + ", ".join("?" * len(columns)) + ")"
    per_insert = max(1, MAX_PARAMETERS // len(columns))
    for start in range(0, len(rows), per_insert):
        chunk = rows[start:start + per_insert]
        db.conn.execute(f"insert into [{table}] ({names}) values {', '.join([one] * len(chunk))}",
                        [value for row in chunk for value in row])


_CLAUSE_COLUMNS = ("version_id", "source_id", "position", "kind", "section", "text")
# level and follows (store/changed.py) make a row the whole `differ.Clause`.
_LAYOUT_COLUMNS = ("level", "follows")


def _insert_clauses(db, version_id: int, source_id: str, markdown: str,
                    clauses: "list[differ.Clause] | None" = None, layout: bool = True) -> None:
    """Write a version's clause rows. With `layout`, each row is the whole Clause and the
    version is stamped with the segmenter that cut them, here where the rows are written (not
    by each caller), so that `version_clauses` reads back only rows that say which code cut
    them. `layout=False` only for the migration that created `clauses`: the layout columns and
    the stamp do not exist yet there."""
    if clauses is None:
        clauses = differ.segment(markdown)
    sections: dict[tuple, str] = {}  # a section's JSON once, not once per clause in it
    for c in clauses:
        if c.section not in sections:
            sections[c.section] = json.dumps(list(c.section), ensure_ascii=False)
    # The FTS5 triggers fill clauses_fts from these rows, whoever writes them.
    insert_rows(db, "clauses", _CLAUSE_COLUMNS + (_LAYOUT_COLUMNS if layout else ()), [
        (version_id, source_id, c.position, c.kind, sections[c.section], c.text)
        + ((c.level, int(c.follows)) if layout else ())
        for c in clauses
    ])
    if layout:
        db.conn.execute("update versions set segmenter = ? where id = ?", [SEGMENTER, version_id])


_TERM = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(query: str) -> str:
    """A user's query as FTS5 syntax: every word, and every "quoted phrase", must appear.

    Each term is quoted, so punctuation (e-mail, don't, AT&T) is never FTS5 syntax."""
    terms = []
    for phrase, word in _TERM.findall(query):
        term = (phrase if phrase else word).strip()
        if term:
            terms.append('"' + term.replace('"', '""') + '"')
    if not terms:
        raise BadSearch(f"nothing to search for in {query!r}")
    return " ".join(terms)


def _stored(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class QueryMixin:
    """Reads for analysts (mixed into `Store`; uses `self.db`)."""

    # --- clauses ---------------------------------------------------------------------

    def index_clauses(self, version_id: int, source_id: str, markdown: str,
                      clauses: "list[differ.Clause] | None" = None) -> None:
        """Index a version's clauses for full-text search (inside the caller's transaction):
        `clauses` when the caller has segmented `markdown` already, else `segment(markdown)`.
        The version is stamped with `differ.SEGMENTER`: a changed page is then diffed against
        these rows (store/changed.py)."""
        _insert_clauses(self.db, version_id, source_id, markdown, clauses)

    def reindex_clauses(self) -> int:
        """Rebuild the clause index of every version (after the segmenter changed)."""
        with self.db.atomic():
            self.db.execute("delete from clauses")
            versions = list(self.rows("select id, source_id, markdown from versions order by id"))
            for v in versions:  # each stamped as cut by today's segmenter (`_insert_clauses`)
                _insert_clauses(self.db, v["id"], v["source_id"], v["markdown"])
        return len(versions)

    def search(self, query: str, all_versions: bool = False, source_id: str | None = None,
               limit: int = 20) -> list[dict]:
        """Clauses matching `query` (see `fts_query`), best match first.

        One hit per distinct clause text of a source: with the versions that contain it,
        `since` (the first version that had it) and whether the current version has it.
        Without `all_versions`, only clauses of current versions."""
        rows = self.rows(
            """
            select c.source_id, c.version_id, c.position, c.section, c.kind, c.text,
                   v.created_at, clauses_fts.rank as rank,
                   snippet(clauses_fts, 0, '**', '**', '…', 24) as snippet,
                   c.version_id = (select max(id) from versions where source_id = c.source_id)
                       as is_current
            from clauses_fts
            join clauses c on c.id = clauses_fts.rowid
            join versions v on v.id = c.version_id
            where clauses_fts match :q and (:source is null or c.source_id = :source)
            order by rank, c.source_id, c.version_id desc, c.position
            """,
            {"q": fts_query(query), "source": source_id},
        )
        hits: dict[tuple, dict] = {}
        for row in rows:  # best first, newest version first: the first row of a clause leads
            key = (row["source_id"], row["text"])
            hit = hits.get(key)
            if hit is None:
                hit = hits[key] = {
                    "source": row["source_id"], "section": json.loads(row["section"]),
                    "snippet": row["snippet"], "text": row["text"], "kind": row["kind"],
                    "version": row["version_id"], "since": row["created_at"],
                    "current": False, "versions": [], "rank": row["rank"],
                }
            hit["versions"].append(row["version_id"])
            hit["since"] = min(hit["since"], row["created_at"])
            hit["current"] = hit["current"] or bool(row["is_current"])
        result = [h for h in hits.values() if all_versions or h["current"]]
        for hit in result:
            hit["versions"].sort()
        return result[:limit]

    # --- versions in time --------------------------------------------------------------

    def version_at(self, source_id: str, moment: str) -> dict:
        """The version in force at `moment` (stored UTC form): the newest one created at or
        before it. A version is in force from its `created_at` until the next one's."""
        self.source(source_id)
        row = next(self.rows(
            "select * from versions where source_id = ? and created_at <= ? "
            "order by created_at desc, id desc limit 1", [source_id, moment]
        ), None)
        if row is None:
            first = next(self.rows(
                "select min(created_at) as t from versions where source_id = ?", [source_id]
            ))["t"]
            known = f"its first version is from {first}" if first else "it has no version yet"
            raise NoVersionAt(f"no version of {source_id!r} at {moment}: {known}")
        row["until"] = self._next_version_time(source_id, row)
        return row

    def _next_version_time(self, source_id: str, version: dict) -> str | None:
        row = next(self.rows(
            "select created_at from versions where source_id = ? and id > ? order by id limit 1",
            [source_id, version["id"]],
        ), None)
        return row["created_at"] if row else None

    def history(self, source_id: str) -> list[dict]:
        """Each version, oldest first: since, until, and the change that produced it."""
        self.source(source_id)
        rows = list(self.rows(
            """
            select v.id as version, v.created_at as since, v.technical, v.sha256,
                   v.extractor_version, cs.id as change_set_id, cs.summary,
                   (select count(*) from clauses where version_id = v.id) as clauses
            from versions v left join change_sets cs on cs.to_version = v.id
            where v.source_id = ? order by v.id
            """, [source_id],
        ))
        for row, following in zip(rows, rows[1:] + [None]):
            row["until"] = following["since"] if following else None
            row["technical"] = bool(row["technical"])
            if row["summary"] is None:
                row["summary"] = "first version" if row is rows[0] else "technical re-extraction"
        return rows

    def all_versions(self, source_id: str | None = None) -> list[dict]:
        """Every version with its text, by source then time (for exports)."""
        rows = list(self.rows(
            """
            select v.source_id as source, v.id as version, v.created_at as since, v.sha256,
                   v.technical, v.extractor_version, v.markdown as text
            from versions v where (:source is null or v.source_id = :source)
            order by v.source_id, v.id
            """, {"source": source_id},
        ))
        for row, following in zip(rows, rows[1:] + [None]):
            same = following is not None and following["source"] == row["source"]
            row["until"] = following["since"] if same else None
            row["technical"] = bool(row["technical"])
        return rows

    def change_log(self, source_id: str | None = None) -> list[dict]:
        return list(self.rows(
            "select * from change_log where (:source is null or source = :source)",
            {"source": source_id},
        ))

    # --- overviews ---------------------------------------------------------------------

    def source_overview(self) -> list[dict]:
        """Each source: status (ok, failing, never fetched), last fetch, versions, last change."""
        rows = list(self.rows(
            """
            select s.id as source, s.name, s.type, s.url,
                   (select max(started_at) from fetches where source_id = s.id) as last_fetch,
                   (select count(*) from versions where source_id = s.id) as versions,
                   (select max(created_at) from versions where source_id = s.id) as current_since,
                   (select max(detected_at) from change_sets where source_id = s.id) as last_change,
                   fs.failing_since, coalesce(fs.consecutive_failures, 0) as consecutive_failures,
                   fs.last_reason
            from sources s left join failing_sources fs on fs.source = s.id
            order by s.id
            """
        ))
        for row in rows:
            if row["consecutive_failures"]:
                row["status"] = "failing"
            elif row["last_fetch"] is None:
                row["status"] = "never fetched"
            else:
                row["status"] = "ok"
        return rows

    def failing_sources(self) -> list[dict]:
        return list(self.db["failing_sources"].rows)

    def stats(self) -> list[dict]:
        """Per source: versions, change sets per year, clause changes, stored bytes."""
        rows = list(self.rows(
            """
            select s.id as source,
                   (select count(*) from versions where source_id = s.id) as versions,
                   (select count(*) from change_sets where source_id = s.id) as change_sets,
                   (select count(*) from changes c join change_sets cs on cs.id = c.change_set_id
                    where cs.source_id = s.id) as clause_changes,
                   (select count(*) from fetches where source_id = s.id) as fetches,
                   (select count(*) from snapshots where source_id = s.id) as snapshots,
                   (select count(*) from snapshots where source_id = s.id and body is null)
                       as pruned_snapshots,
                   (select coalesce(sum(length(body)), 0) from snapshots where source_id = s.id)
                       as snapshot_bytes,
                   (select coalesce(sum(length(cast(markdown as blob))), 0) from versions
                    where source_id = s.id) as version_bytes
            from sources s order by s.id
            """
        ))
        per_year = {}
        for r in self.rows(
            "select source_id, substr(detected_at, 1, 4) as year, count(*) as n from change_sets "
            "group by 1, 2 order by 1, 2"
        ):
            per_year.setdefault(r["source_id"], {})[r["year"]] = r["n"]
        for row in rows:
            row["changes_per_year"] = per_year.get(row["source"], {})
        return rows

    # --- pruning raw pages --------------------------------------------------------------

    def prunable_snapshots(self, older_than_days: float, at: datetime | None = None) -> list[dict]:
        """Snapshots whose body may go: last fetched more than `older_than_days` ago, not the
        latest of their source (the crawler compares against it), and whose text is kept in a
        version (the version made from it, or a fetch that found the same text). Pages that
        produced no text (a selector miss, a truncated page) stay: they are the only record."""
        cutoff = _stored((at or datetime.now(timezone.utc)) - timedelta(days=older_than_days))
        return list(self.rows(
            """
            select s.id, s.source_id, s.fetched_at, s.size, length(s.body) as stored_bytes
            from snapshots s
            where s.body is not null
              and coalesce((select max(finished_at) from fetches where snapshot_id = s.id),
                           s.fetched_at) < :cutoff
              and s.id != (select max(id) from snapshots where source_id = s.source_id)
              and (exists (select 1 from versions where snapshot_id = s.id)
                   or exists (select 1 from fetches where snapshot_id = s.id
                              and outcome in ('new', 'changed', 'unchanged')))
            order by s.id
            """, {"cutoff": cutoff},
        ))

    def prune_snapshots(self, older_than_days: float, at: datetime | None = None) -> list[dict]:
        """Drop the body (keep the row: sha256, size, headers) of the prunable snapshots."""
        with self.db.atomic():
            pruned = self.prunable_snapshots(older_than_days, at)
            stamp = _stored(at or datetime.now(timezone.utc))
            # Newest first: a body that a later one rests on as a delta base is released by
            # re-encoding only the dependents that stay (store/snapshots.py).
            for row in reversed(pruned):
                self.release_dependents(row["id"])
                self.db["snapshots"].update(row["id"], {"body": None, "pruned_at": stamp})
        return pruned

    def vacuum(self) -> None:
        """Give the room freed by pruning back to the file system."""
        self.db.execute("VACUUM")
