"""Which address the sign-in throttle and the audit trail count: the peer, or what the edge saw (CIN_TRUSTED_PROXIES)."""

from __future__ import annotations

from dataclasses import dataclass, field
from ipaddress import ip_network
from typing import Dict

import pytest

from assistant.channels.http import client_address
from assistant.config import ConfigError, load_settings

EDGE = (ip_network("127.0.0.1/32"),)


@dataclass
class Incoming:
    """The two things client_address reads from a Sanic request: its headers and the peer's address."""

    ip: str
    headers: Dict[str, str] = field(default_factory=dict)


def test_with_no_proxy_a_forwarded_for_header_is_ignored() -> None:
    guesser = Incoming("198.51.100.9", {"x-forwarded-for": "10.0.0.1"})  # made up to dodge the throttle
    assert client_address(guesser, ()) == "198.51.100.9"


def test_a_header_from_a_peer_that_is_not_the_edge_is_ignored() -> None:
    # Someone on the network talking to the server directly writes the header themselves.
    direct = Incoming("198.51.100.9", {"x-forwarded-for": "10.0.0.1"})
    assert client_address(direct, EDGE) == "198.51.100.9"


def test_behind_the_edge_the_address_it_saw_counts() -> None:
    assert client_address(Incoming("127.0.0.1", {"x-forwarded-for": "203.0.113.7"}), EDGE) == "203.0.113.7"
    # A chain: the nearest entry that is not a trusted proxy; what the caller wrote further left is never used.
    chain = Incoming("127.0.0.1", {"x-forwarded-for": "10.0.0.1, 203.0.113.7, 10.9.0.2"})
    assert client_address(chain, (*EDGE, ip_network("10.9.0.0/16"))) == "203.0.113.7"


def test_a_missing_or_garbled_header_behind_the_edge_falls_back_to_the_peer() -> None:
    assert client_address(Incoming("127.0.0.1"), EDGE) == "127.0.0.1"
    assert client_address(Incoming("127.0.0.1", {"x-forwarded-for": "not-an-address"}), EDGE) == "127.0.0.1"


def test_the_setting_is_a_list_of_proxy_addresses_or_networks() -> None:
    assert load_settings({}).trusted_proxies == ()
    assert load_settings({"CIN_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/24"}).trusted_proxies == (
        ip_network("127.0.0.1/32"),
        ip_network("10.0.0.0/24"),
    )
    with pytest.raises(ConfigError, match="CIN_TRUSTED_PROXIES"):
        load_settings({"CIN_TRUSTED_PROXIES": "1"})
