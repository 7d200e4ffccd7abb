"""The id of the request (or task) this code runs for: set by `ops.requestid` for each web request and
Celery task, read by the log filter and by whatever must carry it on (the outbox keeps it with a task
it could not publish, so the worker's lines still name the request that asked for it)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

_current: ContextVar[str] = ContextVar("civicdesk_request_id", default="")


def current() -> str:
    return _current.get()


def begin(request_id: str) -> Token[str]:
    return _current.set(request_id)


def end(token: Token[str]) -> None:
    _current.reset(token)


@contextmanager
def acting_for(request_id: str) -> Iterator[None]:
    """Run the block as part of `request_id` (unchanged when it is empty)."""
    if not request_id:
        yield
        return
    token = _current.set(request_id)
    try:
        yield
    finally:
        _current.reset(token)
