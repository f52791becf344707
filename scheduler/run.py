"""One pass over the sources: the orchestration used by `policywatch crawl` and by the daemon."""

import crawler
from store import Store


async def run_once(sources: list[dict], store: Store, crawl_config: dict, on_outcome=None):
    """Crawl the sources once, record everything, and return one outcome per source."""
    return await crawler.crawl(sources, store, crawl_config, on_outcome=on_outcome)
