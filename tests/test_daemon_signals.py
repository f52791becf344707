"""Signals to a running `policywatch run`: SIGTERM while a fetch outlasts the grace period, and
SIGHUP reloads that remove a source, change a schedule, or bring a broken config.toml."""

import signal
import sqlite3
import threading
import time

import pytest

from conftest import PageHandler, rows, schedule_config

HOLD = 15  # seconds the server holds its answer: longer than the daemon's 7 s grace and 10 s stop


class HeldPage(PageHandler):
    requested = threading.Event()
    release = threading.Event()

    def do_GET(self):
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        self.requested.set()
        self.release.wait(HOLD)
        self.send_body(200, b"<html><body><main><p>We keep logs for 30 days.</p></main></body></html>")


@pytest.fixture
def held_server(serve):
    handler = type("Handler", (HeldPage,), {"requested": threading.Event(), "release": threading.Event()})
    server = serve(handler)
    server.handler = handler
    yield server
    handler.release.set()  # before `serve` shuts the server down


def test_sigterm_while_a_fetch_outlasts_the_grace_exits_0_within_10_s_without_that_fetch(
        held_server, site, tmp_path, daemons):
    db = tmp_path / "pw.db"
    held = f"{held_server.url}/held"
    config = schedule_config(tmp_path / "config.toml",
                             # Overdue at start: quick first, held half a second later.
                             [{"id": "a-quick", "url": site.copy("terms.html")},
                              {"id": "held", "url": held, "select": "main"}], db, timeout=30)
    d = daemons(config, tmp_path)
    d.wait_for(lambda: d.fetched("a-quick") >= 1, what="the quick source")
    assert held_server.handler.requested.wait(20), d.log.read_text()
    assert d.fetched("held") == 0
    code, seconds = d.terminate()
    assert code == 0 and seconds < 10, (code, seconds)
    assert seconds >= 6  # it did wait for the fetch in flight (7 s grace) before giving it up
    assert any("abandoned" in e["message"] for e in d.events()), d.log.read_text()
    assert d.events("stop")
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        held_rows = conn.execute("select count(*) from fetches where source_id = 'held'").fetchone()[0]
        versions = conn.execute("select count(*) from versions where source_id = 'held'").fetchone()[0]
        snapshots = conn.execute("select count(*) from snapshots where source_id = 'held'").fetchone()[0]
        quick = conn.execute("select outcome from fetches where source_id = 'a-quick'").fetchall()
    finally:
        conn.close()
    assert (held_rows, versions, snapshots) == (0, 0, 0)  # absent, not half-written
    assert quick[0] == ("new",)  # the fetch that finished before the stop is recorded


def _two_sources_running(site, tmp_path, daemons):
    """A daemon crawling acme-privacy and acme-terms, once acme-terms has been fetched twice."""
    db = tmp_path / "pw.db"
    privacy = {"id": "acme-privacy", "url": site.copy("privacy.html"), "select": "#policy"}
    terms = {"id": "acme-terms", "url": site.copy("terms.html")}
    config = schedule_config(tmp_path / "config.toml", [privacy, terms], db)
    d = daemons(config, tmp_path)
    d.wait_for(lambda: d.fetched("acme-terms") >= 2, what="two fetches of acme-terms")
    return d, config, db, privacy, terms


def test_sighup_that_removes_a_source_stops_crawling_it(site, tmp_path, daemons):
    d, config, db, privacy, terms = _two_sources_running(site, tmp_path, daemons)
    schedule_config(config, [privacy], db)
    d.proc.send_signal(signal.SIGHUP)
    d.wait_for(lambda: d.events("reload"), what="the reload")
    removed_at = d.fetched("acme-terms")
    d.wait_for(lambda: d.fetched("acme-privacy") >= removed_at + 3, what="passes after the reload")
    # At most one more: a crawl already under way when the signal came.
    assert d.fetched("acme-terms") <= removed_at + 1
    assert d.events("reload")[0]["sources"] == 1
    assert d.terminate()[0] == 0
    # Its history stays; it is no longer scheduled.
    assert rows(db, "select count(*) as n from versions where source_id = 'acme-terms'") == [{"n": 1}]
    assert {r["source_id"] for r in rows(db, "select source_id from daemon_next_runs")} == {"acme-privacy"}


