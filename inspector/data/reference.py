"""Reference data: regions (GB/T 2260), rivers with the regions they flow through
(upstream first), and yearly targets. Shipped for 焦作 and 三门峡; replaceable by the user.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector.data.engine import Conn
from inspector.domain import jsontext
from inspector.domain.geo import BBox
from inspector.i18n import Problem


@dataclass(frozen=True)
class RegionInfo:
    code: str
    name_zh: str
    name_en: str
    parent_code: str | None
    level: str
    bbox: BBox | None
    backstop_body: str | None = None
    """Who answers for an outfall here when no owner is found (政府兜底)."""
    backstop_body_en: str | None = None

    def name(self, lang: str) -> str:
        # As the reference data gives it: the English name where it has one.
        return self.name_zh if lang == "zh" or not self.name_en else self.name_en


@dataclass(frozen=True)
class RiverInfo:
    name: str
    name_en: str
    basin: str
    city_code: str
    regions: tuple[str, ...]

    def label(self, lang: str) -> str:
        return self.name if lang == "zh" or not self.name_en else self.name_en


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold().replace(" ", "")


class ReferenceData:
    """All reference data of one database, held in memory (it is small)."""

    def __init__(
        self, regions: list[RegionInfo], rivers: list[RiverInfo], targets: list[dict[str, Any]]
    ):
        self.regions = {r.code: r for r in regions}
        self.rivers = {r.name: r for r in rivers}
        self.targets = targets
        self._region_names: dict[str, str] = {}
        for r in regions:
            for text in (r.code, r.name_zh, r.name_en):
                self._region_names.setdefault(_key(text), r.code)
            parent = self.regions.get(r.parent_code or "")
            if parent is not None:
                # "焦作市武陟县" as some ledgers write it.
                self._region_names.setdefault(_key(parent.name_zh + r.name_zh), r.code)
        self._river_names: dict[str, str] = {}
        for river in rivers:
            for text in (river.name, river.name_en):
                self._river_names.setdefault(_key(text), river.name)

    @classmethod
    def load(cls, conn: Conn) -> ReferenceData:
        regions = [
            RegionInfo(
                code,
                zh,
                en,
                parent,
                level,
                BBox(s, w, n, e) if None not in (s, w, n, e) else None,
                body,
                body_en,
            )
            for code, zh, en, parent, level, s, w, n, e, body, body_en in conn.execute(
                "SELECT code, name_zh, name_en, parent_code, level, south, west, north, east, "
                "backstop_body, backstop_body_en FROM region ORDER BY code"
            )
        ]
        rivers = [
            RiverInfo(name, en, basin, city, tuple(json.loads(regs)))
            for name, en, basin, city, regs in conn.execute(
                # As the reference data lists them, upstream first.
                "SELECT name, name_en, basin, city_code, regions FROM river "
                "ORDER BY city_code, position"
            )
        ]
        targets = [
            {"city_code": c, "year": y, "metric": m, "share": s, "note": n}
            for c, y, m, s, n in conn.execute(
                "SELECT city_code, year, metric, share, note FROM target ORDER BY city_code, year, metric"
            )
        ]
        return cls(regions, rivers, targets)

    def region_code(self, text: str) -> str | None:
        """The code of the region `text` names (code, Chinese or English name)."""
        return self._region_names.get(_key(text))

    def river_name(self, text: str) -> str | None:
        return self._river_names.get(_key(text))

    def counties(self, city_code: str | None = None) -> list[RegionInfo]:
        return [
            r
            for r in self.regions.values()
            if r.level == "county" and (city_code is None or r.parent_code == city_code)
        ]

    def city_of(self, region_code: str) -> RegionInfo | None:
        region = self.regions.get(region_code)
        if region is None:
            return None
        if region.level == "city":
            return region
        return self.regions.get(region.parent_code or "")

    def downstream_of(self, river: str, region_code: str) -> list[str]:
        """Regions after `region_code` along `river`: whom an incident there must notify."""
        info = self.rivers.get(river)
        if info is None or region_code not in info.regions:
            return []
        return list(info.regions[info.regions.index(region_code) + 1 :])


# -- replacing the reference data -------------------------------------------------------------


def load_document(path: Path) -> dict[str, Any]:
    """Read and check a reference file (the format of db/reference/*.json)."""
    try:
        doc = jsontext.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Problem("reference.unreadable", file=path.name, error=type(exc).__name__) from None
    try:
        city = doc["city"]
        for key in ("code", "name_zh", "name_en"):
            if not isinstance(city[key], str) or not city[key]:
                raise KeyError(f"city.{key}")
        codes = {city["code"]}
        for i, county in enumerate(doc["counties"]):
            for key in ("code", "name_zh", "name_en"):
                if not isinstance(county.get(key), str) or not county[key]:
                    raise KeyError(f"counties[{i}].{key}")
            for key in ("backstop_body", "backstop_body_en"):
                if not isinstance(county.get(key, ""), str) or len(county.get(key) or "") > 100:
                    raise KeyError(f"counties[{i}].{key}")
            codes.add(county["code"])
        codes |= {r["code"] for r in doc.get("external_regions", [])}
        for i, river in enumerate(doc["rivers"]):
            for key in ("name", "name_en", "basin"):
                if not isinstance(river.get(key), str) or not river[key]:
                    raise KeyError(f"rivers[{i}].{key}")
            unknown = [c for c in river["regions"] if c not in codes]
            if unknown:
                raise KeyError(f"rivers[{i}].regions: {', '.join(unknown)}")
        for i, target in enumerate(doc.get("targets", [])):
            if target["metric"] not in ("investigated", "traced", "remediated", "closed"):
                raise KeyError(f"targets[{i}].metric")
            if not 0 <= float(target["share"]) <= 1:
                raise KeyError(f"targets[{i}].share")
    except (KeyError, TypeError, ValueError) as exc:
        raise Problem("reference.invalid", file=path.name, where=str(exc).strip("'\"")) from None
    return dict(doc)


def replace_city(conn: Conn, doc: dict[str, Any]) -> dict[str, int]:
    """Replace one city's regions, rivers and targets with those of `doc` (in the caller's
    transaction). Regions other cities' rivers still name are kept."""
    city = doc["city"]
    code = city["code"]
    conn.execute("DELETE FROM target WHERE city_code=?", (code,))
    conn.execute("DELETE FROM river WHERE city_code=?", (code,))
    conn.execute("DELETE FROM region WHERE code=? OR parent_code=?", (code, code))

    def region_row(entry: dict[str, Any], parent: str | None, level: str) -> tuple[Any, ...]:
        s, w, n, e = entry.get("bbox") or (None, None, None, None)
        return (
            entry["code"],
            entry["name_zh"],
            entry["name_en"],
            parent,
            level,
            bool(entry.get("local", False)),
            s,
            w,
            n,
            e,
            entry.get("backstop_body") or None,
            entry.get("backstop_body_en") or None,
        )

    rows = [region_row(city, None, "city")]
    rows += [region_row(c, code, "county") for c in doc["counties"]]
    conn.executemany(
        "INSERT INTO region (code, name_zh, name_en, parent_code, level, local, south, west,"
        " north, east, backstop_body, backstop_body_en)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO region (code, name_zh, name_en, parent_code, level, local)"
        " VALUES (?, ?, ?, NULL, 'city', ?) ON CONFLICT DO NOTHING",
        [(r["code"], r["name_zh"], r["name_en"], 0) for r in doc.get("external_regions", [])],
    )
    conn.executemany(
        "INSERT INTO river (name, name_en, basin, city_code, regions, position)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (r["name"], r["name_en"], r["basin"], code, json.dumps(r["regions"]), i)
            for i, r in enumerate(doc["rivers"])
        ],
    )
    conn.executemany(
        "INSERT INTO target (city_code, year, metric, share, note) VALUES (?, ?, ?, ?, ?)",
        [(code, t["year"], t["metric"], t["share"], t.get("note")) for t in doc.get("targets", [])],
    )
    return {
        "regions": len(rows),
        "rivers": len(doc["rivers"]),
        "targets": len(doc.get("targets", [])),
    }


def export_city(conn: Conn, city_code: str) -> dict[str, Any]:
    """One city's reference data in the same format `replace_city` reads."""
    ref = ReferenceData.load(conn)
    city = ref.regions.get(city_code)
    if city is None or city.level != "city":
        raise Problem("reference.no_city", city=city_code)

    def entry(r: RegionInfo) -> dict[str, Any]:
        out: dict[str, Any] = {"code": r.code, "name_zh": r.name_zh, "name_en": r.name_en}
        if r.bbox:
            out["bbox"] = [r.bbox.south, r.bbox.west, r.bbox.north, r.bbox.east]
        if r.backstop_body:
            out["backstop_body"] = r.backstop_body
        if r.backstop_body_en:
            out["backstop_body_en"] = r.backstop_body_en
        return out

    rivers = [r for r in ref.rivers.values() if r.city_code == city_code]
    named = {c for r in rivers for c in r.regions}
    counties = ref.counties(city_code)
    county_codes = {c.code for c in counties}
    external = [
        ref.regions[c] for c in sorted(named - county_codes - {city_code}) if c in ref.regions
    ]
    return {
        "city": entry(city),
        "counties": [entry(c) for c in counties],
        "external_regions": [
            {"code": r.code, "name_zh": r.name_zh, "name_en": r.name_en} for r in external
        ],
        "rivers": [
            {"name": r.name, "name_en": r.name_en, "basin": r.basin, "regions": list(r.regions)}
            for r in rivers
        ],
        "targets": [
            {k: t[k] for k in ("year", "metric", "share", "note")}
            for t in ref.targets
            if t["city_code"] == city_code
        ],
    }
