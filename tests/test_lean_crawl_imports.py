"""What `policywatch crawl` of HTML pages does not load: APScheduler, the notifier's mail, feed
and server code, the PDF extractor (each is imported where it is used, and the packages' public
API still gives every name), nor sqlite-utils' plugins."""

import json

import pytest

from conftest import run_script, write_config

PAGE = ("<html><body><main><h1>Acme Privacy</h1>"
        + "".join(f"<p>Clause {n}: we share the e-mail address you give us with {n} partners.</p>"
                  for n in range(1, 8)) + "</main></body></html>")

# The CLI in a child process, then the modules it loaded (click ends it with SystemExit).
CRAWL = """
import json, sys
from scheduler.cli import main
sys.argv = ["policywatch", "--config", sys.argv[1], "crawl"]
try:
    main()
except SystemExit as e:
    assert not e.code, e.code
print(json.dumps(sorted(sys.modules)))
"""
NOT_NEEDED = ["apscheduler", "smtplib", "xml.etree.ElementTree", "crawler.pdf", "notifier.feed",
              "notifier.mail", "notifier.render", "notifier.server"]


def test_a_crawl_of_new_and_changed_pages_imports_none_of_them(site, tmp_path):
    url = site.put("p.html", PAGE)
    config = write_config(tmp_path / "config.toml", [{"id": "acme", "url": url, "select": "main"}],
                          tmp_path / "pw.db")
    first = run_script(CRAWL, str(config))
    site.put("p.html", PAGE.replace("Clause 3: we share", "Clause 3: we never share"))
    changed = run_script(CRAWL, str(config))  # the tagger and the differ at work
    assert "differ.tags" in changed
    assert [m for m in NOT_NEEDED if m in first or m in changed] == []


def test_a_crawl_with_feeds_writes_them(site, tmp_path):
    config = write_config(tmp_path / "config.toml", [{"id": "acme", "url": site.put("p.html", PAGE),
                                                       "select": "main"}], tmp_path / "pw.db",
                          tables=f'\n[notify.feed]\nenabled = true\ndir = {json.dumps(str(tmp_path / "feeds"))}\n')
    loaded = run_script(CRAWL, str(config))
    assert "notifier.feed" in loaded and (tmp_path / "feeds").is_dir()


@pytest.mark.parametrize("package", ["notifier", "crawler", "scheduler", "store"])
def test_every_public_name_is_there(package):
    # Each package's __init__ is its public API: every name of its __all__ resolves, in a fresh
    # process, whether imported at once or on first use (notifier's lazy names). differ's is
    # checked by tests/test_differ.py::test_all_is_exactly_the_public_api.
    names = run_script(f"""
import importlib, json
module = importlib.import_module({package!r})
print(json.dumps({{n: getattr(module, n) is not None for n in module.__all__}}))
""")
    assert names and all(names.values())


def test_an_unknown_notifier_name_is_an_attribute_error():
    import notifier
    with pytest.raises(AttributeError, match="no attribute 'mailer'"):
        notifier.mailer  # noqa: B018
    assert set(notifier.__all__) <= set(dir(notifier))


def test_schedules_still_make_their_triggers():
    from scheduler import schedule
    trigger = schedule.cron_trigger("30 2 * * 0")
    assert type(trigger).__name__ == "CronTrigger" and "sun" in str(trigger)


def test_the_store_looks_for_no_sqlite_utils_plugins(tmp_path):
    # Looking for them reads every installed package's entry points (3 ms of each process).
    result = run_script("""
import json, sys
from store import Store
import sqlite_utils.plugins
with Store(sys.argv[1]) as store:
    pass
print(json.dumps(sqlite_utils.plugins._plugins_loaded))
""", str(tmp_path / "pw.db"))
    assert result is False
