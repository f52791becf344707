"""2,000 sources in one run: every one accounted for, and a summary of outcomes."""

import sqlite3

from conftest import PageHandler, write_config

N = 2000


class Pages(PageHandler):
    """Page n: a policy; every 50th a 404, every 97th a 503."""

    content_type = "text/html; charset=utf-8"

    def do_GET(self):
        n = int(self.path.strip("/") or 0) if self.path.strip("/").isdigit() else -1
        status = 404 if n < 0 or n % 50 == 7 else 503 if n % 97 == 3 else 200
        body = (f"<html><body><main><h1>Policy {n}</h1><p>We collect your name and e-mail "
                f"address to run service number {n}.</p></main></body></html>").encode()
        self.send_body(status, body)


def test_two_thousand_sources_are_all_accounted_for_in_one_run(tmp_path, cli, serve):
    url = serve(Pages).url
    sources = [{"id": f"s{n:04d}", "url": f"{url}/{n}", "select": "main"} for n in range(N)]
    config = write_config(tmp_path / "config.toml", sources, tmp_path / "pw.db")
    proc = cli("--config", str(config), "crawl")
    failed_404 = sum(1 for n in range(N) if n % 50 == 7)
    failed_503 = sum(1 for n in range(N) if n % 97 == 3 and n % 50 != 7)
    new = N - failed_404 - failed_503
    assert proc.stderr.strip().endswith(
        f"{N} sources: {new} new, 0 unchanged, 0 changed, {failed_404 + failed_503} failed")
    lines = proc.stdout.splitlines()
    assert len(lines) == N
    assert sorted(line.split()[0] for line in lines) == [s["id"] for s in sources]
    conn = sqlite3.connect(tmp_path / "pw.db")
    try:
        per_source = conn.execute("select count(*), count(distinct source_id) from fetches").fetchone()
        assert per_source == (N + failed_503, N)  # transient failures are retried once
        assert conn.execute("select count(*) from versions").fetchone()[0] == new
        assert conn.execute("select error_class, count(*) from fetches where outcome = 'failed' "
                            "group by 1 order by 1").fetchall() == [("broken", failed_404), ("transient", 2 * failed_503)]
    finally:
        conn.close()
