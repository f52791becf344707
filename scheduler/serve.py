"""`[serve] enabled = true`: the daemon also serves the feeds and change pages, in its process.

The server itself belongs to `notifier/` (issue 5); the daemon only starts it, when the notifier
of this build offers `notifier.serve(store, serve_config)`.
"""

import inspect
import logging

import notifier

# The [serve] table: key -> (type, default).
CONFIG = {
    "enabled": (bool, False),
    "host": (str, "127.0.0.1"),
    "port": (int, 8080),
}

log = logging.getLogger("policywatch.daemon")


async def start(store, serve_config: dict):
    """Start the notifier's server on the running loop when enabled; what it returns, or None."""
    if not serve_config.get("enabled"):
        return None
    serve = getattr(notifier, "serve", None)
    if serve is None:  # HOOK (issue 5): notifier.serve(store, serve_config)
        log.warning("serve: [serve] enabled, but this build's notifier has no serve(); not serving")
        return None
    server = serve(store, serve_config)
    if inspect.isawaitable(server):
        server = await server
    log.info("serve: feeds at http://%s:%s/", serve_config["host"], serve_config["port"])
    return server
