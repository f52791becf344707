"""Scrapy settings for a polite policy crawler, built from the [crawl] table of config.toml."""

# A module of plain values (strings naming the components): `import crawler` has loaded it anyway.
from scrapy.settings import default_settings

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
# A millisecond was not always enough: under load, two requests to one host were once seen at
# once in ~30 runs of the test suite (tests/test_perf_politeness.py; likely the queue loop ran
# again before the first request's task did). Five milliseconds leave that race five times the
# room and are still far below a request's own time (~25 ms a page per host in bench/crawl.py),
# so the pace of a crawl without delay does not change.
MIN_DELAY = 0.005


# Per-request machinery a policy crawler does not use: one request per source, no links
# followed, no retries, no cookies, no proxies' auth, no feeds, no stats. Each costs CPU on every
# page. The components are listed in full in the `_BASE` settings rather than switched off by
# `None` in DOWNLOADER_MIDDLEWARES & co.: Scrapy imports every key of those to match it with the
# base entries, so `None` still cost the imports (the cookies middleware pulls in tldextract and
# requests, the remote-control extension aiohttp: 0.1 s of every run's start-up).
# The lists are Scrapy's own minus these, so a component a Scrapy upgrade adds is kept, not
# dropped unseen (tests/test_crawl_settings.py names today's lists and fails when they change).
LEFT_OUT = {
    "DOWNLOADER_MIDDLEWARES_BASE": {
        "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": "no allowed_domains",
        "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": "no spider credentials (http_user)",
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": "RETRY_ENABLED is off",
        "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": "COOKIES_ENABLED is off",
        "scrapy.downloadermiddlewares.stats.DownloaderStats":
            "its response-size stat copies every body into a new bytes object",
        "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": "HTTPCACHE is off: every fetch must reach the site",
    },
    # They act on the requests that responses lead to, and there are none.
    "SPIDER_MIDDLEWARES_BASE": {
        "scrapy.spidermiddlewares.referer.RefererMiddleware": "no requests from responses",
        "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": "no requests from responses",
        "scrapy.spidermiddlewares.depth.DepthMiddleware": "no requests from responses",
        "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": "no requests from responses",
    },
    # One extension is kept, LogCount: its handler on the root logger during a crawl is what
    # keeps Scrapy's warnings (LOG_ENABLED is off) from reaching stderr through Python's
    # last-resort handler in `policywatch crawl`.
    "EXTENSIONS_BASE": {
        # Code-running ports a daemon that reads the web must not open (also switched off below).
        "scrapy.extensions.telnet.TelnetConsole": "a code-running port",
        "scrapy.extensions.remote_control.RemoteControl": "a code-running port",
        "scrapy.extensions.corestats.CoreStats": "nothing reads Scrapy's stats",
        "scrapy.extensions.memusage.MemoryUsage": "no memory limit or report is set",
        "scrapy.extensions.memdebug.MemoryDebugger": "MEMDEBUG is off",
        "scrapy.extensions.closespider.CloseSpider": "no CLOSESPIDER_* limit is set",
        "scrapy.extensions.feedexport.FeedExporter": "items go to the store, not to feeds",
        "scrapy.extensions.logstats.LogStats": "nothing reads Scrapy's stats",
        "scrapy.extensions.spiderstate.SpiderState": "no JOBDIR: a crawl is never paused and resumed",
        "scrapy.extensions.throttle.AutoThrottle": "AUTOTHROTTLE is off: download_delay sets the pace",
    },
}


# Scrapy's components that ours replace, in the same place of the chain: the same work done for
# less CPU a page (the figures are in each module).
REPLACED = {
    "DOWNLOADER_MIDDLEWARES_BASE": {
        # Rules out a meta refresh from the bytes before decoding the page: 8 against 27 us a page.
        "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": "crawler.redirect.MetaRefreshMiddleware",
    },
}


def _kept(name: str) -> dict:
    """Scrapy's `name` components (module paths only: none is imported) but those LEFT_OUT, and
    ours in place of those REPLACED."""
    replaced = REPLACED.get(name, {})
    return {replaced.get(path, path): order for path, order in getattr(default_settings, name).items()
            if path not in LEFT_OUT[name]}


LEAN = {
    # One item per response: Scrapy's default (100) starts 100 asyncio tasks for every page.
    "CONCURRENT_ITEMS": 1,
    # Our callbacks are known; the check parses their source code with `ast`.
    "WARN_ON_GENERATOR_RETURN_VALUE": False,
    # Nothing reads Scrapy's stats (LOG_ENABLED is off): every component bumps counters per page.
    "STATS_CLASS": "scrapy.statscollectors.DummyStatsCollector",
    **{name: _kept(name) for name in LEFT_OUT},
    "DOWNLOADER_MIDDLEWARES": {},
    "SPIDER_MIDDLEWARES": {},
    "EXTENSIONS": {},
}


def with_defaults(crawl: dict | None) -> dict:
    """The [crawl] table with every key: those missing take their CONFIG default (a caller may
    pass only the keys it sets, as the tests and `compare` do)."""
    return {key: (crawl or {}).get(key, default) for key, (_, default) in CONFIG.items()}


def scrapy_settings(crawl: dict) -> dict:
    """Scrapy settings from a validated [crawl] table (missing keys take their defaults)."""
    conf = with_defaults(crawl)
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
        # Only http(s) is ever fetched: no file:, ftp:, s3: or data: even by mistake, nor any
        # scheme a Scrapy upgrade adds.
        "DOWNLOAD_HANDLERS": {scheme: None for scheme in default_settings.DOWNLOAD_HANDLERS_BASE
                              if scheme not in ("http", "https")},
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "LOG_ENABLED": False,
        "ITEM_PIPELINES": {"crawler.pipeline.RecordPipeline": 100},
        **LEAN,
    }


def import_http_handler() -> None:
    """Import Scrapy's HTTP/1.1 download handler (and its TLS modules) with quick frame lookups,
    before Scrapy imports it for the first request.

    Those modules define three deprecated aliases with Scrapy's `create_deprecated_class`, which
    calls `inspect.stack()` and `inspect.getmodule(frame)` only to learn its caller's module.
    inspect.stack reads the source line of every frame on the stack and looks each frame up among
    all loaded modules, and getmodule first resolves the path of every loaded module (CPython issue
    92041): 39 ms, a twelfth of a crawl's start-up. During that import, inspect.stack gives the
    same frames without their source lines (as `context=0`) and getmodule takes a frame's module
    from its globals: the aliases get the same module names, in microseconds. The patch is
    process-wide for the length of that import: call it from the reactor's thread (as the crawl
    does), not while other threads run code that calls inspect."""
    import inspect
    import sys

    if "scrapy.core.downloader.handlers.http11" in sys.modules:
        return

    def shallow_stack(context=1):
        frames, frame = [], sys._getframe(1)
        while frame is not None:
            code = frame.f_code
            frames.append(inspect.FrameInfo(frame, code.co_filename, frame.f_lineno, code.co_name, None, None))
            frame = frame.f_back
        return frames

    def module_of(thing, _filename=None):
        if inspect.isframe(thing) and thing.f_globals.get("__name__") in sys.modules:
            return sys.modules[thing.f_globals["__name__"]]
        return getmodule(thing, _filename)

    stack, getmodule = inspect.stack, inspect.getmodule
    inspect.stack, inspect.getmodule = shallow_stack, module_of
    try:
        import scrapy.core.downloader.handlers.http11  # noqa: F401
    finally:
        inspect.stack, inspect.getmodule = stack, getmodule
