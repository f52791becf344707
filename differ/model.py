"""The differ's record types: what a clause is, and what a change set says about two texts."""

from dataclasses import dataclass, field

KINDS = ("added", "removed", "modified", "moved")
SIGNIFICANCES = ("cosmetic", "minor", "substantive")


@dataclass(frozen=True)
class Clause:
    """One unit of a policy: a heading, a paragraph (or a sentence of a long one), a list item
    or a table row, with the headings above it."""

    text: str  # the exact text of the clause, Markdown markers (#, -, 1.) stripped
    section: tuple[str, ...]  # headings above it, outermost first
    position: int  # index in the document's clause sequence
    kind: str = "paragraph"  # heading | paragraph | item | row


@dataclass
class Change:
    """One clause added, removed, modified or moved between two versions."""

    kind: str  # one of KINDS
    section: list[str]  # section path on the new side (old side for `removed`)
    old: str | None  # old clause text (None for `added`)
    new: str | None  # new clause text (None for `removed`)
    significance: str = "substantive"  # one of SIGNIFICANCES
    # word diff for `modified`: a list of (op, text), op -1 removed, 0 kept, 1 added
    diff: list[tuple[int, str]] = field(default_factory=list)
    old_section: list[str] | None = None  # section path on the old side (`moved`, `modified`)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "section": list(self.section),
            "old": self.old,
            "new": self.new,
            "significance": self.significance,
            "diff": [list(op) for op in self.diff],
            "old_section": list(self.old_section) if self.old_section is not None else None,
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
        )


@dataclass
class ChangeSet:
    """The clause-level difference between two versions of one document."""

    changes: list[Change] = field(default_factory=list)

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
