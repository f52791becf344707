"""Digests of what changed: e-mail over SMTP, Atom/RSS feeds, and a small read-only server.

    import notifier
    notifier.deliver_pending(store, config.notify, "email")   # claim, send, record; once each
    notifier.write_feeds(store, "feeds", "http://localhost:8080")
    server = notifier.make_server("feeds", "policywatch.db", "127.0.0.1", 8080)

Imports store and differ (record types) only.
"""

from .deliver import CHANNELS, Delivery, after_crawl, channel_config, deliver_pending, pending, send_test
from .digest import Digest, message_id, update_failure_notices
from .errors import FeedError, NotConfigured, NotifyError, SendFailed
from .feed import entry_ids, write_feeds
from .render import digest_html, digest_text
from .server import make_server
from .settings import CONFIG, with_defaults, with_paths

__all__ = [
    "CHANNELS", "CONFIG", "Delivery", "Digest", "FeedError", "NotConfigured", "NotifyError",
    "SendFailed", "after_crawl", "channel_config", "deliver_pending", "digest_html", "digest_text",
    "entry_ids", "make_server", "message_id", "pending", "send_test", "update_failure_notices",
    "with_defaults", "with_paths", "write_feeds",
]
