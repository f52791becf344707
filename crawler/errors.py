"""Why a fetch produced no version. Every failure is recorded as data, never raised to the user.

    FetchFailure            a fetch that produced no version; `.error_class` says which kind
    ├── Transient           may work next time: DNS, connection, timeout, 5xx, 429
    ├── Blocked             the site refuses us: 403, 406, robots.txt, bot-challenge page
    └── Broken              the page is there but holds no policy text we can trust
        └── ExtractionError selector matching nothing, empty or shrunken text, unsupported type

`http_failure(status, retry_after)` says which of these an HTTP status is, for the crawl's
spider and the one-page fetch of `compare` and `extract` alike; `bug_failure(error)` is a page
that policywatch itself failed on.
"""

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


class FetchFailure(Exception):
    """The fetch produced no version."""

    error_class = "broken"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Transient(FetchFailure):
    """A failure that may go away by itself: network, timeout, server error."""

    error_class = "transient"

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after  # seconds the server asked us to wait (Retry-After)


class Blocked(FetchFailure):
    """The site refused the crawler."""

    error_class = "blocked"


class Broken(FetchFailure):
    """The page answered but holds no policy text we can trust."""

    error_class = "broken"


class ExtractionError(Broken):
    """The page could not be turned into policy text."""


def bug_failure(error: Exception) -> Broken:
    """The failure a bug of policywatch's own on a page stands for (not the page's fault, nor the
    database's): `broken`, its reason naming the error on one line, for a bug report."""
    detail = " ".join(str(error).split())[:200]
    return Broken(f"policywatch failed on this page: {type(error).__name__}{': ' + detail if detail else ''} "
                  "(a bug in policywatch: please report it)")


def http_failure(status: int, retry_after: str | None = None) -> FetchFailure | None:
    """The failure an HTTP status stands for (None for a page: 2xx, 304); `retry_after` is the
    response's Retry-After header, kept on a Transient as seconds."""
    if status < 300 or status == 304:
        return None
    if status in (401, 403, 406, 451):
        return Blocked(f"HTTP {status}")
    if status == 429 or status >= 500:
        wait = _seconds(retry_after)
        return Transient(f"HTTP {status}" + (f" (Retry-After {wait:g}s)" if wait else ""), retry_after=wait)
    return Broken(f"HTTP {status}")


def _seconds(retry_after: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date."""
    if not retry_after:
        return None
    value = retry_after.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" or no zone at all: HTTP dates are in GMT
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
