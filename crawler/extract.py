"""A fetched page to normalized Markdown: the policy text and nothing else.

    extract(body, url=..., content_type=..., select=..., remove=..., ignore=..., tracking_params=...)

The steps, in order:

1. the content type (or, for a body sent as octet-stream, its first bytes and a `.pdf` URL)
   decides the path: HTML is extracted, plain text and Markdown are only normalized, PDF goes
   to `crawler.pdf`, anything else is an ExtractionError;
2. a bot-challenge or interstitial page is `Blocked`, whatever the selectors say;
3. noise is removed: `<script>`, `<style>`, `<noscript>`, `<template>`, invisible elements
   (`hidden`, `aria-hidden="true"`, inline `display:none`);
4. the source's `remove` selectors, then its `select` selectors (CSS strings or Open Terms
   Archive ranges `{"startBefore"|"startAfter": css, "endBefore"|"endAfter": css}`); a selector
   that matches nothing is an ExtractionError. Without `select`, trafilatura finds the main
   content;
5. links are normalized (absolute, tracking parameters stripped, Cloudflare e-mail protection
   decoded) and everything becomes Markdown: `#` headings, paragraphs, `- ` / `1. ` list items,
   `| a | b |` table rows;
6. the source's `ignore` regular expressions delete matching text from the Markdown (multiline
   mode, so `^` and `$` match at line ends), then whitespace is normalized.

Empty text is an ExtractionError: a broken extraction is a failure, never a "policy deleted".
`check_shrink` compares with the current version, which only the pipeline knows.
"""

import codecs
import copy
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from lxml.cssselect import CSSSelector

from . import noise
from .decode import decode
from .errors import Blocked, ExtractionError

__all__ = ["EXTRACTOR_VERSION", "Extraction", "content_kind", "extract", "extract_page", "check_shrink",
           "normalize", "to_markdown"]

# Recorded with every version: a change here changes every version (re-extractions are technical).
EXTRACTOR_VERSION = "6"

# Links stay in the Markdown as [text](url): a policy that starts pointing to another
# processor's terms, or an opt-out link that moves, is a change a reader wants (the differ can
# rate it `minor`). Measured on the corpus with declared selectors (bench/corpus_eval.py,
# --no-links for the other choice): with links 134/171 changes detected, without 125/171, and
# 0/264 noise pairs reported either way, because links are normalized first (absolute,
# tracking and cache-buster parameters stripped, Cloudflare e-mail protection decoded).
# Images are dropped: their only changes on the corpus are format swaps (png -> webp) and
# lazy-loading placeholders, which no reader of a policy needs to hear about. Representing an
# image by its alt text (never its src) was measured too (--image-alt): no figure moved (0/264
# noise, 135/171 changes either way); the two strict "changes" that only touch images swap a
# lazy-loading placeholder for the picture and carry no alt text at all. Kept off: a version
# bump for every page with pictures, for nothing seen on the corpus.
KEEP_LINKS = True
# Measured alternative: an image as its alt text, "![alt]", never its src (bench/corpus_eval.py
# --image-alt).
KEEP_IMAGE_ALT = False

# Without selectors, a page this short is an error or loading page ("the connection is taking
# longer than expected"), not a policy: no policy on the corpus is under 2,000 characters.
MIN_GENERIC_CHARS = 300

_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "head", "object", "embed",
         "canvas", "video", "audio", "map", "select", "option", "button", "input", "textarea",
         "img", "picture", "source", "meta", "link", "title", "base", "dialog"}
