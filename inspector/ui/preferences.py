"""The user's own settings that belong to the person, not to a database: the language.

Kept in a small JSON file in the user configuration folder. The language chosen here
applies unless `--lang` or `INSPECTOR_LANG` says otherwise.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from inspector.locations import APP_NAME


def preferences_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "ui.json"


def load() -> dict[str, Any]:
    try:
        data = json.loads(preferences_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> None:
    """Merge `changes` into the file (written whole, then renamed: never half-written)."""
    path = preferences_file()
    data = load() | changes
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def explicit_language(argv: list[str] | None = None) -> bool:
    """Whether `--lang` or INSPECTOR_LANG chose the language for this run."""
    args = sys.argv[1:] if argv is None else argv
    if any(a == "--lang" or a.startswith("--lang=") for a in args):
        return True
    return bool(os.environ.get("INSPECTOR_LANG"))


def saved_language() -> str | None:
    lang = load().get("language")
    return lang if lang in ("zh", "en") else None
