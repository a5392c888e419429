"""Whether photos can be shown in true pixels: the terminal's graphics protocol.

textual-image (an optional dependency) asks the terminal whether it speaks the Kitty
Terminal Graphics Protocol or Sixel. The question must be asked before Textual owns the
terminal, so `probe()` is called by `cli.tui.launch` just before the app starts; nothing
else ever asks, and until it has been asked (tests, snapshots, no textual-image, not a
terminal) every preview is drawn in half-blocks, which are pure and deterministic.

`INSPECTOR_PREVIEW=halfblocks` skips the question (a terminal that answers slowly or
draws images badly).
"""

from __future__ import annotations

import os

_protocol: str | None = None


def probe() -> str | None:
    """Ask the terminal (once, before the app runs) which graphics protocol it speaks:
    "tgp", "sixel", or None for half-blocks."""
    global _protocol
    if os.environ.get("INSPECTOR_PREVIEW", "").strip().lower() in ("halfblocks", "half-blocks"):
        _protocol = None
        return None
    try:
        # Importing it asks the terminal (cell size, protocols): the library's own design.
        import textual_image.renderable as renderable
        import textual_image.widget  # noqa: F401  (fills its cell-size cache now)
    except Exception:  # not installed, or the terminal answered nonsense
        _protocol = None
        return None
    if renderable.Image is renderable.TGPImage:
        _protocol = "tgp"
    elif renderable.Image is renderable.SixelImage:
        _protocol = "sixel"
    else:
        _protocol = None
    return _protocol


def protocol() -> str | None:
    """The protocol `probe()` found, or None: draw half-blocks."""
    return _protocol