_INLINE = {"a", "span", "b", "strong", "i", "em", "u", "small", "big", "sup", "sub", "abbr",
           "code", "mark", "s", "strike", "del", "ins", "q", "cite", "time", "label", "font",
           "bdi", "bdo", "wbr", "data", "var", "kbd", "samp", "dfn", "tt", "acronym", "nobr"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_LISTS = {"ul", "ol", "menu"}
_BR = "\u2028"  # a <br>: a line break inside a block (source newlines are only spaces)
_INVISIBLE_CHARS = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"), None)
_SPACE_CHARS = {ord(c): " " for c in "\xa0\u2007\u202f\u2009\u200a\u3000"}
# Characters XML forbids. lxml's HTML parser keeps them from a page (raw, or as `&#1;`), but
# refuses them in any string it is given, and no reader sees them: they never reach the text.
# Those that Python reads as whitespace become whitespace (so the words they separate stay
# apart): the vertical tab and the form feed a line break (a plain-text policy's page break),
# the separators a space; the others go.
_XML_FORBIDDEN = {**dict.fromkeys([*range(0x09), *range(0x0E, 0x1C), 0xFFFE, 0xFFFF], None),
                  **dict.fromkeys([0x0B, 0x0C], "\n"), **dict.fromkeys([0x1C, 0x1D, 0x1E, 0x1F], " ")}
# One pass of translate instead of three.
_CLEAN_CHARS = {**_INVISIBLE_CHARS, **_SPACE_CHARS, **_XML_FORBIDDEN}

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xml", "text/xml"}
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}


@dataclass
class Extraction:
    """What `extract_page` found: the Markdown, or None when the page's `fingerprint` equals
    the one it was given (so its text is the text that fingerprint was recorded with)."""

    markdown: str | None
    fingerprint: str | None = None  # None for PDF and plain text: they have no selection step


def extract(body: bytes | str, *, url: str = "", content_type: str | None = None, select=None,
            remove=None, ignore=None, tracking_params=None) -> str:
    """The policy text of a page as normalized Markdown; a FetchFailure when there is none."""
    return extract_page(body, url=url, content_type=content_type, select=select, remove=remove,
                        ignore=ignore, tracking_params=tracking_params).markdown


def extract_page(body: bytes | str, *, url: str = "", content_type: str | None = None, select=None,
                 remove=None, ignore=None, tracking_params=None, known: str | None = None) -> Extraction:
    """`extract`, and the fingerprint of an HTML page: a hash of the selected elements once
    noise, `remove` and links are dealt with, and of the rules, taken just before the Markdown
    is written. Equal fingerprints give equal Markdown, so when it equals `known` the Markdown
    is not written at all (`markdown` None): a page whose only change is outside its selection
    (a footer's timestamp, a nonce in a script) costs a parse, not an extraction."""
    kind = content_kind(content_type, body, url)
    fingerprint = None
    if kind == "pdf":
        from .pdf import pdf_to_markdown  # here: its regexes cost each crawl of HTML pages 1.1 ms to import

        markdown = pdf_to_markdown(body if isinstance(body, bytes) else body.encode("latin-1"))
    elif kind == "text":
        markdown = normalize(decode(body, content_type) if isinstance(body, bytes) else body)
    else:
        text = decode(body, content_type) if isinstance(body, bytes) else body
        rules = (select, remove, ignore, tracking_params)
        fingerprint, markdown = _extract_html(text, url=url, select=select, remove=remove,
                                              tracking_params=tracking_params or (), rules=rules,
                                              known=known)
        if markdown is None:
            return Extraction(None, fingerprint)
    markdown = apply_ignore(markdown, ignore)
    if not markdown:
        raise ExtractionError("no text extracted")
    return Extraction(markdown, fingerprint)


def check_shrink(new_markdown: str, current_markdown: str | None, min_ratio: float = 0.5) -> None:
    """ExtractionError when the new text is shorter than `min_ratio` of the current version's."""
    if not current_markdown:
        return
    new, current = _text_length(new_markdown), _text_length(current_markdown)
    if current and new < min_ratio * current:
        raise ExtractionError(
            f"text shrank to {new} characters from {current} (below {min_ratio:.0%})"
        )


def _text_length(markdown: str) -> int:
    # Link targets are not text a reader sees: a page that drops its links has not shrunk.
    return len(re.sub(r"\]\([^)]*\)", "]", markdown).replace(" ", ""))


def apply_ignore(markdown: str, patterns) -> str:
    """The Markdown with every match of the source's `ignore` regular expressions deleted."""
    patterns = _as_list(patterns)
    if not patterns:
        return markdown  # already normalized (normalize is idempotent): spare a second pass
    for pattern in patterns:
        try:
            markdown = re.sub(pattern, "", markdown, flags=re.MULTILINE)
        except re.error as e:
            raise ExtractionError(f"invalid ignore pattern {pattern!r}: {e}") from None
    return normalize(markdown)


