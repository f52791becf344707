"""What a crawl needs to know of every source before it starts, in one statement each instead of
one or two per source (a thousand sources: a thousand or two round trips through sqlite-utils,
10–40 ms, and more on a cold cache, in every run). Each source is still looked up through its
indexes, so the cost does not grow with the history kept."""

import json

from .fingerprints import CURRENT

# The columns of a snapshot row `s` that `Store.latest_snapshot` gives (not its body).
SNAPSHOT_COLUMNS = "s.id, s.sha256, s.fetched_at, s.url, s.etag, s.last_modified"

# `wanted(source_id)` from a JSON list of ids (the one parameter), and `latest(source_id,
# snapshot_id)`: as `Store.latest_snapshot` gives it for one source, the snapshot of the last
# fetch that got one, else the newest row (a page alternating between two byte-identical
# variants gets old rows back: the newest row is then not the page fetched last).
LATEST = (
    "wanted(source_id) as (select value from json_each(?)), "
    "latest(source_id, snapshot_id) as (select w.source_id, coalesce("
    " (select f.snapshot_id from fetches f where f.source_id = w.source_id"
    "  and f.snapshot_id is not null order by f.started_at desc, f.id desc limit 1),"
    " (select max(x.id) from snapshots x where x.source_id = w.source_id)) from wanted w)"
)


class BulkReadsMixin:
    """Bulk reads for the crawler (methods of `Store`; `self.db` is sqlite-utils')."""

    def latest_snapshots(self, source_ids: list[str]) -> dict[str, dict | None]:
        """{source id: `latest_snapshot(source id)`} for these sources, in one query."""
        rows = self.rows(
            f"with {LATEST} select latest.source_id as source_id, {SNAPSHOT_COLUMNS} "
            "from latest join snapshots s on s.id = latest.snapshot_id",
            [json.dumps(list(source_ids))],
        )
        found = {row.pop("source_id"): row for row in rows}
        return {source_id: found.get(source_id) for source_id in source_ids}

    def recording_state(self, source_id: str) -> tuple[dict | None, str | None]:
        """(`latest_snapshot(source_id)`, `text_fingerprint(source_id)`) in one statement: what
        recording a fetch compares the page with (read inside the fetch's transaction)."""
        row = next(self.rows(
            f"with {LATEST} select {SNAPSHOT_COLUMNS}, f.fingerprint from wanted w "
            "left join latest on latest.source_id = w.source_id "
            "left join snapshots s on s.id = latest.snapshot_id "
            f"left join text_fingerprints f on f.source_id = w.source_id and {CURRENT}",
            [json.dumps([source_id])],
        ))
        fingerprint = row.pop("fingerprint")
        return (row if row["id"] is not None else None), fingerprint
