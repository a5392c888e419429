"""JSON text from outside the program (a file, a spreadsheet cell), read safely.

Python's `json` reads nesting by recursion, so a document a few thousand levels deep
raises `RecursionError` rather than the `JSONDecodeError` every reader here catches and
turns into a sentence naming the file: a stranger's GeoJSON stopped the program with a
traceback. `loads` raises `JSONDecodeError` for both.
"""

from __future__ import annotations

import json
from typing import Any


def loads(text: str | bytes) -> Any:
    """`json.loads`, with too deep a nesting refused as malformed."""
    try:
        return json.loads(text)
    except RecursionError:
        shown = text if isinstance(text, str) else text[:80].decode("utf-8", "replace")
        raise json.JSONDecodeError("nested too deeply", shown, 0) from None