# --- content type and decoding ---------------------------------------------------------------

def content_kind(content_type: str | None, body: bytes | str, url: str = "") -> str:
    """html, text or pdf; an ExtractionError for any other type."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in _HTML_TYPES:
        return "html"
    if mime in _TEXT_TYPES:
        return "text"
    if mime in ("application/pdf", "application/x-pdf"):
        return "pdf"
    if mime and mime not in ("application/octet-stream", "binary/octet-stream"):
        raise ExtractionError(f"unsupported content type {mime!r}")
    head = body[:1024]
    if isinstance(head, bytes):
        if head.startswith(b"%PDF-") or (urlsplit(url).path.lower().endswith(".pdf") and b"%PDF-" in head):
            return "pdf"
        if b"\0" in head and not head.startswith(_UTF16_BOMS):
            raise ExtractionError("unsupported content: binary data")
        head = decode(head)
    return "html" if re.search(r"<(?:!doctype|html|head|body|div|p|h\d)\b", head, re.I) else "text"


# --- HTML -------------------------------------------------------------------------------------

def _extract_html(html: str, *, url: str, select, remove, tracking_params, rules,
                  known: str | None) -> tuple[str, str | None]:
    """(fingerprint, Markdown); the Markdown is None when the fingerprint equals `known`."""
    root = _parse(html)
    _check_challenge(root, html)
    _drop_noise(root)
    for selector in _as_list(remove):
        if isinstance(selector, dict):
            _remove_range(root, selector)
        else:
            for element in _matches(root, selector, required=False):
                _remove(element)
    _normalize_links(root, url, tracking_params)
    selectors = _as_list(select)
    if selectors:
        parts = _outermost([part for selector in selectors for part in _matches(root, selector, required=True)])
        fingerprint = _fingerprint(parts, rules)
        if fingerprint == known:
            return fingerprint, None
        markdown = "\n\n".join(to_markdown(part) for part in parts)
    else:
        # trafilatura reads the URL too: it is part of what the text depends on.
        fingerprint = _fingerprint([root], (rules, url))
        if fingerprint == known:
            return fingerprint, None
        markdown = normalize(_generic(root, url))
        if markdown and len(markdown) < MIN_GENERIC_CHARS:
            raise ExtractionError(f"only {len(markdown)} characters of main content: not a policy page")
    return fingerprint, normalize(markdown)


def _fingerprint(elements: list, rules) -> str:
    """What the Markdown is a function of: the extractor, the source's rules, the elements."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps([EXTRACTOR_VERSION, KEEP_LINKS, rules], sort_keys=True, default=str).encode())
    for element in elements:
        # Not the element's tail: the Markdown of an element never includes the text after it.
        digest.update(lxml.etree.tostring(element, encoding="utf-8", with_tail=False))
        digest.update(b"\0")
    return digest.hexdigest()


def _parse(html: str):
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as e:
        raise ExtractionError(f"unparseable HTML: {e}") from None
    return root


def _check_challenge(root, html: str) -> None:
    body = root.find("body")
    if body is not None and _surely_more_text(body, noise.CHALLENGE_MAX_TEXT):
        return  # so much text is no challenge page (as challenge_reason says): no title search
    # Little text, or text the bound does not count: the exact walk decides.
    text = " ".join(_visible_text(body).split()) if body is not None else ""
    if len(text) > noise.CHALLENGE_MAX_TEXT:
        return
    title = " ".join(_TITLE(root).split())
    reason = noise.challenge_reason(title, text, html)
    if reason:
        raise Blocked(reason)


_TITLE = lxml.etree.XPath("string(//title)")


def _visible_text(element, enough: int = noise.CHALLENGE_MAX_TEXT) -> str:
    """The visible text, or only its beginning once that holds more than `enough` non-space
    characters: so much text is no challenge page, and a policy page is long."""
    pieces, counted, seen = [], 0, 0
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag not in _NOISE_TAGS:
            pieces.append(node.text or "")
        pieces.append(node.tail or "")
        if len(pieces) - counted >= 64:
            seen += len("".join("".join(pieces[counted:]).split()))
            counted = len(pieces)
            if seen > enough:
                break
    return " ".join(pieces)


