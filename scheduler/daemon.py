"""The daemon: crawls each source on its schedule, delivers digests after the crawls they follow,
reloads config.toml on SIGHUP and stops cleanly on SIGTERM / SIGINT.

Everything runs in one process, on the asyncio loop under Twisted's asyncio reactor
(docs/decisions/0001-daemon-on-the-asyncio-reactor.md):

    APScheduler jobs (one per source, cron or interval, with jitter)
        └─ mark the source due ──▶ one worker ──▶ run_once(due sources) ──▶ after-crawl digests

The worker runs one crawl at a time, of every source due by then. So a source is never crawled
twice at once, a run that overruns makes the next one wait (sources due meanwhile coalesce into
it), and Scrapy's one-request-per-domain limit covers all sources, since only one Scrapy crawler
is ever running.

    reactor.run(Daemon(config, store).run)
"""

import asyncio
import inspect
import logging
import signal
import threading
import time
from datetime import datetime, timedelta, timezone

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

import crawler
import notifier
from store import Store

from . import config as config_mod
from . import schedule as schedule_mod
from . import serve
from .run import run_once

log = logging.getLogger("policywatch.daemon")

GRACE = 7.0  # seconds a stop waits for in-flight fetches: inside a service manager's 10 s
BATCH_WINDOW = 0.2  # seconds: sources due within this window share one crawl
_JOB = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}


