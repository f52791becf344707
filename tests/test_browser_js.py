"""Pages built by JavaScript, fetched by headless Chromium through the real `policywatch crawl`
against a real local HTTP server: `js = true`, escalation with `js = "auto"`, static pages that
never start a browser, and no Chromium process left behind."""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, PageHandler, rows, write_config

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"Chromium is not installed at {CHROMIUM} (`apt-get install -y chromium`; .ci/run installs it)",
)

# The policy arrives as JSON and is inserted into an empty application shell.
APP = """<!DOCTYPE html><html><head><title>Acme</title></head><body>
<div id="root"></div>
<noscript>You need to enable JavaScript to run this app.</noscript>
<script>
fetch("policy.json").then(r => r.json()).then(policy => {
  setTimeout(() => {
    const main = document.createElement("main");
    main.id = "policy";
    main.innerHTML = policy.html;
    document.getElementById("root").appendChild(main);
  }, DELAY);
});
</script></body></html>
"""
POLICY = """<h1>Acme Privacy Policy</h1>
<h2>Information we collect</h2>
<p>We collect your name, your e-mail address and the identifiers of your devices when you create
an account, and the pages you visit when you use our services.</p>
<h2>How we share information</h2>
<p>We do not sell your personal information.</p>
<p>We share information with service providers who process it on our behalf, under contracts that
forbid them to use it for anything else, and with authorities when the law requires it.</p>
<h2>Retention</h2>
<p>We keep your information for as long as your account is open, and for two years after you close
it, unless the law requires us to keep it longer.</p>
"""
STATIC = """<!DOCTYPE html><html><head><title>Static</title></head><body><main id="policy">
<h1>Static Privacy Policy</h1><p>We collect nothing at all, and we keep nothing either.</p>
</main></body></html>
"""


def app(site, name: str, delay_ms: int) -> str:
    site.put(f"{name}.json", json.dumps({"html": POLICY}))
    return site.put(f"{name}.html", APP.replace("policy.json", f"{name}.json").replace("DELAY", str(delay_ms)))


def test_a_page_built_by_javascript_is_tracked_with_js_true_and_by_escalation(site, tmp_path, crawl):
    db = tmp_path / "pw.db"
    sources = [
        {"id": "now-true", "url": app(site, "now", 0), "select": "#policy", "js": True},
        {"id": "late-true", "url": app(site, "late", 1000), "select": "#policy", "js": True},
        {"id": "now-auto", "url": f"{site.url}/now.html", "select": "#policy"},  # js = "auto"
        {"id": "late-auto", "url": f"{site.url}/late.html", "js": "auto"},  # no selector: a shell
    ]
    config = write_config(tmp_path / "config.toml", sources, db)
    assert crawl(config) == {s["id"]: "new" for s in sources}

    for source in sources:
        markdown = rows(db, "select markdown from versions where source_id = ?", source["id"])[0]["markdown"]
        assert markdown.startswith("# Acme Privacy Policy"), (source["id"], markdown)
        assert "We do not sell your personal information." in markdown
    fetches = {f["source_id"]: f for f in rows(db, "select * from fetches")}
    assert {s: f["fetcher"] for s, f in fetches.items()} == dict.fromkeys(fetches, "browser")
    assert fetches["now-true"]["escalated"] is None
    assert fetches["now-auto"]["escalated"] == "static page: selector '#policy' matched nothing"
    assert fetches["late-auto"]["escalated"].startswith("static page: ")
    # One fetch row per source: the static attempt's reason is on the browser's row.
    assert len(rows(db, "select id from fetches")) == 4
    assert {r["fetcher"] for r in rows(db, "select fetcher from snapshots")} == {"browser"}

    # The vendor edits one clause: every source sees one modified clause.
    site.put("now.json", json.dumps({"html": POLICY.replace("two years", "five years")}))
    site.put("late.json", json.dumps({"html": POLICY.replace("two years", "five years")}))
    outcomes = crawl(config)
    assert outcomes == dict.fromkeys(outcomes, "changed: 1 modified, 0 added, 0 removed"), outcomes
    changes = rows(db, "select c.kind, c.old, c.new from changes c join change_sets s on s.id = c.change_set_id "
                       "where s.source_id = 'late-auto'")
    assert [(c["kind"], "two years" in c["old"], "five years" in c["new"]) for c in changes] == [("modified", True, True)]

    # Nothing changed: still read through the browser, and unchanged.
    assert crawl(config) == {s["id"]: "unchanged" for s in sources}


def test_js_true_waits_no_longer_than_its_bound(site, tmp_path, crawl):
    # The text never comes, and a ticking clock keeps the page from falling quiet: the wait ends
    # at browser_wait, and the miss is a clean failure.
    app(site, "never", 60_000)
    url = site.put("never.html", (site.root / "never.html").read_text().replace(
        "</body>", "<p id='clock'></p><script>setInterval(() => clock.textContent = Date.now(), 100)</script></body>"))
    db = tmp_path / "pw.db"
    config = write_config(tmp_path / "config.toml", [{"id": "never", "url": url, "select": "#policy", "js": True}],
                          db, browser_wait=1.5)
    assert crawl(config) == {"never": "failed: selector '#policy' matched nothing"}
    fetch = rows(db, "select * from fetches")[0]
    assert (fetch["error_class"], fetch["fetcher"]) == ("broken", "browser")


