"""When the daemon crawls: the [schedule] table, per-source `schedule`, and their triggers.

    [schedule]
    every = "6h"             # or crawl = "0 */6 * * *" (cron: minute hour day month weekday)
    jitter = "5m"            # random delay added to each run, at most a quarter of the interval
    catch_up = "2m"          # after downtime, overdue sources start spread over this window

    [[sources]]
    schedule = "1d"          # or a cron expression: overrides [schedule] for this source
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a trigger is made (see Schedule.trigger)
    from apscheduler.triggers.cron import CronTrigger

# The [schedule] table: key -> (type, default). `crawl` and `every` exclude each other.
CONFIG = {
    "crawl": (str, ""),
    "every": (str, ""),  # 6h when neither `crawl` nor `every` is given
    "jitter": (str, "5m"),
    "catch_up": (str, "2m"),
}
DEFAULT_EVERY = "6h"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


def parse_duration(text: str) -> float:
    """`90s`, `5m`, `6h`, `1d`, `1h30m` -> seconds; ValueError otherwise."""
    compact = text.replace(" ", "")
    parts = _DURATION.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"{text!r} is not a duration (a number and a unit s, m, h or d: 6h, 90s, 1h30m)")
    return sum(float(n) * _UNITS[u] for n, u in parts)


@dataclass(frozen=True)
class Schedule:
    """Either a fixed interval (`every`, seconds) or a cron expression, plus jitter."""

    every: float | None = None
    cron: str | None = None
    jitter: float = 0.0

    def trigger(self, start: datetime | None = None, tz=None):
        """The APScheduler trigger; an interval's first run is at `start` when given."""
        # APScheduler is imported when a trigger is made: `policywatch crawl` reads the [schedule]
        # table and makes none, and importing it cost each crawl ~4 ms of its start-up.
        from apscheduler.triggers.interval import IntervalTrigger

        if self.every is not None:
            return IntervalTrigger(seconds=self.every, start_date=start, jitter=self.jitter or None,
                                   timezone=tz or timezone.utc)
        return cron_trigger(self.cron, tz, jitter=self.jitter or None)

    def interval(self, tz=None) -> float:
        """Seconds between two runs (for cron: between its next two fire times)."""
        if self.every is not None:
            return self.every
        trigger = cron_trigger(self.cron, tz)
        now = datetime.now(timezone.utc)
        first = trigger.get_next_fire_time(None, now)
        second = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
        return (second - first).total_seconds()

    def overdue(self, last_fetch: datetime | None, now: datetime, tz=None) -> bool:
        """Whether a run was missed since `last_fetch` (always, for a source never fetched)."""
        if last_fetch is None:
            return True
        if self.every is not None:
            return last_fetch + timedelta(seconds=self.every) <= now
        trigger = cron_trigger(self.cron, tz)
        return trigger.get_next_fire_time(None, last_fetch + timedelta(seconds=1)) <= now

    def describe(self) -> str:
        return f"every {self.every:g}s" if self.every is not None else f"cron {self.cron!r}"


def parse_spec(text: str) -> tuple[float | None, str | None]:
    """A per-source `schedule`: a duration (`12h`) or a cron expression -> (every, cron)."""
    if _DURATION.match(text.strip()) and not text.strip().count(" ") >= 4:
        return _positive(parse_duration(text)), None
    try:
        return None, check_cron(text)
    except ValueError:
        if len(text.split()) == 5:  # meant as a cron line: say what is wrong with it
            raise
        raise ValueError(f"{text!r} is neither an interval (6h, 90s, 1d) nor a cron expression "
                         "(minute hour day month weekday: 0 */6 * * *)") from None


_CRON_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


def cron_trigger(expr: str, tz=None, jitter: float | None = None) -> "CronTrigger":
    """A CronTrigger for a crontab line, with crontab's weekdays (0 and 7 are Sunday):
    APScheduler 3 counts 0 as Monday, so weekdays are passed to it by name."""
    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"{len(fields)} fields instead of 5")
    minute, hour, day, month, weekday = fields
    from apscheduler.triggers.cron import CronTrigger  # here: see Schedule.trigger

    return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                       day_of_week=_weekdays(weekday), timezone=tz, jitter=jitter)


def _weekdays(field: str) -> str:
    if field == "*":
        return "*"
    days: set[int] = set()
    for part in field.lower().split(","):
        span, _, step = part.partition("/")
        if span == "*":
            first, last = 0, 6
        else:
            ends = [_CRON_DAYS.index(e[:3]) if e[:3] in _CRON_DAYS else int(e) for e in span.split("-")]
            first, last = ends[0], ends[-1] if "-" in span else (6 if step else ends[0])
        if not (0 <= first <= 7 and 0 <= last <= 7):
            raise ValueError(f"weekday {part!r} out of range 0-7")
        days.update(d % 7 for d in range(first, last + 1, int(step) if step else 1))
    return ",".join(_CRON_DAYS[d] for d in sorted(days))


def check_cron(text: str) -> str:
    try:
        cron_trigger(text)
    except ValueError as e:
        raise ValueError(f"{text!r} is not a cron expression (minute hour day month weekday): {e}") from None
    return text


def _positive(seconds: float) -> float:
    if seconds <= 0:
        raise ValueError("must be longer than 0s")
    return seconds


def check_table(table: dict) -> tuple[str, str] | None:
    """A mistake in a [schedule] table as (key, message), or None."""
    if table["crawl"] and table["every"]:
        return "every", "give either crawl (a cron expression) or every (an interval), not both"
    for key in ("every", "jitter", "catch_up"):
        if not table[key]:
            continue
        try:
            seconds = parse_duration(table[key])
            if key == "every":
                _positive(seconds)
        except ValueError as e:
            return key, str(e)
    if table["crawl"]:
        try:
            check_cron(table["crawl"])
        except ValueError as e:
            return "crawl", str(e)
    return None


def for_source(source: dict, table: dict) -> Schedule:
    """The schedule of a source: its own `schedule`, else [schedule] `crawl` or `every`."""
    jitter = parse_duration(table["jitter"] or "0s")
    if source.get("schedule"):
        every, cron = parse_spec(source["schedule"])
    elif table["crawl"]:
        every, cron = None, table["crawl"]
    else:
        every, cron = parse_duration(table["every"] or DEFAULT_EVERY), None
    schedule = Schedule(every=every, cron=cron)
    # Jitter spreads sources out; capped so that a short interval keeps its rhythm.
    return Schedule(every=every, cron=cron, jitter=min(jitter, schedule.interval() / 4))
