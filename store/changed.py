"""The clauses of the version in force, read back for the diff of a changed page.

A changed page is diffed clause by clause against the current version. Segmenting that
version's text again cost as much as segmenting the new one (~0.5 ms for a 170-clause policy),
though the clause index (`clauses`, store/query.py) holds its clauses already. With their layout
(`level`, `follows`) and the segmenter version that cut them (`versions.segmenter`), the rows are
exactly what `differ.segment` gives, and one query reads them back.
"""

import json

import differ
from differ import SEGMENTER, Clause

from .schema import migrations


@migrations(name="changed_001_clause_forms")
def changed_001_clause_forms(db):
    # Clause.level and Clause.follows: with position, kind, section and text, a clause exactly
    # as `differ.segment` gives it.
    db["clauses"].add_column("level", int)
    db["clauses"].add_column("follows", int)
    # The differ.SEGMENTER that cut the version's clauses. NULL for versions indexed before this
    # migration (their clauses lack level and follows) or where the segmenter's source could not
    # be read: those are segmented again when needed.
    db["versions"].add_column("segmenter", str)


class ChangedMixin:
    """Clauses of stored versions for the differ (mixed into `Store`; uses `self.db`)."""

    def version_clauses(self, version: dict) -> list[Clause]:
        """`differ.segment(version["markdown"])`, read from the clause index when today's
        segmenter cut the version's clauses (`version`: a `versions` row)."""
        if SEGMENTER is None or version.get("segmenter") != SEGMENTER:
            # Indexed before the columns existed, or by another segmenter (until `reindex`); or
            # this install cannot tell which code cut them (no source to digest: differ.SEGMENTER).
            return differ.segment(version["markdown"])
        sections: dict[str, tuple[str, ...]] = {}  # a section's JSON parsed once, not per clause
        clauses = []
        for position, kind, section, text, level, follows in self.db.conn.execute(
            "select position, kind, section, text, level, follows from clauses "
            "where version_id = ? order by position", [version["id"]]
        ):
            if level is None or follows is None:
                # A row without its layout, though the version is stamped: rewritten by an older
                # policywatch (after a rollback), which knows only the first six columns.
                return differ.segment(version["markdown"])
            path = sections.get(section)
            if path is None:
                path = sections[section] = tuple(json.loads(section))
            clauses.append(Clause(text, path, position, kind, level, bool(follows)))
        if not clauses or clauses[-1].position != len(clauses) - 1:
            # No rows, or a gap in the positions (rows deleted by hand): not the version's
            # clauses. (Unique positions from 0 have no gap when the last is their count less one.)
            return differ.segment(version["markdown"])
        return clauses
