"""Meta refreshes: crawler.redirect.MetaRefreshMiddleware follows exactly those Scrapy's own
middleware follows, and rules out a refresh from the bytes only where Scrapy would find none."""

import codecs
import json
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_meta_refresh
from w3lib.encoding import to_unicode

from conftest import PageHandler, rows, run_script, write_config
from crawler.redirect import PLAIN_ENCODINGS, REACH, cannot_refresh

REFRESH = b'<meta http-equiv="refresh" content="0; url=/target">'
HEAD = b"<!DOCTYPE html><html><head><title>Policy</title>"
TAIL = b"</head><body><main><h1>Privacy</h1><p>We keep your e-mail address.</p></main></body></html>"
FILLER = b"<!-- " + b"x" * (REACH + 100) + b" -->"


def utf16(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


# path -> (Content-Type, body, whether Scrapy 2.19 follows its refresh): what these pages do is
# pinned, then both middlewares must do it.
PAGES = {
    "/in-head": ("text/html", HEAD + REFRESH + TAIL, True),
    "/no-refresh": ("text/html; charset=utf-8", HEAD + TAIL, False),
    # "refresh" in the page, but in no <meta> tag: Scrapy's own reading decides.
    "/refresh-token": ("text/html", HEAD + b"<title>We refresh tokens</title>" + TAIL, False),
    # Past the 4,096 characters Scrapy reads.
    "/beyond-reach": ("text/html", HEAD + FILLER + REFRESH + TAIL, False),
    # Within 4,096 characters, but at byte 12,000: four-byte characters.
    "/four-byte-chars": ("text/html; charset=utf-8",
                         HEAD + "😀".encode() * 3000 + REFRESH + TAIL, True),
    # Likewise, past 4,096 characters however few bytes come before.
    "/four-byte-chars-beyond": ("text/html; charset=utf-8",
                                HEAD + "😀".encode() * (REACH + 10) + REFRESH + TAIL, False),
    "/utf-16-bom": ("text/html", utf16((HEAD + REFRESH + TAIL).decode()), True),
    "/utf-16-header": ("text/html; charset=utf-16",
                       (HEAD + REFRESH + TAIL).decode().encode("utf-16-be"), True),
    "/utf-16-beyond": ("text/html", utf16((HEAD + FILLER + REFRESH + TAIL).decode()), False),
    "/noscript": ("text/html", HEAD + b"<noscript>" + REFRESH + b"</noscript>" + TAIL, False),
    "/entity": ("text/html", HEAD + REFRESH.replace(b'"refresh"', b'"&#114;efresh"') + TAIL, False),
    "/shift-jis": ("text/html; charset=shift_jis",
                   HEAD + "個人情報保護方針".encode("shift_jis") * 100 + REFRESH + TAIL, True),
    "/cp1252-meta": ("text/html", b'<meta charset="windows-1252">' + b"\xe9" * 3000 + REFRESH + TAIL, True),
    "/cp500": ("text/html; charset=cp500", (HEAD + REFRESH + TAIL).decode().encode("cp500"), True),
    "/delayed": ("text/html", HEAD + REFRESH.replace(b"0;", b"500;") + TAIL, False),  # METAREFRESH_MAXDELAY
    "/target": ("text/html", b"<html><body><main><p>The policy itself.</p></main></body></html>", None),
}


class Pages(PageHandler):
    def do_GET(self):
        page = PAGES.get(self.path.split("?")[0])
        if page is None:  # robots.txt
            self.send_body(404, b"")
        else:
            self.send_body(200, page[1], page[0])


# A spider under the crawl's settings, with one meta-refresh middleware or the other: the URL
# each request ended at.
CHILD = """
import json, sys
from scheduler import reactor
reactor.install()
import scrapy
from scrapy.crawler import AsyncCrawlerRunner
from crawler.settings import scrapy_settings

urls, middleware = json.loads(sys.argv[1]), sys.argv[2]
settings = scrapy_settings({"download_delay": 0})
ours = "crawler.redirect.MetaRefreshMiddleware"
base = settings["DOWNLOADER_MIDDLEWARES_BASE"]
settings["DOWNLOADER_MIDDLEWARES_BASE"] = {(middleware if path == ours else path): order for path, order in base.items()}
assert middleware in settings["DOWNLOADER_MIDDLEWARES_BASE"]
ended = {}

class Pages(scrapy.Spider):
    name = "pages"

    async def start(self):
        for u in urls:
            yield scrapy.Request(u, dont_filter=True, callback=self.parse, errback=self.failed, meta={"asked": u})

    def parse(self, response):
        ended[response.meta["asked"]] = response.url
        return []

    def failed(self, failure):
        ended[failure.request.meta["asked"]] = repr(failure.value)

reactor.run(lambda: AsyncCrawlerRunner(settings).crawl(Pages))
print(json.dumps(ended))
"""


def test_ours_follows_the_meta_refreshes_scrapys_follows(serve):
    server = serve(Pages)
    urls = [server.url + path for path in PAGES if path != "/target"]
    theirs = run_script(CHILD, json.dumps(urls), "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware")
    ours = run_script(CHILD, json.dumps(urls), "crawler.redirect.MetaRefreshMiddleware")
    assert ours == theirs
    # Where Scrapy's goes, as pinned in PAGES (a UTF-16 page's target gets the BOM of an empty
    # query, in UTF-16: Scrapy's way, kept).
    assert {url: ended.split("?")[0] for url, ended in theirs.items()} == {
        server.url + path: server.url + ("/target" if follows else path)
        for path, (_, _, follows) in PAGES.items() if path != "/target"}


def test_a_crawl_records_the_page_a_meta_refresh_leads_to(serve, tmp_path, cli):
    server = serve(Pages)
    sources = [{"id": "moved", "url": f"{server.url}/in-head", "select": "main"},
               {"id": "stays", "url": f"{server.url}/beyond-reach", "select": "main"}]
    config = write_config(tmp_path / "config.toml", sources, tmp_path / "pw.db")
    proc = cli("--config", str(config), "crawl")
    assert sorted(proc.stdout.split()) == ["moved", "new", "new", "stays"]
    assert {r["source_id"]: r["final_url"] for r in rows(tmp_path / "pw.db", "select * from fetches")} == {
        "moved": f"{server.url}/target", "stays": f"{server.url}/beyond-reach"}


def response(body: bytes, content_type: str = "text/html") -> HtmlResponse:
    return HtmlResponse("https://example.com/privacy", body=body, headers={"Content-Type": content_type})


def served(path: str) -> HtmlResponse:
    content_type, body, _ = PAGES[path]
    return response(body, content_type)


def test_the_bytes_rule_out_a_refresh_only_where_there_is_none():
    for path, (_, _, follows) in PAGES.items():
        assert not (cannot_refresh(served(path)) and follows), path
    # The shortcut is taken where it should be: pages without "refresh" in reach, in a plain
    # encoding (declared by the header, a <meta>, or none).
    for path in ("/no-refresh", "/beyond-reach", "/four-byte-chars-beyond", "/target"):
        assert cannot_refresh(served(path)), path
    assert cannot_refresh(response(b'<meta charset="shift_jis">' + TAIL))
    # ... and not where it should not.
    for path in ("/in-head", "/refresh-token", "/four-byte-chars", "/utf-16-bom", "/utf-16-beyond", "/cp500"):
        assert not cannot_refresh(served(path)), path


# Pieces of pages: tags with and without a refresh, in any case, in and out of comments and
# <noscript>, characters of one to four bytes, a page's worth of filler.
PIECES = st.sampled_from([
    "<meta http-equiv='refresh' content='0; url=/x'>", "<META HTTP-EQUIV=REFRESH CONTENT='1;URL=/y'>",
    "<meta http-equiv=\"ReFrEsH\" content=\"2\">", "<meta content='0;url=/z' http-equiv='refresh'>",
    "<meta charset='utf-8'>", "<meta charset='windows-1252'>", "<meta charset='shift_jis'>",
    "<meta charset='utf-16'>", "<noscript>", "</noscript>", "<!--", "-->", "<base href='/b/'>",
    "refresh", "REFRESH", "<p>", "é", "€", "😀", "個人情報", "\x00", "x" * 1000, "é" * 1000, "😀" * 1000,
])
CONTENT_TYPES = st.sampled_from(["text/html", "text/html; charset=utf-8", "text/html; charset=windows-1252",
                                 "text/html; charset=shift_jis", "text/html; charset=gb18030",
                                 "text/html; charset=utf-16", "text/html; charset=cp500",
                                 "text/html; charset=iso-2022-jp", "text/html; charset=nonsense"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "shift_jis", "gb18030", "utf-16", "utf-16-le"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=12), ENCODINGS, CONTENT_TYPES)
@example(["😀" * 1000] * 4 + ["<meta http-equiv='refresh' content='0; url=/x'>"], "utf-8", "text/html")
@example(["x" * 1000] * 4 + ["é" * 90, "<meta http-equiv='refresh' content='0; url=/x'>"], "utf-8", "text/html")
def test_the_bytes_never_rule_out_a_refresh_scrapy_finds(pieces, encoding, content_type):
    body = "".join(pieces).encode(encoding, "replace")
    page = response(body, content_type)
    if cannot_refresh(page):
        assert get_meta_refresh(response(body, content_type), ignore_tags=["noscript"]) == (None, None)


@pytest.mark.parametrize("encoding", sorted(PLAIN_ENCODINGS))
def test_the_plain_encodings_read_ascii_from_its_own_bytes_and_no_char_from_more_than_four(encoding):
    # Below 0x80 with no lead byte before, every byte is its own ASCII character: an ASCII start
    # of 4,096 bytes is 4,096 characters.
    assert to_unicode(bytes(range(128)), encoding) == bytes(range(128)).decode("ascii")
    # A byte from 0x80 up and the byte after it read as that second byte's letter or none.
    for lead in range(0x80, 0x100):
        for follow in range(0x100):
            text = to_unicode(bytes([lead, follow]), encoding)
            assert [c for c in text if c.isascii() and c.isalpha()] in ([], [chr(follow)]), (encoding, lead, follow)
    # "refresh" in the text only where it is in the bytes, and a character from every four bytes
    # at least: runs of bytes from 0x80 up, digits and the letters of "refresh" in any case, with
    # bytes from 0x80 up slipped between those letters.
    rng = random.Random(encoding)
    high = range(0x80, 0x100)
    for _ in range(2000):
        word = b"".join(bytes([c]) + (bytes([rng.choice(high)]) if rng.random() < 0.3 else b"")
                        for c in rng.choice([b"refresh", b"REFRESH", b"ReFrEsH"]))
        raw = b"".join(rng.choice([bytes([rng.choice(high)]), b"0", b"r", b"E", word]) for _ in range(12))
        text = to_unicode(raw, encoding)
        assert len(raw) <= 4 * len(text), (encoding, raw)
        assert "refresh" not in text.lower() or b"refresh" in raw.lower(), (encoding, raw, text)


def test_no_other_character_lowercases_to_the_letters_of_refresh():
    # w3lib looks for "refresh" in str.lower() of the decoded tag: only ASCII R, E, F, S, H can
    # make it, so the bytes' ASCII lower() sees every one.
    letters = set("refsh")
    assert [hex(c) for c in range(0x80, 0x110000) if letters & set(chr(c).lower())] == []
