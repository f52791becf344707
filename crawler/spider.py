"""One generic spider: one request per configured source, one item per request."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest

from store import now

from .browser import browser_failure, browser_meta, browser_status, escalation, js_mode
from .errors import Blocked, Broken, FetchFailure, Transient, http_failure
from .extract import Extraction


@dataclass
class Page:
    """What one fetch of a source gave: a response, or the failure that stood in its way."""

    source: dict
    url: str
    started_at: str
    finished_at: str = ""
    final_url: str = ""
    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    failure: FetchFailure | None = None
    fetcher: str = "static"  # or "browser": headless Chromium rendered it
    escalated: str | None = None  # why the static fetch gave way to the browser
    extraction: "Extraction | None" = None  # already extracted (to decide on the browser): not again
    bug: Exception | None = None  # a bug of ours met on the way (recorded by crawler.run)


# Every status reaches the spider to be recorded, except the redirects Scrapy must follow.
_NOT_REDIRECTS = [304, *range(400, 600)]


class PolicySpider(scrapy.Spider):
    name = "policies"
    custom_settings: dict = {}

    # Set by the caller: the sources to fetch, and what the store knows of each.
    sources: list[dict] = []
    conditional: dict[str, dict | None] = {}  # store.latest_snapshots
    state: dict[str, dict] = {}  # store.fetch_state: which fetcher got each source last time
    fingerprints: dict[str, str] = {}  # store.text_fingerprints: the current texts' fingerprints
    crawl_config: dict = {}

    async def start(self):
        for source in self.sources:
            try:
                request = self._request(source)
            except Exception as error:
                # A bug of ours: raised here, it would end the crawl of every source after it.
                self.on_page(self._bug({"source": source}, error))
                continue
            yield request

    def _request(self, source: dict) -> scrapy.Request:
        if js_mode(source) is True:
            return self._browser_request(source, now(), None)
        headers = {}
        latest = self.conditional.get(source["id"]) or {}
        if self.state.get(source["id"], {}).get("fetcher") == "browser":
            latest = {}  # the browser's validators say nothing of the page's static HTML
        if latest.get("etag"):
            headers["If-None-Match"] = latest["etag"]
        if latest.get("last_modified"):
            headers["If-Modified-Since"] = latest["last_modified"]
        return scrapy.Request(
            source["url"],
            headers=headers,
            callback=self.parse,
            errback=self.failed,
            dont_filter=True,  # two sources may share a URL
            meta={"source": source, "started_at": now(), "handle_httpstatus_list": _NOT_REDIRECTS},
        )

    def parse(self, response):
        meta = response.meta
        try:
            page, escalate = self._read(response)
            # Same URL, same crawl, through the browser; only its result is recorded.
            out = self._browser_request(page.source, page.started_at, escalate) if escalate else page
        except Exception as error:
            # A bug of ours: raised, Scrapy would drop the page without a word.
            out = self._bug(meta, error)
        yield out

    def _read(self, response) -> tuple[Page, str | None]:
        """The page a response gives, and why it should go to the browser (None: it should not)."""
        meta = response.meta
        # In the browser, the document finally shown (a challenge reloads into the policy).
        status = (meta.get("playwright") and browser_status(meta)) or response.status
        page = Page(
            source=meta["source"], url=meta["source"]["url"], started_at=meta["started_at"],
            finished_at=now(), final_url=response.url, status=status,
            headers={k.decode().lower(): v[0].decode("latin-1") for k, v in response.headers.items() if v},
            body=response.body,
        )
        page.failure = http_failure(status, page.headers.get("retry-after")) or _redirect_failure(
            page.url, response.url, meta.get("redirect_urls")
        )
        page.fetcher = _fetcher(meta)
        page.escalated = meta.get("escalated")
        if page.fetcher == "static" and js_mode(page.source) == "auto":
            from .pipeline import extract_source  # the pipeline imports this module

            reason, page.extraction = escalation(
                page.source, page.status, page.headers, page.body, page.final_url, page.failure,
                self.state.get(page.source["id"], {}),
                lambda *args: extract_source(*args, known=self.fingerprints.get(page.source["id"])),
            )
            return page, reason
        return page, None

    def failed(self, failure):
        request = failure.request
        fetcher = _fetcher(request.meta)
        try:
            page = Page(
                source=request.meta["source"], url=request.url,
                started_at=request.meta.get("started_at") or now(), finished_at=now(),
                failure=((fetcher == "browser" and browser_failure(failure.value))
                         or _network_failure(failure.value)),
                fetcher=fetcher, escalated=request.meta.get("escalated"),
            )
        except Exception as error:
            page = self._bug(request.meta, error)
        yield page

    def _bug(self, meta: dict, error: Exception) -> Page:
        """The page of a source this spider failed on, carrying the bug: recorded as the page's
        failure (crawler.run)."""
        source = meta["source"]
        return Page(source=source, url=source["url"], started_at=meta.get("started_at") or now(),
                    finished_at=now(), bug=error, fetcher=_fetcher(meta), escalated=meta.get("escalated"))

    def _browser_request(self, source: dict, started_at: str, escalated: str | None):
        return scrapy.Request(
            source["url"], callback=self.parse, errback=self.failed, dont_filter=True,
            meta={"source": source, "started_at": started_at, "escalated": escalated,
                  "handle_httpstatus_list": _NOT_REDIRECTS, **browser_meta(source, self.crawl_config)},
        )


def _fetcher(meta: dict) -> str:
    """Who fetched a request's page: "browser" (headless Chromium) or "static"."""
    return "browser" if meta.get("playwright") else "static"


