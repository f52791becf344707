"""A feed is written again only when what it is made of changed: a crawl that found nothing new
leaves every feed as it was (bytes and mtime), and one new change set rewrites the feeds that
show it, which feedparser then reads with the new entry."""

import feedparser
import pytest

import notifier
from differ import learned
from notify_support import POLICY, record_change, source
from store import Store

EDIT_1 = POLICY.replace("name and", "name, bank account and")
EDIT_2 = EDIT_1.replace("We do not sell", "We may sell")
PRIVACY = source()
TERMS = source("acme-terms", "Acme Terms", "https://acme.example/terms")
ALL = {"atom.xml", "rss.xml", "sources/acme-privacy/atom.xml", "sources/acme-privacy/rss.xml",
       "sources/acme-terms/atom.xml", "sources/acme-terms/rss.xml"}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pw.db") as s:
        record_change(s, PRIVACY, POLICY, EDIT_1, at="2026-03-01T08:00:00.000000Z")
        record_change(s, TERMS, POLICY, EDIT_1, at="2026-03-02T08:00:00.000000Z")
        yield s


def write(store, tmp_path, base_url="http://localhost:8080") -> set[str]:
    feeds = tmp_path / "feeds"
    return {p.relative_to(feeds).as_posix() for p in notifier.write_feeds(store, feeds, base_url)}


def state(tmp_path) -> dict:
    return {p: ((tmp_path / "feeds" / p).read_bytes(), (tmp_path / "feeds" / p).stat().st_mtime_ns) for p in ALL}


def entries(tmp_path, path: str) -> list[str]:
    parsed = feedparser.parse((tmp_path / "feeds" / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [e.title for e in parsed.entries]


def assert_current(store, tmp_path, base_url="http://localhost:8080"):
    """Every feed left as it was is what writing it afresh gives, byte for byte."""
    notifier.write_feeds(store, tmp_path / "fresh", base_url)
    for path in ALL:
        assert (tmp_path / "feeds" / path).read_bytes() == (tmp_path / "fresh" / path).read_bytes(), path


def test_nothing_new_writes_no_feed_and_the_feeds_still_read(store, tmp_path):
    assert write(store, tmp_path) == ALL
    before = state(tmp_path)
    assert write(store, tmp_path) == set()
    assert state(tmp_path) == before
    assert len(entries(tmp_path, "atom.xml")) == 2 and len(entries(tmp_path, "rss.xml")) == 2
    assert_current(store, tmp_path)


def test_a_new_change_set_rewrites_the_feeds_that_show_it(store, tmp_path):
    write(store, tmp_path)
    before = state(tmp_path)
    record_change(store, PRIVACY, EDIT_1, EDIT_2, at="2026-03-03T08:00:00.000000Z")
    assert write(store, tmp_path) == {"atom.xml", "rss.xml", "sources/acme-privacy/atom.xml",
                                      "sources/acme-privacy/rss.xml"}
    assert {p: v for p, v in state(tmp_path).items() if p.startswith("sources/acme-terms/")} == \
        {p: v for p, v in before.items() if p.startswith("sources/acme-terms/")}
    assert len(entries(tmp_path, "atom.xml")) == 3 and len(entries(tmp_path, "rss.xml")) == 3
    assert len(entries(tmp_path, "sources/acme-privacy/atom.xml")) == 2
    assert len(entries(tmp_path, "sources/acme-privacy/rss.xml")) == 2
    assert_current(store, tmp_path)


def test_a_renamed_source_rewrites_its_feed_and_the_feed_of_all(store, tmp_path):
    write(store, tmp_path)
    store.sync_sources([{**TERMS, "name": "Acme Terms of Service"}, PRIVACY])
    assert write(store, tmp_path) == {"atom.xml", "rss.xml", "sources/acme-terms/atom.xml",
                                      "sources/acme-terms/rss.xml"}
    assert entries(tmp_path, "sources/acme-terms/atom.xml")[0].startswith("Acme Terms of Service: ")
    assert any(t.startswith("Acme Terms of Service: ") for t in entries(tmp_path, "rss.xml"))
    assert_current(store, tmp_path)


def test_a_moved_source_rewrites_the_feeds_that_link_to_it(store, tmp_path):
    write(store, tmp_path)
    store.sync_sources([{**TERMS, "url": "https://acme.example/legal/terms"}, PRIVACY])
    assert write(store, tmp_path) == {"atom.xml", "rss.xml", "sources/acme-terms/atom.xml",
                                      "sources/acme-terms/rss.xml"}
    assert_current(store, tmp_path)


def test_another_base_url_rewrites_every_feed(store, tmp_path):
    write(store, tmp_path)
    assert write(store, tmp_path, "https://feeds.example") == ALL
    parsed = feedparser.parse((tmp_path / "feeds" / "atom.xml").read_bytes())
    assert parsed.entries[0].link.startswith("https://feeds.example/changes/")
    assert_current(store, tmp_path, "https://feeds.example")


@pytest.mark.parametrize("damage", ["delete", "edit", "cut short"])
def test_a_feed_deleted_edited_or_cut_short_is_written_again(store, tmp_path, damage):
    write(store, tmp_path)
    path = tmp_path / "feeds" / "sources" / "acme-privacy" / "rss.xml"
    if damage == "delete":
        path.unlink()
    elif damage == "edit":
        path.write_bytes(b"<?xml version='1.0' encoding='utf-8'?>\n<rss version=\"2.0\"><channel/></rss>\n")
    else:  # a copy or a restore that stopped half way: the key in its head is intact
        path.write_bytes(path.read_bytes()[:300])
    assert write(store, tmp_path) == {"sources/acme-privacy/rss.xml"}
    assert len(entries(tmp_path, "sources/acme-privacy/rss.xml")) == 1
    assert_current(store, tmp_path)


def test_an_entry_whose_meaning_is_worked_out_when_read_follows_a_new_tagger_model(store, tmp_path):
    # A row without a stored meaning (written by a policywatch from before meanings, or by
    # hand) is explained when read, with whatever tagger model is there then.
    store.db.execute("update change_sets set headline = null where source_id = 'acme-terms'")
    store.db.conn.commit()
    write(store, tmp_path)
    texts = ["We collect your name, bank account and e-mail address.", "We do not sell your data.",
             "Cookies are small files.", "We share data with advertisers."] * 3
    learned.train(texts, [{"do-not-track"}, set(), set(), {"do-not-track"}] * 3).save(store.tagger_path)
    assert write(store, tmp_path) == {"atom.xml", "rss.xml", "sources/acme-terms/atom.xml",
                                      "sources/acme-terms/rss.xml"}
    assert "do-not-track" in (tmp_path / "feeds" / "sources" / "acme-terms" / "atom.xml").read_text()
    assert_current(store, tmp_path)


def test_a_change_set_recorded_while_the_feeds_are_written_is_no_error(store, tmp_path):
    # Another process (a crawl beside `policywatch serve`) records a change set for a source
    # after the feed of all sources has read its entry ids, before its own feed is read.
    other = Store(store.path)
    read = store.announced_change_set_ids

    def crawl_meanwhile(source_ids, limit=None):
        if source_ids == ["acme-terms"]:
            record_change(other, TERMS, EDIT_1, EDIT_2, at="2026-03-04T08:00:00.000000Z")
        return read(source_ids, limit)

    store.announced_change_set_ids = crawl_meanwhile
    write(store, tmp_path)
    del store.announced_change_set_ids
    other.close()
    assert len(entries(tmp_path, "sources/acme-terms/atom.xml")) == 2
    write(store, tmp_path)  # the feed of all sources catches up on the next write
    assert_current(store, tmp_path)
