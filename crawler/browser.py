"""Pages built by JavaScript: headless Chromium through scrapy-playwright.

A source's `js` key says which fetcher gets its page:

    js = false    Scrapy's HTTP download only
    js = true     the browser only: load the page (at most `browser_timeout`), wait at most
                  `browser_wait` until the `select` selectors hold text, then extract the
                  rendered HTML as usual
    js = "auto"   (the default) the HTTP download first; the browser when that page holds no
                  policy text (a selector miss, an application shell) or looks blocked (403,
                  406, a challenge page)

Resources are bounded: one browser per crawl, started on the first page that needs it (a crawl
of static pages never starts Chromium, nor even Playwright's driver), at most `browser_pages`
pages open at once, each closed after use, a navigation timeout, images, media and fonts never
downloaded, and the browser closed when the crawl ends.
"""

import asyncio

from store import sha256

from .errors import Blocked, ExtractionError, FetchFailure, Transient
from .extract import MIN_GENERIC_CHARS, _as_list, content_kind
from .settings import with_defaults

# Debian's Chromium as root on a closed network: no sandbox (root), no GPU, and none of the
# background connections (updates, sync, field trials) that would fail here at every start.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]
# A page is rendered for its text: these never change it.
_SKIPPED_RESOURCES = {"image", "media", "font"}
# Markers of a page that JavaScript has still to build, looked for in the static HTML.
_SHELL_MARKERS = (
    b'<div id="root"></div>', b'<div id="app"></div>', b'<div id="__next"></div>',
    b'<div id="root"/>', b"<app-root></app-root>", b'<div id="__nuxt"></div>',
)
_NOSCRIPT_HINTS = ("enable javascript", "requires javascript", "javascript is disabled",
                   "javascript is required", "turn on javascript", "activer javascript")
# An application shell may carry a cookie banner or a footer; a policy is longer than this.
SHELL_MAX_CHARS = 1500


class BrowserUnavailable(Transient):
    """Chromium could not be started."""


def js_mode(source: dict):
    """True, False or "auto"."""
    return source.get("js", "auto")


def browser_settings(crawl: dict, sources: list[dict]) -> dict:
    """The Scrapy settings that add the browser, for a crawl of these sources; none when no
    source can use it (all `js = false`)."""
    if all(js_mode(s) is False for s in sources):
        return {}
    crawl = with_defaults(crawl)
    timeout_ms = int(crawl["browser_timeout"] * 1000)
    handler = "crawler.browser.LazyPlaywrightHandler"
    return {
        "_BROWSER_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": crawl["browser_path"],
            "headless": True, "args": CHROMIUM_ARGS, "timeout": timeout_ms,
        },
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": max(1, crawl["browser_pages"]),
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
        "PLAYWRIGHT_ABORT_REQUEST": "crawler.browser.skip_resource",
    }


def apply_browser_settings(settings: dict, crawl: dict, sources: list[dict]) -> dict:
    """`settings` with the browser's download handler and options added (see browser_settings)."""
    extra = browser_settings(crawl, sources)
    handlers = extra.pop("_BROWSER_HANDLERS", {})
    if handlers:
        settings = {**settings, **extra,
                    "DOWNLOAD_HANDLERS": {**settings.get("DOWNLOAD_HANDLERS", {}), **handlers}}
    return settings


def skip_resource(request) -> bool:
    return request.resource_type in _SKIPPED_RESOURCES


class LazyPlaywrightHandler:
    """Scrapy's own HTTP download, and scrapy-playwright's handler for requests with
    `meta["playwright"]`, created on the first of them: a crawl of static pages starts no
    driver and no Chromium, and does not even import scrapy-playwright (a quarter of a second
    of every run's start-up)."""

    lazy = True  # Scrapy builds it on the first request of its scheme

    def __init__(self, crawler):
        from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
        from scrapy.utils.misc import build_from_crawler

        self._crawler = crawler
        self._static = build_from_crawler(HTTP11DownloadHandler, crawler)
        self._browser = None
        self._lock = asyncio.Lock()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def download_request(self, request):
        if not request.meta.get("playwright"):
            return await self._static.download_request(request)
        if self._browser is None:
            async with self._lock:
                if self._browser is None:
                    self._browser = await _start_browser(self._crawler)
        return await self._browser.download_request(request)

    async def close(self) -> None:
        await self._static.close()
        if self._browser is not None:
            await self._browser.close()


