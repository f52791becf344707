"""A bad cron expression anywhere the daemon reads one is a config mistake: `check-config` and
`run` exit 2 naming the file, line and key, before anything is crawled or scheduled."""

import pytest

from conftest import read_cli

BASE = """\
[store]
path = "pw.db"

[schedule]
every = "6h"

[notify.email]
enabled = true
to = ["privacy-team@example.org"]
schedule = "after-crawl"

[[sources]]
id = "acme-privacy"
url = "https://acme.example/privacy"
"""


@pytest.mark.parametrize("edit, line, key", [
    (('every = "6h"', 'crawl = "0 */6 * * 8"'), 5, "schedule.crawl"),  # weekday 8
    (('url = "https://acme.example/privacy"', 'url = "https://acme.example/privacy"\nschedule = "0 25 * * *"'),
     15, "sources[1].schedule"),  # hour 25
    (('schedule = "after-crawl"', 'schedule = "61 * * * *"'), 10, "notify.email.schedule"),  # minute 61
    (('schedule = "after-crawl"', 'schedule = "0 8 * *"'), 10, "notify.email.schedule"),  # four fields
])
@pytest.mark.parametrize("command", ["check-config", "run"])
def test_a_bad_cron_expression_exits_2_with_file_line_and_key(tmp_path, edit, line, key, command):
    config = tmp_path / "config.toml"
    config.write_text(BASE.replace(*edit), encoding="utf-8")
    result = read_cli("--config", str(config), command, check=False)
    assert result.exit_code == 2, result.output
    assert f"{config}:{line}: {key}: " in result.stderr
    if "25" in edit[1] or "61" in edit[1] or "* 8" in edit[1]:
        assert "cron expression" in result.stderr and ("higher than the maximum" in result.stderr
                                                       or "out of range" in result.stderr)
    assert "Traceback" not in result.output
    assert not (tmp_path / "pw.db").exists()  # refused before the database was opened


def test_the_base_config_is_valid(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(BASE, encoding="utf-8")
    assert read_cli("--config", str(config), "check-config").exit_code == 0
