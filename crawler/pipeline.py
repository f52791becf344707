"""From a fetched page to what is stored: fetch, snapshot, version and change set.

Each page is recorded in one transaction. A failure is a fetch row with its class and reason:
never a version, never a "policy deleted" change; the previous version stays current.
"""

import logging
from dataclasses import dataclass

import differ
from store import Store, sha256
from store import now as store_now

from .errors import Blocked, Broken, FetchFailure, Transient, bug_failure
from .extract import EXTRACTOR_VERSION, Extraction, check_shrink, extract_page
from .spider import Page

log = logging.getLogger("policywatch.crawl")

# A new text shorter than this share of the current one is a broken page, not a new policy.
MIN_TEXT_RATIO = 0.5
# A new text equal to one of the last this-many versions is a revert (A→B→A), not news.
FLAPPING_WINDOW = 3
_FAILURES = {"transient": Transient, "blocked": Blocked, "broken": Broken}


@dataclass
class Outcome:
    """What one fetch of one source came to, as `policywatch crawl` prints it."""

    source: str
    status: str  # new | unchanged | changed | failed
    detail: str = ""  # the change summary, or the failure reason
    error_class: str | None = None
    retry_after: float | None = None  # a transient failure's Retry-After, in seconds

    def line(self) -> str:
        return f"{self.status}: {self.detail}" if self.status in ("changed", "failed") else self.status


def record(store: Store, page: Page) -> Outcome:
    """Store one fetched page and say what it came to."""
    source_id = page.source["id"]
    fetch = _fetch_row(page)
    with store.atomic():
        if page.failure:
            return _failed(store, fetch, page.failure)
        # Read now, inside the transaction, not at the start of the pass: another process (a cron
        # crawl beside the daemon) or the same source listed twice may have recorded it since.
        latest, known = store.recording_state(source_id)
        if page.status == 304:
            # Not modified since the latest snapshot: the same outcome as last time.
            return _same_as_before(store, fetch, latest and latest["id"], "304 not modified")
        snapshot_id = _add_snapshot(store, page)
        fetch["snapshot_id"] = snapshot_id
        if latest and latest["id"] == snapshot_id:
            # The same bytes as last time: nothing to extract.
            return _same_as_before(store, fetch, snapshot_id, "same bytes")
        try:
            extraction = _extract(page, known)
        except FetchFailure as failure:
            return _failed(store, fetch, failure)
        return _new_text(store, fetch, page, extraction)


def record_bug(store: Store, page: Page, error: Exception) -> Outcome:
    """A page that the spider or `record` raised on with an error of policywatch's own (a bug,
    not the page's failure nor the database's): its traceback logged for a report, and a failed
    fetch that names the error, so that the source is not left silently unrecorded and the rest
    of the run goes on. `record`'s transaction was rolled back and its body is not stored: a snapshot no fetch points to would stand for the source's
    latest one where the store takes the newest row (a first page, `prune`), and a fetch that
    points to it would be replayed as "same bytes" after the bug is fixed. The page is still on
    its server: the next crawl fetches it afresh."""
    log.error("policywatch failed on the page of source %r (%s)", page.source["id"], page.url,
              exc_info=error)
    with store.atomic():
        return _failed(store, _fetch_row(page), bug_failure(error))


def _add_snapshot(store: Store, page: Page) -> int:
    snapshot_id, _ = store.add_snapshot(
        page.source["id"], page.body, fetched_at=page.finished_at, url=page.final_url,
        status=page.status, content_type=page.headers.get("content-type"),
        etag=page.headers.get("etag"), last_modified=page.headers.get("last-modified"),
        fetcher=page.fetcher,
    )
    return snapshot_id


def _fetch_row(page: Page) -> dict:
    return {
        "source_id": page.source["id"], "started_at": page.started_at, "finished_at": page.finished_at,
        "url": page.url, "final_url": page.final_url or None, "status": page.status,
        "fetcher": page.fetcher, "escalated": page.escalated,
    }


def _same_as_before(store: Store, fetch: dict, snapshot_id: int | None, reason: str) -> Outcome:
    """Bytes we have seen: they come to what they came to last time (a broken page stays broken)."""
    fetch["snapshot_id"] = snapshot_id
    last = store.last_fetch_of(fetch["source_id"], snapshot_id) if snapshot_id else None
    if last and last["outcome"] == "failed":
        return _failed(store, fetch, _FAILURES[last["error_class"]](last["reason"]))
    store.add_fetch(**fetch, outcome="unchanged", reason=reason)
    return Outcome(fetch["source_id"], "unchanged")


def extract_source(source: dict, body: bytes, content_type: str | None, url: str,
                   known: str | None = None) -> Extraction:
    """The Markdown of a page body by the source's rules (also used to re-extract snapshots),
    with its fingerprint; no Markdown when the fingerprint is `known` (see `extract_page`)."""
    try:
        return extract_page(
            body, url=url, content_type=content_type, select=source.get("select"),
            remove=source.get("remove"), ignore=source.get("ignore"),
            tracking_params=source.get("tracking_params"), known=known,
        )
    except RecursionError:
        raise Broken("the page is nested too deeply to extract") from None