# Not text a reader sees (their own text: `_visible_text` keeps their children's), and noise.
_NOISE_TAGS = ("script", "style", "noscript", "template")
# The text of an element and all its descendants, concatenated in C.
_STRING = lxml.etree.XPath("string()", smart_strings=False)
# Bytes that `_surely_more_text` does not count: ASCII whitespace (str.split's, \x1c-\x1f
# included) and every byte of a non-ASCII character.
_NOT_COUNTED = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f " + bytes(range(0x80, 0x100))


def _surely_more_text(body, enough: int) -> bool:
    """True when the visible text of `_visible_text` holds more than `enough` non-space
    characters; False when that is not sure. Walking the elements in Python, as
    `_visible_text` does, was a quarter of the cost of a page whose selection had not changed."""
    return _text_floor(body, enough) > enough


def _text_floor(element, enough: int) -> int:
    """A lower bound of the non-space characters in the visible text under `element`, counted
    in C (once past `enough`, no more): the children (recursively) with no script, style,
    noscript or template inside, whole, by XPath's string(), and of those only the ASCII
    non-space characters (bytes.translate)."""
    counted = 0
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _NOISE_TAGS:
            continue
        if next(child.iter(*_NOISE_TAGS), None) is not None:
            counted += _text_floor(child, enough - counted)
        else:
            text = _STRING(child)
            for start in range(0, len(text), 4096):  # most pages have enough in the first piece
                counted += len(text[start:start + 4096].encode().translate(None, _NOT_COUNTED))
                if counted > enough:
                    break
        if counted > enough:
            break
    return counted


# Noise by its kind: `iter` matches tags in C, and proxies only what it finds.
_NOISE_KINDS = (lxml.etree.Comment, lxml.etree.ProcessingInstruction, *_NOISE_TAGS)
# The only attributes `noise.is_hidden` looks at (name() of an HTML attribute is what `@hidden`
# matches). One walk over the attributes: each `//` term of a union (`//*[@hidden] | //script`)
# is a walk of the whole tree of its own, and a predicate tried on every element
# (`//*[@hidden or @style]`) is slower still.
_HIDING_ATTRIBUTES = lxml.etree.XPath("//@*[name() = 'hidden' or name() = 'aria-hidden' or name() = 'style']")


def _drop_noise(root) -> None:
    doomed = list(root.iter(*_NOISE_KINDS))
    # Invisible elements go (hidden A/B variants, closed dialogs, screen-reader duplicates),
    # except folded accordions and inactive tabs: policies hide whole sections in them.
    controlled = None  # the ids that a control opens: only needed once something is hidden
    # dict.fromkeys: an element with two of the attributes comes up twice.
    for el in dict.fromkeys(attribute.getparent() for attribute in _HIDING_ATTRIBUTES(root)):
        if el.tag in _NOISE_TAGS or not noise.is_hidden(el):
            continue
        if controlled is None:
            controlled = {i for v in root.xpath("//@aria-controls") for i in v.split()}
        if not noise.is_collapsed_panel(el, controlled):
            doomed.append(el)
    # Removed after the kinds, not in document order: removing an element keeps its tail in
    # place, so the order of removals does not change the tree left.
    for el in doomed:
        if el.getparent() is not None:
            _remove(el)


def _remove(element) -> None:
    """Remove an element (or a comment) but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail, previous = element.tail, element.getprevious()
    parent.remove(element)  # with its tail: lxml keeps a tail with its element
    if tail:
        if previous is not None:
            previous.tail = _xml_safe((previous.tail or "") + tail)
        else:
            parent.text = _xml_safe((parent.text or "") + tail)


def _xml_safe(text: str) -> str:
    """`text` as lxml takes it: without the characters XML forbids, which the text loses anyway
    (`_CLEAN_CHARS`). Moving a tail that held one onto another node raised lxml's ValueError."""
    return text.translate(_XML_FORBIDDEN)


# The attribute axis: half the cost of `//*[@data-cfemail]`, a predicate tried on every element.
_CF_EMAIL = lxml.etree.XPath("//@data-cfemail")


