"""The notifier's tables: failure notices and an outbox of digests per channel.

A digest is claimed (its items written to the outbox, status `pending`) before it is sent, and
marked `sent` after: a crash in between leaves it pending, so it is sent again with the same
items, hence the same Message-ID (at least once, never lost). Each item (a change set or a
failure notice) belongs to at most one digest per channel: a unique index says so.
"""

import json
from typing import TYPE_CHECKING

from .errors import NotFound
from .schema import migrations

if TYPE_CHECKING:
    from .store import RecordedChangeSet


def now() -> str:
    from .store import now  # store.py imports this module: import late

    return now()


@migrations(name="notify_001_outbox")
def notify_001_outbox(db):
    # "Source X is failing" / "source X recovered", recorded once per streak.
    db["failure_notices"].create(
        {"id": int, "source_id": str, "kind": str, "at": str, "reason": str, "error_class": str,
         "streak": int},
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["failure_notices"].create_index(["source_id", "id"])
    db["digests"].create(
        {"id": int, "channel": str, "message_id": str, "created_at": str, "status": str,
         "sent_at": str, "attempts": int, "last_error": str},
        pk="id",
        defaults={"status": "pending", "attempts": 0},
    )
    db["digests"].create_index(["channel", "status"])
    db["outbox_items"].create(
        {"digest_id": int, "channel": str, "item_kind": str, "item_id": int},
        foreign_keys=[("digest_id", "digests", "id")],
    )
    db["outbox_items"].create_index(["channel", "item_kind", "item_id"], unique=True)


@migrations(name="notify_002_change_sets_by_source")
def notify_002_change_sets_by_source(db):
    # A source's feed (and its entries' ids) reads that source's change sets: by the detected_at
    # index alone, SQLite walked back through every source's change sets for each feed, so
    # writing the feeds grew with the square of the sources.
    db["change_sets"].create_index(["source_id", "detected_at"])


# The change sets that are announced, in e-mail and in the feeds: re-extractions (technical)
# and reverts to a recent text (flapping) are recorded, never announced.
_ANNOUNCED = "cs.technical = 0 and cs.flapping = 0"


class OutboxMixin:
    """Failure notices and per-channel digests (methods of `Store`)."""

    # --- reading change sets by id -----------------------------------------------------

    def change_set(self, change_set_id: int) -> "RecordedChangeSet":
        row = next(self.rows("select * from change_sets where id = ?", [change_set_id]), None)
        if row is None:
            raise NotFound(f"no change set {change_set_id} in {self.path}")
        return self._change_set(row)

    def latest_failed_fetch(self, source_id: str) -> dict | None:
        return next(self.rows(
            "select * from fetches where source_id = ? and outcome = 'failed' order by id desc limit 1",
            [source_id],
        ), None)

    def announced_change_sets(self, source_ids: list[str], limit: int | None = None) -> list["RecordedChangeSet"]:
        """The announced change sets of these sources, newest first (as `change_sets`), at most
        `limit` of them: what a feed shows."""
        return [self._change_set(row) for row in self._announced("cs.*", source_ids, limit)]

    def announced_change_set_ids(self, source_ids: list[str], limit: int | None = None) -> list[tuple[int, str, bool]]:
        """(id, source id, whether its meaning is worked out when read) of each of
        `announced_change_sets(source_ids, limit)`, without reading their changes: enough to
        tell whether a feed written before is still current."""
        rows = self._announced(
            "cs.id, cs.source_id, cs.headline is null or exists (select 1 from changes c "
            "where c.change_set_id = cs.id and c.tags is null) as computed", source_ids, limit)
        return [(row["id"], row["source_id"], bool(row["computed"])) for row in rows]

    def _announced(self, columns: str, source_ids: list[str], limit: int | None):
        # For many sources (the feed of all), the newest change sets by date, filtered: `+`
        # keeps SQLite off the (source_id, detected_at) index, by which it read and sorted
        # every change set of every source (1.9 against 0.28 ms for 1,000 sources of 50).
        source = "cs.source_id" if len(source_ids) == 1 else "+cs.source_id"
        return self.rows(
            f"select {columns} from change_sets cs where {source} in (select value from json_each(?)) "
            f"and {_ANNOUNCED} order by cs.detected_at desc, cs.id desc limit ?",
            [json.dumps(list(source_ids)), -1 if limit is None else limit],
        )

    def change_set_versions(self, source_id: str) -> list[tuple[int, int, int]]:
        """(id, from_version, to_version) of every change set of a source, oldest first: what a
        feed entry's permanent id is made of, without reading the changes."""
        return [(row["id"], row["from_version"], row["to_version"]) for row in self.rows(
            "select id, from_version, to_version from change_sets where source_id = ? order by id",
            [source_id],
        )]

    # --- failure notices ---------------------------------------------------------------

    def last_failure_notice(self, source_id: str) -> dict | None:
        return next(self.rows(
            "select * from failure_notices where source_id = ? order by id desc limit 1", [source_id]
        ), None)

    def add_failure_notice(self, source_id: str, kind: str, streak: int, reason: str | None = None,
                           error_class: str | None = None) -> int:
        return self.db["failure_notices"].insert({
            "source_id": source_id, "kind": kind, "at": now(), "reason": reason,
            "error_class": error_class, "streak": streak,
        }).last_pk

    def failure_notice(self, notice_id: int) -> dict:
        row = next(self.rows("select * from failure_notices where id = ?", [notice_id]), None)
        if row is None:
            raise NotFound(f"no failure notice {notice_id} in {self.path}")
        return row

    # --- the outbox --------------------------------------------------------------------

    def undelivered(self, channel: str, since: str | None = None) -> dict[str, list[int]]:
        """Ids of the change sets and failure notices in no digest of this channel yet."""
        where, params = "", [channel]
        if since:
            where, params = "and cs.detected_at >= ?", [channel, since]
        change_sets = [r["id"] for r in self.rows(
            "select cs.id from change_sets cs join versions v on v.id = cs.to_version "
            f"where v.technical = 0 and {_ANNOUNCED} "
            "and cs.id not in (select item_id from outbox_items "
            f"where channel = ? and item_kind = 'change_set') {where} order by cs.id", params,
        )]
        where = "and at >= ?" if since else ""
        notices = [r["id"] for r in self.rows(
            "select id from failure_notices where id not in (select item_id from outbox_items "
            f"where channel = ? and item_kind = 'notice') {where} order by id", params,
        )]
        return {"change_set": change_sets, "notice": notices}

    def claim_digest(self, channel: str, message_id: str, items: dict[str, list[int]]) -> int:
        """Put these items in a new pending digest of the channel (call inside `atomic()`)."""
        digest_id = self.db["digests"].insert({
            "channel": channel, "message_id": message_id, "created_at": now(), "status": "pending",
            "attempts": 0,
        }).last_pk
        self.db["outbox_items"].insert_all(
            {"digest_id": digest_id, "channel": channel, "item_kind": kind, "item_id": item_id}
            for kind, ids in items.items() for item_id in ids
        )
        return digest_id

    def digests(self, channel: str | None = None, status: str | None = None) -> list[dict]:
        """Digests, oldest first, each with its `items` ({kind: [ids]})."""
        where, params = ["1 = 1"], []
        if channel:
            where.append("channel = ?")
            params.append(channel)
        if status:
            where.append("status = ?")
            params.append(status)
        rows = list(self.rows(f"select * from digests where {' and '.join(where)} order by id", params))
        for row in rows:
            items: dict[str, list[int]] = {"change_set": [], "notice": []}
            for item in self.rows(
                "select item_kind, item_id from outbox_items where digest_id = ? order by item_id",
                [row["id"]],
            ):
                items.setdefault(item["item_kind"], []).append(item["item_id"])
            row["items"] = items
        return rows

    def record_attempt(self, digest_id: int, error: str | None) -> None:
        with self.db.atomic():
            self.db.execute(
                "update digests set attempts = attempts + 1, last_error = ? where id = ?",
                [error, digest_id],
            )

    def mark_sent(self, digest_id: int) -> None:
        with self.db.atomic():
            self.db.execute(
                "update digests set status = 'sent', sent_at = ?, last_error = null where id = ?",
                [now(), digest_id],
            )

