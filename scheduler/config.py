"""Loading config.toml: each package declares its table (key -> (type, default)); this module
reads the file, checks every table against its declaration, and names the file, key and line of
any mistake.

    [store]     store.CONFIG
    [crawl]     crawler.CONFIG
    [notify]    notifier.CONFIG (with sub-tables [notify.email], [notify.feed])
    [schedule]  scheduler.schedule.CONFIG (checked by schedule.check_table)
    [serve]     scheduler.serve.CONFIG
    [[sources]] SOURCE_KEYS below
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import crawler
import notifier
import store

from . import schedule, serve


class ConfigError(Exception):
    """config.toml is invalid; the message names the file, line and key."""


# [[sources]]: key -> (type, required). Lists of CSS selectors may also be a single string.
SOURCE_KEYS = {
    "id": (str, True),
    "name": (str, False),
    "url": (str, True),
    "type": (str, False),
    "select": ((str, list), False),
    "remove": ((str, list), False),
    "ignore": (list, False),  # regular expressions deleted from the text before comparing
    "tracking_params": (list, False),  # extra query parameters stripped from links
    "min_text_ratio": ((int, float), False),  # a text shorter than this share is broken (0.5)
    "flapping_window": (int, False),  # a return to one of the last N versions is a revert (3)
    "schedule": (str, False),  # an interval (12h) or a cron expression; default [schedule]
    "js": ((bool, str), False),  # true, false or "auto" (the default): see crawler/browser.py
}
TABLES = {"store": store.CONFIG, "crawl": crawler.CONFIG, "notify": notifier.CONFIG,
          "schedule": schedule.CONFIG, "serve": serve.CONFIG}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass
class Config:
    path: Path | None
    store: dict = field(default_factory=dict)
    crawl: dict = field(default_factory=dict)
    notify: dict = field(default_factory=dict)
    schedule: dict = field(default_factory=dict)
    serve: dict = field(default_factory=dict)
    sources: list[dict] = field(default_factory=list)

    def select(self, ids: list[str] | tuple[str, ...]) -> list[dict]:
        """The sources with these ids (all of them when `ids` is empty)."""
        if not ids:
            return self.sources
        known = {s["id"]: s for s in self.sources}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ConfigError(f"{self.path}: no source with id {', '.join(map(repr, unknown))}")
        return [known[i] for i in ids]


def load(path: str | Path) -> Config:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file (use --config PATH)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from None
    return parse(text, path)


def parse(text: str, path: Path | str = "config.toml") -> Config:
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML syntax error: {e}") from None
    lines = _KeyLines(text)

    def fail(line_key: tuple, message: str):
        line = lines.find(*line_key)
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: {message}")

    config = Config(path)
    for table in data:
        if table not in TABLES and table != "sources":
            fail((table, None, None), f"[{table}]: unknown table (known: {', '.join([*TABLES, 'sources'])})")
    for table, spec in TABLES.items():
        setattr(config, table, _table(data.get(table, {}), spec, table, fail))
    if mistake := schedule.check_table(config.schedule):
        key, message = mistake
        fail(("schedule", None, key), f"schedule.{key}: {message}")
    # notifier checks the shape (five fields); the daemon builds a trigger from it, so check
    # it as the daemon will read it: a mistake found at start, not when the job is scheduled.
    if (email_schedule := config.notify["email"]["schedule"]) != "after-crawl":
        try:
            schedule.check_cron(email_schedule)
        except ValueError as e:
            fail(("notify.email", None, "schedule"), f"notify.email.schedule: {e}")

    sources = data.get("sources", [])
    if not isinstance(sources, list):
        fail(("sources", None, None), "sources: must be an array of tables [[sources]]")
    seen: dict[str, int] = {}
    for i, source in enumerate(sources):
        where = f"sources[{i + 1}]"
        for key, value in source.items():
            if key not in SOURCE_KEYS:
                fail(("sources", i, key), f"{where}.{key}: unknown key (known: {', '.join(SOURCE_KEYS)})")
            kind, _ = SOURCE_KEYS[key]
            if not isinstance(value, kind):
                fail(("sources", i, key), f"{where}.{key}: wrong type: {value!r}")
            if key in ("ignore", "tracking_params") and not all(isinstance(v, str) for v in value):
                fail(("sources", i, key), f"{where}.{key}: must be a list of strings")
            if key in ("min_text_ratio", "flapping_window") and (isinstance(value, bool) or value < 0):
                fail(("sources", i, key), f"{where}.{key}: must be a positive number")
            if key == "js" and isinstance(value, str) and value != "auto":
                fail(("sources", i, key), f'{where}.{key}: must be true, false or "auto", not {value!r}')
        for key, (_, required) in SOURCE_KEYS.items():
            if required and key not in source:
                fail(("sources", i, None), f"{where}.{key}: missing required key")
        sid = source["id"]
        if not _SLUG.match(sid):
            fail(("sources", i, "id"), f"{where}.id: {sid!r} must be a lowercase slug (letters, digits, . _ -)")
        if sid in seen:
            fail(("sources", i, "id"), f"{where}.id: duplicate id {sid!r} (first used by sources[{seen[sid] + 1}])")
        seen[sid] = i
        url = urlparse(source["url"])
        if url.scheme not in ("http", "https") or not url.netloc:
            fail(("sources", i, "url"), f"{where}.url: must be an http(s) URL, not {source['url']!r}")
        for key in ("select", "remove"):
            rules = source.get(key, [])
            for rule in [rules] if isinstance(rules, str) else rules:
                if error := crawler.rule_error(rule):
                    fail(("sources", i, key), f"{where}.{key}: {error}")
        for key in ("ignore",):
            for pattern in source.get(key, []):
                try:
                    re.compile(pattern)
                except (re.error, TypeError) as e:
                    fail(("sources", i, key), f"{where}.{key}: invalid regular expression {pattern!r}: {e}")
        if "schedule" in source:
            try:
                schedule.parse_spec(source["schedule"])
            except ValueError as e:
                fail(("sources", i, "schedule"), f"{where}.schedule: {e}")
        source.setdefault("name", sid)
        source.setdefault("type", "")
        config.sources.append(source)
    return config


def _table(values, spec: dict, name: str, fail) -> dict:
    """Check one table against its declaration (key -> (type, default[, check]) or, for a
    sub-table such as [notify.email], key -> a declaration) and fill in the defaults."""
    if not isinstance(values, dict):
        fail((name, None, None), f"{name}: must be a table [{name}]")
    out = {}
    for key, value in values.items():
        if key not in spec:
            where = (f"{name}.{key}", None, None) if isinstance(value, dict) else (name, None, key)
            fail(where, f"{name}.{key}: unknown key (known: {', '.join(spec)})")
        if isinstance(spec[key], dict):
            continue
        kind, _, *check = spec[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            fail((name, None, key), f"{name}.{key}: must be {kind.__name__}, not {value!r}")
        if kind in (int, float) and value < 0:
            fail((name, None, key), f"{name}.{key}: must not be negative")
        if check and (problem := check[0](value)):
            fail((name, None, key), f"{name}.{key}: {problem}")
        out[key] = value
    for key, declared in spec.items():
        if isinstance(declared, dict):
            out[key] = _table(values.get(key, {}), declared, f"{name}.{key}", fail)
        elif key not in out:
            default = declared[1]
            out[key] = list(default) if isinstance(default, list) else default
    return out


class _KeyLines:
    """Where each key of a TOML text is (tomllib does not say): (table, index, key) -> line."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        table, index, counts = None, None, {}
        for n, line in enumerate(text.splitlines(), 1):
            if m := self._HEADER.match(line):
                table = m.group(2).strip().strip("\"'")
                if m.group(1) == "[[":
                    index = counts[table] = counts.get(table, -1) + 1
                else:
                    index = None
                self.lines.setdefault((table, index, None), n)
            elif m := self._KEY.match(line):
                key = m.group(1).strip('"')
                self.lines.setdefault((table, index, key), n)

    def find(self, table, index, key) -> int | None:
        return self.lines.get((table, index, key)) or self.lines.get((table, index, None))
