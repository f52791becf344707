"""Full-text search over clauses, of current versions and of every version."""

import json

import pytest

from store import BadSearch, fts_query


def search(h, *args):
    return json.loads(h.read("search", *args, "--json").stdout)


def test_a_phrase_is_found_only_in_the_sources_that_contain_it_best_match_first(policy_history):
    hits = search(policy_history, '"biometric data"')
    assert {h["source"] for h in hits} == {"globex-privacy", "acme-privacy"}
    # Globex's short clauses say little else; Acme's mention is one phrase in a longer clause.
    assert hits[0]["source"] == "globex-privacy"
    assert hits[-1]["source"] == "acme-privacy"
    assert hits[-1]["section"] == ["Acme Privacy Policy", "Information we collect"]
    assert "**biometric data**" in hits[-1]["snippet"]


def test_since_says_when_the_first_version_with_the_clause_was_recorded(policy_history):
    (hit,) = search(policy_history, "Face Unlock")
    second = policy_history.rows("select id, created_at from versions where source_id = 'acme-privacy' order by id")[1]
    assert hit["since"] == second["created_at"]
    assert hit["current"] is True and hit["versions"][0] == second["id"]


def test_a_phrase_dropped_from_a_policy_is_found_only_in_history(policy_history):
    assert search(policy_history, '"phone number"') == []
    (hit,) = search(policy_history, '"phone number"', "--all-versions")
    first_two = [r["id"] for r in policy_history.rows(
        "select id from versions where source_id = 'acme-privacy' order by id limit 2")]
    assert (hit["source"], hit["current"], hit["versions"]) == ("acme-privacy", False, first_two)


def test_words_match_their_variants_and_all_of_them_must_appear(policy_history):
    assert {h["source"] for h in search(policy_history, "collects")} == {"acme-privacy"}
    assert search(policy_history, "biometric cookies") == []


def test_source_limits_the_search_to_one_source(policy_history):
    hits = search(policy_history, "biometric", "--source", "acme-privacy")
    assert {h["source"] for h in hits} == {"acme-privacy"}


def test_an_unknown_source_is_an_error(policy_history):
    proc = policy_history.read("search", "biometric", "--source", "nobody", check=False)
    assert proc.returncode == 1 and "no source 'nobody'" in proc.stderr


def test_search_prints_source_section_and_snippet(policy_history):
    out = policy_history.cli("search", "advertising partners").stdout
    assert out.splitlines()[0].startswith("acme-privacy  Acme Privacy Policy › How we share information  (since ")
    assert "**advertising** **partners**" in out


@pytest.mark.parametrize("query, expected", [
    ("e-mail", '"e-mail"'),
    ('don\'t "sell your" data', '"don\'t" "sell your" "data"'),
    ('AND OR NOT', '"AND" "OR" "NOT"'),
    ('say "hi', '"say" """hi"'),
])
def test_punctuation_and_operators_in_a_query_are_words_not_syntax(query, expected, policy_history):
    assert fts_query(query) == expected
    policy_history.read("search", query)  # and SQLite accepts them


def test_an_empty_query_is_one_clear_error(policy_history):
    with pytest.raises(BadSearch):
        fts_query('  "" ')
    proc = policy_history.read("search", "  ", check=False)
    assert proc.returncode == 1 and proc.stderr.startswith("Error: nothing to search for")


def test_every_version_has_its_clauses_indexed(policy_history):
    missing = policy_history.rows(
        "select id from versions where id not in (select version_id from clauses)")
    assert missing == []
