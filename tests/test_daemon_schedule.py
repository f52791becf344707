"""Schedules: intervals, cron lines (with crontab's weekdays), jitter, overdue sources, and
the config mistakes they can hold, each named by file, line and key."""

from datetime import datetime, timedelta, timezone

import pytest

from scheduler.config import ConfigError, parse
from scheduler.schedule import Schedule, cron_trigger, for_source, parse_duration, parse_spec

TABLE = {"crawl": "", "every": "", "jitter": "5m", "catch_up": "2m"}
BASE = """\
[store]
path = "pw.db"

[schedule]
every = "6h"
jitter = "5m"

[[sources]]
id = "acme-privacy"
url = "https://acme.example/privacy"
"""


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("5m", 300), ("6h", 21600), ("1d", 86400),
                                           ("1h30m", 5400), ("0.5s", 0.5)])
def test_durations_take_the_units_s_m_h_d(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["6", "6x", "h", "", "6h x"])
def test_a_duration_without_a_unit_is_refused(text):
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


def test_a_source_schedule_is_an_interval_or_a_cron_line():
    assert parse_spec("12h") == (43200, None)
    assert parse_spec("0 3 * * 1-5") == (None, "0 3 * * 1-5")


def test_cron_weekdays_count_sunday_as_0_like_crontab():
    # APScheduler 3 alone would read 0 as Monday.
    saturday = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)
    assert cron_trigger("0 3 * * 0", timezone.utc).get_next_fire_time(None, saturday).weekday() == 6
    assert cron_trigger("0 3 * * 7", timezone.utc).get_next_fire_time(None, saturday).weekday() == 6
    assert cron_trigger("0 3 * * 1-5", timezone.utc).get_next_fire_time(None, saturday).weekday() == 0


def test_a_source_schedule_overrides_the_default_and_jitter_is_capped_at_a_quarter_interval():
    assert for_source({}, {**TABLE, "every": "6h"}) == Schedule(every=21600, jitter=300)
    assert for_source({}, TABLE).every == 21600  # 6h when neither crawl nor every is given
    assert for_source({"schedule": "2s"}, TABLE) == Schedule(every=2, jitter=0.5)
    cron = for_source({}, {**TABLE, "crawl": "*/10 * * * *"})
    assert (cron.cron, cron.jitter) == ("*/10 * * * *", 150)


def test_a_source_is_overdue_when_a_run_was_missed_since_its_last_fetch():
    now = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
    every = Schedule(every=3600)
    assert every.overdue(None, now)
    assert every.overdue(now - timedelta(hours=2), now)
    assert not every.overdue(now - timedelta(minutes=10), now)
    daily = Schedule(cron="0 3 * * *")
    assert daily.overdue(now - timedelta(days=1), now, timezone.utc)
    assert not daily.overdue(now - timedelta(hours=8), now, timezone.utc)  # 04:00 today


@pytest.mark.parametrize("edit, line, key", [
    (('every = "6h"', 'every = "6 hours"'), 5, "schedule.every"),
    (('jitter = "5m"', 'jitter = "soon"'), 6, "schedule.jitter"),
    (('every = "6h"', 'every = "6h"\ncrawl = "0 */6 * * *"'), 5, "schedule.every"),
    (('every = "6h"', 'crawl = "0 */6 * *"'), 5, "schedule.crawl"),
    (('url = "https://acme.example/privacy"', 'url = "https://acme.example/privacy"\nschedule = "weekly"'),
     11, "sources[1].schedule"),
])
def test_a_schedule_mistake_names_the_file_line_and_key(edit, line, key):
    with pytest.raises(ConfigError) as e:
        parse(BASE.replace(*edit), "config.toml")
    assert str(e.value).startswith(f"config.toml:{line}: {key}: ")


def test_serve_and_a_source_schedule_load():
    config = parse(BASE.replace('url = "https://acme.example/privacy"',
                                'url = "https://acme.example/privacy"\nschedule = "0 3 * * *"')
                   + '\n[serve]\nenabled = true\n', "config.toml")
    assert config.sources[0]["schedule"] == "0 3 * * *"
    assert config.serve == {"enabled": True, "host": "127.0.0.1", "port": 8080}
