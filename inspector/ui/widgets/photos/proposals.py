"""The review list: every pending matching proposal, one row each, and what a row says
in full (beside the preview)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from inspector.domain.photos import PhotoFlag
from inspector.domain.printable import printable
from inspector.i18n import language, t
from inspector.ui.text import local_time

COLUMNS: tuple[tuple[str, int], ...] = (
    ("photos.col.file", 20),
    ("photos.col.taken", 11),
    ("photos.col.outfall", 13),
    ("photos.col.name", 14),
    ("photos.col.distance", 8),
    ("photos.col.inspection", 11),
    ("photos.col.flags", 28),
)
"""Each column's width when the table has room for all of them."""

#: Narrowest useful width of the columns that give way, in the order they do; the times,
#: the outfall's code and the distance are never cut. The inspection's time is the first
#: to go altogether (it is in the panel beside the preview, as the whole name and every
#: flag are): at 80 columns the table ran past the screen's edge and scrolled sideways.
_MINIMUM = {"photos.col.name": 10, "photos.col.flags": 8, "photos.col.file": 14}
_DROP = ("photos.col.inspection",)


def widths(total: int, *, name: int = 14, flags: int = 28) -> dict[str, int]:
    """Cell widths of the columns in a table `total` cells wide (0: not shown). Each
    column has a cell of padding either side and the scrollbar takes two; `name` and
    `flags` are what the longest name and flags on the list need: left-over room goes
    to them, up to that."""
    want: dict[str, int] = {}

    def used() -> int:
        shown = [w for w in want.values() if w]
        return sum(shown) + 2 * len(shown) + 2

    for dropped in range(len(_DROP) + 1):
        want = dict(COLUMNS) | dict.fromkeys(_DROP[:dropped], 0)
        for key, least in _MINIMUM.items():
            while used() > total and want[key] > least:
                want[key] -= 1
        if used() <= total:
            break
    for key, need in (("photos.col.flags", flags), ("photos.col.name", name)):
        while used() < total and want[key] < need:
            want[key] += 1
    return want


def flag_label(key: str) -> str:
    """A flag in words (a key this version does not know shows as stored)."""
    if key in PhotoFlag._value2member_map_:
        return PhotoFlag.of(key).label(language())
    return key


def flags_text(flags: list[str]) -> str:
    return t("ui.list_sep").join(flag_label(f) for f in flags)


def short_time(stored: str | None, tz: Any, *, year: int) -> str:
    """Month, day and minute in `year` (this year); the date alone in any other, so a
    photo from an old card never passes for this year's."""
    full = local_time(stored, tz)
    if not full:
        return ""
    return full[5:] if full.startswith(f"{year:04d}-") else full[:10]


def distance_text(distance: float | None) -> str:
    return "" if distance is None else f"{distance:,.0f} m"


def cell(value: str, *, style: str = "", justify: Any = None) -> Text:
    """A table cell shown as it is: file and outfall names come from people and cameras,
    and a plain string in a DataTable would be read as markup ("IMG[1].jpg"). A cut
    ends in an ellipsis, as in every other list: a name cut silently reads as whole."""
    return Text(
        printable(value), style=style, justify=justify, end="", no_wrap=True, overflow="ellipsis"
    )


def row_cells(p: Any, tz: Any, *, year: int) -> list[Text]:
    """The cells of one proposal (a `review.ProposalView`)."""
    return [
        cell(p.original_name),
        cell(short_time(p.gps_time or p.taken_at, tz, year=year)),
        cell(p.outfall_code or t("photos.no_outfall")),
        cell(p.outfall_name or ""),
        cell(distance_text(p.distance_m), justify="right"),
        cell(short_time(p.inspection_started_at, tz, year=year)),
        cell(flags_text(p.flags), style="bold yellow"),
    ]


def detail(p: Any, tz: Any) -> Text:
    """Everything the row abbreviates, for the panel under the preview."""
    text = Text()
    text.append(p.original_name, style="bold")
    text.append("\n")
    taken = local_time(p.taken_at, tz)
    text.append(t("photos.detail.taken", value=taken or t("photos.detail.unknown")))
    if p.gps_time:
        text.append(t("photos.detail.gps_time", value=local_time(p.gps_time, tz)))
    text.append("\n")
    if p.lat is not None and p.lon is not None:
        position = f"{p.lat:.6f}, {p.lon:.6f}"
        if p.accuracy_m is not None:
            position += f" ±{p.accuracy_m:.0f} m"
        text.append(t("photos.detail.position", value=position))
    else:
        text.append(t("photos.detail.position", value=t("photos.detail.no_position")))
    text.append("\n")
    if p.outfall_id:
        text.append(t("photos.detail.outfall", code=p.outfall_code, name=p.outfall_name))
        if p.distance_m is not None:
            text.append("\n")
            text.append(t("photos.detail.distance", value=distance_text(p.distance_m)))
    else:
        text.append(t("photos.detail.outfall_none"))
    text.append("\n")
    started = local_time(p.inspection_started_at, tz)
    text.append(t("photos.detail.inspection", value=started or t("photos.detail.none")))
    text.append("\n")
    text.append(t("photos.detail.basis", value=t(f"photos.basis.{p.basis}")))
    for flag in p.flags:
        text.append("\n")
        text.append("⚑ " + flag_label(flag), style="bold yellow")
    return text
