"""Errors of the notifier.

    NotifyError
    ├── NotConfigured   a channel used while its [notify.*] table is missing or disabled
    ├── SendFailed      the SMTP server refused or could not be reached (the digest stays pending)
    └── FeedError       the feed folder could not be written
"""


class NotifyError(Exception):
    """A digest could not be delivered."""


class NotConfigured(NotifyError):
    """This channel is not configured."""


class SendFailed(NotifyError):
    """The SMTP server could not take the message; it stays pending."""


class FeedError(NotifyError):
    """The feed folder could not be written."""
