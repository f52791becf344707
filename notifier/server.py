"""`policywatch serve`: the feeds and a page per change set, read-only, over HTTP.

    server = make_server("feeds", "policywatch.db", "127.0.0.1", 8080)
    threading.Thread(target=server.serve_forever, daemon=True).start()   # the daemon does this
    ...
    server.shutdown(); server.server_close()
"""

import hashlib
import re
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from store import NotFound, Store

from .feed import _parse
from .render import esc, page

_FEED = re.compile(r"^/((?:sources/[a-z0-9][a-z0-9._-]*/)?(?:atom|rss)\.xml)$")
_CHANGE = re.compile(r"^/changes/(\d{1,18})$")
# The pages hold untrusted text, escaped; this header is a second fence should escaping ever miss.
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, feed_dir: Path, store_path: Path):
        self.feed_dir = Path(feed_dir)
        self.store_path = Path(store_path)
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def make_server(feed_dir, store_path, host: str = "127.0.0.1", port: int = 8080) -> FeedServer:
    """A server bound to host:port (port 0: any free port, see `.url`); call `serve_forever()`
    in a thread, and `shutdown()` then `server_close()` from another."""
    return FeedServer((host, port), feed_dir, store_path)


class Handler(BaseHTTPRequestHandler):
    server: FeedServer
    server_version = "policywatch"
    sys_version = ""

    def do_GET(self):
        self._respond(head=False)

    def do_HEAD(self):
        self._respond(head=True)

    def _respond(self, head: bool):
        path = self.path.split("?", 1)[0]
        if path == "/":
            return self._send(200, "text/html; charset=utf-8", self._index(), None, head)
        if m := _FEED.match(path):
            file = self.server.feed_dir / m.group(1)
            if file.is_file():
                ctype = "application/atom+xml" if file.name == "atom.xml" else "application/rss+xml"
                return self._send(200, ctype + "; charset=utf-8", file.read_bytes(),
                                  file.stat().st_mtime, head)
        if m := _CHANGE.match(path):
            body, modified = self._change_page(int(m.group(1)))
            if body is not None:
                return self._send(200, "text/html; charset=utf-8", body, modified, head)
        body = page("Not found", "<h1>Not found</h1>").encode()
        self._send(404, "text/html; charset=utf-8", body, None, head, cache=False)

    def _change_page(self, change_set_id: int):
        from .render import change_set_page

        with Store(self.server.store_path) as store:
            try:
                cs = store.change_set(change_set_id)
            except NotFound:
                return None, None
            source = store.source(cs.source)
        return change_set_page(cs, source).encode(), _parse(cs.detected_at).timestamp()

    def _index(self) -> bytes:
        feeds = sorted(p.relative_to(self.server.feed_dir).as_posix()
                       for p in self.server.feed_dir.glob("**/*.xml") if _FEED.match("/" + p.relative_to(self.server.feed_dir).as_posix()))
        items = "".join(f'<li><a href="/{esc(f)}">{esc(f)}</a></li>' for f in feeds)
        return page("policywatch feeds", f"<h1>policywatch feeds</h1><ul>{items}</ul>").encode()

    def _send(self, status: int, ctype: str, body: bytes, modified: float | None, head: bool,
              cache: bool = True):
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if cache and status == 200 and self._not_modified(etag, modified):
            status, body = 304, b""
        self.send_response(status)
        for name, value in _HEADERS.items():
            self.send_header(name, value)
        if cache:
            self.send_header("ETag", etag)
            if modified is not None:
                self.send_header("Last-Modified", formatdate(modified, usegmt=True))
        if status != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304:
            self.wfile.write(body)

    def _not_modified(self, etag: str, modified: float | None) -> bool:
        # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
        if match := self.headers.get("If-None-Match"):
            return etag in [t.strip() for t in match.split(",")] or match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since and modified is not None:
            try:
                return int(modified) <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def log_message(self, *args):
        pass  # library code does not print; the CLI says where it listens
