"""Datasette, started as a real process on 127.0.0.1, answers the shipped canned queries."""

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT

METADATA = ROOT / "datasette" / "metadata.yml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def datasette(policy_history):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(policy_history.db), "-m", str(METADATA),
         "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError("datasette did not start:\n" + proc.stdout.read().decode())
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def get(base, path, **params):
    url = f"{base}{path}?{urllib.parse.urlencode({**params, '_shape': 'array'})}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_the_mentions_canned_query_finds_sources_mentioning_a_phrase_now(datasette, policy_history):
    rows = get(datasette, "/policywatch/mentions.json", q='"biometric data"')
    assert {r["source"] for r in rows} == {"globex-privacy", "acme-privacy"}
    assert rows[0]["source"] == "globex-privacy"
    since = policy_history.rows("select created_at from versions where source_id = 'acme-privacy' order by id")[1]
    assert next(r for r in rows if r["source"] == "acme-privacy")["since"] == since["created_at"]


def test_the_text_at_canned_query_agrees_with_show_at(datasette, policy_history):
    versions = policy_history.rows("select id, created_at from versions where source_id = 'acme-privacy' order by id")
    for v in versions:
        (row,) = get(datasette, "/policywatch/text_at.json", source="acme-privacy", at=v["created_at"])
        assert row["version"] == v["id"]
    (row,) = get(datasette, "/policywatch/text_at.json", source="acme-privacy", at=versions[-1]["created_at"][:10])
    assert row["version"] == versions[-1]["id"]


def test_the_metadata_describes_the_tables_and_views(datasette):
    metadata = get(datasette, "/-/metadata.json")
    tables = metadata["databases"]["policywatch"]["tables"]
    assert {"sources", "versions", "clauses", "current_versions", "change_log", "failing_sources"} <= set(tables)
    failing = get(datasette, "/policywatch/failing.json")
    assert [r["source"] for r in failing] == ["initech-privacy"]
