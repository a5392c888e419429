"""Chinese wraps between characters in every Static, label and toast (`inspector.ui.wrap`),
never inside a number, and English exactly as Rich wraps it."""

from __future__ import annotations

import itertools

import pytest
from rich._wrap import divide_line
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Static

from inspector.ui import wrap

KEPT_APART = "另有 17 个排污口凭设置审批或登记直接保留，无需整治：单独计数，不计入已整治或已销号"
POSITION = "接收机位置已取用：±20.8 米（单点定位，18 颗卫星），误差在允许范围内"


class _Paragraph(App[None]):
    CSS = "Static { width: 42; }"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text)


async def _lines(text: str) -> list[str]:
    wrap.install()
    app = _Paragraph(text)
    async with app.run_test(size=(60, 10)):
        static = app.query_one(Static)
        strips = static.render_lines(Region(0, 0, static.size.width, static.size.height))
        return [strip.text.rstrip() for strip in strips if strip.text.strip()]


async def test_a_chinese_sentence_fills_each_line_instead_of_leaving_a_number_alone() -> None:
    lines = await _lines(KEPT_APART)
    # Rich's own wrap put "另有 17" alone on the first line: the rest had no space to
    # break at, so it went whole to the next and was cut there at the width.
    assert lines[0].startswith("另有 17 个排污口")
    assert len(lines) == 2


async def test_a_number_and_its_closing_mark_are_never_split() -> None:
    for width in range(8, 40):
        offsets = [0, *divide_line_installed(POSITION, width), len(POSITION)]
        pieces = [POSITION[a:b] for a, b in itertools.pairwise(offsets)]
        assert "".join(pieces) == POSITION
        assert any("±20.8" in piece for piece in pieces), (width, pieces)
        assert not any(piece.startswith(("，", "）", "：")) for piece in pieces), (width, pieces)
        assert not any(piece.rstrip().endswith("（") for piece in pieces), (width, pieces)


def divide_line_installed(text: str, width: int) -> list[int]:
    wrap.install()
    return divide_line(text, width)


@pytest.mark.parametrize(
    "text",
    [
        "The receiver's position is not used: the fix is not accurate enough",
        "  leading spaces,   runs of spaces and a verylongwordthatcannotfitanywhere  ",
        "",
    ],
)
def test_english_wraps_exactly_as_rich_wraps_it(text: str) -> None:
    wrap.install()
    for width in (5, 12, 30):
        assert list(wrap.chunks(text)) == list(wrap._RICH_WORDS(text))
        assert divide_line(text, width) == _rich_divide(text, width)


def _rich_divide(text: str, width: int) -> list[int]:
    import rich._wrap

    installed = rich._wrap.words
    rich._wrap.words = wrap._RICH_WORDS
    try:
        return divide_line(text, width)
    finally:
        rich._wrap.words = installed


def test_the_app_installs_it(make_app) -> None:  # type: ignore[no-untyped-def]
    import rich._wrap

    rich._wrap.words = wrap._RICH_WORDS
    make_app("zh")
    assert rich._wrap.words is wrap.chunks
