"""The `policywatch` command. Library errors become CLI errors here, and only here."""

import gc
import json
import os
import re
import sqlite3
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import click

import differ
from differ.lexicon import CATEGORIES, DATA_TYPES
from differ.learned import ModelError
import notifier
import store as store_pkg
import crawler
from crawler import FetchFailure, extract, fetch_page
from store import Store

from . import config as config_mod
from . import demo as demo_mod
from . import lock as lock_mod
from . import logs
from . import memory
from . import reactor
from .run import run_once

DEFAULT_CONFIG = "config.toml"


class ConfigProblem(click.ClickException):
    """An invalid config.toml: exit 2, like a usage error."""

    exit_code = 2


class Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except config_mod.ConfigError as e:
            raise ConfigProblem(str(e)) from None
        except (store_pkg.StoreError, FetchFailure, notifier.NotifyError, lock_mod.DaemonError,
                ModelError) as e:
            raise click.ClickException(str(e)) from None
        except sqlite3.Error as e:
            where = ctx.obj.get("db") if ctx.obj else None
            raise click.ClickException(f"database error{f' in {where}' if where else ''}: {e}") from None


@click.group(cls=Group)
@click.version_option(package_name="policywatch")
@click.option("--config", "config_path", envvar="POLICYWATCH_CONFIG", default=DEFAULT_CONFIG,
              show_default=True, help="The configuration file (env POLICYWATCH_CONFIG).")
@click.option("--db", "db_path", envvar="POLICYWATCH_DB", default=None,
              help="The database file; overrides [store] path (env POLICYWATCH_DB).")
@click.pass_context
def cli(ctx, config_path, db_path):
    """Watch vendors' privacy policies and terms, and say clause by clause what changed."""
    ctx.obj = {"config_path": config_path, "db_path": db_path}


def load_config(ctx) -> config_mod.Config:
    return config_mod.load(ctx.obj["config_path"])


def open_store(ctx, config: config_mod.Config | None = None) -> Store:
    """The database: --db, else [store] path of the config (relative to the config file)."""
    if config is None:
        path = Path(ctx.obj["config_path"])
        if path.exists() or ctx.obj["config_path"] != DEFAULT_CONFIG:
            config = config_mod.load(path)
    settings = config.store if config else {k: default for k, (_, default) in store_pkg.CONFIG.items()}
    db = database_path(ctx, config)
    ctx.obj["db"] = db  # named in database errors
    return Store(db, busy_timeout=settings["busy_timeout"])


def database_path(ctx, config: config_mod.Config | None = None) -> Path:
    """Where the database is (or would be), without opening or creating it."""
    if ctx.obj["db_path"]:
        return Path(ctx.obj["db_path"])
    if config is None:
        path = Path(ctx.obj["config_path"])
        if not path.exists() and ctx.obj["config_path"] == DEFAULT_CONFIG:
            return Path(store_pkg.CONFIG["path"][1])
        config = config_mod.load(path)
    db = Path(config.store["path"])
    if not db.is_absolute() and config.path is not None:
        db = config.path.parent / db
    return db


