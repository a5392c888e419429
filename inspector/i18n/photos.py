"""Messages of photos: import, matching, signage, preview, evidence copies."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
