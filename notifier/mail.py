"""Digests as multipart e-mail (plain text + HTML), sent over SMTP with the standard library.
Each function takes the [notify.email] table with every key (`notifier.with_defaults`)."""

import os
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from .digest import Digest, one_line
from .errors import NotConfigured, SendFailed
from .render import digest_html, digest_text


def build_message(digest: Digest, email_config: dict) -> EmailMessage:
    return _message(email_config, digest.subject(), digest_text(digest), digest_html(digest),
                    digest.message_id)


def test_message(email_config: dict) -> EmailMessage:
    text = "This is a test message from policywatch: e-mail notifications work.\n"
    return _message(email_config, "policywatch: test message", text,
                    f"<!DOCTYPE html><html><body><p>{text.strip()}</p></body></html>", make_msgid("test"))


def _message(email_config: dict, subject: str, text: str, html: str, message_id: str) -> EmailMessage:
    if not email_config["to"]:
        raise NotConfigured("[notify.email] to: no recipients")
    msg = EmailMessage()
    # Header values built from page text go through one_line(): a line break in a source name
    # must not start a new header (email also refuses it, but with a less useful error).
    msg["Subject"] = one_line(subject)
    msg["From"] = one_line(email_config["from"])
    msg["To"] = ", ".join(one_line(a) for a in email_config["to"])
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


def send(msg: EmailMessage, email_config: dict) -> None:
    """Send over SMTP as configured: STARTTLS, implicit TLS or none; login when a username is set
    (the password from the environment variable named by `password_env`)."""
    host, port = email_config["smtp_host"], email_config["smtp_port"]
    security = email_config["security"]
    password = None
    if email_config["username"]:
        password = os.environ.get(email_config["password_env"])
        if password is None:
            raise NotConfigured(f"[notify.email] username is set but the environment variable "
                                f"{email_config['password_env']} (password_env) is not")
    context = ssl.create_default_context(cafile=email_config["ca_file"] or None)
    timeout = email_config["timeout"]
    try:
        if security == "tls":
            smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
        with smtp:
            if security == "starttls":
                smtp.starttls(context=context)
            if password is not None:
                smtp.login(email_config["username"], password)
            smtp.send_message(msg, from_addr=_address(email_config["from"]),
                              to_addrs=list(email_config["to"]))
    except (smtplib.SMTPException, OSError, socket.timeout) as e:
        raise SendFailed(f"SMTP {host}:{port}: {_reason(e)}") from e


def _address(value: str) -> str:
    from email.utils import parseaddr

    return parseaddr(value)[1] or value


def _reason(e: Exception) -> str:
    if isinstance(e, smtplib.SMTPResponseException):
        detail = e.smtp_error.decode(errors="replace") if isinstance(e.smtp_error, bytes) else e.smtp_error
        return f"{e.smtp_code} {detail}"
    return str(e) or type(e).__name__
