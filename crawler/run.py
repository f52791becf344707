"""One pass over the sources with Scrapy, on the asyncio reactor that the caller runs."""

import asyncio
import sqlite3

from scrapy.crawler import AsyncCrawlerRunner

from store import Store, StoreError

from .errors import Transient
from .pipeline import Outcome, record
from .browser import apply_browser_settings
from .settings import scrapy_settings
from .spider import PolicySpider


async def crawl(sources: list[dict], store: Store, crawl_config: dict | None = None,
                on_outcome=None) -> list[Outcome]:
    """Fetch every source once, record what came back, and return one outcome per source,
    in the order of `sources`. `on_outcome(outcome)` is called as each one is recorded."""
    outcomes: dict[str, Outcome] = {}
    fatal: list[Exception] = []

    def on_page(page) -> None:
        if fatal:
            return
        try:
            outcome = record(store, page)
        except sqlite3.Error as e:
            # The fetch's transaction was rolled back: nothing half-written. Without a working
            # database there is no point fetching the rest.
            fatal.append(e)
            asyncio.ensure_future(runner.stop())
            return
        outcomes[outcome.source] = outcome
        if on_outcome:
            on_outcome(outcome)

    store.sync_sources(sources)
    conditional = {s["id"]: store.latest_snapshot(s["id"]) for s in sources}
    settings = apply_browser_settings(scrapy_settings(crawl_config or {}), crawl_config or {}, sources)
    runner = AsyncCrawlerRunner(settings)
    await runner.crawl(PolicySpider, sources=sources, conditional=conditional, on_page=on_page,
                       state=store.fetch_state([s["id"] for s in sources]), crawl_config=crawl_config or {})
    if fatal:
        raise StoreError(f"database error in {store.path}: {fatal[0]}; the run stopped, nothing half-written")
    result = []
    for source in sources:
        if source["id"] not in outcomes:  # the crawl ended before this source was fetched
            page_failure = Transient("not fetched: the crawl stopped first")
            outcomes[source["id"]] = Outcome(source["id"], "failed", page_failure.reason, "transient")
        result.append(outcomes[source["id"]])
    return result
