"""One page fetched outside a crawl, for `policywatch compare` and `policywatch extract`: no
database, no politeness queue, the same limits (http(s) only, size, timeout)."""

import urllib.error
import urllib.request

from .errors import Broken, FetchFailure, Transient, http_failure
from .settings import with_defaults


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise Broken(f"HTTP {code} redirect to {newurl} not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, crawl_config: dict | None = None) -> tuple[bytes, str | None, str]:
    """(body, content type, final URL) of one http(s) page; a FetchFailure otherwise."""
    conf = with_defaults(crawl_config)
    if not url.lower().startswith(("http://", "https://")):
        raise Broken(f"only http and https URLs are fetched, not {url!r}")
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": conf["user_agent"]})
    try:
        with opener.open(request, timeout=min(conf["timeout"], 60)) as response:
            body = response.read(conf["max_size"] + 1)
            if len(body) > conf["max_size"]:
                raise Broken(f"body too large: more than {conf['max_size']} bytes")
            return body, response.headers.get("Content-Type"), response.geturl()
    except urllib.error.HTTPError as e:
        # The crawl's reading of a status; a 304 (never asked for here) is no page either.
        failure = http_failure(e.code, e.headers.get("Retry-After") if e.headers else None)
        raise failure or Broken(f"HTTP {e.code}") from None
    except FetchFailure:
        raise
    except (urllib.error.URLError, OSError) as e:
        raise Transient(f"cannot fetch {url}: {getattr(e, 'reason', e)}") from None
