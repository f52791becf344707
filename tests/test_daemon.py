"""`policywatch run` as a real child process against a real local HTTP server, with
second-level schedules; its JSON log lines say what it did, the SQLite file what it recorded."""

import json
import signal
import sqlite3
import sys
import textwrap
import threading
import time

import pytest

from conftest import PageHandler, rows, schedule_config


def test_the_daemon_crawls_every_two_seconds_and_records_an_edit_once(site, tmp_path, daemons):
    db = tmp_path / "pw.db"
    sources = [{"id": "acme-privacy", "url": site.copy("privacy.html"), "select": "#policy"},
               {"id": "acme-terms", "url": site.copy("terms.html")}]
    d = daemons(schedule_config(tmp_path / "config.toml", sources, db), tmp_path)
    d.wait_for(lambda: d.fetched("acme-privacy") >= 1, what="the first pass")
    site.edit("privacy.html", "We do not sell your personal information.",
              "We do not sell your personal information, except to our partners.")
    d.wait_for(lambda: d.fetched("acme-privacy") >= 4 and d.fetched("acme-terms") >= 3,
               what="three more passes")
    code, _ = d.terminate()
    assert code == 0
    changed = [e for e in d.events("fetch") if e["outcome"] == "changed"]
    assert [(e["source"], e["detail"]) for e in changed] == [("acme-privacy", "1 modified, 0 added, 0 removed")]
    assert rows(db, "select count(*) as n from change_sets") == [{"n": 1}]
    # One log line per fetch and one per run, each a JSON object.
    fetch_rows = rows(db, "select count(*) as n from fetches")[0]["n"]
    assert len(d.events("fetch")) == fetch_rows
    runs = d.events("run")
    assert len(runs) >= 3 and sum(r["sources"] for r in runs) == fetch_rows


class SlowPage(PageHandler):
    """/slow holds its answer for 3 s; robots.txt answers 404 at once."""

    requested = threading.Event()

    def do_GET(self):
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        self.requested.set()
        time.sleep(3)
        self.send_body(200, b"<html><body><main><h1>Slow policy</h1><p>We keep logs for 30 days.</p></main></body></html>")


@pytest.fixture
def slow_server(serve):
    handler = type("Handler", (SlowPage,), {"requested": threading.Event()})
    server = serve(handler)
    server.requested = handler.requested
    return server


def test_sigterm_during_a_slow_fetch_exits_0_within_10_s_with_the_fetch_whole_or_absent(
        slow_server, tmp_path, daemons):
    db = tmp_path / "pw.db"
    url = f"{slow_server.url}/slow"
    d = daemons(schedule_config(tmp_path / "config.toml", [{"id": "slow", "url": url, "select": "main"}], db),
                tmp_path)
    assert slow_server.requested.wait(20), d.log.read_text()
    code, seconds = d.terminate()
    assert code == 0 and seconds < 10
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    fetches = rows(db, "select * from fetches where source_id = 'slow'")
    assert len(fetches) <= 1
    if fetches:  # recorded whole: the fetch, its snapshot and its version
        (fetch,) = fetches
        assert fetch["outcome"] == "new" and fetch["snapshot_id"] and fetch["version_id"]
        (version,) = rows(db, "select markdown from versions where id = ?", fetch["version_id"])
        assert "We keep logs for 30 days." in version["markdown"]
    assert d.events("stop")


def test_a_second_daemon_on_the_same_database_exits_1_naming_the_first(site, tmp_path, daemons, cli):
    db = tmp_path / "pw.db"
    config = schedule_config(tmp_path / "config.toml", [{"id": "acme-terms", "url": site.copy("terms.html")}], db)
    first = daemons(config, tmp_path)
    first.wait_for(lambda: first.fetched("acme-terms") >= 1, what="the first fetch")
    second = cli("--config", str(config), "run", check=False)
    assert second.returncode == 1
    assert f"another policywatch daemon (pid {first.proc.pid}, since " in second.stderr
    status = json.loads(cli("--config", str(config), "status", "--json").stdout)
    assert status["daemon"]["pid"] == first.proc.pid
    (source,) = status["sources"]
    assert source["id"] == "acme-terms" and source["outcome"] in ("new", "unchanged")
    assert source["next_run"] and source["consecutive_failures"] == 0
    assert first.terminate()[0] == 0
    assert json.loads(cli("--config", str(config), "status", "--json").stdout)["daemon"] is None


