"""`policywatch run` (the daemon) and `policywatch status`."""

import json

import click

from . import config as config_mod
from . import lock as lock_mod
from . import logs, reactor
from .cli import DEFAULT_CONFIG, cli, load_config, open_store


@cli.command()
@click.option("--log-level", type=click.Choice(logs.LEVELS), default="info", show_default=True,
              help="The least important log lines shown (stderr).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one line per event, for journald; json: one JSON object per line.")
@click.pass_context
def run(ctx, log_level, log_format):
    """Run as a service: crawl each source on its schedule until SIGTERM or SIGINT.

    Schedules come from [schedule] (every = "6h" or crawl = "0 */6 * * *", jitter, catch_up)
    and each source's own `schedule`. SIGHUP reloads config.toml. One daemon per database:
    a second one exits 1 naming the first. Logs one line per fetch and per run to stderr.

    Example: policywatch run --log-format json
    """
    from .daemon import Daemon  # APScheduler is needed only here

    config = load_config(ctx)
    logs.setup(log_level, log_format)
    with open_store(ctx, config) as store, lock_mod.DaemonLock(store.path):
        reactor.run(Daemon(config, store).run)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_context
def status(ctx, as_json):
    """Per source: the last fetch and its outcome, the last change, the next run and the
    failures in a row; and whether a daemon holds the database (pid, since).

    Example: policywatch status --json
    """
    config = _config_if_any(ctx)
    with open_store(ctx, config) as store:
        holder = lock_mod.holder(store.path)
        ids = [s["id"] for s in config.sources] if config else [s["id"] for s in store.sources()]
        next_runs = store.next_runs() if holder else {}
        rows = [{"id": sid, **store.source_state(sid), "next_run": next_runs.get(sid)} for sid in ids]
    daemon = {"pid": holder["pid"], "since": holder["since"]} if holder else None
    if as_json:
        click.echo(json.dumps({"daemon": daemon, "sources": rows}, indent=2))
        return
    if daemon:
        click.echo(f"daemon: running, pid {daemon['pid']}, since {_short(daemon['since'])}")
    else:
        click.echo("daemon: not running")
    if not rows:
        click.echo("No sources.")
        return
    width = max(len(r["id"]) for r in rows)
    click.echo(f"\n{'source':<{width}}  {'last fetch':<19}  {'outcome':<9}  {'last change':<19}  "
               f"{'next run':<19}  failures")
    for r in rows:
        outcome = r["outcome"] or "-"
        if outcome == "failed":
            outcome = f"failed ({r['error_class']}): {r['reason']}"
        click.echo(f"{r['id']:<{width}}  {_short(r['last_fetch']):<19}  {outcome:<9}  "
                   f"{_short(r['last_change']):<19}  {_short(r['next_run']):<19}  "
                   f"{r['consecutive_failures']}")


def _config_if_any(ctx) -> config_mod.Config | None:
    """The config, or None when there is none and --db names the database."""
    if ctx.obj["config_path"] == DEFAULT_CONFIG and ctx.obj["db_path"]:
        try:
            return load_config(ctx)
        except config_mod.ConfigError:
            return None
    return load_config(ctx)


def _short(at: str | None) -> str:
    return at[:19].replace("T", " ") if at else "-"
