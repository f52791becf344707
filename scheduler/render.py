"""Change sets as text for a terminal."""

import click

from differ import Change

_MARK = {"added": "+", "removed": "-", "modified": "~", "moved": ">"}


def render_changes(changes: list[Change], color: bool = False) -> str:
    """Each clause change: its kind and section, then the words removed [-…-] and added {+…+}."""
    out = []
    for change in changes:
        section = " › ".join(change.section) or "(top)"
        out.append(f"{_MARK[change.kind]} {change.kind} in {section} [{change.significance}]")
        if change.kind == "modified":
            out.append("    " + _word_diff(change.diff, color))
        elif change.kind == "added":
            out.append("    " + _style("{+" + change.new + "+}", "green", color))
        elif change.kind == "removed":
            out.append("    " + _style("[-" + change.old + "-]", "red", color))
        else:
            out.append(f"    moved from {' › '.join(change.old_section or []) or '(top)'}: {change.new}")
    return "\n".join(out)


def _word_diff(diff: list[tuple[int, str]], color: bool) -> str:
    parts = []
    for op, text in diff:
        if op == 1:
            parts.append(_style("{+" + text + "+}", "green", color))
        elif op == -1:
            parts.append(_style("[-" + text + "-]", "red", color))
        else:
            parts.append(text)
    return "".join(parts)


def _style(text: str, fg: str, color: bool) -> str:
    return click.style(text, fg=fg) if color else text
