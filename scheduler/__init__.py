"""Configuration, the orchestration of a run, and the `policywatch` command.

The only package that imports all the others.
"""

from .config import Config, ConfigError, load
from .run import run_once

__all__ = ["Config", "ConfigError", "load", "run_once"]
