"""A change set as text for a terminal (`policywatch diff`, `policywatch compare`)."""

import re

from .model import Change, ChangeSet

SEPARATOR = " › "
_MARKS = {-1: ("[-", "-]"), 1: ("{+", "+}")}
_COLORS = {-1: ("\x1b[31m", "\x1b[0m"), 1: ("\x1b[32m", "\x1b[0m")}
# Policy text comes from the web: its control characters (ANSI escapes included) must not
# reach the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def render_text(changeset: ChangeSet, color: bool = False, tags: list[dict] | None = None) -> str:
    """Each change as `kind (significance): Section › Subsection`, then its text with removed
    words as [-…-] and added words as {+…+} (red and green with `color`). With `tags` (one
    {"old": …, "new": …} per change, as `meaning.tag_change` gives), each header ends with
    the clause's tags: `[third-party-sharing; financial]`."""
    if not changeset:
        return "no changes\n"
    tags = tags or [None] * len(changeset.changes)
    blocks = [changeset.headline()] + [_change(change, color, pair) for change, pair in zip(changeset.changes, tags)]
    return "\n\n".join(blocks) + "\n"


def _change(change: Change, color: bool, pair: dict | None = None) -> str:
    header = f"{change.kind} ({change.significance}): {_path(change.section)}"
    if change.kind in ("moved", "modified") and change.old_section not in (None, change.section):
        header += f" (from {_path(change.old_section or [])})"
    if label := tag_label(pair):
        header += f" {label}"
    return f"{_clean(header)}\n    {render_diff(_diff(change), color)}"


def _names(side) -> list[str]:
    """The tags of one side (a `Tags` or its dict form) as words; `other` says nothing."""
    if side is None:
        return []
    get = side.get if isinstance(side, dict) else lambda key: getattr(side, key)
    names = [c for c in get("categories") if c != "other"] + list(get("data_types"))
    return names + (["negated"] if get("negated") else [])


def tag_label(pair: dict | None) -> str:
    """A clause's tags in brackets: `[third-party-sharing; financial]`, the new side's (the old
    side's for a removed clause); `[a → b]` when a modified clause's tags changed."""
    if not pair:
        return ""
    old, new = _names(pair.get("old")), _names(pair.get("new"))
    if pair.get("new") is None:
        new = old
    elif pair.get("old") is not None and old != new:
        return f"[{'; '.join(old) or '-'} → {'; '.join(new) or '-'}]"
    return f"[{'; '.join(new)}]" if new else ""


def render_diff(diff: list[tuple[int, str]], color: bool = False) -> str:
    """A word diff as one line: removed words [-…-], added words {+…+} (red, green with `color`)."""
    marks = _COLORS if color else _MARKS
    return "".join(_piece(op, text, marks) for op, text in diff)


def _diff(change: Change) -> list[tuple[int, str]]:
    if change.diff:
        return change.diff
    if change.kind == "added":
        return [(1, change.new or "")]
    if change.kind == "removed":
        return [(-1, change.old or "")]
    return [(0, change.new or "")]


def _piece(op: int, text: str, marks: dict) -> str:
    text = _clean(text)
    if op == 0:
        return text
    start, end = marks[op]
    return f"{start}{text}{end}"


def _path(section: list[str]) -> str:
    return SEPARATOR.join(section) if section else "(top)"


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)
