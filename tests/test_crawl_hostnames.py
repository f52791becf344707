"""The per-process cache of host names' IDNA encoding (crawler/hostnames.py): in front of Scrapy's
patched function wherever Twisted binds it, used by a crawl, and giving what the uncached
function gives, errors included. Each test runs in a child: the patch is process-wide."""

import json

from conftest import run_script

PAGE = "<html><body><main><h1>Acme Privacy</h1><p>We keep your e-mail address.</p></main></body></html>"

# Hosts of every kind: plain, upper case, IDNA 2008 and 2003 only (emoji), already punycode,
# an underscore, an IP address, and bad ones (a colon, a space, a label too long, none).
HOSTS = ["example.com", "EXAMPLE.com", "bücher.de", "xn--bcher-kva.de", "😀.example", "a_b.example.com",
         "127.0.0.1", "::1", "exa mple.com", "a" * 64 + ".com", "", "example..com"]

SAME = """
import json, sys
from crawler.settings import import_http_handler
import_http_handler()
import_http_handler()  # twice: nothing wrapped twice
from scrapy.core.downloader._idna_patch import _patched_idna_bytes
from twisted.internet import endpoints

def outcome(encode, host):
    try:
        return ["ok", encode(host).decode("ascii")]
    except Exception as error:
        return [type(error).__name__, str(error)]

cached = endpoints._idnaBytes
bound = sorted(name for name, module in list(sys.modules.items())
               if name.startswith("twisted.") and hasattr(module, "_idnaBytes"))
print(json.dumps({
    "wraps_scrapys": cached.__wrapped__ is _patched_idna_bytes,
    "unwrapped_twice": not hasattr(cached.__wrapped__, "__wrapped__"),
    "everywhere": {name: sys.modules[name]._idnaBytes is cached for name in bound},
    "same": [[outcome(_patched_idna_bytes, h), outcome(cached, h), outcome(cached, h)] for h in json.loads(sys.argv[1])],
}))
"""


def test_the_cache_stands_wherever_twisted_binds_the_encoding_and_gives_the_same_answers():
    result = run_script(SAME, json.dumps(HOSTS))
    assert result["wraps_scrapys"] and result["unwrapped_twice"]
    # Every module of Twisted that binds the function (a new one in a Twisted upgrade fails here).
    assert result["everywhere"] == {name: True for name in ("twisted.internet._idna", "twisted.internet._resolver",
                                                            "twisted.internet._sslverify", "twisted.internet.endpoints")}
    for host, (uncached, first, again) in zip(HOSTS, result["same"]):
        assert first == uncached and again == uncached, host
    outcomes = dict(zip(HOSTS, (u for u, _, _ in result["same"])))
    assert outcomes["😀.example"] == ["ok", "xn--e28h.example"]  # Scrapy's fallback kept
    assert outcomes["::1"][0] == outcomes["exa mple.com"][0] == "UnicodeError"  # errors kept


CRAWL = """
import json, sys
import crawler
from scheduler import reactor
from store import Store
from twisted.internet import endpoints

sources = json.loads(sys.argv[2])
with Store(sys.argv[1]) as store:
    outcomes = reactor.run(lambda: crawler.crawl(sources, store, {"download_delay": 0}))
info = endpoints._idnaBytes.cache_info()
print(json.dumps({"outcomes": [o.status for o in outcomes], "hits": info.hits, "misses": info.misses}))
"""


def test_a_crawl_encodes_each_host_once(site, tmp_path):
    sources = [{"id": f"s{n}", "url": site.put(f"p{n}.html", PAGE), "select": "main"} for n in range(3)]
    result = run_script(CRAWL, str(tmp_path / "pw.db"), json.dumps(sources))
    assert result["outcomes"] == ["new"] * 3
    # One host (127.0.0.1): encoded once, then read from the cache for robots.txt and each page.
    assert result["misses"] == 1
    assert result["hits"] >= 3
