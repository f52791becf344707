"""Scrapy settings for a polite policy crawler, built from the [crawl] table of config.toml."""

# The [crawl] table: key -> (type, default).
CONFIG = {
    "user_agent": (str, "policywatch/0.1 (+https://github.com/policywatch/policywatch)"),
    "download_delay": (float, 1.0),  # seconds between requests to one domain
    "timeout": (float, 30.0),  # seconds; Scrapy's 180 s outlives a service manager's stop
    "max_size": (int, 10 * 1024 * 1024),  # bytes; bigger bodies are refused
    "obey_robots": (bool, True),
    # Headless Chromium for pages built by JavaScript (crawler/browser.py; `js` on a source).
    "browser_path": (str, "/usr/bin/chromium"),
    "browser_pages": (int, 2),  # pages open at once in the one browser (0 counts as 1)
    "browser_timeout": (float, 30.0),  # seconds to load a page
    "browser_wait": (float, 10.0),  # seconds to wait, once loaded, for its text to appear
}


def scrapy_settings(crawl: dict) -> dict:
    """Scrapy settings from a validated [crawl] table (missing keys take their defaults)."""
    conf = {key: crawl.get(key, default) for key, (_, default) in CONFIG.items()}
    return {
        "BOT_NAME": "policywatch",
        "USER_AGENT": conf["user_agent"],
        "ROBOTSTXT_OBEY": conf["obey_robots"],
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": conf["download_delay"],
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
    }
