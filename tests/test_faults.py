"""Servers misbehave; policywatch records each fault as a failure of the right class and never
turns it into a version or a "policy deleted" change."""

import json

import pytest

from conftest import rows, write_config
from faults import FaultServer

# path -> (expected start of the crawl line, expected error class or None when a version is fine)
FAULTS = {
    "status-500": ("status/500", "failed: HTTP 500", "transient"),
    "status-502": ("status/502", "failed: HTTP 502", "transient"),
    "status-503": ("status/503", "failed: HTTP 503", "transient"),
    "status-504": ("status/504", "failed: HTTP 504", "transient"),
    "retry-after": ("retry-after", "failed: HTTP 503", "transient"),
    "status-429": ("status/429", "failed: HTTP 429", "transient"),
    "status-403": ("status/403", "failed: HTTP 403", "blocked"),
    "status-406": ("status/406", "failed: HTTP 406", "blocked"),
    "status-404": ("status/404", "failed: HTTP 404", "broken"),
    "status-410": ("status/410", "failed: HTTP 410", "broken"),
    "login-redirect": ("login-redirect", "failed: redirected to a login page", "broken"),
    "home-redirect": ("home-redirect", "failed: redirected to the home page", "broken"),
    "redirect-loop": ("redirect-loop", "failed: too many redirects", "broken"),
    "redirect-file": ("redirect-file", "failed: HTTP 302 redirect to file:///etc/passwd not followed", "broken"),
    "refused": ("!http://127.0.0.1:9/policy", "failed: connection refused", "transient"),
    "no-dns": ("!http://policywatch-test.invalid/policy", "failed: DNS lookup failed", "transient"),
    "tls-error": ("!https://127.0.0.1:{port}/ok", "failed: TLS error", "transient"),
    "reset": ("reset", "failed: connection lost", "transient"),
    "hang": ("hang", "failed: timeout", "transient"),
    "drip": ("drip", "failed: timeout", "transient"),
    "big": ("big", "failed: body too large", "broken"),
    "gzip-bomb": ("gzip-bomb", "failed: body too large", "broken"),
    "empty": ("empty", "failed: ", "broken"),
    "binary": ("binary", "failed: ", "broken"),
}
# Pages that are fine to extract (or to fail on), but must never crash the run.
SURVIVABLE = {"deep": "deep", "unclosed": "unclosed", "latin1": "latin1-as-utf8", "utf16": "utf16"}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One crawl over every fault, in one run, as the daemon would meet them."""
    from conftest import run_cli

    tmp = tmp_path_factory.mktemp("faults")
    with FaultServer() as server:
        sources = []
        for sid, (path, _, _) in {**FAULTS, **{k: (v, "", None) for k, v in SURVIVABLE.items()}}.items():
            url = path[1:].format(port=server.port) if path.startswith("!") else f"{server.url}/{path}"
            sources.append({"id": sid, "url": url, "select": "main"})
        sources.append({"id": "healthy", "url": f"{server.url}/ok", "select": "main"})
        config = write_config(tmp / "config.toml", sources, tmp / "pw.db", timeout=3, max_size=1024 * 1024)
        proc = run_cli("--config", str(config), "crawl")
    lines = dict(line.split(None, 1) for line in proc.stdout.splitlines() if line and not line.startswith(" "))
    yield {"lines": lines, "db": tmp / "pw.db", "stdout": proc.stdout}


@pytest.mark.parametrize("sid", FAULTS)
def test_each_fault_is_a_failure_of_its_class_with_no_version(crawled, sid):
    _, line, error_class = FAULTS[sid]
    assert crawled["lines"][sid].startswith(line), crawled["lines"][sid]
    fetches = rows(crawled["db"], "select * from fetches where source_id = ? order by id", sid)
    # A transient failure is fetched once more at the end of the run; the others are final.
    assert len(fetches) == (2 if error_class == "transient" else 1)
    assert {f["outcome"] for f in fetches} == {"failed"}
    if error_class:
        assert {f["error_class"] for f in fetches} == {error_class}
    assert rows(crawled["db"], "select id from versions where source_id = ?", sid) == []


def test_the_healthy_source_is_recorded_despite_every_other_fault(crawled):
    assert crawled["lines"]["healthy"] == "new"


def test_every_source_has_one_fetch_row_and_transient_ones_a_retry(crawled):
    counts = {c["source_id"]: c["n"] for c in rows(
        crawled["db"], "select source_id, count(*) as n from fetches group by source_id")}
    assert len(counts) == len(FAULTS) + len(SURVIVABLE) + 1
    transient = {sid for sid, (_, _, error_class) in FAULTS.items() if error_class == "transient"}
    assert {sid for sid, n in counts.items() if n == 2} == transient
    assert {n for sid, n in counts.items() if sid not in transient} == {1}


def test_the_retry_honours_retry_after(crawled):
    first, retry = rows(crawled["db"], "select started_at from fetches where source_id = 'retry-after' order by id")
    from datetime import datetime

    gap = datetime.fromisoformat(retry["started_at"]) - datetime.fromisoformat(first["started_at"])
    assert gap.total_seconds() >= 1.0  # the server asked for one second
    assert crawled["lines"]["retry-after"] == "failed: HTTP 503 (Retry-After 1s)"


def test_a_redirect_to_a_file_url_is_never_followed(crawled):
    (fetch,) = rows(crawled["db"], "select * from fetches where source_id = 'redirect-file'")
    assert fetch["final_url"] is None or fetch["final_url"].startswith("http")
    assert "root:" not in json.dumps(rows(crawled["db"], "select markdown from versions"))


@pytest.mark.parametrize("sid", ["latin1", "utf16"])
def test_a_wrong_or_missing_charset_is_decoded_right(crawled, sid):
    assert crawled["lines"][sid] == "new"
    (version,) = rows(crawled["db"], "select markdown from versions where source_id = ?", sid)
    assert "café in Zürich" in version["markdown"]


@pytest.mark.parametrize("sid", ["deep", "unclosed"])
def test_malformed_html_is_extracted_or_a_failure_never_a_crash(crawled, sid):
    line = crawled["lines"][sid]
    assert line == "new" or line.startswith("failed: ")
    assert "Traceback" not in crawled["stdout"]


def test_unclosed_tags_still_give_the_policy_text(crawled):
    (version,) = rows(crawled["db"], "select markdown from versions where source_id = 'unclosed'")
    assert "We collect your name." in version["markdown"]
