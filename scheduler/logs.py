"""The daemon's logs: stdlib logging to stderr, one line per event, for journald or, with
`--log-format json`, one JSON object per line for log collectors.

    log.info("fetch %s %s", source, line, extra={"fields": {"source": source, ...}})
"""

import json
import logging
import sys
from datetime import datetime, timezone

LEVELS = ["debug", "info", "warning", "error"]


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup(level: str = "info", fmt: str = "text") -> None:
    """Log to stderr. Text lines carry no timestamp: journald adds its own."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json"
                         else logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # APScheduler (every job run) and Scrapy (settings, stats) log a screenful per run at INFO;
    # with LOG_ENABLED off Scrapy still propagates to the root logger. Keep only our lines.
    for noisy in ("apscheduler", "scrapy", "scrapy-playwright", "twisted", "py.warnings"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # Each crawl, the redirect middlewares warn that the Referer middleware is off: it is off on
    # purpose (crawler/settings.py; no Referer is what we want), and a warning per run would
    # bury real ones at --log-level warning.
    logging.getLogger("scrapy.downloadermiddlewares.redirect").setLevel(max(logging.ERROR, root.level))
