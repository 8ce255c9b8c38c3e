"""Password guessing is slowed per (worker id, address): nobody can lock a worker out, nothing fills memory."""

from __future__ import annotations

import os
import uuid

import pytest
import redis

from assistant.channels.throttle import MemoryCounter, RedisCounter, SignInThrottle

REDIS_URL = os.environ.get("CIN_TEST_REDIS_URL", "redis://localhost:6379/15")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def throttle_with(clock: Clock, **kwargs: float) -> SignInThrottle:
    return SignInThrottle(MemoryCounter(clock=clock), clock=clock, **kwargs)  # type: ignore[arg-type]


def test_five_failures_make_that_pair_wait_and_each_further_failure_doubles_the_wait() -> None:
    clock = Clock()
    throttle = throttle_with(clock)
    for _ in range(5):
        assert throttle.wait_seconds("w1", "198.51.100.9") == 0
        throttle.failed("w1", "198.51.100.9")
    assert throttle.wait_seconds("w1", "198.51.100.9") == pytest.approx(30)
    clock.now += 30
    assert throttle.wait_seconds("w1", "198.51.100.9") == 0
    throttle.failed("w1", "198.51.100.9")
    assert throttle.wait_seconds("w1", "198.51.100.9") == pytest.approx(60)
    for _ in range(10):
        throttle.failed("w1", "198.51.100.9")
    assert throttle.wait_seconds("w1", "198.51.100.9") == pytest.approx(15 * 60)  # capped


def test_a_guesser_elsewhere_cannot_lock_the_worker_out() -> None:
    throttle = throttle_with(Clock())
    for _ in range(40):
        throttle.failed("w1", "198.51.100.9")  # someone else hammering w1's account
    assert throttle.wait_seconds("w1", "198.51.100.9") > 0
    assert throttle.wait_seconds("w1", "203.0.113.7") == 0  # w1 at their own desk signs in at once


def test_one_address_failing_on_many_ids_waits_out_the_window() -> None:
    clock = Clock()
    throttle = throttle_with(clock, address_limit=20)
    for n in range(20):
        throttle.failed(f"w{n}", "198.51.100.9")
    assert throttle.wait_seconds("someone-else", "198.51.100.9") == pytest.approx(15 * 60)
    assert throttle.wait_seconds("someone-else", "203.0.113.7") == 0
    clock.now += 15 * 60
    assert throttle.wait_seconds("someone-else", "198.51.100.9") == 0


def test_a_success_clears_the_pair_and_a_count_expires() -> None:
    clock = Clock()
    throttle = throttle_with(clock)
    for _ in range(5):
        throttle.failed("w1", "a")
    throttle.succeeded("w1", "a")
    assert throttle.wait_seconds("w1", "a") == 0
    for _ in range(5):
        throttle.failed("w2", "a")
    clock.now += 15 * 60 + 15 * 60 + 1  # past the longest wait plus the window
    assert throttle.wait_seconds("w2", "a") == 0


def test_reading_creates_nothing_and_ids_never_sit_in_memory_at_their_own_length() -> None:
    counter = MemoryCounter()
    throttle = SignInThrottle(counter)
    for n in range(200):
        assert throttle.wait_seconds(f"{n}" + "x" * 1_000_000, "198.51.100.9") == 0
    assert len(counter) == 0  # refused reads (the old throttle made an entry for each)
    throttle.failed("y" * 1_000_000, "198.51.100.9")
    assert all(len(key) == 32 for key in counter._entries)


def test_memory_is_bounded_however_many_ids_fail() -> None:
    counter = MemoryCounter(max_keys=100)
    throttle = SignInThrottle(counter)
    for n in range(1_000):
        throttle.failed(f"w{n}", f"10.0.{n // 250}.{n % 250}")
    assert len(counter) <= 100


@pytest.fixture()
def shared_redis() -> str:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        pytest.fail(f"the shared throttle needs Redis at {REDIS_URL} (CIN_TEST_REDIS_URL); these machines run one")
    return REDIS_URL


def test_two_servers_share_the_counts_through_redis_and_they_expire_there(shared_redis: str) -> None:
    prefix = f"test{uuid.uuid4().hex[:8]}:signin:"
    clock = Clock()
    server_a = SignInThrottle(RedisCounter(shared_redis, prefix), clock=clock)
    server_b = SignInThrottle(RedisCounter(shared_redis, prefix), clock=clock)
    for n in range(5):
        (server_a if n % 2 else server_b).failed("w1", "198.51.100.9")
    assert server_a.wait_seconds("w1", "198.51.100.9") == pytest.approx(30)  # five failures over two servers
    assert server_b.wait_seconds("w1", "198.51.100.9") == pytest.approx(30)
    client = redis.Redis.from_url(shared_redis)
    keys = client.keys(prefix + "*")
    assert keys and all(0 < client.ttl(key) <= 30 * 60 for key in keys)  # every entry expires
    server_b.succeeded("w1", "198.51.100.9")
    assert server_a.wait_seconds("w1", "198.51.100.9") == 0
    client.delete(*client.keys(prefix + "*"))


def test_with_redis_out_of_reach_sign_in_is_still_throttled_in_memory() -> None:
    throttle = SignInThrottle(RedisCounter("redis://127.0.0.1:1/0", "down:"))
    for _ in range(5):
        throttle.failed("w1", "198.51.100.9")
    assert throttle.wait_seconds("w1", "198.51.100.9") > 0