def _normalize_links(root, url: str, tracking_params) -> None:
    for el in root.iter("a"):
        href = el.get("href")
        if href is not None:
            el.set("href", _xml_safe(noise.clean_url(href, url, tracking_params)))
    # Cloudflare replaces each address in the text by "[email protected]" plus the encoded form.
    for el in [attribute.getparent() for attribute in _CF_EMAIL(root)]:
        email = noise.decode_cf_email(el.get("data-cfemail", ""))
        if email:
            for child in list(el):
                el.remove(child)
            el.text = _xml_safe(email)


def _as_list(value) -> list:
    if not value:
        return []
    return [value] if isinstance(value, (str, dict)) else list(value)


# --- selectors --------------------------------------------------------------------------------

@lru_cache(maxsize=1024)
def _css(selector: str) -> CSSSelector:
    # Cached: compiling a selector to XPath costs more than running it, and each source's
    # selectors are the same on every page of every run (a compile error is not cached).
    try:
        return CSSSelector(selector)
    except Exception as e:  # cssselect raises several unrelated types
        raise ExtractionError(f"invalid CSS selector {selector!r}: {e}") from None


def _matches(root, selector, *, required: bool) -> list:
    """The elements a CSS selector or range selects (a range as one detached fragment)."""
    if isinstance(selector, dict):
        fragment = _range(root, selector, required=required)
        return [fragment] if fragment is not None else []
    matched = _css(selector)(root)
    if required and not matched:
        raise ExtractionError(f"selector {selector!r} matched nothing")
    return matched


def _range_points(root, selector: dict):
    """The start and end elements of a range and which side of each is meant; None if absent."""
    starts = [k for k in ("startBefore", "startAfter") if k in selector]
    ends = [k for k in ("endBefore", "endAfter") if k in selector]
    if len(starts) != 1 or len(ends) != 1:
        raise ExtractionError(f"invalid range selector {selector!r}: needs one start and one end")
    (start_key,), (end_key,) = starts, ends
    start = _css(selector[start_key])(root)
    end = _css(selector[end_key])(root)
    if not start or not end:
        return None, selector[start_key] if not start else selector[end_key]
    return (start[0], start_key == "startAfter", end[0], end_key == "endAfter"), None


def _range(root, selector: dict, *, required: bool):
    """A copy of the part of the page between a range's start and end points."""
    points, missing = _range_points(root, selector)
    if points is None:
        if required:
            raise ExtractionError(f"range selector {missing!r} matched nothing")
        return None
    start, after_start, end, after_end = points
    start_key = "startAfter" if after_start else "startBefore"
    order = {el: i for i, el in enumerate(root.iter())}
    if order[end] < order[start] or (start_key == "startAfter" and end in set(start.iter())):
        if required:
            raise ExtractionError(f"range {selector!r} ends before it starts")
        return None
    return _cut(start, after_start, end, after_end)


def _remove_range(root, selector: dict) -> None:
    """Remove, in place, the elements that lie wholly inside a range (and the text between them)."""
    points, _ = _range_points(root, selector)
    if points is None:
        return
    start, after_start, end, after_end = points
    elements = list(root.iter())
    index = {el: i for i, el in enumerate(elements)}
    last: dict = {}
    for el in reversed(elements):  # children come after their parent: fill from the end
        last[el] = last[el[-1]] if len(el) else index[el]
    begin = last[start] + 1 if after_start else index[start]
    stop = last[end] + 1 if after_end else index[end]
    inside = [el for el in elements if index[el] >= begin and last[el] < stop]
    chosen = set(inside)
    for el in inside:
        parent = el.getparent()
        if parent is None or parent in chosen:
            continue
        keep_tail = after_end and (el is end or end in set(el.iterdescendants()))
        if not keep_tail:
            el.tail = None
        _remove(el)


