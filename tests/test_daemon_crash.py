"""kill -9 of `policywatch run` at random moments of a 200-source crawl, again and again: the
database stays consistent, nothing logged as recorded is lost, the lock is released (the next
daemon starts), and the next daemon catches up.

POLICYWATCH_KILLS sets how many kills (default 5; the figures in the report use 20):
    POLICYWATCH_KILLS=20 PYTHONPATH=. python -m pytest -q -s tests/test_daemon_crash.py
"""

import random
import signal
import sqlite3
import time

from conftest import schedule_config
from scheduler import lock
from test_crash import CLEAN, KILLS, SOURCES, Pages, consistency


class DaemonPages(Pages):
    edition = 0  # its own count: tests/test_crash.py moves Pages.edition


def recorded(db) -> int:
    """Fetches recorded with a version (new or changed)."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select count(*) from fetches where outcome in ('new', 'changed') "
                            "and version_id in (select id from versions)").fetchone()[0]
    finally:
        conn.close()


def current(db, edition) -> int:
    """Sources whose current version is the text of this edition."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "select count(*) from versions v where v.id = (select max(id) from versions where source_id = v.source_id) "
            f"and v.markdown like '%keeps data for {30 + edition} days%'").fetchone()[0]
    finally:
        conn.close()


def test_kill_9_of_the_daemon_at_random_moments_never_corrupts_and_the_next_daemon_catches_up(
        tmp_path, serve, daemons):
    url = serve(DaemonPages).url
    db = tmp_path / "pw.db"
    config = schedule_config(tmp_path / "config.toml",
                             [{"id": f"p{n:03d}", "url": f"{url}/{n}", "select": "main"} for n in range(SOURCES)], db,
                             'every = "3s"\njitter = "0s"\ncatch_up = "1s"')
    rng = random.Random(11)
    logged = 0  # fetches the daemons logged as new or changed: each was recorded before its line
    mid_crawl = 0
    for k in range(KILLS):
        DaemonPages.edition += 1
        d = daemons(config, tmp_path, name=f"life-{k}")
        time.sleep(rng.uniform(1.2, 3.5))  # start-up takes about a second
        # Still running: it got the lock the previous daemon held when it was killed.
        assert d.proc.poll() is None, d.log.read_text()
        d.proc.send_signal(signal.SIGKILL)
        d.proc.wait()
        d.stderr.close()
        events = [e for e in d.events() if e.get("event") in ("fetch", "run")]
        logged += sum(e["event"] == "fetch" and e["outcome"] in ("new", "changed") for e in events)
        mid_crawl += bool(events) and events[-1]["event"] == "fetch"  # a crawl's fetches, not its end
        assert lock.holder(db) is None  # the kernel dropped the flock with the process
        if db.exists():
            assert consistency(db) == CLEAN
            assert recorded(db) >= logged  # nothing logged as recorded was lost
    print(f"\n{KILLS} kill -9 of the daemon, {mid_crawl} of them mid-crawl; every time: {CLEAN}; "
          f"{logged} versions logged, 0 lost")
    assert mid_crawl >= 1  # the kills did land inside crawls
    DaemonPages.edition += 1
    d = daemons(config, tmp_path, name="catch-up")
    d.wait_for(lambda: db.exists() and current(db, DaemonPages.edition) == SOURCES, timeout=90,
               what="every source at the latest edition")
    code, seconds = d.terminate()
    assert code == 0
    assert consistency(db) == CLEAN
    assert current(db, DaemonPages.edition) == SOURCES
