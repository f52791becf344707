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
