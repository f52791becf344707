"""One generic spider: one request per configured source, one item per request."""

from dataclasses import dataclass, field

import scrapy
from scrapy.exceptions import IgnoreRequest

from store import now

from .errors import Blocked, Broken, FetchFailure, Transient


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


class PolicySpider(scrapy.Spider):
    name = "policies"
    custom_settings: dict = {}

    # Set by the caller: the sources to fetch, and what the store knows of each.
    sources: list[dict] = []
    conditional: dict[str, dict] = {}

    async def start(self):
        for source in self.sources:
            headers = {}
            latest = self.conditional.get(source["id"]) or {}
            if latest.get("etag"):
                headers["If-None-Match"] = latest["etag"]
            if latest.get("last_modified"):
                headers["If-Modified-Since"] = latest["last_modified"]
            yield scrapy.Request(
                source["url"],
                headers=headers,
                callback=self.parse,
                errback=self.failed,
                dont_filter=True,  # two sources may share a URL
                meta={"source": source, "started_at": now(), "handle_httpstatus_all": True},
            )

    def parse(self, response):
        meta = response.meta
        page = Page(
            source=meta["source"], url=meta["source"]["url"], started_at=meta["started_at"],
            finished_at=now(), final_url=response.url, status=response.status,
            headers={k.decode().lower(): v[0].decode("latin-1") for k, v in response.headers.items() if v},
            body=response.body,
        )
        page.failure = _http_failure(response.status)
        yield page

    def failed(self, failure):
        request = failure.request
        yield Page(
            source=request.meta["source"], url=request.url,
            started_at=request.meta.get("started_at") or now(), finished_at=now(),
            failure=_network_failure(failure.value),
        )


def _http_failure(status: int) -> FetchFailure | None:
    if status < 300 or status == 304:
        return None
    if status in (401, 403, 406, 451):
        return Blocked(f"HTTP {status}")
    if status == 429 or status >= 500:
        return Transient(f"HTTP {status}")
    return Broken(f"HTTP {status}")


def _network_failure(error: BaseException) -> FetchFailure:
    name = type(error).__name__
    message = str(error) or name
    if isinstance(error, IgnoreRequest):
        if "robots.txt" in message:
            return Blocked("robots.txt disallows this URL")
        return Broken(message)
    if "Timeout" in name or "timed out" in message.lower():
        return Transient("timeout")
    if "maxsize" in message.lower() or "max size" in message.lower() or "Cancelled" in name:
        return Broken(f"body too large or download cancelled ({message})")
    if "DNS" in name or "Resolve" in name:
        return Transient(f"DNS lookup failed ({message})")
    if "ConnectionRefused" in name:
        return Transient("connection refused")
    return Transient(f"{name}: {message}")
