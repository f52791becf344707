"""Helpers for the notifier's tests: change sets recorded in a real SQLite store, without a
crawl, and a real SMTP server on loopback (plain or TLS) to send them to."""

import datetime
import email
import email.policy
import ipaddress
import json
import socket
import ssl
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

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


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.received: list[dict] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos),
                              "message": email.message_from_bytes(envelope.content, policy=email.policy.default)})
        return "250 OK"

    @property
    def messages(self):
        return [r["message"] for r in self.received]


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def email_config(port: int, **overrides) -> dict:
    """A [notify] table as config.py would return it, with e-mail to 127.0.0.1:port."""
    from scheduler.config import parse

    notify = parse("[notify.email]\nenabled = true\n").notify
    notify["email"].update({
        "smtp_host": "127.0.0.1", "smtp_port": port, "security": "none", "timeout": 5.0,
        "from": "policywatch <policywatch@example.org>",
        "to": ["privacy-team@example.org", "dpo@example.org"], **overrides,
    })
    return notify


@contextmanager
def smtp_server(port: int | None = None, **options):
    """A real SMTP server (aiosmtpd) on 127.0.0.1, on `port` or a free one, stopped on leaving
    the block; `server.inbox` keeps what it received. `options` go to aiosmtpd's Controller
    (TLS, AUTH)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port(), **options)
    controller.start()
    controller.inbox = inbox
    try:
        yield controller
    finally:
        controller.stop()


def server_tls(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """A self-signed certificate for 127.0.0.1 (written in `folder`) and a server TLS context
    that presents it."""
    cert, key = self_signed_cert(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


def email_table(port: int, schedule: str | None = None) -> str:
    """A [notify.email] table (TOML) that sends to 127.0.0.1:port without TLS."""
    return f"""
[notify.email]
enabled = true
smtp_host = "127.0.0.1"
smtp_port = {port}
security = "none"
from = "policywatch <policywatch@example.org>"
to = ["privacy-team@example.org"]
""" + (f"schedule = {json.dumps(schedule)}\n" if schedule else "") + "timeout = 5\n"


def http_get(url: str, **headers) -> tuple[int, dict, bytes]:
    """GET `url` with these headers: (status, headers, body), an error status included."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
