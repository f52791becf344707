"""Issue 11: the meaning of a change set, crawled from local pages, wherever a reader sees it:
`changes --json` and its filters, `diff`, the e-mail digest (aiosmtpd) and the feeds (feedparser)."""

import json
import sqlite3
from pathlib import Path

import feedparser
import pytest

from conftest import write_config
from notify_support import email_table, smtp_server

SAMPLES = Path(__file__).parent.parent / "scheduler" / "samples"
MIUI_NAME = "Xiaomi — MIUI Privacy Policy"
HEADLINE = ("now collects financial and social information; "
            "may disclose personal information without consent")
CLOSE = "You may close your Mi Account at any time in your account settings."


@pytest.fixture(scope="module")
def miui(tmp_path_factory):
    """Two crawls of a local server: the MIUI policy moves from its 2017 to its 2018 edition,
    and the user agreement gets one new clause about closing an account; e-mail goes to a
    real SMTP server on 127.0.0.1, feeds to a folder."""
    from conftest import Site, read_cli, run_cli

    tmp = tmp_path_factory.mktemp("miui")
    (tmp / "site").mkdir()
    site = Site(tmp / "site")
    with smtp_server() as smtp:
        old = (SAMPLES / "miui-privacy-2017.html").read_text(encoding="utf-8")
        sources = [
            {"id": "xiaomi-privacy", "name": MIUI_NAME, "url": site.put("miui.html", old), "select": "#policy"},
            {"id": "xiaomi-user-agreement", "name": "Xiaomi — Mi Account User Agreement", "select": "#policy",
             "url": site.put("ua.html", (SAMPLES / "mi-user-agreement.html").read_text(encoding="utf-8"))},
        ]
        config = write_config(tmp / "config.toml", sources, tmp / "pw.db", tables=email_table(smtp.port) + f"""
[notify.feed]
enabled = true
dir = {json.dumps(str(tmp / "feeds"))}
base_url = "http://127.0.0.1:8080"
""")
        run_cli("--config", str(config), "crawl")
        site.edit("miui.html", old, (SAMPLES / "miui-privacy-2018.html").read_text(encoding="utf-8"))
        site.edit("ua.html", CLOSE, CLOSE + " We delete your account data within 30 days after you close it.")
        crawl = run_cli("--config", str(config), "crawl").stdout

        class Run:
            pass

        run = Run()
        run.tmp, run.config, run.crawl, run.inbox, run.db = tmp, config, crawl, smtp.inbox, tmp / "pw.db"
        run.cli = lambda *args, check=True: read_cli("--config", str(config), *args, check=check)  # no reactor: in-process
        yield run
    site.close()


def _changes(miui, *args) -> list[dict]:
    return json.loads(miui.cli("changes", "--json", *args).stdout)


def test_changes_json_gives_the_miui_headline_severity_and_each_clause_s_tags(miui):
    (cs,) = [c for c in _changes(miui) if c["source"] == "xiaomi-privacy"]
    assert cs["headline"] == HEADLINE
    assert cs["severity"] == "high"
    financial = next(c for c in cs["changes"] if c["new"] and c["new"].startswith("Financial information"))
    assert financial["tags"]["old"] is None
    assert set(financial["tags"]["new"]) == {"categories", "data_types", "negated", "evidence"}
    assert "financial" in financial["tags"]["new"]["data_types"]
    assert "first-party-collection" in financial["tags"]["new"]["categories"]
    location = next(c for c in cs["changes"] if c["kind"] == "modified" and "location" in (c["old"] or ""))
    assert "location" in location["tags"]["old"]["data_types"] and "location" in location["tags"]["new"]["data_types"]


def test_the_meaning_is_stored_in_columns_sql_can_rank_and_filter_by(miui):
    conn = sqlite3.connect(miui.db)
    rows = conn.execute("select source_id, severity, headline from change_sets order by score desc").fetchall()
    conn.close()
    assert rows[0] == ("xiaomi-privacy", "high", HEADLINE)
    assert rows[1][0] == "xiaomi-user-agreement" and rows[1][1] != "high"


def test_changes_filters_by_practice_and_by_data_type_on_either_side(miui):
    assert [c["source"] for c in _changes(miui, "--tag", "third-party-sharing")] == ["xiaomi-privacy"]
    assert [c["source"] for c in _changes(miui, "--data-type", "financial")] == ["xiaomi-privacy"]
    # location is on both sides of a modified clause
    assert [c["source"] for c in _changes(miui, "--data-type", "location")] == ["xiaomi-privacy"]
    assert [c["source"] for c in _changes(miui, "--tag", "data-retention")] == ["xiaomi-user-agreement"]
    assert _changes(miui, "--data-type", "health") == []
    both = _changes(miui, "--tag", "third-party-sharing", "--data-type", "social")
    assert [c["source"] for c in both] == ["xiaomi-privacy"]
    assert _changes(miui, "--tag", "data-retention", "--data-type", "financial") == []


def test_changes_rejects_an_unknown_tag(miui):
    proc = miui.cli("changes", "--tag", "selling", check=False)
    assert proc.returncode == 2 and "third-party-sharing" in proc.stderr


def test_changes_text_shows_the_headline_under_each_change_set(miui):
    out = miui.cli("changes", "--source", "xiaomi-privacy").stdout.splitlines()
    assert out[1].strip() == f"[high] {HEADLINE}"


def test_diff_prints_the_headline_above_the_clauses_and_each_clause_s_tags(miui):
    out = miui.cli("diff", "xiaomi-privacy").stdout
    lines = out.splitlines()
    assert lines[2] == f"[high] {HEADLINE}"
    assert ("added (substantive): MIUI Privacy Policy › 1. What personal information we collect "
            "[first-party-collection; financial]") in lines
    assert out.index(HEADLINE) < out.index("Financial information")


def test_the_mail_subject_and_body_carry_the_headline_and_tags(miui):
    (msg,) = miui.inbox.messages
    # one line, at most 200 characters: the headline whole, the other source counted
    assert msg["Subject"] == f"policywatch: {MIUI_NAME}: {HEADLINE} (and 1 more)"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert f"  [high] {HEADLINE}" in text
    assert "[substantive] [first-party-collection; financial]" in text
    assert f'<span class="severity high">high</span>: {HEADLINE}' in html
    assert '<span class="tags">[first-party-collection; financial]</span>' in html
    # the gravest change set first
    assert text.index(MIUI_NAME) < text.index("Mi Account User Agreement")


def test_the_feed_entry_title_is_the_headline_and_its_content_names_the_tags(miui):
    for name in ("atom.xml", "rss.xml"):
        feed = feedparser.parse((miui.tmp / "feeds" / "sources" / "xiaomi-privacy" / name).read_bytes())
        (entry,) = feed.entries
        assert entry.title == f"{MIUI_NAME}: {HEADLINE}"
        content = entry.content[0].value if name == "atom.xml" else entry.description
        assert HEADLINE in content and "[first-party-collection; financial]" in content
