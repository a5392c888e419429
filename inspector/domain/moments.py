"""Moments typed by people and moments stored: the one place local time becomes UTC.

People type local wall-clock time ("2026-11-20 15:36", "2026年11月20日15时36分"); the
database stores UTC (`YYYY-MM-DD HH:MM:SS.ffffff`, see `inspector.models.spec`). The
conversion happens exactly once, here:

- `read_typed(value, tz)`: what a person typed, as an aware moment. Text without a zone
  is read in `tz` (the UI's zone), else in this computer's zone; text with an offset
  keeps it; an aware datetime is taken as it is. Text in exactly the stored form (with
  six digits of microseconds, which nobody types) is a stored value handed back, for
  instance a conflict's other value restored: it is UTC already and is not converted
  again.
- `to_stored(moment)`: an aware moment as stored UTC text. A naive datetime object is
  refused: it is ambiguous (was it already converted?), and guessing is how an incident
  typed as 15:36 came to be stored eight hours off.
- `to_local(stored, tz)` / `shown(stored, tz)`: a stored moment back in local time, for
  display (the UI's zone, else this computer's).
"""

from __future__ import annotations

import datetime as dt
import re

STORED_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
SHOWN_FORMAT = "%Y-%m-%d %H:%M"
_STORED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$")


class NaiveMoment(TypeError):
    """A naive datetime object reached the stored form: a programming error."""


def _normalise(text: str) -> str:
    text = text.strip().replace("/", "-").replace("年", "-").replace("月", "-")
    text = text.replace("日", " ").replace("时", ":").replace("分", "").replace("秒", "")
    return " ".join(text.split())


def read_typed(value: str | dt.datetime, tz: dt.tzinfo | None = None) -> dt.datetime:
    """What a person typed, as an aware moment (raises ValueError for unreadable text)."""
    if isinstance(value, dt.datetime):
        moment = value
        if moment.tzinfo is None:
            raise NaiveMoment("a datetime object must carry its zone")
        return moment
    text = str(value).strip()
    if _STORED.match(text):
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    moment = dt.datetime.fromisoformat(_normalise(text))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()
    return moment


def to_stored(moment: dt.datetime) -> str:
    """An aware moment as stored: UTC text."""
    if moment.tzinfo is None:
        raise NaiveMoment("a datetime object must carry its zone")
    return moment.astimezone(dt.UTC).strftime(STORED_FORMAT)


def typed_to_stored(value: str | dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """`read_typed` then `to_stored`."""
    return to_stored(read_typed(value, tz))


def from_stored(stored: str | dt.datetime) -> dt.datetime:
    """A stored moment (UTC text, or an aware datetime) as an aware UTC datetime."""
    if isinstance(stored, dt.datetime):
        return stored if stored.tzinfo is not None else stored.replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC)


def to_local(stored: str | dt.datetime, tz: dt.tzinfo | None = None) -> dt.datetime:
    """A stored moment in `tz`, else in this computer's zone."""
    moment = from_stored(stored)
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def shown(stored: str | dt.datetime | None, tz: dt.tzinfo | None = None) -> str:
    """A stored moment as local time to the minute ("" for none)."""
    if not stored:
        return ""
    return to_local(stored, tz).strftime(SHOWN_FORMAT)
