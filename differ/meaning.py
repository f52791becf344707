"""What a change set means: signals drawn from the tags of each changed clause, old side and
new side, and from them a headline and a severity that ranks change sets in a digest.

    >>> from differ.model import Change
    >>> m = explain([Change("added", ["Sharing"], None, "We may sell your personal information.")], "Acme Privacy Policy")
    >>> m.headline
    'Acme Privacy Policy — may sell personal information'
"""

import re
from dataclasses import dataclass, field

from . import lexicon
from .model import Change
from .tags import SECTION_HEADINGS, Tags, _compiled, tag
from .tags import normal_text as _normal

# Data types whose arrival alone makes a change set high severity.
SENSITIVE = ("financial", "health", "biometric", "location", "children", "communications", "social")

# Points per signal kind: the severity score of a change set is the sum (capped per kind).
WEIGHTS = {
    "sale": 50, "without-consent": 45, "negation-removed": 45, "data-type-added": 20,
    "sensitive-data-type-added": 35, "new-recipient": 30, "consent-removed": 30,
    "new-purpose": 20, "notice-removed": 15, "data-type-removed": 5, "practice-changed": 8,
    "negation-added": 2,
}
LEVELS = (("high", 40), ("medium", 20), ("low", 1), ("cosmetic", 0))


@dataclass(frozen=True)
class Signal:
    """One thing a change set does: a data type appears, a promise not to share is gone, …"""

    kind: str  # a key of WEIGHTS
    value: str  # the data type, recipient, purpose, verb or category concerned
    clause: int  # index of the change in the change set
    evidence: str  # the phrase that shows it

    def to_dict(self) -> dict:
        return {"kind": self.kind, "value": self.value, "clause": self.clause, "evidence": self.evidence}


@dataclass
class Meaning:
    """Headline, severity and signals of one change set, plus the tags of each changed clause."""

    headline: str
    severity: str  # high | medium | low | cosmetic
    score: int
    signals: list[Signal] = field(default_factory=list)
    tags: list[dict] = field(default_factory=list)  # per change: {"old": Tags | None, "new": Tags | None}

    def to_dict(self) -> dict:
        return {
            "headline": self.headline, "severity": self.severity, "score": self.score,
            "signals": [s.to_dict() for s in self.signals],
            "tags": [{side: (t.to_dict() if t else None) for side, t in pair.items()} for pair in self.tags],
        }


def tag_change(change: Change, model=None) -> dict:
    """The tags of a clause change, for its old and new side (None where a side is absent)."""
    old_section = change.old_section if change.old_section is not None else change.section
    old = tag(change.old, old_section, model) if change.old else None
    inner = -SECTION_HEADINGS
    if old is not None and change.new == change.old and list(change.section[inner:]) == list(old_section[inner:]):
        # A clause moved, or only laid out anew, with its words: the same tags (`tag` reads the
        # text and the SECTION_HEADINGS innermost headings), not worked out twice.
        return {"old": old, "new": old}
    return {"old": old, "new": tag(change.new, change.section, model) if change.new else None}


def explain(changes: list[Change], source_name: str = "", model=None) -> Meaning:
    """The meaning of a change set: its signals, a headline naming the gravest, a severity.
    `model`: a trained `differ.learned.Classifier` whose categories join the rules'."""
    pairs = [tag_change(c, model) for c in changes]
    signals = _signals(changes, pairs)
    score = _score(signals, changes, pairs)
    severity = next(level for level, floor in LEVELS if score >= floor)
    headline = _headline(signals, changes, pairs)
    return Meaning(f"{source_name} — {headline}" if source_name else headline, severity, score, signals, pairs)


def _signals(changes: list[Change], pairs: list[dict]) -> list[Signal]:
    signals: list[Signal] = []
    old_types = {t for p in pairs if p["old"] for t in p["old"].data_types}
    seen_types: set[str] = set()
    old_text = " ".join(_normal(c.old) for c in changes if c.old)
    for i, (change, pair) in enumerate(zip(changes, pairs)):
        old, new = pair["old"], pair["new"]
        old_clause, new_clause = _normal(change.old or ""), _normal(change.new or "")
        if new and not new.negated:
            for data_type in new.data_types:
                if data_type not in old_types and data_type not in seen_types:
                    seen_types.add(data_type)
                    kind = "sensitive-data-type-added" if data_type in SENSITIVE else "data-type-added"
                    signals.append(Signal(kind, data_type, i, _phrase(new, data_type)))
        if old and not old.negated:
            for data_type in old.data_types:
                if not any(p["new"] and data_type in p["new"].data_types for p in pairs):
                    signals.append(Signal("data-type-removed", data_type, i, _phrase(old, data_type)))
        if old and old.negated and not (new and new.negated):
            signals.append(Signal("negation-removed", _negated_verb(old), i, _phrase(old, "negated")))
        if new and new.negated and not (old and old.negated):
            signals.append(Signal("negation-added", _negated_verb(new), i, _phrase(new, "negated")))
        for verb, phrase in _matches(lexicon.WITHOUT_CONSENT_RULES, new_clause):
            if not _matches(lexicon.WITHOUT_CONSENT_RULES, old_clause):
                signals.append(Signal("without-consent", verb, i, phrase))
                break
        if new and not new.negated and (sale := _matches(lexicon.SALE_RULES, new_clause)):
            if not _matches(lexicon.SALE_RULES, old_clause) or (old and old.negated):
                signals.append(Signal("sale", "sell", i, sale[0][1]))
        for kind, rules in (("consent-removed", lexicon.CONSENT_RULES), ("notice-removed", lexicon.NOTICE_RULES)):
            gone = _matches(rules, old_clause)
            if gone and not _matches(rules, new_clause):
                signals.append(Signal(kind, "consent" if kind == "consent-removed" else "notice", i, gone[0][1]))
        if new and "third-party-sharing" in new.categories and not new.negated:
            for name, pattern in lexicon.RECIPIENTS.items():
                if (m := _compiled(pattern).search(new_clause)) and not _compiled(pattern).search(old_text):
                    signals.append(Signal("new-recipient", name, i, m.group(0)))
        if new and not new.negated:
            for name, pattern in lexicon.PURPOSES.items():
                if (m := _compiled(pattern).search(new_clause)) and not _compiled(pattern).search(old_text):
                    signals.append(Signal("new-purpose", name, i, m.group(0)))
        for category in sorted(set(new.categories if new else ()) ^ set(old.categories if old else ())):
            if category != "other":
                signals.append(Signal("practice-changed", category, i, ""))
    return signals


