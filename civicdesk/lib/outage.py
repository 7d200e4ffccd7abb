"""A service that just failed is not asked again for a few seconds: while it is down, each request
costs nothing instead of one refused (or timed-out) connection. Used for the cache
(`lib/failsoft_cache.py`) and the broker (`outbox/enqueue.py`)."""

import threading
import time


class Outage:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._until = 0.0

    def active(self) -> bool:
        return time.monotonic() < self._until

    def begin(self) -> bool:
        """Note a failure; True when it starts an outage (so the caller logs only that one)."""
        with self._lock:
            first = not self.active()
            self._until = time.monotonic() + self.seconds
        return first

    def end(self) -> None:
        """Ask the service again at the next call."""
        with self._lock:
            self._until = 0.0