def _cut(start, after_start: bool, end, after_end: bool):
    """Copy the common ancestor of start and end, then trim it to the range."""
    start.set("data-pw-range", "start")
    end.set("data-pw-range", "end" if end is not start else "both")
    start_ancestors = [start, *start.iterancestors()]
    common = next(a for a in [end, *end.iterancestors()] if a in start_ancestors)
    fragment = copy.deepcopy(common)
    for el in (start, end):
        el.attrib.pop("data-pw-range", None)
    c_start = fragment.xpath("descendant-or-self::*[@data-pw-range='start' or @data-pw-range='both']")[0]
    c_end = fragment.xpath("descendant-or-self::*[@data-pw-range='end' or @data-pw-range='both']")[0]
    # Trim after the end first: trimming before the start never moves the end point.
    _trim_following(fragment, c_end, keep=after_end)
    _trim_preceding(fragment, c_start, keep=not after_start)
    for el in fragment.xpath("descendant-or-self::*[@data-pw-range]"):
        el.attrib.pop("data-pw-range")
    fragment.tail = None
    return fragment


def _trim_following(top, point, keep: bool) -> None:
    node = point
    while node is not top:
        parent = node.getparent()
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node.tail = None
        node = parent
    if not keep:
        for child in list(point):
            point.remove(child)
        point.text = None
        if point is not top:
            point.getparent().remove(point)


def _trim_preceding(top, point, keep: bool) -> None:
    node = point
    while node is not top:
        parent = node.getparent()
        for sibling in list(node.itersiblings(preceding=True)):
            parent.remove(sibling)
        parent.text = None
        node = parent
    if not keep and point is not top:
        tail = point.tail
        parent = point.getparent()
        parent.remove(point)
        parent.text = _xml_safe(tail) if tail else tail
    elif not keep:
        for child in list(point):
            point.remove(child)
        point.text = None


def _outermost(elements: list) -> list:
    """Drop elements nested in another selected element, so no text is emitted twice."""
    chosen = set(elements)
    result, seen = [], set()
    for el in elements:
        if el in seen or any(a in chosen for a in el.iterancestors()):
            continue
        seen.add(el)
        result.append(el)
    return result


# --- generic extraction -----------------------------------------------------------------------

_TRAFILATURA_TAGS = {"item": "li", "row": "tr", "lb": "br", "ref": "a", "hi": "span",
                     "quote": "blockquote", "del": "span", "graphic": "img", "list": "ul"}


def _generic(root, url: str) -> str:
    """Main content found by trafilatura, converted by the same Markdown writer as selections."""
    import trafilatura  # here: a tenth of a second at start-up, and only sources without `select` use it

    document = trafilatura.bare_extraction(
        root, url=url or None, favor_recall=True, include_comments=False, include_tables=True,
        include_links=True, include_images=False, include_formatting=False, with_metadata=False,
        deduplicate=False,
    )
    body = getattr(document, "body", None)
    if body is None:
        return ""
    for el in body.iter():
        if el.tag == "head":
            el.tag = el.get("rend", "h2") if re.fullmatch(r"h[1-6]", el.get("rend", "")) else "h2"
        elif el.tag == "list":
            el.tag = "ol" if el.get("rend") == "ol" else "ul"
        elif el.tag == "cell":
            el.tag = "th" if el.get("role") == "head" else "td"
        elif el.tag == "ref":
            el.tag = "a"
            el.set("href", el.get("target", ""))
        elif el.tag in _TRAFILATURA_TAGS:
            el.tag = _TRAFILATURA_TAGS[el.tag]
    body.tag = "div"
    found = to_markdown(body)
    parts = _main_parts(root, body) if GENERIC_CONTAINER else None
    if parts:
        whole = normalize("\n\n".join(to_markdown(part) for part in parts))
        # The parts hold what trafilatura found plus its headings and links, not a page's
        # worth of navigation: past this size they are the page, not the policy.
        if len(found) <= len(whole) <= CONTAINER_MAX_GROWTH * len(found):
            return whole
    return found


# Generic extraction renders the page's element that holds the text trafilatura found: the
# headings and links it drops (measured: bench/corpus_eval.py --mode generic) come back, and
# the Markdown is written from the page by the same writer as a declared selection.
GENERIC_CONTAINER = True
CONTAINER_MAX_GROWTH = 1.5
_BLOCK_TAGS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
_KEY_CHARS = 60


def _text_key(element) -> str:
    """The first words of an element's text, whitespace-normalized: enough to find it again."""
    pieces, size = [], 0
    for piece in element.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > 2 * _KEY_CHARS:
            break
    return _clean("".join(pieces))[:_KEY_CHARS]


