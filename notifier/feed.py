"""Atom and RSS 2.0 feeds of change sets: one global, one per source, written to a folder.

Entry ids are tag URIs built from the source id and the content hashes of the two versions:
`tag:policywatch,2026:xiaomi-privacy/3f2a9c0d1b7e5a46-9be01f22c4d87a10`. Database row ids would
change when the history is rebuilt or moved to another database; the texts do not. When the same
pair of texts comes back (A→B, B→A, A→B), the repeat gets `/2`, `/3`...: still derived only from
the history, so every regeneration gives every entry the same id.
"""

import hashlib
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from differ.segment import source_digest
from store import RecordedChangeSet, Store

from .digest import change_url, one_line
from .errors import FeedError
from .render import _NOT_XML, change_set_html, esc, link, meaning_html, safe_url, when

ATOM = "http://www.w3.org/2005/Atom"
TAG_AUTHORITY = "tag:policywatch,2026:"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def entry_ids(store: Store, source_id: str) -> dict[int, str]:
    """The permanent id of each change set of a source."""
    sha = {v["id"]: v["sha256"] for v in store.versions(source_id)}
    seen: dict[tuple, int] = {}
    ids = {}
    for change_set_id, from_version, to_version in store.change_set_versions(source_id):
        pair = (sha.get(from_version, "?")[:16], sha.get(to_version, "?")[:16])
        seen[pair] = seen.get(pair, 0) + 1
        suffix = f"/{seen[pair]}" if seen[pair] > 1 else ""
        ids[change_set_id] = f"{TAG_AUTHORITY}{source_id}/{pair[0]}-{pair[1]}{suffix}"
    return ids


def write_feeds(store: Store, feed_dir: str | Path, base_url: str = "", limit: int = 50) -> list[Path]:
    """Write atom.xml and rss.xml (all sources) and sources/<id>/atom.xml, rss.xml; return the
    paths written (a file that would get the bytes it holds is left alone, mtime and all). Each
    file is replaced whole, so a reader never sees half a feed.

    A feed is written again only when what it is made of changed (its entries, its title, the
    names and addresses of their sources, the base URL, the code that writes it): each file
    carries a key of those, so a crawl that found nothing new costs a query per feed, not the
    rendering of every entry of every feed (11 ms a source with 50 entries, bench/feeds.py)."""
    feed_dir = Path(feed_dir)
    sources = {s["id"]: s for s in store.sources() if _SLUG.match(s["id"])}
    ids: dict[int, str] = {}  # entry ids, read for the sources of the feeds written
    written = []
    feeds = [("", "policywatch: all changes", list(sources), None)]
    feeds += [(f"sources/{sid}/", f"policywatch: {one_line(s['name'])}", [sid], s) for sid, s in sources.items()]
    try:
        for prefix, title, source_ids, source in feeds:
            self_url = f"{base_url.rstrip('/')}/{prefix}" if base_url else ""
            paths = feed_dir / prefix / "atom.xml", feed_dir / prefix / "rss.xml"
            announced = store.announced_change_set_ids(source_ids, limit)
            # An entry whose meaning is worked out when read (a row without a stored one) may
            # read otherwise tomorrow (a trained model): such a feed is always written.
            key = None if any(computed for _, _, computed in announced) else _key(
                title, self_url, base_url, source,
                [(i, sources[sid]["name"], sources[sid]["url"]) for i, sid, _ in announced])
            if key and all(_has_key(path, key) for path in paths):
                continue
            sets = store.announced_change_sets(source_ids, limit)
            # Read again for a change set recorded since (a crawl in another process): a missing
            # id would end the writing of every feed after this one.
            for source_id in {cs.source for cs in sets if cs.id not in ids}:
                ids.update(entry_ids(store, source_id))
            entries = [(cs, ids[cs.id], sources[cs.source]) for cs in sets]
            for path, feed in zip(paths, (atom(title, self_url, prefix or "all", entries, base_url),
                                          rss(title, self_url, source, entries, base_url))):
                if _replace(path, _keyed(feed, key)):
                    written.append(path)
    except OSError as e:
        raise FeedError(f"cannot write feeds to {feed_dir}: {e}") from None
    return written


# A digest of the code that shapes a feed (this package's writers, the differ's diff and tag
# rendering, the store's change sets; with the Python that serializes them), so that feeds
# written by another version of it are written again; None (every feed written every time)
# where the source cannot be read. The same digest as the segmenter's stamp.
_CODE = source_digest([Path(__file__).with_name(name) for name in ("feed.py", "render.py", "digest.py")]
                      + [Path(__file__).parent.parent / "differ" / "render.py",
                         Path(__file__).parent.parent / "store" / "store.py"])
