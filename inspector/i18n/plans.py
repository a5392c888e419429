"""Messages of self-inspection plans, progress, reports, assessment, incidents, the public list."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
