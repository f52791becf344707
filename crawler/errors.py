"""Why a fetch produced no version. Every failure is recorded as data, never raised to the user.

    FetchFailure            a fetch that produced no version; `.error_class` says which kind
    ├── Transient           may work next time: DNS, connection, timeout, 5xx, 429
    ├── Blocked             the site refuses us: 403, 406, robots.txt, bot-challenge page
    └── Broken              the page is there but holds no policy text we can trust
        └── ExtractionError selector matching nothing, empty or shrunken text, unsupported type
"""


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