def test_sighup_with_a_source_added_crawls_it_without_a_restart(site, tmp_path, daemons):
    db = tmp_path / "pw.db"
    privacy = {"id": "acme-privacy", "url": site.copy("privacy.html"), "select": "#policy"}
    terms = {"id": "acme-terms", "url": site.copy("terms.html")}
    config = schedule_config(tmp_path / "config.toml", [privacy], db)
    d = daemons(config, tmp_path)
    d.wait_for(lambda: d.fetched("acme-privacy") >= 1, what="the first fetch")
    schedule_config(config, [privacy, terms], db)
    d.proc.send_signal(signal.SIGHUP)
    d.wait_for(lambda: d.fetched("acme-terms") >= 1, timeout=10, what="the added source")
    assert d.proc.pid == d.proc.pid and d.proc.poll() is None
    assert d.events("reload")[0]["sources"] == 2
    assert d.terminate()[0] == 0
    assert rows(db, "select outcome from fetches where source_id = 'acme-terms' order by id")[0] == {"outcome": "new"}


def test_after_downtime_overdue_sources_are_crawled_soon_and_spread_out(site, tmp_path, daemons, cli):
    db = tmp_path / "pw.db"
    sources = [{"id": f"page-{i}", "url": site.put(f"p{i}.html", f"<main><p>Policy {i}.</p></main>"),
                "select": "main"} for i in range(3)]
    config = schedule_config(tmp_path / "config.toml", sources, db,
                             'every = "1h"\njitter = "0s"\ncatch_up = "2s"')
    cli("--config", str(config), "crawl")
    # page-0 and page-1 were last fetched two hours ago; page-2 just now.
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update fetches set started_at = '2000-01-01T00:00:00.000000Z' where source_id != 'page-2'")
    conn.close()
    d = daemons(config, tmp_path)
    d.wait_for(lambda: d.fetched("page-0") and d.fetched("page-1"), timeout=10, what="the overdue sources")
    time.sleep(0.5)
    assert d.terminate()[0] == 0
    runs = d.events("run")
    assert [r["sources"] for r in runs] == [1, 1]  # one at a time, not all at once
    # Spread over catch_up: the second run starts well after the first did (start = the time of
    # its log line less its duration; end times would shrink the gap when the first run is slow).
    starts = [_time(r["time"]) - r["seconds"] for r in runs]
    assert starts[1] - starts[0] >= 0.5
    assert d.fetched("page-2") == 0  # fetched within its interval: not due


def _time(iso: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()


def test_an_after_crawl_digest_hook_runs_after_the_crawl_it_follows(site, tmp_path, daemons):
    """The digest job calls `deliver(store, notify_config, channel)` once each crawl has been
    recorded; here the hook is a small function given through the Daemon's parameter."""
    db = tmp_path / "pw.db"
    calls = tmp_path / "calls.txt"
    sources = [{"id": "acme-privacy", "url": site.copy("privacy.html"), "select": "#policy"},
               {"id": "acme-terms", "url": site.copy("terms.html")}]
    config = schedule_config(tmp_path / "config.toml", sources, db)
    script = tmp_path / "run_with_hook.py"
    script.write_text(textwrap.dedent(f"""
        import logging, sys
        from scheduler import config as config_mod, logs, reactor
        from scheduler.daemon import Daemon
        from store import Store

        def deliver(store, notify_config, channel):
            fetches = store.db.execute("select count(*) from fetches").fetchone()[0]
            with open({str(calls)!r}, "a") as f:
                f.write(f"{{channel}} {{fetches}}\\n")

        logs.setup("info", "json")
        config = config_mod.load({str(config)!r})
        with Store(config.store["path"]) as store:
            reactor.run(Daemon(config, store, deliver=deliver,
                               channels={{"digest": {{"schedule": "after-crawl"}}}}).run)
    """))
    d = daemons(config, tmp_path, argv=[sys.executable, str(script)])
    d.wait_for(lambda: calls.exists() and len(calls.read_text().splitlines()) >= 2, what="two deliveries")
    assert d.terminate()[0] == 0
    # Each delivery saw every fetch of the runs before it, and came before the next run.
    runs = d.events("run")
    delivered = [int(line.split()[1]) for line in calls.read_text().splitlines()]
    assert delivered == [sum(r["sources"] for r in runs[:i + 1]) for i in range(len(delivered))]
    assert all(line.startswith("digest ") for line in calls.read_text().splitlines())
