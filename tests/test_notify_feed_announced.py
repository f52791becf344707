"""The feeds show announced change sets only: a re-extraction (technical) or a revert to a
recent text (flapping) is recorded but in no feed, and does not take one of a feed's `limit`
places. Read back with feedparser."""

import feedparser

import differ
import notifier
from notify_support import POLICY, record_change, source
from store import Store

EDIT_1 = POLICY.replace("name and", "name, bank account and")
EDIT_2 = EDIT_1.replace("We do not sell", "We may sell")


def unannounced(store: Store, src: dict, new: str, at: str, **flags) -> int:
    """A change set to `new`, recorded with `technical` or `flapping` set."""
    with store.atomic():
        current = store.current_version(src["id"])
        snap, _ = store.add_snapshot(src["id"], new.encode(), fetched_at=at, url=src["url"])
        version = store.add_version(src["id"], snap, new, at, "test")
        return store.add_change_set(src["id"], current["id"], version,
                                    differ.compare(current["markdown"], new), at, **flags)


def change_ids(path):
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [e.link.rsplit("/", 1)[1] for e in parsed.entries]


def test_technical_and_flapping_change_sets_are_in_no_feed_nor_count_against_the_limit(tmp_path):
    terms = source("acme-terms", "Acme Terms", "https://acme.example/terms")
    with Store(tmp_path / "pw.db") as store:
        first = record_change(store, source(), POLICY, EDIT_1, at="2026-03-01T08:00:00.000000Z")
        second = record_change(store, source(), EDIT_1, EDIT_2, at="2026-03-02T08:00:00.000000Z")
        # Newer than every announced one: they would head the feeds if they were let in.
        technical = unannounced(store, source(), EDIT_2 + "\nContact us.\n", "2026-03-03T08:00:00.000000Z",
                                technical=True)
        flapping = unannounced(store, source(), EDIT_2, "2026-03-04T08:00:00.000000Z", flapping=True)
        other = record_change(store, terms, POLICY, EDIT_1, at="2026-03-05T08:00:00.000000Z")
        assert len(store.change_sets()) == 5
        notifier.write_feeds(store, tmp_path / "feeds", "http://localhost:8080", limit=2)
        notifier.write_feeds(store, tmp_path / "all", "http://localhost:8080")
    feeds = tmp_path / "feeds"
    for name in ("atom.xml", "rss.xml"):
        assert change_ids(tmp_path / "all" / name) == [str(other), str(second), str(first)]
        assert change_ids(feeds / name) == [str(other), str(second)]
        assert change_ids(feeds / "sources" / "acme-privacy" / name) == [str(second), str(first)]
        assert change_ids(feeds / "sources" / "acme-terms" / name) == [str(other)]
    assert {technical, flapping}.isdisjoint({first, second, other})
