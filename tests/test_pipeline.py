"""What the pipeline makes of a page's text over time: reverts, shrinking, ignore rules,
repeated failures."""

import pytest

from conftest import tuples, write_config


@pytest.fixture
def watch(site, tmp_path, cli):
    db = tmp_path / "pw.db"

    def configure(**source):
        if not (site.root / "privacy.html").exists():
            site.copy("privacy.html")
        source = {"id": "acme", "url": f"{site.url}/privacy.html", "select": "#policy", **source}
        config = write_config(tmp_path / "config.toml", [source], db)

        def crawl():
            return cli("--config", str(config), "crawl").stdout.split(None, 1)[1].strip()

        return crawl

    configure.db = db
    return configure


def test_a_revert_to_a_recent_text_is_recorded_as_flapping(watch, site):
    crawl = watch()
    assert crawl() == "new"
    site.edit("privacy.html", "Write to privacy@acme.example", "Write to legal@acme.example")
    assert crawl() == "changed: 1 modified, 0 added, 0 removed"
    site.edit("privacy.html", "Write to legal@acme.example", "Write to privacy@acme.example")
    line = crawl()
    assert line.startswith("changed: 1 modified") and "flapping" in line, tuples(watch.db, "select outcome, reason, status, snapshot_id from fetches")
    assert tuples(watch.db, "select flapping from change_sets order by id") == [(0,), (1,)]
    assert tuples(watch.db, "select flapping from versions order by id") == [(0,), (0,), (1,)]


def test_a_text_shrunk_by_more_than_half_is_a_failure_and_the_version_stays(watch, site):
    crawl = watch()
    crawl()
    text = (site.root / "privacy.html").read_text()
    start, end = text.index("<h2>Information we collect</h2>"), text.index("<h2>Contact</h2>")
    (site.root / "privacy.html").write_text(text[:start] + text[end:])
    site.edit("privacy.html", "<h1>", "<h1>")  # moves Last-Modified on
    line = crawl()
    assert line.startswith("failed: text shrank")
    assert tuples(watch.db, "select count(*) from versions") == [(1,)]
    assert tuples(watch.db, "select count(*) from changes where kind = 'removed'") == [(0,)]


def test_the_same_broken_bytes_fail_again_rather_than_count_as_unchanged(watch, site):
    crawl = watch()
    crawl()
    site.edit("privacy.html", 'id="policy"', 'id="gone"')
    assert crawl().startswith("failed: ")
    assert crawl().startswith("failed: ")
    assert tuples(watch.db, "select outcome from fetches order by id") == [("new",), ("failed",), ("failed",)]


def test_ignore_patterns_keep_a_changing_line_out_of_the_comparison(watch, site):
    site.copy("privacy.html")
    site.edit("privacy.html", "<h1>Acme Privacy Policy</h1>", "<h1>Acme Privacy Policy</h1><p>Last visited 3 minutes ago</p>")
    crawl = watch(ignore=["^Last visited .*$"])
    assert crawl() == "new"
    site.edit("privacy.html", "Last visited 3 minutes ago", "Last visited 9 minutes ago")
    assert crawl() == "unchanged"
    assert "Last visited" not in tuples(watch.db, "select markdown from versions")[0][0]


def test_tracking_parameters_in_links_are_not_changes(watch, site):
    site.copy("privacy.html")
    site.edit("privacy.html", "privacy@acme.example", '<a href="/contact?utm_source=a&amp;ref=x1">our form</a>')
    crawl = watch(tracking_params=["ref"])
    assert crawl() == "new"
    site.edit("privacy.html", "utm_source=a&amp;ref=x1", "utm_source=b&amp;ref=x2")
    assert crawl() == "unchanged"


def test_the_same_bytes_without_validators_are_unchanged_without_extraction(tmp_path, cli):
    from faults import FaultServer

    with FaultServer() as server:  # sends neither ETag nor Last-Modified
        config = write_config(tmp_path / "config.toml", [{"id": "ok", "url": f"{server.url}/ok", "select": "main"}],
                              tmp_path / "pw.db")
        assert cli("--config", str(config), "crawl").stdout.split() == ["ok", "new"]
        assert cli("--config", str(config), "crawl").stdout.split() == ["ok", "unchanged"]
    assert tuples(tmp_path / "pw.db", "select outcome, reason, snapshot_id from fetches order by id") == [
        ("new", None, 1), ("unchanged", "same bytes", 1)]


def test_reextract_after_a_selector_change_records_technical_versions_only(watch, site, cli, tmp_path):
    crawl = watch()
    crawl()
    # The user narrows the selector to drop the contact section: no fetch, a technical version.
    config = tmp_path / "config.toml"
    config.write_text(config.read_text().replace('select = "#policy"', 'select = "#policy"\nremove = ["h2:nth-of-type(3) ~ p"]'))
    out = cli("--config", str(config), "reextract").stdout
    assert out.split(None, 1) == ["acme", "changed: 0 modified, 0 added, 1 removed (technical: not announced)\n"]
    assert tuples(watch.db, "select technical from change_sets") == [(1,)]
    assert tuples(watch.db, "select technical from versions order by id") == [(0,), (1,)]
    assert tuples(watch.db, "select count(*) from fetches") == [(1,)]  # nothing fetched
    # Again: nothing more to rebuild.
    assert cli("--config", str(config), "reextract").stdout.split() == ["acme", "unchanged"]


def test_reverts_and_re_extractions_are_never_announced(watch, site, cli, tmp_path):
    import feedparser

    crawl = watch()
    config = tmp_path / "config.toml"
    feeds = tmp_path / "feeds"
    config.write_text(config.read_text() + f'\n[notify.feed]\nenabled = true\ndir = "{feeds}"\n')
    crawl()
    site.edit("privacy.html", "Write to privacy@acme.example", "Write to legal@acme.example")
    crawl()  # announced
    site.edit("privacy.html", "Write to legal@acme.example", "Write to privacy@acme.example")
    crawl()  # a revert: flapping
    config.write_text(config.read_text().replace('select = "#policy"', 'select = "#policy"\nremove = ["h2:nth-of-type(3) ~ p"]'))
    cli("--config", str(config), "reextract")  # technical
    cli("--config", str(config), "digest", "--channel", "feed")
    assert tuples(watch.db, "select technical, flapping from change_sets order by id") == [(0, 0), (0, 1), (1, 0)]
    entries = feedparser.parse(str(feeds / "atom.xml")).entries
    assert len(entries) == 1
    assert "version 1 → 2" in entries[0].content[0].value  # the real edit, not the revert
