"""Position parsing, datum conversion (against published pairs) and distances."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector.domain.choices import Datum
from inspector.domain.geo import (
    GREAT_CIRCLE_ERROR,
    BBox,
    PositionError,
    bd09_to_gcj02,
    distance_m,
    from_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    haversine_m,
    karney_m,
    parse_coordinate,
    parse_position,
    to_wgs84,
    wgs84_to_gcj02,
)

# -- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "axis", "expected"),
    [
        ("35.2153", "lat", 35.2153),
        ("-35.2153", "lat", -35.2153),
        ("+113.25", "lon", 113.25),
        ("35°12'55.1\"N", "lat", 35 + 12 / 60 + 55.1 / 3600),
        ("35° 12′ 55.1″ N", "lat", 35 + 12 / 60 + 55.1 / 3600),
        ("N 35 12 55.1", "lat", 35 + 12 / 60 + 55.1 / 3600),
        ("35:12:55.1", "lat", 35 + 12 / 60 + 55.1 / 3600),
        ("35°12.918'", "lat", 35.2153),
        ("35d12m55.1s", "lat", 35 + 12 / 60 + 55.1 / 3600),
        ("北纬35度12分55.1秒", "lat", 35 + 12 / 60 + 55.1 / 3600),
        ("东经113°14′25″", "lon", 113 + 14 / 60 + 25 / 3600),
        ("113°14'25\"W", "lon", -(113 + 14 / 60 + 25 / 3600)),
        ("35°12'S", "lat", -35.2),
        ("３５．２", "lat", 35.2),  # full-width digits, as a Chinese IME types them
    ],
)
def test_parse_coordinate(text: str, axis: str, expected: float) -> None:
    assert parse_coordinate(text, axis) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "axis", "code"),
    [
        ("-35.2 S", "lat", "coord_sign_and_hemisphere"),  # geopy would read this as north
        ("-113 W", "lon", "coord_sign_and_hemisphere"),
        ("S -35.2", "lat", "coord_sign_and_hemisphere"),
        ("35.2 E", "lat", "coord_wrong_hemisphere"),
        ("113 N", "lon", "coord_wrong_hemisphere"),
        ("95.0", "lat", "coord_out_of_range"),
        ("181", "lon", "coord_out_of_range"),
        ("35°61'", "lat", "coord_minutes_seconds"),
        ("35°12'60\"", "lat", "coord_minutes_seconds"),
        ("abc", "lat", "coord_unreadable"),
        ("35.5°12'", "lat", "coord_unreadable"),
        ("1 2 3 4", "lat", "coord_unreadable"),
        ("35.2s", "lat", "coord_unreadable"),  # seconds without degrees: refuse, never guess
        ("12'30\"", "lat", "coord_unreadable"),
        ("", "lat", "coord_empty"),
    ],
)
def test_parse_coordinate_refuses(text: str, axis: str, code: str) -> None:
    with pytest.raises(PositionError) as caught:
        parse_coordinate(text, axis)
    assert caught.value.code == code


def test_parse_position_orders() -> None:
    assert parse_position("35.2, 113.1") == parse_position("35.2，113.1")
    p = parse_position("113.1, 35.2")
    assert (p.lat, p.lon, p.swapped) == (35.2, 113.1, True)
    p = parse_position("35°12'N 113°6'E")
    assert (round(p.lat, 6), round(p.lon, 6), p.swapped) == (35.2, 113.1, False)
    p = parse_position("E113.1 N35.2")
    assert (p.lat, p.lon) == (35.2, 113.1)
    with pytest.raises(PositionError):
        parse_position("35.2")


@pytest.mark.parametrize(
    ("text", "axis", "value"),
    [
        # A latitude typed wrong: the message quotes it, not the longitude beside it.
        ("95, 113", "lat", "95"),
        ("95.5，113.2", "lat", "95.5"),
        ("35.2, 500", "lon", "500"),
        ("E113 N95", "lat", "N95"),
        ("N35 E200", "lon", "E200"),
        ("35°12'N 113°75'E", "lon", "113°75'E"),
    ],
)
def test_a_position_problem_quotes_the_value_at_fault(text: str, axis: str, value: str) -> None:
    from inspector.i18n import t
    from inspector.ui.widgets.forms.position import position_problem

    with pytest.raises(PositionError) as caught:
        parse_position(text)
    assert caught.value.params["axis"] == axis
    assert caught.value.params["value"] == value
    message = position_problem(caught.value)
    assert message.startswith(t(f"pos.axis.{axis}") + ":")
    assert f"“{value}”" in message


# -- datums: published point pairs -------------------------------------------------------------

# wandergis/coordtransform (as used by hutool's CoordinateUtilTest): (116.404, 39.915).
# The Zhengzhou pair is from a public Java test (cuihw/collection, PositionUtilTest).
FORWARD_PAIRS = [
    ((39.915, 116.404), (39.91640428150164, 116.41024449916938)),
    ((34.829793, 113.647881), (34.8287280094783, 113.65396374215176)),
]
# Published GCJ-02 -> WGS-84 by the one-step approximation (hutool; gcoord); our exact
# inverse differs from those by about two centimetres.
INVERSE_PAIRS = [
    ((39.915, 116.404), (39.91359571849836, 116.39775550083061)),
    ((45.0, 123.0), (44.99804071, 122.99395597)),
]
BD_PAIRS = [((39.915, 116.404), (39.92133699351021, 116.41036949371029))]  # GCJ -> BD (hutool)


@pytest.mark.parametrize(("wgs", "gcj"), FORWARD_PAIRS)
def test_wgs84_to_gcj02_matches_published(
    wgs: tuple[float, float], gcj: tuple[float, float]
) -> None:
    got = wgs84_to_gcj02(*wgs)
    assert got == pytest.approx(gcj, abs=1e-9)


@pytest.mark.parametrize(("gcj", "wgs"), INVERSE_PAIRS)
def test_gcj02_to_wgs84_within_a_metre_of_published(
    gcj: tuple[float, float], wgs: tuple[float, float]
) -> None:
    got = gcj02_to_wgs84(*gcj)
    assert haversine_m(*got, *wgs) < 1.0


@pytest.mark.parametrize(("gcj", "bd"), BD_PAIRS)
def test_gcj02_to_bd09_matches_published(gcj: tuple[float, float], bd: tuple[float, float]) -> None:
    assert gcj02_to_bd09(*gcj) == pytest.approx(bd, abs=1e-9)
    assert haversine_m(*bd09_to_gcj02(*bd), *gcj) < 0.01


def test_outside_china_is_untouched() -> None:
    assert wgs84_to_gcj02(43.47, 11.88) == (43.47, 11.88)  # Tuscany
    assert gcj02_to_wgs84(43.47, 11.88) == (43.47, 11.88)


china = st.tuples(st.floats(18.0, 53.0), st.floats(74.0, 134.0))


@given(china)
def test_gcj02_round_trip_under_a_millimetre(point: tuple[float, float]) -> None:
    there = wgs84_to_gcj02(*point)
    assert haversine_m(*there, *point) > 1  # the offset is real ...
    back = gcj02_to_wgs84(*there)
    assert haversine_m(*back, *point) < 0.001  # ... and the inverse undoes it


@given(china)
def test_bd09_round_trip_under_a_millimetre(point: tuple[float, float]) -> None:
    for datum in (Datum.BD09, Datum.GCJ02, Datum.WGS84, Datum.CGCS2000):
        typed = from_wgs84(*point, datum)
        assert haversine_m(*to_wgs84(*typed, datum), *point) < 0.001


# -- regions and distances ---------------------------------------------------------------------


def test_bbox_distance_outside() -> None:
    box = BBox(34.8, 112.55, 35.5, 113.7)
    assert box.distance_outside_m(35.0, 113.0) == 0
    assert 10_900 < box.distance_outside_m(34.7, 113.0) < 11_300  # 0.1° of latitude


def test_geodesic_distance_against_known_value() -> None:
    # One degree of latitude at the equator on WGS-84 is 110,574 m.
    assert distance_m(0, 0, 1, 0) == pytest.approx(110_574.4, abs=1)
    assert haversine_m(35, 113, 35.001, 113) == pytest.approx(
        distance_m(35, 113, 35.001, 113), rel=0.005
    )


@given(
    st.floats(-89.9, 89.9),
    st.floats(-180, 180),
    st.floats(-89.9, 89.9),
    st.floats(-180, 180),
    st.booleans(),
)
def test_great_circle_and_geodesic_differ_by_less_than_the_stated_margin(
    lat1: float, lon1: float, lat2: float, lon2: float, near: bool
) -> None:
    # The nearest-outfalls list is exact only if this margin holds: short distances (a
    # walk along a river) and long ones, at every latitude.
    if near:
        lat2, lon2 = max(-89.9, min(89.9, lat1 + lat2 / 200)), lon1 + lon2 / 400
    great_circle = haversine_m(lat1, lon1, lat2, lon2)
    if great_circle > 1.0:
        assert abs(distance_m(lat1, lon1, lat2, lon2) / great_circle - 1) < GREAT_CIRCLE_ERROR


def test_the_margin_is_where_the_two_disagree_most() -> None:
    # A short step along the meridian at the equator: the ellipsoid is flattest there.
    ratio = distance_m(0, 0, 0.01, 0) / haversine_m(0, 0, 0.01, 0)
    assert GREAT_CIRCLE_ERROR - 0.0005 < 1 - ratio < GREAT_CIRCLE_ERROR


@given(
    st.floats(-89.9, 89.9),
    st.floats(-180, 180),
    st.floats(-1, 1),
    st.floats(-1, 1),
    st.sampled_from([0.0001, 0.01, 1.0, 4.99, 100.0]),
)
def test_distances_agree_with_karneys_method_to_a_tenth_of_a_millimetre(
    lat: float, lon: float, north: float, east: float, span: float
) -> None:
    # Near points are solved by Vincenty's iteration, far ones by Karney's: either way
    # the geodesic, from a metre to across the globe (and nearly antipodal).
    lat2 = max(-90.0, min(90.0, lat + north * span))
    lon2 = lon + east * span
    assert distance_m(lat, lon, lat2, lon2) == pytest.approx(
        karney_m(lat, lon, lat2, lon2), abs=1e-4
    )


def test_nearly_antipodal_points_are_measured() -> None:
    assert distance_m(0.0, 0.0, 0.5, 179.7) == pytest.approx(karney_m(0.0, 0.0, 0.5, 179.7))
    assert distance_m(35.0, 113.0, 35.0, 113.0) == 0.0