@cli.command()
@click.option("--source", "source_ids", multiple=True, metavar="ID", help="Only this source (repeatable).")
@click.pass_context
def crawl(ctx, source_ids):
    """Fetch every configured source once and record what changed.

    Prints one line per source: new, unchanged, changed: N modified, N added, N removed,
    or failed: REASON. Exits 0 when the run ran, even if some sources failed.

    Example: policywatch crawl --source xiaomi-privacy
    """
    # A crawl allocates containers by the hundred thousand (Scrapy's requests and responses, lxml
    # element proxies, rows), nearly all freed by reference counting alone: at Python's default
    # threshold (700 allocations) the cyclic collector ran ~150 times per 1,000 pages, 40-95 ms of
    # a 5%-edited pass; every 10,000 it runs 6 times, 4-7 ms (bench/crawl.py). Only here: this
    # process ends after one pass, while the daemon's memory must stay flat over weeks, and at
    # 10,000 it crept up (bench/daemon_rss.py: 80 -> 87 MiB over 120 passes, 80 MiB at 700).
    gc.set_threshold(10_000, *gc.get_threshold()[1:])
    config = load_config(ctx)
    sources = config.select(source_ids)
    with open_store(ctx, config) as store:
        width = max((len(s["id"]) for s in sources), default=0)

        def show(outcome):
            click.echo(f"{outcome.source:<{width}}  {outcome.line()}")

        def delivered(delivery):
            click.echo(f"{'notify ' + delivery.channel:<{width}}  {delivery.line()}")

        notify_config = notifier.with_paths(config.notify, config.path.parent)
        outcomes = reactor.run(lambda: run_once(sources, store, config.crawl, on_outcome=show,
                                                notify_config=notify_config, on_delivery=delivered))
        click.echo(summarize(outcomes), err=True)


def summarize(outcomes) -> str:
    """`14 sources: 1 new, 11 unchanged, 1 changed, 1 failed`."""
    counts = {status: 0 for status in ("new", "unchanged", "changed", "failed")}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return f"{len(outcomes)} sources: " + ", ".join(f"{n} {status}" for status, n in counts.items())


@cli.command()
@click.option("--source", "source_ids", multiple=True, metavar="ID", help="Only this source (repeatable).")
@click.pass_context
def reextract(ctx, source_ids):
    """Rebuild each source's text from its stored page with the current rules and extractor,
    without fetching. A text that differs becomes a technical version: recorded, never
    announced. Use it after changing a source's select / remove / ignore rules.

    Example: policywatch reextract --source xiaomi-privacy
    """
    config = load_config(ctx)
    sources = config.select(source_ids)
    with open_store(ctx, config) as store:
        store.sync_sources(sources)
        width = max((len(s["id"]) for s in sources), default=0)
        for source in sources:
            outcome = crawler.reextract(store, source)
            click.echo(f"{outcome.source:<{width}}  {outcome.line()}")


@cli.command(name="check-config")
@click.pass_context
def check_config(ctx):
    """Validate the configuration without crawling: exit 0 when valid, 2 otherwise.

    Example: policywatch --config config.toml check-config
    """
    config = load_config(ctx)
    click.echo(f"{config.path}: ok, {len(config.sources)} sources")


@cli.command()
@click.option("--since", help="Only changes detected since: 7d, 12h, 2w or a date (2026-01-31).")
@click.option("--source", "source_id", metavar="ID", help="Only this source.")
@click.option("--tag", "category", type=click.Choice(CATEGORIES), metavar="CATEGORY",
              help="Only change sets with a clause change about this practice (old or new side), "
                   "e.g. third-party-sharing.")
@click.option("--data-type", type=click.Choice(DATA_TYPES), metavar="TYPE",
              help="Only change sets with a clause change naming this data type (old or new side), "
                   "e.g. location.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of change sets.")
@click.pass_context
def changes(ctx, since, source_id, category, data_type, as_json):
    """The recorded change sets, newest first, each with its headline and severity.

    Example: policywatch changes --since 7d --tag third-party-sharing --json
    """
    since_iso = parse_since(since) if since else None
    with open_store(ctx) as store:
        sets = store.change_sets(since=since_iso, source_id=source_id, category=category, data_type=data_type)
        if as_json:
            click.echo(json.dumps([_change_set_json(cs) for cs in sets], indent=2, ensure_ascii=False))
            return
        if not sets:
            click.echo("No changes recorded" + (f" since {since}" if since else "")
                       + (" matching the filters" if category or data_type else "") + ".")
        for cs in sets:
            source = store.source(cs.source)
            click.echo(f"{cs.detected_at[:19].replace('T', ' ')}  {source['name']} ({cs.source})  "
                       f"v{cs.from_version} → v{cs.to_version}: {cs.summary}")
            click.echo(f"    [{cs.severity}] {cs.headline}")