class _Guarded(PageHandler):
    """A site behind a JavaScript challenge: 403 and a script that sets a cookie and reloads,
    unless the request carries the cookie. Paths: /policy (guarded), /open (never guarded)."""

    content_type = "text/html; charset=utf-8"

    def do_GET(self):
        policy = f"<!DOCTYPE html><html><body><main id='policy'>{POLICY}</main></body></html>"
        if self.path == "/policy" and "passed=1" not in self.headers.get("Cookie", ""):
            self.send_body(403, b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                                b"<p>Checking your browser before accessing the site.</p>"
                                b"<script>document.cookie = 'passed=1; path=/'; location.reload();</script>"
                                b"</body></html>")
        else:
            self.send_body(200, policy.encode())


@pytest.fixture
def guarded(serve):
    return serve(_Guarded).url


def test_a_static_fetch_that_looks_blocked_escalates_to_the_browser(guarded, tmp_path, crawl):
    db = tmp_path / "pw.db"
    sources = [
        {"id": "guarded-auto", "url": f"{guarded}/policy", "select": "#policy"},
        {"id": "guarded-static", "url": f"{guarded}/policy", "select": "#policy", "js": False},
    ]
    config = write_config(tmp_path / "config.toml", sources, db, obey_robots=False)
    assert crawl(config) == {"guarded-auto": "new", "guarded-static": "failed: HTTP 403"}
    fetches = {f["source_id"]: f for f in rows(db, "select * from fetches")}
    assert (fetches["guarded-auto"]["fetcher"], fetches["guarded-auto"]["escalated"]) == ("browser", "HTTP 403")
    assert (fetches["guarded-static"]["fetcher"], fetches["guarded-static"]["error_class"]) == ("static", "blocked")


# --- no browser for static pages, and none left behind ---------------------------------------

def _recording_chromium(tmp_path: Path) -> tuple[Path, Path]:
    """The real Chromium, started through a script that notes each start in a file."""
    log = tmp_path / "chromium-starts"
    script = tmp_path / "chromium"
    script.write_text(f'#!/bin/sh\necho started >> "{log}"\nexec {CHROMIUM} "$@"\n')
    script.chmod(0o755)
    return script, log


def test_a_static_page_never_starts_a_browser(site, tmp_path, crawl):
    script, log = _recording_chromium(tmp_path)
    db = tmp_path / "pw.db"
    sources = [
        {"id": "static-auto", "url": site.put("static.html", STATIC), "select": "#policy"},
        {"id": "static-generic", "url": site.copy("privacy.html")},
        {"id": "static-false", "url": f"{site.url}/static.html", "select": "#policy", "js": False},
    ]
    config = write_config(tmp_path / "config.toml", sources, db, browser_path=str(script))
    assert crawl(config) == {s["id"]: "new" for s in sources}
    assert not log.exists(), "a crawl of static pages started Chromium"
    assert {r["fetcher"] for r in rows(db, "select fetcher from fetches")} == {"static"}

    # The control: the same script does start Chromium for a page that needs it.
    config = write_config(tmp_path / "config.toml", [{"id": "app", "url": app(site, "app", 0), "select": "#policy"}],
                          db, browser_path=str(script))
    assert crawl(config) == {"app": "new"}
    assert log.read_text().count("started") == 1


def _chromium_processes(tag: str) -> list[int]:
    """Running (not zombie) processes of the Chromium started by crawls tagged `tag`."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except (OSError, IndexError):
            continue
        if state != "Z" and b"chromium" in cmdline and f"PW_TEST_TAG={tag}".encode() in environ:
            found.append(int(pid))
    return found


def test_no_chromium_process_outlives_a_crawl(site, tmp_path):
    # Five crawls, each a `policywatch crawl` process (the daemon has not landed on this branch):
    # Chromium runs during each, and none of its processes is left after any.
    tag = uuid.uuid4().hex
    env = {**os.environ, "PW_TEST_TAG": tag}  # inherited by the crawl, its driver and Chromium
    db = tmp_path / "pw.db"
    sources = [{"id": f"app-{i}", "url": app(site, f"app{i}", 300), "select": "#policy", "js": True}
               for i in range(3)]
    config = write_config(tmp_path / "config.toml", sources, db, browser_pages=2)
    for run in range(5):
        proc = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(config), "crawl"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        most = 0
        while proc.poll() is None:
            most = max(most, len(_chromium_processes(tag)))
            time.sleep(0.1)
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        assert most > 0, "Chromium was never seen running: the count would prove nothing"
        assert _chromium_processes(tag) == [], f"Chromium outlived crawl {run + 1}"
    assert len(rows(db, "select id from fetches where fetcher = 'browser'")) == 15
