"""A bug of policywatch's own while recording one page (an exception that is neither a page
failure nor a database error) is a recorded failure naming the error, with its traceback on
standard error; the other sources are recorded as usual.

No real page is known to trigger such a bug (each one found is fixed), so the test injects one:
the child process replaces the step that records a new text by one that raises for one source.
Everything else is real: the HTTP server, the crawl, the SQLite file."""

import subprocess
import sys

import pytest

from conftest import ROOT, rows, write_config

# Replaces `step` of crawler.pipeline by one that raises for the source "bad".
FAULTY_CRAWL = """
import sys
import crawler.pipeline as pipeline

step = sys.argv.pop(1)
real = getattr(pipeline, step)

def faulty(*args, **kwargs):
    source = args[0] if step == "extract_source" else args[2].source
    if source["id"] == "bad":
        raise ValueError("injected fault")
    return real(*args, **kwargs)

setattr(pipeline, step, faulty)
from scheduler.cli import main
sys.argv[0] = "policywatch"
main()
"""

PAGE = "<html><body><main><h1>Privacy</h1><p>We collect your {what}.</p></main></body></html>"


# extract_source: while extracting (in the spider, which extracts to decide on the browser, and
# in the pipeline); _new_text: while recording a new text.
@pytest.mark.parametrize("step", ["extract_source", "_new_text"])
def test_a_bug_on_one_page_is_a_recorded_failure_and_the_rest_go_on(site, tmp_path, crawl, step):
    db = tmp_path / "pw.db"
    sources = [{"id": "bad", "url": site.put("bad.html", PAGE.format(what="name")), "select": "main"},
               {"id": "good", "url": site.put("good.html", PAGE.format(what="name")), "select": "main"}]
    config = write_config(tmp_path / "config.toml", sources, db)
    assert crawl(config) == {"bad": "new", "good": "new"}
    site.edit("bad.html", "name", "location")
    site.edit("good.html", "name", "location")

    proc = subprocess.run([sys.executable, "-c", FAULTY_CRAWL, step, "--config", str(config), "crawl"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split(None, 1) for line in proc.stdout.splitlines())
    assert lines["good"].startswith("changed:")
    assert lines["bad"].startswith("failed: policywatch failed on this page: ValueError: injected fault")
    assert "2 sources: 0 new, 0 unchanged, 1 changed, 1 failed" in proc.stderr
    # The traceback says where, for a bug report.
    assert "ERROR policywatch.crawl: policywatch failed on the page of source 'bad'" in proc.stderr
    assert "Traceback" in proc.stderr and ", in faulty\nValueError: injected fault" in proc.stderr
    [fetch] = rows(db, "select * from fetches where source_id = 'bad' order by id desc limit 1")
    assert fetch["outcome"] == "failed" and fetch["error_class"] == "broken"
    assert "ValueError: injected fault" in fetch["reason"]
    # Nothing half-written: the page's transaction was rolled back, so no new version.
    assert len(rows(db, "select id from versions where source_id = 'bad'")) == 1
    assert len(rows(db, "select id from versions where source_id = 'good'")) == 2
