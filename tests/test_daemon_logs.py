"""The daemon's logs on stderr: `--log-format json` lines are JSON objects with the documented
fields, `--log-level warning` hides the per-fetch lines, and the SMTP password (read from the
variable named by `password_env`) appears nowhere: not in logs, output or the database file."""

import base64
import json
import os
import subprocess
import sys
from functools import partial

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from conftest import ROOT, Daemon, rows, schedule_config
from notify_support import smtp_server
from test_daemon_notify import EDIT

SECRET = "pw-Daemon-s3cret-7f41c2"
COMMON = {"time", "level", "logger", "message"}
FIELDS = {  # README, "Running as a service": the fields of each event
    "start": {"sources"},
    "fetch": {"source", "outcome", "detail", "error_class"},
    "run": {"run", "sources", "new", "changed", "unchanged", "failed", "seconds"},
    "digest": {"channel"},
    "stop": {"runs"},
    "signal": {"signal"},
}


class Captured(Daemon):
    """A daemon whose stdout is kept too, started with extra environment variables and options."""

    def __init__(self, config, tmp_path, *options, env=None):
        self.log = tmp_path / "daemon.log"
        self.out = tmp_path / "daemon.out"
        self.stderr = open(self.log, "w")
        self.stdout = open(self.out, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "scheduler", "--config", str(config), "run", *options],
            cwd=ROOT, stdout=self.stdout, stderr=self.stderr,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})

    def kill(self):
        super().kill()
        self.stdout.close()

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines()


@pytest.fixture
def captured(daemons):
    return partial(daemons, kind=Captured)


@pytest.fixture
def smtp_login():
    """An SMTP server that wants a login; it refuses every login until `accept` is set."""
    state = {"accept": False, "logins": []}

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (state["accept"] and isinstance(auth_data, LoginPassword)
              and (auth_data.login, auth_data.password) == (b"policywatch", SECRET.encode()))
        state["logins"].append(ok)
        return AuthResult(success=ok)

    with smtp_server(authenticator=authenticator, auth_required=True, auth_require_tls=False) as server:
        server.state = state
        yield server


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
def test_json_logs_have_the_documented_fields_and_the_smtp_password_is_nowhere(
        site, tmp_path, captured, smtp_login):
    db = tmp_path / "pw.db"
    sources = [{"id": "acme-privacy", "url": site.copy("privacy.html"), "select": "#policy"},
               {"id": "gone", "url": f"{site.url}/gone.html"}]
    config = schedule_config(tmp_path / "config.toml", sources, db)
    with config.open("a") as f:
        f.write(f"""
[notify.email]
enabled = true
smtp_host = "127.0.0.1"
smtp_port = {smtp_login.port}
security = "none"
username = "policywatch"
password_env = "PW_DAEMON_TEST_PASSWORD"
to = ["privacy-team@example.org"]
timeout = 5
""")
    d = captured(config, tmp_path, "--log-format", "json", env={"PW_DAEMON_TEST_PASSWORD": SECRET})
    d.wait_for(lambda: d.fetched("acme-privacy") >= 1, what="the first pass")
    site.edit("privacy.html", *EDIT)
    # The server refuses the login first: the failure is logged (with its traceback) ...
    d.wait_for(lambda: [e for e in d.events("digest") if e.get("error")], what="a failed delivery")
    smtp_login.state["accept"] = True
    # ... then the digest, still pending, goes out after the next crawl.
    d.wait_for(lambda: smtp_login.inbox.messages, what="the digest")
    assert d.terminate()[0] == 0
    d.stdout.close()

    events = [json.loads(line) for line in d.lines()]  # every line is one JSON object
    assert events
    for e in events:
        assert COMMON <= e.keys(), e
        assert e["level"] in ("debug", "info", "warning", "error")
        assert e["logger"].startswith("policywatch"), e  # no Scrapy or APScheduler chatter
        assert e.keys() >= FIELDS.get(e.get("event"), set()), e
    kinds = {e.get("event") for e in events}
    assert {"start", "fetch", "run", "digest", "signal", "stop"} <= kinds
    gone = [e for e in events if e.get("event") == "fetch" and e["source"] == "gone"]
    assert gone and {(e["level"], e["outcome"], e["error_class"]) for e in gone} == {("warning", "failed", "broken")}
    failed_delivery = next(e for e in events if e.get("event") == "digest" and e.get("error"))
    assert failed_delivery["level"] == "error" and f"SMTP 127.0.0.1:{smtp_login.port}: " in failed_delivery["exception"]
    assert smtp_login.state["logins"][:1] == [False] and smtp_login.state["logins"][-1] is True

    # The password: not in the logs, the output, or any file the daemon wrote (database, WAL, lock).
    forms = [SECRET.encode(), base64.b64encode(f"\0policywatch\0{SECRET}".encode()),
             base64.b64encode(SECRET.encode())]
    written = [p for p in tmp_path.iterdir() if p.name.startswith("pw.db")] + [d.log, d.out]
    assert {p.name for p in written} >= {"pw.db", "pw.db.lock", "daemon.log", "daemon.out"}
    for path in written:
        data = path.read_bytes()
        assert not any(form in data for form in forms), path
    # (The last_error of the refused attempt is in the database: it names the server, not the login.)
    assert rows(db, "select count(*) as n from digests where attempts >= 2 and status = 'sent'") == [{"n": 1}]


def test_log_level_warning_hides_the_per_fetch_info_lines(site, tmp_path, captured):
    db = tmp_path / "pw.db"
    sources = [{"id": "acme-privacy", "url": site.copy("privacy.html"), "select": "#policy"},
               {"id": "gone", "url": f"{site.url}/gone.html"}]
    d = captured(schedule_config(tmp_path / "config.toml", sources, db), tmp_path, "--log-level", "warning")
    d.wait_for(lambda: sum("fetch gone failed" in line for line in d.lines()) >= 2, what="two failed fetches")
    assert d.terminate()[0] == 0
    lines = d.lines()
    assert lines and all(line.startswith("WARNING policywatch.daemon: fetch gone failed: HTTP 404")
                         for line in lines), lines
    # The other source was crawled all the while, silently.
    assert rows(db, "select count(*) > 1 as n from fetches where source_id = 'acme-privacy'") == [{"n": 1}]
