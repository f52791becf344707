"""Text fingerprints: a page whose only change lies outside its selection is recognised as the
same text without its Markdown being written, and anything that could change the text (the
selection, the rules) still gets a full extraction."""

import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT, write_config
from crawler.extract import extract, extract_page
from crawler.pdf import pdf_to_markdown
from test_browser_pdf import policy_pdf

PAGE = """<!DOCTYPE html><html><head><title>Acme</title></head><body>
<nav><a href="/">Home</a></nav>
<main id="policy"><h1>Acme Privacy Policy</h1>
<h2>What we collect</h2>
<p>We collect your name and e-mail address when you create an account with Acme.</p>
<p>We keep server logs for thirty days to protect the service against abuse and fraud.</p>
<h2>Contact</h2><p>Write to <a href="/privacy?utm_source=footer">our privacy team</a>.</p>
</main>
<footer>Generated at {stamp} <script nonce="{stamp}">var t = "{stamp}";</script></footer>
</body></html>
"""


def page(stamp: str, **edits) -> str:
    html = PAGE.replace("{stamp}", stamp)
    for old, new in edits.items():
        html = html.replace(old, new)
    return html


def test_noise_outside_the_selection_keeps_the_fingerprint_and_skips_the_markdown():
    first = extract_page(page("1"), url="http://x.example/p", select="main")
    second = extract_page(page("2"), url="http://x.example/p", select="main", known=first.fingerprint)
    assert first.markdown and first.fingerprint
    assert second.fingerprint == first.fingerprint
    assert second.markdown is None


def test_a_change_inside_the_selection_changes_the_fingerprint_and_gives_the_markdown():
    first = extract_page(page("1"), url="http://x.example/p", select="main")
    edited = page("2", **{"thirty days": "ninety days"})
    second = extract_page(edited, url="http://x.example/p", select="main", known=first.fingerprint)
    assert second.fingerprint != first.fingerprint
    assert second.markdown == extract(edited, url="http://x.example/p", select="main")
    assert "ninety days" in second.markdown


@pytest.mark.parametrize("rules", [
    {"ignore": "thirty days"},
    {"remove": "h2"},
    {"select": "#policy p"},
    {"tracking_params": ["utm_source"]},
])
def test_the_rules_are_part_of_the_fingerprint(rules):
    base = extract_page(page("1"), url="http://x.example/p", select="main")
    other = extract_page(page("1"), url="http://x.example/p", **{"select": "main", **rules},
                         known=base.fingerprint)
    assert other.fingerprint != base.fingerprint
    assert other.markdown is not None


def test_a_generic_page_has_a_fingerprint_of_the_whole_cleaned_page():
    html = page("1").replace("<p>We collect", "<p>" + "We collect a lot. " * 40 + "We collect")
    first = extract_page(html, url="http://x.example/p")
    again = extract_page(html, url="http://x.example/p", known=first.fingerprint)
    elsewhere = extract_page(html, url="http://y.example/p", known=first.fingerprint)
    assert first.fingerprint and again.markdown is None
    assert elsewhere.markdown is not None  # trafilatura reads the URL: another fingerprint


def test_pdf_and_plain_text_have_no_fingerprint():
    text = extract_page(b"A policy in plain text.", content_type="text/plain")
    assert text.fingerprint is None and text.markdown == "A policy in plain text."
    # A real PDF (made with reportlab), by its type and by its URL alone; a `known` fingerprint
    # never spares its text.
    body = policy_pdf()
    for pdf in (extract_page(body, content_type="application/pdf", known="x"),
                extract_page(body, url="https://x.example/privacy.pdf", content_type="application/octet-stream")):
        assert pdf.fingerprint is None
        assert pdf.markdown == pdf_to_markdown(body)
        assert "We do not sell your personal information." in pdf.markdown


def query(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("js", [False, "auto"])  # the pipeline extracts, or the spider does
def test_a_crawl_records_noise_as_same_text_through_the_fingerprint(site, tmp_path, cli, js):
    db = tmp_path / "pw.db"
    source = {"id": "acme", "url": site.put("p.html", page("1")), "select": "main", "js": js}
    config = write_config(tmp_path / "config.toml", [source], db)

    def crawl():
        return cli("--config", str(config), "crawl").stdout.split(None, 1)[1].strip()

    assert crawl() == "new"
    stored = query(db, "select version_id, fingerprint from text_fingerprints")
    assert [v for v, _ in stored] == [1]
    site.edit("p.html", 'Generated at 1 <script nonce="1">var t = "1"', 'Generated at 2 <script nonce="2">var t = "2"')
    assert crawl() == "unchanged"
    assert query(db, "select outcome, reason from fetches order by id")[-1] == ("unchanged", "same text")
    assert query(db, "select version_id, fingerprint from text_fingerprints") == stored
    site.edit("p.html", "thirty days", "ninety days")
    assert crawl().startswith("changed: 1 modified")
    assert query(db, "select version_id from text_fingerprints") == [(2,)]


def test_a_new_ignore_rule_is_applied_even_though_the_page_is_unchanged(site, tmp_path, cli):
    db = tmp_path / "pw.db"
    source = {"id": "acme", "url": site.put("p.html", page("1")), "select": "main"}
    config = write_config(tmp_path / "config.toml", [source], db)
    cli("--config", str(config), "crawl")
    write_config(config, [{**source, "ignore": ["We keep server logs.*fraud\\."]}], db)
    site.edit("p.html", "Generated at 1", "Generated at 2")  # new bytes, same selection
    line = cli("--config", str(config), "crawl").stdout.split(None, 1)[1].strip()
    assert line.startswith("changed:") and "removed" in line


def test_a_crawl_of_static_pages_imports_neither_trafilatura_nor_scrapy_playwright():
    # Each costs about a tenth of a second or more at the start of every run.
    code = ("import sys, scheduler.cli, crawler.run; "
            "print(sorted(m for m in ('trafilatura', 'scrapy_playwright', 'playwright', 'pdfminer') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
