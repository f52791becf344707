"""One pass over the sources with Scrapy, on the asyncio reactor that the caller runs."""

from scrapy.crawler import AsyncCrawlerRunner

from store import Store

from .errors import Transient
from .pipeline import Outcome, record
from .settings import scrapy_settings
from .spider import PolicySpider


async def crawl(sources: list[dict], store: Store, crawl_config: dict | None = None,
                on_outcome=None) -> list[Outcome]:
    """Fetch every source once, record what came back, and return one outcome per source,
    in the order of `sources`. `on_outcome(outcome)` is called as each one is recorded."""
    outcomes: dict[str, Outcome] = {}

    def on_page(page) -> None:
        outcome = record(store, page)
        outcomes[outcome.source] = outcome
        if on_outcome:
            on_outcome(outcome)

    store.sync_sources(sources)
    conditional = {s["id"]: store.latest_snapshot(s["id"]) for s in sources}
    runner = AsyncCrawlerRunner(scrapy_settings(crawl_config or {}))
    await runner.crawl(PolicySpider, sources=sources, conditional=conditional, on_page=on_page)
    result = []
    for source in sources:
        if source["id"] not in outcomes:  # the crawl ended before this source was fetched
            page_failure = Transient("not fetched: the crawl stopped first")
            outcomes[source["id"]] = Outcome(source["id"], "failed", page_failure.reason, "transient")
        result.append(outcomes[source["id"]])
    return result