def _main_parts(root, body) -> list:
    """The part of the page that holds (nearly) every block trafilatura kept: the children of
    their deepest common ancestor from the first that holds one to the last (headings between
    them included, a header before and a footer after left out)."""
    keys = {_text_key(el) for el in body.iter("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5",
                                           "h6", "blockquote")}
    keys = {k for k in keys if len(k) >= 20}  # short texts ("Yes", "Contact") are everywhere
    if len(keys) < 3:
        return []
    found, matched = set(), []
    for el in root.iter(*_BLOCK_TAGS):
        key = _text_key(el)
        if key in keys and key not in found:
            found.add(key)
            matched.append(el)
    if len(matched) < 0.8 * len(keys):
        return []
    counts: dict = {}
    for el in matched:
        for ancestor in el.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    need = 0.9 * len(matched)
    ancestor = max((a for a, n in counts.items() if n >= need), key=lambda a: sum(1 for _ in a.iterancestors()))
    holders = set(matched)
    for el in matched:
        holders.update(el.iterancestors())
    children = [child for child in ancestor if isinstance(child.tag, str)]
    held = [i for i, child in enumerate(children) if child in holders]
    return children[held[0]:held[-1] + 1] if held else []


# --- Markdown writer --------------------------------------------------------------------------

def to_markdown(element) -> str:
    """Markdown of one element: headings, paragraphs, list items and table rows become blocks."""
    blocks: list[str] = []
    _walk(element, blocks, depth=0)
    return "\n\n".join(blocks)


def _tag(element) -> str | None:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else None


def _is_inline(element) -> bool:
    """Inline markup with no block inside it (a link wrapping a div is a block)."""
    if _tag(element) not in _INLINE:
        return False
    return all(_tag(d) in _INLINE or _tag(d) in _DROP or _tag(d) in ("br", None)
               for d in element.iterdescendants())


def _inline(element, links: bool = True) -> str:
    """The text of inline content, with links as [text](url)."""
    pieces = [element.text or ""]
    for child in element:
        tag = _tag(child)
        if tag == "br":
            pieces.append(_BR)
        elif tag == "img":
            pieces.append(_image(child))
        elif tag and tag not in _DROP:
            pieces.append(_inline_child(child, links))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _image(element) -> str:
    alt = _clean(element.get("alt") or "")
    return f" ![{alt}] " if KEEP_IMAGE_ALT and alt else ""


def _inline_child(child, links: bool) -> str:
    text = _inline(child, links and _tag(child) != "a")
    href = child.get("href") if _tag(child) == "a" else None
    if not (links and KEEP_LINKS and href) or href.startswith(("javascript:", "#")):
        return text
    label = " ".join(text.split())
    if not label:
        return text
    # Keep surrounding spaces outside the brackets so "a [b](u) c" survives whitespace changes.
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return f"{lead}[{label}]({_escape_url(href)}){trail}"


def _escape_url(href: str) -> str:
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _clean(text: str) -> str:
    return " ".join(text.translate(_CLEAN_CHARS).split())


def _walk(element, blocks: list[str], depth: int) -> None:
    tag = _tag(element)
    if tag is None or tag in _DROP:
        return
    if tag in _HEADINGS:
        text = _clean(_inline(element, links=False))
        if text:
            blocks.append("#" * _HEADINGS[tag] + " " + text)
        return
    if tag in _LISTS:
        _list(element, blocks, depth)
        return
    if tag == "table" and _table(element, blocks):
        return
    if _is_inline(element):
        _add_paragraphs(_inline(element), blocks)
        return
    _container(element, blocks, depth)


def _container(element, blocks: list[str], depth: int) -> None:
    """A block element: runs of inline content become paragraphs between the nested blocks."""
    inline = [element.text or ""]
    for child in element:
        tag = _tag(child)
        if tag == "br":
            inline.append(_BR)
        elif tag == "img":
            inline.append(_image(child))
        elif tag is None or tag in _DROP:
            pass
        elif _is_inline(child):
            inline.append(_inline_child(child, links=True))
        else:
            _add_paragraphs("".join(inline), blocks)
            inline = []
            if tag == "li":  # an <li> outside a list
                _item(child, blocks, depth, "-")
            else:
                _walk(child, blocks, depth)
        inline.append(child.tail or "")
    _add_paragraphs("".join(inline), blocks)


