"""Markers that tell `pybabel extract` a string is one of the site's messages; each returns its
arguments unchanged, so any layer (model/, words.py) can mark a word without importing the site."""

from __future__ import annotations


def N_(text: str) -> str:
    """A message, translated where it is shown."""
    return text


def Np_(context: str, text: str) -> str:
    """A message that reads differently in one context (a tab, a deliberation stage)."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """A counted message (a singular and a plural form)."""
    return singular, plural


def Npn_(context: str, singular: str, plural: str) -> tuple[str, str]:
    """A counted message that reads differently in one context."""
    return singular, plural