def test_sighup_that_changes_a_schedule_reschedules_that_source_only(site, tmp_path, daemons):
    d, config, db, privacy, terms = _two_sources_running(site, tmp_path, daemons)
    schedule_config(config, [privacy, {**terms, "schedule": "1h"}], db)
    d.proc.send_signal(signal.SIGHUP)
    d.wait_for(lambda: d.events("reload"), what="the reload")
    (reload,) = d.events("reload")
    assert "(0 added, 0 removed, 1 rescheduled)" in reload["message"]
    slowed_at = d.fetched("acme-terms")
    d.wait_for(lambda: d.fetched("acme-privacy") >= d.fetched("acme-terms") + 3, what="passes after the reload")
    assert d.fetched("acme-terms") <= slowed_at + 1
    # And back to every second: it is crawled often again.
    schedule_config(config, [privacy, {**terms, "schedule": "1s"}], db)
    d.proc.send_signal(signal.SIGHUP)
    d.wait_for(lambda: len(d.events("reload")) == 2, what="the second reload")
    again_at = d.fetched("acme-terms")
    started = time.monotonic()
    d.wait_for(lambda: d.fetched("acme-terms") >= again_at + 3, timeout=8, what="acme-terms every second")
    assert time.monotonic() - started < 6
    assert d.terminate()[0] == 0
    (next_run,) = rows(db, "select next_run_at from daemon_next_runs where source_id = 'acme-terms'")
    assert next_run["next_run_at"]


def test_sighup_with_a_broken_config_keeps_the_running_one_and_says_why(site, tmp_path, daemons):
    db = tmp_path / "pw.db"
    privacy = {"id": "acme-privacy", "url": site.copy("privacy.html"), "select": "#policy"}
    config = schedule_config(tmp_path / "config.toml", [privacy], db)
    d = daemons(config, tmp_path)
    d.wait_for(lambda: d.fetched("acme-privacy") >= 1, what="the first fetch")
    good = config.read_text()
    config.write_text(good.replace('every = "2s"', 'every = "2 seconds"'))
    d.proc.send_signal(signal.SIGHUP)
    d.wait_for(lambda: d.events("reload"), what="the reload")
    (reload,) = d.events("reload")
    assert reload["level"] == "error"
    assert f"{config}:8: schedule.every: " in reload["error"]
    assert "keeping the running configuration" in reload["message"]
    before = d.fetched("acme-privacy")
    d.wait_for(lambda: d.fetched("acme-privacy") >= before + 2, what="crawls on the old schedule")
    # A TOML syntax error too.
    config.write_text(good + "\n[[sources]\n")
    d.proc.send_signal(signal.SIGHUP)
    d.wait_for(lambda: len(d.events("reload")) == 2, what="the second reload")
    assert "TOML syntax error" in d.events("reload")[1]["error"]
    before = d.fetched("acme-privacy")
    d.wait_for(lambda: d.fetched("acme-privacy") >= before + 2, what="crawls on the old schedule")
    assert d.proc.poll() is None and d.terminate()[0] == 0


def test_sigterm_while_a_digest_waits_on_a_silent_smtp_server_exits_0_within_10_s(site, tmp_path, daemons):
    """A mail server that takes the connection and never answers holds smtplib for `timeout`
    (30 s here): the delivery must not hold the daemon's loop, or SIGTERM waits as long."""
    import socket

    db = tmp_path / "pw.db"
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the kernel completes the handshake; nobody ever greets
        config = schedule_config(tmp_path / "config.toml",
                                 [{"id": "acme-privacy", "url": site.copy("privacy.html"), "select": "#policy"}], db)
        with config.open("a") as f:
            f.write(f'\n[notify.email]\nenabled = true\nsmtp_host = "127.0.0.1"\nsmtp_port = {silent.getsockname()[1]}\n'
                    'security = "none"\nto = ["privacy-team@example.org"]\ntimeout = 30\n')
        d = daemons(config, tmp_path)
        d.wait_for(lambda: d.fetched("acme-privacy") >= 1, what="the first pass")
        site.edit("privacy.html", "We do not sell your personal information.",
                  "We do not sell your personal information, except to our partners.")
        d.wait_for(lambda: any(e["outcome"] == "changed" for e in d.events("fetch")), what="the change")
        d.wait_for(lambda: d.events("run")[-1]["changed"] == 1, what="the end of that crawl")
        time.sleep(0.5)  # the delivery is under way, waiting for a greeting
        code, seconds = d.terminate()
    assert code == 0 and seconds < 10, (code, seconds)
    # Claimed but not sent: it goes out at the next start.
    assert rows(db, "select channel, status from digests") == [{"channel": "email", "status": "pending"}]
