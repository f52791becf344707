"""The notifier's commands, run as the real CLI in a child process: `crawl` with notification
after the run, `digest`, `test-notify`, `serve`."""

import json
import subprocess
import sys
import urllib.request

import feedparser

from conftest import ROOT, write_config
from notify_support import POLICY, email_table, free_port, record_change, source
from store import Store


def config_with(tmp_path, sources, smtp_port, schedule="after-crawl"):
    feed = f"""
[notify.feed]
enabled = true
dir = {json.dumps(str(tmp_path / "feeds"))}
base_url = "http://127.0.0.1:8080"
"""
    return write_config(tmp_path / "config.toml", sources, tmp_path / "pw.db",
                        tables=email_table(smtp_port, schedule) + feed)


def test_crawl_writes_the_feeds_and_mails_the_change_once_after_the_run(tmp_path, site, smtp, cli):
    url = site.copy("privacy.html")
    config = config_with(tmp_path, [{"id": "acme-privacy", "name": "Acme Privacy Policy", "url": url,
                                     "select": "#policy"}], smtp.port)
    first = cli("--config", str(config), "crawl").stdout
    assert "notify feed" in first and "notify email  nothing to send" in first
    assert feedparser.parse((tmp_path / "feeds" / "atom.xml").read_bytes()).entries == []
    site.edit("privacy.html", "We do not sell your personal information.",
              "We do not sell your personal information, except to our advertising partners.")
    second = cli("--config", str(config), "crawl").stdout
    assert "acme-privacy  changed: 1 modified, 0 added, 0 removed" in second
    assert "notify email  sent 1 digest" in second
    feed = feedparser.parse((tmp_path / "feeds" / "sources" / "acme-privacy" / "atom.xml").read_bytes())
    assert len(feed.entries) == 1 and "advertising partners</ins>" in feed.entries[0].content[0].value
    (msg,) = smtp.inbox.messages
    assert msg["Subject"] == "policywatch: Acme Privacy Policy: changes to sharing"  # issue 11: the headline
    assert "{+, except to our advertising partners+}" in msg.get_body(("plain",)).get_content()
    third = cli("--config", str(config), "crawl").stdout
    assert "notify email  nothing to send" in third
    assert len(smtp.inbox.messages) == 1


def test_digest_dry_run_prints_the_text_and_sends_nothing_then_digest_sends_once(tmp_path, smtp, cli):
    config = config_with(tmp_path, [], smtp.port, schedule="0 8 * * *")
    with Store(tmp_path / "pw.db") as store:
        record_change(store, source(), POLICY, POLICY.replace("name and", "name, bank account and"))
    dry = cli("--config", str(config), "digest", "--dry-run").stdout
    assert "Subject: policywatch: Acme Privacy Policy: now collects financial information" in dry  # issue 11
    assert "We collect your name{+, bank account+} and e-mail address." in dry
    assert smtp.inbox.messages == []
    sent = cli("--config", str(config), "digest").stdout
    assert sent.startswith("Sent <digest-") and len(smtp.inbox.messages) == 1
    assert cli("--config", str(config), "digest").stdout == "Nothing to deliver.\n"
    assert cli("--config", str(config), "digest", "--dry-run").stdout == "Nothing to deliver.\n"
    assert cli("--config", str(config), "digest", "--since", "1d", "--channel", "feed").stdout.startswith(
        "Feeds written to")


def test_digest_with_the_smtp_server_down_exits_1_and_keeps_it_pending(tmp_path, cli):
    port = free_port()
    config = config_with(tmp_path, [], port)
    with Store(tmp_path / "pw.db") as store:
        record_change(store, source(), POLICY, POLICY.replace("name and", "name, bank account and"))
    proc = cli("--config", str(config), "digest", check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"Error: SMTP 127.0.0.1:{port}: ")
    assert "1 digest left pending" in proc.stderr
    with Store(tmp_path / "pw.db") as store:
        assert [d["status"] for d in store.digests("email")] == ["pending"]


def test_test_notify_sends_a_test_message(tmp_path, smtp, cli):
    config = config_with(tmp_path, [], smtp.port)
    out = cli("--config", str(config), "test-notify", "email").stdout
    assert out.startswith("Sent test message <") and "privacy-team@example.org" in out
    (msg,) = smtp.inbox.messages
    assert msg["Subject"] == "policywatch: test message"


def test_serve_serves_the_feeds_and_change_pages_on_loopback(tmp_path, cli):
    config = config_with(tmp_path, [], 1)
    with Store(tmp_path / "pw.db") as store:
        record_change(store, source(), POLICY, POLICY.replace("name and", "name, bank account and"))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(config), "serve", "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert f"at http://127.0.0.1:{port}/" in line, line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/rss.xml", timeout=5) as r:
            assert len(feedparser.parse(r.read()).entries) == 1
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/changes/1", timeout=5) as r:
            assert "bank account</ins>" in r.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()


def test_every_notify_command_has_an_example(cli):
    for command in ("digest", "test-notify", "serve"):
        assert "Example: policywatch " + command in cli(command, "--help").stdout
