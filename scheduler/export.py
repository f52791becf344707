"""Datasets from the database: Markdown files per version (like Open Terms Archive's), JSON, CSV.

    markdown  <out>/<source>/<date-time>.md, one per version, exactly the stored text,
              and <out>/index.json (sources, their versions, and which file holds each)
    json      <out>/policywatch.json: {"sources": [...], "versions": [... with text], "changes": [...]}
    csv       <out>/sources.csv, <out>/versions.csv (with text), <out>/changes.csv
"""

import csv
import json
from collections import defaultdict
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version as dist_version
from pathlib import Path

from store import Store

FORMATS = ("markdown", "json", "csv")
VERSION_FIELDS = ["source", "version", "since", "until", "sha256", "technical", "extractor_version"]
CHANGE_FIELDS = ["source", "detected_at", "kind", "section", "old", "new", "significance",
                 "change_set_id", "from_version", "to_version"]
SOURCE_FIELDS = ["id", "name", "type", "url"]


class ExportError(Exception):
    """The export folder cannot be written."""


def export(store: Store, out: Path, fmt: str, source_id: str | None = None) -> dict:
    """Write the dataset; return {"versions": n, "files": [paths written]}."""
    if source_id:
        store.source(source_id)
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        return {"markdown": _markdown, "json": _json, "csv": _csv}[fmt](store, out, source_id)
    except OSError as e:
        raise ExportError(f"cannot write to {out}: {e.strerror or e}") from None


def _sources(store: Store, source_id: str | None) -> list[dict]:
    return [{k: s[k] for k in SOURCE_FIELDS} for s in store.sources()
            if source_id is None or s["id"] == source_id]


def file_names(versions: list[dict]) -> dict[int, str]:
    """`2026-11-27T06-00-00Z.md` per version (colons are not portable in file names); when two
    versions of a source fall in the same second, both names keep the microseconds."""
    def name(since: str, micro: bool) -> str:
        stamp = since[:26] if micro else since[:19]
        return stamp.replace(":", "-") + "Z.md"

    seconds = defaultdict(int)
    for v in versions:
        seconds[(v["source"], v["since"][:19])] += 1
    return {v["version"]: name(v["since"], seconds[(v["source"], v["since"][:19])] > 1) for v in versions}


def _markdown(store: Store, out: Path, source_id: str | None) -> dict:
    versions = store.all_versions(source_id)
    names = file_names(versions)
    files = []
    by_source = defaultdict(list)
    for v in versions:
        relative = f"{v['source']}/{names[v['version']]}"
        path = out / relative
        path.parent.mkdir(exist_ok=True)
        # newline="": the file holds exactly the stored text, byte for byte.
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(v["text"])
        files.append(path)
        by_source[v["source"]].append({**{k: v[k] for k in VERSION_FIELDS if k != "source"},
                                       "file": relative})
    index = {
        **_header(),
        "sources": [{**s, "versions": by_source.get(s["id"], [])} for s in _sources(store, source_id)],
    }
    files.append(_write_json(out / "index.json", index))
    return {"versions": len(versions), "files": files}


def _json(store: Store, out: Path, source_id: str | None) -> dict:
    versions = store.all_versions(source_id)
    changes = [{**c, "section": json.loads(c["section"])} for c in store.change_log(source_id)]
    data = {**_header(), "sources": _sources(store, source_id), "versions": versions, "changes": changes}
    return {"versions": len(versions), "files": [_write_json(out / "policywatch.json", data)]}


def _csv(store: Store, out: Path, source_id: str | None) -> dict:
    versions = store.all_versions(source_id)
    files = [
        _write_csv(out / "sources.csv", SOURCE_FIELDS, _sources(store, source_id)),
        _write_csv(out / "versions.csv", VERSION_FIELDS + ["text"], versions),
        _write_csv(out / "changes.csv", CHANGE_FIELDS, store.change_log(source_id)),
    ]
    return {"versions": len(versions), "files": files}


def _header() -> dict:
    try:
        generator = f"policywatch {dist_version('policywatch')}"
    except PackageNotFoundError:
        generator = "policywatch"
    exported = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"generator": generator, "exported_at": exported}


def _write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _write_csv(path: Path, fields: list[str], rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: int(v) if isinstance(v, bool) else v for k, v in r.items()} for r in rows)
    return path
