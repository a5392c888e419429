"""Every string a user sees, in Chinese and English.

Messages live in catalog modules (`inspector.i18n.<area>`), each a dict of
`key -> (中文, English)`; a pair cannot be half-written. The language comes from
`--lang`, else `INSPECTOR_LANG`, else the system locale, else English.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

LANGUAGES = ("zh", "en")
#: Catalog modules under inspector.i18n, one per area of the product.
CATALOGS = (
    "core",
    "fields",
    "ledger",
    "ui",
    "photos",
    "sync",
    "plans",
    "inputs",
    "rules",
    "assessment",
    "wording",
    "forms",
    "map",
    "trust",
)

_language: str | None = None
_messages: dict[str, tuple[str, str]] | None = None


def detect(explicit: str | None = None) -> str:
    """The language to use: an explicit choice, INSPECTOR_LANG, or the locale."""
    for candidate in (explicit, os.environ.get("INSPECTOR_LANG")):
        if candidate:
            lang = candidate.strip().lower()[:2]
            if lang in LANGUAGES:
                return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str) -> None:
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _language = lang


def language() -> str:
    global _language
    if _language is None:
        _language = detect()
    return _language


def messages() -> dict[str, tuple[str, str]]:
    """All catalogs merged; a key defined twice is a bug and raises."""
    global _messages
    if _messages is None:
        merged: dict[str, tuple[str, str]] = {}
        for name in CATALOGS:
            module = importlib.import_module(f"inspector.i18n.{name}")
            catalog: dict[str, tuple[str, str]] = module.MESSAGES
            clash = merged.keys() & catalog.keys()
            if clash:
                raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
            merged.update(catalog)
        _messages = merged
    return _messages


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """The message `key` in the current (or given) language, filled with `params`."""
    pair = messages().get(key)
    if pair is None:
        # A missing key is a bug; show the key rather than crash in front of a user.
        return key
    text = pair[0] if (lang or language()) == "zh" else pair[1]
    return text.format(**params) if params else text


def clause(sentence: str, /, lang: str | None = None) -> str:
    """A sentence as it reads after a colon inside another: in English its first letter
    in lower case ("…is not used: the fix is stale", not "…: The fix"), unless its first
    word is all capitals (GNSS, NMEA); Chinese as it is."""
    if (lang or language()) == "zh" or not sentence[:1].isupper():
        return sentence
    first = sentence.split(maxsplit=1)[0]
    if len(first) > 1 and first.isupper():
        return sentence
    return sentence[0].lower() + sentence[1:]


def has(key: str) -> bool:
    return key in messages()


class Problem(Exception):
    """A user-facing failure: one sentence, from the catalog, in the user's language.

    Raised by services for bad input; the command line prints `str(problem)` and exits
    with `exit_code`, the UI shows it in a notification. Never a traceback.
    """

    exit_code = 1

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **self.params)
