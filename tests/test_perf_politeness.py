"""One request at a time per domain holds even with no delay (Scrapy's asyncio downloader
would otherwise start every queued request of a domain at once)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import write_config

PAGE = ("<html><body><main><h1>Privacy Policy</h1>"
        + "".join(f"<p>Clause {n}: we keep the name and e-mail address you give us for {n} months"
                  " to run your account, and delete them when you close it.</p>" for n in range(1, 30))
        + "</main></body></html>").encode()


class CountingServer:
    """A real HTTP server on one loopback address that counts requests in progress, per host
    and in total; each request takes a while, so overlapping requests would be seen."""

    counts = {"now": 0, "max": 0}

    def __init__(self, address: str, shared: dict, lock: threading.Lock):
        own = {"now": 0, "max": 0}
        self.own = own

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                with lock:
                    for c in (own, shared):
                        c["now"] += 1
                        c["max"] = max(c["max"], c["now"])
                time.sleep(0.03)
                with lock:
                    for c in (own, shared):
                        c["now"] -= 1
                body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else PAGE
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer((address, 0), Handler)
        self.url = f"http://{address}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def two_hosts():
    lock, total = threading.Lock(), {"now": 0, "max": 0}
    servers = [CountingServer(a, total, lock) for a in ("127.0.0.1", "127.0.0.2")]
    yield servers, total
    for s in servers:
        s.close()


def test_one_request_at_a_time_per_domain_with_no_delay(two_hosts, tmp_path, cli):
    servers, total = two_hosts
    sources = [{"id": f"h{h}-p{n}", "url": f"{s.url}/p{n}"} for h, s in enumerate(servers) for n in range(10)]
    config = write_config(tmp_path / "config.toml", sources, tmp_path / "pw.db")  # download_delay = 0
    out = cli("--config", str(config), "crawl").stdout
    assert out.count(" new") == 20
    # Every page of a host (and its robots.txt) was fetched alone ...
    assert [s.own["max"] for s in servers] == [1, 1]
    # ... while the two hosts were fetched side by side.
    assert total["max"] == 2
