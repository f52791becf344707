"""The C heap's top pad: storing snapshots reuses the allocator's memory instead of faulting
fresh pages in for every page's zstd tables."""

import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# One process stores 120 successive fetches of 10 sources (each a zstd delta on the last) and
# reports its minor page faults while doing so.
CHILD = """
import json, resource, sys, tempfile
from scheduler import memory
padded = memory.pad_heap() if sys.argv[1] == "pad" else None
from store import Store
store = Store(tempfile.mkdtemp() + "/pw.db")
store.sync_sources([{"id": f"s{i}", "url": f"https://s{i}.example/p"} for i in range(10)])
page = "".join(f"<p>Clause {i}: we keep data of category {i} for {i % 7 + 1} years.</p>" for i in range(600))
def add(n):
    for i in range(10):
        with store.atomic():
            store.add_snapshot(f"s{i}", f"<html><body><main>{page}</main><footer>{n}</footer></body></html>".encode())
add(0)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for n in range(1, 13):
    add(n)
print(json.dumps({"padded": padded, "faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before}))
"""


def faults(mode: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, mode], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the pad is glibc's (elsewhere pad_heap does nothing)")
def test_storing_snapshots_with_the_pad_faults_far_fewer_pages():
    padded, plain = faults("pad"), faults("plain")
    assert padded["padded"] is True
    # Without the pad every snapshot's tables come back from the kernel as fresh pages.
    assert plain["faults"] > 5 * padded["faults"], (plain, padded)


def test_every_policywatch_command_pads_the_heap():
    # main() is what the `policywatch` script and `python -m scheduler` run.
    child = """
import sys
from scheduler import memory
calls = []
pad = memory.pad_heap
memory.pad_heap = lambda: calls.append("pad") or pad()
from scheduler import cli
sys.argv = ["policywatch", "--help"]
try:
    cli.main()
except SystemExit:
    pass
print(calls, file=sys.stderr)
"""
    proc = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "Usage: policywatch" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "['pad']"
