"""The extractor's shortcuts give the answers of the slow ways they stand for.

Three places skip work on a page whose selection has not changed: the bot-challenge check counts
a lower bound of the visible text in C before walking it in Python, noise is found by tag and by
attribute instead of one XPath union, and a link with a host or a path from the root is joined
once per site.
Each is checked here against the slow way, on generated pages and links.
"""

from urllib.parse import urljoin

import lxml.etree
from hypothesis import example, given, settings, strategies as st

from crawler import noise
from crawler.extract import _drop_noise, _parse, _surely_more_text, _visible_text
from crawler.noise import _join

# Words with the characters that make counting hard: non-ASCII letters, non-breaking and other
# Unicode spaces (str.split's whitespace), control characters str.split takes for space.
WORDS = st.sampled_from(["policy", "données", "数据", "a", "\xa0", "\u2003", "\x1c", "  ", "\n", "x" * 40, ""])
TEXT = st.lists(WORDS, max_size=6).map(" ".join)
TAGS = st.sampled_from(["p", "div", "span", "script", "style", "noscript", "template", "li"])
ATTRIBUTES = st.sampled_from(["", " hidden", ' aria-hidden="true"', ' aria-hidden="false"',
                              ' style="display:none"', ' style="color:red"', ' class="accordion"',
                              ' id="s1"', ' role="tabpanel"'])


@st.composite
def fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3 if depth < 3 else 1))
        if kind == 0:
            parts.append(draw(TEXT))
        elif kind == 1:
            parts.append("<!-- " + draw(TEXT).replace("-", "") + " -->" if draw(st.booleans()) else draw(TEXT))
        else:
            tag = draw(TAGS)
            attributes = "".join(draw(st.lists(ATTRIBUTES, max_size=2, unique=True)))
            parts.append(f"<{tag}{attributes}>{draw(fragments(depth + 1))}</{tag}>")
    return "".join(parts)


def page(body: str) -> str:
    return f"<html><head><title>t</title></head><body>{body}<button aria-controls='s1'>x</button></body></html>"


@settings(max_examples=300, deadline=None)
@given(fragments(), st.integers(0, 120))
def test_challenge_bound_never_says_more_than_the_walk(body, enough):
    root = _parse(page(body))
    exact = len(" ".join(_visible_text(root.find("body"), 10**9).split()))
    if _surely_more_text(root.find("body"), enough):
        assert exact > enough


def test_challenge_bound_counts_a_long_page():
    root = _parse(page("<script>var a = 1;</script><main>" + "<p>word " * 600 + "</main>"))
    assert _surely_more_text(root.find("body"), noise.CHALLENGE_MAX_TEXT)


# What `_drop_noise` removed before its shortcut: one XPath union, in document order.
_UNION = lxml.etree.XPath("//comment() | //processing-instruction() | //script | //style | //noscript"
                          " | //template | //*[@hidden or @aria-hidden or @style]")


def _drop_noise_by_union(root) -> None:
    from crawler.extract import _remove

    controlled = {i for v in root.xpath("//@aria-controls") for i in v.split()}
    doomed = [el for el in _UNION(root)
              if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "template")
              or (noise.is_hidden(el) and not noise.is_collapsed_panel(el, controlled))]
    for el in doomed:
        if el.getparent() is not None:
            _remove(el)


@settings(max_examples=300, deadline=None)
@given(fragments())
def test_noise_dropped_as_by_the_union(body):
    assert _outcome(_drop_noise, page(body)) == _outcome(_drop_noise_by_union, page(body))


def _outcome(drop, html: str):
    root = _parse(html)
    drop(root)
    return lxml.etree.tostring(root)


BASES = ["https://vendor.example/legal/privacy?lang=fr#top", "http://u:p@h.example:8080/a/b;x?q=1",
         "https://vendor.example", "ftp://h/x/y", "vendor.example/a", "file:///a/b"]


HREFS = st.tuples(st.sampled_from(["/", "//", "http://", "HTTPS://", "https:", "", "?", "#", "a/", " /"]),
                  st.text(st.sampled_from("/\t\n\r\x01 .?#;:@%a[]\\"), max_size=8)).map("".join)


@example("/\t/", BASES[0])  # urljoin deletes the tab: "//", which takes the base's path
@example("/\n/?x", BASES[1])
@settings(max_examples=500)
@given(HREFS, st.sampled_from(BASES))
def test_a_link_joins_as_by_urljoin(href, base):
    assert _joined(_join, base, href) == _joined(urljoin, base, href)


def _joined(join, base, href):
    try:
        return join(base, href)
    except ValueError as e:  # a malformed host, "http://[a"
        return repr(e)
