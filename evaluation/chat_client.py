"""The REST channel of a running assistant, signed in as each sender, for the chat's evaluations."""

from __future__ import annotations

from typing import Any, Dict, List, Optional


class Client:
    """The REST channel of a running server, signed in as each sender (the restart route included).

    Without ``tokens`` it uses this host's token secret, as a server started here does.
    """

    def __init__(self, url: str, tokens: Optional[Any] = None, timeout: float = 60.0) -> None:
        from assistant.channels.tokens import load_token_settings

        self.url = url.rstrip("/")
        self.tokens = tokens if tokens is not None else load_token_settings()
        self.timeout = timeout

    def _token(self, sender: str) -> str:
        from assistant.channels.tokens import issue_token

        return issue_token(sender, None, self.tokens)

    def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        from assistant.runtime.launcher import post_signed

        return post_signed(f"{self.url}/webhooks/rest/webhook", self._token(sender), message, self.timeout)[0]

    def restart(self, sender: str) -> None:
        """Start the sender's conversation afresh (slots and history cleared), as an integration would."""
        from assistant.runtime.launcher import post_json

        post_json(f"{self.url}/webhooks/rest/restart", {}, self._token(sender), self.timeout)


__all__ = ["Client"]