async def _start_browser(crawler):
    """scrapy-playwright's handler, its browser launched now (the engine has long started)."""
    from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

    handler = ScrapyPlaywrightDownloadHandler(crawler)
    await handler._launch()
    return handler


def browser_meta(source: dict, crawl: dict) -> dict:
    """The request meta that sends a source's page through the browser."""
    from scrapy_playwright.page import PageMethod

    wait_ms = int(with_defaults(crawl)["browser_wait"] * 1000)
    return {
        "playwright": True,
        "playwright_page_methods": [PageMethod(wait_for_text, _wait_selectors(source), wait_ms)],
    }


def _wait_selectors(source: dict) -> list[str]:
    selectors = []
    for rule in _as_list(source.get("select")):
        if isinstance(rule, dict):  # a range: both ends must be there
            selectors += [v for k, v in rule.items() if k.startswith(("start", "end"))]
        else:
            selectors.append(rule)
    return selectors


_WAIT = """([selectors, minChars]) => {
    if (!selectors.length)
        return !!document.body && document.body.innerText.trim().length >= minChars;
    return selectors.every(s => Array.from(document.querySelectorAll(s))
                                     .some(e => e.textContent.trim().length > 0));
}"""


# Statuses of a challenge page that may solve itself in the browser and load the real page.
_CHALLENGE_STATUSES = {403, 406, 429, 503}
# How long a challenge page may take to move on; a page that does not is a plain refusal.
CHALLENGE_WAIT_S = 10.0


# A page whose document has not changed for this long, with no request in flight, is done.
QUIET_S = 2.0
_QUIET = """(quietMs) => new Promise(resolve => {
    let timer = setTimeout(done, quietMs);
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quietMs); });
    observer.observe(document, {subtree: true, childList: true, characterData: true});
    function done() { observer.disconnect(); resolve(true); }
})"""


