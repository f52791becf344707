"""The lean crawl process: what it does not load or open, what it does not print, and the bulk
reads it starts with, which must say what the per-source reads say."""

import json

from conftest import rows, run_script, write_config
from store import Store

PAGE = ("<!DOCTYPE html><html><head><title>Acme</title></head><body><main><h1>Acme Privacy</h1>"
        + "".join(f"<p>Clause {n}: we keep the e-mail address you give us for {n} months to run your"
                  " account.</p>" for n in range(1, 12))
        + "</main></body></html>")

# A crawl in a child process (the reactor cannot be restarted), then what it loaded.
CHILD = """
import json, sys
import crawler
from scheduler import reactor
from store import Store

sources = json.loads(sys.argv[2])
with Store(sys.argv[1]) as store:
    outcomes = reactor.run(lambda: crawler.crawl(sources, store, {"download_delay": 0}))
loaded = sorted(m for m in ("aiohttp", "tldextract", "numpy", "scrapy.extensions.telnet",
                            "scrapy.extensions.remote_control", "scrapy.downloadermiddlewares.cookies",
                            "trafilatura", "scrapy_playwright", "playwright", "pdfminer")
                if m in sys.modules)
import numpy  # hidden from sqlite-utils only: whoever needs it later gets it
print(json.dumps({"outcomes": [o.status for o in outcomes], "loaded": loaded, "numpy": numpy.__name__}))
"""


def test_a_crawl_loads_no_control_port_nor_unused_components(site, tmp_path):
    url = site.put("privacy.html", PAGE)
    result = run_script(CHILD, str(tmp_path / "pw.db"), json.dumps([{"id": "acme", "url": url, "select": "main"}]))
    assert result["outcomes"] == ["new"]
    # No telnet console, no remote-control server (nor aiohttp, which it runs on), no cookies
    # middleware (nor tldextract), no numpy through sqlite-utils.
    assert result["loaded"] == []
    assert result["numpy"] == "numpy"


def test_crawl_prints_one_line_per_source_and_the_summary_only(site, tmp_path, cli):
    # Scrapy warns, per run, that the redirect middlewares found no Referer middleware (off on
    # purpose): with LOG_ENABLED off, those warnings must not reach the user's terminal.
    config = write_config(tmp_path / "config.toml", [{"id": "acme", "url": site.put("p.html", PAGE),
                                                       "select": "main"}], tmp_path / "pw.db")
    for expected in ("new", "unchanged"):
        proc = cli("--config", str(config), "crawl")
        assert proc.stdout.split() == ["acme", expected]
        assert proc.stderr.strip().splitlines() == [
            f"1 sources: {int(expected == 'new')} new, {int(expected == 'unchanged')} unchanged, 0 changed, 0 failed"]


def test_bulk_reads_say_what_the_per_source_reads_say(site, tmp_path, cli):
    pages = {"a": site.put("a.html", PAGE), "b": site.put("b.html", PAGE.replace("Acme", "Bcme")),
             "gone": f"{site.url}/missing.html"}
    sources = [{"id": sid, "url": url, "select": "main"} for sid, url in pages.items()]
    config = write_config(tmp_path / "config.toml", sources, tmp_path / "pw.db")
    cli("--config", str(config), "crawl")
    site.edit("a.html", "Clause 3:", "Clause three:")
    cli("--config", str(config), "crawl")
    site.edit("a.html", "Clause three:", "Clause 3:")  # back to the first bytes (an older row)
    cli("--config", str(config), "crawl")
    with Store(tmp_path / "pw.db") as store:
        ids = ["a", "b", "gone", "never-crawled"]
        bulk = store.latest_snapshots(ids)
        assert bulk == {i: store.latest_snapshot(i) for i in ids}
        assert bulk["a"]["id"] == store.fetches("a")[-1]["snapshot_id"]  # the page fetched last
        assert bulk["never-crawled"] is None
        assert {i: store.recording_state(i) for i in ids} == {
            i: (store.latest_snapshot(i), store.text_fingerprint(i)) for i in ids}
        state = store.fetch_state(ids)
        # The snapshot the spider compares with is the one the pipeline compares with: the page
        # fetched last (A after A, B, A), not the newest row (B).
        assert {i: s["snapshot_sha256"] for i, s in state.items()} == {i: b and b["sha256"] for i, b in bulk.items()}
        assert state["a"]["version_sha256"] == store.current_version("a")["sha256"]
        assert state["b"]["fetcher"] == "static"
        assert state["never-crawled"] == {"snapshot_sha256": None, "fetcher": None, "version_sha256": None}


# Two passes in one child; the SQL of the second traced.
TRACED = """
import json, sys
import crawler
from scheduler import reactor
from store import Store

sources, edits = json.loads(sys.argv[2]), json.loads(sys.argv[3])
statements = []

async def two_passes(store):
    await crawler.crawl(sources, store, {"download_delay": 0})
    for path, old, new in edits:
        text = open(path).read()
        open(path, "w").write(text.replace(old, new))
    store.db.conn.set_trace_callback(statements.append)
    return await crawler.crawl(sources, store, {"download_delay": 0})

with Store(sys.argv[1]) as store:
    outcomes = reactor.run(lambda: two_passes(store))
print(json.dumps({"outcomes": [o.status for o in outcomes], "statements": statements}))
"""


def test_a_page_reads_its_source_once_and_writes_no_update(site, tmp_path):
    # Pages whose footer changed (new bytes, same text): recording each reads what the store
    # knows of its source (latest snapshot, text fingerprint) in one statement, inside its
    # transaction; the fetcher is written with the snapshot, not by an UPDATE after it.
    noisy = PAGE.replace("</main>", "</main><footer>built at 10:00</footer>")
    urls = [site.put(f"p{n}.html", noisy.replace("Acme", f"Acme{n}")) for n in range(4)]
    sources = [{"id": f"s{n}", "url": url, "select": "main"} for n, url in enumerate(urls)]
    edits = [[str(site.root / f"p{n}.html"), "built at 10:00", "built at 10:05"] for n in range(4)]
    result = run_script(TRACED, str(tmp_path / "pw.db"), json.dumps(sources), json.dumps(edits))
    assert result["outcomes"] == ["unchanged"] * 4
    statements = [" ".join(s.lower().split()) for s in result["statements"]]
    per_page = [s for s in statements if "join text_fingerprints" in s and "s.etag" in s]
    assert len(per_page) == 4  # one state read a page
    assert not [s for s in statements if "from fetches f join snapshots s" in s]  # no latest_snapshot
    assert not [s for s in statements if s.startswith("update snapshots set fetcher")]
    assert sum(s.startswith("insert into [fetches]") for s in statements) == 4


def test_a_source_named_twice_is_fetched_once(site, tmp_path, cli):
    config = write_config(tmp_path / "config.toml", [{"id": "acme", "url": site.put("p.html", PAGE),
                                                       "select": "main"}], tmp_path / "pw.db")
    proc = cli("--config", str(config), "crawl", "--source", "acme", "--source", "acme")
    assert proc.stdout.split() == ["acme", "new"]
    assert len(rows(tmp_path / "pw.db", "select id from fetches")) == 1
