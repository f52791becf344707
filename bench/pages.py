"""Synthetic policy pages served over loopback, for bench/crawl.py.

    python bench/pages.py --pages 1000 --hosts 10    # serves until stdin closes

Each page is a privacy policy of 3,000–5,000 words (headings, paragraphs, lists) inside a site
template (navigation, cookie banner, footer). The footer carries a timestamp and a request id:
the noise that changes the bytes of every page whenever the bench moves to a new pass. Pages
are spread over `--hosts` loopback addresses (127.0.0.1, 127.0.0.2, ...), as sources are spread
over vendors' domains, all on one port.

The bench drives the server through stdin, one command per line, answered with `ok`:

    edit 0.05 SEED    edit 5% of the pages (one clause each), chosen with SEED
    noise             new noise on every page (a new footer timestamp and request id)
    conditional on    answer If-None-Match / If-Modified-Since with 304 when nothing changed
    conditional off   always send the whole page (byte-identical when nothing changed)
"""

import argparse
import hashlib
import random
import socket
import sys
import threading
from email.utils import formatdate
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = (
    "the of and to we you your or in a for data information personal that by with our may as "
    "be is on use this are any other not if from such which can services service will us at "
    "an have it third parties including provide account share collect process purposes law "
    "legal basis consent access right rights request contact processing time do all where "
    "these about also more how when order applicable policy privacy users user content "
    "partners cookies advertising analytics device location delete correct object transfer "
    "country safeguards processor controller improve protect fraud payment marketing "
    "communications profile messages photos age children email address name phone retention "
    "period security keep store"
).split()
WEIGHTS = [1 / rank for rank in range(1, len(WORDS) + 1)]
SECTIONS = ["Information we collect", "How we use information", "How we share information",
            "Cookies and similar technologies", "Your rights and choices", "Data retention",
            "Security", "International transfers", "Children", "Changes to this policy", "Contact us"]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, WEIGHTS, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + "."


@lru_cache(maxsize=None)
def policy(page: int) -> tuple:
    """The policy of page `page` (seeded: the same on every run) as (heading, [blocks])."""
    rng = random.Random(page)
    target, words, sections = rng.randint(3000, 5000), 0, []
    while words < target:
        blocks = []
        for _ in range(rng.randint(3, 7)):
            if rng.random() < 0.25:
                items = [sentence(rng) for _ in range(rng.randint(2, 5))]
                blocks.append(("ul", items))
                words += sum(len(i.split()) for i in items)
            else:
                text = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
                blocks.append(("p", text))
                words += len(text.split())
        sections.append((f"{len(sections) + 1}. {SECTIONS[len(sections) % len(SECTIONS)]}", blocks))
    return tuple(sections)


def edited(page: int, edition: int) -> tuple:
    """Edition `edition` of the page: each edition rewrites one more clause."""
    sections = [(h, list(blocks)) for h, blocks in policy(page)]
    for e in range(1, edition + 1):
        rng = random.Random(f"{page}/{e}")
        heading, blocks = rng.choice(sections)
        i = rng.randrange(len(blocks))
        kind, content = blocks[i]
        addition = f" We may also share your {rng.choice(['location', 'contacts', 'payment details'])} with advertising partners."
        blocks[i] = (kind, content + addition) if kind == "p" else (kind, content[:-1] + [content[-1] + addition])
    return tuple(sections)


@lru_cache(maxsize=4096)
def page_html(page: int, edition: int) -> tuple[bytes, bytes]:
    """The page without its footer, in two halves around where the noise goes."""
    body = [f"<h1>Vendor {page} Privacy Policy</h1>", "<p>Last updated: 1 March 2026</p>"]
    for heading, blocks in edited(page, edition):
        body.append(f"<h2>{heading}</h2>")
        for kind, content in blocks:
            body.append(f"<p>{content}</p>" if kind == "p" else "<ul>" + "".join(f"<li>{i}</li>" for i in content) + "</ul>")
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Privacy Policy | Vendor {page}</title><link rel='stylesheet' href='/site.css'></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/products'>Products</a> <a href='/support'>Support</a>"
        "</nav></header><div class='cookie-banner'>We use cookies. <button>Accept</button></div>"
        "<main id='policy'>" + "\n".join(body) + "</main><footer><p>© 2026 Vendor. "
    ).encode()
    return head, b"</p></footer></body></html>"


class State:
    def __init__(self, pages: int):
        self.editions = [0] * pages
        self.noise = 0
        self.conditional = True
        self.lock = threading.Lock()

    def body(self, page: int) -> tuple[bytes, str, str]:
        edition, noise = self.editions[page], self.noise
        head, tail = page_html(page, edition)
        stamp = f"Page generated at 2026-03-{1 + noise % 28:02d} 12:{noise % 60:02d}:07 UTC, request {hashlib.md5(f'{page}/{noise}'.encode()).hexdigest()}"
        body = head + stamp.encode() + tail
        etag = f'"{page}-{edition}-{noise}"'
        modified = formatdate(1_770_000_000 + 3600 * (noise * 1000 + edition), usegmt=True)
        return body, etag, modified


def handler(state: State):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # Headers and body go out in two writes: without TCP_NODELAY (which web servers
            # set) Nagle holds the body until the client's delayed ACK, ~40 ms per page.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self):
            if self.path == "/robots.txt":
                return self.send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            try:
                page = int(self.path.rsplit("/", 1)[1])
                body, etag, modified = state.body(page)
            except (ValueError, IndexError):
                return self.send(404, b"not found", "text/plain")
            if state.conditional and (self.headers.get("If-None-Match") == etag
                                      or self.headers.get("If-Modified-Since") == modified):
                return self.send(304, b"", None, etag, modified)
            self.send(200, body, "text/html; charset=utf-8", etag, modified)

        def send(self, status, body, content_type, etag=None, modified=None):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def serve(pages: int, hosts: int, port: int) -> None:
    state = State(pages)
    servers = []
    for h in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{h + 1}", port), handler(state))
        server.daemon_threads = True
        port = server.server_address[1]  # the first one picks a free port; the others share it
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    print(port, flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[:1] == ["edit"]:
            share, seed = float(command[1]), command[2]
            chosen = random.Random(seed).sample(range(pages), round(pages * share))
            for page in chosen:
                state.editions[page] += 1
        elif command[:1] == ["noise"]:
            state.noise += 1
        elif command[:1] == ["conditional"]:
            state.conditional = command[1] == "on"
        print("ok", flush=True)
    for server in servers:
        server.shutdown()


def url(port: int, hosts: int, page: int) -> str:
    return f"http://127.0.0.{page % hosts + 1}:{port}/policy/{page}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    serve(args.pages, args.hosts, args.port)
