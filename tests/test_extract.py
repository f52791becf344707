"""crawler.extract: pages to normalized Markdown, noise ignored, broken pages as failures."""

import json
from pathlib import Path

import pytest

import differ
from crawler.errors import Blocked, ExtractionError
from crawler.extract import EXTRACTOR_VERSION, check_shrink, extract
from crawler.noise import clean_url, decode_cf_email

DATA = Path(__file__).parent / "data" / "extract"
NOISE_CASES = sorted(p.name for p in (DATA / "noise").iterdir())
BLOCKED_PAGES = sorted(p.name for p in (DATA / "blocked").iterdir())

POLICY = """<html><head><title>Privacy</title></head><body>
<nav><a href="/">Home</a></nav>
<div class="policy">
  <h1>Privacy Policy</h1>
  <p>We collect <b>your name</b> and your
     e-mail address.</p>
  <h2>Sharing</h2>
  <ul><li>With payment processors.</li><li>With the police<ul><li>when the law requires it.</li></ul></li></ul>
  <ol><li>First.</li><li>Second.</li></ol>
  <table><tr><th>Data</th><th>Kept for</th></tr><tr><td>Messages</td><td>30 days</td></tr></table>
</div>
<footer>© 2024</footer></body></html>"""


def rules(case: str) -> dict:
    return json.loads((DATA / "noise" / case / "rules.json").read_text())


@pytest.mark.parametrize("case", NOISE_CASES)
def test_page_noise_does_not_change_the_text(case):
    kwargs = {"url": "https://example.com/policy", **rules(case)}
    a = extract((DATA / "noise" / case / "a.html").read_bytes(), **kwargs)
    b = extract((DATA / "noise" / case / "b.html").read_bytes(), **kwargs)
    assert a == b
    assert not differ.compare(a, b)


def test_markdown_has_headings_paragraphs_lists_and_tables():
    assert extract(POLICY, select=".policy") == "\n\n".join([
        "# Privacy Policy",
        "We collect your name and your e-mail address.",
        "## Sharing",
        "- With payment processors.",
        "- With the police",
        "  - when the law requires it.",
        "1. First.",
        "2. Second.",
        "| Data | Kept for |\n| --- | --- |\n| Messages | 30 days |",
    ])


def test_extractor_version_is_recorded_as_a_string():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_links_are_kept_absolute_and_without_tracking_parameters():
    page = '<div id="p"><p>See <a href="/terms?utm_source=x&amp;id=4#s2">our terms</a>.</p></div>'
    assert extract(page, url="https://example.com/privacy", select="#p") == (
        "See [our terms](https://example.com/terms?id=4#s2).")


def test_link_target_changes_are_seen_by_the_differ():
    old = extract('<div id="p"><p>Opt out <a href="https://a.example/out">here</a>.</p></div>', select="#p")
    new = extract('<div id="p"><p>Opt out <a href="https://b.example/out">here</a>.</p></div>', select="#p")
    assert differ.compare(old, new)


def test_cloudflare_email_protection_is_decoded_in_text_and_links():
    text = extract((DATA / "noise" / "cf-email-protection" / "a.html").read_bytes(), select="#c")
    assert "[dpo@example.com](mailto:dpo@example.com)" in text
    assert "email protected" not in text


def test_decoding_a_malformed_cloudflare_email_gives_nothing():
    assert decode_cf_email("zz") == ""
    assert decode_cf_email("2a") == ""


def test_per_source_tracking_parameters_are_stripped_too():
    assert clean_url("https://x.example/p?sid=9&lang=fr", extra_params=["SID"]) == "https://x.example/p?lang=fr"


def test_folded_accordion_sections_are_kept_although_hidden():
    page = """<div class="policy"><button aria-controls="s1">Data we collect</button>
    <div id="s1" aria-hidden="true" style="max-height:0">We collect your location.</div>
    <div class="accordion-body" hidden>We keep it a year.</div></div>"""
    text = extract(page, select=".policy")
    assert "We collect your location." in text and "We keep it a year." in text


def test_remove_runs_before_select():
    page = '<div class="p"><p>Kept.</p><div class="ad"><p class="p">Ad.</p></div></div>'
    assert extract(page, select=".p", remove=".ad") == "Kept."


def test_several_selectors_are_joined_in_order_without_repeating_nested_matches():
    page = '<div id="a"><p>One.</p><div id="b"><p>Two.</p></div></div><div id="c"><p>Three.</p></div>'
    assert extract(page, select=["#a", "#b", "#c"]) == "One.\n\nTwo.\n\nThree."


RANGE_PAGE = """<html><body><div class="legal">
<p>Intro banner</p><h2 id="start">Your data</h2><p>We collect your name.</p>
<div><p>We keep it for a year.</p><h2 id="cookies">Cookies</h2><p>Cookie text.</p></div>
</div></body></html>"""


@pytest.mark.parametrize("selector, expected", [
    ({"startBefore": "#start", "endBefore": "#cookies"},
     "## Your data\n\nWe collect your name.\n\nWe keep it for a year."),
    ({"startAfter": "#start", "endBefore": "#cookies"},
     "We collect your name.\n\nWe keep it for a year."),
    ({"startAfter": "#start", "endAfter": "#cookies"},
     "We collect your name.\n\nWe keep it for a year.\n\n## Cookies"),
])
def test_range_selectors_select_the_part_of_the_page_between_two_elements(selector, expected):
    assert extract(RANGE_PAGE, select=[selector]) == expected


def test_range_selectors_leave_the_page_untouched_for_the_next_selector():
    text = extract(RANGE_PAGE, select=[{"startAfter": "#start", "endBefore": "#cookies"}, "#cookies + p"])
    assert text.endswith("Cookie text.")