_KEY_MARK = b"<!-- policywatch feed key "


def _key(title: str, self_url: str, base_url: str, source: dict | None, entries: list) -> str | None:
    """What a feed is made of, hashed: its entries are `(change set id, source name, source
    URL)`; a change set's content never changes once recorded (with its meaning: see above)."""
    if _CODE is None:
        return None
    made_of = [_CODE, title, self_url, base_url, source and [source["name"], source["url"]], entries]
    return hashlib.sha256(json.dumps(made_of, ensure_ascii=False).encode()).hexdigest()[:32]


def _keyed(feed: bytes, key: str | None) -> bytes:
    """The feed with its key in a comment after the XML declaration (readers ignore it)."""
    if key is None:
        return feed
    declaration, rest = feed.split(b"\n", 1) if feed.startswith(b"<?xml") else (b"", feed)
    return declaration + b"\n" + _KEY_MARK + key.encode() + b" -->\n" + rest


def _has_key(path: Path, key: str) -> bool:
    """Whether the feed at `path` was written whole with this key (its head carries the key, its
    tail closes the feed: a file cut short by a copy or a restore is written again)."""
    try:
        with open(path, "rb") as f:
            head = f.read(256)
            f.seek(max(0, os.fstat(f.fileno()).st_size - 16))
            tail = f.read()
    except OSError:
        return False
    return _KEY_MARK + key.encode() + b" -->" in head and tail.endswith((b"</feed>\n", b"</rss>\n"))


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = _NOT_XML.sub("\ufffd", text)  # ElementTree escapes <, >, &; not these
    return element


def _entry_title(cs: RecordedChangeSet, source: dict) -> str:
    """`Xiaomi — MIUI Privacy Policy: now collects financial and social information`."""
    return one_line(cs.titled(one_line(source["name"])))


def _entry_html(cs: RecordedChangeSet, source: dict) -> str:
    return (f"<p>{link(source['url'], one_line(source['name']))}, version {int(cs.from_version)} → "
            f"{int(cs.to_version)}, detected {esc(when(cs.detected_at))}: {esc(cs.summary)}</p>"
            + meaning_html(cs) + change_set_html(cs))


def atom(title: str, self_url: str, key: str, entries: list, base_url: str) -> bytes:
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "title", title)
    _text(feed, "id", f"{TAG_AUTHORITY}feed/{key.strip('/')}")
    _text(feed, "updated", _rfc3339(entries[0][0].detected_at if entries else None))
    author = ET.SubElement(feed, "author")
    _text(author, "name", "policywatch")
    if self_url:
        ET.SubElement(feed, "link", rel="self", href=self_url + "atom.xml")
    for cs, entry_id, source in entries:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", entry_id)
        _text(entry, "title", _entry_title(cs, source))
        _text(entry, "updated", _rfc3339(cs.detected_at))
        url = safe_url(change_url(base_url, cs.id)) or safe_url(source["url"])
        if url:
            ET.SubElement(entry, "link", rel="alternate", type="text/html", href=url)
        _text(entry, "content", _entry_html(cs, source), type="html")
    return _xml(feed)


def rss(title: str, self_url: str, source: dict | None, entries: list, base_url: str) -> bytes:
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", title)
    _text(channel, "link", safe_url(self_url) or safe_url(source["url"] if source else None) or "http://localhost/")
    _text(channel, "description", "Clause-level changes in privacy policies and terms, by policywatch.")
    for cs, entry_id, src in entries:
        item = ET.SubElement(channel, "item")
        _text(item, "title", _entry_title(cs, src))
        _text(item, "guid", entry_id, isPermaLink="false")
        _text(item, "pubDate", format_datetime(_parse(cs.detected_at), usegmt=True))
        url = safe_url(change_url(base_url, cs.id)) or safe_url(src["url"])
        if url:
            _text(item, "link", url)
        _text(item, "description", _entry_html(cs, src))
    return _xml(root)


def _xml(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _parse(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def _rfc3339(timestamp: str | None) -> str:
    if not timestamp:
        return "2026-01-01T00:00:00Z"  # an empty feed: a fixed time keeps the bytes (and ETag) stable
    return _parse(timestamp).strftime("%Y-%m-%dT%H:%M:%SZ")


def _replace(path: Path, data: bytes) -> bool:
    """Whether `path` was written: not when it holds `data` already."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return False  # unchanged: keep its mtime, hence its Last-Modified
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
