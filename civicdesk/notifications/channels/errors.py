"""What a channel's `send` raises when retrying cannot help (wrong credentials, a number the
provider refuses): the task marks the notification failed with the reason and does not retry.
Transient failures raise `OSError` instead."""


class PermanentFailure(Exception):
    pass
