"""Cross-boundary pollution incidents (突发水污染事件, 跨界): where it happened, whom to
notify downstream, and each notification made (who, when, how).

When an incident is recorded, the regions after its region along its river (the
reference data lists each river's regions upstream first) each get a notice row with no
time yet: the list of whom to notify is fixed when the incident is recorded, and
travels with it, whatever the reference data of the replica that reads it later. Making
the notification fills that row in; notifying a region that is not downstream (the
city, a neighbour) adds a row. Incidents and notices are synced rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from inspector.data import incidents as incidents_data
from inspector.data.engine import Conn
from inspector.data.outfalls import find_outfall
from inspector.data.reference import ReferenceData
from inspector.data.writer import Writer
from inspector.domain.choices import NoticeMethod
from inspector.domain.moments import read_typed
from inspector.i18n import Problem, language
from inspector.models import Incident, IncidentNotice
from inspector.services.register import reader


@dataclass(frozen=True)
class NoticeView:
    id: str
    region_code: str
    region_name: str
    notified_at: str | None
    notified_by: str | None
    method: str | None
    notes: str | None

    @property
    def pending(self) -> bool:
        return self.notified_at is None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "region": self.region_code,
            "region_name": self.region_name,
            "notified_at": self.notified_at,
            "notified_by": self.notified_by,
            "method": self.method,
            "notes": self.notes,
            "pending": self.pending,
        }


@dataclass(frozen=True)
class IncidentView:
    id: str
    river: str
    outfall_id: str | None
    outfall_code: str | None
    region_code: str | None
    region_name: str
    occurred_at: str
    description: str
    reported_by: str | None
    notices: list[NoticeView] = field(default_factory=list)
    river_name: str = ""
    """The river as the reference data names it in the reader's language."""

    @property
    def pending(self) -> list[NoticeView]:
        return [n for n in self.notices if n.pending]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "river": self.river,
            "outfall_id": self.outfall_id,
            "outfall": self.outfall_code,
            "region": self.region_code,
            "region_name": self.region_name,
            "occurred_at": self.occurred_at,
            "description": self.description,
            "reported_by": self.reported_by,
            "notices": [n.as_json() for n in self.notices],
            "pending": len(self.pending),
        }


def _moment(value: dt.datetime | str, field_name: str) -> dt.datetime:
    """A typed moment as an aware datetime (`moments.read_typed`); the writer stores it,
    converting to UTC once."""
    try:
        return read_typed(value)
    except ValueError:
        raise Problem("incident.bad_time", value=value, field=field_name) from None


def record_incident(
    w: Writer,
    *,
    occurred_at: dt.datetime | str,
    description: str,
    river: str | None = None,
    outfall_code: str | None = None,
    region: str | None = None,
    reported_by: str | None = None,
) -> tuple[str, list[str]]:
    """Record an incident at an outfall (its river and county are the outfall's) or on a
    river in a region; returns its id and the regions downstream to notify, in river order."""
    conn = reader(w)
    ref = ReferenceData.load(conn)
    if not description.strip():
        raise Problem("incident.description_needed")
    river_name = ref.river_name(river) if river else None
    if river and river_name is None:
        raise Problem("incident.unknown_river", river=river)
    outfall_id: str | None = None
    region_code: str | None = None
    if outfall_code:
        outfall = find_outfall(conn, code=outfall_code)
        outfall_id, outfall_river, region_code = outfall.id, outfall.river, outfall.county_code
        if river_name is not None and river_name != outfall_river:
            raise Problem("incident.other_river", code=outfall_code, river=outfall_river)
        river_name = outfall_river
    if region:
        code = ref.region_code(region)
        if code is None:
            raise Problem("incident.unknown_region", region=region)
        if region_code is not None and code != region_code:
            raise Problem("incident.other_region", code=outfall_code, region=region)
        region_code = code
    if river_name is None:
        raise Problem("incident.river_needed")
    if region_code is None:
        raise Problem("incident.region_needed")
    info = ref.rivers.get(river_name)
    if outfall_id is None and (info is None or region_code not in info.regions):
        raise Problem("incident.region_not_on_river", region=region, river=river_name)
    incident_id = w.create(
        Incident,
        {
            "river": river_name,
            "outfall_id": outfall_id,
            "region_code": region_code,
            "occurred_at": _moment(occurred_at, "occurred_at"),
            "description": description.strip(),
            "reported_by": reported_by,
        },
    )
    downstream = ref.downstream_of(river_name, region_code)
    for code in downstream:
        w.create(IncidentNotice, {"incident_id": incident_id, "region_code": code})
    return incident_id, downstream


