"""Helpers for the notifier's tests: change sets recorded in a real SQLite store, without a crawl."""

import socket

import differ
from store import Store

POLICY = """# Acme Privacy Policy

## What we collect

We collect your name and e-mail address.

## How we share information

We do not sell your personal information.
"""


def source(sid="acme-privacy", name="Acme Privacy Policy", url="https://acme.example/privacy"):
    return {"id": sid, "name": name, "url": url}


def record_change(store: Store, src: dict, old: str, new: str, at: str = "2026-03-01T08:00:00.000000Z",
                  significance: str | None = None) -> int:
    """Record `old` (if the source has no version yet) then `new` as versions, and their change set."""
    store.sync_sources([src])
    with store.atomic():
        current = store.current_version(src["id"])
        if current is None:
            snap, _ = store.add_snapshot(src["id"], old.encode(), fetched_at=at, url=src["url"])
            current = {"id": store.add_version(src["id"], snap, old, at, "test"), "markdown": old}
        snap, _ = store.add_snapshot(src["id"], new.encode(), fetched_at=at, url=src["url"])
        version = store.add_version(src["id"], snap, new, at, "test")
        changes = differ.compare(current["markdown"], new)
        if significance:
            for c in changes.changes:
                c.significance = significance
        return store.add_change_set(src["id"], current["id"], version, changes, at)


def record_fetch(store: Store, src: dict, outcome: str, reason: str | None = None):
    store.sync_sources([src])
    with store.atomic():
        store.add_fetch(source_id=src["id"], started_at="2026-03-01T08:00:00Z", url=src["url"],
                        outcome=outcome, error_class="transient" if outcome == "failed" else None,
                        reason=reason)


def free_port() -> int:
    """A port nothing listens on right now (aiosmtpd's Controller cannot take port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
