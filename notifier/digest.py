"""What a digest holds: the change sets and failure notices not yet delivered on a channel,
grouped by source, gravest first: by the severity score of their meaning (sale, sharing, new
sensitive data types and removed negations first; cosmetic last), then by significance."""

import hashlib
from dataclasses import dataclass, field

from differ import SIGNIFICANCES, Change
from store import RecordedChangeSet, Store

_RANK = {s: i for i, s in enumerate(SIGNIFICANCES)}  # cosmetic 0, minor 1, substantive 2
SUBJECT_MAX = 200  # characters; a longer headline is cut with "…"


def rank(significance: str) -> int:
    return _RANK.get(significance, _RANK["substantive"])


@dataclass
class Entry:
    """One change set as a digest shows it: the changes worth showing, the rest as a count."""

    change_set: RecordedChangeSet
    shown: list[Change]
    folded: int  # changes below the channel's threshold (cosmetic ones at least)
    url: str | None  # the full diff page

    @property
    def significance(self) -> str:
        return top_significance(self.change_set.changes)

    @property
    def score(self) -> int:
        return self.change_set.score or 0


@dataclass
class SourceSection:
    source: dict  # the store's row: id, name, url, ...
    entries: list[Entry] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = {s: 0 for s in SIGNIFICANCES}
        for entry in self.entries:
            for change in entry.change_set.changes:
                counts[change.significance if change.significance in counts else "substantive"] += 1
        return counts

    def top_score(self) -> int:
        return max((e.score for e in self.entries), default=0)

    def sort_key(self) -> tuple:
        counts = self.counts()
        return (-self.top_score(),) + tuple(-counts[s] for s in reversed(SIGNIFICANCES)) + (self.source["name"],)


@dataclass
class Digest:
    """The undelivered items of one channel, ready to render."""

    channel: str
    sections: list[SourceSection]
    failing: list[dict]  # failure notices, each with `source` (the store's row)
    recovered: list[dict]
    items: dict[str, list[int]]  # {"change_set": [ids], "notice": [ids]}: what the outbox claims
    message_id: str

    def __bool__(self) -> bool:
        return bool(self.items["change_set"] or self.items["notice"])

    def worth_sending(self) -> bool:
        """Something above the threshold changed, or a source failed or recovered."""
        return bool(self.failing or self.recovered or any(e.shown for s in self.sections for e in s.entries))

    def subject(self) -> str:
        """The gravest change's headline, then the other sources named, on one line:
        `policywatch: Xiaomi — MIUI Privacy Policy: now collects financial information (also:
        Acme Terms changed (1 minor))`."""
        parts = []
        for section in self.sections[1:]:
            counts = section.counts()
            top = next(s for s in reversed(SIGNIFICANCES) if counts[s] or s == "cosmetic")
            parts.append(f"{one_line(section.source['name'])} changed ({counts[top]} {top})")
        parts += [f"{one_line(n['source']['name'])} failing" for n in self.failing]
        parts += [f"{one_line(n['source']['name'])} recovered" for n in self.recovered]
        others = len(parts)
        if len(parts) > 3:
            parts = parts[:3] + [f"{len(parts) - 3} more"]
        if not self.sections:
            return "policywatch: " + (", ".join(parts) or "nothing new")
        first = self.sections[0]
        name = one_line(first.source["name"])
        name = name if len(name) <= 80 else name[:77] + "..."
        headline = one_line(first.entries[0].change_set.headline) or "changed"
        also = f" (also: {', '.join(parts)})" if parts else ""
        if len(f"policywatch: {name}: {headline}{also}") > SUBJECT_MAX:
            also = f" (and {others} more)" if others else ""  # the headline matters more than names
        room = SUBJECT_MAX - len(f"policywatch: {name}: {also}")
        if len(headline) > room:
            headline = headline[:max(room - 3, 10)].rstrip(" ;,") + "..."
        return f"policywatch: {name}: {headline}{also}"


def top_significance(changes: list[Change]) -> str:
    return max((c.significance for c in changes), key=rank, default="cosmetic")


def one_line(text: str) -> str:
    """Untrusted text for a one-line context (a subject, a title): no line breaks, no controls."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())


def message_id(channel: str, items: dict[str, list[int]], domain: str = "policywatch") -> str:
    """Derived from what the digest holds: a resend of the same digest has the same id."""
    key = channel + ";" + ";".join(f"{kind}:{','.join(map(str, sorted(ids)))}"
                                   for kind, ids in sorted(items.items()))
    return f"<digest-{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def build(store: Store, channel: str, items: dict[str, list[int]], min_significance: str = "minor",
          base_url: str | None = None, message_id_value: str | None = None) -> Digest:
    """The digest of these outbox items, read from the store."""
    threshold = max(rank(min_significance), rank("minor"))  # cosmetic changes are always folded
    sections: dict[str, SourceSection] = {}
    for cs_id in sorted(items.get("change_set", [])):
        cs = store.change_set(cs_id)
        shown = [c for c in cs.changes if rank(c.significance) >= threshold]
        entry = Entry(cs, shown, len(cs.changes) - len(shown), change_url(base_url, cs.id))
        if cs.source not in sections:
            sections[cs.source] = SourceSection(store.source(cs.source))
        sections[cs.source].entries.append(entry)
    for section in sections.values():
        section.entries.sort(key=lambda e: -e.score)  # stable: equal scores stay in time order
    failing, recovered = [], []
    for notice_id in sorted(items.get("notice", [])):
        notice = store.failure_notice(notice_id)
        notice["source"] = store.source(notice["source_id"])
        (failing if notice["kind"] == "failing" else recovered).append(notice)
    return Digest(
        channel=channel, sections=sorted(sections.values(), key=SourceSection.sort_key),
        failing=failing, recovered=recovered, items=items,
        message_id=message_id_value or message_id(channel, items),
    )


def change_url(base_url: str | None, change_set_id: int) -> str | None:
    return f"{base_url.rstrip('/')}/changes/{change_set_id}" if base_url else None


def update_failure_notices(store: Store, failures_after: int = 3) -> list[int]:
    """Record `failing` for each source that failed `failures_after` fetches in a row since its
    last notice, and `recovered` for each failing one that fetched fine since: once each."""
    added = []
    with store.atomic():
        for source in store.sources():
            streak = store.failure_streak(source["id"])
            last = store.last_failure_notice(source["id"])
            failing_now = last is not None and last["kind"] == "failing"
            if streak >= failures_after and not failing_now:
                fetch = store.latest_failed_fetch(source["id"]) or {}
                added.append(store.add_failure_notice(
                    source["id"], "failing", streak, fetch.get("reason"), fetch.get("error_class")))
            elif streak == 0 and failing_now:  # a fetch succeeded since the notice
                added.append(store.add_failure_notice(source["id"], "recovered", 0))
    return added
