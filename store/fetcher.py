"""Which fetcher got each page: Scrapy's plain HTTP download ('static') or headless Chromium
('browser'), and why a static fetch was not enough when the browser took over.

    snapshots.fetcher   'static' | 'browser' (null: recorded before this column existed)
    fetches.fetcher     the same, for every attempt
    fetches.escalated   why the static fetch of a `js = "auto"` source gave way to the
                        browser ("selector '#policy' matched nothing", "HTTP 403", ...)

An escalated fetch is one fetch row: the browser's result, with the static attempt's reason in
`escalated`. The static page itself is not kept: it holds no policy text, and as a snapshot
with a failed fetch it would read as a failure streak of a source that works.
"""

import json

from .bulk import LATEST
from .schema import migrations


@migrations(name="browser_001_fetcher")
def browser_001_fetcher(db):
    db["snapshots"].add_column("fetcher", str)
    db["fetches"].add_column("fetcher", str)
    db["fetches"].add_column("escalated", str)


class FetcherMixin:
    """Store methods about fetchers; `self.db` is the sqlite-utils Database."""

    def set_snapshot_fetcher(self, snapshot_id: int, fetcher: str) -> None:
        """Say which fetcher got a snapshot's bytes (the first one to get them keeps it)."""
        self.db.execute("update snapshots set fetcher = ? where id = ? and fetcher is null",
                        [fetcher, snapshot_id])

    def fetch_state(self, source_ids: list[str]) -> dict[str, dict]:
        """What the spider needs to decide on the browser, per source: the latest snapshot's
        sha256 and fetcher (the snapshot the pipeline compares with: `latest_snapshot`), and the
        sha256 of the current version's text."""
        # One query for all of them: two per source cost 30–120 ms per thousand sources, every run.
        rows = self.db.execute(
            f"with {LATEST} select latest.source_id, s.sha256, s.fetcher, v.sha256 from latest "
            "left join snapshots s on s.id = latest.snapshot_id "
            "left join versions v on v.id = (select max(y.id) from versions y where y.source_id = latest.source_id)",
            [json.dumps(list(source_ids))],
        )
        return {source_id: {"snapshot_sha256": snapshot_sha256, "fetcher": fetcher, "version_sha256": version_sha256}
                for source_id, snapshot_sha256, fetcher, version_sha256 in rows}
