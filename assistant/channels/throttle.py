"""Slowing down password guessing: too many failed sign-ins for one worker id or one address."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from typing import Callable, Deque, Dict, Iterable

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


class SignInThrottle:
    """Counts failed sign-ins per key (worker id, client address) in a sliding window.

    Kept in the server's memory: with two servers an attacker gets at most
    twice the attempts, which the argon2 cost and long passwords still make
    hopeless; a council that needs more puts the sign-in behind its proxy's
    rate limit (docs/channels.md).
    """

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures = max_failures
        self.window = window
        self._clock = clock
        self._failures: Dict[str, Deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> Deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def blocked(self, keys: Iterable[str]) -> bool:
        """True if any key has had too many failures lately."""
        now = self._clock()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.max_failures for k in keys)

    def failed(self, keys: Iterable[str]) -> None:
        now = self._clock()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)

    def succeeded(self, keys: Iterable[str]) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)


__all__ = ["MAX_FAILURES", "SignInThrottle", "WINDOW_SECONDS"]
