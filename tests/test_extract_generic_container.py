"""Generic extraction (no selectors) writes the page's own element that holds the text
trafilatura found: the headings trafilatura drops come back, the header and footer stay out."""

import importlib

import differ
from crawler.extract import extract

extract_module = importlib.import_module("crawler.extract")

PARAGRAPH = "Part {0}: we process the personal data you give us to run the service and keep it safe. " * 4


def section(title: str, subtitle: str, n: int) -> str:
    # The layout of a real terms page: each section's title in its own block, apart from the
    # text, where trafilatura keeps the paragraphs and loses every heading.
    return f"""<section class="module"><div class="module__title"><h2 class="title">{title}</h2></div>
    <div class="module__content"><p>{PARAGRAPH.format(n)}</p><h3>{subtitle}</h3><p>{PARAGRAPH.format(n + 1)}</p>
    <p>Read more in <a href="/cookies">our cookie notice</a> about part {n}, which applies as well.</p></div></section>"""


def page(first_title: str = "Our terms") -> str:
    return f"""<html><body><header><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav></header>
    {section(first_title, "Why read these", 1)}{section("Your data", "What we keep", 3)}
    {section("Your rights", "How to object", 5)}
    <footer><p>Copyright 2024 Example Ltd, all rights reserved, every day of the year.</p></footer></body></html>"""


def test_headings_that_trafilatura_drops_are_kept():
    text = extract(page(), url="https://example.com/terms")
    for heading in ("## Our terms", "### Why read these", "## Your data", "## Your rights", "### How to object"):
        assert heading in text
    assert text.startswith("## Our terms")
    assert "[our cookie notice](https://example.com/cookies)" in text


def test_the_header_and_footer_around_the_text_stay_out():
    text = extract(page(), url="https://example.com/terms")
    assert "Blog" not in text and "Copyright" not in text


def test_a_heading_edit_is_a_change():
    old = extract(page("Our terms"), url="https://example.com/terms")
    new = extract(page("Our terms and conditions"), url="https://example.com/terms")
    assert differ.compare(old, new)


def test_without_the_container_trafilatura_alone_loses_the_headings(monkeypatch):
    # What the container step is for: the same page through trafilatura's own output.
    monkeypatch.setattr(extract_module, "GENERIC_CONTAINER", False)
    text = extract(page(), url="https://example.com/terms")
    assert "## Our terms" not in text and "Part 1" in text


def test_a_container_that_is_most_of_the_page_is_not_used():
    # The paragraphs sit among a long list of links in one element: writing that element would
    # bring the navigation in, so trafilatura's text is kept.
    links = "".join(f'<li><a href="/p{i}">Another page of this site number {i}</a></li>' for i in range(200))
    body = "".join(f"<p>{PARAGRAPH.format(i)}</p>" for i in range(1, 4))
    html = f"<html><body><div><p>{PARAGRAPH.format(0)}</p><ul>{links}</ul>{body}</div></body></html>"
    text = extract(html, url="https://example.com/terms")
    assert "Part 0" in text and "Another page" not in text
