"""One pass over the sources: the orchestration used by `policywatch crawl` and by the daemon."""

import crawler
import notifier
from store import Store


async def run_once(sources: list[dict], store: Store, crawl_config: dict, on_outcome=None,
                   notify_config: dict | None = None, on_delivery=None,
                   stopper: crawler.Stopper | None = None):
    """Crawl the sources once (transient failures once more at the end), record everything,
    deliver what is due after a crawl, and return one outcome per source. `stopper.stop()`
    ends the run early (SIGTERM)."""
    outcomes = await crawler.crawl(sources, store, crawl_config, on_outcome=on_outcome, stopper=stopper)

    # Notification: feeds when [notify.feed] is enabled, e-mail when its schedule is
    # "after-crawl". A failed delivery stays pending in the outbox; the crawl stands.
    for delivery in notifier.after_crawl(store, notify_config):
        if on_delivery:
            on_delivery(delivery)
    return outcomes
