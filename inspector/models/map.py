"""Reference map layers: rivers, region boundaries and other lines or areas imported by
the user (GeoJSON, KML, Shapefile), converted to WGS-84 and synced like any record, so
every replica draws the same map without fetching anything from a network."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index
from sqlmodel import JSON, Field

from inspector.models.base import SyncedRow, choice


class MapLayer(SyncedRow, table=True):
    """One imported file's features, shown or hidden together."""

    __tablename__ = "map_layer"

    name: str = Field(max_length=200)
    kind: str = choice("LayerKind", default="other")
    source_name: str | None = Field(default=None, max_length=255)
    """The file it was imported from (its name only: paths are personal)."""
    source_format: str | None = Field(default=None, max_length=20)
    source_datum: str = choice("Datum", default="wgs84")
    """The datum the file's coordinates were in; stored features are WGS-84."""
    feature_count: int = Field(default=0, ge=0)
    notes: str | None = Field(default=None, max_length=2000)


class MapFeature(SyncedRow, table=True):
    """One line, area or point of a layer, as a GeoJSON geometry in WGS-84."""

    __tablename__ = "map_feature"
    __table_args__ = (
        Index("ix_map_feature_layer", "layer_id"),
        # Features are few (hundreds, not millions): a box query on the southern edge
        # and a filter on the rest is all the map needs.
        Index("ix_map_feature_south", "south"),
    )

    layer_id: str = Field(foreign_key="map_layer.id", max_length=64)
    name: str | None = Field(default=None, max_length=200)
    river: str | None = Field(default=None, max_length=60)
    """The reference river this line is, when its name matched one."""
    region_code: str | None = Field(default=None, max_length=12)
    """The region this boundary encloses, when its name or code matched one."""
    geometry: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """GeoJSON geometry (LineString, MultiLineString, Polygon, MultiPolygon, Point,
    MultiPoint), longitude first as GeoJSON has it, WGS-84."""
    south: float = Field(ge=-90, le=90)
    west: float = Field(ge=-180, le=180)
    north: float = Field(ge=-90, le=90)
    east: float = Field(ge=-180, le=180)
