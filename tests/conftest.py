"""Shared fixtures: real HTTP servers on 127.0.0.1 (page files, or a handler written in the
test), the real CLI, its config files and crawls, the daemon as a child process, a real SMTP
server, and reading a SQLite file."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


# --- real HTTP servers on loopback --------------------------------------------------------------

class Server:
    """A real HTTP server on a free port of a loopback address, answering each request with
    `handler` in a thread of its own; `close()` (or leaving a `with` block) shuts it down."""

    def __init__(self, handler, host: str = "127.0.0.1"):
        self.httpd = ThreadingHTTPServer((host, 0), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://{host}:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.fixture
def serve():
    """`serve(handler)` starts a `Server` for the test; every one is shut down after it."""
    started = []

    def start(handler, host="127.0.0.1") -> Server:
        started.append(Server(handler, host))
        return started[-1]

    yield start
    for server in started:
        server.close()


class PageHandler(BaseHTTPRequestHandler):
    """A test server's request handler: no log lines, and `send_body` for a whole answer."""

    content_type = "text/html"

    def send_body(self, status: int, body: bytes, content_type: str | None = None, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type or self.content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


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
        self.server = Server(partial(handler, directory=str(root)))
        self.url = self.server.url

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
        self.server.close()


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


def run_script(script: str, *args: str) -> dict:
    """A Python script in a child process (cwd = repo root; a crawl needs its own process, as
    the reactor cannot be restarted), which must succeed: the JSON its last line prints."""
    proc = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def write_config(path: Path, sources: list[dict], db: Path, *, tables: str = "", **crawl) -> Path:
    """A config.toml with these sources (no politeness delay: the server is ours), `crawl` keys
    in its [crawl] table, and `tables` (TOML text: [notify.email], [serve] ...) at the end."""
    lines = ["[store]", f"path = {json.dumps(str(db))}", "", "[crawl]", "download_delay = 0"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in crawl.items()]
    for s in sources:
        lines += ["", "[[sources]]"] + [f"{k} = {json.dumps(v)}" for k, v in s.items()]
    path.write_text("\n".join(lines) + "\n" + tables, encoding="utf-8")
    return path


def schedule_config(path, sources, db, schedule='every = "2s"\njitter = "0s"\ncatch_up = "1s"', **kwargs):
    """`write_config` with a [schedule] table (every 2 s by default) for the daemon."""
    write_config(path, sources, db, **kwargs)
    text = path.read_text()
    path.write_text(text.replace("[[sources]]", f"[schedule]\n{schedule}\n\n[[sources]]", 1))
    return path


def run_crawl(config, *args, db=None) -> dict[str, str]:
    """`policywatch crawl` (with `args`) in a child process, which must succeed: {source id: the
    rest of its line}, e.g. {"acme-privacy": "new"}; `db`, if given, replaces the config's database."""
    options = ["--config", str(config)] + (["--db", str(db)] if db else [])
    proc = run_cli(*options, "crawl", *args)
    return dict(line.split(None, 1) for line in proc.stdout.splitlines())


@pytest.fixture
def crawl():
    return run_crawl


# --- reading a SQLite file ------------------------------------------------------------------

def rows(db, sql, *params) -> list[dict]:
    """The rows of a query on the SQLite file `db`, as dicts, through a connection of their own."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def tuples(db, sql, *params) -> list[tuple]:
    """The rows of a query on the SQLite file `db`, as tuples."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def count(db, table, where="1=1", *params) -> int:
    return rows(db, f"select count(*) as n from {table} where {where}", *params)[0]["n"]


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
        return rows(self.db, sql, *params)


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


# --- the daemon, `policywatch run`, as a child process (tests/test_daemon*.py) -----------------

class Daemon:
    """A `policywatch run` child process; `events()` are its JSON log lines so far."""

    def __init__(self, config, tmp_path, name="daemon", argv=None):
        self.log = tmp_path / f"{name}.log"
        self.stderr = open(self.log, "w")
        cmd = argv or [sys.executable, "-m", "scheduler", "--config", str(config), "run",
                       "--log-format", "json"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.stderr,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})

    def events(self, event=None) -> list[dict]:
        lines = [json.loads(line) for line in self.log.read_text().splitlines() if line.startswith("{")]
        return [e for e in lines if event is None or e.get("event") == event]

    def wait_for(self, predicate, timeout=20.0, what="condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            assert self.proc.poll() is None, f"daemon exited {self.proc.returncode}:\n{self.log.read_text()}"
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log.read_text()}")

    def fetched(self, source) -> int:
        return len([e for e in self.events("fetch") if e["source"] == source])

    def terminate(self, sig=signal.SIGTERM, timeout=10.0) -> tuple[int, float]:
        started = time.monotonic()
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=timeout)
        self.stderr.close()
        return code, time.monotonic() - started

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()


@pytest.fixture
def daemons():
    """`daemons(config, tmp_path, ...)` starts a `Daemon` (or a `kind` of it); all are killed
    after the test, whatever it left running."""
    started = []

    def start(*args, kind=Daemon, **kwargs):
        started.append(kind(*args, **kwargs))
        return started[-1]

    yield start
    for d in started:
        d.kill()


# --- a real SMTP server on loopback (tests/test_notify_*.py, tests/test_daemon_notify.py) -----

@pytest.fixture
def smtp():
    """A plain SMTP server (aiosmtpd) on 127.0.0.1; `smtp.inbox.messages` are the messages it
    received."""
    from notify_support import smtp_server

    with smtp_server() as server:
        yield server
