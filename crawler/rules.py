"""Checking a source's extraction rules before any crawl: a typo in a selector is a config
error, not a failure found at 3 a.m."""

import functools

from cssselect import SelectorError
from lxml.cssselect import CSSSelector

RANGE_KEYS = {"startBefore", "startAfter", "endBefore", "endAfter"}


def rule_error(rule) -> str | None:
    """Why a `select` / `remove` item is invalid, or None: a CSS selector, or Open Terms
    Archive's range form {startBefore|startAfter = css, endBefore|endAfter = css}."""
    if isinstance(rule, str):
        return _css_error(rule)
    if isinstance(rule, dict):
        unknown = set(rule) - RANGE_KEYS
        if unknown:
            return f"unknown range key {sorted(unknown)[0]!r} (known: {', '.join(sorted(RANGE_KEYS))})"
        starts = {"startBefore", "startAfter"} & set(rule)
        ends = {"endBefore", "endAfter"} & set(rule)
        if len(starts) != 1 or len(ends) != 1:
            return "a range needs one of startBefore/startAfter and one of endBefore/endAfter"
        for value in rule.values():
            if not isinstance(value, str):
                return f"range selectors must be strings, not {value!r}"
            if error := _css_error(value):
                return error
        return None
    return f"expected a CSS selector or a range table, not {rule!r}"


# Thousands of sources share a few selectors ("main", "article"): each is compiled once.
@functools.lru_cache(maxsize=1024)
def _css_error(css: str) -> str | None:
    try:
        CSSSelector(css)
    except (SelectorError, SyntaxError, ValueError) as e:
        return f"invalid CSS selector {css!r}: {e}"
    return None
