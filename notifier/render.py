"""Digests and change sets as plain text and as HTML.

Page text is untrusted: in HTML every piece of it goes through `esc()` (quotes included, since
some of it lands in attributes), and only http(s) URLs become links.
"""

import html
import re
from urllib.parse import urlparse

from differ import Change, render_diff, tag_label
from store import RecordedChangeSet

from .digest import Digest, Entry, one_line

_MARK = {"added": "+", "removed": "-", "modified": "~", "moved": ">"}
# Characters XML 1.0 cannot hold at all (feeds are XML; escaping cannot save them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text) -> str:
    return html.escape(_NOT_XML.sub("\ufffd", str(text if text is not None else "")), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: a `javascript:` link must never be clickable."""
    if not url:
        return None
    return url if urlparse(url).scheme in ("http", "https") else None


def section_path(change: Change) -> str:
    return " › ".join(change.section) or "(top)"


def when(timestamp: str) -> str:
    return timestamp[:16].replace("T", " ") + " UTC"


# --- text ----------------------------------------------------------------------------------


def word_diff_text(diff: list[tuple[int, str]]) -> str:
    """Words removed as [-…-], added as {+…+}, as `policywatch diff` prints them."""
    return render_diff(diff)


def meaning_text(cs: RecordedChangeSet) -> str:
    """`[high] now collects financial information`: the severity and headline of a change set."""
    return f"[{cs.severity}] {one_line(cs.headline)}"


def change_text(change: Change, tags: dict | None = None) -> list[str]:
    label = tag_label(tags)
    lines = [f"  {_MARK.get(change.kind, '?')} {change.kind} in {section_path(change)} [{change.significance}]"
             + (f" {label}" if label else "")]
    if change.kind == "modified" and change.diff:
        body = word_diff_text(change.diff)
    elif change.kind == "removed":
        body = "[-" + (change.old or "") + "-]"
    elif change.kind == "moved":
        body = f"moved from {' › '.join(change.old_section or []) or '(top)'}: {change.new}"
    else:
        body = "{+" + (change.new or "") + "+}"
    return lines + ["      " + body]


def entry_text(entry: Entry) -> list[str]:
    cs = entry.change_set
    lines = [f"  Detected {when(cs.detected_at)}: {cs.summary}", f"  {meaning_text(cs)}"]
    for change in entry.shown:
        lines += change_text(change, tags_of(cs, change))
    if entry.folded:
        lines.append(f"  ({entry.folded} minor or cosmetic change{'s' if entry.folded != 1 else ''} not shown)")
    if entry.url:
        lines.append(f"  Full diff: {entry.url}")
    return lines


def digest_text(digest: Digest) -> str:
    lines: list[str] = []
    for section in digest.sections:
        source = section.source
        lines += [f"{one_line(source['name'])} <{source['url']}>", ""]
        for entry in section.entries:
            lines += entry_text(entry) + [""]
    if digest.failing:
        lines.append("Sources failing:")
        lines += [f"  {one_line(n['source']['name'])} <{n['source']['url']}>: {n['streak']} failed "
                  f"fetches in a row; last: {one_line(n['reason'] or 'unknown reason')}" for n in digest.failing]
        lines.append("")
    if digest.recovered:
        lines.append("Sources recovered:")
        lines += [f"  {one_line(n['source']['name'])} <{n['source']['url']}>: fetched again "
                  f"{when(n['at'])}" for n in digest.recovered]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --- HTML ----------------------------------------------------------------------------------

_STYLE = ("body{font-family:sans-serif;max-width:50em;margin:1em auto;line-height:1.4}"
          "ins{background:#d7f5dd;text-decoration:none}del{background:#fbd9d9}"
          ".section{color:#555;font-size:90%}.kind{font-weight:bold}.tags{color:#555;font-size:85%}"
          ".severity{font-weight:bold}.high{color:#b00}")
_INS = '<ins style="background:#d7f5dd;text-decoration:none">{}</ins>'
_DEL = '<del style="background:#fbd9d9">{}</del>'


def word_diff_html(diff: list[tuple[int, str]]) -> str:
    """Added words in <ins>, removed words in <del>, all text escaped."""
    marks = {-1: _DEL, 0: "{}", 1: _INS}
    return "".join(marks[op].format(esc(text)) for op, text in diff)


def tags_of(cs: RecordedChangeSet, change: Change) -> dict | None:
    """The stored tags of one of the change set's changes."""
    for c, tags in zip(cs.changes, cs.tags):
        if c is change:
            return tags
    return None


def meaning_html(cs: RecordedChangeSet) -> str:
    return (f'<p class="meaning"><span class="severity {esc(cs.severity)}">{esc(cs.severity)}</span>: '
            f"{esc(cs.headline)}</p>")


def change_html(change: Change, tags: dict | None = None) -> str:
    label = tag_label(tags)
    if change.kind == "modified" and change.diff:
        body = word_diff_html(change.diff)
    elif change.kind == "removed":
        body = _DEL.format(esc(change.old))
    elif change.kind == "moved":
        body = f"moved from {esc(' › '.join(change.old_section or []) or '(top)')}: {esc(change.new)}"
    else:
        body = _INS.format(esc(change.new))
    return (f'<li><span class="kind">{esc(change.kind)}</span> '
            f'<span class="section">in {esc(section_path(change))} [{esc(change.significance)}]</span>'
            + (f' <span class="tags">{esc(label)}</span>' if label else "")
            + f"<p>{body}</p></li>")


def link(url: str | None, text: str) -> str:
    url = safe_url(url)
    return f'<a href="{esc(url)}">{esc(text)}</a>' if url else esc(text)


def entry_html(entry: Entry) -> str:
    cs = entry.change_set
    parts = [f"<p>Detected {esc(when(cs.detected_at))}: {esc(cs.summary)}</p>", meaning_html(cs)]
    if entry.shown:
        parts.append("<ul>" + "".join(change_html(c, tags_of(cs, c)) for c in entry.shown) + "</ul>")
    if entry.folded:
        parts.append(f"<p>{entry.folded} minor or cosmetic change{'s' if entry.folded != 1 else ''} not shown.</p>")
    if entry.url:
        parts.append(f"<p>{link(entry.url, 'Full diff')}</p>")
    return "".join(parts)


def source_heading(source: dict) -> str:
    return f"{esc(one_line(source['name']))} ({link(source['url'], source['url'])})"


def digest_html(digest: Digest) -> str:
    parts = []
    for section in digest.sections:
        parts.append(f"<h2>{source_heading(section.source)}</h2>")
        parts += [entry_html(e) for e in section.entries]
    if digest.failing:
        parts.append("<h2>Sources failing</h2><ul>" + "".join(
            f"<li>{source_heading(n['source'])}: {int(n['streak'])} failed fetches in a row; "
            f"last: {esc(n['reason'] or 'unknown reason')}</li>" for n in digest.failing) + "</ul>")
    if digest.recovered:
        parts.append("<h2>Sources recovered</h2><ul>" + "".join(
            f"<li>{source_heading(n['source'])}: fetched again {esc(when(n['at']))}</li>"
            for n in digest.recovered) + "</ul>")
    return page(digest.subject(), "".join(parts))


def change_set_html(cs: RecordedChangeSet) -> str:
    """The body of a change set: every change, cosmetic ones included (a full diff)."""
    return "<ul>" + "".join(change_html(c, t) for c, t in zip(cs.changes, cs.tags)) + "</ul>"


def change_set_page(cs: RecordedChangeSet, source: dict) -> str:
    body = (f"<h1>{source_heading(source)}</h1>"
            f"<p>Version {int(cs.from_version)} → {int(cs.to_version)}, detected {esc(when(cs.detected_at))}: "
            f"{esc(cs.summary)}</p>" + meaning_html(cs) + change_set_html(cs))
    return page(cs.titled(one_line(source['name'])), body)


def page(title: str, body: str) -> str:
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>{_STYLE}</style></head>"
            f"<body>{body}</body></html>\n")