def _matches(rules, text: str) -> list[tuple[str, str]]:
    """(verb or "", phrase) of each rule matching `text`."""
    found = []
    for pattern in rules:
        if m := _compiled(pattern).search(text):
            found.append(((m.groupdict().get("verb") or "").lower(), m.group(0)))
    return found


def _phrase(tags: Tags, name: str) -> str:
    return next((e.text for e in tags.evidence if e.tag == name), "")


def _negated_verb(tags: Tags) -> str:
    """The practice a negation denies: "sell" for "we do not sell"."""
    phrase = _phrase(tags, "negated").lower()
    for verb in ("sell", "rent", "share", "disclose", "transfer", "collect", "track", "use", "retain", "store"):
        if re.search(rf"\b{verb[:-1] if verb.endswith('e') else verb}", phrase):
            return verb
    return phrase.split()[-1] if phrase else ""


def _score(signals: list[Signal], changes: list[Change], pairs: list[dict]) -> int:
    score, per_kind = 0, {}
    for s in signals:
        # a second signal of one kind adds half: ten new data types are not ten times as grave
        n = per_kind.get(s.kind, 0)
        score += WEIGHTS[s.kind] if n == 0 else WEIGHTS[s.kind] // (2 * n)
        per_kind[s.kind] = n + 1
    if not score and any(c.significance != "cosmetic" for c in changes):
        score = 1
    return score


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _headline(signals: list[Signal], changes: list[Change], pairs: list[dict]) -> str:
    """The gravest signals in words, collection first, then sharing; or what was touched."""
    by_kind: dict[str, list[Signal]] = {}
    for s in signals:
        by_kind.setdefault(s.kind, []).append(s)
    parts = []
    added = [s for s in signals if s.kind in ("sensitive-data-type-added", "data-type-added")]
    if added:
        # sensitive types first, at most three named
        ranked = sorted(added, key=lambda s: (s.kind != "sensitive-data-type-added", lexicon.DATA_TYPES.index(s.value)))
        if ranked[0].kind == "sensitive-data-type-added":  # the sensitive ones say it; the rest are in signals
            ranked = [s for s in ranked if s.kind == "sensitive-data-type-added"]
        names = [_TYPE_WORDS[s.value] for s in ranked[:3]]
        practices = {c for s in ranked[:3] for c in pairs[s.clause]["new"].categories}
        verb = ("collects" if "first-party-collection" in practices
                else "shares" if "third-party-sharing" in practices else "mentions")
        parts.append(f"now {verb} {_join(names)} information")
    if "sale" in by_kind:
        parts.append("may sell personal information")
    for s in by_kind.get("without-consent", [])[:1]:
        verb = s.value if s.value in ("disclose", "share", "transfer", "sell", "use", "process", "collect") else "disclose"
        parts.append(f"may {verb} personal information without consent")
    for s in by_kind.get("negation-removed", [])[:1]:
        parts.append(f"no longer says it does not {s.value or 'share'} personal information")
    if recipients := [s.value for s in by_kind.get("new-recipient", [])]:
        parts.append(f"shares with {_join(sorted(set(recipients))[:3])}")
    if "consent-removed" in by_kind:
        parts.append("drops a consent requirement")
    if purposes := [s.value for s in by_kind.get("new-purpose", [])]:
        parts.append(f"uses data for {_join(sorted(set(purposes))[:2])}")
    if "notice-removed" in by_kind and len(parts) < 3:
        parts.append("drops a promise of notice")
    if removed := sorted({s.value for s in by_kind.get("data-type-removed", [])}):
        if len(parts) < 3:
            parts.append(f"no longer mentions {_join([_TYPE_WORDS[t] for t in removed[:3]])} information")
    if parts:
        return "; ".join(parts[:4])
    if not changes:
        return "no change"
    if all(c.significance == "cosmetic" for c in changes):
        return "cosmetic edits"
    touched = sorted({c for p in pairs for side in p.values() if side for c in side.categories} - {"other"},
                     key=lexicon.CATEGORIES.index)
    if touched:
        return "changes to " + _join([_CATEGORY_WORDS[c] for c in touched[:3]])
    return "wording changes"


_TYPE_WORDS = {
    "financial": "financial", "health": "health", "contact": "contact", "location": "location",
    "demographic": "demographic", "identifier": "identifying", "online-activity": "online activity",
    "user-profile": "profile", "social": "social", "device": "device", "cookies-tracking": "tracking",
    "biometric": "biometric", "children": "children's", "communications": "communications",
}
_CATEGORY_WORDS = {
    "first-party-collection": "collection and use", "third-party-sharing": "sharing",
    "user-choice": "user choices", "user-access": "access and deletion rights",
    "data-retention": "data retention", "data-security": "security", "policy-change": "policy-change terms",
    "do-not-track": "Do Not Track", "specific-audiences": "rules for specific audiences", "other": "other text",
}
