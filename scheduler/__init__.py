"""Configuration, the orchestration of a run, and the `policywatch` command.

The only package that imports all the others.
"""

import gc

# What follows imports Scrapy, Twisted, lxml and the rest: objects by the hundred thousand that
# live as long as the process, over which the cyclic collector ran ~145 times (30-40 ms of every
# command's start-up). It is paused while they load, and they are frozen out of its later walks.
# The imports' own cyclic garbage is frozen with them (~1,600 objects, 0.6 MB, once): collecting
# it first would cost the 30-40 ms this saves.
_collecting = gc.isenabled()
gc.disable()
try:
    from .config import Config, ConfigError, load
    from .run import run_once
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

__all__ = ["Config", "ConfigError", "load", "run_once"]
