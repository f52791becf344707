"""What a crawl's start-up spares itself (bench/crawl.py measures it; nothing is timed here)."""

import json

from conftest import run_script

# A crawl in a child process (the reactor cannot be restarted), inspect's frame lookups counted.
CHILD = """
import inspect, json, sys
import crawler
from scheduler import reactor
from store import Store

calls = []
real_stack, real_getmodule = inspect.stack, inspect.getmodule

def counted_stack(context=1):
    calls.append("stack")
    return real_stack(context)

def counted_getmodule(thing, _filename=None):
    calls.append("getmodule")
    return real_getmodule(thing, _filename)

inspect.stack, inspect.getmodule = counted_stack, counted_getmodule
with Store(sys.argv[1]) as store:
    outcomes = reactor.run(lambda: crawler.crawl(json.loads(sys.argv[2]), store, {"download_delay": 0}))
from scrapy.core.downloader import contextfactory, tls
print(json.dumps({
    "outcomes": [o.status for o in outcomes], "calls": calls,
    "restored": inspect.stack is counted_stack and inspect.getmodule is counted_getmodule,
    "modules": [contextfactory.ScrapyClientContextFactory.__module__,
                contextfactory.AcceptableProtocolsContextFactory.__module__,
                tls.ScrapyClientTLSOptions.__module__],
}))
"""


def test_scrapys_http_handler_is_imported_without_walking_the_whole_stack(site, tmp_path):
    url = site.put("privacy.html", "<html><body><main><h1>Acme Privacy</h1><p>We keep your e-mail"
                                   " address for a year.</p></main></body></html>")
    result = run_script(CHILD, str(tmp_path / "pw.db"), json.dumps([{"id": "acme", "url": url, "select": "main"}]))
    assert result["outcomes"] == ["new"]
    # Scrapy's deprecated aliases in these modules each called inspect.stack() and getmodule() at
    # import (39 ms in all, crawler.settings.import_http_handler); they still name their modules.
    assert result["calls"] == []
    assert result["restored"]
    assert result["modules"] == ["scrapy.core.downloader.contextfactory",
                                 "scrapy.core.downloader.contextfactory", "scrapy.core.downloader.tls"]