def _add_paragraphs(text: str, blocks: list[str]) -> None:
    # A <br> splits a paragraph into lines; each line is kept, one paragraph per block.
    lines = [_clean(line) for line in text.split(_BR)]
    lines = [line for line in lines if line]
    if lines:
        blocks.append("\n".join(lines))


def _list(element, blocks: list[str], depth: int) -> None:
    ordered = _tag(element) == "ol"
    n = int(element.get("start", "1")) if ordered and element.get("start", "").isdigit() else 1
    for child in element:
        tag = _tag(child)
        if tag == "li":
            _item(child, blocks, depth, f"{n}." if ordered else "-")
            n += 1
        elif tag in _LISTS:
            _list(child, blocks, depth + 1)
        elif tag and tag not in _DROP:
            _walk(child, blocks, depth)


def _item(item, blocks: list[str], depth: int, marker: str) -> None:
    """A list item: its own text on one line, its nested lists and tables indented after it."""
    text_parts, nested = [item.text or ""], []
    for child in item:
        tag = _tag(child)
        if tag in _LISTS:
            _list(child, nested, depth + 1)
        elif tag == "table":
            _walk(child, nested, depth + 1)
        elif tag == "br":
            text_parts.append(" ")
        elif tag == "img":
            text_parts.append(_image(child))
        elif tag and tag not in _DROP:
            if _is_inline(child):
                text_parts.append(_inline_child(child, links=True))
            else:
                sub: list[str] = []
                _walk(child, sub, depth + 1)
                for block in sub:
                    if re.match(r"\s*(?:[-|]|\d+\.)\s", block):
                        nested.append(block)
                    else:  # paragraphs and headings inside an item are part of its text
                        text_parts.append(" " + block.lstrip("# ") + " ")
        text_parts.append(child.tail or "")
    text = _clean("".join(text_parts))
    if text:
        blocks.append("  " * depth + f"{marker} {text}")
    blocks.extend(nested)


def _table(element, blocks: list[str]) -> bool:
    """Table rows as | a | b |; False for a layout table (one cell per row), walked as blocks."""
    rows = element.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    cells = [[c for c in row if _tag(c) in ("td", "th")] for row in rows]
    if not cells or max(len(r) for r in cells) < 2:
        for row in cells:
            for cell in row:
                _container(cell, blocks, 0)
        for caption in element.xpath("./caption"):
            _container(caption, blocks, 0)
        return True
    lines = []
    for row in cells:
        texts = [_clean(_cell_text(c)).replace("|", "\\|") for c in row]
        if any(texts):
            lines.append("| " + " | ".join(texts) + " |")
            if len(lines) == 1:
                lines.append("|" + " --- |" * len(texts))
    if lines:
        blocks.append("\n".join(lines))
    return True


def _cell_text(cell) -> str:
    sub: list[str] = []
    _container(cell, sub, 0)
    return " ".join(sub)


# --- normalization ----------------------------------------------------------------------------

# A run of spaces or tabs after a non-space, but for a single space: replacing each gap between
# words by itself was most of `normalize`'s time. The run's first character comes first in the
# pattern so that the search skips to the next space or tab (a leading look-behind is tried at
# every position of the text): 430 → 150 µs on a 17,000-character page.
_SPACE_RUN = re.compile(r"(?: (?<=\S )[ \t]|\t(?<=\S\t))[ \t]*")
_BLANK_LINE = re.compile(r"\n\s*\n")


def normalize(markdown: str) -> str:
    """One blank line between blocks, no trailing spaces, no runs of spaces inside lines."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_CLEAN_CHARS)
    # One substitution over the whole text, not one per line (the hot spot of extracting a
    # page): runs of spaces never span a newline, and a line start is never preceded by \S.
    text = _SPACE_RUN.sub(" ", text)
    blocks = []
    for block in _BLANK_LINE.split(text):
        lines = [line.rstrip() for line in block.split("\n")]
        lines = [line for line in lines if line.strip()]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
