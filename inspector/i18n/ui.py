"""Messages of the terminal UI."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
