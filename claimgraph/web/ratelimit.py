"""A per-token limit on write requests: at most N in any window of the rate's length.

A sliding window log: each token keeps the times of its last N accepted writes, so a
burst of N is allowed and the (N+1)th waits until the oldest of them leaves the window;
that wait is the 429's ``Retry-After``. The log lives in the server process (one
``claimgraph serve`` is one process), holds at most N times per token, and takes an
injectable clock so tests need not sleep.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

UNITS = {"s": 1.0, "sec": 1.0, "second": 1.0, "min": 60.0, "minute": 60.0,
         "h": 3600.0, "hour": 3600.0}
_RATE = re.compile(r"\s*(\d+)\s*/\s*([a-z]+)\s*")


@dataclass(frozen=True)
class Rate:
    """``count`` requests per ``seconds``."""

    count: int
    seconds: float
    text: str

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``'60/min'``, ``'5/s'``, ``'1000/hour'``; ValueError saying the form otherwise."""
        m = _RATE.fullmatch(text.lower())
        if m is None or m.group(2) not in UNITS or int(m.group(1)) < 1:
            raise ValueError(f"{text!r} is not a rate: write N/s, N/min or N/hour with N >= 1 "
                             "(e.g. 60/min)")
        return cls(int(m.group(1)), UNITS[m.group(2)], f"{int(m.group(1))}/{m.group(2)}")

    def __str__(self) -> str:
        return self.text


DEFAULT_WRITE_RATE = Rate.parse("60/min")


class RateLimiter:
    """Counts requests per key; :meth:`hit` says how long to wait when one is over the rate."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self._log: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # sync routes run in a thread pool

    def hit(self, key: str) -> int | None:
        """Record a request by ``key`` and return None, or, when it is over the rate, record
        nothing and return the whole seconds until one more would be accepted (>= 1)."""
        now = self.clock()
        with self._lock:
            log = self._log.setdefault(key, deque())
            while log and log[0] <= now - self.rate.seconds:
                log.popleft()
            if len(log) >= self.rate.count:
                return max(1, math.ceil(log[0] + self.rate.seconds - now))
            log.append(now)
            return None
