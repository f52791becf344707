"""Each default lives in one place, the declaring package's CONFIG: the browser's options come
from crawler's [crawl] declaration, the daemon's feeds from the loader's [notify.feed]."""

import pytest

import crawler
from crawler.browser import browser_meta, browser_settings
from scheduler.config import ConfigError, parse

JS = [{"id": "a", "url": "https://a.example/", "js": True}]


def test_the_browser_takes_its_defaults_from_the_crawl_declaration(monkeypatch):
    # Other defaults declared: a browser restating the old ones would not follow.
    for key, value in {"browser_path": "/opt/chrome", "browser_pages": 5, "browser_timeout": 4.0,
                       "browser_wait": 3.0}.items():
        monkeypatch.setitem(crawler.CONFIG, key, (type(value), value))
    settings = browser_settings({}, JS)
    assert settings["PLAYWRIGHT_LAUNCH_OPTIONS"]["executable_path"] == "/opt/chrome"
    assert settings["PLAYWRIGHT_LAUNCH_OPTIONS"]["timeout"] == 4000
    assert settings["PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT"] == 4000
    assert settings["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"] == 5
    wait = browser_meta(JS[0], {})["playwright_page_methods"][0]
    assert wait.args[-1] == 3000
    # A value set in the table still wins.
    assert browser_settings({"browser_pages": 1}, JS)["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"] == 1


def test_an_empty_feed_folder_is_one_clear_error():
    # The daemon's server used to fall back to "feeds" for an empty dir, `policywatch serve` not.
    with pytest.raises(ConfigError, match=r"config.toml:3: notify.feed.dir: must name a folder"):
        parse('[notify.feed]\nenabled = true\ndir = ""\n')


def test_a_feed_limit_under_one_is_one_clear_error():
    # SQL's LIMIT -5 would mean no limit at all; a negative number was refused already.
    with pytest.raises(ConfigError, match=r"config.toml:3: notify.feed.limit: must be 1 or more entries, not 0"):
        parse('[notify.feed]\nenabled = true\nlimit = 0\n')
    with pytest.raises(ConfigError, match=r"config.toml:3: notify.feed.limit: must not be negative"):
        parse('[notify.feed]\nenabled = true\nlimit = -5\n')
