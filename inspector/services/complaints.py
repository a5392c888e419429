"""Public complaints (公众举报): recorded with the outfall (or county) they concern and a
handling deadline, answered with who answered, when, and the inspection that checked
them; late ones are shown on the dashboard.

The deadline is the scheme's `complaints.handling_days` after receipt (60 days in the
shipped card: an ASSUMED value, the sources and reference/domain.md give none; a city
loads its own card to change it). It is fixed on the complaint when it is recorded, so a
complaint keeps the deadline it was given on every replica.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from inspector.data import complaints as store
from inspector.data.engine import Conn
from inspector.data.outfalls import find_outfall
from inspector.data.reference import ReferenceData
from inspector.data.writer import Writer
from inspector.domain.choices import ComplaintChannel
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem, language, t
from inspector.models import Complaint
from inspector.services.assessment import city_of_county, scheme_for
from inspector.services.register import reader


@dataclass(frozen=True)
class ComplaintView:
    id: str
    county: str
    county_name: str
    outfall_id: str | None
    outfall_code: str | None
    outfall_name: str | None
    received_on: dt.date
    channel: str
    content: str
    complainant: str | None
    contact: str | None
    due_on: dt.date
    answered_on: dt.date | None
    answer: str | None
    answered_by: str | None
    inspection_id: str | None

    def overdue_days(self, today: dt.date) -> int:
        """Days past the deadline: today for an open complaint, the day it was answered
        for one answered late; 0 when not late."""
        end = self.answered_on or today
        return max(0, (end - self.due_on).days)

    def status(self, today: dt.date) -> str:
        if self.answered_on is not None:
            key = "answered_late" if self.answered_on > self.due_on else "answered"
            return t(f"complaint.status.{key}", date=self.answered_on.isoformat())
        late = self.overdue_days(today)
        return t("complaint.status.overdue", days=late) if late else t("complaint.status.open")

    def as_json(self, today: dt.date) -> dict[str, Any]:
        return {
            "id": self.id,
            "county": self.county,
            "county_name": self.county_name,
            "outfall": self.outfall_code,
            "outfall_name": self.outfall_name,
            "received_on": self.received_on.isoformat(),
            "channel": self.channel,
            "content": self.content,
            "complainant": self.complainant,
            "contact": self.contact,
            "due_on": self.due_on.isoformat(),
            "answered_on": self.answered_on.isoformat() if self.answered_on else None,
            "answer": self.answer,
            "answered_by": self.answered_by,
            "inspection_id": self.inspection_id,
            "overdue_days": self.overdue_days(today),
            "open": self.answered_on is None,
        }


def _view(row: store.ComplaintRow, ref: ReferenceData) -> ComplaintView:
    region = ref.regions.get(row.county)
    return ComplaintView(
        id=row.id,
        county=row.county,
        county_name=region.name(language()) if region else row.county,
        outfall_id=row.outfall_id,
        outfall_code=row.outfall_code,
        outfall_name=row.outfall_name,
        received_on=dt.date.fromisoformat(row.received_on),
        channel=row.channel,
        content=row.content,
        complainant=row.complainant,
        contact=row.contact,
        due_on=dt.date.fromisoformat(row.due_on),
        answered_on=dt.date.fromisoformat(row.answered_on) if row.answered_on else None,
        answer=row.answer,
        answered_by=row.answered_by,
        inspection_id=row.inspection_id,
    )


def _date(value: dt.date | str | None, field: str, today: dt.date) -> dt.date:
    if value is None or (isinstance(value, str) and not value.strip()):
        return today
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise Problem(
                "complaint.bad_date", field=t(f"field.complaint.{field}"), value=value
            ) from None
    if day > today:
        raise Problem(
            "complaint.future", field=t(f"field.complaint.{field}"), value=day.isoformat()
        )
    return day


def handling_days(conn: Conn, county: str) -> int:
    return scheme_for(conn, city_of_county(conn, county)).complaint_days


def record_complaint(
    w: Writer,
    *,
    content: str,
    outfall_code: str | None = None,
    county: str | None = None,
    received_on: dt.date | str | None = None,
    channel: str = "hotline",
    complainant: str | None = None,
    contact: str | None = None,
    today: dt.date | None = None,
) -> tuple[str, dt.date]:
    """Record a complaint; returns its id and its deadline."""
    conn = reader(w)
    today = today or calendar_today()
    if not (content or "").strip():
        raise Problem("complaint.content_needed")
    ref = ReferenceData.load(conn)
    county_code: str | None = None
    if county and county.strip():
        county_code = ref.region_code(county)
        if county_code is None or ref.regions[county_code].level != "county":
            raise Problem("plan.unknown_county", county=county)
    outfall_id = None
    if outfall_code and outfall_code.strip():
        try:
            found = find_outfall(conn, code=outfall_code)
        except Problem as problem:
            if problem.key != "outfall.not_found":
                raise
            raise Problem("complaint.unknown_outfall", code=outfall_code.strip()) from None
        if county_code is not None and found.county_code != county_code:
            raise Problem("complaint.county_mismatch", code=found.code, county=county)
        outfall_id, county_code = found.id, found.county_code
    if county_code is None:
        raise Problem("complaint.where_needed")
    kind = ComplaintChannel.parse(channel or "")
    if kind is None:
        raise Problem(
            "complaint.bad_channel",
            channel=channel,
            options=", ".join(c.value for c in ComplaintChannel),
        )
    received = _date(received_on, "received_on", today)
    due = received + dt.timedelta(days=handling_days(conn, county_code))
    complaint_id = w.create(
        Complaint,
        {
            "county_code": county_code,
            "outfall_id": outfall_id,
            "received_on": received,
            "channel": kind.value,
            "content": content.strip(),
            "complainant": (complainant or "").strip() or None,
            "contact": (contact or "").strip() or None,
            "due_on": due,
        },
    )
    return complaint_id, due


def find_complaint(conn: Conn, text: str) -> str:
    """The id of the complaint `text` names (its id or a prefix of it)."""
    prefix = (text or "").strip()
    ids = store.ids_with_prefix(conn, prefix=prefix) if prefix else []
    if not ids:
        raise Problem("complaint.not_found", id=text)
    if len(ids) > 1:
        raise Problem("complaint.ambiguous", id=text)
    return ids[0]


def answer_complaint(
    w: Writer,
    complaint: str,
    *,
    answer: str,
    by: str,
    on: dt.date | str | None = None,
    inspection: str | None = None,
    today: dt.date | None = None,
) -> str:
    """Record how a complaint was answered (and the inspection that checked it)."""
    conn = reader(w)
    today = today or calendar_today()
    complaint_id = find_complaint(conn, complaint)
    row = w.get(Complaint, complaint_id)
    assert row is not None
    if row["answered_on"] is not None:
        raise Problem("complaint.already_answered", date=str(row["answered_on"]))
    if not (answer or "").strip():
        raise Problem("complaint.answer_needed")
    if not (by or "").strip():
        raise Problem("complaint.by_needed")
    day = _date(on, "answered_on", today)
    received = row["received_on"]
    received = received if isinstance(received, dt.date) else dt.date.fromisoformat(str(received))
    if day < received:
        raise Problem(
            "complaint.before_received", date=day.isoformat(), received=received.isoformat()
        )
    inspection_id = inspected_outfall = None
    if inspection and inspection.strip():
        found = store.inspections_with_prefix(conn, prefix=inspection.strip())
        if len(found) != 1:
            key = "complaint.inspection_not_found" if not found else "complaint.ambiguous"
            raise Problem(key, id=inspection.strip())
        ref = found[0]
        if row["outfall_id"] is not None and ref.outfall_id != row["outfall_id"]:
            raise Problem(
                "complaint.inspection_elsewhere", id=inspection.strip(), code=ref.outfall_code
            )
        from inspector.domain.periods import local_date

        if local_date(ref.started_at) < received:
            raise Problem("complaint.inspection_before", id=inspection.strip())
        inspection_id, inspected_outfall = ref.id, ref.outfall_id
    values: dict[str, Any] = {
        "answered_on": day,
        "answer": answer.strip(),
        "answered_by": by.strip(),
        "inspection_id": inspection_id,
    }
    if row["outfall_id"] is None and inspected_outfall is not None:
        # A complaint about a county is tied to the outfall its inspection found.
        values["outfall_id"] = inspected_outfall
    w.update(Complaint, complaint_id, values)
    return complaint_id


def _counties(conn: Conn, city: str | None) -> list[str] | None:
    if city is None:
        return None
    return sorted(r.code for r in ReferenceData.load(conn).counties(city))


def list_complaints(
    conn: Conn,
    *,
    city: str | None = None,
    open_only: bool = False,
    overdue_on: dt.date | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    limit: int | None = None,
) -> list[ComplaintView]:
    ref = ReferenceData.load(conn)
    rows = store.complaint_rows(
        conn,
        counties=_counties(conn, city),
        open_only=open_only,
        overdue_on=overdue_on.isoformat() if overdue_on else None,
        received_from=received_from.isoformat() if received_from else None,
        received_to=received_to.isoformat() if received_to else None,
        limit=limit,
    )
    return [_view(r, ref) for r in rows]


@dataclass(frozen=True)
class Overdue:
    count: int
    first: list[ComplaintView]


def overdue(conn: Conn, *, city: str | None, today: dt.date, limit: int = 50) -> Overdue:
    """Complaints past their deadline and not answered: how many, and the longest late."""
    counties = _counties(conn, city)
    return Overdue(
        count=store.count_overdue(conn, counties=counties, on=today.isoformat()),
        first=list_complaints(conn, city=city, overdue_on=today, limit=limit),
    )
