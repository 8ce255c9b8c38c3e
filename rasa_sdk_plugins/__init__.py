"""rasa-sdk's plugin hook (``rasa_sdk.plugin``): the action server checks the shared secret.

rasa-sdk imports a top-level package of this name when it starts an action
server and calls ``init_hooks``; our hook attaches the secret check
(:mod:`assistant.runtime.action_guard`) to the server's Sanic app before it serves.
rasa-sdk ignores a *missing* plugin package silently, so any other import
failure is raised as a RuntimeError: the server then fails to start rather
than serve unguarded. The launcher also checks that an unsigned call is
refused before it reports the assistant ready.
"""

from __future__ import annotations

from typing import Any

import pluggy

try:
    from assistant.runtime.action_guard import action_secret, attach_guard
except ImportError as exc:  # not ModuleNotFoundError's silent path in rasa-sdk: stop the server
    raise RuntimeError(f"the action server's secret check cannot load: {exc}") from exc

hookimpl = pluggy.HookimplMarker("rasa_sdk")


class SecretCheck:
    """The hook implementation: one Sanic middleware on the action server."""

    @hookimpl
    def attach_sanic_app_extensions(self, app: Any) -> None:
        attach_guard(app, action_secret())


def init_hooks(manager: pluggy.PluginManager) -> None:
    """Called by rasa-sdk with its plugin manager."""
    manager.register(SecretCheck())
