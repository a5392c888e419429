"""Key bindings whose descriptions are message keys, shown in the user's language.

Textual reads `BINDINGS` when a class is defined, long before the language is known, so
descriptions are written as i18n keys (`"key.save"`) and translated per instance by
`localise`, which every screen and widget with bindings calls from `__init__`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding
from textual.dom import DOMNode

from inspector.i18n import has, t


def _translated(binding: Binding) -> Binding:
    changes: dict[str, Any] = {}
    if binding.description and has(binding.description):
        changes["description"] = t(binding.description)
    if binding.tooltip and has(binding.tooltip):
        changes["tooltip"] = t(binding.tooltip)
    return replace(binding, **changes) if changes else binding


def localise(node: DOMNode) -> None:
    """Translate the descriptions of `node`'s own bindings (its private copy)."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [_translated(b) for b in bindings]
