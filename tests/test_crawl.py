"""End to end: `policywatch crawl` against a real local HTTP server, into a real SQLite file."""

import json

import pytest

from conftest import PageHandler, count, rows, run_crawl, write_config


@pytest.fixture
def watch(site, tmp_path):
    """Two sources served by `site`; `watch()` crawls them and returns {source: line}."""
    db = tmp_path / "pw.db"
    sources = [
        {"id": "acme-privacy", "name": "Acme Privacy Policy", "url": site.copy("privacy.html"), "select": "#policy"},
        {"id": "acme-terms", "name": "Acme Terms", "url": site.copy("terms.html")},
    ]
    config = write_config(tmp_path / "config.toml", sources, db)

    def crawl(*args):
        return run_crawl(config, *args)

    crawl.db = db
    crawl.config = config
    return crawl


def test_the_first_crawl_records_one_version_per_source(watch):
    assert watch() == {"acme-privacy": "new", "acme-terms": "new"}
    assert count(watch.db, "versions", "source_id = 'acme-privacy'") == 1
    assert count(watch.db, "versions", "source_id = 'acme-terms'") == 1
    privacy = rows(watch.db, "select markdown from versions where source_id = 'acme-privacy'")[0]["markdown"]
    assert privacy.startswith("# Acme Privacy Policy")
    assert "## How we share information" in privacy
    assert "Rendered at" not in privacy  # outside the selector
    assert count(watch.db, "change_sets") == 0


def test_a_second_crawl_of_identical_pages_records_fetches_only(watch):
    watch()
    assert watch() == {"acme-privacy": "unchanged", "acme-terms": "unchanged"}
    assert count(watch.db, "fetches") == 4
    assert count(watch.db, "snapshots") == 2
    assert count(watch.db, "versions") == 2


def test_noise_only_changes_record_a_snapshot_but_no_version_and_no_change(watch, site):
    watch()
    site.edit("privacy.html", "2026-11-27T06:00:00Z", "2026-11-28T09:30:00Z")  # footer timestamp
    site.edit("privacy.html", 'nonce="n-1111"', 'nonce="n-2222"')  # rotating nonce
    site.edit("privacy.html", 'window.build = "b-1111";', 'window.build = "b-2222"; track();')  # script
    assert watch()["acme-privacy"] == "unchanged"
    assert count(watch.db, "snapshots", "source_id = 'acme-privacy'") == 2
    assert count(watch.db, "versions", "source_id = 'acme-privacy'") == 1
    assert count(watch.db, "change_sets") == 0


def test_editing_one_clause_records_one_modified_clause_with_its_section(watch, site, cli):
    watch()
    site.edit("privacy.html", "We do not sell your personal information.",
              "We do not sell your personal information, except to our advertising partners.")
    assert watch()["acme-privacy"] == "changed: 1 modified, 0 added, 0 removed"
    sets = json.loads(cli("--config", str(watch.config), "changes", "--json").stdout)
    assert len(sets) == 1
    (change,) = sets[0]["changes"]
    assert change["kind"] == "modified"
    assert change["section"] == ["Acme Privacy Policy", "How we share information"]
    assert change["old"] == "We do not sell your personal information."
    assert change["new"].endswith("except to our advertising partners.")
    assert [1, ", except to our advertising partners"] in change["diff"]
    assert sets[0]["source"] == "acme-privacy"
    assert sets[0]["from_version"] < sets[0]["to_version"]


def test_adding_a_paragraph_records_one_added_clause(watch, site, cli):
    watch()
    site.edit("privacy.html", "<h2>Contact</h2>",
              "<p>We keep your data for as long as your account is open.</p>\n<h2>Contact</h2>")
    assert watch()["acme-privacy"] == "changed: 0 modified, 1 added, 0 removed"
    (change,) = json.loads(cli("--config", str(watch.config), "changes", "--json").stdout)[0]["changes"]
    tags = change.pop("tags")  # issue 11: each clause change carries its tags
    assert tags["old"] is None and "data-retention" in tags["new"]["categories"]
    assert change == {
        "kind": "added", "section": ["Acme Privacy Policy", "How we share information"],
        "old": None, "new": "We keep your data for as long as your account is open.",
        "significance": "substantive", "diff": [[1, "We keep your data for as long as your account is open."]],
    }


@pytest.mark.parametrize("status, error_class", [(404, "broken"), (500, "transient")])
def test_http_errors_are_recorded_failures_and_keep_the_previous_version(watch, site, status, error_class):
    watch()
    site.statuses["/privacy.html"] = status
    assert watch()["acme-privacy"] == f"failed: HTTP {status}"
    failed = rows(watch.db, "select * from fetches where source_id = 'acme-privacy' and outcome = 'failed'")
    # A transient failure is fetched once more at the end of the run: two rows, one line.
    assert [(f["status"], f["error_class"]) for f in failed] == [(status, error_class)] * (2 if error_class == "transient" else 1)
    assert count(watch.db, "versions", "source_id = 'acme-privacy'") == 1
    assert count(watch.db, "changes") == 0
    # Back to normal: still the same version, no change, no "policy restored".
    del site.statuses["/privacy.html"]
    assert watch()["acme-privacy"] == "unchanged"
    assert count(watch.db, "change_sets") == 0


def test_a_selector_matching_nothing_is_a_failure_not_a_deletion(watch, site):
    watch()
    site.edit("privacy.html", 'id="policy"', 'id="content"')
    line = watch()["acme-privacy"]
    assert line.startswith("failed: ") and "#policy" in line
    assert count(watch.db, "versions", "source_id = 'acme-privacy'") == 1
    assert count(watch.db, "changes") == 0
    # The page itself was kept: nothing fetched is lost.
    assert count(watch.db, "snapshots", "source_id = 'acme-privacy'") == 2


def test_an_unreachable_server_is_a_transient_failure(tmp_path, cli):
    config = write_config(tmp_path / "config.toml",
                          [{"id": "gone", "url": "http://127.0.0.1:9/policy"}], tmp_path / "pw.db")
    proc = cli("--config", str(config), "crawl")
    assert proc.stdout.split(None, 1) == ["gone", "failed: connection refused\n"]
    # Tried, and retried once at the end of the run: both attempts recorded.
    assert rows(tmp_path / "pw.db", "select error_class from fetches") == [{"error_class": "transient"}] * 2


def test_crawl_of_one_source_leaves_the_others_alone(watch):
    assert watch("--source", "acme-terms") == {"acme-terms": "new"}
    assert count(watch.db, "fetches", "source_id = 'acme-privacy'") == 0


def test_conditional_get_sends_the_etag_of_the_latest_snapshot(tmp_path, cli, serve):
    seen = []

    class Handler(PageHandler):
        def do_GET(self):
            seen.append(self.headers.get("If-None-Match"))
            if self.path == "/robots.txt":
                self.send_error(404)
            elif self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
            else:
                self.send_body(200, b"<html><body><main><h1>P</h1><p>Policy text.</p></main></body></html>",
                               headers=[("ETag", '"v1"')])

    url = f"{serve(Handler).url}/p"
    config = write_config(tmp_path / "config.toml", [{"id": "p", "url": url, "select": "main"}], tmp_path / "pw.db")
    assert cli("--config", str(config), "crawl").stdout.split() == ["p", "new"]
    assert cli("--config", str(config), "crawl").stdout.split() == ["p", "unchanged"]
    assert '"v1"' in seen
    assert rows(tmp_path / "pw.db", "select reason from fetches order by id")[-1]["reason"] == "304 not modified"
