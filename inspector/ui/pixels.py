"""Whether photos can be shown in true pixels: the terminal's graphics protocol.

textual-image (an optional dependency) asks the terminal whether it speaks the Kitty
Terminal Graphics Protocol or Sixel. The question must be asked before Textual owns the
terminal, so `probe()` is called by `cli.tui.launch` just before the app starts; nothing
else ever asks, and until it has been asked (tests, snapshots, no textual-image, not a
terminal) every preview is drawn in half-blocks, which are pure and deterministic.

Only terminals that say who they are and are known to draw pictures are asked (or any,
with `INSPECTOR_PREVIEW=pixels`): a terminal that does not answer costs the question's
timeout on every start (measured in tmux: 0.23 s for the protocols and 0.72 s for the
cell size; on a bare pseudo-terminal it doubled the time to the first screen).
`INSPECTOR_PREVIEW=halfblocks` never asks.
"""

from __future__ import annotations

import os

_protocol: str | None = None


#: `TERM` values, and `TERM_PROGRAM` values, of terminals that draw Kitty or Sixel
#: pictures. Others are not asked; inside tmux or screen nothing is (they would not pass
#: the pictures through).
_GRAPHIC_TERMS = ("xterm-kitty", "foot", "mlterm", "xterm-ghostty", "wezterm", "contour")
_GRAPHIC_PROGRAMS = ("WezTerm", "iTerm.app", "ghostty", "WarpTerminal", "rio", "Contour")


def _worth_asking() -> bool:
    env = os.environ
    choice = env.get("INSPECTOR_PREVIEW", "").strip().lower()
    if choice in ("halfblocks", "half-blocks"):
        return False
    if choice == "pixels":
        return True
    if env.get("TMUX") or env.get("TERM", "").startswith(("tmux", "screen")):
        return False
    return (
        env.get("TERM", "").startswith(_GRAPHIC_TERMS)
        or env.get("TERM_PROGRAM", "") in _GRAPHIC_PROGRAMS
        or "KITTY_WINDOW_ID" in env
    )


def probe() -> str | None:
    """Ask the terminal (once, before the app runs) which graphics protocol it speaks:
    "tgp", "sixel", or None for half-blocks."""
    global _protocol
    _protocol = None
    if not _worth_asking():
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
