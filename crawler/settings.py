"""Scrapy settings for a polite policy crawler, built from the [crawl] table of config.toml."""

# The [crawl] table: key -> (type, default).
CONFIG = {
    "user_agent": (str, "policywatch/0.1 (+https://github.com/policywatch/policywatch)"),
    "download_delay": (float, 1.0),  # seconds between requests to one domain
    "timeout": (float, 30.0),  # seconds; Scrapy's 180 s outlives a service manager's stop
    "max_size": (int, 10 * 1024 * 1024),  # bytes; bigger bodies are refused
    "obey_robots": (bool, True),
    "max_retry_wait": (float, 30.0),  # seconds: the cap on a Retry-After before the retry
    # Headless Chromium for pages built by JavaScript (crawler/browser.py; `js` on a source).
    "browser_path": (str, "/usr/bin/chromium"),
    "browser_pages": (int, 2),  # pages open at once in the one browser (0 counts as 1)
    "browser_timeout": (float, 30.0),  # seconds to load a page
    "browser_wait": (float, 10.0),  # seconds to wait, once loaded, for its text to appear
}


# Scrapy 2.19 on the asyncio reactor starts a slot's downloads as tasks that only mark
# themselves "transferring" once they run, so with a zero delay its queue loop sees free room and
# starts every queued request of a domain at once (CONCURRENT_REQUESTS_PER_DOMAIN ignored).
# With any delay it starts one request and re-checks after the delay, once that request counts.
# A millisecond keeps one request at a time per domain (tests/test_perf_politeness.py).
MIN_DELAY = 0.001


# Per-request machinery a policy crawler does not use: one request per source, no links
# followed, no retries, no cookies, no proxies' auth, no feeds. Each costs CPU on every page.
LEAN = {
    # One item per response: Scrapy's default (100) starts 100 asyncio tasks for every page.
    "CONCURRENT_ITEMS": 1,
    # Our callbacks are known; the check parses their source code with `ast`.
    "WARN_ON_GENERATOR_RETURN_VALUE": False,
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,  # no allowed_domains
        "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,  # RETRY_ENABLED is off
        "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,  # COOKIES_ENABLED is off
        # Its response-size stat copies every body into a new bytes object.
        "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
        "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    },
    "SPIDER_MIDDLEWARES": {  # they act on requests that responses lead to: there are none
        "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
        "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
        "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
        "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
    },
    "EXTENSIONS": {
        "scrapy.extensions.memusage.MemoryUsage": None,
        "scrapy.extensions.memdebug.MemoryDebugger": None,
        "scrapy.extensions.closespider.CloseSpider": None,
        "scrapy.extensions.feedexport.FeedExporter": None,
        "scrapy.extensions.logstats.LogStats": None,
        "scrapy.extensions.spiderstate.SpiderState": None,
        "scrapy.extensions.throttle.AutoThrottle": None,
    },
}


def scrapy_settings(crawl: dict) -> dict:
    """Scrapy settings from a validated [crawl] table (missing keys take their defaults)."""
    conf = {key: crawl.get(key, default) for key, (_, default) in CONFIG.items()}
    return {
        "BOT_NAME": "policywatch",
        "USER_AGENT": conf["user_agent"],
        "ROBOTSTXT_OBEY": conf["obey_robots"],
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": max(conf["download_delay"], MIN_DELAY),
        "DOWNLOAD_DELAY_JITTER": 0,
        "DOWNLOAD_TIMEOUT": min(conf["timeout"], 60),
        "DOWNLOAD_MAXSIZE": conf["max_size"],
        "DOWNLOAD_WARNSIZE": 0,
        "REDIRECT_MAX_TIMES": 10,
        # Failures are recorded as data; retrying is the run's decision, not the downloader's.
        "RETRY_ENABLED": False,
        "COOKIES_ENABLED": False,
        # A daemon that reads the web must not open a code-running control port.
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        # Only http(s) is ever fetched: no file:, ftp:, s3: or data: even by mistake.
        "DOWNLOAD_HANDLERS": {"file": None, "ftp": None, "s3": None, "data": None},
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "LOG_ENABLED": False,
        "ITEM_PIPELINES": {"crawler.pipeline.RecordPipeline": 100},
        **LEAN,
    }
