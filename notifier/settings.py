"""The [notify] table of config.toml: its keys, their defaults and checks."""

import copy
import re
from pathlib import Path

from differ import SIGNIFICANCES

_CRON = re.compile(r"^\S+(\s+\S+){4}$")


def _choice(*allowed):
    def check(value):
        return None if value in allowed else f"must be one of {', '.join(map(repr, allowed))}, not {value!r}"
    return check


def _schedule(value):
    if value == "after-crawl" or _CRON.match(value.strip()):
        return None
    return f'must be "after-crawl" or a cron expression of five fields ("0 8 * * *"), not {value!r}'


def _addresses(value):
    if not all(isinstance(a, str) and "@" in a and "\n" not in a and "\r" not in a for a in value):
        return "must be a list of e-mail addresses"
    return None


def _folder(value):
    return None if value.strip() else "must name a folder (the default is \"feeds\")"


def _entries(value):
    return None if value >= 1 else f"must be 1 or more entries, not {value}"


def _base_url(value):
    return None if value == "" or re.match(r"^https?://[^\s/]+", value) else f"must be an http(s) URL, not {value!r}"


# The [notify] table of config.toml and its sub-tables: key -> (type, default[, check]), where
# check(value) returns an error message or None.
CONFIG = {
    "failures_after": (int, 3),  # failed fetches in a row before a source is reported failing
    "email": {
        "enabled": (bool, False),
        "smtp_host": (str, "localhost"),
        "smtp_port": (int, 587),
        "security": (str, "starttls", _choice("starttls", "tls", "none")),
        "username": (str, ""),  # empty: no login
        "password_env": (str, "POLICYWATCH_SMTP_PASSWORD"),  # the password is never in the file
        "from": (str, "policywatch <policywatch@localhost>"),
        "to": (list, [], _addresses),
        "schedule": (str, "after-crawl", _schedule),
        "min_significance": (str, "minor", _choice(*SIGNIFICANCES)),
        "timeout": (float, 30.0),
        "ca_file": (str, ""),  # a CA bundle to trust besides the system's (a private mail server)
    },
    "feed": {
        "enabled": (bool, False),
        "dir": (str, "feeds", _folder),  # relative to the config file
        "base_url": (str, "http://localhost:8080", _base_url),
        "limit": (int, 50, _entries),  # entries per feed
    },
}


def with_defaults(notify_config: dict | None) -> dict:
    """The [notify] table with every key of every sub-table: those missing take their CONFIG
    default (a caller may pass only the keys it sets, as the tests do)."""
    given = notify_config or {}
    table = {}
    for key, spec in CONFIG.items():
        if isinstance(spec, dict):
            sub = given.get(key) or {}
            # A copy of a list default: a caller's change must not reach CONFIG.
            table[key] = {name: sub.get(name, copy.copy(default)) for name, (_, default, *_) in spec.items()}
        else:
            table[key] = given.get(key, spec[1])
    return table


def with_paths(notify_config: dict, base_dir) -> dict:
    """The config with [notify.feed] dir made absolute, relative to `base_dir` (the config's folder)."""
    feed = dict(notify_config.get("feed") or {})
    if feed.get("dir") and not Path(feed["dir"]).is_absolute():
        feed["dir"] = str(Path(base_dir) / feed["dir"])
    return {**notify_config, "feed": feed}