def _method(text: str) -> str:
    method = NoticeMethod.parse(text)
    if method is None:
        lang = language()
        raise Problem(
            "incident.bad_method",
            method=text,
            options=", ".join(f"{m.value} ({m.label(lang)})" for m in NoticeMethod),
        )
    return method.value


def notify(
    w: Writer,
    incident_id: str,
    *,
    region: str,
    by: str,
    method: str,
    at: dt.datetime | str | None = None,
    notes: str | None = None,
) -> str:
    """Record that `region` was told of the incident; returns the notice's id."""
    conn = reader(w)
    if w.get(Incident, incident_id) is None:
        raise Problem("incident.not_found", incident=incident_id)
    code = ReferenceData.load(conn).region_code(region)
    if code is None:
        raise Problem("incident.unknown_region", region=region)
    if not by.strip():
        raise Problem("incident.who_needed")
    values = {
        "notified_at": _moment(at or dt.datetime.now(dt.UTC), "notified_at"),
        "notified_by": by.strip(),
        "method": _method(method),
        "notes": notes,
    }
    notice_id = incidents_data.open_notice_id(conn, incident_id=incident_id, region_code=code)
    if notice_id is not None:
        w.update(IncidentNotice, notice_id, values)
        return notice_id
    return w.create(IncidentNotice, {"incident_id": incident_id, "region_code": code, **values})


def _views(conn: Conn, incident_id: str | None = None) -> list[IncidentView]:
    ref = ReferenceData.load(conn)
    lang = language()

    def name(code: str | None) -> str:
        region = ref.regions.get(code or "")
        return region.name(lang) if region else (code or "")

    notices: dict[str, list[NoticeView]] = {}
    for nid, iid, code, at, by, method, notes in incidents_data.notice_rows(
        conn, incident_id=incident_id
    ):
        known = NoticeMethod.parse(method or "")
        label = NoticeMethod.of(method or "").label(lang) if known else method
        notices.setdefault(iid, []).append(NoticeView(nid, code, name(code), at, by, label, notes))
    out = []
    for iid, river, oid, outfall_code, region, at, desc, by in incidents_data.incident_rows(
        conn, incident_id=incident_id
    ):
        out.append(
            IncidentView(
                iid,
                river,
                oid,
                outfall_code,
                region,
                name(region),
                at,
                desc,
                by,
                notices.get(iid, []),
                river_name=ref.rivers[river].label(lang) if river in ref.rivers else river,
            )
        )
    return out


def list_incidents(conn: Conn, *, open_only: bool = False) -> list[IncidentView]:
    """Incidents, newest first; `open_only` keeps those with a notification still to make."""
    views = _views(conn)
    return [v for v in views if v.pending] if open_only else views


def incident(conn: Conn, incident_id: str) -> IncidentView:
    views = _views(conn, incident_id)
    if not views:
        raise Problem("incident.not_found", incident=incident_id)
    return views[0]


def find_incident(conn: Conn, text: str) -> str:
    """An incident's id from its id or an unambiguous beginning of it (6+ characters)."""
    text = text.strip()
    if len(text) < 6:
        raise Problem("incident.id_too_short", incident=text)
    ids = incidents_data.incident_ids_with_prefix(conn, prefix=text)
    if not ids:
        raise Problem("incident.not_found", incident=text)
    if len(ids) > 1:
        raise Problem("incident.ambiguous", incident=text)
    return ids[0]
