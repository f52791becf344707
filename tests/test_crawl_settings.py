"""Scrapy's component lists, as the crawl uses them: Scrapy's own `*_BASE` lists minus the named
left-out components (crawler/settings.py), which must give today's lists exactly. A Scrapy
upgrade that adds, removes or renames a component fails here, to be looked at, instead of the
crawl silently dropping it or silently loading it."""

import json
import subprocess
import sys

from scrapy.settings import default_settings

from conftest import ROOT
from crawler.settings import LEAN, LEFT_OUT, REPLACED, scrapy_settings

# What the crawl ran with when the lists were derived (Scrapy 2.19), written out by hand.
TODAY = {
    "DOWNLOADER_MIDDLEWARES_BASE": {
        "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": 100,
        "scrapy.downloadermiddlewares.downloadtimeout.DownloadTimeoutMiddleware": 350,
        "scrapy.downloadermiddlewares.defaultheaders.DefaultHeadersMiddleware": 400,
        "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": 500,
        "crawler.redirect.MetaRefreshMiddleware": 580,  # in place of Scrapy's
        "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 590,
        "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": 600,
        "scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware": 750,
    },
    "SPIDER_MIDDLEWARES_BASE": {
        "scrapy.spidermiddlewares.start.StartSpiderMiddleware": 25,
        "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware": 50,
    },
    "EXTENSIONS_BASE": {"scrapy.extensions.logcount.LogCount": 0},
}


def test_the_derived_lists_are_todays():
    assert {name: LEAN[name] for name in TODAY} == TODAY
    assert set(LEFT_OUT) == set(TODAY)
    settings = scrapy_settings({})
    assert {name: settings[name] for name in TODAY} == TODAY
    # Every scheme but http(s) is switched off, whichever schemes Scrapy knows.
    assert settings["DOWNLOAD_HANDLERS"] == {"file": None, "ftp": None, "s3": None, "data": None}


def test_every_left_out_component_is_one_of_scrapys():
    # A renamed component would otherwise come back in under its new name, unseen.
    for name, left_out in LEFT_OUT.items():
        assert set(left_out) <= set(getattr(default_settings, name)), name
        assert all(reason.strip() for reason in left_out.values())  # each says why


def test_deriving_the_lists_imports_no_component():
    code = ("import json, sys\nimport crawler.settings as s\n"
            "print(json.dumps(sorted(m for m in {p.rsplit('.', 1)[0] for d in s.LEFT_OUT.values() for p in d}"
            " | {'aiohttp', 'tldextract'} if m in sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_every_replaced_component_is_one_of_scrapys_and_ours_is_a_subclass_of_it():
    from scrapy.utils.misc import load_object

    for name, replaced in REPLACED.items():
        assert set(replaced) <= set(getattr(default_settings, name)), name
        for theirs, ours in replaced.items():
            assert issubclass(load_object(ours), load_object(theirs))
            assert ours in LEAN[name] and theirs not in LEAN[name]