def test_range_selectors_also_remove():
    text = extract(RANGE_PAGE, select=".legal", remove=[{"startBefore": "#cookies", "endAfter": "#cookies + p"}])
    assert "Cookie" not in text and "We keep it for a year." in text


def test_a_range_whose_end_comes_before_its_start_is_a_failure():
    with pytest.raises(ExtractionError):
        extract(RANGE_PAGE, select={"startBefore": "#cookies", "endBefore": "#start"})


def test_ignore_patterns_delete_matching_text_and_empty_lines():
    page = "<main><p>Updated: 2024-03-01</p><p>We sell nothing.</p></main>"
    assert extract(page, select="main", ignore=[r"^Updated: \S+$"]) == "We sell nothing."


def test_an_invalid_ignore_pattern_is_an_extraction_error():
    with pytest.raises(ExtractionError, match="ignore pattern"):
        extract("<main><p>Text.</p></main>", select="main", ignore=["(unclosed"])


def test_plain_text_and_markdown_bodies_are_returned_normalized():
    body = "# Terms\r\n\r\n\r\nBe   nice.  \r\n".encode()
    assert extract(body, content_type="text/plain; charset=utf-8") == "# Terms\n\nBe nice."
    assert extract(body, content_type="text/markdown") == "# Terms\n\nBe nice."


def test_the_charset_of_the_content_type_decodes_the_page():
    body = "<div id='p'><p>Données personnelles</p></div>".encode("latin-1")
    assert extract(body, content_type="text/html; charset=ISO-8859-1", select="#p") == "Données personnelles"


def test_generic_extraction_finds_the_main_content_without_selectors():
    paragraph = "We process the personal data you give us to run the service and to keep it safe. " * 8
    page = f"""<html><body><nav><ul><li><a href="/a">About</a></li><li><a href="/b">Blog</a></li></ul></nav>
    <main><h1>Privacy Policy</h1><p>{paragraph}</p><h2>Your rights</h2><p>{paragraph}</p></main>
    <footer><p>Copyright 2024 Example Ltd</p></footer></body></html>"""
    text = extract(page, url="https://example.com/privacy")
    assert text.startswith("# Privacy Policy")
    assert "## Your rights" in text
    assert "Copyright" not in text and "Blog" not in text


# --- failures ---------------------------------------------------------------------------------

def test_selector_miss_is_a_failure_not_a_deletion():
    with pytest.raises(ExtractionError, match="matched nothing"):
        extract(POLICY, select=".no-such-class")


def test_one_missing_selector_among_several_is_a_failure():
    with pytest.raises(ExtractionError, match="#gone"):
        extract(POLICY, select=[".policy", "#gone"])


def test_an_invalid_css_selector_is_an_extraction_error():
    with pytest.raises(ExtractionError, match="invalid CSS selector"):
        extract(POLICY, select="div[")


def test_a_selection_without_text_is_a_failure():
    with pytest.raises(ExtractionError, match="no text"):
        extract('<div class="p"><img src="x.png"><script>t()</script></div>', select=".p")


def test_an_empty_body_is_a_failure():
    with pytest.raises(ExtractionError):
        extract(b"")


def test_a_generic_page_with_almost_no_text_is_a_failure():
    with pytest.raises(ExtractionError):
        extract("<html><body><main><p>Loading is taking longer than expected…</p></main></body></html>")


@pytest.mark.parametrize("page", BLOCKED_PAGES)
def test_bot_challenge_pages_are_blocked_failures(page):
    body = (DATA / "blocked" / page).read_bytes()
    with pytest.raises(Blocked) as raised:
        extract(body, select="main")
    assert raised.value.error_class == "blocked"
    with pytest.raises(Blocked):
        extract(body)


def test_a_long_policy_that_mentions_captcha_is_not_a_challenge():
    text = "<p>We use reCAPTCHA to protect the sign-up form; verify you are human there.</p>" + (
        "<p>" + "We keep your data safe and only for as long as needed. " * 50 + "</p>")
    assert "reCAPTCHA" in extract(f'<div class="g-recaptcha"></div><main>{text}</main>', select="main")


@pytest.mark.parametrize("content_type", ["image/png", "application/json", "application/zip"])
def test_an_unsupported_content_type_is_a_failure(content_type):
    with pytest.raises(ExtractionError, match="unsupported"):
        extract(b"\x89PNG....", content_type=content_type)


def test_a_damaged_pdf_is_an_extraction_error():
    # Real PDFs are covered in tests/test_browser_pdf.py.
    with pytest.raises(ExtractionError, match="unreadable PDF"):
        extract(b"%PDF-1.7\n...", content_type="application/pdf")
    with pytest.raises(ExtractionError, match="unreadable PDF"):
        extract(b"%PDF-1.7\n...")


def test_text_shrunk_below_half_of_the_current_version_is_a_failure():
    current = "# Privacy\n\n" + "We protect your data. " * 20
    with pytest.raises(ExtractionError, match="shrank"):
        check_shrink("# Privacy\n\nWe protect your data.", current)


def test_shrink_threshold_is_configurable_and_small_edits_pass():
    current = "word " * 100
    check_shrink("word " * 60, current)
    with pytest.raises(ExtractionError):
        check_shrink("word " * 60, current, min_ratio=0.8)
    check_shrink("anything", "")


def test_failures_carry_their_class_and_reason():
    with pytest.raises(ExtractionError) as raised:
        extract(POLICY, select="#nothing")
    assert raised.value.error_class == "broken"
    assert "#nothing" in raised.value.reason
