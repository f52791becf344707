"""`policywatch demo`: the whole pipeline on sample pages, with no internet.

A local HTTP server serves two sample vendor pages shipped in the package; they are crawled
into a database, the privacy policy is switched to its next edition (modelled on Xiaomi's 2018
MIUI privacy-policy update), and the second crawl shows the clause-level change. Every response
carries fresh noise (a nonce, a timestamp, a banner) that must not show up as a change.
"""

import secrets
import threading
from datetime import datetime, timezone
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources

PAGES = {
    "/xiaomi/privacy": "miui-privacy-2017.html",
    "/xiaomi/user-agreement": "mi-user-agreement.html",
}
NEXT_EDITION = ("/xiaomi/privacy", "miui-privacy-2018.html")


def sources(base_url: str) -> list[dict]:
    return [
        {
            "id": "xiaomi-privacy", "name": "Xiaomi — MIUI Privacy Policy", "type": "Privacy Policy",
            "url": base_url + "/xiaomi/privacy", "select": "#policy",
        },
        {
            "id": "xiaomi-user-agreement", "name": "Xiaomi — Mi Account User Agreement",
            "type": "Terms of Service", "url": base_url + "/xiaomi/user-agreement", "select": "#policy",
        },
    ]


class DemoServer:
    """The sample pages over HTTP on 127.0.0.1, each response with fresh noise."""

    def __init__(self):
        self.pages = dict(PAGES)
        handler = partial(_Handler, self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "DemoServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def next_edition(self) -> None:
        path, name = NEXT_EDITION
        self.pages[path] = name

    def body(self, path: str) -> bytes | None:
        name = self.pages.get(path)
        if name is None:
            return None
        text = resources.files("scheduler").joinpath("samples", name).read_text(encoding="utf-8")
        text = text.replace("{{nonce}}", secrets.token_hex(8))
        text = text.replace("{{time}}", datetime.now(timezone.utc).isoformat())
        return text.encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    def __init__(self, server: DemoServer, *args):
        self.demo = server
        super().__init__(*args)

    def do_GET(self):
        body = self.demo.body(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet: the demo prints its own story
        pass