class Daemon:
    """The long-running scheduler over one open store.

    `deliver(store, notify_config, channel)` sends a channel's pending digest (default:
    `notifier.deliver_pending` when this build's notifier has it); `channels` maps a channel
    name to its table, whose `schedule` is `after-crawl` (default) or a cron expression
    (default: the tables of `[notify.*]`)."""

    def __init__(self, config: config_mod.Config, store, *, deliver=None, channels=None,
                 grace: float = GRACE, tz=None):
        self.config = config
        self.store = store
        self.deliver = deliver or notifier.deliver_pending
        self._fixed_channels = channels
        self.grace = grace
        self.tz = tz
        self.passes = 0
        self.sources = {s["id"]: s for s in config.sources}
        self.schedules: dict[str, schedule_mod.Schedule] = {}
        self._pending: dict[str, None] = {}  # due source ids, in order (a set that keeps order)
        self._digests: dict[str, None] = {}  # channels whose cron digest is due
        self._wake = asyncio.Event()
        self._stopping = False
        self._stopped = asyncio.Event()
        self._stopper: crawler.Stopper | None = None
        self.scheduler: AsyncIOScheduler | None = None

    # --- the life of the daemon ----------------------------------------------------------

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop, sig.name)
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        self.scheduler = AsyncIOScheduler(event_loop=loop, job_defaults=_JOB,
                                          **({"timezone": self.tz} if self.tz else {}))
        self.store.sync_sources(self.config.sources)
        # Before any job is scheduled: a taken port stops the daemon before it crawls anything.
        server = serve.start(self.store, self.config)
        self._schedule_sources(self.config.sources)
        self._schedule_digests()
        self.scheduler.start()
        self._publish_next_runs()
        log.info("daemon: started, %d sources, database %s", len(self.sources), self.store.path,
                 extra={"fields": {"event": "start", "sources": len(self.sources)}})
        worker = asyncio.ensure_future(self._work())
        await self._stopped.wait()
        self.scheduler.shutdown(wait=False)
        if self._stopper:
            self._stopper.stop()  # no new requests; those in flight finish and are recorded
        try:
            await asyncio.wait_for(asyncio.shield(worker), timeout=self.grace)
        except asyncio.TimeoutError:
            # Each fetch is recorded in one transaction, on this thread: cancelling between
            # two of them leaves whole fetches or none.
            log.warning("daemon: fetches still in flight after %gs abandoned (not recorded)", self.grace)
            worker.cancel()
        if server is not None:
            server.close()
        log.info("daemon: stopped after %d runs", self.passes,
                 extra={"fields": {"event": "stop", "runs": self.passes}})

    def stop(self, why: str = "stop") -> None:
        if self._stopping:
            return
        log.info("daemon: %s received, stopping", why, extra={"fields": {"event": "signal", "signal": why}})
        self._stopping = True
        self._wake.set()
        self._stopped.set()

    def reload(self) -> None:
        """SIGHUP: read config.toml again; add, remove and reschedule sources without a restart."""
        try:
            new = config_mod.load(self.config.path)
        except config_mod.ConfigError as e:
            log.error("reload: %s; keeping the running configuration", e,
                      extra={"fields": {"event": "reload", "error": str(e)}})
            return
        if new.store["path"] != self.config.store["path"]:
            log.warning("reload: [store] path changed; it takes effect at the next start")
        old_ids, new_ids = set(self.sources), {s["id"] for s in new.sources}
        for sid in old_ids - new_ids:
            self._unschedule(sid)
            self._pending.pop(sid, None)
        self.config = new
        self.sources = {s["id"]: s for s in new.sources}
        self.store.sync_sources(new.sources)
        changed = [s for s in new.sources
                   if s["id"] not in old_ids
                   or schedule_mod.for_source(s, new.schedule) != self.schedules.get(s["id"])]
        self._schedule_sources(changed)
        self._schedule_digests()
        self._publish_next_runs()
        log.info("reload: %d sources (%d added, %d removed, %d rescheduled)", len(new_ids),
                 len(new_ids - old_ids), len(old_ids - new_ids),
                 len([s for s in changed if s["id"] in old_ids]),
                 extra={"fields": {"event": "reload", "sources": len(new_ids)}})

    # --- scheduling ----------------------------------------------------------------------

    def _schedule_sources(self, sources: list[dict]) -> None:
        """Add (or replace) each source's job. Sources whose last fetch is older than their
        interval are overdue: they start within [schedule] catch_up, spread evenly, oldest first."""
        now = datetime.now(timezone.utc)
        window = schedule_mod.parse_duration(self.config.schedule["catch_up"] or "0s")
        plans, overdue = [], []
        for source in sources:
            sched = schedule_mod.for_source(source, self.config.schedule)
            last = _parse_time(self.store.last_fetched_at(source["id"]))
            plans.append((source["id"], sched, last))
            if sched.overdue(last, now, self.tz):
                overdue.append((last or datetime.min.replace(tzinfo=timezone.utc), source["id"]))
        offsets = {sid: i * window / len(overdue) for i, (_, sid) in enumerate(sorted(overdue))}
        for sid, sched, last in plans:
            self.schedules[sid] = sched
            self._unschedule(sid)
            catch_up = None
            if sid in offsets:
                catch_up = now + timedelta(seconds=min(offsets[sid], sched.interval(self.tz)))
            if catch_up:
                # A one-off job: a date trigger fires even when the scheduler starts after it.
                self.scheduler.add_job(self._due, DateTrigger(catch_up), args=[sid], id=f"catchup:{sid}")
            if sched.every is not None:
                first = (catch_up or last) + timedelta(seconds=sched.every)
                trigger = sched.trigger(start=first)
            else:
                trigger = sched.trigger(tz=self.tz)
            self.scheduler.add_job(self._due, trigger, args=[sid], id=f"crawl:{sid}")

    def _unschedule(self, sid: str) -> None:
        for job_id in (f"crawl:{sid}", f"catchup:{sid}"):
            if self.scheduler.get_job(job_id):
                self.scheduler.remove_job(job_id)

    def _channels(self) -> dict[str, dict]:
        if self._fixed_channels is not None:
            return self._fixed_channels
        notify = getattr(self.config, "notify", None) or {}
        return {name: table for name, table in notify.items()
                if isinstance(table, dict) and table.get("enabled")}

    def _schedule_digests(self) -> None:
        for job in self.scheduler.get_jobs():
            if job.id.startswith("digest:"):
                job.remove()
        for name, table in self._channels().items():
            when = table.get("schedule") or "after-crawl"
            if when != "after-crawl":
                self.scheduler.add_job(self._digest_due, schedule_mod.cron_trigger(when, self.tz),
                                       args=[name], id=f"digest:{name}")

    async def _due(self, sid: str) -> None:
        if self._stopping or sid not in self.sources:
            return
        self._pending[sid] = None  # already pending: coalesced
        self._wake.set()

    async def _digest_due(self, channel: str) -> None:
        self._digests[channel] = None
        self._wake.set()

    def _publish_next_runs(self) -> None:
        """Write each source's next run where `policywatch status` reads it."""
        runs: dict[str, datetime | None] = {sid: None for sid in self.sources}
        for job in self.scheduler.get_jobs():
            kind, _, sid = job.id.partition(":")
            if kind in ("crawl", "catchup") and sid in runs and job.next_run_time:
                at = job.next_run_time
                runs[sid] = at if runs[sid] is None else min(runs[sid], at)
        self.store.set_next_runs({sid: _format_time(at) for sid, at in runs.items()})

    # --- the worker: one crawl at a time ----------------------------------------------------

    async def _work(self) -> None:
        while not self._stopping:
            await self._wake.wait()
            await asyncio.sleep(BATCH_WINDOW)
            self._wake.clear()
            if self._stopping:
                break
            batch = [self.sources[sid] for sid in self._pending if sid in self.sources]
            self._pending.clear()
            if batch:
                await self._crawl(batch)
                if self._stopping:
                    break  # undelivered digests stay in the outbox for the next start
                for name, table in self._channels().items():
                    if (table.get("schedule") or "after-crawl") == "after-crawl":
                        await self._deliver(name)
            for name in list(self._digests):
                self._digests.pop(name)
                await self._deliver(name)
            if self._pending and self.config.crawl["download_delay"]:
                # The next crawl starts afresh: keep the politeness delay between the two.
                await asyncio.sleep(self.config.crawl["download_delay"])

    async def _crawl(self, batch: list[dict]) -> None:
        self._stopper = crawler.Stopper()
        started = time.monotonic()
        try:
            # notify_config=None: run_once delivers nothing here; the worker's own after-crawl
            # step is the one path that delivers after a crawl in the daemon.
            outcomes = await run_once(batch, self.store, self.config.crawl, on_outcome=_log_outcome,
                                      notify_config=None, stopper=self._stopper)
        except Exception:
            log.exception("run: failed", extra={"fields": {"event": "run", "error": True}})
            return
        finally:
            self._stopper = None
        self.passes += 1
        counts = {k: sum(o.status == k for o in outcomes) for k in ("new", "changed", "unchanged", "failed")}
        seconds = time.monotonic() - started
        log.info("run: %d sources: %s in %.1fs", len(batch),
                 ", ".join(f"{n} {k}" for k, n in counts.items()), seconds,
                 extra={"fields": {"event": "run", "run": self.passes, "sources": len(batch),
                                   **counts, "seconds": round(seconds, 3)}})
        if not self._stopping:
            self._publish_next_runs()

    async def _deliver(self, channel: str) -> None:
        notify = getattr(self.config, "notify", None) or self._channels()
        if self.config.path is not None:
            notify = notifier.with_paths(notify, self.config.path.parent)
        try:
            if inspect.iscoroutinefunction(self.deliver):
                result = await self.deliver(self.store, notify, channel)
            else:
                result = await self._in_thread(channel, notify)
            if result:  # digests delivered (an empty list: nothing new)
                log.info("digest: %s: %d delivered", channel, len(result),
                         extra={"fields": {"event": "digest", "channel": channel, "digests": len(result)}})
        except Exception:
            log.exception("digest: %s: delivery failed", channel,
                          extra={"fields": {"event": "digest", "channel": channel, "error": True}})


    async def _in_thread(self, channel: str, notify: dict):
        """Deliver in a thread with its own connection: an SMTP server that never answers holds
        smtplib for `timeout` seconds, which must not hold the loop (SIGTERM, crawls, the server).
        A daemon thread, not an executor: at a stop it is abandoned, not waited for; its digest
        was claimed but not marked sent, so it goes out at the next start (same Message-ID)."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def settle(result, error):
            if not done.done():
                done.set_exception(error) if error else done.set_result(result)

        def work():
            try:
                with Store(self.store.path, busy_timeout=self.config.store.get("busy_timeout", 10.0)) as store:
                    result = self.deliver(store, notify, channel)
            except Exception as e:
                loop.call_soon_threadsafe(settle, None, e)
            else:
                loop.call_soon_threadsafe(settle, result, None)

        threading.Thread(target=work, name=f"policywatch-digest-{channel}", daemon=True).start()
        return await done


def _log_outcome(outcome) -> None:
    log.log(logging.WARNING if outcome.status == "failed" else logging.INFO,
            "fetch %s %s", outcome.source, outcome.line(),
            extra={"fields": {"event": "fetch", "source": outcome.source, "outcome": outcome.status,
                              "detail": outcome.detail, "error_class": outcome.error_class}})


def _parse_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _format_time(at: datetime | None) -> str | None:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if at else None