def _change_set_json(cs) -> dict:
    return {
        "source": cs.source, "detected_at": cs.detected_at, "from_version": cs.from_version,
        "to_version": cs.to_version, "summary": cs.summary, "headline": cs.headline,
        "severity": cs.severity, "score": cs.score, "signals": cs.signals,
        "changes": [{**c.to_json_dict(), "tags": tags} for c, tags in zip(cs.changes, cs.tags)],
    }


def meaning_lines(severity: str, headline: str) -> str:
    """The headline above a clause diff: `[high] now collects financial information`."""
    return f"[{severity}] {headline}\n"


@cli.command()
@click.argument("source_id", metavar="SOURCE")
@click.option("--from", "from_version", type=int, help="The older version id (default: the latest change).")
@click.option("--to", "to_version", type=int, help="The newer version id (default: the latest version).")
@click.option("--color/--no-color", default=None, help="Color the diff (default: when stdout is a terminal).")
@click.pass_context
def diff(ctx, source_id, from_version, to_version, color):
    """The clause-level diff of two versions of a source (default: its latest change).

    Example: policywatch diff xiaomi-privacy --from 1 --to 2
    """
    color = sys.stdout.isatty() if color is None else color
    with open_store(ctx) as store:
        source = store.source(source_id)
        if from_version is None and to_version is None:
            latest = store.latest_change_set(source_id)
            if latest is None:
                click.echo(f"{source['name']} ({source_id}): no change recorded yet.")
                return
            from_version, to_version = latest.from_version, latest.to_version
        versions = [v["id"] for v in store.versions(source_id)]
        if to_version is None:
            to_version = versions[-1]
        if from_version is None:
            older = [v for v in versions if v < to_version]
            if not older:
                raise click.ClickException(f"version {to_version} has no earlier version")
            from_version = older[-1]
        old = store.version(source_id, from_version)["markdown"]
        new = store.version(source_id, to_version)["markdown"]
        changes = differ.compare(old, new)
        meaning = store.explain(changes.changes)
        click.echo(f"{source['name']} ({source_id}) {source['url']}")
        click.echo(f"version {from_version} → {to_version}: {changes.summary()}")
        if changes:
            click.echo(meaning_lines(meaning.severity, meaning.headline))
        else:
            click.echo()
        tags = [{side: t.to_dict() if t else None for side, t in pair.items()} for pair in meaning.tags]
        click.echo(differ.render_text(changes, color=color, tags=tags), nl=False)


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--select", multiple=True, metavar="CSS", help="Keep only what this selector matches (repeatable).")
@click.option("--remove", multiple=True, metavar="CSS", help="Remove what this selector matches first (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the change set as JSON.")
@click.option("--color/--no-color", default=None, help="Color the diff (default: when stdout is a terminal).")
def compare(old, new, select, remove, as_json, color):
    """Compare two files (HTML, PDF, Markdown or text) or two URLs without touching the database.

    Example: policywatch compare old.html new.html --select main
    """
    changes = differ.compare(_read_text(old, select, remove), _read_text(new, select, remove))
    if as_json:
        click.echo(json.dumps(changes.to_json_dict(), indent=2, ensure_ascii=False))
        return
    color = sys.stdout.isatty() if color is None else color
    click.echo(changes.summary() if changes else "No change.")
    if changes:
        click.echo(differ.render_text(changes, color=color), nl=False)


@cli.command(name="extract")
@click.argument("file", metavar="FILE_OR_URL")
@click.option("--select", multiple=True, metavar="CSS", help="Keep only what this selector matches (repeatable).")
@click.option("--remove", multiple=True, metavar="CSS", help="Remove what this selector matches first (repeatable).")
def extract_command(file, select, remove):
    """Print the Markdown that a source with these rules would store, to tune selectors.

    Example: policywatch extract page.html --select "#policy" --remove .banner
    """
    click.echo(_read_text(file, select, remove))


