"""kill -9 at random moments of a crawl: the database stays consistent and the next run catches up.

POLICYWATCH_KILLS sets how many kills (default 5; the figures in the notes use 20)."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import ROOT, PageHandler, write_config

SOURCES = 200
KILLS = int(os.environ.get("POLICYWATCH_KILLS", "5"))


class Pages(PageHandler):
    """Page n, in its current edition (the edition moves on between runs: new versions)."""

    content_type = "text/html; charset=utf-8"
    edition = 0

    def do_GET(self):
        n = self.path.strip("/")
        time.sleep(0.005)  # a little latency, so that kills land mid-run
        body = (f"<html><body><main><h1>Policy {n}</h1><p>Edition {self.edition % 3} of the rules "
                f"for service {n}: we collect your name.</p><p>Page {n} keeps data for "
                f"{30 + self.edition} days.</p></main><footer>{random.random()}</footer></body></html>").encode()
        self.send_body(200, body)


# What `consistency` says of a database that a kill left whole.
CLEAN = {"integrity": "ok", "versions without snapshot": 0, "change sets with a missing version": 0,
         "changes without change set": 0, "fetches with a missing snapshot": 0, "foreign key violations": 0}


def consistency(db) -> dict:
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "integrity": one("PRAGMA integrity_check"),
            "versions without snapshot": one(
                "select count(*) from versions where snapshot_id not in (select id from snapshots)"),
            "change sets with a missing version": one(
                "select count(*) from change_sets where from_version not in (select id from versions) "
                "or to_version not in (select id from versions)"),
            "changes without change set": one(
                "select count(*) from changes where change_set_id not in (select id from change_sets)"),
            "fetches with a missing snapshot": one(
                "select count(*) from fetches where snapshot_id is not null and snapshot_id not in (select id from snapshots)"),
            "foreign key violations": len(conn.execute("PRAGMA foreign_key_check").fetchall()),
        }
    finally:
        conn.close()


def test_kill_9_at_random_moments_never_corrupts_and_the_next_run_catches_up(tmp_path, serve):
    url = serve(Pages).url
    db = tmp_path / "pw.db"
    config = write_config(tmp_path / "config.toml",
                          [{"id": f"p{n:03d}", "url": f"{url}/{n}", "select": "main"} for n in range(SOURCES)], db)
    command = [sys.executable, "-m", "scheduler", "--config", str(config), "crawl"]
    rng = random.Random(7)
    killed_mid_run = 0
    for _ in range(KILLS):
        Pages.edition += 1
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.2, 3.5))  # start-up takes about a second
        proc.send_signal(signal.SIGKILL)
        out = proc.communicate()[0].decode()
        killed_mid_run += 0 < len(out.splitlines()) < SOURCES
        if db.exists():
            assert consistency(db) == CLEAN
    print(f"\n{KILLS} kill -9, {killed_mid_run} of them mid-run; every time: {CLEAN}")
    assert killed_mid_run >= 1  # the kills did land inside runs
    Pages.edition += 1
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == SOURCES
    assert consistency(db) == CLEAN
    conn = sqlite3.connect(db)
    try:
        # Every source caught up: its current version is the latest edition's text.
        current = conn.execute(
            "select count(*) from versions v where v.id = (select max(id) from versions where source_id = v.source_id) "
            f"and v.markdown like '%keeps data for {30 + Pages.edition} days%'").fetchone()[0]
    finally:
        conn.close()
    assert current == SOURCES
