"""Atom and RSS feeds, read by feedparser from the folder and from `notifier.make_server`."""

import threading
import urllib.error
import urllib.request

import feedparser
import pytest

import notifier
from notify_support import POLICY, http_get, record_change, source
from store import Store

EDIT_1 = POLICY.replace("name and", "name, bank account and")
EDIT_2 = EDIT_1.replace("We do not sell", "We may sell")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pw.db") as s:
        record_change(s, source(), POLICY, EDIT_1, at="2026-03-01T08:00:00.000000Z")
        record_change(s, source(), EDIT_1, EDIT_2, at="2026-03-02T08:00:00.000000Z")
        record_change(s, source("acme-terms", "Acme Terms", "https://acme.example/terms"), POLICY, EDIT_1,
                      at="2026-03-03T08:00:00.000000Z")
        yield s


@pytest.fixture
def server(tmp_path, store):
    notifier.write_feeds(store, tmp_path / "feeds", "http://127.0.0.1:8080")
    srv = notifier.make_server(tmp_path / "feeds", store.path, "127.0.0.1", 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize("name, version", [("atom.xml", "atom10"), ("rss.xml", "rss20")])
def test_feedparser_reads_the_written_global_and_per_source_feeds(tmp_path, store, name, version):
    notifier.write_feeds(store, tmp_path / "feeds", "http://localhost:8080")
    everything = feedparser.parse((tmp_path / "feeds" / name).read_bytes())
    assert not everything.bozo, everything.get("bozo_exception")
    assert everything.version == version
    assert len(everything.entries) == 3
    # newest first; issue 11: the title is the headline (was the summary "1 modified, 0 added, 0 removed")
    assert everything.entries[0].title == "Acme Terms: now collects financial information"
    assert everything.entries[0].link == "http://localhost:8080/changes/3"
    one = feedparser.parse((tmp_path / "feeds" / "sources" / "acme-privacy" / name).read_bytes())
    assert not one.bozo and len(one.entries) == 2
    html = one.entries[0].content[0].value if version == "atom10" else one.entries[0].description
    assert "do not</del>" in html and "may</ins>" in html


def test_entry_ids_are_tag_uris_stable_across_regenerations_and_databases(tmp_path, store):
    ids = []
    for _ in range(2):
        notifier.write_feeds(store, tmp_path / "feeds", "")
        ids.append([e.id for e in feedparser.parse((tmp_path / "feeds" / "atom.xml").read_bytes()).entries])
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == 3
    assert all(i.startswith("tag:policywatch,2026:acme-") for i in ids[0])
    # The same history recorded into another database, with other row ids, gives the same ids.
    with Store(tmp_path / "other.db") as other:
        record_change(other, source("zzz", "Unrelated"), "# A\n\nx\n", "# A\n\ny\n")
        record_change(other, source("acme-terms", "Acme Terms", "https://acme.example/terms"), POLICY, EDIT_1)
        record_change(other, source(), POLICY, EDIT_1)
        record_change(other, source(), EDIT_1, EDIT_2)
        assert set(notifier.entry_ids(other, "acme-privacy").values()) | set(
            notifier.entry_ids(other, "acme-terms").values()) == set(ids[0])


def test_a_text_coming_back_gets_a_new_entry_id(tmp_path, store):
    record_change(store, source(), EDIT_2, EDIT_1, at="2026-03-04T08:00:00.000000Z")
    record_change(store, source(), EDIT_1, EDIT_2, at="2026-03-05T08:00:00.000000Z")
    ids = list(notifier.entry_ids(store, "acme-privacy").values())
    assert len(ids) == len(set(ids)) == 4
    assert ids[3] == ids[1] + "/2"


def test_feedparser_reads_the_served_feeds_with_etag_and_last_modified(server):
    status, headers, body = http_get(server.url + "/atom.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(body)
    assert not parsed.bozo and len(parsed.entries) == 3
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert http_get(server.url + "/atom.xml", **{"If-None-Match": etag})[0] == 304
    assert http_get(server.url + "/atom.xml", **{"If-Modified-Since": modified})[0] == 304
    assert http_get(server.url + "/atom.xml", **{"If-None-Match": '"other"'})[0] == 200
    status, _, body = http_get(server.url + "/sources/acme-terms/rss.xml")
    assert status == 200 and len(feedparser.parse(body).entries) == 1
    # feedparser's own conditional GET, as feed readers do it
    again = feedparser.parse(server.url + "/atom.xml", etag=etag)
    assert again.status == 304


def test_the_server_serves_a_change_page_and_nothing_outside_its_routes(server):
    status, headers, body = http_get(server.url + "/changes/2")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    page = body.decode()
    assert "Acme Privacy Policy" in page and "version 2 → 3".lower() in page.lower()
    assert "<ins" in page and "<del" in page
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert http_get(server.url + "/changes/2", **{"If-None-Match": headers["ETag"]})[0] == 304
    assert http_get(server.url + "/changes/2", **{"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    for path in ("/changes/99", "/changes/x", "/../pw.db", "/sources/../../pw.db", "/feeds/atom.xml"):
        assert http_get(server.url + path)[0] == 404, path
    req = urllib.request.Request(server.url + "/atom.xml", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=5)
    assert e.value.code == 501


def test_an_unchanged_regeneration_keeps_the_etag_and_last_modified(tmp_path, store, server):
    _, first, _ = http_get(server.url + "/atom.xml")
    notifier.write_feeds(store, tmp_path / "feeds", "http://127.0.0.1:8080")
    _, second, _ = http_get(server.url + "/atom.xml")
    assert (first["ETag"], first["Last-Modified"]) == (second["ETag"], second["Last-Modified"])


def test_the_feed_channel_writes_feeds_and_records_each_change_set_once(tmp_path, store):
    from notify_support import email_config

    config = email_config(1)
    config["feed"].update(enabled=True, dir=str(tmp_path / "out"))
    (first,) = notifier.deliver_pending(store, config, "feed")
    assert first.items == {"change_set": [1, 2, 3], "notice": []}
    assert notifier.deliver_pending(store, config, "feed") == []
    assert len(feedparser.parse((tmp_path / "out" / "atom.xml").read_bytes()).entries) == 3
