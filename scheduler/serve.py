"""`[serve] enabled = true`: the daemon also serves the feeds and change pages, in its process,
so that a feed reader can subscribe to a running daemon.

The server is the notifier's (`policywatch serve`), run in a thread: it reads files and opens
its own database connection per request, and never touches the daemon's loop.
"""

import logging
import threading

import notifier

from .lock import DaemonError

# The [serve] table: key -> (type, default).
CONFIG = {
    "enabled": (bool, False),
    "host": (str, "127.0.0.1"),  # loopback by default: the server is read-only, not public
    "port": (int, 8080),
}

log = logging.getLogger("policywatch.daemon")


class Running:
    """A server in its thread; `close()` stops it."""

    def __init__(self, server):
        self.server = server
        self.thread = threading.Thread(target=server.serve_forever, name="policywatch-serve", daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class ServeError(DaemonError):
    """The daemon cannot serve on the configured address."""


def start(store, config) -> Running | None:
    """Serve the feed folder and /changes/<id> when [serve] is enabled. The feeds are written
    first, as `policywatch serve` does: a reader subscribing before the first crawl gets an
    up-to-date (maybe empty) feed, not a 404. Raises ServeError when the port is taken."""
    settings = config.serve
    if not settings["enabled"]:
        return None
    notify = notifier.with_paths(config.notify, config.path.parent) if config.path else config.notify
    feed = notify["feed"]  # the loader filled in [notify.feed]'s defaults
    feed_dir = feed["dir"]
    try:
        server = notifier.make_server(feed_dir, store.path, settings["host"], settings["port"])
    except OSError as e:
        raise ServeError(f"[serve] cannot listen on {settings['host']}:{settings['port']}: "
                         f"{e.strerror or e}") from None
    notifier.write_feeds(store, feed_dir, feed["base_url"], feed["limit"])
    if not feed["enabled"]:
        log.warning("serve: [notify.feed] is not enabled: the feeds are written now but not after crawls")
    log.info("serve: feeds at http://%s:%s/", settings["host"], server.server_address[1],
             extra={"fields": {"event": "serve", "host": settings["host"], "port": server.server_address[1]}})
    return Running(server)
