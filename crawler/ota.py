"""Open Terms Archive service declarations to policywatch sources (the pure part of `import-ota`).

    sources, warnings = declarations_to_sources(["declarations/"])
    print(sources_to_toml(sources))

A declaration file `<Service>.json` holds `{"name": ..., "terms": {"<type>": {"fetch", "select",
"remove", "executeClientScripts", "filter", "combine"}}}` (older files say "documents" for
"terms"). Its `<Service>.history.json` holds the past declarations of each type; only the
current ones become sources, the history is read to warn about types no longer declared. What
cannot be mapped (custom filter functions, a `combine` of several pages, a missing URL) is
reported as a warning, never silently dropped.
"""

import json
import re
import unicodedata
from pathlib import Path

__all__ = ["declarations_to_sources", "sources_to_toml", "slug"]

_HISTORY = ".history.json"


def declarations_to_sources(paths) -> tuple[list[dict], list[str]]:
    """Sources (dicts: id, name, url, type, select, remove, js) and warnings, from files or folders."""
    files = _declaration_files(paths)
    sources: list[dict] = []
    warnings: list[str] = []
    current = {f.name[: -len(".json")]: f for f in files if not f.name.endswith(_HISTORY)}
    histories = {f.name[: -len(_HISTORY)]: f for f in files if f.name.endswith(_HISTORY)}
    for stem, path in sorted(current.items()):
        data = _load(path, warnings)
        if data is None:
            continue
        service = data.get("name") or stem
        terms = data.get("terms") or data.get("documents") or {}
        if not terms:
            warnings.append(f"{path}: no terms declared")
        for doc_type, declaration in terms.items():
            source = _source(service, doc_type, declaration, path, warnings)
            if source:
                sources.append(source)
        if stem in histories:
            history = _load(histories[stem], warnings) or {}
            for doc_type in history:
                if doc_type not in terms:
                    warnings.append(f"{histories[stem]}: {service} {doc_type!r} is only in the "
                                    "history (no longer declared): skipped")
    for stem in sorted(set(histories) - set(current)):
        warnings.append(f"{histories[stem]}: history without its declaration {stem}.json: skipped")
    _check_unique(sources, warnings)
    return sources, warnings


def _declaration_files(paths) -> list[Path]:
    files: list[Path] = []
    for p in [paths] if isinstance(paths, (str, Path)) else paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.rglob("*.json")))
        else:
            files.append(p)
    return files


def _load(path: Path, warnings: list[str]):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        warnings.append(f"{path}: cannot read: {e}")
        return None
    if not isinstance(data, dict):
        warnings.append(f"{path}: not a declaration (expected a JSON object)")
        return None
    return data


def _source(service: str, doc_type: str, declaration: dict, path: Path, warnings: list[str]):
    where = f"{path}: {service} {doc_type!r}"
    if not isinstance(declaration, dict):
        warnings.append(f"{where}: not a declaration object: skipped")
        return None
    declaration = dict(declaration)
    combine = declaration.pop("combine", None)
    if combine:
        if len(combine) > 1:
            warnings.append(f"{where}: combines {len(combine)} pages, which a source cannot: skipped")
            return None
        declaration = _merge(declaration, combine[0])
    url = declaration.get("fetch")
    if not url:
        warnings.append(f"{where}: no fetch URL: skipped")
        return None
    if declaration.get("filter"):
        names = ", ".join(map(str, _as_list(declaration["filter"])))
        warnings.append(f"{where}: custom filter functions ({names}) cannot be mapped: imported "
                        "without them; add `ignore` patterns if their noise shows up")
    source = {
        "id": slug(f"{service} {doc_type}"),
        "name": f"{service} {doc_type}",
        "url": url,
        "type": doc_type,
        "select": _as_list(declaration.get("select")),
        "remove": _as_list(declaration.get("remove")),
        "js": bool(declaration.get("executeClientScripts", False)),
    }
    if not source["select"]:
        warnings.append(f"{where}: no select: generic main-content extraction will be used")
    return source


def _merge(outer: dict, page: dict) -> dict:
    """One page of a `combine`: its own keys win; select and remove add up."""
    merged = {**outer, **page}
    for key in ("select", "remove", "filter"):
        merged[key] = _as_list(outer.get(key)) + _as_list(page.get(key))
    return merged


def _as_list(value) -> list:
    if not value:
        return []
    return [value] if isinstance(value, (str, dict)) else list(value)


def _check_unique(sources: list[dict], warnings: list[str]) -> None:
    seen: dict[str, int] = {}
    for source in sources:
        n = seen.get(source["id"], 0)
        seen[source["id"]] = n + 1
        if n:
            new_id = f"{source['id']}-{n + 1}"
            warnings.append(f"duplicate source id {source['id']!r}: renamed {new_id!r}")
            source["id"] = new_id


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: 'Badoo Privacy Policy' -> 'badoo-privacy-policy'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "source"


# --- TOML -------------------------------------------------------------------------------------

def sources_to_toml(sources: list[dict]) -> str:
    """`[[sources]]` entries for config.toml, one per source, keys in a fixed order."""
    entries = []
    for source in sources:
        lines = ["[[sources]]"]
        for key in ("id", "name", "url", "type", "select", "remove", "js"):
            if source.get(key) is not None:
                lines.append(f"{key} = {_toml_value(source[key])}")
        for key in sorted(set(source) - {"id", "name", "url", "type", "select", "remove", "js"}):
            lines.append(f"{key} = {_toml_value(source[key])}")
        entries.append("\n".join(lines))
    return "\n\n".join(entries) + ("\n" if entries else "")


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a valid TOML basic string once non-ASCII stays as it is.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)
