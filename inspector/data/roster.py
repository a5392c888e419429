"""Each county's inspector roster (执法人员名录库) in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.data.engine import Conn


@dataclass(frozen=True)
class RosterLine:
    id: str
    county_code: str
    name: str
    certificate_no: str | None
    unit: str | None
    added_on: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "county": self.county_code,
            "name": self.name,
            "certificate_no": self.certificate_no,
            "unit": self.unit,
            "added_on": self.added_on,
        }


def roster(conn: Conn, *, county_code: str | None = None) -> list[RosterLine]:
    """Live roster members, of one county or all, by county then name."""
    where, params = ("deleted = 0", [])
    if county_code is not None:
        where += " AND county_code = ?"
        params.append(county_code)
    return [
        RosterLine(*row)
        for row in conn.execute(
            "SELECT id, county_code, name, certificate_no, unit, added_on FROM roster_member "
            f"WHERE {where} ORDER BY county_code, name, id",
            params,
        )
    ]
