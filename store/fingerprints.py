"""Text fingerprints: what lets a crawl skip writing the Markdown of a page whose text cannot
have changed.

`crawler.extract_page` hashes the elements a source's rules select, once noise, `remove` and
links are dealt with, together with the rules and the extractor's version: equal fingerprints
give equal Markdown. The store keeps, per source, the fingerprint of the last page whose text
was the current version's; a new page with that fingerprint is "same text" without being
converted, segmented or compared.

    text_fingerprints   source_id (primary key), version_id, fingerprint

A cache, not history: a row is only trusted while `version_id` is the source's current
version, and dropping the table loses nothing but time.
"""

import json

from .schema import migrations

# A fingerprint row `f` counts only while its version is the source's current one.
CURRENT = "f.version_id = (select max(v.id) from versions v where v.source_id = f.source_id)"


# The name is what databases have recorded as applied: it stays as first released.
@migrations(name="perf2_001_text_fingerprints")
def create_text_fingerprints(db):
    db["text_fingerprints"].create(
        {"source_id": str, "version_id": int, "fingerprint": str},
        pk="source_id",
        foreign_keys=[("source_id", "sources", "id"), ("version_id", "versions", "id")],
    )


class FingerprintsMixin:
    """Fingerprints of current versions (methods of `Store`; `self.db` is sqlite-utils')."""

    def text_fingerprints(self, source_ids: list[str]) -> dict[str, str]:
        """{source id: fingerprint of its current version's text}, for those that have one."""
        return {r["source_id"]: r["fingerprint"] for r in self.rows(
            "with wanted(source_id) as (select value from json_each(?)) "
            "select f.source_id, f.fingerprint from wanted w join text_fingerprints f on f.source_id = w.source_id "
            f"where {CURRENT}",
            [json.dumps(list(source_ids))])}

    def text_fingerprint(self, source_id: str) -> str | None:
        """The fingerprint of the source's current version's text, if known."""
        return self.text_fingerprints([source_id]).get(source_id)

    def set_text_fingerprint(self, source_id: str, version_id: int, fingerprint: str | None) -> None:
        """Say that a page with this fingerprint has the text of `version_id` (inside the fetch's
        transaction)."""
        if fingerprint is None:
            return
        self.db.execute(
            "insert into text_fingerprints (source_id, version_id, fingerprint) values (?, ?, ?) "
            "on conflict (source_id) do update set version_id = excluded.version_id, "
            "fingerprint = excluded.fingerprint", [source_id, version_id, fingerprint])
