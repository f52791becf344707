"""A page that alternates between two byte-identical variants (an A/B test, a geo variant):
each fetch is compared with the page fetched last, not with the newest stored body."""

import sqlite3

from conftest import write_config


def test_alternating_variants_are_each_seen_and_the_current_version_follows_the_page(site, tmp_path, cli):
    site.copy("privacy.html")
    db = tmp_path / "pw.db"
    config = write_config(tmp_path / "config.toml",
                          [{"id": "acme", "url": f"{site.url}/privacy.html", "select": "#policy"}], db)

    def crawl():
        return cli("--config", str(config), "crawl").stdout.split(None, 1)[1].strip()

    a, b = "Write to privacy@acme.example", "Write to legal@acme.example"
    assert crawl() == "new"
    site.edit("privacy.html", a, b)
    assert crawl().startswith("changed: 1 modified")
    site.edit("privacy.html", b, a)  # the bytes of the first fetch again
    assert "flapping" in crawl()
    site.edit("privacy.html", a, b)  # the bytes of the second fetch again: not "the same bytes"
    line = crawl()
    assert line.startswith("changed: 1 modified") and "flapping" in line
    conn = sqlite3.connect(db)
    try:
        (current,) = conn.execute("select markdown from versions order by id desc limit 1").fetchone()
        reasons = [r for (r,) in conn.execute("select reason from fetches order by id")]
    finally:
        conn.close()
    assert "legal@acme.example" in current and "privacy@acme.example" not in current
    assert "same bytes" not in reasons
