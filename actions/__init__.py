"""Rasa custom actions: thin adapters over the `assistant` package.

An action reads the tracker, calls one function in `assistant/`, and formats
the reply. No SQL, dates or files here.
"""
