"""Running policywatch's coroutines on Twisted's asyncio reactor, which Scrapy needs.

Twisted's reactor cannot be restarted within a process: everything one command does (the demo's
two crawls, the daemon's many) runs inside one `run()`.
"""

import asyncio


def install() -> None:
    """Install the asyncio reactor before anything imports the default one."""
    from scrapy.utils.reactor import install_reactor

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")


def run(main):
    """Run the coroutine function `main()` on the reactor and return its result (or raise)."""
    install()
    from twisted.internet import defer, reactor

    result = {}

    def start():
        d = defer.Deferred.fromFuture(asyncio.ensure_future(main()))
        d.addCallbacks(lambda value: result.setdefault("value", value),
                       lambda failure: result.setdefault("error", failure.value))
        d.addBoth(lambda _: reactor.stop())

    reactor.callWhenRunning(start)
    reactor.run(installSignalHandlers=False)
    if "error" in result:
        raise result["error"]
    return result.get("value")
