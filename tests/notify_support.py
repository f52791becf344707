"""Helpers for the notifier's tests: change sets recorded in a real SQLite store, without a crawl."""

import datetime
import email
import email.policy
import ipaddress
import socket
from pathlib import Path

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
