"""Which outfalls a count or a list covers, as services name it: one county, some
counties, every county of a city, or everything. Services pass an `Area`; the data
functions turn it into SQL here, so the condition is written once."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.data.engine import Conn


@dataclass(frozen=True)
class Area:
    """The first of `county`, `counties` and `city` that is set decides; none: all."""

    county: str | None = None
    counties: tuple[str, ...] | None = None
    """Counties listed one by one."""
    city: str | None = None
    """Every county whose parent region is this city, as the region table has it when
    the statement runs."""

    def sql(self, alias: str = "o") -> tuple[str, list[object]]:
        """The condition on rows `alias` (which have a `county_code`), and its parameters."""
        if self.county is not None:
            return f"{alias}.county_code = ?", [self.county]
        if self.counties is not None:
            marks = ", ".join("?" * len(self.counties))
            return f"{alias}.county_code IN ({marks})", list(self.counties)
        if self.city is not None:
            return (
                f"{alias}.county_code IN (SELECT code FROM region WHERE parent_code = ?)",
                [self.city],
            )
        return "1=1", []


EVERYWHERE = Area()


def counties_of(conn: Conn, *, city_code: str) -> tuple[str, ...]:
    """The codes of the city's counties (the regions whose parent it is)."""
    return tuple(
        row[0] for row in conn.execute("SELECT code FROM region WHERE parent_code=?", (city_code,))
    )
