"""Reads while `policywatch crawl` writes: never blocked, and each fetch seen whole or not at all."""

import json
import sqlite3
import subprocess
import sys
import time

from conftest import ROOT, PageHandler, read_cli, write_config

PAGES = 6
DELAY = 0.3  # page i answers after (i + 1) * DELAY s: fetches end one by one, reads run between


class SlowPages(PageHandler):
    edition = 1

    def do_GET(self):
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        n = self.path.strip("/")
        time.sleep(DELAY * (int(n) + 1))
        body = (f"<html><body><main><h1>Policy {n}</h1><p>Edition {self.edition} of policy {n}.</p>"
                f"<p>We keep biometric data for {self.edition} years.</p></main></body></html>").encode()
        self.send_body(200, body)


def consistent_read(db) -> dict:
    """One read transaction: counts, and every inconsistency a half-written fetch would leave."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=1)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("begin")
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        state = {
            "fetches": one("select count(*) from fetches"),
            "versions": one("select count(*) from versions"),
            # A version without the fetch that recorded it, without clauses, or (after the
            # first) without its change set, is a fetch seen half-written.
            "orphan_versions": one("select count(*) from versions where id not in "
                                   "(select version_id from fetches where version_id is not null)"),
            "unindexed": one("select count(*) from versions where id not in (select version_id from clauses)"),
            "unexplained": one("select count(*) from versions v where id > (select min(id) from versions "
                               "where source_id = v.source_id) and id not in (select to_version from change_sets)"),
            "empty_change_sets": one("select count(*) from change_sets where id not in (select change_set_id from changes)"),
        }
        conn.execute("commit")
        return state
    finally:
        conn.close()


def crawl_while_reading(config, db):
    proc = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(config), "crawl"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen, cli_results = [], []
    while proc.poll() is None:
        if db.exists():
            try:
                seen.append(consistent_read(db))
            except sqlite3.OperationalError as e:
                if "no such table" not in str(e):  # the crawl is still creating the schema
                    raise
            if len(cli_results) < 2 and seen and seen[-1]["fetches"]:
                cli_results.append(read_cli("--db", str(db), "search", "biometric", "--json"))
        time.sleep(0.02)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return seen, cli_results, out


def test_reads_during_a_crawl_see_whole_fetches_and_are_never_blocked(tmp_path, serve):
    url = serve(SlowPages).url
    db = tmp_path / "pw.db"
    config = write_config(tmp_path / "config.toml",
                          [{"id": f"p{i}", "url": f"{url}/{i}", "select": "main"} for i in range(PAGES)], db)
    for edition in (1, 2):
        SlowPages.edition = edition
        seen, cli_results, out = crawl_while_reading(config, db)
        assert out.count("new" if edition == 1 else "changed") == PAGES
        for state in seen:
            assert (state["orphan_versions"], state["unindexed"], state["unexplained"],
                    state["empty_change_sets"]) == (0, 0, 0, 0), state
        fetched = [s["fetches"] - (edition - 1) * PAGES for s in seen]
        assert fetched == sorted(fetched)  # the run's effect grows, fetch by fetch
        assert any(0 < n < PAGES for n in fetched), fetched  # reads did overlap the writes
        assert cli_results and all(r.returncode == 0 for r in cli_results)
        for r in cli_results:
            hits = json.loads(r.stdout)
            assert all(h["snippet"] for h in hits)
    assert consistent_read(db)["versions"] == 2 * PAGES
