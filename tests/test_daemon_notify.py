"""The daemon's notification, end to end: `[serve] enabled` serves the feeds and change pages
from the daemon's own process (read with feedparser while it runs), and digests reach a real
aiosmtpd server on loopback once per change, after the crawl or on a cron schedule."""

import json
import time

import feedparser

from conftest import rows, schedule_config
from notify_support import email_table, free_port, http_get

EDIT = ("We do not sell your personal information.",
        "We do not sell your personal information, except to our advertising partners.")


def get(url, **headers):
    try:
        return http_get(url, **headers)
    except OSError as e:  # not listening yet
        return None, {}, str(e).encode()


def daemon_config(tmp_path, sources, *, tables: str, schedule=None):
    return schedule_config(tmp_path / "config.toml", sources, tmp_path / "pw.db", tables=tables,
                           **({"schedule": schedule} if schedule else {}))


def test_serve_enabled_serves_the_feed_and_change_pages_from_the_running_daemon(site, tmp_path, daemons):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sources = [{"id": "acme-privacy", "name": "Acme Privacy Policy", "url": site.copy("privacy.html"),
                "select": "#policy"}]
    config = daemon_config(tmp_path, sources, tables=f"""
[notify.feed]
enabled = true
dir = "feeds"
base_url = "{base}"

[serve]
enabled = true
port = {port}
""")
    d = daemons(config, tmp_path)
    d.wait_for(lambda: d.events("serve"), what="the server")
    assert d.events("serve")[0]["port"] == port
    # The feed is there from the start (written before serving), empty: no 404 for a reader.
    status, _, body = get(f"{base}/atom.xml")
    assert status == 200, body
    feed = feedparser.parse(body)
    assert not feed.bozo and feed.version == "atom10" and feed.entries == []

    d.wait_for(lambda: d.fetched("acme-privacy") >= 1, what="the first pass")
    site.edit("privacy.html", *EDIT)
    d.wait_for(lambda: len(feedparser.parse(get(f"{base}/atom.xml")[2]).entries) == 1, timeout=20,
               what="the change in the served feed")
    status, headers, body = get(f"{base}/atom.xml")
    (entry,) = feedparser.parse(body).entries
    assert entry.title.startswith("Acme Privacy Policy: ")
    assert "advertising partners</ins>" in entry.content[0].value
    (change_set,) = rows(tmp_path / "pw.db", "select id from change_sets")
    assert entry.link == f"{base}/changes/{change_set['id']}"
    page_status, _, page = get(entry.link)
    assert page_status == 200 and b"advertising partners" in page
    # Conditional GET: the same ETag gives 304 with no body, passes after the change keep it.
    etag = headers["ETag"]
    d.wait_for(lambda: d.fetched("acme-privacy") >= 4, what="more passes with nothing new")
    status, headers, body = get(f"{base}/atom.xml", **{"If-None-Match": etag})
    assert (status, body) == (304, b"")
    status, _, _ = get(f"{base}/atom.xml", **{"If-None-Match": '"something-else"'})
    assert status == 200
    assert get(f"{base}/changes/999999")[0] == 404
    assert d.terminate()[0] == 0
    assert get(f"{base}/atom.xml")[0] is None  # the server stopped with the daemon


def test_a_taken_serve_port_stops_the_daemon_with_one_clear_error(site, tmp_path, cli):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = daemon_config(tmp_path, [{"id": "acme-terms", "url": site.copy("terms.html")}],
                               tables=f"\n[serve]\nenabled = true\nport = {port}\n")
        proc = cli("--config", str(config), "run", check=False)
    assert proc.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in proc.stderr and "Traceback" not in proc.stderr
    # Refused before anything was crawled, and the lock is free again.
    assert rows(tmp_path / "pw.db", "select count(*) as n from fetches") == [{"n": 0}]
    assert json.loads(cli("--config", str(config), "status", "--json").stdout)["daemon"] is None


def test_after_crawl_email_is_sent_once_per_change_and_never_when_nothing_changed(site, tmp_path, daemons, smtp):
    sources = [{"id": "acme-privacy", "name": "Acme Privacy Policy", "url": site.copy("privacy.html"),
                "select": "#policy"}]
    d = daemons(daemon_config(tmp_path, sources, tables=email_table(smtp.port, "after-crawl")), tmp_path)
    d.wait_for(lambda: d.fetched("acme-privacy") >= 3, what="three passes")
    assert smtp.inbox.messages == []  # the first version is not a change; nothing changed since
    site.edit("privacy.html", *EDIT)
    d.wait_for(lambda: smtp.inbox.messages, what="the digest")
    d.wait_for(lambda: d.fetched("acme-privacy") >= 7, what="more passes with nothing new")
    assert d.terminate()[0] == 0
    (msg,) = smtp.inbox.messages
    assert [(e["channel"], e["digests"]) for e in d.events("digest")] == [("email", 1)]
    assert "{+, except to our advertising partners+}" in msg.get_body(("plain",)).get_content()
    digests = rows(tmp_path / "pw.db", "select channel, status from digests")
    assert digests == [{"channel": "email", "status": "sent"}]


def test_a_cron_digest_is_sent_once_at_its_minute_not_after_the_crawl(site, tmp_path, daemons, smtp):
    sources = [{"id": "acme-privacy", "name": "Acme Privacy Policy", "url": site.copy("privacy.html"),
                "select": "#policy"}]
    d = daemons(daemon_config(tmp_path, sources, tables=email_table(smtp.port, "* * * * *")), tmp_path)
    d.wait_for(lambda: d.fetched("acme-privacy") >= 1, what="the first pass")
    # Taken before the edit, not when the change shows in the log: a change the daemon recorded
    # just before a minute turned, and noticed here just after, went out at that turn.
    edited_at = time.time()
    site.edit("privacy.html", *EDIT)
    d.wait_for(lambda: any(e["outcome"] == "changed" for e in d.events("fetch")), what="the change")
    d.wait_for(lambda: d.fetched("acme-privacy") >= 3, what="a pass after the change")
    # The inbox first, then the clock: if no minute has turned since the edit by now, none had
    # when the inbox was read, and only an after-crawl digest could be in it.
    messages = list(smtp.inbox.messages)
    if time.time() // 60 == edited_at // 60:
        assert messages == []
    d.wait_for(lambda: smtp.inbox.messages, timeout=65, what="the cron digest")
    sent_at = time.time()
    assert sent_at // 60 > edited_at // 60 and sent_at % 60 < 5  # at the turn of a minute
    # The daemon logs the delivery once the SMTP server has answered: just after the message lands.
    d.wait_for(lambda: d.events("digest"), what="the digest's log line")
    (delivered,) = d.events("digest")
    assert (delivered["channel"], delivered["digests"]) == ("email", 1)
    d.wait_for(lambda: d.fetched("acme-privacy") >= 6, what="passes after the digest")
    assert d.terminate()[0] == 0
    assert len(smtp.inbox.messages) == 1
    assert rows(tmp_path / "pw.db", "select status from digests") == [{"status": "sent"}]
