"""Shared fixtures: a real HTTP server on 127.0.0.1 serving page files, and the real CLI."""

import json
import os
import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


class _Handler(SimpleHTTPRequestHandler):
    """Serves files from the site folder; `statuses` maps a path to an error status."""

    statuses: dict = {}

    def do_GET(self):
        status = self.statuses.get(self.path)
        if status:
            self.send_error(status)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


class Site:
    """A folder of pages served over real HTTP; tests edit the files between crawls."""

    def __init__(self, root: Path):
        self.root = root
        self.statuses: dict[str, int] = {}
        handler = type("Handler", (_Handler,), {"statuses": self.statuses})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def put(self, name: str, text: str) -> str:
        (self.root / name).write_text(text, encoding="utf-8")
        return f"{self.url}/{name}"

    def copy(self, page: str, name: str | None = None) -> str:
        """Serve tests/data/pages/<page> as <name>."""
        name = name or page
        shutil.copy(DATA / "pages" / page, self.root / name)
        return f"{self.url}/{name}"

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        before = path.stat().st_mtime
        path.write_text(text.replace(old, new), encoding="utf-8")
        # Last-Modified has one-second resolution: move it a minute past the previous edition,
        # or the server would answer If-Modified-Since with 304 for an edit made within the
        # same second.
        later = max(before, path.stat().st_mtime) + 60
        os.utime(path, (later, later))

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    s = Site(root)
    yield s
    s.close()


def run_cli(*args, cwd=None, check=True) -> subprocess.CompletedProcess:
    """Run the real `policywatch` command in a child process (Twisted's reactor cannot be
    restarted, so each crawl needs its own process, as it has in real use)."""
    proc = subprocess.run(
        [sys.executable, "-m", "scheduler", *args], cwd=cwd or ROOT, capture_output=True,
        text=True, timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"policywatch {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def cli():
    return run_cli


def write_config(path: Path, sources: list[dict], db: Path, **crawl) -> Path:
    """A config.toml with these sources (no politeness delay: the server is ours)."""
    lines = ["[store]", f"path = {json.dumps(str(db))}", "", "[crawl]", "download_delay = 0"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in crawl.items()]
    for s in sources:
        lines += ["", "[[sources]]"] + [f"{k} = {json.dumps(v)}" for k, v in s.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- a database built by real crawls over several editions (tests/test_query_*.py) ----------

GLOBEX = """<!DOCTYPE html><html><head><title>Globex</title></head><body><main>
<h1>Globex Privacy Notice</h1>
<h2>Biometric data</h2>
<p>Biometric data: Globex keeps biometric data on your device only.</p>
<h2>Cookies</h2>
<p>We use cookies to keep you signed in.</p>
<h2>Your choices</h2>
<p>You can turn off optional cookies at any time in the settings of your Globex account, and you
can ask us for a copy of the personal information we hold about you by writing to our privacy team.</p>
</main></body></html>
"""
INITECH = """<!DOCTYPE html><html><head><title>Initech</title></head><body>
<div id="policy"><h1>Initech Privacy</h1><p>We keep TPS reports for seven years.</p></div>
<p>Banner 1</p>
</body></html>
"""


class PolicyHistory:
    """What `policy_history` built: the database, its config, and the editions' crawls."""

    def __init__(self, site, db, config):
        self.site, self.db, self.config = site, db, config

    def cli(self, *args, check=True):
        return run_cli("--config", str(self.config), *args, check=check)

    def read(self, *args, check=True):
        """A read-only command run in this process (about 1 s faster than a child process,
        which matters over dozens of calls; only crawls need a process of their own)."""
        return read_cli("--config", str(self.config), *args, check=check)

    def rows(self, sql, *params):
        import sqlite3

        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute(sql, params)]
        finally:
            conn.close()


def read_cli(*args, check=True):
    """Run a command that never starts the reactor (show, search, ...) in this process:
    the result has stdout, stderr and returncode, like `run_cli`'s."""
    from click.testing import CliRunner

    from scheduler.cli import cli

    result = CliRunner().invoke(cli, list(args), prog_name="policywatch", catch_exceptions=False)
    result.returncode = result.exit_code
    if check and result.exit_code != 0:
        raise AssertionError(f"policywatch {' '.join(args)} exited {result.exit_code}:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def policy_history(tmp_path_factory):
    """Four real crawls of a local server, once per test session (each crawl is a process):

    1. acme-privacy, acme-terms, globex-privacy and initech-privacy: new
    2. acme-privacy adds a clause on biometric data
    3. acme-privacy drops "phone number" and changes a clause; acme-terms changes; initech's
       page loses its #policy element (a failure, with the page kept as a snapshot)
    4. initech's page changes again, still without #policy (a second failure in a row)
    """
    tmp = tmp_path_factory.mktemp("history")
    root = tmp / "site"
    root.mkdir()
    site = Site(root)
    sources = [
        {"id": "acme-privacy", "name": "Acme Privacy Policy", "url": site.copy("privacy.html", "acme-privacy.html"), "select": "#policy"},
        {"id": "acme-terms", "name": "Acme Terms", "url": site.copy("terms.html", "acme-terms.html")},
        {"id": "globex-privacy", "name": "Globex Privacy Notice", "url": site.put("globex.html", GLOBEX)},
        {"id": "initech-privacy", "name": "Initech Privacy", "url": site.put("initech.html", INITECH), "select": "#policy"},
    ]
    # Named policywatch.db: Datasette names a database after its file, and the shipped
    # metadata describes the database `policywatch`.
    history = PolicyHistory(site, tmp / "policywatch.db", write_config(tmp / "config.toml", sources, tmp / "policywatch.db"))
    history.cli("crawl")
    site.edit("acme-privacy.html", "<h2>How we share information</h2>",
              "<p>We collect biometric data, such as a scan of your face, when you turn on Face Unlock.</p>\n"
              "<h2>How we share information</h2>")
    history.cli("crawl")
    site.edit("acme-privacy.html", "your name, e-mail address and phone number", "your name and e-mail address")
    site.edit("acme-privacy.html", "We do not sell your personal information.",
              "We do not sell your personal information, except to our advertising partners.")
    site.edit("acme-terms.html", "at least 16 years old", "at least 18 years old")
    site.edit("initech.html", 'id="policy"', 'id="content"')
    history.cli("crawl")
    site.edit("initech.html", "Banner 1", "Banner 2")
    history.cli("crawl")
    yield history
    site.close()
