"""One pass over the sources with Scrapy, on the asyncio reactor that the caller runs."""

import asyncio
import sqlite3

from scrapy.crawler import AsyncCrawlerRunner

from store import Store, StoreError

from .errors import Transient
from .pipeline import Outcome, record, record_bug
from .browser import apply_browser_settings
from .settings import import_http_handler, scrapy_settings, with_defaults
from .spider import PolicySpider


class Stopper:
    """Stops a crawl in progress from outside it (the daemon on SIGTERM):

        stopper = Stopper()
        task = asyncio.ensure_future(crawl(sources, store, config, stopper=stopper))
        stopper.stop()   # no new requests; those in flight finish and are recorded
        await task
    """

    def __init__(self):
        self.stopped = False
        self._event = asyncio.Event()
        self._runners: set[AsyncCrawlerRunner] = set()

    def stop(self) -> None:
        self.stopped = True
        self._event.set()
        for runner in self._runners:
            asyncio.ensure_future(runner.stop())

    async def sleep(self, seconds: float) -> None:
        """Wait, unless stopped first."""
        try:
            await asyncio.wait_for(self._event.wait(), seconds)
        except asyncio.TimeoutError:
            pass


async def crawl(sources: list[dict], store: Store, crawl_config: dict | None = None,
                on_outcome=None, *, retry: bool = True, stopper: Stopper | None = None) -> list[Outcome]:
    """Fetch every source once, record what came back, and return one outcome per source,
    in the order of `sources`. `on_outcome(outcome)` is called as each one is final.

    Transient failures (network, timeout, 5xx) are fetched once more at the end of the run
    when `retry`: the first failure stays recorded as a fetch row, and only the retry's outcome
    is reported and returned."""
    stopper = stopper or Stopper()
    # A source named twice (`--source a --source a`) is fetched once.
    sources = list({source["id"]: source for source in sources}.values())
    store.sync_sources(sources)
    held: list[Outcome] = []

    def first_pass(outcome: Outcome) -> None:
        if retry and outcome.error_class == "transient":
            held.append(outcome)  # reported after the retry
        elif on_outcome:
            on_outcome(outcome)

    outcomes = await _pass(sources, store, crawl_config, first_pass, stopper)
    if held and not stopper.stopped:
        # Honour the longest Retry-After asked for, up to a cap: a server may ask for hours.
        wait = min(max((o.retry_after or 0) for o in held), with_defaults(crawl_config)["max_retry_wait"])
        if wait > 0:
            await stopper.sleep(wait)
    if held and not stopper.stopped:
        again = {o.source for o in held}
        retried = await _pass([s for s in sources if s["id"] in again], store, crawl_config,
                              on_outcome, stopper)
        outcomes.update({o.source: o for o in retried.values() if o.source in again})
        held = [o for o in held if o.source not in retried]
    for outcome in held:  # stopped before the retry: the first failure is final
        if on_outcome:
            on_outcome(outcome)
    result = []
    for source in sources:
        if source["id"] not in outcomes:  # the crawl ended before this source was fetched
            page_failure = Transient("not fetched: the crawl stopped first")
            outcomes[source["id"]] = Outcome(source["id"], "failed", page_failure.reason, "transient")
        result.append(outcomes[source["id"]])
    return result


async def _pass(sources: list[dict], store: Store, crawl_config: dict | None, on_outcome,
                stopper: Stopper) -> dict[str, Outcome]:
    """One Scrapy crawl of these sources: {source id: outcome} of those recorded."""
    outcomes: dict[str, Outcome] = {}
    fatal: list[Exception] = []
    if stopper.stopped:
        return outcomes

    def on_page(page) -> None:
        if fatal:
            return
        try:
            outcome = _record(store, page)
        except (sqlite3.Error, StoreError) as e:
            # The fetch's transaction was rolled back: nothing half-written. Without a working
            # (or a sound: a snapshot that does not decode) database there is no point fetching
            # the rest.
            fatal.append(e)
            stopper.stop()
            return
        outcomes[outcome.source] = outcome
        if on_outcome:
            on_outcome(outcome)

    conditional = store.latest_snapshots([s["id"] for s in sources])
    settings = apply_browser_settings(scrapy_settings(crawl_config or {}), crawl_config or {}, sources)
    import_http_handler()
    runner = AsyncCrawlerRunner(settings)
    stopper._runners.add(runner)
    try:
        await runner.crawl(PolicySpider, sources=sources, conditional=conditional, on_page=on_page,
                           state=store.fetch_state([s["id"] for s in sources]),
                           fingerprints=store.text_fingerprints([s["id"] for s in sources]),
                           crawl_config=crawl_config or {})
    finally:
        stopper._runners.discard(runner)
    if fatal:
        raise StoreError(f"database error in {store.path}: {fatal[0]}; the run stopped, nothing half-written")
    return outcomes


def _record(store: Store, page) -> Outcome:
    """`record`, and a bug of ours on one page (met here or in the spider) recorded as that
    page's failure; the run goes on with the others. (Raised, it would only reach Scrapy, which
    drops the page without a word.) Database errors are raised."""
    if page.bug is not None:
        return record_bug(store, page, page.bug)
    try:
        return record(store, page)
    except (sqlite3.Error, StoreError):
        raise
    except Exception as bug:
        return record_bug(store, page, bug)
