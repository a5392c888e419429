"""Messages of sync bundles, trust, merge and conflicts."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
