"""Page text is untrusted: whatever a policy says comes out inert in HTML mail, feeds and pages."""

import threading
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest

import notifier
from notify_support import POLICY, email_config, record_change, smtp_server, source
from store import Store

SCRIPT = "<script>alert('pw')</script>"
IMG = '"><img src=x onerror=alert(1)>'
CDATA = "]]><evil/>"
EVIL_POLICY = (POLICY.replace("## How we share information", f"## How we share {SCRIPT}")
               .replace("We do not sell your personal information.",
                        f"We do not sell your personal information {IMG} {CDATA}.")
               + f"\n- New clause {SCRIPT} {IMG}\n")
EVIL_NAME = f"Acme {SCRIPT}\r\nBcc: victim@example.net"
# What our own templates use; anything else in the output came from the page.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "ul", "li", "span",
                "a", "ins", "del"}


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str):
    parser = TagCollector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"<{tag}> came through: {html[:200]}"
        assert not any(name.startswith("on") for name in attrs), attrs
        assert set(attrs) <= {"href", "class", "style", "charset"}, attrs
        if "href" in attrs:
            assert attrs["href"].startswith(("http://", "https://")), attrs
    assert "alert" in html  # the words are still there, as text


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pw.db") as s:
        record_change(s, source(name=EVIL_NAME), POLICY, EVIL_POLICY)
        # config.py refuses such a URL; the renderer does not rely on it
        record_change(s, source("js", "JS <b>link</b>", "javascript:alert(1)"), POLICY, EVIL_POLICY)
        yield s


def test_html_mail_is_inert_and_the_subject_stays_one_line(store):
    with smtp_server() as smtp:
        notifier.deliver_pending(store, email_config(smtp.port), "email")
    (received,) = smtp.inbox.received
    msg = received["message"]
    html = msg.get_body(("html",)).get_content()
    assert_inert(html)
    assert SCRIPT not in html and IMG not in html and "href=\"javascript" not in html
    assert "&lt;script&gt;" in html and "onerror=alert(1)&gt;" in html
    assert msg["Bcc"] is None and "\n" not in msg["Subject"]
    assert received["to"] == ["privacy-team@example.org", "dpo@example.org"]


@pytest.mark.parametrize("name", ["atom.xml", "rss.xml"])
def test_feeds_are_well_formed_and_their_html_content_is_inert(tmp_path, store, name):
    notifier.write_feeds(store, tmp_path / "feeds", "http://localhost:8080")
    raw = (tmp_path / "feeds" / name).read_bytes()
    root = ET.fromstring(raw)  # well-formed despite "]]>" and "<" in the text
    contents = [e.text for e in root.iter() if e.tag.split("}")[-1] in ("content", "description")]
    assert len(contents) >= 2
    for html in contents[-2:]:
        assert_inert(html)
    assert b"<evil" not in raw and b"<script" not in raw
    titles = [e.text for e in root.iter() if e.tag.split("}")[-1] == "title"]
    assert all("\n" not in t and "\r" not in t for t in titles)
    parsed = feedparser.parse(raw)
    assert not parsed.bozo and len(parsed.entries) == 2


def test_the_change_page_is_inert(tmp_path, store):
    notifier.write_feeds(store, tmp_path / "feeds", "")
    server = notifier.make_server(tmp_path / "feeds", store.path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for cs_id in (1, 2):
            with urllib.request.urlopen(f"{server.url}/changes/{cs_id}", timeout=5) as r:
                page = r.read().decode()
            assert_inert(page)
            assert "href=\"javascript" not in page
    finally:
        server.shutdown()
        server.server_close()


def test_the_text_digest_keeps_each_source_name_on_one_line(store):
    config = email_config(1)
    (digest,) = notifier.pending(store, config, "email")
    text = notifier.digest_text(digest)
    assert "Acme <script>alert('pw')</script> Bcc: victim@example.net <https://acme.example/privacy>" in text
    assert not any(line.startswith("Bcc:") for line in text.splitlines())