def _extract(page: Page, known: str | None) -> Extraction:
    extraction = page.extraction  # the spider extracted it to decide on the browser
    if extraction is not None and (extraction.markdown is not None or extraction.fingerprint == known):
        return extraction
    return extract_source(page.source, page.body, page.headers.get("content-type"), page.final_url, known)


def _new_text(store: Store, fetch: dict, page: Page, extraction: Extraction) -> Outcome:
    source_id = fetch["source_id"]
    if extraction.markdown is None:
        # The fingerprint of the current version's text: the same text, not even written out.
        return _same_text(store, fetch)
    markdown = extraction.markdown
    current = store.current_version(source_id)
    if current is None:
        version_id = store.add_version(
            source_id, fetch["snapshot_id"], markdown, page.finished_at, EXTRACTOR_VERSION
        )
        store.set_text_fingerprint(source_id, version_id, extraction.fingerprint)
        store.add_fetch(**fetch, outcome="new", version_id=version_id)
        return Outcome(source_id, "new")
    # New bytes, same policy text: page noise (nonces, timestamps, banners). The string test
    # first: it spares segmenting the text just to learn that nothing changed.
    changes = None
    if markdown != current["markdown"]:
        # Each text is segmented once: the new clauses serve the diff and the clause index, the
        # current version's come from that index.
        clauses = differ.segment(markdown)
        changes = differ.compare_clauses(store.version_clauses(current), clauses)
    if not changes:
        # This page's fingerprint stands for the current text from now on.
        store.set_text_fingerprint(source_id, current["id"], extraction.fingerprint)
        return _same_text(store, fetch)
    try:
        check_shrink(markdown, current["markdown"], page.source.get("min_text_ratio", MIN_TEXT_RATIO))
    except FetchFailure as failure:
        return _failed(store, fetch, failure)
    # A/B variants and flaky servers alternate between texts: a return to a recent text is
    # recorded as a revert, flagged, and not announced again.
    recent = store.recent_versions(source_id, page.source.get("flapping_window", FLAPPING_WINDOW) + 1)[1:]
    reverted_to = next((v["id"] for v in recent if v["sha256"] == sha256(markdown)), None)
    flapping = reverted_to is not None
    version_id = store.add_version(
        source_id, fetch["snapshot_id"], markdown, page.finished_at, EXTRACTOR_VERSION,
        flapping=flapping, clauses=clauses,
    )
    store.add_change_set(source_id, current["id"], version_id, changes, page.finished_at, flapping=flapping)
    store.set_text_fingerprint(source_id, version_id, extraction.fingerprint)
    store.add_fetch(**fetch, outcome="changed", version_id=version_id,
                    reason=f"revert to version {reverted_to} (flapping)" if flapping else None)
    detail = changes.summary()
    if flapping:
        detail += f" (revert to version {reverted_to}: flapping, not announced)"
    return Outcome(source_id, "changed", detail)


def _same_text(store: Store, fetch: dict) -> Outcome:
    store.add_fetch(**fetch, outcome="unchanged", reason="same text")
    return Outcome(fetch["source_id"], "unchanged")


def _failed(store: Store, fetch: dict, failure: FetchFailure) -> Outcome:
    store.add_fetch(**fetch, outcome="failed", error_class=failure.error_class, reason=failure.reason)
    return Outcome(fetch["source_id"], "failed", failure.reason, failure.error_class,
                   getattr(failure, "retry_after", None))


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


def reextract(store: Store, source: dict) -> Outcome:
    """Re-extract the source's latest good snapshot with today's rules and extractor. A text
    that differs is recorded as a technical version (and change set): never announced, since
    the vendor changed nothing."""
    source_id = source["id"]
    snapshot = store.latest_good_snapshot(source_id)
    current = store.current_version(source_id)
    if snapshot is None or current is None:
        return Outcome(source_id, "unchanged", "nothing fetched yet")
    body = store.snapshot_body(snapshot["id"])
    try:
        markdown = extract_source(source, body, snapshot["content_type"], snapshot["url"]).markdown
    except FetchFailure as failure:
        return Outcome(source_id, "failed", failure.reason, failure.error_class)
    clauses = differ.segment(markdown)
    changes = differ.compare_clauses(store.version_clauses(current), clauses)
    if not changes:
        return Outcome(source_id, "unchanged")
    now = store_now()
    with store.atomic():
        version_id = store.add_version(source_id, snapshot["id"], markdown, now, EXTRACTOR_VERSION,
                                       technical=True, clauses=clauses)
        store.add_change_set(source_id, current["id"], version_id, changes, now, technical=True)
    return Outcome(source_id, "changed", changes.summary() + " (technical: not announced)")
