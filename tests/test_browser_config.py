"""The browser's settings in config.toml: `js` on a source, and the [crawl] browser keys."""

import pytest

from crawler.browser import apply_browser_settings, browser_settings
from crawler.settings import scrapy_settings
from scheduler.config import ConfigError, parse

SOURCE = '[[sources]]\nid = "acme"\nurl = "https://acme.example/privacy"\n'


@pytest.mark.parametrize("value, expected", [("true", True), ("false", False), ('"auto"', "auto")])
def test_js_is_true_false_or_auto(value, expected):
    assert parse(SOURCE + f"js = {value}\n").sources[0]["js"] == expected


def test_js_defaults_to_auto_without_being_written_into_the_source():
    from crawler.browser import js_mode

    source = parse(SOURCE).sources[0]
    assert "js" not in source and js_mode(source) == "auto"


@pytest.mark.parametrize("value", ['"yes"', '"always"', "1"])
def test_another_js_value_names_the_line_and_key(value):
    with pytest.raises(ConfigError) as error:
        parse("[crawl]\n\n" + SOURCE + f"js = {value}\n", "c.toml")
    assert str(error.value).startswith("c.toml:6: sources[1].js: ")


def test_the_crawl_table_declares_the_browser_keys():
    crawl = parse("[crawl]\nbrowser_pages = 3\nbrowser_timeout = 10\n" + SOURCE).crawl
    assert (crawl["browser_pages"], crawl["browser_timeout"], crawl["browser_path"]) == (3, 10.0, "/usr/bin/chromium")
    assert crawl["browser_wait"] == 10.0
    with pytest.raises(ConfigError, match=r"c.toml:2: crawl.browser_timeout: must be float"):
        parse('[crawl]\nbrowser_timeout = "soon"\n', "c.toml")


def test_the_browser_handler_is_installed_only_when_a_source_may_need_it():
    crawl = parse("[crawl]\nbrowser_pages = 3\nbrowser_timeout = 10\n" + SOURCE).crawl
    static = [{"id": "a", "url": "https://a.example/", "js": False}]
    assert browser_settings(crawl, static) == {}
    settings = apply_browser_settings(scrapy_settings(crawl), crawl, static + [{"id": "b", "url": "https://b.example/"}])
    assert settings["DOWNLOAD_HANDLERS"]["https"] == "crawler.browser.LazyPlaywrightHandler"
    assert settings["DOWNLOAD_HANDLERS"]["file"] is None  # the crawler's own handlers are kept
    assert settings["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"] == 3
    assert settings["PLAYWRIGHT_MAX_CONTEXTS"] == 1
    assert settings["PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT"] == 10_000
    options = settings["PLAYWRIGHT_LAUNCH_OPTIONS"]
    assert options["executable_path"] == "/usr/bin/chromium"
    assert "--disable-background-networking" in options["args"]
