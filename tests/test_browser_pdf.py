"""Policies published as PDF: generated in the test with reportlab, served by a real local
HTTP server, crawled by the real `policywatch crawl`, and read by crawler.pdf directly."""

import io
import os

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import ListFlowable, ListItem, PageBreak, Paragraph, SimpleDocTemplate

from conftest import rows, write_config
from crawler import extract
from crawler.errors import ExtractionError
from crawler.pdf import pdf_to_markdown

STYLES = getSampleStyleSheet()
RETENTION = ("We keep your information for as long as your account is open, and for two years "
             "after you close it, unless the law requires us to keep it longer.")
# Long enough to wrap over several lines.
BACKUPS = ("Copies in our backups are overwritten within ninety days of deletion, and logs that "
           "record your use of our services are kept for thirteen months and then anonymised.")


def policy_pdf(retention: str = RETENTION, outline: bool = False) -> bytes:
    """A two-page policy: a title, sections, a list, a running footer with page numbers."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title="Acme Privacy Policy")
    h2 = STYLES["Heading2"]
    story = [
        Paragraph("Acme Privacy Policy", STYLES["Title"]),
        Paragraph("Information we collect", h2),
        Paragraph("We collect your name and your e-mail address when you create an account, and "
                  "the pages you visit when you use our services.", STYLES["BodyText"]),
        ListFlowable([ListItem(Paragraph("the identifiers of your devices", STYLES["BodyText"])),
                      ListItem(Paragraph("your approximate location", STYLES["BodyText"]))],
                     bulletType="bullet"),
        Paragraph("How we share information", h2),
        Paragraph("We do not sell your personal information.", STYLES["BodyText"]),
        PageBreak(),
        Paragraph("Retention", h2),
        Paragraph(f"{retention} {BACKUPS}", STYLES["BodyText"]),
    ]

    def footer(c, d):
        c.setFont("Helvetica", 8)
        c.drawString(72, 30, f"Acme Inc. - Privacy Policy - page {d.page} of 2")
        if outline and d.page == 1:
            # Bookmarks that say the sections are level 1, whatever their font size.
            for i, title in enumerate(["Acme Privacy Policy", "Information we collect"]):
                c.bookmarkPage(f"b{i}")
                c.addOutlineEntry(title, f"b{i}", level=0)

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A page that is only a picture (of nothing legible): no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    for y in range(100, 700, 30):
        draw.rectangle([60, y, 540, y + 12], fill="black")  # lines of "text" as a scanner sees them
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return buffer.getvalue()


def put(site, name: str, data: bytes) -> str:
    path = site.root / name
    before = path.stat().st_mtime if path.exists() else None
    path.write_bytes(data)
    if before is not None:  # Last-Modified has one-second resolution: see Site.edit
        later = max(before, path.stat().st_mtime) + 60
        os.utime(path, (later, later))
    return f"{site.url}/{name}"


# --- crawled ------------------------------------------------------------------------------------

def test_a_pdf_policy_is_versioned_and_a_clause_edit_is_one_modified_clause(site, tmp_path, crawl):
    db = tmp_path / "pw.db"
    url = put(site, "privacy.pdf", policy_pdf())
    config = write_config(tmp_path / "config.toml", [{"id": "acme-pdf", "url": url}], db)
    assert crawl(config) == {"acme-pdf": "new"}
    version = rows(db, "select markdown from versions")[0]["markdown"]
    assert version.startswith("# Acme Privacy Policy\n\n## Information we collect\n\n")
    assert "- the identifiers of your devices\n\n- your approximate location" in version
    assert "## Retention" in version and "page 1 of 2" not in version
    snapshot = rows(db, "select content_type, fetcher from snapshots")[0]
    assert snapshot == {"content_type": "application/pdf", "fetcher": "static"}

    put(site, "privacy.pdf", policy_pdf(RETENTION.replace("two years", "five years")))
    assert crawl(config) == {"acme-pdf": "changed: 1 modified, 0 added, 0 removed"}
    (change,) = rows(db, "select kind, section, old, new from changes")
    assert change["kind"] == "modified" and "Retention" in change["section"]
    assert "two years" in change["old"] and "five years" in change["new"]


def test_a_pdf_without_a_text_layer_fails_cleanly(site, tmp_path, crawl):
    db = tmp_path / "pw.db"
    config = write_config(tmp_path / "config.toml",
                          [{"id": "scanned", "url": put(site, "scanned.pdf", scanned_pdf())}], db)
    assert crawl(config) == {"scanned": "failed: no text layer (a scanned PDF of 1 page(s)?)"}
    fetch = rows(db, "select outcome, error_class, snapshot_id from fetches")[0]
    assert fetch["error_class"] == "broken" and fetch["snapshot_id"] is not None  # the bytes are kept
    assert rows(db, "select count(*) as n from versions")[0]["n"] == 0


def test_a_pdf_url_served_as_octet_stream_is_read_as_pdf():
    body = policy_pdf()
    markdown = extract(body, url="https://example.com/legal/privacy.pdf", content_type="application/octet-stream")
    assert markdown.startswith("# Acme Privacy Policy")


# --- read directly ------------------------------------------------------------------------------

def test_headings_follow_font_sizes_and_running_footers_are_dropped():
    blocks = pdf_to_markdown(policy_pdf()).split("\n\n")
    headings = [b for b in blocks if b.startswith("#")]
    assert headings == ["# Acme Privacy Policy", "## Information we collect",
                        "## How we share information", "## Retention"]
    assert not any("page" in b and "of 2" in b for b in blocks)
    # The long retention paragraph is one paragraph, its wrapped lines joined by spaces.
    (retention,) = [b for b in blocks if b.startswith("We keep")]
    assert retention == f"{RETENTION} {BACKUPS}"


def test_the_outline_gives_heading_levels():
    headings = [b for b in pdf_to_markdown(policy_pdf(outline=True)).split("\n\n") if b.startswith("#")]
    assert headings[:2] == ["# Acme Privacy Policy", "# Information we collect"]
    assert "## Retention" in headings  # not in the outline: its font size decides


def test_a_paragraph_cut_by_a_page_break_is_one_paragraph():
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 100, "We share your information with the processors listed in")
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(72, 780, "the annex, and with nobody else.")
    c.showPage()
    c.save()
    assert pdf_to_markdown(buffer.getvalue()) == (
        "We share your information with the processors listed in the annex, and with nobody else.")


def test_a_damaged_or_empty_pdf_is_an_extraction_error():
    with pytest.raises(ExtractionError, match="unreadable PDF"):
        pdf_to_markdown(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")
    with pytest.raises(ExtractionError, match="no text layer"):
        pdf_to_markdown(scanned_pdf())
