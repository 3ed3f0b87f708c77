"""A per-token limit on write requests: at most N in any window of the rate's length.

The counting is the ``limits`` library's moving window in memory: a burst of N is
allowed and the (N+1)th waits until the oldest of them leaves the window; that wait is
the 429's ``Retry-After``. The counts live in the server process (one ``claimgraph
serve`` is one process). This module reads the rate as ``claimgraph serve
--write-rate`` takes it.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerHour, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

UNITS = {"s": RateLimitItemPerSecond, "sec": RateLimitItemPerSecond,
         "second": RateLimitItemPerSecond, "min": RateLimitItemPerMinute,
         "minute": RateLimitItemPerMinute, "h": RateLimitItemPerHour,
         "hour": RateLimitItemPerHour}
_RATE = re.compile(r"\s*(\d+)\s*/\s*([a-z]+)\s*")


@dataclass(frozen=True)
class Rate:
    """``count`` requests per ``seconds``."""

    count: int
    seconds: float
    text: str
    item: RateLimitItem

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``'60/min'``, ``'5/s'``, ``'1000/hour'``; ValueError saying the form otherwise."""
        m = _RATE.fullmatch(text.lower())
        if m is None or m.group(2) not in UNITS or int(m.group(1)) < 1:
            raise ValueError(f"{text!r} is not a rate: write N/s, N/min or N/hour with N >= 1 "
                             "(e.g. 60/min)")
        item = UNITS[m.group(2)](int(m.group(1)))
        return cls(item.amount, float(item.get_expiry()), f"{item.amount}/{m.group(2)}", item)

    def __str__(self) -> str:
        return self.text


DEFAULT_WRITE_RATE = Rate.parse("60/min")


class RateLimiter:
    """Counts requests per key; :meth:`hit` says how long to wait when one is over the rate."""

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, key: str) -> int | None:
        """Record a request by ``key`` and return None, or, when it is over the rate, record
        nothing and return the whole seconds until one more would be accepted (>= 1)."""
        if self._limiter.hit(self.rate.item, key):
            return None
        reset = self._limiter.get_window_stats(self.rate.item, key).reset_time
        return max(1, math.ceil(reset - time.time()))
