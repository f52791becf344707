"""Digests of what changed: e-mail over SMTP, Atom/RSS feeds, and a small read-only server.

    import notifier
    notifier.deliver_pending(store, config.notify, "email")   # claim, send, record; once each
    notifier.write_feeds(store, "feeds", "http://localhost:8080")
    server = notifier.make_server("feeds", "policywatch.db", "127.0.0.1", 8080)

Imports store and differ (record types) only.
"""

from .errors import FeedError, NotConfigured, NotifyError, SendFailed
from .settings import CONFIG, with_defaults, with_paths

# The rest is imported when first used (PEP 562): `policywatch crawl` reads CONFIG and calls
# after_crawl, and loading the feed, mail, render and server code with it (xml.etree, smtplib)
# cost each crawl ~4 ms of its start-up (python -X importtime).
_LAZY = {
    "deliver": ("CHANNELS", "Delivery", "after_crawl", "channel_config", "deliver_pending", "pending",
                "send_test"),
    "digest": ("Digest", "message_id", "update_failure_notices"),
    "feed": ("entry_ids", "write_feeds"),
    "render": ("digest_html", "digest_text"),
    "server": ("make_server",),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name):
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'notifier' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
    globals()[name] = value  # found as a plain attribute from now on
    return value


def __dir__():
    return sorted(set(globals()) | set(_MODULE_OF))


# The names imported above, and every one imported when first used.
__all__ = sorted(["CONFIG", "FeedError", "NotConfigured", "NotifyError", "SendFailed", "with_defaults",
                  "with_paths", *_MODULE_OF])
