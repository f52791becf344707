"""What Scrapy alone costs per page, under policywatch's crawl settings: the floor below which
`policywatch crawl` cannot go while Scrapy fetches its pages.

    python bench/scrapy_floor.py [--pages 1000] [--runs 3]

Starts bench/pages.py (the pages of bench/crawl.py) and runs, each in a fresh process, a spider
whose callback does nothing, with the settings `policywatch crawl` uses (bench mode: no
politeness delay): once with Scrapy's HTTP/1.1 download handler (Twisted's HTTP client, what
policywatch uses) and once with Scrapy 2.19's aiohttp handler (marked experimental by Scrapy,
not used by policywatch), for comparison. Prints CPU per page above a one-page run (start-up
and import), and that start-up. Compare with bench/crawl.py's per-page figures: the rest is
policywatch's own work (extraction, storage, diff).
"""

import argparse
import json
import statistics
import sys

from crawl import INSTALLED_ENV, ROOT, Server, measure, url

HANDLERS = {
    "twisted (HTTP/1.1, policywatch's)": None,
    "aiohttp (experimental in Scrapy)": "scrapy.core.downloader.handlers._aiohttp.AiohttpDownloadHandler",
}

CHILD = """
import json, sys
from scheduler import reactor
reactor.install()
import scrapy
from scrapy.crawler import AsyncCrawlerRunner
from crawler.settings import import_http_handler, scrapy_settings

urls, handler = json.loads(sys.argv[1]), sys.argv[2]
settings = scrapy_settings({"download_delay": 0})
if handler:
    settings["DOWNLOAD_HANDLERS"] = {**settings["DOWNLOAD_HANDLERS"], "http": handler, "https": handler}
statuses = []
import_http_handler()  # as `policywatch crawl` does

class Nothing(scrapy.Spider):
    name = "nothing"

    async def start(self):
        for u in urls:
            yield scrapy.Request(u, dont_filter=True, callback=self.parse, errback=self.failed)

    def parse(self, response):
        statuses.append(len(response.body))
        return []

    def failed(self, failure):
        statuses.append(repr(failure.value)[:200])

reactor.run(lambda: AsyncCrawlerRunner(settings).crawl(Nothing))
bad = [s for s in statuses if not isinstance(s, int) or s == 0]
print(json.dumps({"pages": len(statuses), "failed": bad[:3]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = Server(args.pages, args.hosts)
    urls = [url(server.port, args.hosts, p) for p in range(args.pages)]
    try:
        print(f"Scrapy alone, a do-nothing spider, {args.pages} pages over {args.hosts} loopback hosts, "
              f"policywatch's settings (bench mode: no politeness delay); median of {args.runs} runs")
        print(f"{'download handler':38}  {'start-up CPU':>12}  {'CPU per page above it':>22}")
        for name, handler in HANDLERS.items():
            start = [cpu(urls[:1], handler) for _ in range(args.runs)]
            full = [cpu(urls, handler) for _ in range(args.runs)]
            per_page = (statistics.median(full) - statistics.median(start)) / max(1, args.pages - 1)
            print(f"{name:38}  {statistics.median(start):>10.3f} s  {1000 * per_page:>19.3f} ms")
    finally:
        server.close()


def cpu(urls: list[str], handler: str | None) -> float:
    """CPU seconds of one child process fetching `urls` (bench/crawl.py's `measure`)."""
    run = measure([sys.executable, "-c", CHILD, json.dumps(urls), handler or ""], ROOT, INSTALLED_ENV)
    result = json.loads(run["out"].strip().splitlines()[-1])
    if result["pages"] != len(urls) or result["failed"]:
        raise SystemExit(f"not every page was fetched: {result}")
    return run["cpu"]


if __name__ == "__main__":
    main()
