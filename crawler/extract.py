"""A fetched page to normalized Markdown: the policy text and nothing else.

With `select` / `remove` CSS selectors the page is cut down first, then converted element by
element (headings, paragraphs, list items, table rows). Without them, trafilatura finds the
main content. The Markdown is normalized (one blank line between blocks, single spaces) so that
markup noise does not show up as text changes.
"""

import re

import lxml.html
import trafilatura
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError

from .errors import ExtractionError

# Recorded with every version: a change here changes every version (re-extractions are technical).
EXTRACTOR_VERSION = "1"

_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "head", "button", "form"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
           "blockquote", "dl", "dt", "dd", "figure", "figcaption", "address", "pre", "details",
           "summary", "body", "html"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}


def extract(body: bytes | str, *, url: str = "", select=None, remove=None) -> str:
    """The policy text of an HTML page as Markdown; ExtractionError when there is none."""
    try:
        root = lxml.html.fromstring(body)
    except (ParserError, ValueError) as e:
        raise ExtractionError(f"unparseable HTML: {e}") from None
    for selector in _as_list(remove):
        for element in _css(selector)(root):
            element.drop_tree()
    selectors = _as_list(select)
    if selectors:
        parts = []
        for selector in selectors:
            matched = _css(selector)(root)
            if not matched:
                raise ExtractionError(f"selector {selector!r} matched nothing")
            parts.extend(matched)
        markdown = "\n\n".join(to_markdown(part) for part in parts)
    else:
        markdown = trafilatura.extract(
            lxml.html.tostring(root, encoding="unicode"), url=url or None, output_format="markdown",
            include_tables=True, include_comments=False, include_links=False, favor_recall=True,
        ) or ""
    markdown = normalize(markdown)
    if not markdown:
        raise ExtractionError("no text extracted")
    return markdown


def _as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _css(selector: str) -> CSSSelector:
    try:
        return CSSSelector(selector)
    except Exception as e:  # cssselect raises several unrelated types
        raise ExtractionError(f"invalid CSS selector {selector!r}: {e}") from None


def to_markdown(element) -> str:
    """Markdown of one element: headings, paragraphs, list items and table rows become blocks."""
    blocks: list[str] = []
    _walk(element, blocks, list_depth=0)
    return "\n\n".join(blocks)


def _text(element) -> str:
    """Inline text of an element, ignoring dropped elements."""
    pieces = []
    if element.text:
        pieces.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _DROP:
            if child.tag == "br":
                pieces.append(" ")
            else:
                pieces.append(_text(child))
        if child.tail:
            pieces.append(child.tail)
    return " ".join("".join(pieces).split())


def _walk(element, blocks: list[str], list_depth: int) -> None:
    tag = element.tag if isinstance(element.tag, str) else None
    if tag is None or tag in _DROP:
        return
    if tag in _HEADINGS:
        text = _text(element)
        if text:
            blocks.append("#" * _HEADINGS[tag] + " " + text)
        return
    if tag in ("ul", "ol"):
        for n, item in enumerate((c for c in element if c.tag == "li"), 1):
            _list_item(item, blocks, list_depth, f"{n}." if tag == "ol" else "-")
        return
    if tag == "table":
        rows = element.xpath(".//tr")
        for i, row in enumerate(rows):
            cells = [_text(c) for c in row if c.tag in ("td", "th")]
            if any(cells):
                blocks.append("| " + " | ".join(cells) + " |")
                if i == 0:
                    blocks[-1] += "\n|" + "---|" * len(cells)
        return
    if tag in _BLOCKS or tag == "li":
        # Text directly inside a block element, and its inline children, form paragraphs
        # between the nested blocks.
        inline: list[str] = [element.text or ""]
        for child in element:
            ctag = child.tag if isinstance(child.tag, str) else None
            if ctag in _BLOCKS or ctag in _HEADINGS or ctag in ("ul", "ol", "table", "li"):
                _flush(inline, blocks)
                _walk(child, blocks, list_depth)
            elif ctag == "br":
                inline.append("\n")
            elif ctag and ctag not in _DROP:
                inline.append(_text(child))
            inline.append(child.tail or "")
        _flush(inline, blocks)
        return
    text = _text(element)
    if text:
        blocks.append(text)


def _list_item(item, blocks: list[str], depth: int, marker: str) -> None:
    nested: list[str] = []
    inline: list[str] = [item.text or ""]
    for child in item:
        ctag = child.tag if isinstance(child.tag, str) else None
        if ctag in ("ul", "ol", "table") or ctag in _BLOCKS or ctag in _HEADINGS:
            _walk(child, nested, depth + 1)
        elif ctag == "br":
            inline.append(" ")
        elif ctag and ctag not in _DROP:
            inline.append(_text(child))
        inline.append(child.tail or "")
    text = " ".join("".join(inline).split())
    if text:
        blocks.append("  " * depth + f"{marker} {text}")
    blocks.extend(nested)


def _flush(inline: list[str], blocks: list[str]) -> None:
    # A <br> inside a paragraph splits it into separate lines of one paragraph.
    text = "".join(inline)
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if para:
            blocks.append(para)
    inline.clear()


def normalize(markdown: str) -> str:
    """One blank line between blocks, no trailing spaces, no runs of spaces inside lines."""
    blocks = []
    for block in re.split(r"\n\s*\n", markdown.replace("\r\n", "\n").replace("\xa0", " ")):
        lines = [re.sub(r"(?<=\S)[ \t]+", " ", line).rstrip() for line in block.split("\n")]
        lines = [line for line in lines if line.strip()]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
