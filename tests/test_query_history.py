"""The database built by real crawls, read back: sources, history, show --at, stats, views."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from conftest import read_cli
from store import Store


def acme_versions(h):
    return h.rows("select id, created_at, markdown from versions where source_id = 'acme-privacy' order by id")


def stored(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def show_version(h, when: str) -> int:
    return json.loads(h.read("show", "acme-privacy", "--at", when, "--json").stdout)["version"]


def test_the_crawls_recorded_three_editions_of_the_acme_policy(policy_history):
    versions = acme_versions(policy_history)
    assert len(versions) == 3
    assert "biometric" not in versions[0]["markdown"] and "biometric" in versions[1]["markdown"]
    assert "phone number" in versions[1]["markdown"] and "phone number" not in versions[2]["markdown"]


def test_show_at_each_boundary_gives_the_version_that_starts_there(policy_history):
    versions = acme_versions(policy_history)
    for before, version in zip([None] + versions, versions):
        start = parse(version["created_at"])
        assert show_version(policy_history, version["created_at"]) == version["id"]
        assert show_version(policy_history, stored(start + timedelta(microseconds=1))) == version["id"]
        just_before = stored(start - timedelta(microseconds=1))
        if before is None:
            proc = policy_history.read("show", "acme-privacy", "--at", just_before, check=False)
            assert proc.returncode == 1 and "no version of 'acme-privacy'" in proc.stderr
        else:
            assert show_version(policy_history, just_before) == before["id"]


def test_show_at_reads_offsets_as_the_same_instant(policy_history):
    versions = acme_versions(policy_history)
    start = parse(versions[1]["created_at"])
    plus_two = start.astimezone(timezone(timedelta(hours=2))).isoformat()
    minus_five = (start - timedelta(microseconds=1)).astimezone(timezone(timedelta(hours=-5))).isoformat()
    assert plus_two.endswith("+02:00") and minus_five.endswith("-05:00")
    assert show_version(policy_history, plus_two) == versions[1]["id"]
    assert show_version(policy_history, minus_five) == versions[0]["id"]


def test_show_prints_exactly_the_stored_text_and_defaults_to_the_current_version(policy_history):
    versions = acme_versions(policy_history)
    assert policy_history.cli("show", "acme-privacy").stdout.rstrip("\n") == versions[-1]["markdown"].rstrip("\n")
    first = policy_history.read("show", "acme-privacy", "--at", versions[0]["created_at"]).stdout
    assert first.rstrip("\n") == versions[0]["markdown"].rstrip("\n")
    today = versions[-1]["created_at"][:10]
    assert show_version(policy_history, today) == versions[-1]["id"]  # end of today


@pytest.fixture
def dated(tmp_path):
    """Versions at known moments around midnight (built through the Store, a real SQLite file)."""
    db = tmp_path / "pw.db"
    with Store(db) as s:
        s.sync_sources([{"id": "acme", "url": "https://acme.example/p"}])
        snap, _ = s.add_snapshot("acme", b"x", fetched_at="2024-03-01T12:00:00.000000Z")
        ids = [s.add_version("acme", snap, f"# Acme\n\nEdition {n}.", t, "1") for n, t in
               [(1, "2024-03-01T12:00:00.000000Z"), (2, "2024-03-02T00:00:00.000000Z")]]
    return db, ids


@pytest.mark.parametrize("when, edition", [
    ("2024-03-01", 1),                        # a bare date is the end of that day (UTC)
    ("2024-03-01T12:00:00Z", 1),              # the moment edition 1 was recorded
    ("2024-03-01T23:59:59.999999Z", 1),
    ("2024-03-02T01:00:00+02:00", 1),         # 23:00 UTC on 1 March
    ("2024-03-02T00:00:00Z", 2),
    ("2024-03-01T19:00:00-05:00", 2),         # midnight UTC
    ("2024-03-02", 2),
    ("2024-03-02T00:00:00", 2),               # no offset: UTC
])
def test_show_at_a_date_or_date_time_around_midnight(dated, when, edition):
    db, ids = dated
    out = json.loads(read_cli("--db", str(db), "show", "acme", "--at", when, "--json").stdout)
    assert out["version"] == ids[edition - 1]
    assert out["text"] == f"# Acme\n\nEdition {edition}."


@pytest.mark.parametrize("when", ["2024-02-29", "2024-03-01T11:59:59.999999Z", "2024-03-01T13:59:59+02:00"])
def test_show_at_before_the_first_version_is_one_clear_error(dated, when):
    db, _ = dated
    proc = read_cli("--db", str(db), "show", "acme", "--at", when, check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: no version of 'acme' at ") and proc.stderr.count("\n") == 1
    assert proc.stderr.rstrip().endswith(": its first version is from 2024-03-01T12:00:00.000000Z")


@pytest.mark.parametrize("when", ["yesterday", "2024-13-01", "1 March 2024"])
def test_show_at_rejects_what_is_not_iso_8601(dated, when):
    db, _ = dated
    proc = read_cli("--db", str(db), "show", "acme", "--at", when, check=False)
    assert proc.returncode == 2
    assert "is not an ISO 8601 date or date-time" in proc.stderr


def test_history_lists_versions_with_their_changes(policy_history):
    rows = json.loads(policy_history.read("history", "acme-privacy", "--json").stdout)
    versions = acme_versions(policy_history)
    assert [r["version"] for r in rows] == [v["id"] for v in versions]
    assert [r["summary"] for r in rows] == [
        "first version", "0 modified, 1 added, 0 removed", "2 modified, 0 added, 0 removed"]
    assert [r["until"] for r in rows] == [v["created_at"] for v in versions[1:]] + [None]
    text = policy_history.cli("history", "acme-privacy").stdout
    assert "first version" in text and text.rstrip().endswith("2 modified, 0 added, 0 removed")


def test_sources_shows_who_is_failing_since_when(policy_history):
    rows = {r["source"]: r for r in json.loads(policy_history.cli("sources", "--json").stdout)}
    assert {k: r["status"] for k, r in rows.items()} == {
        "acme-privacy": "ok", "acme-terms": "ok", "globex-privacy": "ok", "initech-privacy": "failing"}
    assert rows["initech-privacy"]["consecutive_failures"] == 2
    assert rows["acme-privacy"]["versions"] == 3
    assert rows["globex-privacy"]["last_change"] is None
    assert "failing since" in policy_history.cli("sources").stdout


def test_the_views_read_well_in_sql(policy_history):
    h = policy_history
    (failing,) = h.rows("select * from failing_sources")
    fails = h.rows("select started_at, reason from fetches where source_id = 'initech-privacy' "
                   "and outcome = 'failed' order by id")
    assert failing == {
        "source": "initech-privacy", "failing_since": fails[0]["started_at"], "consecutive_failures": 2,
        "last_error_class": "broken", "last_reason": fails[-1]["reason"], "last_attempt": fails[-1]["started_at"],
    }
    current = {r["source"]: r for r in h.rows("select * from current_versions")}
    assert set(current) == {"acme-privacy", "acme-terms", "globex-privacy", "initech-privacy"}
    assert current["acme-privacy"]["version"] == acme_versions(h)[-1]["id"]
    assert list(current["acme-privacy"]) == ["source", "version", "since", "text"]
    log = h.rows("select source, kind, section, old, new, significance from change_log where source = 'acme-terms'")
    assert log == [{"source": "acme-terms", "kind": "modified",
                    "section": '["Acme Terms of Service", "Your account"]',
                    "old": log[0]["old"], "new": log[0]["new"], "significance": log[0]["significance"]}]
    assert "18 years old" in log[0]["new"] and "16 years old" in log[0]["old"]


def test_stats_count_versions_changes_per_year_and_bytes(policy_history):
    rows = {r["source"]: r for r in json.loads(policy_history.read("stats", "--json").stdout)}
    year = acme_versions(policy_history)[-1]["created_at"][:4]
    assert rows["acme-privacy"]["versions"] == 3
    assert rows["acme-privacy"]["changes_per_year"] == {year: 2}
    assert rows["globex-privacy"]["changes_per_year"] == {}
    assert rows["initech-privacy"]["snapshots"] == 3
    assert all(r["snapshot_bytes"] > 0 and r["version_bytes"] > 0 for r in rows.values())
    assert "acme-privacy" in policy_history.read("stats").stdout


@pytest.mark.parametrize("command", ["sources", "history", "show", "search", "export", "stats", "prune", "reindex"])
def test_every_query_command_has_an_example(command):
    assert "Example: policywatch " + command in read_cli(command, "--help").stdout
