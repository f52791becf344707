"""[notify], [notify.email] and [notify.feed] in config.toml: the issue's example loads, and each
mistake in a sub-table names the file, the line and the dotted key."""

import pytest

from scheduler.config import ConfigError, parse

EXAMPLE = """\
[store]
path = "pw.db"

[notify.email]
enabled = true
smtp_host = "localhost"
smtp_port = 587
security = "starttls"
username = "policywatch"
password_env = "POLICYWATCH_SMTP_PASSWORD"
from = "policywatch <policywatch@example.org>"
to = ["privacy-team@example.org"]
schedule = "after-crawl"
min_significance = "minor"

[notify.feed]
enabled = true
dir = "feeds"
base_url = "http://localhost:8080"
"""


def test_the_example_of_the_issue_loads_with_defaults_filled_in():
    notify = parse(EXAMPLE).notify
    assert notify["failures_after"] == 3
    assert notify["email"]["security"] == "starttls"
    assert notify["email"]["to"] == ["privacy-team@example.org"]
    assert notify["email"]["timeout"] == 30.0
    assert notify["feed"] == {"enabled": True, "dir": "feeds", "base_url": "http://localhost:8080", "limit": 50}


def test_without_a_notify_table_every_channel_is_off():
    notify = parse('[store]\npath = "pw.db"\n').notify
    assert notify["email"]["enabled"] is False and notify["feed"]["enabled"] is False
    assert notify["email"]["to"] == []


def test_a_cron_schedule_is_accepted():
    assert parse(EXAMPLE.replace('"after-crawl"', '"0 8 * * 1-5"')).notify["email"]["schedule"] == "0 8 * * 1-5"


@pytest.mark.parametrize("edit, line, message", [
    (('security = "starttls"', 'securty = "tls"'), 8, "notify.email.securty: unknown key"),
    (('security = "starttls"', 'security = "ssl"'), 8, "notify.email.security: must be one of 'starttls', 'tls', 'none'"),
    (('username = "policywatch"', 'password = "hunter2"'), 9, "notify.email.password: unknown key"),
    (('to = ["privacy-team@example.org"]', 'to = "privacy-team@example.org"'), 12, "notify.email.to: must be list"),
    (('to = ["privacy-team@example.org"]', 'to = ["nobody"]'), 12, "notify.email.to: must be a list of e-mail addresses"),
    (('schedule = "after-crawl"', 'schedule = "daily"'), 13, "notify.email.schedule: must be \"after-crawl\" or a cron"),
    (('min_significance = "minor"', 'min_significance = "major"'), 14, "notify.email.min_significance: must be one of"),
    (('smtp_port = 587', 'smtp_port = "587"'), 7, "notify.email.smtp_port: must be int"),
    (('base_url = "http://localhost:8080"', 'base_url = "javascript:alert(1)"'), 19, "notify.feed.base_url: must be an http(s) URL"),
    (("[notify.feed]", "[notify.feeds]"), 16, "notify.feeds: unknown key (known: failures_after, email, feed)"),
    (("[notify.feed]", "[notify]\nfailures_after = -1\n[notify.feed]"), 17, "notify.failures_after: must not be negative"),
])
def test_a_mistake_in_a_notify_table_names_the_file_line_and_key(edit, line, message):
    with pytest.raises(ConfigError) as e:
        parse(EXAMPLE.replace(*edit), "conf/config.toml")
    assert str(e.value).startswith(f"conf/config.toml:{line}: {message}")
