"""Whether a position lies where its county says it is: one rule for every way an outfall
comes in (a ledger row, the new-outfall form, an edit of its details).

Outside the county's city by more than `OUTSIDE_CITY_M` it is refused: a typing slip (a
digit dropped, latitude and longitude swapped, a point in another province) rather than
an outfall. Outside the county itself by more than `OUTSIDE_COUNTY_M` it is a warning:
outfalls near a boundary are registered by the county that supervises them, but a wrong
county is worth a second look. Bounding boxes are coarse, hence the margins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from inspector.i18n import language, t

if TYPE_CHECKING:
    from inspector.data.reference import ReferenceData

OUTSIDE_CITY_M = 5_000
OUTSIDE_COUNTY_M = 2_000


@dataclass(frozen=True)
class Misplaced:
    refused: bool
    """Outside the city: an error. Else outside the county only: a warning."""
    message: str


def misplaced(ref: ReferenceData, county: str | None, lat: float, lon: float) -> Misplaced | None:
    """What is wrong with (`lat`, `lon`) as a position in `county` (None: nothing)."""
    if county is None or county not in ref.regions:
        return None
    region = ref.regions[county]
    city = ref.city_of(county)
    lang = language()
    if city is not None and city.bbox is not None:
        outside = city.bbox.distance_outside_m(lat, lon)
        if outside > OUTSIDE_CITY_M:
            hint = t("ledger.maybe_swapped") if city.bbox.contains(lon, lat) else ""
            message = t("ledger.outside_city", city=city.name(lang), km=f"{outside / 1000:.1f}")
            return Misplaced(True, message + hint)
    if region.bbox is not None:
        outside = region.bbox.distance_outside_m(lat, lon)
        if outside > OUTSIDE_COUNTY_M:
            message = t(
                "ledger.outside_county", county=region.name(lang), km=f"{outside / 1000:.1f}"
            )
            return Misplaced(False, message)
    return None
