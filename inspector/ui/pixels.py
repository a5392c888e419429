"""Whether photos can be shown in true pixels: the terminal's graphics protocol.

textual-image (an optional dependency) asks the terminal whether it speaks the Kitty
Terminal Graphics Protocol or Sixel. The question must be asked before Textual owns the
terminal, so `probe()` is called by `cli.tui.launch` just before the app starts; nothing
else ever asks, and until it has been asked (tests, snapshots, no textual-image, not a
terminal) every preview is drawn in half-blocks, which are pure and deterministic.

`INSPECTOR_PREVIEW=halfblocks` skips the question (a terminal that answers slowly or
draws images badly); inside tmux or screen, and on the Linux console, it is not asked:
measured in tmux, the questions cost 0.23 s (protocols) + 0.72 s (cell size) of
timeouts at every start, for pictures tmux would not pass through anyway.
"""

from __future__ import annotations

import os

_protocol: str | None = None


#: Terminals that never show a protocol's pictures (or hide them behind a multiplexer)
#: and that may leave each question unanswered until its timeout: not asked at all.
_NEVER = ("tmux", "screen", "linux", "dumb")


def probe() -> str | None:
    """Ask the terminal (once, before the app runs) which graphics protocol it speaks:
    "tgp", "sixel", or None for half-blocks."""
    global _protocol
    _protocol = None
    if os.environ.get("INSPECTOR_PREVIEW", "").strip().lower() in ("halfblocks", "half-blocks"):
        return None
    if os.environ.get("TERM", "").startswith(_NEVER) or os.environ.get("TMUX"):
        return None
    try:
        # Importing it asks the terminal which protocols it has: the library's own design.
        import textual_image.renderable as renderable
    except Exception:  # not installed, or the terminal answered nonsense
        return None
    if renderable.Image is renderable.TGPImage:
        found = "tgp"
    elif renderable.Image is renderable.SixelImage:
        found = "sixel"
    else:
        return None
    try:
        # The cell size in pixels, asked now for the same reason (only needed, and only
        # asked, when pictures will be drawn: a terminal without may not answer at all).
        import textual_image.widget  # noqa: F401
    except Exception:
        return None
    _protocol = found
    return found


def protocol() -> str | None:
    """The protocol `probe()` found, or None: draw half-blocks."""
    return _protocol
