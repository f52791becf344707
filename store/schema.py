"""The database schema, as migrations: each one runs once, in order, in a transaction."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("policywatch")


@migrations()
def m001_initial(db):
    db["sources"].create(
        {"id": str, "name": str, "url": str, "type": str, "added_at": str, "config": str},
        pk="id",
    )
    # Every attempt, whatever its outcome: nothing fetched is lost.
    db["fetches"].create(
        {
            "id": int, "source_id": str, "started_at": str, "finished_at": str, "url": str,
            "final_url": str, "status": int, "outcome": str, "error_class": str, "reason": str,
            "snapshot_id": int, "version_id": int,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
    )
    # The exact bytes fetched, zlib-compressed, once per distinct sha256 per source.
    db["snapshots"].create(
        {
            "id": int, "source_id": str, "sha256": str, "fetched_at": str, "url": str,
            "status": int, "content_type": str, "etag": str, "last_modified": str,
            "size": int, "body": bytes,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
    )
    db["snapshots"].create_index(["source_id", "sha256"], unique=True)
    # The policy as normalized Markdown, recorded only when its text changed.
    db["versions"].create(
        {
            "id": int, "source_id": str, "snapshot_id": int, "created_at": str, "markdown": str,
            "sha256": str, "extractor_version": str, "technical": int,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id"), ("snapshot_id", "snapshots", "id")],
        defaults={"technical": 0},
    )
    db["change_sets"].create(
        {
            "id": int, "source_id": str, "from_version": int, "to_version": int,
            "detected_at": str, "summary": str,
        },
        pk="id",
        foreign_keys=[
            ("source_id", "sources", "id"),
            ("from_version", "versions", "id"),
            ("to_version", "versions", "id"),
        ],
    )
    db["changes"].create(
        {
            "id": int, "change_set_id": int, "position": int, "kind": str, "section": str,
            "old_section": str, "old": str, "new": str, "significance": str, "diff": str,
        },
        pk="id",
        foreign_keys=[("change_set_id", "change_sets", "id")],
    )
    db["fetches"].create_index(["source_id", "started_at"])
    db["versions"].create_index(["source_id", "created_at"])
    db["change_sets"].create_index(["detected_at"])
    db["changes"].create_index(["change_set_id"])


@migrations()
def m002_reverts_and_technical_changes(db):
    # A revert to a recent text (A→B→A) and a re-extraction are recorded, never announced.
    db["versions"].add_column("flapping", int, not_null_default=0)
    db["change_sets"].add_column("flapping", int, not_null_default=0)
    db["change_sets"].add_column("technical", int, not_null_default=0)


@migrations()
def m003_clause_positions(db):
    # Where the clause stands in each version: lets a reader jump to it in the full text.
    db["changes"].add_column("old_position", int)
    db["changes"].add_column("new_position", int)
