"""Signed-in input channels (docs/channels.md): REST for integrations, the web page, voice.

Each is a Rasa input channel named in credentials.yml. Every request passes
the same gate (:mod:`assistant.channels.gate`): a valid bearer token that
names a worker in the case records, or 401 before the assistant sees it.
"""
