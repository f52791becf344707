"""Errors of the store.

    StoreError
    └── NotFound   a source, version or change set that is not in the database
"""


class StoreError(Exception):
    """The database could not do what was asked."""


class NotFound(StoreError):
    """No such record in the database."""
