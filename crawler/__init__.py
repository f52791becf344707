"""Fetching policy pages with Scrapy and recording what they say.

    outcomes = await crawler.crawl(sources, store, crawl_config)   # on the asyncio reactor
    markdown = crawler.extract(html_bytes, select="main", remove=[".banner"])
"""

from .errors import Blocked, Broken, ExtractionError, FetchFailure, Transient
from .oneshot import fetch as fetch_page
from .extract import EXTRACTOR_VERSION, extract
from .pipeline import Outcome, record, reextract
from .rules import rule_error
from .run import Stopper, crawl
from .settings import CONFIG

__all__ = [
    "CONFIG", "EXTRACTOR_VERSION", "Blocked", "Broken", "ExtractionError", "FetchFailure",
    "Outcome", "Stopper", "Transient", "crawl", "extract", "fetch_page", "record", "reextract",
    "rule_error",
]
