"""Scrapy's meta-refresh redirects, without decoding the pages that cannot declare one."""

import codecs

from scrapy.downloadermiddlewares import redirect
from scrapy.http import HtmlResponse

# Scrapy's MetaRefreshMiddleware looks for a refresh in `response.text[:4096]`: it decodes the
# whole body (finding its encoding first), resolves the page's base URL (safe_url_string) and
# runs w3lib's regexes over the text, on every HTML page: 27 us a page in the middleware chain
# (this one: 8 us), of Scrapy's ~600 us a page in bench/scrapy_floor.py. w3lib follows a <meta>
# tag only if its attributes, as decoded and before any entity is replaced, hold "refresh" in any
# case (w3lib.html.get_meta_refresh; tests/test_crawl_meta_refresh.py pins the entity case).
# So a page whose bytes, as far as those 4,096 characters can reach, hold no "refresh" in any
# case has none, provided its characters are read from the bytes the plain way: ASCII letters
# from their own single bytes, and no character from more than 4 bytes. That is so of the
# encodings below (tests/test_crawl_meta_refresh.py checks it of each one); not of UTF-16/32,
# UTF-7 (base64 runs), EBCDIC, nor of ISO-2022 and HZ (escapes that read as no character).
# Any other encoding, or a "refresh" within reach, goes through Scrapy's own path.
REACH = 4096  # characters: Scrapy's `response.text[0:4096]` (scrapy.utils.response.get_meta_refresh)
PLAIN_ENCODINGS = frozenset({
    "ascii", "utf-8",
    # single-byte, ASCII below 0x80
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    *(f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16)),
    "koi8-r", "koi8-u", "mac-roman",
    # multi-byte, ASCII below 0x80 outside a character's trailing bytes, 4 bytes at most
    "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp932", "shift_jis", "euc_jp",
    "euc_kr", "cp949",
})
_MAX_BYTES = 4 * REACH + len(codecs.BOM_UTF8)  # 4 bytes a character, after a UTF-8 BOM


def cannot_refresh(response: HtmlResponse) -> bool:
    """True when Scrapy's `get_meta_refresh(response)` surely finds no refresh; False when it
    may (then only Scrapy's own reading can tell)."""
    try:
        # The encoding Scrapy decodes `response.text` with (BOM, Content-Type, <meta charset>,
        # then a guess that decodes the whole body: the work Scrapy would do anyway).
        plain = codecs.lookup(response.encoding).name in PLAIN_ENCODINGS
    except LookupError:
        return False
    if not plain:
        return False
    body = response.body
    # Bytes below 0x80 read as one character each in all those encodings, and a BOM is not
    # below 0x80: an ASCII start means 4,096 characters are the first 4,096 bytes, and the
    # search is four times shorter (2.7 against 9.6 us on a 18 KB page).
    reach = REACH if body[:REACH].isascii() else _MAX_BYTES
    return b"refresh" not in body[:reach].lower()


class MetaRefreshMiddleware(redirect.MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware (same settings, same redirects), which first rules out a
    refresh from the bytes of a page (`cannot_refresh`)."""

    def process_response(self, request, response):
        if isinstance(response, HtmlResponse) and cannot_refresh(response):
            return response
        return super().process_response(request, response)
