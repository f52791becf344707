"""Issue 11: Datasette (a real process) ranks change sets by severity and finds clause changes by tag."""

from test_query_datasette import datasette, get  # noqa: F401  (the fixture: Datasette serving policy_history)


def test_most_severe_canned_query_ranks_change_sets_by_score(datasette, policy_history):  # noqa: F811
    rows = get(datasette, "/policywatch/most_severe.json")
    stored = policy_history.rows("select id, score from change_sets where technical = 0 and flapping = 0")
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in stored)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert rows[0]["severity"] == "high" and rows[0]["headline"]


def test_changes_tagged_canned_query_finds_the_biometric_clause(datasette):  # noqa: F811
    rows = get(datasette, "/policywatch/changes_tagged.json", tag="biometric")
    assert rows and all("biometric" in (r["new"] or r["old"]).lower() for r in rows)
    assert {r["source"] for r in rows} == {"Acme Privacy Policy"}


def test_the_metadata_describes_the_meaning_columns(datasette):  # noqa: F811
    tables = get(datasette, "/-/metadata.json")["databases"]["policywatch"]["tables"]
    assert {"headline", "severity", "score", "signals"} <= set(tables["change_sets"]["columns"])
    assert "tags" in tables["changes"]["columns"]
