"""Transient failures are fetched once more at the end of the run, before they count."""

import pytest

from conftest import PageHandler, tuples, write_config


class FlakyOnce(PageHandler):
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
        self.send_body(200, f"<main><h1>{self.path}</h1><p>We keep logs for 30 days.</p></main>".encode())


@pytest.fixture
def flaky_server(serve):
    return serve(type("Handler", (FlakyOnce,), {"seen": []})).url


def fetches(db):
    return tuples(db, "select source_id, outcome, status, error_class from fetches order by id")


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
