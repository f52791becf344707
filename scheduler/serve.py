"""`[serve] enabled = true`: the daemon also serves the feeds and change pages, in its process,
so that a feed reader can subscribe to a running daemon.

The server is the notifier's (`policywatch serve`), run in a thread: it reads files and opens
its own database connection per request, and never touches the daemon's loop.
"""

import logging
import threading

import notifier

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


def start(store, config) -> Running | None:
    """Serve the feed folder and /changes/<id> when [serve] is enabled."""
    settings = config.serve
    if not settings.get("enabled"):
        return None
    notify = notifier.with_paths(config.notify, config.path.parent) if config.path else config.notify
    feed_dir = (notify.get("feed") or {}).get("dir") or "feeds"
    server = notifier.make_server(feed_dir, store.path, settings["host"], settings["port"])
    log.info("serve: feeds at http://%s:%s/", settings["host"], server.server_address[1],
             extra={"fields": {"event": "serve", "host": settings["host"], "port": server.server_address[1]}})
    return Running(server)
