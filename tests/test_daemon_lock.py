"""`policywatch status` probes the daemon's lock with a shared flock for an instant; a daemon
starting in that instant must still start (it tries again for lock.RETRY), while a real holder
still refuses a second daemon."""

import json
import subprocess
import sys
import time

import pytest

from conftest import ROOT, schedule_config
from scheduler import lock

PROBE = """
import sys
sys.path.insert(0, {root!r})
from scheduler import lock
print("probing", flush=True)
while True:
    lock.holder({db!r})
"""


@pytest.fixture
def probing(tmp_path):
    """Another process calling `lock.holder()` (what `status` does) as fast as it can."""
    db = tmp_path / "pw.db"
    lock.lock_path(db).touch()
    proc = subprocess.Popen([sys.executable, "-c", PROBE.format(root=str(ROOT), db=str(db))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "probing\n"
    yield db
    proc.kill()
    proc.wait()


def test_taking_the_lock_never_fails_because_status_is_probing_it(probing):
    # For 1.5 s, as often as possible: without the retry, a few hundred of some ten thousand
    # attempts failed with "held by another process".
    attempts, end = 0, time.monotonic() + 1.5
    while time.monotonic() < end:
        lock.DaemonLock(probing).acquire().release()
        attempts += 1
    assert attempts > 100
    with lock.DaemonLock(probing):
        assert json.loads(lock.lock_path(probing).read_text())["pid"] > 0


def test_a_real_holder_is_still_refused_after_the_retry(tmp_path):
    db = tmp_path / "pw.db"
    with lock.DaemonLock(db):
        started = time.monotonic()
        with pytest.raises(lock.DatabaseLocked, match=r"another policywatch daemon \(pid \d+, since "):
            lock.DaemonLock(db).acquire()
        assert lock.RETRY <= time.monotonic() - started < lock.RETRY + 1
        assert lock.holder(db)["pid"] > 0
    assert lock.holder(db) is None


def test_the_daemon_starts_while_status_probes_its_lock(probing, site, tmp_path, daemons):
    config = schedule_config(tmp_path / "config.toml", [{"id": "acme-terms", "url": site.copy("terms.html")}],
                             probing)
    for i in range(2):
        d = daemons(config, tmp_path, name=f"daemon-{i}")
        d.wait_for(lambda: d.events("start"), what="the start")
        assert lock.holder(probing)["pid"] == d.proc.pid
        assert d.terminate()[0] == 0
