"""The container deployment (deploy/): the edge is HAProxy with the product's own rules, the only thing published.

Docker does not run on the project's machines, so the compose file is checked
as data and the edge's configuration by HAProxy itself (`haproxy -c`).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from assistant.config import PROJECT_ROOT
from assistant.runtime.edge import haproxy_binary, make_local_certificate, write_edge_files

DEPLOY = PROJECT_ROOT / "deploy"
MOUNT = Path("/usr/local/etc/haproxy")


def test_the_committed_edge_config_is_what_the_product_writes(tmp_path: Path) -> None:
    write_edge_files(
        tmp_path,
        ["assistant-a:5005", "assistant-b:5005"],
        "0.0.0.0",
        8443,
        MOUNT / "tls" / "cin-assistant.pem",
        seen_at=MOUNT,
        stats_socket=False,
    )
    for name in ("haproxy.cfg", "502.http", "503.http", "504.http"):
        assert (DEPLOY / "edge" / name).read_text() == (tmp_path / name).read_text(), (
            f"deploy/edge/{name} is stale: regenerate it with `cin-assistant edge config` (its head says how)"
        )


def test_haproxy_accepts_the_committed_edge_config(tmp_path: Path) -> None:
    pem = make_local_certificate(tmp_path / "cin-assistant.pem")
    text = (DEPLOY / "edge" / "haproxy.cfg").read_text()
    text = text.replace(str(MOUNT / "tls" / "cin-assistant.pem"), str(pem)).replace(str(MOUNT), str(DEPLOY / "edge"))
    text = text.replace("assistant-a:5005", "127.0.0.1:5005").replace("assistant-b:5005", "127.0.0.1:5006")
    config = tmp_path / "haproxy.cfg"
    config.write_text(text)
    checked = subprocess.run([haproxy_binary(), "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "path_beg /webhooks/" in text and "Strict-Transport-Security" in text and "ssl crt" in text


def test_only_the_edge_is_published_and_the_servers_believe_only_its_address() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yml").read_text())
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"edge"}
    assert services["edge"]["ports"] == ["8443:8443"]
    edge_address = services["edge"]["networks"]["inside"]["ipv4_address"]
    for name in ("assistant-a", "assistant-b"):
        env = services[name]["environment"]
        assert env["CIN_TRUSTED_PROXIES"] == edge_address
        assert env["CIN_EDGE"] == "none" and "CIN_API_TOKEN" not in env
        assert env["CIN_ACTION_SECRET"].startswith("${CIN_ACTION_SECRET:?")
