"""Text for terminal cells: Chinese characters take two cells, and columns must line up.

Stored text is data and may hold escape sequences or bidirectional overrides: everything
shown from the data goes through `printable` (here, in `fit`, `label` and
`display_value`, or directly), so it is seen escaped and never acted on."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len, set_cell_size

from inspector.domain.choices import Choice
from inspector.domain.printable import printable
from inspector.i18n import language, t

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells, with an ellipsis where it was cut."""
    if width <= 0:
        return ""
    text = printable(text)
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, width - 1).rstrip() + ELLIPSIS, width)


def right(text: str, width: int) -> str:
    """`text` aligned right in `width` cells."""
    size = cell_len(text)
    if size >= width:
        return fit(text, width)
    return " " * (width - size) + text


def label(kind: type[Choice], key: str | None, *, empty: str = "") -> str:
    """The label of a stored choice key in the current language (the key itself if it is
    not one this version knows: data from a newer replica must still show)."""
    if not key:
        return empty
    member = kind._value2member_map_.get(key)
    if member is None:
        return printable(key)
    return kind.of(key).label(language())


def local_time(stored: str | dt.datetime | None, tz: dt.tzinfo | None = None) -> str:
    """A stored UTC datetime (or an aware one) as local time, to the minute."""
    from inspector.domain.moments import shown

    return shown(stored, tz)


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return t("ui.yes") if value else t("ui.no")


def display_value(entity: str, field: str, value: object) -> str:
    """A stored value as a person reads it: choice labels, lists joined, yes/no."""
    return printable(_display_value(entity, field, value))


def _display_value(entity: str, field: str, value: object) -> str:
    from inspector.models import SYNCED
    from inspector.models.spec import spec_for

    if value is None or value == []:
        return ""
    model = SYNCED.get(entity)
    spec = spec_for(model).fields.get(field) if model is not None else None
    if spec is not None and spec.choice is not None and isinstance(value, str):
        return label(spec.choice, value)
    if spec is not None and spec.kind == "list" and isinstance(value, list):
        from inspector.domain.choices import CHOICES

        kind = CHOICES.get(spec.list_of or "")
        items = [label(kind, str(v)) if kind else str(v) for v in value]
        return "、".join(items)
    if isinstance(value, bool):
        return yes_no(value)
    # SQLite hands booleans back as 0 and 1: "Flow present 1" is no answer.
    if spec is not None and spec.kind == "bool" and value in (0, 1):
        return yes_no(bool(value))
    if field.endswith("_severity") and isinstance(value, int) and 0 <= value <= 3:
        return t("value.severity", level=value)
    if spec is not None and spec.kind == "datetime" and isinstance(value, str):
        return local_time(value)
    return str(value)
