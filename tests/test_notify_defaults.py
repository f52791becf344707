"""The notifier reads its defaults from one place, [notify]'s declaration (notifier.CONFIG):
a caller may pass a table with only the keys it sets."""

from pathlib import Path

import feedparser

import notifier
from notify_support import POLICY, record_change, source
from scheduler.config import parse
from store import Store


def test_with_defaults_fills_every_key_of_every_sub_table_as_the_config_loader_does():
    loaded = parse("[notify.feed]\nenabled = true\n").notify
    assert notifier.with_defaults({"feed": {"enabled": True}}) == loaded
    assert notifier.with_defaults(None) == parse("").notify
    # What a caller set is kept.
    assert notifier.with_defaults({"email": {"timeout": 5.0}})["email"]["timeout"] == 5.0


def test_a_feed_table_without_base_url_links_entries_to_the_declared_default(tmp_path):
    out = tmp_path / "feeds"
    with Store(tmp_path / "pw.db") as store:
        record_change(store, source(), POLICY, POLICY.replace("name and", "name, bank account and"))
        notifier.deliver_pending(store, {"feed": {"enabled": True, "dir": str(out)}}, "feed")
    base_url = notifier.CONFIG["feed"]["base_url"][1]
    [entry] = feedparser.parse(Path(out / "atom.xml").read_bytes()).entries
    assert entry.link.startswith(base_url + "/")
