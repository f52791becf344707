"""Delivering digests through the outbox: claim, send, then record.

    claim    the undelivered items become one pending digest (its Message-ID derived from them)
    send     e-mail over SMTP, or the feed files rewritten
    record   the digest is marked sent

A crash after `send` and before `record` leaves the digest pending: the next call sends the same
digest again, with the same Message-ID (at least once; a reader's mail client can tell). An SMTP
server that is down leaves it pending too, for the next call.
"""

from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path

from store import Store

from . import digest as digest_mod
from .digest import Digest
from .errors import NotConfigured, NotifyError, SendFailed
from .settings import with_defaults

CHANNELS = ("email", "feed")


@dataclass
class Delivery:
    """What one channel's delivery came to, after a crawl."""

    channel: str
    sent: list[Digest] = field(default_factory=list)
    error: str | None = None

    def line(self) -> str:
        if self.error:
            return f"failed: {self.error}"
        if self.channel == "feed":
            return f"written ({len(self.sent)} new digest{'s' if len(self.sent) != 1 else ''})"
        return f"sent {len(self.sent)} digest{'s' if len(self.sent) != 1 else ''}" if self.sent else "nothing to send"


def channel_config(notify_config: dict, channel: str) -> dict:
    """The channel's table, every key filled; NotConfigured unless it is enabled."""
    if channel not in CHANNELS:
        raise NotConfigured(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
    settings = with_defaults(notify_config)[channel]
    if not settings["enabled"]:
        raise NotConfigured(f"[notify.{channel}] is not enabled in the configuration")
    return settings


def _min_significance(notify_config: dict, channel: str) -> str:
    # Feeds carry every change set; cosmetic clauses are folded in any case.
    return notify_config[channel]["min_significance"] if channel == "email" else "minor"


def _base_url(notify_config: dict) -> str | None:
    return notify_config["feed"]["base_url"] or None


def _new_digest(store: Store, notify_config: dict, channel: str, since: str | None) -> Digest | None:
    """The digest the undelivered items would make, or None when there is nothing worth sending."""
    items = store.undelivered(channel, since)
    if channel == "feed":
        items["notice"] = []  # a feed has one entry per change set; failures go by e-mail
    if not items["change_set"] and not items["notice"]:
        return None
    domain = parseaddr(notify_config["email"]["from"])[1].rpartition("@")[2]
    new = digest_mod.build(store, channel, items, _min_significance(notify_config, channel),
                           _base_url(notify_config),
                           digest_mod.message_id(channel, items, domain or "policywatch"))
    if channel == "email" and not new.worth_sending():
        return None  # only cosmetic (or below min_significance): folded into the next digest
    return new


def pending(store: Store, notify_config: dict, channel: str, since: str | None = None,
            refresh_failures: bool = True) -> list[Digest]:
    """The digests a delivery would send now, without claiming or sending anything."""
    notify_config = with_defaults(notify_config)
    channel_config(notify_config, channel)
    if refresh_failures:
        digest_mod.update_failure_notices(store, notify_config["failures_after"])
    out = [_claimed(store, notify_config, channel, row) for row in store.digests(channel, "pending")]
    new = _new_digest(store, notify_config, channel, since)
    return out + ([new] if new else [])


def _claimed(store: Store, notify_config: dict, channel: str, row: dict) -> Digest:
    return digest_mod.build(store, channel, row["items"], _min_significance(notify_config, channel),
                            _base_url(notify_config), row["message_id"])


def deliver_pending(store: Store, notify_config: dict, channel: str, since: str | None = None,
                    after_send=None) -> list[Digest]:
    """Claim the undelivered items of `channel` as a digest and deliver every pending digest,
    oldest first; return those delivered. Raises SendFailed (the digests stay pending) when the
    SMTP server cannot take them. `after_send(digest)` runs between sending and recording (tests
    inject a crash there). Call it from the thread that opened `store`."""
    notify_config = with_defaults(notify_config)
    settings = channel_config(notify_config, channel)
    digest_mod.update_failure_notices(store, notify_config["failures_after"])
    with store.atomic():
        new = _new_digest(store, notify_config, channel, since)
        if new:
            store.claim_digest(channel, new.message_id, new.items)
    if channel == "feed":
        _write_feeds(store, settings)  # always: a fresh feed folder gets its (empty) feeds
    sent = []
    for row in store.digests(channel, "pending"):
        digest = _claimed(store, notify_config, channel, row)
        if channel == "email":
            from . import mail  # here, as feed below: a crawl without e-mail never loads smtplib

            try:
                mail.send(mail.build_message(digest, settings), settings)
            except NotifyError as e:
                store.record_attempt(row["id"], str(e))
                if not isinstance(e, SendFailed):
                    raise
                left = len(store.digests(channel, "pending"))
                raise SendFailed(f"{e} ({left} digest{'s' if left != 1 else ''} left pending)") from None
        if after_send:
            after_send(digest)
        store.record_attempt(row["id"], None)
        store.mark_sent(row["id"])
        sent.append(digest)
    return sent


def _write_feeds(store: Store, settings: dict) -> None:
    from . import feed  # here: after a crawl without feeds, xml.etree and the renderer stay unloaded

    feed.write_feeds(store, Path(settings["dir"]), settings["base_url"], settings["limit"])


def after_crawl(store: Store, notify_config: dict | None) -> list[Delivery]:
    """What `policywatch crawl` does after a run: write the feeds when [notify.feed] is enabled,
    send e-mail when [notify.email] schedule is "after-crawl". Never raises a NotifyError: a
    failed delivery is reported (and stays pending), the crawl is recorded anyway."""
    deliveries = []
    if not notify_config:
        return deliveries
    notify_config = with_defaults(notify_config)
    for channel in CHANNELS:
        settings = notify_config[channel]
        if not settings["enabled"]:
            continue
        if channel == "email" and settings["schedule"] != "after-crawl":
            continue
        try:
            deliveries.append(Delivery(channel, deliver_pending(store, notify_config, channel)))
        except NotifyError as e:
            deliveries.append(Delivery(channel, error=str(e)))
    return deliveries


def send_test(notify_config: dict) -> str:
    """Send a test message to the configured recipients; return its Message-ID."""
    settings = channel_config(notify_config, "email")
    from . import mail  # here: see deliver_pending

    msg = mail.test_message(settings)
    mail.send(msg, settings)
    return msg["Message-ID"]
