"""Commands of the notifier: `digest`, `test-notify`, `serve`."""

import sys
from pathlib import Path

import click

import notifier

from .cli import cli, load_config, open_store, parse_since


def notify_config(ctx) -> tuple:
    """The config, and its [notify] table with paths made relative to the config file."""
    config = load_config(ctx)
    return config, notifier.with_paths(config.notify, config.path.parent)


@cli.command()
@click.option("--channel", type=click.Choice(notifier.CHANNELS), default="email", show_default=True,
              help="Where the digest goes.")
@click.option("--since", help="Only changes detected since: 7d, 12h, 2w or a date (2026-01-31).")
@click.option("--dry-run", is_flag=True, help="Print the text version; send nothing, mark nothing delivered.")
@click.pass_context
def digest(ctx, channel, since, dry_run):
    """Deliver the changes and source failures not yet delivered on a channel (or preview them).

    E-mail goes over SMTP as [notify.email] says; the feed channel rewrites the feed folder.
    Each change goes out once per channel; a digest that could not be sent stays pending.

    Example: policywatch digest --channel email --dry-run
    """
    config, notify = notify_config(ctx)
    since_iso = parse_since(since) if since else None
    with open_store(ctx, config) as store:
        if dry_run:
            digests = notifier.pending(store, notify, channel, since_iso)
            if not digests:
                click.echo("Nothing to deliver.")
            for d in digests:
                click.echo(f"Subject: {d.subject()}\nMessage-ID: {d.message_id}\n")
                click.echo(notifier.digest_text(d))
            return
        sent = notifier.deliver_pending(store, notify, channel, since_iso)
        if channel == "feed":
            click.echo(f"Feeds written to {notify['feed']['dir']} ({len(sent)} new digest"
                       f"{'s' if len(sent) != 1 else ''}).")
        elif not sent:
            click.echo("Nothing to deliver.")
        for d in sent:
            click.echo(f"Sent {d.message_id}: {d.subject()}")


@cli.command(name="test-notify")
@click.argument("channel", type=click.Choice(["email"]))
@click.pass_context
def test_notify(ctx, channel):
    """Send a test message through a channel, to check the settings.

    Example: policywatch test-notify email
    """
    _, notify = notify_config(ctx)
    message_id = notifier.send_test(notify)
    click.echo(f"Sent test message {message_id} to {', '.join(notify['email']['to'])}.")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="The port (0: any free port).")
@click.pass_context
def serve(ctx, host, port):
    """Serve the feeds and a page per change set (/changes/ID), read-only, until interrupted.

    Writes the feeds first, so that they match the database.

    Example: policywatch serve --port 8080
    """
    config, notify = notify_config(ctx)
    feed = notify["feed"]
    with open_store(ctx, config) as store:
        base_url = feed["base_url"]
        notifier.write_feeds(store, feed["dir"], base_url, feed["limit"])
        store_path = store.path
    try:
        server = notifier.make_server(feed["dir"], store_path, host, port)
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    click.echo(f"Serving {Path(feed['dir'])} and {store_path} at {server.url}/ (Ctrl-C stops)")
    sys.stdout.flush()  # a supervisor (or a test) reads the address from a pipe
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
