"""Transient failures are fetched once more at the end of the run, before they count."""

import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import write_config


class FlakyOnce(BaseHTTPRequestHandler):
    """/flaky answers 503 the first time and the policy after; /terms always the policy."""

    seen: list

    def do_GET(self):
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        self.seen.append(self.path)
        if self.path == "/flaky" and self.seen.count("/flaky") == 1:
            self.send_error(503)
            return
        body = f"<main><h1>{self.path}</h1><p>We keep logs for 30 days.</p></main>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (FlakyOnce,), {"seen": []}))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetches(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select source_id, outcome, status, error_class from fetches order by id").fetchall()
    finally:
        conn.close()


def test_a_transient_failure_that_recovers_at_the_retry_prints_only_the_retry(flaky_server, tmp_path, cli):
    db = tmp_path / "pw.db"
    sources = [{"id": "flaky", "url": f"{flaky_server}/flaky", "select": "main"},
               {"id": "terms", "url": f"{flaky_server}/terms", "select": "main"}]
    config = write_config(tmp_path / "config.toml", sources, db)
    proc = cli("--config", str(config), "crawl")
    assert sorted(proc.stdout.splitlines()) == ["flaky  new", "terms  new"]
    # The first failure is still recorded; the retry comes after the rest of the run.
    assert fetches(db)[-1] == ("flaky", "new", 200, None)
    assert ("flaky", "failed", 503, "transient") in fetches(db)
    assert len(fetches(db)) == 3


def test_a_failure_that_persists_is_retried_only_once(tmp_path, cli):
    db = tmp_path / "pw.db"
    config = write_config(tmp_path / "config.toml", [{"id": "gone", "url": "http://127.0.0.1:9/x"}], db)
    assert cli("--config", str(config), "crawl").stdout.split(None, 1) == ["gone", "failed: connection refused\n"]
    assert [f[1:] for f in fetches(db)] == [("failed", None, "transient")] * 2  # tried, retried once
