"""Commands that read the database: sources, history, show, search, export, stats, prune."""

import json
import re
from datetime import datetime, timezone

import click

from . import export as export_mod
from .cli import cli, open_store

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_moment(value: str) -> str:
    """An ISO 8601 date or date-time as a stored UTC timestamp.

    A bare date means the END of that day, UTC: `--at 2024-03-01` is the text in force on
    1 March, including a version recorded that day. A date-time without `Z` or an offset is UTC."""
    text = value.strip()
    try:
        if _DATE.match(text):
            moment = datetime.fromisoformat(text).replace(
                hour=23, minute=59, second=59, microsecond=999999, tzinfo=timezone.utc)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date or date-time (2024-03-01, 2024-03-01T12:00:00Z, "
            "2024-03-01T14:00:00+02:00)", param_hint="--at") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _t(stamp: str | None) -> str:
    """A stored timestamp as a terminal shows it: 2026-11-27 06:00:00."""
    return stamp[:19].replace("T", " ") if stamp else "-"


def _table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        click.echo("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="A JSON list of sources.")
@click.pass_context
def sources(ctx, as_json):
    """The tracked sources: status (ok, failing, never fetched), versions and last change.

    Example: policywatch sources --json
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_store(ctx) as store:
        rows = store.source_overview()
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("No sources yet: run `policywatch crawl`.")
        return
    _table([[r["source"], _status(r), r["versions"], _t(r["current_since"]), _t(r["last_change"])]
            for r in rows], ["SOURCE", "STATUS", "VERSIONS", "CURRENT SINCE", "LAST CHANGE"])


def _status(row: dict) -> str:
    if row["status"] == "failing":
        return (f"failing since {_t(row['failing_since'])} "
                f"({row['consecutive_failures']}x: {row['last_reason']})")
    return row["status"]


@cli.command()
@click.argument("source_id", metavar="SOURCE")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of versions.")
@click.pass_context
def history(ctx, source_id, as_json):
    """The versions of a source, oldest first: when each was in force and what changed.

    Example: policywatch history xiaomi-privacy
    """
    with open_store(ctx) as store:
        rows = store.history(source_id)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo(f"{source_id}: no version recorded yet.")
        return
    _table([[f"v{r['version']}", _t(r["since"]), _t(r["until"]) if r["until"] else "now",
             r["summary"]] for r in rows], ["VERSION", "SINCE", "UNTIL", "CHANGE"])


@cli.command()
@click.argument("source_id", metavar="SOURCE")
@click.option("--at", "when", metavar="WHEN",
              help="An ISO 8601 date or date-time (Z or an offset; none means UTC). "
                   "A bare date means the end of that day, UTC. Default: now.")
@click.option("--json", "as_json", is_flag=True, help="The version and its text as JSON.")
@click.pass_context
def show(ctx, source_id, when, as_json):
    """The text of a source in force at a moment (default: the current text), as Markdown.

    A version is in force from the moment it was recorded until the next one was.
    `--at 2024-03-01` gives the text at the end of 1 March 2024 (UTC), so a version recorded
    that day counts; `--at 2024-03-01T00:00:00Z` gives the text at the start of the day.

    Example: policywatch show xiaomi-privacy --at 2024-03-01
    """
    with open_store(ctx) as store:
        moment = parse_moment(when) if when else "9999-12-31T23:59:59.999999Z"
        version = store.version_at(source_id, moment)
    if as_json:
        _echo_json({"source": source_id, "version": version["id"], "since": version["created_at"],
                    "until": version["until"], "text": version["markdown"]})
        return
    # Exactly the stored text, so that `show SOURCE > file.md` keeps it.
    click.echo(version["markdown"], nl=not version["markdown"].endswith("\n"))


@cli.command()
@click.argument("query")
@click.option("--all-versions", is_flag=True, help="Search every version, not only current ones.")
@click.option("--source", "source_id", metavar="ID", help="Only this source.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many hits.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of hits.")
@click.pass_context
def search(ctx, query, all_versions, source_id, limit, as_json):
    """Clauses containing every word (and every "quoted phrase") of QUERY, best match first.

    Words match their variants (share, shared, sharing). Each hit is one clause of one source,
    with its section, a snippet (matches in **bold**) and `since`: when the source's first
    version with that clause was recorded.

    Example: policywatch search '"biometric data"' --all-versions
    """
    with open_store(ctx) as store:
        if source_id:
            store.source(source_id)
        hits = store.search(query, all_versions=all_versions, source_id=source_id, limit=limit)
    if as_json:
        _echo_json(hits)
        return
    if not hits:
        click.echo("No match.")
    for hit in hits:
        section = " › ".join(hit["section"]) or "(top)"
        where = "current" if hit["current"] else f"versions {', '.join(map(str, hit['versions']))}"
        click.echo(f"{hit['source']}  {section}  (since {_t(hit['since'])}, {where})")
        click.echo(f"    {hit['snippet']}")


@cli.command(name="export")
@click.option("--format", "fmt", type=click.Choice(export_mod.FORMATS), default="markdown", show_default=True,
              help="markdown: <source>/<date-time>.md per version + index.json; "
                   "json: policywatch.json; csv: sources.csv, versions.csv, changes.csv.")
@click.option("--source", "source_id", metavar="ID", help="Only this source.")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="The folder to write into (created if needed).")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
@click.pass_context
def export_command(ctx, fmt, source_id, out, as_json):
    """Write the versions (and changes) as a dataset. Files of the same name are overwritten.

    Markdown files hold exactly the stored text of each version; names are the UTC time the
    version was recorded, `2026-11-27T06-00-00Z.md` (with microseconds if two share a second).

    Example: policywatch export --format markdown --out dataset/
    """
    with open_store(ctx) as store:
        try:
            result = export_mod.export(store, out, fmt, source_id)
        except export_mod.ExportError as e:
            raise click.ClickException(str(e)) from None
    files = [str(p) for p in result["files"]]
    if as_json:
        _echo_json({"format": fmt, "out": out, "versions": result["versions"], "files": files})
        return
    click.echo(f"Exported {result['versions']} versions as {fmt} to {out} ({len(files)} files).")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON list, one object per source.")
@click.pass_context
def stats(ctx, as_json):
    """Per source: versions, change sets per year, clause changes and stored bytes.

    Example: policywatch stats --json
    """
    with open_store(ctx) as store:
        rows = store.stats()
    if as_json:
        _echo_json(rows)
        return
    _table([[r["source"], r["versions"], r["change_sets"],
             ", ".join(f"{y}: {n}" for y, n in r["changes_per_year"].items()) or "-",
             r["clause_changes"], r["snapshots"], _size(r["snapshot_bytes"]), _size(r["version_bytes"])]
            for r in rows],
           ["SOURCE", "VERSIONS", "CHANGES", "PER YEAR", "CLAUSES CHANGED", "SNAPSHOTS", "RAW STORED", "TEXT"])


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000


@cli.command()
@click.option("--snapshots-older-than", "days", type=click.FloatRange(min=0), required=True, metavar="DAYS",
              help="Drop the raw bodies of snapshots last fetched more than DAYS ago.")
@click.option("--dry-run", is_flag=True, help="Only say what would be pruned.")
@click.option("--vacuum/--no-vacuum", default=True, show_default=True,
              help="VACUUM afterwards, so the file shrinks (briefly blocks a running crawl's writes).")
@click.option("--json", "as_json", is_flag=True, help="The pruned snapshots as JSON.")
@click.pass_context
def prune(ctx, days, dry_run, vacuum, as_json):
    """Drop raw pages whose text is kept in a version, to make room. Never automatic.

    Only a snapshot's body goes: its row (sha256, size, headers, dates) stays, and so do all
    versions and changes. Kept anyway: each source's latest snapshot (the crawler compares new
    pages to it) and pages that gave no text (a selector miss: the page is the only record).

    Example: policywatch prune --snapshots-older-than 365
    """
    with open_store(ctx) as store:
        rows = store.prunable_snapshots(days) if dry_run else store.prune_snapshots(days)
        if rows and vacuum and not dry_run:
            store.vacuum()
    freed = sum(r["stored_bytes"] or 0 for r in rows)
    if as_json:
        _echo_json({"dry_run": dry_run, "snapshots": rows, "bytes": freed})
        return
    verb = "Would prune" if dry_run else "Pruned"
    click.echo(f"{verb} {len(rows)} snapshots ({_size(freed)} stored).")


@cli.command()
@click.pass_context
def reindex(ctx):
    """Cut every version into clauses again and stamp it with today's segmenter (after an
    upgrade changed clause segmentation): the clauses `search` finds, and those a changed
    page is diffed against (until then, its old text is segmented again on each change).

    Example: policywatch reindex
    """
    with open_store(ctx) as store:
        n = store.reindex_clauses()
    click.echo(f"Reindexed the clauses of {n} versions.")


@sources.command(name="import-ota")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def import_ota(paths):
    """Turn Open Terms Archive service declarations (JSON files, or folders of them) into
    [[sources]] entries, printed as TOML to append to config.toml. What cannot be mapped
    (custom filter functions, several pages combined, selectors this extractor does not
    understand) is listed on standard error.

    Example: policywatch sources import-ota declarations/ >> config.toml
    """
    from crawler.ota import declarations_to_sources, sources_to_toml

    from .config import ConfigError, parse

    found, warnings = declarations_to_sources(paths)
    kept = []
    for source in found:
        try:  # the same checks as config.toml gets: a bad selector is caught now, not at 3 a.m.
            parse(sources_to_toml([source]), "imported")
        except ConfigError as e:
            warnings.append(f"{source['id']}: skipped: {str(e).split(': ', 1)[-1]}")
            continue
        kept.append(source)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(sources_to_toml(kept), nl=False)
    click.echo(f"{len(kept)} sources imported, {len(warnings)} warnings", err=True)
