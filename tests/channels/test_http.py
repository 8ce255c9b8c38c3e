"""Which address the sign-in throttle counts: the peer, or what a trusted balancer saw (CIN_TRUSTED_PROXIES)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict

import pytest

from assistant.channels.http import client_address
from assistant.config import ConfigError, load_settings


@dataclass
class Incoming:
    """The two things client_address reads from a Sanic request: its headers and the peer's address."""

    ip: str
    headers: Dict[str, str] = field(default_factory=dict)


def test_with_no_proxy_a_forwarded_for_header_is_ignored() -> None:
    guesser = Incoming("198.51.100.9", {"x-forwarded-for": "10.0.0.1"})  # made up to dodge the throttle
    assert client_address(guesser, 0) == "198.51.100.9"


def test_behind_the_balancer_the_address_it_saw_counts_not_what_the_caller_wrote() -> None:
    # The caller wrote "10.0.0.1"; the balancer (the peer, 127.0.0.1) appended the address it saw.
    via_balancer = Incoming("127.0.0.1", {"x-forwarded-for": "10.0.0.1, 203.0.113.7"})
    assert client_address(via_balancer, 1) == "203.0.113.7"
    assert client_address(Incoming("127.0.0.1", {"x-forwarded-for": "203.0.113.7"}), 1) == "203.0.113.7"


def test_two_trusted_proxies_take_the_entry_the_outer_one_appended() -> None:
    chain = Incoming("127.0.0.1", {"x-forwarded-for": "10.0.0.1, 203.0.113.7, 192.0.2.4"})
    assert client_address(chain, 2) == "203.0.113.7"


def test_a_missing_header_behind_a_proxy_falls_back_to_the_peer() -> None:
    assert client_address(Incoming("192.0.2.4"), 1) == "192.0.2.4"


def test_the_setting_is_a_count() -> None:
    assert load_settings({}).trusted_proxies == 0
    assert load_settings({"CIN_TRUSTED_PROXIES": "1"}).trusted_proxies == 1
    with pytest.raises(ConfigError, match="CIN_TRUSTED_PROXIES"):
        load_settings({"CIN_TRUSTED_PROXIES": "yes"})
