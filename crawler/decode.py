"""Bytes to text, the way a careful browser would, so that no mojibake becomes a "change".

Order: a byte-order mark; UTF-8 when the bytes are valid UTF-8 (non-ASCII text that happens to
be valid UTF-8 in another encoding is vanishingly rare, while servers that declare the wrong
charset are common); the charset the server declared, if the bytes really are in it; the charset
the page declares in a <meta> tag, likewise; and Windows-1252 (what browsers use for "Latin-1"),
which decodes any byte sequence.
"""

import codecs
import re

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode(body: bytes, content_type: str | None = None) -> str:
    """The text of a page body; never raises."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return _clean(body.decode(encoding, errors="replace"))
    candidates = ["utf-8"]
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        candidates.append(m.group(1))
    if m := _META_CHARSET.search(body[:4096]):
        candidates.append(m.group(1).decode("ascii", "replace"))
    candidates.append("cp1252")
    for encoding in candidates:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            continue
        if codec in ("latin-1", "iso8859-1", "ascii"):
            codec = "cp1252"  # what "ISO-8859-1" means on the web (WHATWG Encoding)
        try:
            return _clean(body.decode(codec))
        except UnicodeDecodeError:
            continue
    return _clean(body.decode("cp1252", errors="replace"))


def _clean(text: str) -> str:
    # lxml refuses str input that still carries an XML encoding declaration.
    return _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
