"""A PDF policy to Markdown: paragraphs, list items, and headings where the PDF allows.

    markdown = pdf_to_markdown(body)    # ExtractionError when there is no text to read

pdfminer.six lays out each page into text boxes and lines, with the font and size of every
character; from these:

- the body size is the size that carries the most characters; a short line set larger than
  the body, or wholly in a bold face, is a heading. Heading levels follow the sizes (largest
  first); when the PDF has an outline (bookmarks), a line whose text is an outline title takes
  the outline's level, which is what the author meant;
- a line that starts with a bullet or a number ("1.", "(a)") starts a list item; other lines
  join the paragraph they belong to. A word hyphenated at a line end keeps its hyphen and loses
  the line break ("third-party"): dropping the hyphen would turn "e-mail" into "email";
- running headers and footers (a short line found on most pages, digits aside) and bare page
  numbers are dropped, and a paragraph cut by a page break is joined again: a reflowed edition
  must not look like a changed policy;
- a PDF with pages but no text at all is a scan without a text layer: a `broken` failure.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass

from .errors import ExtractionError

__all__ = ["pdf_to_markdown"]

# A heading is set at least this much larger than the body text (points).
HEADING_SIZE_STEP = 1.0
# Longer lines are text, whatever their size.
HEADING_MAX_CHARS = 150
_BULLETS = "•◦▪▫●○■□‣⁃–-*·"
_ITEM = re.compile(rf"^\s*(?:([{re.escape(_BULLETS)}])\s+|(\(?\d{{1,3}}[.)]|\(?[a-z][.)]|\([ivx]+\))\s+)(.*)$")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.I)
# A glyph without a Unicode mapping, as pdfminer writes it: in a policy, a bullet (ZapfDingbats).
_CID = re.compile(r"\(cid:\d+\)")
_SENTENCE_END = re.compile(r"[.!?:;)\"”’]$")


@dataclass
class _Line:
    text: str
    size: float
    bold: bool
    page: int
    box: int  # the text box it came from: lines of one box belong together
    top: float = 0.0  # where it stands on its page (points from the bottom)


def pdf_to_markdown(body: bytes) -> str:
    """The text of a PDF as Markdown blocks; an ExtractionError if it has none."""
    pages = _read(body)
    lines = [line for page in pages for line in page]
    if not any(re.search(r"\w", line.text) for line in lines):
        raise ExtractionError(f"no text layer (a scanned PDF of {len(pages)} page(s)?)")
    lines = _drop_running_lines(lines, len(pages))
    levels = _heading_levels(lines, _outline(body))
    blocks = _blocks(lines, levels)
    return "\n\n".join(blocks)


def _read(body: bytes) -> list[list[_Line]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException

    pages: list[list[_Line]] = []
    box_number = 0
    try:
        for page_number, layout in enumerate(extract_pages(io.BytesIO(body), laparams=LAParams())):
            page: list[_Line] = []
            for element in layout:
                if not isinstance(element, LTTextContainer):
                    continue
                box_number += 1
                for line in element if not isinstance(element, LTTextLine) else [element]:
                    if not isinstance(line, LTTextLine):
                        continue
                    text = " ".join(_CID.sub("•", line.get_text()).split())
                    chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                    if not text or not chars:
                        continue
                    size = Counter(round(c.size * 2) / 2 for c in chars).most_common(1)[0][0]
                    bold = all(re.search(r"bold|black|heavy", c.fontname, re.I) for c in chars)
                    page.append(_Line(text, size, bold, page_number, box_number, line.y1))
            pages.append(_attach_bullets(page))
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise ExtractionError("the PDF is encrypted with a password") from None
    except (PSException, ValueError, KeyError, TypeError, AssertionError) as e:
        # pdfminer reports a damaged file through many exception types.
        raise ExtractionError(f"unreadable PDF: {type(e).__name__}: {e}") from None
    if not pages:
        raise ExtractionError("unreadable PDF: no pages")
    return pages


def _attach_bullets(page: list[_Line]) -> list[_Line]:
    """Bullets drawn apart from their text (a box of their own) put back in front of it."""
    bullets = [line for line in page if line.text.strip(_BULLETS + " ") == ""]
    if not bullets:
        return page
    lines = [line for line in page if line not in bullets]
    for bullet in bullets:
        beside = [line for line in lines if abs(line.top - bullet.top) <= 2 and not _ITEM.match(line.text)]
        if beside:
            beside[0].text = "• " + beside[0].text
    return lines


def _outline(body: bytes) -> dict[str, int]:
    """Outline (bookmark) titles, normalized, and their levels (1 = top)."""
    from pdfminer.pdfdocument import PDFDocument, PDFNoOutlines
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(body)))
        return {_key(title): level for level, title, *_ in document.get_outlines() if _key(title)}
    except PDFNoOutlines:
        return {}
    except Exception:  # a damaged outline only costs us the heading levels it would give
        return {}


def _key(text) -> str:
    return " ".join(str(text).split()).casefold()


def _drop_running_lines(lines: list[_Line], page_count: int) -> list[_Line]:
    """Without page numbers and the headers and footers repeated on most pages."""
    def shape(line):
        return re.sub(r"\d+", "#", line.text.casefold())

    running = set()
    if page_count >= 2:
        pages_of: dict[str, set] = {}
        for line in lines:
            if len(line.text) <= 100:
                pages_of.setdefault(shape(line), set()).add(line.page)
        running = {s for s, pages in pages_of.items() if len(pages) >= max(2, page_count / 2)}
    return [line for line in lines if shape(line) not in running and not _PAGE_NUMBER.match(line.text)]


def _heading_levels(lines: list[_Line], outline: dict[str, int]) -> dict[int, int]:
    """Which lines (by index) are headings, and their level."""
    weight = Counter()
    for line in lines:
        weight[line.size] += len(line.text)
    body_size = weight.most_common(1)[0][0]
    bigger = sorted({line.size for line in lines if line.size >= body_size + HEADING_SIZE_STEP}, reverse=True)
    size_level = {size: min(i + 1, 6) for i, size in enumerate(bigger)}
    bold_level = min(len(bigger) + 1, 6)
    levels = {}
    for i, line in enumerate(lines):
        if len(line.text) > HEADING_MAX_CHARS:
            continue
        if _key(line.text) in outline:
            levels[i] = min(outline[_key(line.text)], 6)
        elif line.size in size_level:
            levels[i] = size_level[line.size]
        elif line.bold and not _SENTENCE_END.search(line.text) and not _ITEM.match(line.text):
            levels[i] = bold_level
    return levels


def _blocks(lines: list[_Line], levels: dict[int, int]) -> list[str]:
    blocks: list[str] = []
    current: list[str] = []  # the lines of the paragraph or list item being read

    def flush():
        if current:
            blocks.append(_join(current))
            current.clear()

    previous = None
    for i, line in enumerate(lines):
        if i in levels:
            flush()
            # A heading set on two lines of one box is one heading.
            if previous in levels and lines[previous].box == line.box and levels[previous] == levels[i]:
                blocks[-1] += " " + line.text
            else:
                blocks.append("#" * levels[i] + " " + line.text)
        elif item := _ITEM.match(line.text):
            flush()
            marker = "-" if item.group(1) else _number(item.group(2))
            current.append(f"{marker} {item.group(3)}")
        else:
            same_box = previous is not None and previous not in levels and lines[previous].box == line.box
            # A paragraph cut by a page break goes on in lower case on the next page.
            next_page = (previous is not None and lines[previous].page != line.page and current
                         and not _SENTENCE_END.search(current[-1]) and line.text[:1].islower())
            if not (same_box or next_page):
                flush()
            current.append(line.text)
        previous = i
    flush()
    return blocks


def _number(marker: str) -> str:
    """A numbered item's marker as Markdown: "1." stays, "(a)" and "ii)" are kept as text."""
    return marker if re.fullmatch(r"\d+\.", marker) else f"- {marker}"


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        text += line if re.search(r"\w-$", text) else " " + line
    return text