def _read_text(path: str, select, remove) -> str:
    """The text of a local file or an http(s) URL, as a source with these rules would store it."""
    content_type, url = None, ""
    if path.lower().startswith(("http://", "https://")):
        body, content_type, url = fetch_page(path)
    else:
        try:
            body = Path(path).read_bytes()
        except OSError as e:
            raise click.ClickException(f"cannot read {path}: {e.strerror}") from None
        if path.endswith((".md", ".markdown", ".txt")):
            content_type = "text/markdown" if path.endswith(("md", "markdown")) else "text/plain"
    return extract(body, url=url, content_type=content_type, select=list(select) or None,
                   remove=list(remove) or None)


@cli.command()
@click.pass_context
def demo(ctx):
    """Crawl sample pages from a local server, switch one to its next edition, crawl again,
    and show the clause-level change. Needs no internet.

    Example: policywatch demo --db demo.db
    """
    with tempfile.TemporaryDirectory(prefix="policywatch-demo-") as tmp:
        db_path = ctx.obj["db_path"] or os.path.join(tmp, "policywatch.db")
        with Store(db_path) as store, demo_mod.DemoServer() as server:
            sources = demo_mod.sources(server.url)
            click.echo(f"Serving {len(sources)} sample pages at {server.url}; database {db_path}")
            width = max(len(s["id"]) for s in sources)

            def show(outcome):
                click.echo(f"  {outcome.source:<{width}}  {outcome.line()}")

            async def both_crawls():
                click.echo("\nFirst crawl:")
                await run_once(sources, store, {"download_delay": 0}, on_outcome=show)
                server.next_edition()
                click.echo("\nXiaomi publishes the 2018 edition of its MIUI privacy policy.")
                click.echo("Second crawl:")
                await run_once(sources, store, {"download_delay": 0}, on_outcome=show)

            reactor.run(both_crawls)
            color = sys.stdout.isatty()
            for cs in store.change_sets():
                source = store.source(cs.source)
                click.echo(f"\n{source['name']} ({cs.source}) {source['url']}")
                click.echo(f"version {cs.from_version} → {cs.to_version}: {cs.summary}")
                click.echo(meaning_lines(cs.severity, cs.headline))
                click.echo(differ.render_text(differ.ChangeSet(cs.changes), color=color, tags=cs.tags), nl=False)


def parse_since(value: str) -> str:
    """`7d`, `12h`, `30m`, `2w`, or an ISO 8601 date / date-time, as a stored UTC timestamp."""
    now = datetime.now(timezone.utc)
    if m := re.fullmatch(r"(\d+)\s*([mhdw])", value.strip()):
        unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[m.group(2)]
        moment = now - timedelta(**{unit: int(m.group(1))})
    else:
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise click.BadParameter(f"{value!r} is neither a duration (7d, 12h) nor a date (2026-01-31)",
                                     param_hint="--since") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def main():
    # The objects the imports made live as long as the process: the cyclic collector's full
    # passes need not walk them (scheduler/__init__.py pauses it while they load).
    gc.freeze()
    memory.pad_heap()  # every page's zstd tables, reused instead of faulted in afresh
    # Warnings and errors of every command reach stderr (a bug's traceback among them); the
    # daemon sets up its own logs. Here, not in the group: a test that invokes the group in its
    # own process keeps its log handlers.
    logs.setup("warning")
    cli(prog_name="policywatch")


# Commands of other areas live in their own modules (scheduler/cli_<area>.py), each adding
# itself to `cli`; importing them here registers them.
from . import cli_daemon  # noqa: E402,F401  policywatch run, status
from . import cli_notify  # noqa: E402,F401  (digest, test-notify, serve)
from . import cli_tagger  # noqa: E402,F401  (tag, tagger eval)
from . import cli_query  # noqa: E402,F401  (sources, history, show, search, export, stats, prune)
