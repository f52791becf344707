"""Resident memory of `policywatch run` after 5 and after 50 passes over 200 local sources.

A local server answers 200 policy pages, each with a fresh nonce per response (page noise:
every fetch stores a snapshot and re-extracts the text, the heavy path), and edits one clause
of ten pages every pass (new versions and change sets). The daemon crawls them `every = "1s"`,
so passes run back to back in one process, as they would over weeks. Target: RSS after 50
passes <= 1.2 x RSS after 5.

    python bench/daemon_rss.py [--sources 200] [--passes 5 50]
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAUSES = [f"<p>Clause {i}: we may share your information with service provider number {i} "
           f"for the purposes described in section {i % 7}.</p>" for i in range(60)]


class Pages(BaseHTTPRequestHandler):
    edition = [0]

    def do_GET(self):
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        n = int(self.path.strip("/p") or 0)
        revised = f"<p>Revision {self.edition[0]} of page {n}.</p>" if n % 20 == 0 else ""
        body = (f"<html><body><script nonce='{secrets.token_hex(8)}'></script><main><h1>Policy {n}</h1>"
                + "".join(CLAUSES) + revised + "</main></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--passes", type=int, nargs="+", default=[5, 50])
    args = parser.parse_args()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    with tempfile.TemporaryDirectory(prefix="pw-rss-") as tmp:
        config = Path(tmp) / "config.toml"
        lines = [f'[store]\npath = "{tmp}/pw.db"', "[crawl]\ndownload_delay = 0",
                 '[schedule]\nevery = "1s"\njitter = "0s"\ncatch_up = "0s"']
        lines += [f'[[sources]]\nid = "p{i}"\nurl = "{url}/p{i}"\nselect = "main"' for i in range(args.sources)]
        config.write_text("\n\n".join(lines) + "\n")
        log = Path(tmp) / "daemon.log"
        with open(log, "w") as err:
            proc = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(config), "run",
                                     "--log-format", "json"], cwd=ROOT, stderr=err,
                                    env={**os.environ, "PYTHONPATH": str(ROOT)})
            # Read the log as it grows (re-reading it whole would compete with the daemon for CPU).
            tail = open(log, encoding="utf-8")
            try:
                started, done, seen, partial = time.monotonic(), 0, 0, ""
                for target in sorted(args.passes):
                    while done < target:
                        time.sleep(0.05)
                        if proc.poll() is not None:
                            sys.exit(f"daemon exited {proc.returncode}:\n{log.read_text()[-2000:]}")
                        partial += tail.read()
                        complete, _, partial = partial.rpartition("\n")
                        fetched = seen + sum(json.loads(x)["sources"] for x in complete.splitlines()
                                             if '"event": "run"' in x)
                        if fetched > seen:
                            seen = fetched
                            Pages.edition[0] += 1  # the next pass sees edited pages
                        done = fetched // args.sources
                    print(f"after {done:3d} passes ({seen} fetches, {time.monotonic() - started:6.1f} s): "
                          f"RSS {rss_kib(proc.pid) / 1024:7.1f} MiB", flush=True)
                    if target == sorted(args.passes)[0]:
                        first = rss_kib(proc.pid)
                last = rss_kib(proc.pid)
                print(f"ratio {last / first:.2f} (target <= 1.2)")
            finally:
                tail.close()
                proc.terminate()
                proc.wait(timeout=15)
    httpd.shutdown()


if __name__ == "__main__":
    main()
