"""Messages of issue 12b: numbers and text on screen (positions named by axis, photo
matching counts, targets and their meaning, record names, change reasons, sheet names)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "pos.axis_problem": ("{axis}：{problem}", "{axis}: {problem}"),
    "pos.axis.lat": ("纬度", "Latitude"),
    "pos.axis.lon": ("经度", "Longitude"),
}