async def wait_for_text(page, selectors: list[str], timeout_ms: int) -> int:
    """Wait until every selector matches an element with text (without selectors: until the
    page has some text), at most `timeout_ms`; past that the page is extracted as it is, and a
    selector that still matches nothing fails as usual. Returns the HTTP status of the document
    finally shown (a challenge page reloads into the policy), 0 if unknown."""
    from playwright.async_api import Error as PlaywrightError

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_ms / 1000
    status = await _status(page)
    if status >= 400:
        if status not in _CHALLENGE_STATUSES or not await _may_move_on(page):
            return status  # an error page without a script will not grow a policy
        try:
            async with page.expect_navigation(timeout=min(timeout_ms / 1000, CHALLENGE_WAIT_S) * 1000):
                pass
        except PlaywrightError:
            return status  # no challenge that solves itself: a refusal
        await page.wait_for_load_state(timeout=max(1, deadline - loop.time()) * 1000)
        status = await _status(page)
    if not await _may_move_on(page):
        return status  # no script, no refresh: the page is all there is
    # The text appears, or the page falls quiet (no request in flight, then no change to the
    # document for QUIET_S): a script that has done its work will not bring the text later.
    text = asyncio.ensure_future(_wait_for_function(page, selectors, deadline))
    quiet = asyncio.ensure_future(_quiet(page, deadline))
    try:
        await asyncio.wait([text, quiet], timeout=max(0, deadline - loop.time()),
                           return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (text, quiet):
            task.cancel()
        await asyncio.gather(text, quiet, return_exceptions=True)
    return await _status(page) or status


async def _wait_for_function(page, selectors, deadline) -> None:
    from playwright.async_api import Error as PlaywrightError

    loop = asyncio.get_running_loop()
    while (remaining := deadline - loop.time()) > 0:
        try:
            await page.wait_for_function(_WAIT, arg=[selectors, MIN_GENERIC_CHARS], timeout=remaining * 1000)
            return
        except PlaywrightError as e:
            if "Timeout" in type(e).__name__ or "timeout" in str(e).lower():
                return
            # The page navigated while we waited (a script's redirect): wait on the new one.
            await page.wait_for_load_state(timeout=max(1, deadline - loop.time()) * 1000)


async def _quiet(page, deadline) -> None:
    loop = asyncio.get_running_loop()
    await page.wait_for_load_state("networkidle", timeout=max(1, deadline - loop.time()) * 1000)
    await page.evaluate(_QUIET, QUIET_S * 1000)


async def _may_move_on(page) -> bool:
    """Whether the page has a script or a meta refresh: a challenge that may solve itself."""
    from playwright.async_api import Error as PlaywrightError

    try:
        return bool(await page.evaluate(
            "() => document.scripts.length + document.querySelectorAll('meta[http-equiv=refresh i]').length"))
    except PlaywrightError:
        return False


async def _status(page) -> int:
    from playwright.async_api import Error as PlaywrightError

    try:
        return int(await page.evaluate(
            "() => (performance.getEntriesByType('navigation')[0] || {}).responseStatus || 0"))
    except (PlaywrightError, TypeError, ValueError):
        return 0


def browser_status(meta: dict) -> int:
    """The status wait_for_text saw last (0 if unknown)."""
    methods = meta.get("playwright_page_methods") or []
    return next((m.result for m in methods if m.method is wait_for_text and isinstance(m.result, int)), 0)


def browser_failure(error: BaseException) -> FetchFailure | None:
    """A browser error that reads better than the generic classification, or None."""
    message = " ".join(str(error).split())
    if "Executable doesn't exist" in message or "Failed to launch" in message or "spawn" in message:
        path = message.split("at ")[-1][:200] if "Executable doesn't exist" in message else message[:200]
        return BrowserUnavailable(f"browser not available: {path}")
    if type(error).__name__ == "TimeoutError":
        return Transient("timeout in the browser")
    return None


def escalation(source: dict, status: int, headers: dict, body: bytes, url: str,
               failure: FetchFailure | None, known: dict, extract) -> tuple[str | None, "Extraction | None"]:
    """Whether the static fetch of a `js = "auto"` source should give way to the browser:
    (the reason, None), or (None, the extraction already done, or None if not extracted).

    `known` is the store's state of the source (store.fetch_state); `extract` is the
    pipeline's extract_source (an Extraction without Markdown: the current version's text)."""
    if status in (403, 406):
        return f"HTTP {status}", None
    if failure is not None or status == 304:
        return None, None
    if body and sha256(body) == known.get("snapshot_sha256"):
        return None, None  # the bytes of the latest snapshot: they come to what they came to
    try:
        if content_kind(headers.get("content-type"), body, url) != "html":
            return None, None
    except ExtractionError:
        return None, None
    try:
        extraction = extract(source, body, headers.get("content-type"), url)
    except (Blocked, ExtractionError) as e:
        return f"static page: {e.reason}", None
    except FetchFailure:
        return None, None
    markdown = extraction.markdown
    if markdown is None:
        return None, extraction  # the current version's text, whoever fetched it
    if not source.get("select") and len(markdown) < SHELL_MAX_CHARS and _looks_like_shell(body):
        return "static page: an application shell", None
    # The browser got this source last time: a static text other than the current version may
    # be a server-rendered stub, so the browser's rendering decides.
    if known.get("fetcher") == "browser" and sha256(markdown) != known.get("version_sha256"):
        return "static text differs from the browser's", None
    return None, extraction


def _looks_like_shell(body: bytes) -> bool:
    compact = body.replace(b" ", b"").replace(b"\n", b"").lower()
    if any(marker.replace(b" ", b"") in compact for marker in _SHELL_MARKERS):
        return True
    text = body.decode("utf-8", "replace").lower()
    start = text.find("<noscript")
    while start != -1:
        end = text.find("</noscript>", start)
        if any(hint in text[start:end if end != -1 else None] for hint in _NOSCRIPT_HINTS):
            return True
        start = text.find("<noscript", start + 9)
    return False
