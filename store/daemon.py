"""What the daemon keeps in the database: when each source runs next, and a source's state
for `policywatch status`."""

from .schema import migrations


@migrations(name="daemon_001_next_runs")
def daemon_001_next_runs(db):
    # Written by the running daemon so that `policywatch status`, another process, can say
    # when each source is crawled next.
    db["daemon_next_runs"].create({"source_id": str, "next_run_at": str}, pk="source_id")


class DaemonMixin:
    """Store methods for the daemon and `policywatch status` (uses `self.db`)."""

    def set_next_runs(self, next_runs: dict[str, str | None]) -> None:
        """Replace the schedule that `status` shows: source id -> next run (UTC ISO) or None."""
        with self.db.atomic():
            self.db.execute("delete from daemon_next_runs")
            self.db["daemon_next_runs"].insert_all(
                {"source_id": sid, "next_run_at": at} for sid, at in next_runs.items()
            )

    def next_runs(self) -> dict[str, str | None]:
        return {r["source_id"]: r["next_run_at"] for r in self.db["daemon_next_runs"].rows}

    def last_fetched_at(self, source_id: str) -> str | None:
        """When the source was last fetched (started), whatever the outcome."""
        row = next(self.rows(
            "select max(started_at) as at from fetches where source_id = ?", [source_id]
        ))
        return row["at"]

    def source_state(self, source_id: str) -> dict:
        """The last fetch (time, outcome, reason), the last change and the failure streak."""
        fetch = next(self.rows(
            "select finished_at, outcome, error_class, reason from fetches where source_id = ? "
            "order by id desc limit 1", [source_id]
        ), None) or {}
        change = next(self.rows(
            "select max(detected_at) as at from change_sets where source_id = ?", [source_id]
        ))
        return {
            "last_fetch": fetch.get("finished_at"), "outcome": fetch.get("outcome"),
            "error_class": fetch.get("error_class"), "reason": fetch.get("reason"),
            "last_change": change["at"], "consecutive_failures": self.failure_streak(source_id),
        }
