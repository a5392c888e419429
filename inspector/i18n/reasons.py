"""Why a change was made, stored so every reader sees it in their own language.

A reason the program writes by itself ("Outfall registered", "photo import: DCIM") is
stored as a message key with its parameters, `{"key": "reason.photo_import", "params":
{"folder": "DCIM"}}`, and shown through the catalog in the reader's language: a change
made on a Chinese laptop reads in English on an English one, in the history, on the
command line and in the UI alike. A reason a person typed is stored as typed and shown as
stored, as is every reason written before keys (free text, in whichever language it was).
"""

from __future__ import annotations

import json
from typing import Any

from inspector.i18n import has, t

_PREFIX = '{"key":'


def keyed(key: str, /, **params: Any) -> str:
    """The stored form of an automatic reason (`key` must be in a catalog)."""
    if not has(key):
        raise KeyError(key)
    body: dict[str, Any] = {"key": key}
    if params:
        body["params"] = params
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def reason_text(stored: str | None, lang: str | None = None) -> str:
    """A stored reason for a reader: a key in their language, anything else as stored."""
    if not stored:
        return ""
    if stored.startswith(_PREFIX):
        try:
            body = json.loads(stored)
        except ValueError:
            return stored
        key = body.get("key") if isinstance(body, dict) else None
        params = body.get("params") or {}
        if isinstance(key, str) and has(key) and isinstance(params, dict):
            try:
                return t(key, lang=lang, **params)
            except (KeyError, IndexError, ValueError):
                return t(key, lang=lang)
        # A key this version does not know (a newer replica wrote it): its name reads
        # better than the JSON around it.
        if isinstance(key, str):
            return key
    return stored
