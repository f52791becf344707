"""One reading of an HTTP status as a failure (crawler.errors.http_failure), whether the page
came through a crawl or through the one-page fetch of `compare` and `extract`."""

import pytest

import crawler
from conftest import PageHandler, write_config
from crawler.errors import Blocked, Broken, Transient, http_failure
from store import Store

# status -> the Retry-After header it is sent with (None: without one)
STATUSES = {401: None, 403: None, 404: None, 410: None, 429: "7", 500: None, 503: "120"}


class StatusHandler(PageHandler):
    """/status/N answers N, with the Retry-After header STATUSES names."""

    def do_GET(self):
        status = int(self.path.rsplit("/", 1)[1])
        retry_after = STATUSES.get(status)
        self.send_body(status, b"<p>no</p>", headers=[("Retry-After", retry_after)] if retry_after else [])


@pytest.mark.parametrize("status, kind", [
    (200, None), (304, None), (401, Blocked), (403, Blocked), (406, Blocked), (451, Blocked),
    (404, Broken), (410, Broken), (429, Transient), (500, Transient), (503, Transient),
])
def test_each_status_is_one_kind_of_failure(status, kind):
    failure = http_failure(status)
    assert (type(failure) if failure else None) is kind
    if failure:
        assert failure.reason == f"HTTP {status}"


def test_retry_after_in_seconds_or_as_a_date_is_kept_on_a_transient_failure():
    assert http_failure(429, "30").retry_after == 30.0
    assert http_failure(429, "30").reason == "HTTP 429 (Retry-After 30s)"
    assert http_failure(503, "Wed, 21 Oct 2015 07:28:00 GMT").retry_after == 0.0  # in the past
    assert http_failure(503, "soon").retry_after is None
    assert http_failure(403, "30").reason == "HTTP 403"  # only a transient failure waits


def test_the_one_page_fetch_reads_statuses_as_the_crawl_does(serve, tmp_path, crawl):
    server = serve(StatusHandler)
    fetched = {}
    for status, retry_after in STATUSES.items():
        with pytest.raises(crawler.FetchFailure) as caught:
            crawler.fetch_page(f"{server.url}/status/{status}")
        expected = http_failure(status, retry_after)
        assert type(caught.value) is type(expected)
        assert caught.value.reason == expected.reason
        # The one-page fetch used to drop the Retry-After of a 429 or 503.
        assert getattr(caught.value, "retry_after", None) == getattr(expected, "retry_after", None)
        fetched[f"s{status}"] = f"failed: {caught.value.reason}"
    # js = false: a 403 would otherwise be tried again in the browser.
    sources = [{"id": f"s{status}", "url": f"{server.url}/status/{status}", "js": False}
               for status, retry_after in STATUSES.items() if not retry_after]
    config = write_config(tmp_path / "config.toml", sources, tmp_path / "pw.db")
    assert crawl(config) == {s["id"]: fetched[s["id"]] for s in sources}


@pytest.mark.parametrize("date", ["Wed, 21 Oct 2015 07:28:00 -0000", "Wed, 21 Oct 2015 07:28:00"])
def test_a_retry_after_date_without_a_zone_is_read_as_gmt(date):
    assert http_failure(503, date).retry_after == 0.0  # in the past
    assert http_failure(503, date.replace("2015", "2999")).retry_after > 0


class ZonelessRetryAfter(PageHandler):
    def do_GET(self):
        self.send_body(503, b"<p>busy</p>", headers=[("Retry-After", "Wed, 21 Oct 2015 07:28:00 -0000")])


def test_a_crawl_records_a_503_whose_retry_after_date_has_no_zone(serve, tmp_path, crawl):
    # It raised a TypeError in the spider: no fetch row, and "not fetched: the crawl stopped first".
    server = serve(ZonelessRetryAfter)
    config = write_config(tmp_path / "config.toml", [{"id": "busy", "url": f"{server.url}/p", "js": False}],
                          tmp_path / "pw.db")
    assert crawl(config) == {"busy": "failed: HTTP 503"}
    with Store(tmp_path / "pw.db") as store:
        assert [(f["outcome"], f["error_class"]) for f in store.fetches("busy")] == [("failed", "transient")] * 2
