"""One pass over the sources: the orchestration used by `policywatch crawl` and by the daemon."""

import crawler
from store import Store


async def run_once(sources: list[dict], store: Store, crawl_config: dict, on_outcome=None,
                   stopper: crawler.Stopper | None = None):
    """Crawl the sources once (transient failures once more at the end), record everything,
    and return one outcome per source. `stopper.stop()` ends the run early (SIGTERM)."""
    return await crawler.crawl(sources, store, crawl_config, on_outcome=on_outcome, stopper=stopper)
