"""Benchmark of `policywatch crawl` passes over local policy pages, optionally side by side
with urlwatch.

    python bench/crawl.py --pages 1000 --change 0.05 [--vs-urlwatch] [--hosts 10] [--rounds 1]

Starts bench/pages.py (3,000–5,000-word policy pages on --hosts loopback addresses, a footer
whose timestamp changes between passes) and runs five passes, each a fresh process, as cron or
the daemon would:

1. first      every page is new
2. edited     every page's noise changes and --change of the pages get one clause edited
3. 304        nothing changed; the server answers conditional requests with 304
4. same bytes nothing changed; the server ignores conditional requests (byte-identical pages)
5. noise      every page's noise changes, no text changes (extraction, no diff)

Per pass and tool: wall time, CPU seconds (user + system of the crawl process, from wait4),
CPU per page (all of it, and above the start-up cost of a one-page crawl), peak RSS, pages per
second, database bytes per page. With --vs-urlwatch, urlwatch 2.29 (installed by this script in
its own virtual environment, `css:main` + `html2text` filters, 10 worker threads) runs the same
passes alternately with policywatch against the same server state, and the ratios are printed.

With --rounds R, passes 2-5 run R times over (each round edits other clauses), and each ratio is
printed as the median of its R rounds with their range: this VM's CPU time varies by up to a
third between identical runs, so one run's ratio can mislead.

Bench mode: download_delay = 0 (no politeness delay: the server is ours); one request at a time
per host still holds, so --hosts 10 gives both tools the same concurrency (urlwatch: 10 threads).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "pages.py"
URLWATCH = "urlwatch==2.29"

PASSES = [
    ("first", []),
    ("edited", ["noise", "edit {change} {seed}"]),
    ("304", ["conditional on"]),
    ("same bytes", ["conditional off"]),
    ("noise", ["noise"]),
]


class Server:
    def __init__(self, pages: int, hosts: int):
        self.proc = subprocess.Popen(
            [sys.executable, str(PAGES), "--pages", str(pages), "--hosts", str(hosts)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        self.port = int(self.proc.stdout.readline())

    def command(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "ok"

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def url(port: int, hosts: int, page: int) -> str:
    return f"http://127.0.0.{page % hosts + 1}:{port}/policy/{page}"


# As an installed package runs: with its bytecode cached (pip writes it at install; a session
# that sets PYTHONDONTWRITEBYTECODE would otherwise compile every project module in every run,
# ~40 ms of each start-up). The start-up runs come first and write it.
INSTALLED_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(argv: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run one process to its end: wall time, CPU time and peak RSS of that process alone."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait4 gives this child's own rusage (not that of earlier children, as RUSAGE_CHILDREN would).
    def drain(stream, sink):
        sink.append(stream.read())

    outs, errs = [], []
    threads = [threading.Thread(target=drain, args=(proc.stdout, outs)),
               threading.Thread(target=drain, args=(proc.stderr, errs))]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    for t in threads:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = outs[0].decode(errors="replace"), errs[0].decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{out[-2000:]}\n{err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "out": out, "err": err}


def size(*paths: Path) -> int:
    return sum(p.stat().st_size for p in paths if p.exists())


class Policywatch:
    name = "policywatch"

    def __init__(self, work: Path, port: int, hosts: int, pages: range):
        self.work = work
        self.db = work / "pw.db"
        self.config = work / "config.toml"
        lines = ["[store]", f"path = {json.dumps(str(self.db))}", "",
                 "[crawl]", "download_delay = 0  # bench mode: no politeness delay"]
        for page in pages:
            lines += ["", "[[sources]]", f'id = "vendor-{page}"', f'url = "{url(port, hosts, page)}"',
                      'select = "main"']
        self.config.write_text("\n".join(lines) + "\n")

    def run(self) -> dict:
        result = measure([sys.executable, "-m", "scheduler", "--config", str(self.config), "crawl"], ROOT,
                         INSTALLED_ENV)
        result["summary"] = result["err"].strip().splitlines()[-1]
        result["db_bytes"] = size(self.db, Path(str(self.db) + "-wal"))
        return result


class Urlwatch:
    name = "urlwatch"

    def __init__(self, work: Path, port: int, hosts: int, pages: range, venv: Path):
        self.work, self.venv = work, venv
        work.mkdir(parents=True, exist_ok=True)
        jobs = "".join(
            f"---\nname: vendor-{p}\nurl: {url(port, hosts, p)}\nfilter:\n  - css: main\n  - html2text\n"
            for p in pages
        )
        (work / "urls.yaml").write_text(jobs)
        (work / "hooks.py").write_text("")
        self.cache = work / "cache.db"

    def run(self) -> dict:
        argv = [str(self.venv / "bin" / "urlwatch"), "--urls", str(self.work / "urls.yaml"),
                "--config", str(self.work / "urlwatch.yaml"), "--hooks", str(self.work / "hooks.py"),
                "--cache", str(self.cache)]
        env = {**os.environ, "HOME": str(self.work), "XDG_CONFIG_HOME": str(self.work)}
        result = measure(argv, self.work, env)
        # The report's numbered summary lines: "01. CHANGED: vendor-3 ( http://... )".
        counts = {kind: len(re.findall(rf"^\d+\. {kind}: ", result["out"], re.M)) for kind in ("NEW", "CHANGED", "ERROR")}
        result["summary"] = f"{counts['NEW']} new, {counts['CHANGED']} changed, {counts['ERROR']} errors"
        result["db_bytes"] = size(self.cache, Path(str(self.cache) + "-wal"))
        return result


def install_urlwatch(venv: Path) -> str | None:
    """urlwatch in its own virtual environment; None when it works, else why not."""
    exe = venv / "bin" / "urlwatch"
    if not exe.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True, capture_output=True)
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
            subprocess.run(pip + ["-U", "pip"], check=True, capture_output=True, timeout=600)
            subprocess.run(pip + [URLWATCH], check=True, capture_output=True, timeout=600)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            detail = (getattr(e, "stderr", b"") or b"").decode(errors="replace").strip().splitlines()[-1:]
            return f"cannot install {URLWATCH} into {venv}: {' '.join(detail) or e}"
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    if proc.returncode != 0:
        return f"urlwatch in {venv} does not run: {proc.stderr.strip()[-300:]}"
    return None


def start_cost(tool_class, work: Path, server: Server, hosts: int, **kw) -> float:
    """CPU seconds of a one-page run (the page answering 304): what every run costs anyway."""
    tool = tool_class(work, server.port, hosts, range(1), **kw)
    tool.run()
    return min(tool.run()["cpu"] for _ in range(3))


def row(cells, widths):
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--change", type=float, default=0.05)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--vs-urlwatch", action="store_true")
    parser.add_argument("--urlwatch-venv", type=Path,
                        default=Path(tempfile.gettempdir()) / "policywatch-bench-urlwatch")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    parser.add_argument("--rounds", type=int, default=1, help="run passes 2-5 this many times")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pw-bench-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    print(f"bench/crawl.py: {args.pages} pages on {args.hosts} loopback hosts, {args.change:.0%} edited "
          f"in pass 2; bench mode: download_delay = 0, robots.txt obeyed, one request at a time per host; "
          f"bytecode cached as in an install")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} CPUs")

    urlwatch_problem = None
    if args.vs_urlwatch:
        urlwatch_problem = install_urlwatch(args.urlwatch_venv)
        if urlwatch_problem:
            print(f"urlwatch: {urlwatch_problem}; printing policywatch's figures only")

    server = Server(args.pages, args.hosts)
    try:
        tools = [Policywatch(_fresh(work / "policywatch"), server.port, args.hosts, range(args.pages))]
        starts = {"policywatch": start_cost(Policywatch, _fresh(work / "pw-start"), server, args.hosts)}
        if args.vs_urlwatch and not urlwatch_problem:
            tools.append(Urlwatch(work / "urlwatch", server.port, args.hosts, range(args.pages), args.urlwatch_venv))
            starts["urlwatch"] = start_cost(Urlwatch, _fresh(work / "uw-start"), server, args.hosts,
                                            venv=args.urlwatch_venv)
        results = []  # (round, pass number, pass name, tool, figures)
        rounds = [(0, 1, *PASSES[0])] + [(k, number, *PASSES[number - 1])
                                          for k in range(max(1, args.rounds)) for number in range(2, len(PASSES) + 1)]
        for k, number, name, commands in rounds:
            seed = f"{args.seed}/{number}" if k == 0 else f"{args.seed}/{k}/{number}"
            for command in commands:
                server.command(command.format(change=args.change, seed=seed))
            # Alternate which tool goes first, so neither always runs on a warmer machine.
            order = tools if (number + k) % 2 else list(reversed(tools))
            for tool in order:
                r = tool.run()
                results.append((k, number, name, tool.name, r))
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        server.close()

    print(f"\nstart-up cost (CPU of a one-page run, best of 3): "
          + ", ".join(f"{k} {v:.2f} s" for k, v in starts.items()))
    widths = [12, 11, 7, 7, 9, 11, 8, 8, 10, 40]
    print()
    print(row(["pass", "tool", "wall s", "CPU s", "CPU ms/pg", "above start", "RSS MB", "pages/s", "DB B/page", "outcome"], widths))
    n = args.pages
    for k, number, name, tool, r in sorted(results, key=lambda x: (x[1], x[0], x[3] != "policywatch")):
        label = f"{number} {name}" + (f" #{k + 1}" if args.rounds > 1 and number > 1 else "")
        print(row([label, tool, f"{r['wall']:.2f}", f"{r['cpu']:.2f}", f"{1000 * r['cpu'] / n:.2f}",
                   f"{1000 * (r['cpu'] - starts[tool]) / n:.2f}", f"{r['rss_mb']:.0f}", f"{n / r['wall']:.0f}",
                   f"{r['db_bytes'] / n:.0f}", r["summary"]], widths))
    if len(tools) > 1:
        print("\npolicywatch / urlwatch" + (f" (median of {args.rounds} rounds, and their range)" if args.rounds > 1 else ""))
        width = 6 if args.rounds == 1 else 16
        ratio_widths = [12, 0, width, width, max(15, width), width, width]
        print(row(["pass", "", "wall", "CPU", "CPU above start", "RSS", "DB bytes"], ratio_widths))
        by = {(k, number, tool): r for k, number, _, tool, r in results}
        for number, (name, _) in enumerate(PASSES, 1):
            pairs = [(by[(k, number, "policywatch")], by[(k, number, "urlwatch")])
                     for k in sorted({k for k, m, _, _, _ in results if m == number})]
            columns = [
                [p["wall"] / u["wall"] for p, u in pairs],
                [p["cpu"] / u["cpu"] for p, u in pairs],
                [(p["cpu"] - starts["policywatch"]) / max(u["cpu"] - starts["urlwatch"], 1e-9) for p, u in pairs],
                [p["rss_mb"] / u["rss_mb"] for p, u in pairs],
                [p["db_bytes"] / max(u["db_bytes"], 1) for p, u in pairs],
            ]
            print(row([f"{number} {name}", ""] + [_spread(c) for c in columns], ratio_widths))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def _spread(values: list[float]) -> str:
    """One value as it is; several as their median and range."""
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


if __name__ == "__main__":
    main()
