"""config.toml: every mistake is one clear line naming the file, the line and the key; exit 2."""

import pytest

from scheduler.config import ConfigError, load, parse

GOOD = """\
[store]
path = "pw.db"

[crawl]
timeout = 20

[[sources]]
id = "acme-privacy"
url = "https://acme.example/privacy"
select = "#policy"

[[sources]]
id = "acme-terms"
url = "https://acme.example/terms"
"""


def test_a_valid_config_loads_with_defaults_filled_in():
    config = parse(GOOD)
    assert config.store == {"path": "pw.db", "busy_timeout": 10.0}
    assert config.crawl["timeout"] == 20.0
    assert config.crawl["download_delay"] == 1.0
    assert [s["id"] for s in config.sources] == ["acme-privacy", "acme-terms"]
    assert config.sources[1]["name"] == "acme-terms"


@pytest.mark.parametrize("edit, line, key", [
    (("timeout = 20", "timeuot = 20"), 5, "crawl.timeuot"),
    (("timeout = 20", 'timeout = "soon"'), 5, "crawl.timeout"),
    (('select = "#policy"', 'selector = "#policy"'), 10, "sources[1].selector"),
    (('url = "https://acme.example/terms"', 'url = "ftp://acme.example/terms"'), 14, "sources[2].url"),
    (('id = "acme-terms"', 'id = "acme-privacy"'), 13, "sources[2].id"),
    (('id = "acme-terms"\n', ''), 12, "sources[2].id"),
    (("[crawl]", "[crawling]"), 4, "crawling"),
])
def test_a_mistake_names_the_file_line_and_key(edit, line, key):
    with pytest.raises(ConfigError) as e:
        parse(GOOD.replace(*edit), "conf/config.toml")
    message = str(e.value)
    assert message.startswith(f"conf/config.toml:{line}: ")
    assert key in message
    assert "\n" not in message


def test_a_toml_syntax_error_names_the_line():
    with pytest.raises(ConfigError) as e:
        parse(GOOD.replace('id = "acme-terms"', 'id = acme-terms'), "config.toml")
    assert "config.toml: TOML syntax error" in str(e.value)
    assert "line 13" in str(e.value)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load(tmp_path / "nope.toml")


def test_the_shipped_config_is_valid_and_tracks_the_big_vendors():
    from conftest import ROOT

    config = load(ROOT / "config.toml")
    ids = {s["id"] for s in config.sources}
    for vendor in ("xiaomi", "google", "apple", "meta", "microsoft", "amazon", "samsung"):
        assert any(i.startswith(vendor) for i in ids), vendor


def test_crawl_with_an_invalid_config_exits_2_naming_the_key_and_crawls_nothing(tmp_path, cli):
    config = tmp_path / "config.toml"
    config.write_text(GOOD.replace("timeout = 20", "timeuot = 20").replace("pw.db", str(tmp_path / "pw.db")))
    proc = cli("--config", str(config), "crawl", check=False)
    assert proc.returncode == 2
    assert f"{config}:5: crawl.timeuot: unknown key" in proc.stderr
    assert proc.stdout == ""
    assert not (tmp_path / "pw.db").exists()


@pytest.mark.parametrize("select, message", [
    ('select = "div[role=article"', "invalid CSS selector"),
    ('select = [{ startBefore = "h1" }]', "a range needs"),
    ('select = [{ startBefore = "h1", endBefore = "##x" }]', "invalid CSS selector"),
    ('select = [{ beginBefore = "h1", endBefore = "p" }]', "unknown range key 'beginBefore'"),
])
def test_an_invalid_selector_is_a_config_error_naming_the_line(select, message):
    with pytest.raises(ConfigError) as e:
        parse(GOOD.replace('select = "#policy"', select), "config.toml")
    assert str(e.value).startswith("config.toml:10: sources[1].select: ")
    assert message in str(e.value)


def test_a_range_selector_is_accepted():
    config = parse(GOOD.replace('select = "#policy"', 'select = [{ startBefore = "h1", endAfter = "#end" }]'))
    assert config.sources[0]["select"] == [{"startBefore": "h1", "endAfter": "#end"}]


def test_check_config_validates_without_crawling(tmp_path, cli):
    config = tmp_path / "config.toml"
    config.write_text(GOOD)
    proc = cli("--config", str(config), "check-config")
    assert proc.stdout == f"{config}: ok, 2 sources\n"
    config.write_text(GOOD.replace('url = "https://acme.example/terms"', 'url = "file:///etc/passwd"'))
    proc = cli("--config", str(config), "check-config", check=False)
    assert proc.returncode == 2
    assert f"{config}:14: sources[2].url: must be an http(s) URL" in proc.stderr


def test_an_unreadable_config_exits_2(tmp_path, cli):
    config = tmp_path / "config.toml"
    config.write_bytes(b"\xff\xfe not utf-8")
    proc = cli("--config", str(config), "check-config", check=False)
    assert proc.returncode == 2
    assert str(config) in proc.stderr
