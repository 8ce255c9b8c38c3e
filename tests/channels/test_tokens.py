"""Signed tokens: what the channels accept, and the forgeries they refuse."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import stat
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from assistant.channels.tokens import (
    AUDIENCE,
    LOCAL_ISSUER,
    SingleSignOn,
    TokenError,
    TokenSettings,
    issue_token,
    load_token_settings,
    verify_token,
)
from assistant.config import ConfigError

SECRET = "s" * 40
SETTINGS = TokenSettings(secret=SECRET, minutes=30)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _reason(token: str, settings: TokenSettings = SETTINGS) -> str:
    with pytest.raises(TokenError) as caught:
        verify_token(token, settings)
    return caught.value.reason


def test_an_issued_token_names_the_worker_and_role_and_expires_in_the_set_minutes() -> None:
    identity = verify_token(issue_token("w1", "social_worker", SETTINGS), SETTINGS)
    assert (identity.worker_id, identity.role, identity.kind) == ("w1", "social_worker", "local")
    assert identity.token_id
    assert dt.timedelta(minutes=29) < identity.expires_at - _utcnow() <= dt.timedelta(minutes=30)


def test_each_token_has_its_own_id_so_signing_out_one_leaves_the_others() -> None:
    assert (
        verify_token(issue_token("w1", None, SETTINGS), SETTINGS).token_id
        != verify_token(issue_token("w1", None, SETTINGS), SETTINGS).token_id
    )


def test_an_expired_token_is_refused() -> None:
    old = issue_token("w1", None, SETTINGS, now=_utcnow() - dt.timedelta(hours=2))
    assert _reason(old) == "expired token"


def test_a_token_signed_with_another_secret_is_refused() -> None:
    other = TokenSettings(secret="x" * 40, minutes=30)
    assert _reason(issue_token("w1", None, other)) == "bad signature"


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_changing_the_worker_inside_a_signed_token_breaks_it() -> None:
    header, payload, signature = issue_token("w1", "social_worker", SETTINGS).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(sub="m1", role="team_manager")
    assert _reason(".".join([header, _b64(claims), signature])) == "bad signature"


def test_an_unsigned_alg_none_token_is_refused() -> None:
    now = int(_utcnow().replace(tzinfo=dt.timezone.utc).timestamp())
    claims = {"iss": LOCAL_ISSUER, "aud": AUDIENCE, "sub": "m1", "iat": now, "exp": now + 600}
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    assert _reason(unsigned).startswith("invalid token")


@pytest.mark.parametrize("token", ["", "not-a-token", "a.b.c", "x" * 9000])
def test_garbage_is_refused(token: str) -> None:
    with pytest.raises(TokenError):
        verify_token(token, SETTINGS)


def _key_pair():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return key, public.decode()


def _sso(public: str, role_claim: str = "cin_role") -> TokenSettings:
    return TokenSettings(
        secret=SECRET,
        minutes=30,
        sso=SingleSignOn(
            issuer="https://login.example-council.gov.uk",
            audience="cin-assistant-client",
            public_key=public,
            algorithms=("RS256",),
            worker_claim="employee_id",
            role_claim=role_claim,
        ),
    )


def _sso_token(key, **overrides) -> str:
    now = int(_utcnow().replace(tzinfo=dt.timezone.utc).timestamp())
    claims = {
        "iss": "https://login.example-council.gov.uk",
        "aud": "cin-assistant-client",
        "sub": "opaque-1234",
        "employee_id": "w1",
        "cin_role": "social_worker",
        "iat": now,
        "exp": now + 600,
    }
    claims.update(overrides)
    return jwt.encode(claims, key, algorithm="RS256")


def test_a_single_sign_on_token_maps_the_configured_claims_to_the_worker() -> None:
    key, public = _key_pair()
    identity = verify_token(_sso_token(key), _sso(public))
    assert (identity.worker_id, identity.role, identity.kind) == ("w1", "social_worker", "sso")


def test_single_sign_on_tokens_for_another_client_or_from_another_key_are_refused() -> None:
    key, public = _key_pair()
    other_key, _ = _key_pair()
    assert _reason(_sso_token(key, aud="some-other-app"), _sso(public)).startswith("invalid token")
    assert _reason(_sso_token(other_key), _sso(public)) == "bad signature"


def test_the_providers_public_key_used_as_an_hmac_secret_is_refused() -> None:
    """The classic key-confusion forgery: HS256 signed with the (public) RSA key."""
    _, public = _key_pair()
    now = int(_utcnow().replace(tzinfo=dt.timezone.utc).timestamp())
    claims = {
        "iss": "https://login.example-council.gov.uk",
        "aud": "cin-assistant-client",
        "employee_id": "m1",
        "iat": now,
        "exp": now + 600,
    }
    header = _b64({"alg": "HS256", "typ": "JWT"})
    import hashlib
    import hmac

    signing_input = f"{header}.{_b64(claims)}"
    signature = (
        base64.urlsafe_b64encode(hmac.new(public.encode(), signing_input.encode(), hashlib.sha256).digest())
        .rstrip(b"=")
        .decode()
    )
    with pytest.raises(TokenError):
        verify_token(f"{signing_input}.{signature}", _sso(public))


def test_a_token_without_the_mapped_worker_claim_is_refused() -> None:
    key, public = _key_pair()
    assert _reason(_sso_token(key, employee_id=None), _sso(public)) == "token names no worker"


def test_the_secret_file_is_created_once_readable_by_the_owner_only(tmp_path: Path) -> None:
    env = {"CIN_TOKEN_SECRET_FILE": str(tmp_path / "secret")}
    first = load_token_settings(env)
    assert stat.S_IMODE(os.stat(tmp_path / "secret").st_mode) == 0o600
    assert load_token_settings(env).secret == first.secret
    assert len(first.secret) >= 32


@pytest.mark.parametrize(
    "env, needle",
    [
        ({"CIN_TOKEN_SECRET": "short"}, "CIN_TOKEN_SECRET"),
        ({"CIN_TOKEN_SECRET": SECRET, "CIN_TOKEN_MINUTES": "0"}, "CIN_TOKEN_MINUTES"),
        ({"CIN_TOKEN_SECRET": SECRET, "CIN_OIDC_ISSUER": "https://idp"}, "CIN_OIDC_PUBLIC_KEY_FILE"),
    ],
)
def test_unusable_settings_say_which_variable(env: dict, needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        load_token_settings(env)


def test_single_sign_on_refuses_symmetric_algorithms_in_its_settings(tmp_path: Path) -> None:
    _, public = _key_pair()
    (tmp_path / "idp.pem").write_text(public)
    env = {
        "CIN_TOKEN_SECRET": SECRET,
        "CIN_OIDC_ISSUER": "https://idp",
        "CIN_OIDC_AUDIENCE": "a",
        "CIN_OIDC_PUBLIC_KEY_FILE": str(tmp_path / "idp.pem"),
        "CIN_OIDC_ALGORITHMS": "HS256",
    }
    with pytest.raises(ConfigError, match="CIN_OIDC_ALGORITHMS"):
        load_token_settings(env)
    env["CIN_OIDC_ALGORITHMS"] = "RS256"
    env["CIN_OIDC_WORKER_CLAIM"] = "employee_id"
    assert load_token_settings(env).sso.worker_claim == "employee_id"
