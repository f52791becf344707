"""A character that XML forbids (lxml's HTML parser keeps it from the page, raw or as a
character reference) is no failure of the page and never part of its text: next to something
the extractor removes or rewrites it failed the page with lxml's ValueError ("All strings must
be XML compatible"), and elsewhere it stayed in the text, so the text depended on whether a
neighbouring comment or script was there."""

import pytest

from crawler.extract import extract


def page(main: str) -> str:
    return f"<html><head><title>Privacy</title></head><body><main>{main}</main></body></html>"


@pytest.mark.parametrize("removed", ["<script>track()</script>", "<!-- build 7 -->", "<span hidden>old</span>"])
def test_text_after_a_removed_node_keeps_its_words_around_a_control_character(removed):
    markdown = extract(page(f"<p>We keep data.</p>{removed}\x1cfor a year\x01s end"),
                       content_type="text/html", select="main")
    assert markdown == "We keep data.\n\nfor a years end"


def test_a_link_with_a_control_character_is_kept():
    markdown = extract(page('<p>See <a href="/privacy\x1cpolicy">our policy</a>.</p>'),
                       url="https://acme.example/terms", content_type="text/html", select="main")
    assert markdown == "See [our policy](https://acme.example/privacy%20policy)."


def test_a_cloudflare_address_that_decodes_to_a_control_character_is_kept():
    key = 0x42
    encoded = bytes([key, *(b ^ key for b in "dpo\x01@acme.example".encode())]).hex()
    markdown = extract(page(f'<p>Write to <a class="__cf_email__" data-cfemail="{encoded}">[email protected]</a>.</p>'),
                       content_type="text/html", select="main")
    assert markdown == "Write to dpo@acme.example."


@pytest.mark.parametrize("character", ["\ufffe", "&#xFFFE;", "\uffff", "&#1;"])
def test_the_noncharacters_and_references_xml_forbids_go_too(character):
    markdown = extract(page(f"<p>We keep<!-- build 7 -->{character}data.</p><p>Also{character}this.</p>"),
                       content_type="text/html", select="main")
    assert markdown == "We keepdata.\n\nAlsothis."


@pytest.mark.parametrize("neighbour", ["", "<!-- build 7 -->", "<script>x()</script>"])
def test_the_text_is_the_same_with_or_without_a_removed_neighbour(neighbour):
    markdown = extract(page(f"<p>We keep{neighbour}\x01data\x1cfor a year.</p>"),
                       content_type="text/html", select="main")
    assert markdown == "We keepdata for a year."


def test_a_form_feed_in_a_plain_text_policy_breaks_the_text_there():
    markdown = extract(b"Privacy policy\n\nSection 1. We keep data.\n\x0cSection 2. We share it.\x0bwith partners",
                       content_type="text/plain")
    assert markdown == "Privacy policy\n\nSection 1. We keep data.\n\nSection 2. We share it.\nwith partners"
