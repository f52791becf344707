"""Exports round-trip: what is written equals what is stored."""

import csv
import json

import pytest

from scheduler.export import file_names


def stored_versions(h, source=None):
    where = "where source_id = ?" if source else ""
    return h.rows(f"select source_id, id, created_at, markdown from versions {where} order by source_id, id",
                  *([source] if source else []))


def test_markdown_export_writes_each_version_exactly_as_stored(policy_history, tmp_path):
    out = tmp_path / "dataset"
    policy_history.cli("export", "--format", "markdown", "--out", str(out))
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    versions = stored_versions(policy_history)
    listed = {v["version"]: (s["id"], v) for s in index["sources"] for v in s["versions"]}
    assert sorted(listed) == sorted(v["id"] for v in versions)
    for v in versions:
        source, entry = listed[v["id"]]
        assert source == v["source_id"] and entry["since"] == v["created_at"]
        assert entry["file"].startswith(f"{source}/{v['created_at'][:10]}T")
        assert (out / entry["file"]).read_bytes() == v["markdown"].encode("utf-8")
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert files == sorted(e["file"] for _, e in listed.values())
    acme = next(s for s in index["sources"] if s["id"] == "acme-privacy")
    assert [v["until"] for v in acme["versions"]] == [v["since"] for v in acme["versions"][1:]] + [None]


def test_markdown_export_of_one_source(policy_history, tmp_path):
    policy_history.read("export", "--source", "acme-terms", "--out", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir() if p.is_dir()] == ["acme-terms"]
    assert len(list((tmp_path / "acme-terms").glob("*.md"))) == 2


def test_json_export_round_trips(policy_history, tmp_path):
    policy_history.read("export", "--format", "json", "--out", str(tmp_path))
    data = json.loads((tmp_path / "policywatch.json").read_text(encoding="utf-8"))
    assert [(v["source"], v["version"], v["since"], v["text"]) for v in data["versions"]] == [
        tuple(v.values()) for v in stored_versions(policy_history)]
    assert {c["source"] for c in data["changes"]} == {"acme-privacy", "acme-terms"}
    assert all(isinstance(c["section"], list) for c in data["changes"])


def test_csv_export_round_trips(policy_history, tmp_path):
    policy_history.read("export", "--format", "csv", "--out", str(tmp_path))
    with open(tmp_path / "versions.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["source"], int(r["version"]), r["since"], r["text"]) for r in rows] == [
        tuple(v.values()) for v in stored_versions(policy_history)]
    assert {r["technical"] for r in rows} == {"0"}
    with open(tmp_path / "changes.csv", encoding="utf-8", newline="") as f:
        changes = list(csv.DictReader(f))
    assert len(changes) == policy_history.rows("select count(*) as n from changes")[0]["n"]
    assert (tmp_path / "sources.csv").read_text(encoding="utf-8").startswith("id,name,type,url")


def test_versions_recorded_within_one_second_keep_apart_in_file_names():
    versions = [
        {"source": "a", "version": 1, "since": "2026-11-27T06:00:00.100000Z"},
        {"source": "a", "version": 2, "since": "2026-11-27T06:00:00.900000Z"},
        {"source": "b", "version": 3, "since": "2026-11-27T06:00:00.500000Z"},
    ]
    assert file_names(versions) == {
        1: "2026-11-27T06-00-00.100000Z.md", 2: "2026-11-27T06-00-00.900000Z.md", 3: "2026-11-27T06-00-00Z.md"}


def test_export_into_a_file_is_one_clear_error(policy_history, tmp_path):
    (tmp_path / "taken").write_text("x")
    proc = policy_history.read("export", "--out", str(tmp_path / "taken"), check=False)
    assert proc.returncode == 2 and "is a file" in proc.stderr
