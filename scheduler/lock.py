"""One daemon per database: an exclusive `flock` on `<database>.lock`, which holds the pid and
start time of its holder. The kernel drops the lock when the process dies, so a crash leaves
no stale lock behind (the file stays, with the last holder's details, and is reused)."""

import fcntl
import json
import os
import time
from pathlib import Path

from store import now


class DaemonError(Exception):
    """The daemon cannot run."""


class DatabaseLocked(DaemonError):
    """Another daemon holds the database."""


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


# `holder()` (policywatch status) takes a shared lock for a few microseconds: a daemon starting
# in that instant would find the lock taken. It tries again for this long before giving up; a
# real holder keeps the lock for its lifetime, so it is still refused, one second later.
RETRY = 1.0  # seconds


class DaemonLock:
    """Held for the daemon's lifetime: `with DaemonLock(db_path): ...`."""

    def __init__(self, db_path: str | Path, retry: float = RETRY):
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.retry = retry
        self.file = None

    def acquire(self) -> "DaemonLock":
        # "a+": opening must not erase the holder's details before we know we are the holder.
        file = open(self.path, "a+", encoding="utf-8")
        deadline = time.monotonic() + self.retry
        while True:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.01)
                    continue
            file.seek(0)
            info = _parse(file.read())
            file.close()
            who = f"pid {info['pid']}, since {info['since']}" if info else "another process"
            raise DatabaseLocked(f"another policywatch daemon ({who}) holds {str(self.path)[:-5]}; "
                                 "stop it first, or use another --db") from None
        file.seek(0)
        file.truncate()
        file.write(json.dumps({"pid": os.getpid(), "since": now()}) + "\n")
        file.flush()
        self.file = file
        return self

    def release(self) -> None:
        if self.file:
            self.file.truncate(0)
            self.file.close()  # closing drops the flock
            self.file = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def holder(db_path: str | Path) -> dict | None:
    """{pid, since} of the daemon holding the database, or None when none does."""
    path = lock_path(db_path)
    try:
        file = open(path, encoding="utf-8")
    except FileNotFoundError:
        return None
    with file:
        try:
            # A shared lock succeeds only when no daemon holds the exclusive one; it is
            # dropped at once (a daemon starting in this instant tries again: RETRY).
            fcntl.flock(file, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _parse(file.read()) or {"pid": None, "since": None}
        fcntl.flock(file, fcntl.LOCK_UN)
        return None


def _parse(text: str) -> dict | None:
    try:
        info = json.loads(text)
    except ValueError:
        return None
    return info if isinstance(info, dict) and "pid" in info else None
