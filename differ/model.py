"""The differ's record types: what a clause is, and what a change set says about two texts."""

from dataclasses import dataclass, field

KINDS = ("added", "removed", "modified", "moved")
SIGNIFICANCES = ("cosmetic", "minor", "substantive")


@dataclass(frozen=True)
class Clause:
    """One unit of a policy: a heading, a paragraph (or a sentence of a long one), a list item
    or a table row, with the headings above it."""

    text: str  # the exact text of the clause, Markdown markers (#, -) stripped; numbers kept
    section: tuple[str, ...]  # headings above it, outermost first (see segment.section_title)
    position: int  # index in the document's clause sequence
    kind: str = "paragraph"  # heading | paragraph | item | row (a sentence keeps its block's kind)
    level: int = 0  # heading level (1 for #), 0 for other clauses
    follows: bool = False  # a later sentence of a long paragraph or item: same block as the last

    def form(self) -> tuple[str, int, bool]:
        """How the clause is laid out, its words aside: a change of form alone is cosmetic."""
        return (self.kind, self.level, self.follows)


@dataclass
class Change:
    """One clause added, removed, modified or moved between two versions."""

    kind: str  # one of KINDS
    section: list[str]  # section path on the new side (old side for `removed`)
    old: str | None  # old clause text (None for `added`)
    new: str | None  # new clause text (None for `removed`)
    significance: str = "substantive"  # one of SIGNIFICANCES
    # word diff, a list of (op, text), op -1 removed, 0 kept, 1 added: for `modified` and
    # `moved`; an `added` / `removed` clause is one (1, text) / (-1, text)
    diff: list[tuple[int, str]] = field(default_factory=list)
    old_section: list[str] | None = None  # section path on the old side (`moved`, `modified`)
    # index of the clause in segment(old) / segment(new); None on the side it does not exist
    old_position: int | None = None
    new_position: int | None = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "section": list(self.section),
            "old": self.old,
            "new": self.new,
            "significance": self.significance,
            "diff": [list(op) for op in self.diff],
            "old_section": list(self.old_section) if self.old_section is not None else None,
            "old_position": self.old_position,
            "new_position": self.new_position,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Change":
        return cls(
            kind=d["kind"],
            section=list(d["section"]),
            old=d.get("old"),
            new=d.get("new"),
            significance=d.get("significance", "substantive"),
            diff=[(int(op), text) for op, text in d.get("diff") or []],
            old_section=d.get("old_section"),
            old_position=d.get("old_position"),
            new_position=d.get("new_position"),
        )

    def to_json_dict(self) -> dict:
        """The public JSON form (`policywatch compare --json`): diff as [op, text] pairs."""
        return {key: value for key, value in self.to_dict().items() if key in _JSON_KEYS}


_JSON_KEYS = ("kind", "section", "old", "new", "diff", "significance")


@dataclass
class ChangeSet:
    """The clause-level difference between two versions of one document."""

    changes: list[Change] = field(default_factory=list)
    # (old position, new position) of every clause left unchanged: with `changes`, it accounts
    # for every clause on both sides. Not serialized: the store keeps changes only.
    unchanged: list[tuple[int, int]] = field(default_factory=list, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        counts = {kind: 0 for kind in KINDS}
        for change in self.changes:
            counts[change.kind] += 1
        return counts

    def summary(self) -> str:
        """`2 modified, 1 added, 0 removed` (and `, 1 moved` when there are moves)."""
        c = self.counts()
        text = f"{c['modified']} modified, {c['added']} added, {c['removed']} removed"
        if c["moved"]:
            text += f", {c['moved']} moved"
        return text

    def significance_counts(self) -> dict[str, int]:
        counts = {significance: 0 for significance in SIGNIFICANCES}
        for change in self.changes:
            counts[change.significance] += 1
        return counts

    def headline(self) -> str:
        """`3 substantive, 1 minor — Sharing, Retention`: counts by significance, most
        significant first, then the innermost sections of the changes that are not cosmetic
        (of all changes when every one is cosmetic)."""
        if not self.changes:
            return "no changes"
        counts = self.significance_counts()
        order = list(reversed(SIGNIFICANCES))
        text = ", ".join(f"{counts[s]} {s}" for s in order if counts[s])
        shown = [c for c in self.changes if c.significance != "cosmetic"] or self.changes
        sections: list[str] = []
        for change in shown:
            if change.section and change.section[-1] not in sections:
                sections.append(change.section[-1])
        if len(sections) > HEADLINE_SECTIONS:
            sections = sections[:HEADLINE_SECTIONS] + ["…"]
        return f"{text} — {', '.join(sections)}" if sections else text

    def to_json_dict(self) -> dict:
        """`{"changed", "summary", "changes"}`: what `policywatch compare --json` prints."""
        return {
            "changed": bool(self),
            "summary": self.summary(),
            "changes": [change.to_json_dict() for change in self.changes],
        }


HEADLINE_SECTIONS = 4  # a headline names at most this many sections