# A policy URL that now redirects here has lost its page: the site sends people to log in, or
# to its home page. That is a broken source, not a policy whose text was deleted.
_LOGIN = re.compile(r"(^|[/_.-])(log-?in|sign-?in|signon|auth|account/login|sso)([/_.?-]|$)", re.I)


def _redirect_failure(url: str, final_url: str, redirects) -> FetchFailure | None:
    if not redirects or final_url == url:
        return None
    final = urlsplit(final_url)
    if final.path in ("", "/") and urlsplit(url).path not in ("", "/"):
        return Broken(f"redirected to the home page {final_url}")
    if _LOGIN.search(final.path):
        return Broken(f"redirected to a login page {final_url}")
    return None


def _network_failure(error: BaseException) -> FetchFailure:
    """Classify what stood between us and a response; the reason reads well in one line."""
    name = type(error).__name__
    message = " ".join((str(error) or name).split())
    lower = message.lower()
    if isinstance(error, IgnoreRequest):
        response = getattr(error, "response", None)
        if "robots.txt" in lower:
            return Blocked("robots.txt disallows this URL")
        if response is not None and 300 <= response.status < 400:
            location = response.headers.get("Location", b"").decode("latin-1")
            return Broken(f"HTTP {response.status} redirect to {location or 'nowhere'} not followed")
        if "max redirections" in lower:
            return Broken("too many redirects (a redirect loop?)")
        if "download_maxsize" in lower or "max size" in lower:
            return Broken(f"body too large: {message}")
        return Broken(message)
    if "timeout" in name.lower() or "timed out" in lower:
        return Transient("timeout")
    if "max size" in lower or "maxsize" in lower:
        return Broken(f"body too large: {message}")
    if "dns" in name.lower() or "resolve" in name.lower() or "dns lookup" in lower:
        return Transient(message if lower.startswith("dns") else f"DNS lookup failed: {message}")
    if "ConnectionRefused" in name:
        return Transient("connection refused")
    if "ssl" in lower or "tls" in lower:
        detail = re.findall(r"'([^']*[a-z][^']*)'\)\]", message)
        return Transient("TLS error" + (f": {detail[-1]}" if detail else ""))
    if any(word in name for word in ("ConnectionLost", "ResponseFailed", "DataLoss")) or "reset" in lower:
        return Transient("connection lost before the page was complete")
    return Transient(f"{name}: {message}")
