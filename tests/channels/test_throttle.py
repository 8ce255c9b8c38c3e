"""Password guessing is slowed: five failures for a worker id or an address, then a wait."""

from assistant.channels.throttle import SignInThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_failures_block_the_worker_id_from_any_address_until_the_window_passes() -> None:
    clock = Clock()
    throttle = SignInThrottle(max_failures=5, window=900, clock=clock)
    for n in range(5):
        assert not throttle.blocked(["worker:w1", f"address:10.0.0.{n}"])
        throttle.failed(["worker:w1", f"address:10.0.0.{n}"])
    assert throttle.blocked(["worker:w1", "address:10.9.9.9"])
    assert not throttle.blocked(["worker:w2", "address:10.9.9.9"])
    clock.now += 901
    assert not throttle.blocked(["worker:w1", "address:10.9.9.9"])


def test_one_address_guessing_many_ids_is_blocked_too() -> None:
    throttle = SignInThrottle(max_failures=5, window=900, clock=Clock())
    for n in range(5):
        throttle.failed([f"worker:w{n}", "address:10.0.0.1"])
    assert throttle.blocked(["worker:someone-else", "address:10.0.0.1"])


def test_a_successful_sign_in_clears_the_workers_count_but_not_the_addresses() -> None:
    throttle = SignInThrottle(max_failures=2, window=900, clock=Clock())
    throttle.failed(["worker:w1", "address:a"])
    throttle.failed(["worker:w9", "address:a"])
    throttle.succeeded(["worker:w1"])
    assert not throttle.blocked(["worker:w1"])
    assert throttle.blocked(["address:a"])
