"""A bug of policywatch's own on one page (an exception that is neither a page failure nor a
database error), wherever it happens (building the request, reading the response in the
spider, deciding on the browser, extracting, recording), is that page's recorded failure: its
reason names the error on one line, its traceback goes to standard error, nothing of it is
written, and the other sources are recorded as usual. Once the bug is gone, the next crawl records the page.

No real page is known to trigger such a bug (each one found is fixed), so the test injects one:
the child process replaces one function by one that raises for the source "bad". Everything
else is real: the HTTP server, the crawl, the SQLite file."""

import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT, rows, write_config

# Replaces sys.argv[1] ("module:function") by a function that raises for the source "bad".
FAULTY_CRAWL = """
import importlib, sys

where, name = sys.argv.pop(1).split(":")
module = importlib.import_module(where)
real = getattr(module, name)

def faulty(*args, **kwargs):
    if "bad" in repr(args):
        raise ValueError("injected\\n   fault")
    return real(*args, **kwargs)

setattr(module, name, faulty)
from scheduler.cli import main
sys.argv[0] = "policywatch"
main()
"""

PAGE = "<html><body><main><h1>Privacy</h1><p>We collect your {what}.</p></main></body></html>"


@pytest.fixture
def edited(site, tmp_path, crawl):
    """Two sources crawled once, then both edited: (config, db)."""
    db = tmp_path / "pw.db"
    sources = [{"id": "bad", "url": site.put("bad.html", PAGE.format(what="name")), "select": "main"},
               {"id": "good", "url": site.put("good.html", PAGE.format(what="name")), "select": "main"}]
    config = write_config(tmp_path / "config.toml", sources, db)
    assert crawl(config) == {"bad": "new", "good": "new"}
    site.edit("bad.html", "name", "location")
    site.edit("good.html", "name", "address")
    return config, db


@pytest.mark.parametrize("step", [
    "crawler.spider:js_mode",  # building the request (and deciding on the browser later)
    "crawler.spider:_redirect_failure",  # reading the response, in the spider
    "crawler.browser:content_kind",  # deciding on the browser (js = "auto"), outside extraction
    "crawler.pipeline:extract_source",  # extracting: in the spider, and again in the pipeline
    "crawler.pipeline:_new_text",  # recording a new text
])
def test_a_bug_on_one_page_is_a_recorded_failure_and_the_rest_go_on(edited, crawl, step):
    config, db = edited
    proc = subprocess.run([sys.executable, "-c", FAULTY_CRAWL, step, "--config", str(config), "crawl"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split(None, 1) for line in proc.stdout.splitlines())
    assert lines["good"].startswith("changed:")
    # One line, whatever the error's message holds.
    assert lines["bad"] == ("failed: policywatch failed on this page: ValueError: injected fault "
                            "(a bug in policywatch: please report it)")
    assert "2 sources: 0 new, 0 unchanged, 1 changed, 1 failed" in proc.stderr
    # The traceback says where, for a bug report.
    assert "ERROR policywatch.crawl: policywatch failed on the page of source 'bad'" in proc.stderr
    assert "Traceback" in proc.stderr and ", in faulty\n" in proc.stderr
    [fetch] = rows(db, "select * from fetches where source_id = 'bad' order by id desc limit 1")
    assert fetch["outcome"] == "failed" and fetch["error_class"] == "broken"
    assert "ValueError: injected fault" in fetch["reason"]
    # Nothing half-written: no new version, no snapshot (see crawler.pipeline.record_bug).
    assert len(rows(db, "select id from versions where source_id = 'bad'")) == 1
    assert len(rows(db, "select id from snapshots where source_id = 'bad'")) == 1
    assert len(rows(db, "select id from versions where source_id = 'good'")) == 2

    # Without the bug, the next crawl records the page (not "the same bytes" as a failure).
    assert crawl(config)["bad"].startswith("changed:")


def test_after_a_bug_on_a_sources_first_page_the_next_crawl_records_it(site, tmp_path, crawl):
    # A snapshot kept then would stand for the source's latest, and the next crawl would take
    # the same bytes (or a 304) for a page already processed: no version ever.
    db = tmp_path / "pw.db"
    url = site.put("bad.html", PAGE.format(what="name"))
    config = write_config(tmp_path / "config.toml", [{"id": "bad", "url": url, "select": "main"}], db)
    proc = subprocess.run([sys.executable, "-c", FAULTY_CRAWL, "crawler.pipeline:_new_text",
                           "--config", str(config), "crawl"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.stdout.split(None, 1)[1].startswith("failed: policywatch failed on this page")
    assert rows(db, "select id from snapshots") == []
    assert crawl(config) == {"bad": "new"}
    assert crawl(config) == {"bad": "unchanged"}


def test_a_snapshot_that_does_not_decode_stops_the_run_as_a_database_error(edited, cli):
    # Not "a bug in policywatch" on each page: the database is not sound.
    config, db = edited
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update snapshots set body = x'00112233'")
    conn.close()
    proc = cli("--config", str(config), "crawl", check=False)
    assert proc.returncode == 1
    assert "does not decode" in proc.stderr and "the run stopped, nothing half-written" in proc.stderr
    assert "a bug in policywatch" not in proc.stdout + proc.stderr
