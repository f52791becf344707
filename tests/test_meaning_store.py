"""Issue 11: the meaning stored with each change set (real SQLite): backfilled by the migration
for existing databases, worked out on read when missing, and digests ranked by it (aiosmtpd)."""

import sqlite3

import pytest

import notifier
from notify_support import POLICY, email_config, record_change, source
from store import Store

SALE = POLICY.replace("We do not sell your personal information.", "We may sell your personal information.")
# Three reworded clauses: more substantive changes than the sale, and no data-practice signal.
REWORDED = POLICY.replace("# Acme Privacy Policy", "# Acme Privacy Statement").replace(
    "## What we collect", "## Information we gather").replace(
    "## How we share information", "## Sharing of information")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pw.db") as s:
        yield s


def test_a_database_from_before_the_migration_gets_every_meaning_filled_in(tmp_path):
    db = tmp_path / "pw.db"
    with Store(db) as store:
        record_change(store, source(), POLICY, SALE)
    # Make it look like a database from before: no meaning columns, migration not applied.
    conn = sqlite3.connect(db)
    for table, column in (("change_sets", "headline"), ("change_sets", "severity"), ("change_sets", "score"),
                          ("change_sets", "signals"), ("changes", "tags")):
        if column == "score":
            conn.execute("drop index if exists idx_change_sets_score")
        conn.execute(f"alter table {table} drop column {column}")
    conn.execute("delete from _sqlite_migrations where name = 'meaning_001_headlines_and_tags'")
    conn.commit()
    conn.close()
    with Store(db) as store:
        row = next(store.db.query("select headline, severity, score from change_sets"))
        tags = next(store.db.query("select tags from changes"))["tags"]
    assert row["headline"].startswith("may sell personal information") and row["severity"] == "high"
    assert row["score"] >= 40 and '"third-party-sharing"' in tags


def test_a_change_set_stored_without_its_meaning_gets_it_on_read(store):
    record_change(store, source(), POLICY, SALE)
    store.db.execute("update change_sets set headline = null, severity = null, score = null")
    store.db.execute("update changes set tags = null")
    (cs,) = store.change_sets()
    assert cs.headline.startswith("may sell personal information") and cs.severity == "high"
    assert cs.tags[0]["new"]["categories"] == ["third-party-sharing"]


def test_a_headline_names_no_source_so_a_renamed_source_reads_right(store):
    record_change(store, source(name="Acme"), POLICY, SALE)
    store.sync_sources([source(name="Acme Corp")])
    (cs,) = store.change_sets()
    assert cs.titled(store.source(cs.source)["name"]).startswith("Acme Corp: may sell personal information")


def test_the_digest_puts_a_sharing_change_first_and_a_cosmetic_change_last(store, smtp):
    record_change(store, source("a-reworded", "Alpha Policy"), POLICY, REWORDED)
    record_change(store, source("b-cosmetic", "Beta Terms"), POLICY, POLICY.replace("e-mail", "email"),
                  significance="cosmetic")
    record_change(store, source("c-sale", "Gamma Policy"), POLICY, SALE)
    scores = {cs.source: (cs.severity, cs.score) for cs in store.change_sets()}
    assert scores["c-sale"][0] == "high" and scores["b-cosmetic"][0] == "cosmetic"
    # by significance alone, Alpha's three substantive changes would come before Gamma's one
    assert sum(c.significance == "substantive" for c in store.latest_change_set("a-reworded").changes) > 1
    notifier.deliver_pending(store, email_config(smtp.port), "email")
    (msg,) = smtp.inbox.messages
    text = msg.get_body(("plain",)).get_content()
    assert text.index("Gamma Policy") < text.index("Alpha Policy") < text.index("Beta Terms")
    assert msg["Subject"].startswith("policywatch: Gamma Policy: may sell personal information")


def test_within_a_source_the_graver_change_set_comes_first(store, smtp):
    src = source()
    record_change(store, src, POLICY, POLICY.replace("# Acme Privacy Policy", "# Acme Privacy Statement"),
                  at="2026-03-01T08:00:00.000000Z")
    record_change(store, src, POLICY.replace("# Acme Privacy Policy", "# Acme Privacy Statement"),
                  SALE.replace("# Acme Privacy Policy", "# Acme Privacy Statement"), at="2026-03-02T08:00:00.000000Z")
    notifier.deliver_pending(store, email_config(smtp.port), "email")
    text = smtp.inbox.messages[0].get_body(("plain",)).get_content()
    assert text.index("Detected 2026-03-02") < text.index("Detected 2026-03-01")
