"""The CIN Practice Assistant's domain package.

Everything a social worker's question needs (calendar, rules, case store,
guidance knowledge, channels, voice) lives here; Rasa actions are thin
adapters over it. This package never imports Rasa or ``actions``.
"""

__version__ = "0.1.0"
