"""Slowing down password guessing without letting anyone lock a worker out.

Failures are counted per (worker id, client address) pair: after
:data:`FREE_ATTEMPTS` failures that pair waits before its next try, twice as
long after each further failure (30 s, 1 min, 2 min ... at most 15 min). A
guesser elsewhere therefore slows only themselves: the worker signing in from
their own machine is never locked out. One address failing on many ids
(:data:`ADDRESS_LIMIT` in the window) waits out the window as well.

Reading the counts never creates an entry, keys are fixed-size hashes, and
every entry expires, so failed sign-ins cannot fill memory. With a Redis URL
(the cluster's lock store) the counts are shared by every server and expire
in Redis; without one, or while Redis is out of reach, they are kept in this
server's memory, at most :data:`MAX_KEYS` of them.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from typing import Callable, Optional, Protocol, Tuple

import redis

logger = logging.getLogger(__name__)

FREE_ATTEMPTS = 5
BASE_DELAY_SECONDS = 30.0
MAX_DELAY_SECONDS = 15 * 60.0
WINDOW_SECONDS = 15 * 60.0  # a count is forgotten this long after its last failure
ADDRESS_LIMIT = 50  # failures from one address, on any ids, within the window
MAX_KEYS = 10_000


class Counter(Protocol):
    """Failure counts by key, each forgotten ``ttl`` seconds after its last failure."""

    def read(self, key: str) -> Tuple[int, float]:
        """(failures, time of the last one); (0, 0.0) when there are none. Never creates an entry."""

    def add(self, key: str, now: float, ttl: float) -> None:
        """One more failure at ``now``."""

    def clear(self, key: str) -> None:
        """Forget the key."""


class MemoryCounter:
    """Counts in this process, at most ``max_keys`` (the oldest dropped first), each expiring."""

    def __init__(self, max_keys: int = MAX_KEYS, clock: Callable[[], float] = time.time) -> None:
        self.max_keys = max_keys
        self._clock = clock
        self._entries: "OrderedDict[str, Tuple[int, float, float]]" = OrderedDict()  # count, last, expires
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def read(self, key: str) -> Tuple[int, float]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return 0, 0.0
            if entry[2] <= self._clock():
                del self._entries[key]
                return 0, 0.0
            return entry[0], entry[1]

    def add(self, key: str, now: float, ttl: float) -> None:
        with self._lock:
            entry = self._entries.pop(key, None)
            count = entry[0] if entry is not None and entry[2] > self._clock() else 0
            self._entries[key] = (count + 1, now, now + ttl)  # moved to the newest end
            while len(self._entries) > self.max_keys:
                self._entries.popitem(last=False)

    def clear(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)


class RedisCounter:
    """Counts in Redis (one hash per key with an expiry), shared by every server of a deployment.

    If Redis cannot be reached the counts go to this server's memory instead
    (logged once): sign-in keeps working and is still slowed, per server.
    """

    def __init__(self, url: str, prefix: str, fallback: Optional[MemoryCounter] = None) -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self.prefix = prefix
        self.fallback = fallback or MemoryCounter()
        self._warned = False

    def _unreachable(self) -> None:
        if not self._warned:
            logger.warning("sign-in throttle: Redis is out of reach; counting in this server's memory")
            self._warned = True

    def read(self, key: str) -> Tuple[int, float]:
        try:
            count, last = self._redis.hmget(self.prefix + key, "count", "last")
        except redis.RedisError:
            self._unreachable()
            return self.fallback.read(key)
        return (int(count), float(last)) if count is not None and last is not None else (0, 0.0)

    def add(self, key: str, now: float, ttl: float) -> None:
        try:
            pipe = self._redis.pipeline()
            pipe.hincrby(self.prefix + key, "count", 1)
            pipe.hset(self.prefix + key, "last", repr(now))
            pipe.expire(self.prefix + key, max(1, int(ttl + 0.999)))
            pipe.execute()
        except redis.RedisError:
            self._unreachable()
            self.fallback.add(key, now, ttl)

    def clear(self, key: str) -> None:
        try:
            self._redis.delete(self.prefix + key)
        except redis.RedisError:
            self._unreachable()
            self.fallback.clear(key)


def _key(*parts: str) -> str:
    """A fixed-size key: what a caller typed never sits in the store at its own length."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


class SignInThrottle:
    """How long a (worker id, address) pair must wait before its next sign-in attempt."""

    def __init__(
        self,
        counter: Optional[Counter] = None,
        clock: Callable[[], float] = time.time,
        free_attempts: int = FREE_ATTEMPTS,
        base_delay: float = BASE_DELAY_SECONDS,
        max_delay: float = MAX_DELAY_SECONDS,
        address_limit: int = ADDRESS_LIMIT,
        window: float = WINDOW_SECONDS,
    ) -> None:
        self.counter: Counter = counter if counter is not None else MemoryCounter(clock=clock)
        self._clock = clock
        self.free_attempts = free_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.address_limit = address_limit
        self.window = window

    @classmethod
    def for_deployment(cls, redis_url: Optional[str], prefix: str) -> "SignInThrottle":
        """Shared through Redis when the deployment has one (the lock store), else in memory."""
        return cls(RedisCounter(redis_url, f"{prefix}:signin:") if redis_url else MemoryCounter())

    def delay_after(self, failures: int) -> float:
        """The wait after ``failures`` failures of one pair: none for the first few, then doubling."""
        if failures < self.free_attempts:
            return 0.0
        return min(self.base_delay * 2 ** (failures - self.free_attempts), self.max_delay)

    def wait_seconds(self, worker_id: str, address: str) -> float:
        """Seconds before this pair may try again (0: now). Reading creates nothing."""
        now = self._clock()
        failures, last = self.counter.read(_key("pair", worker_id.lower(), address))
        wait = self.delay_after(failures) - (now - last) if failures else 0.0
        from_address, last_any = self.counter.read(_key("address", address))
        if from_address >= self.address_limit:
            wait = max(wait, self.window - (now - last_any))
        return max(0.0, wait)

    def failed(self, worker_id: str, address: str) -> None:
        now = self._clock()
        ttl = self.max_delay + self.window
        self.counter.add(_key("pair", worker_id.lower(), address), now, ttl)
        self.counter.add(_key("address", address), now, self.window)

    def succeeded(self, worker_id: str, address: str) -> None:
        """The pair's count is forgotten; the address's is not (a guesser who finds one password goes on waiting)."""
        self.counter.clear(_key("pair", worker_id.lower(), address))


__all__ = [
    "ADDRESS_LIMIT",
    "BASE_DELAY_SECONDS",
    "FREE_ATTEMPTS",
    "MAX_DELAY_SECONDS",
    "MAX_KEYS",
    "MemoryCounter",
    "RedisCounter",
    "SignInThrottle",
    "WINDOW_SECONDS",
]
