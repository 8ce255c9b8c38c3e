"""Signed tokens (JWT) that say which worker is asking: issued on sign-in, checked on every message.

Two kinds are accepted (docs/channels.md):

* **local**: issued by this server after a password sign-in or by
  ``cin-assistant token``; HS256 with the server's secret, issuer
  ``cin-assistant``, subject = worker id, claim ``role``, short-lived
  (``CIN_TOKEN_MINUTES``, default 30), with an id (``jti``) so sign-out can
  revoke it.
* **single sign-on**: issued by the council's OpenID Connect provider, when
  ``CIN_OIDC_ISSUER`` is set; checked with the provider's public key
  (``CIN_OIDC_PUBLIC_KEY_FILE``, PEM), algorithms ``CIN_OIDC_ALGORITHMS``
  (default RS256), audience ``CIN_OIDC_AUDIENCE``; the worker id is the claim
  named by ``CIN_OIDC_WORKER_CLAIM`` (default ``sub``) and the role the one
  named by ``CIN_OIDC_ROLE_CLAIM`` (optional).

The algorithms are fixed per kind, never read from the token, so a token
signed with "none" or with the public key as an HMAC secret is refused.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple

import jwt

from assistant.config import VAR_DIR, ConfigError, shared_secret
from assistant.domain.clock import utcnow

LOCAL_ISSUER = "cin-assistant"
AUDIENCE = "cin-assistant"
DEFAULT_MINUTES = 30
LEEWAY_SECONDS = 30  # clocks on two servers differ a little


class TokenError(ValueError):
    """A token that must not be accepted; ``reason`` is safe to log (never the token itself)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    """Who a valid token says is asking."""

    worker_id: str
    role: Optional[str]
    token_id: Optional[str]
    expires_at: dt.datetime  # UTC, naive
    kind: str  # "local" or "sso"


@dataclass(frozen=True)
class SingleSignOn:
    """How to read the council's identity provider's tokens."""

    issuer: str
    audience: str
    public_key: str
    algorithms: Tuple[str, ...]
    worker_claim: str
    role_claim: Optional[str]


@dataclass(frozen=True)
class TokenSettings:
    secret: str
    minutes: int
    sso: Optional[SingleSignOn] = None


def _secret(env: Mapping[str, str]) -> str:
    """CIN_TOKEN_SECRET, else CIN_TOKEN_SECRET_FILE or var/token-secret (created once, owner-only)."""
    return shared_secret(env, "CIN_TOKEN_SECRET", VAR_DIR / "token-secret")


def _sso(env: Mapping[str, str]) -> Optional[SingleSignOn]:
    issuer = env.get("CIN_OIDC_ISSUER", "").strip()
    if not issuer:
        return None
    key_file = env.get("CIN_OIDC_PUBLIC_KEY_FILE", "").strip()
    if not key_file or not Path(key_file).is_file():
        raise ConfigError(
            "CIN_OIDC_ISSUER is set, so CIN_OIDC_PUBLIC_KEY_FILE must name the provider's public key (PEM)"
        )
    algorithms = tuple(a.strip() for a in env.get("CIN_OIDC_ALGORITHMS", "RS256").split(",") if a.strip())
    if not algorithms or any(a.upper().startswith("HS") or a.lower() == "none" for a in algorithms):
        raise ConfigError("CIN_OIDC_ALGORITHMS must list public-key algorithms such as RS256 or ES256")
    audience = env.get("CIN_OIDC_AUDIENCE", "").strip()
    if not audience:
        raise ConfigError("CIN_OIDC_AUDIENCE must be set to this assistant's client id at the provider")
    return SingleSignOn(
        issuer=issuer,
        audience=audience,
        public_key=Path(key_file).read_text(encoding="utf-8"),
        algorithms=algorithms,
        worker_claim=env.get("CIN_OIDC_WORKER_CLAIM", "").strip() or "sub",
        role_claim=env.get("CIN_OIDC_ROLE_CLAIM", "").strip() or None,
    )


def load_token_settings(env: Optional[Mapping[str, str]] = None) -> TokenSettings:
    env = os.environ if env is None else env
    raw = env.get("CIN_TOKEN_MINUTES", "").strip()
    if raw and (not raw.isdigit() or not 1 <= int(raw) <= 24 * 60):
        raise ConfigError(f"CIN_TOKEN_MINUTES must be whole minutes from 1 to 1440, got {raw!r}")
    return TokenSettings(secret=_secret(env), minutes=int(raw) if raw else DEFAULT_MINUTES, sso=_sso(env))


def _utc(now: Optional[dt.datetime]) -> dt.datetime:
    return now if now is not None else utcnow()


def issue_token(
    worker_id: str,
    role: Optional[str],
    settings: TokenSettings,
    now: Optional[dt.datetime] = None,
    minutes: Optional[int] = None,
) -> str:
    """A local token for the worker, valid for ``minutes`` (the setting by default)."""
    issued = _utc(now).replace(microsecond=0)
    claims: Dict[str, Any] = {
        "iss": LOCAL_ISSUER,
        "aud": AUDIENCE,
        "sub": worker_id,
        "iat": issued.replace(tzinfo=dt.timezone.utc),
        "exp": (issued + dt.timedelta(minutes=minutes or settings.minutes)).replace(tzinfo=dt.timezone.utc),
        "jti": uuid.uuid4().hex,
    }
    if role:
        claims["role"] = role
    return jwt.encode(claims, settings.secret, algorithm="HS256")


def _decode(token: str, key: str, algorithms: Tuple[str, ...], issuer: str, audience: str) -> Dict[str, Any]:
    return jwt.decode(
        token,
        key,
        algorithms=list(algorithms),
        issuer=issuer,
        audience=audience,
        leeway=LEEWAY_SECONDS,
        options={"require": ["exp", "iat", "iss", "aud"]},
    )


def verify_token(token: str, settings: TokenSettings) -> Identity:
    """The identity in a valid token, or TokenError saying why not (expired, bad signature, ...)."""
    if not token or len(token) > 8192:
        raise TokenError("missing or oversized token")
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise TokenError("malformed token") from None
    sso = settings.sso
    try:
        if sso is not None and unverified.get("iss") == sso.issuer:
            claims = _decode(token, sso.public_key, sso.algorithms, sso.issuer, sso.audience)
            worker = claims.get(sso.worker_claim)
            role = claims.get(sso.role_claim) if sso.role_claim else None
            kind = "sso"
        else:
            claims = _decode(token, settings.secret, ("HS256",), LOCAL_ISSUER, AUDIENCE)
            worker, role, kind = claims.get("sub"), claims.get("role"), "local"
    except jwt.ExpiredSignatureError:
        raise TokenError("expired token") from None
    except jwt.InvalidSignatureError:
        raise TokenError("bad signature") from None
    except jwt.PyJWTError as exc:
        raise TokenError(f"invalid token ({type(exc).__name__})") from None
    if not isinstance(worker, str) or not worker.strip():
        raise TokenError("token names no worker")
    expires = dt.datetime.fromtimestamp(int(claims["exp"]), dt.timezone.utc).replace(tzinfo=None)
    jti = claims.get("jti")
    return Identity(
        worker_id=worker.strip(),
        role=str(role) if role else None,
        token_id=str(jti) if jti else None,
        expires_at=expires,
        kind=kind,
    )


__all__ = [
    "AUDIENCE",
    "DEFAULT_MINUTES",
    "Identity",
    "LOCAL_ISSUER",
    "SingleSignOn",
    "TokenError",
    "TokenSettings",
    "issue_token",
    "load_token_settings",
    "verify_token",
]
