"""From a fetched page to what is stored: fetch, snapshot, version and change set.

Each page is recorded in one transaction. A failure is a fetch row with its class and reason:
never a version, never a "policy deleted" change; the previous version stays current.
"""

from dataclasses import dataclass

import differ
from store import Store

from .decode import decode
from .errors import Broken, FetchFailure
from .extract import EXTRACTOR_VERSION, extract
from .spider import Page


@dataclass
class Outcome:
    """What one fetch of one source came to, as `policywatch crawl` prints it."""

    source: str
    status: str  # new | unchanged | changed | failed
    detail: str = ""  # the change summary, or the failure reason
    error_class: str | None = None

    def line(self) -> str:
        return f"{self.status}: {self.detail}" if self.status in ("changed", "failed") else self.status


def record(store: Store, page: Page) -> Outcome:
    """Store one fetched page and say what it came to."""
    source_id = page.source["id"]
    fetch = {
        "source_id": source_id, "started_at": page.started_at, "finished_at": page.finished_at,
        "url": page.url, "final_url": page.final_url or None, "status": page.status,
    }
    with store.atomic():
        if page.failure:
            return _failed(store, fetch, page.failure)
        if page.status == 304:
            store.add_fetch(**fetch, outcome="unchanged", reason="304 not modified")
            return Outcome(source_id, "unchanged")
        latest = store.latest_snapshot(source_id)
        snapshot_id, _ = store.add_snapshot(
            source_id, page.body, fetched_at=page.finished_at, url=page.final_url,
            status=page.status, content_type=page.headers.get("content-type"),
            etag=page.headers.get("etag"), last_modified=page.headers.get("last-modified"),
        )
        fetch["snapshot_id"] = snapshot_id
        if latest and latest["id"] == snapshot_id:
            # The same bytes as last time: nothing to extract.
            store.add_fetch(**fetch, outcome="unchanged", reason="same bytes")
            return Outcome(source_id, "unchanged")
        try:
            markdown = _extract(page)
        except FetchFailure as failure:
            return _failed(store, fetch, failure)
        return _new_text(store, fetch, page, markdown)


def _extract(page: Page) -> str:
    content_type = page.headers.get("content-type", "")
    body = page.body
    if not content_type or content_type.startswith("text/") or "html" in content_type:
        body = decode(body, content_type)
    try:
        return extract(
            body, url=page.final_url, select=page.source.get("select"),
            remove=page.source.get("remove"),
        )
    except RecursionError:
        raise Broken("the page is nested too deeply to extract") from None


def _new_text(store: Store, fetch: dict, page: Page, markdown: str) -> Outcome:
    source_id = fetch["source_id"]
    current = store.current_version(source_id)
    if current is None:
        version_id = store.add_version(
            source_id, fetch["snapshot_id"], markdown, page.finished_at, EXTRACTOR_VERSION
        )
        store.add_fetch(**fetch, outcome="new", version_id=version_id)
        return Outcome(source_id, "new")
    changes = differ.compare(current["markdown"], markdown)
    if not changes:
        # New bytes, same policy text: page noise (nonces, timestamps, banners).
        store.add_fetch(**fetch, outcome="unchanged", reason="same text")
        return Outcome(source_id, "unchanged")
    version_id = store.add_version(
        source_id, fetch["snapshot_id"], markdown, page.finished_at, EXTRACTOR_VERSION
    )
    store.add_change_set(source_id, current["id"], version_id, changes, page.finished_at)
    store.add_fetch(**fetch, outcome="changed", version_id=version_id)
    return Outcome(source_id, "changed", changes.summary())


def _failed(store: Store, fetch: dict, failure: FetchFailure) -> Outcome:
    store.add_fetch(**fetch, outcome="failed", error_class=failure.error_class, reason=failure.reason)
    return Outcome(fetch["source_id"], "failed", failure.reason, failure.error_class)


class RecordPipeline:
    """The Scrapy item pipeline: records each page as it arrives, through the spider's recorder."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        self.crawler.spider.on_page(item)
        return item
