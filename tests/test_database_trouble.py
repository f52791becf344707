"""A database that cannot be written: a clear error, a non-zero exit, nothing half-written."""

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import write_config


@pytest.fixture
def crawled(site, tmp_path, cli):
    db = tmp_path / "pw.db"
    config = write_config(tmp_path / "config.toml", [
        {"id": "acme", "url": site.copy("privacy.html"), "select": "#policy"}], db, )
    config.write_text(config.read_text().replace("[store]\n", "[store]\nbusy_timeout = 1\n"))
    cli("--config", str(config), "crawl")
    site.edit("privacy.html", "We do not sell", "We never sell")
    return config, db


def fetch_count(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select count(*) from fetches").fetchone()[0]
    finally:
        conn.close()


def _make_read_only(path) -> bool:
    """Read-only for this process: permission bits, or the immutable flag where we are root."""
    os.chmod(path, 0o444)
    if os.geteuid() != 0:
        return True
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


def test_a_read_only_database_is_a_clear_error_and_nothing_is_written(crawled, cli):
    config, db = crawled
    before = fetch_count(db)
    if not _make_read_only(db):
        pytest.skip("cannot make a file read-only here (root without chattr)")
    try:
        proc = cli("--config", str(config), "crawl", check=False)
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)
        os.chmod(db, 0o644)
    assert proc.returncode == 1
    assert "Error: " in proc.stderr and str(db) in proc.stderr
    assert "readonly" in proc.stderr or "read-only" in proc.stderr or "unable to open" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert fetch_count(db) == before


def test_a_lock_held_past_the_timeout_is_a_clear_error_and_nothing_is_written(crawled, cli):
    config, db = crawled
    before = fetch_count(db)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"conn = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "conn.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(30)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        proc = cli("--config", str(config), "crawl", check=False)
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 1
    assert f"database error in {db}: database is locked" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert elapsed < 20
    assert fetch_count(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
