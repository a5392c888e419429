"""The register as counties keep it: ledger (台账) spreadsheets in and out.

Import reads the headers counties use (English aliases accepted), upserts by outfall
code so that an edited ledger re-imported records only the fields that changed, and is
all-or-nothing: every bad row is listed by row number, column and reason, and nothing is
written unless every row is good. A ledger is history: the states it records are taken
as reached in the past, checked only for consistency with the rest of the row.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.data import ledger as ledger_data
from inspector.data.db import Database
from inspector.data.engine import Conn
from inspector.data.outfalls import find_outfall, has_fruitless_trace, outfall_ref
from inspector.data.reference import ReferenceData
from inspector.data.writer import Writer
from inspector.domain import lifecycle, owners
from inspector.domain.choices import (
    ApprovalKind,
    AssignmentBasis,
    Bank,
    Category,
    Choice,
    Datum,
    DischargePattern,
    EntryMode,
    Measure,
    MouthShape,
    OwnerKind,
    PositionSource,
    ProtectedArea,
    State,
    TraceResult,
    TriState,
    fold,
)
from inspector.domain.geo import PositionError, haversine_m, parse_coordinate, to_wgs84
from inspector.domain.ids import uuid7
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem, language, t
from inspector.i18n.reasons import keyed
from inspector.models import Outfall, Owner, Remediation, TraceRecord
from inspector.models.spec import Clean, FieldError, Invalid, same_value, spec_for
from inspector.services import register as reg
from inspector.services.spreadsheet_cells import csv_cell, save_workbook, xlsx_row
from inspector.services.tables import HEADER_SEARCH_ROWS, Table

Progress = Callable[[float], None]
"""Called with the fraction of the file read so far."""

BATCH = 2000
#: Positions closer than this to the stored one are "unchanged" (export rounds to 1e-7°).
SAME_POSITION_M = 0.05
#: Problems kept in memory and in the report; the rest are counted.
MAX_PROBLEMS = 1000


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    """The header counties use, written on export."""
    en: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    personal: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "code",
        "排污口编码",
        "Outfall code",
        ("编码", "排口编码", "排污口代码", "code", "outfall_code"),
    ),
    Column("name", "排污口名称", "Outfall name", ("名称", "排口名称", "name"), required=True),
    Column(
        "county",
        "县(市、区)",
        "County",
        ("县市区", "县区", "区县", "所在县区", "county", "county_code"),
        required=True,
    ),
    Column(
        "township",
        "乡镇",
        "Township",
        ("乡镇街道", "乡镇(街道)", "乡(镇、街道)", "township", "town"),
    ),
    Column("lon", "经度", "Longitude", ("lon", "lng", "longitude"), required=True),
    Column("lat", "纬度", "Latitude", ("lat", "latitude"), required=True),
    Column("datum", "坐标系", "Datum", ("坐标系统", "datum", "crs", "coordinate_system")),
    Column(
        "river",
        "受纳水体",
        "Receiving water",
        ("排入水体", "受纳水体名称", "河流", "river", "receiving_water"),
        required=True,
    ),
    Column("category", "排污口类型", "Category", ("类型", "排污口分类", "category", "type")),
    Column("entry_mode", "入河方式", "Entry mode", ("entry_mode",)),
    Column("discharge_pattern", "排放方式", "Discharge pattern", ("排放规律", "discharge_pattern")),
    Column("owner", "责任主体", "Owner", ("责任主体名称", "责任单位", "owner")),
    Column(
        "credit_code",
        "统一社会信用代码",
        "Credit code",
        ("信用代码", "credit_code", "uscc", "unified_social_credit_code"),
    ),
    Column(
        "owner_kind",
        "责任主体类型",
        "Owner kind",
        ("主体类型", "责任主体性质", "单位性质", "owner_kind", "owner_type"),
    ),
    Column("state", "状态", "State", ("排污口状态", "当前状态", "state", "status")),
    Column(
        "measure", "整治类型", "Remediation measure", ("整治措施", "measure", "remediation_measure")
    ),
    Column("deadline", "整治时限", "Remediation deadline", ("整治期限", "完成时限", "deadline")),
    Column("notes", "备注", "Notes", ("notes", "remarks", "remark")),
    # Beyond the seventeen columns above: written on export so export -> import round-trips.
    Column(
        "national_code",
        "国家统一编码",
        "National code",
        ("国家编码", "国家统一赋码", "national_code"),
    ),
    Column("bank", "岸别", "Bank", ("bank",)),
    Column("accuracy_m", "定位精度(米)", "Accuracy (m)", ("定位精度", "accuracy", "accuracy_m")),
    Column("investigation_level", "排查级别", "Investigation level", ("investigation_level",)),
    Column(
        "in_national_platform", "纳入国家平台", "In national platform", ("in_national_platform",)
    ),
    Column("approval_no", "审批/登记编号", "Approval no.", ("审批编号", "登记编号", "approval_no")),
    Column("mouth_shape", "口门形态", "Mouth shape", ("mouth_shape",)),
    Column("mouth_size", "口门尺寸", "Mouth size", ("mouth_size",)),
    # Issue 13's rules: protected areas, the kind of setting number, the transition period
    # and the merge target travel through the ledger too.
    Column(
        "protected_area",
        "所在保护区",
        "Protected area",
        ("保护区", "饮用水水源保护区/自然保护地", "protected_area"),
    ),
    Column(
        "approval_kind",
        "审批/登记类型",
        "Approval kind",
        ("设置类型", "审批或登记", "approval_kind"),
    ),
    Column(
        "transition_end",
        "过渡期截止",
        "Transition period ends",
        ("过渡期", "过渡期截止日期", "过渡期至", "transition_end"),
    ),
    Column("immediate", "立行立改", "Fixed at once", ("是否立行立改", "immediate")),
    Column(
        "merge_target",
        "合并目标编码",
        "Merge into",
        ("合并至", "合并目标", "合并到", "merge_into", "merge_target"),
    ),
    Column("contact", "联系人", "Contact", ("contact", "contact_person"), personal=True),
    Column("phone", "联系电话", "Phone", ("电话", "phone", "telephone"), personal=True),
)
BY_KEY = {c.key: c for c in COLUMNS}
#: Columns counties add that carry nothing to import (a running number).
IGNORED_HEADERS = frozenset(fold(h) for h in ("序号", "No.", "#", "index", "row"))
#: Owner cells that mean "the government answers" or "nobody known yet".
BACKSTOP_WORDS = frozenset(fold(w) for w in ("政府兜底", "兜底", "government backstop", "backstop"))
NO_OWNER_WORDS = frozenset(
    fold(w) for w in ("无", "暂无", "暂无法确定", "待溯源", "不详", "none", "unknown", "-")
)

_LONGEST_OWNER_WORD = 2 * max(len(w) for w in BACKSTOP_WORDS | NO_OWNER_WORDS)

_ALIASES: dict[str, str] = {}
for _c in COLUMNS:
    for _alias in (_c.key, _c.zh, _c.en, *_c.aliases):
        _ALIASES.setdefault(fold(_alias), _c.key)


# -- reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """What is wrong, where. `row` is the spreadsheet row (None for the whole file)."""

    row: int | None
    column: str | None
    message: str
    warning: bool = False

    def render(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return t(
                "ledger.row_column_problem", row=self.row, column=self.column, message=self.message
            )
        return t("ledger.row_problem", row=self.row, message=self.message)

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportReport:
    file: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    operations: int = 0
    owners_created: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    applied: bool = False
    sheet: str | None = None
    """The worksheet read (XLSX)."""
    sheets: list[str] = field(default_factory=list)
    """Every visible worksheet of the workbook (XLSX)."""
    header_row: int = 1
    """The row the column names were taken from (title rows above it are skipped)."""

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: RowProblem) -> None:
        if problem.warning:
            if len(self.warnings) < MAX_PROBLEMS:
                self.warnings.append(problem)
            return
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "operations": self.operations,
            "owners_created": self.owners_created,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "problem_count": self.problem_count,
            "problems": [p.as_json() for p in self.problems],
            "warnings": [w.as_json() for w in self.warnings],
        }


class Cancelled(Exception):
    """The import was cancelled from the UI; nothing was written."""


class _Rollback(Exception):
    """Internal: leave the transaction without committing (dry run or bad rows)."""


# -- parsing one row ------------------------------------------------------------------------


@dataclass
class ParsedRow:
    number: int
    code: str | None
    values: dict[str, Any]
    """Outfall fields, canonical."""
    owner: dict[str, Any] | None = None
    backstop: bool = False
    state: State | None = None
    measure: Measure | None = None
    deadline: str | None = None
    owner_kind_stated: bool = False
    """Whether the owner's kind is the ledger's own (its 责任主体类型 column), not inferred."""
    transition_end: str | None = None
    immediate: bool | None = None
    merge_target: str | None = None
    """The code of the outfall it is merged into, resolved once every row is in."""
    problems: list[RowProblem] = field(default_factory=list)
    duplicate: bool = False
    """Set when the code repeats an earlier row or matches several outfalls."""


class ColumnMap:
    """Which spreadsheet column holds which ledger field."""

    def __init__(self, header: list[str], file: str, *, ignore_unknown: bool) -> None:
        self.index: dict[str, int] = {}
        self.header = header
        self.unnamed: list[int] = []
        unknown: list[str] = []
        for i, text in enumerate(header):
            folded = fold(text)
            if not folded:
                self.unnamed.append(i)
                continue
            if folded in IGNORED_HEADERS:
                continue
            key = _ALIASES.get(folded)
            if key is None:
                unknown.append(text)
                continue
            if key in self.index:
                raise Problem(
                    "ledger.duplicate_column", file=file, first=header[self.index[key]], second=text
                )
            self.index[key] = i
        missing = [c for c in COLUMNS if c.required and c.key not in self.index]
        if missing:
            names = (
                "、".join(c.zh for c in missing)
                if language() == "zh"
                else ", ".join(f"{c.zh} ({c.en})" for c in missing)
            )
            raise Problem("ledger.missing_columns", file=file, columns=names)
        if unknown and not ignore_unknown:
            raise Problem("ledger.unknown_columns", file=file, columns="、".join(unknown))

    def header_of(self, key: str) -> str:
        return self.header[self.index[key]] if key in self.index else BY_KEY[key].zh

    def cell(self, cells: list[Any], key: str) -> Any:
        i = self.index.get(key)
        if i is None or i >= len(cells):
            return None
        value = cells[i]
        if value.__class__ is str:
            return value.strip() or None
        return value


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class RowParser:
    """Turns one spreadsheet row into canonical values, or into problems."""

    def __init__(self, mapping: ColumnMap, ref: ReferenceData) -> None:
        self.m = mapping
        self.ref = ref
        self.outfall_spec = spec_for(Outfall)
        self.owner_spec = spec_for(Owner)
        self.credit_codes: dict[str, str] = {}
        """Credit codes already checked: the same owners recur on many rows."""
        self.owner_kinds: dict[tuple[str, str | None], tuple[OwnerKind | None, OwnerKind]] = {}

    def problem(self, row: ParsedRow, key: str, message: str, *, warning: bool = False) -> None:
        row.problems.append(RowProblem(row.number, self.m.header_of(key), message, warning))

    def field_error(self, row: ParsedRow, key: str, entity: str, error: FieldError) -> None:
        self.problem(row, key, error.message(entity, label=self.m.header_of(key)))

    def choice(
        self, row: ParsedRow, cells: list[Any], key: str, kind: type[Choice]
    ) -> Choice | None:
        raw = self.m.cell(cells, key)
        if raw is None:
            return None
        member = kind.parse(_text(raw))
        if member is None:
            lang = language()
            options = ("、" if lang == "zh" else ", ").join(m.label(lang) for m in kind)
            error = FieldError(key, "not_choice", {"value": _text(raw), "options": options})
            self.field_error(row, key, "outfall", error)
        return member

    def parse(self, number: int, cells: list[Any]) -> ParsedRow:
        m = self.m
        code = m.cell(cells, "code")
        row = ParsedRow(number, _text(code) if code is not None else None, {})
        for i in m.unnamed:
            if i < len(cells) and str(cells[i]).strip():
                row.problems.append(
                    RowProblem(
                        number,
                        t("ledger.unnamed_column", n=i + 1),
                        t("ledger.value_without_header"),
                    )
                )
        values = row.values
        if row.code is not None:
            values["code"] = row.code

        # Plain outfall fields, validated by the model's own declarations.
        plain = {
            "name": "name",
            "township": "township",
            "national_code": "national_code",
            "mouth_size": "mouth_size",
            "approval_no": "approval_no",
            "notes": "notes",
            "accuracy_m": "accuracy_m",
            "investigation_level": "investigation_level",
        }
        for key, fname in plain.items():
            if key not in m.index:
                continue
            raw = m.cell(cells, key)
            try:
                values[fname] = self.outfall_spec.fields[fname].clean(raw)
            except Invalid as exc:
                self.field_error(row, key, "outfall", FieldError(fname, exc.code, exc.params))

        county_raw = m.cell(cells, "county")
        county = None
        if county_raw is None:
            self.field_error(row, "county", "outfall", FieldError("county_code", "required"))
        else:
            county = self.ref.region_code(_text(county_raw))
            if county is None:
                self.field_error(
                    row,
                    "county",
                    "outfall",
                    FieldError("county_code", "region_unknown", {"value": _text(county_raw)}),
                )
            else:
                values["county_code"] = county

        river_raw = m.cell(cells, "river")
        if river_raw is None:
            self.field_error(row, "river", "outfall", FieldError("river", "required"))
        else:
            river = self.ref.river_name(_text(river_raw))
            if river is None:
                self.field_error(
                    row,
                    "river",
                    "outfall",
                    FieldError("river", "river_unknown", {"value": _text(river_raw)}),
                )
            else:
                values["river"] = river

        for key, kind in (
            ("category", Category),
            ("entry_mode", EntryMode),
            ("discharge_pattern", DischargePattern),
            ("bank", Bank),
            ("mouth_shape", MouthShape),
            ("in_national_platform", TriState),
            ("protected_area", ProtectedArea),
            ("approval_kind", ApprovalKind),
        ):
            if key in m.index:
                member = self.choice(row, cells, key, kind)
                values[key] = (
                    member.value
                    if member
                    else (Category.UNDETERMINED.value if kind is Category else None)
                )

        self._position(row, cells, county)
        self._owner(row, cells)
        if "state" in m.index:
            state = self.choice(row, cells, "state", State)
            row.state = State.of(state) if state else None
        if "measure" in m.index:
            measure = self.choice(row, cells, "measure", Measure)
            row.measure = Measure.of(measure) if measure else None
        for key in ("deadline", "transition_end"):
            raw = m.cell(cells, key)
            if raw is None:
                continue
            try:
                setattr(row, key, spec_for(Remediation).fields[key].clean(raw))
            except Invalid as exc:
                self.field_error(row, key, "remediation", FieldError(key, exc.code, exc.params))
        immediate = m.cell(cells, "immediate")
        if immediate is not None:
            try:
                row.immediate = spec_for(Remediation).fields["immediate"].clean(immediate)
            except Invalid as exc:
                self.field_error(
                    row, "immediate", "remediation", FieldError("immediate", exc.code, exc.params)
                )
        target = m.cell(cells, "merge_target")
        if target is not None:
            row.merge_target = _text(target)
        return row

    def _position(self, row: ParsedRow, cells: list[Any], county: str | None) -> None:
        m = self.m
        datum = Datum.WGS84
        if "datum" in m.index and m.cell(cells, "datum") is not None:
            parsed = self.choice(row, cells, "datum", Datum)
            if parsed is None:
                return
            datum = Datum.of(parsed)
        coords: dict[str, float] = {}
        for key in ("lat", "lon"):
            raw = m.cell(cells, key)
            if raw is None:
                self.field_error(row, key, "outfall", FieldError(key, "required"))
                continue
            try:
                coords[key] = parse_coordinate(
                    _text(raw) if not isinstance(raw, float) else repr(raw), key
                )
            except PositionError as exc:
                message = t(f"error.{exc.code}", **exc.params)
                if exc.code == "coord_out_of_range" and key == "lat":
                    message += t("ledger.maybe_swapped")
                self.problem(row, key, message)
        if len(coords) != 2:
            return
        lat, lon = to_wgs84(coords["lat"], coords["lon"], datum)
        row.values.update(
            {
                "lat": round(lat, 8),
                "lon": round(lon, 8),
                "datum": datum.value,
                "position_source": PositionSource.LEDGER.value,
            }
        )
        self._region_check(row, lat, lon, county)

    def _region_check(self, row: ParsedRow, lat: float, lon: float, county: str | None) -> None:
        from inspector.services.placement import misplaced

        found = misplaced(self.ref, county, lat, lon)
        if found is not None:
            self.problem(row, "lat", found.message, warning=not found.refused)

    def _owner(self, row: ParsedRow, cells: list[Any]) -> None:
        m = self.m
        name = m.cell(cells, "owner")
        code = m.cell(cells, "credit_code")
        # Only short cells can be one of those words; most owner names are long.
        if name is not None and len(_text(name)) <= _LONGEST_OWNER_WORD:
            folded = fold(_text(name))
            if folded in BACKSTOP_WORDS:
                row.backstop = True
                return
            if folded in NO_OWNER_WORDS:
                name = None
        if name is None:
            if code is not None:
                self.problem(row, "credit_code", t("ledger.credit_code_without_owner"))
            return
        owner: dict[str, Any] = {"name": _text(name)}
        if code is not None:
            text = _text(code)
            cached = self.credit_codes.get(text)
            if cached is not None:
                owner["credit_code"] = cached
            else:
                try:
                    owner["credit_code"] = self.credit_codes[text] = self.owner_spec.fields[
                        "credit_code"
                    ].clean(text)
                except Invalid as exc:
                    self.field_error(
                        row, "credit_code", "owner", FieldError("credit_code", exc.code, exc.params)
                    )
        for key in ("contact", "phone"):
            value = m.cell(cells, key)
            if value is not None:
                owner[key] = _text(value)
        stated = None
        if "owner_kind" in m.index:
            member = self.choice(row, cells, "owner_kind", OwnerKind)
            stated = OwnerKind.of(member) if member else None
        # The same owners recur on many rows: each (name, code) is judged once.
        judge = (owner["name"], owner.get("credit_code"))
        judged = self.owner_kinds.get(judge)
        if judged is None:
            judged = self.owner_kinds[judge] = (
                owners.kind_from_credit_code(judge[1]),
                owners.classify(judge[0], judge[1]),
            )
        by_code = judged[0]
        kind = stated or judged[1]
        if stated is not None and by_code is not None and by_code is not stated:
            lang = language()
            self.problem(
                row,
                "owner_kind",
                t("ledger.kind_disagrees", stated=stated.label(lang), coded=by_code.label(lang)),
                warning=True,
            )
        if stated is not None or kind is not OwnerKind.ENTERPRISE:
            owner["kind"] = kind.value
        row.owner_kind_stated = stated is not None
        row.owner = owner


# -- importing ------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_ledger(
    db: Database,
    path: Path,
    *,
    dry_run: bool = False,
    ignore_unknown: bool = False,
    sheet: str | None = None,
    header_row: int | None = None,
    actor: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import a ledger file. Raises `Problem` for a file that cannot be read at all;
    returns a report listing every bad row otherwise (and then nothing is written).

    `sheet` names the worksheet of a workbook (else the active visible one), and
    `header_row` the row holding the column names (else the first of the top rows that
    names every required column); the report says which were taken."""
    path = Path(path)
    if not path.is_file():
        raise Problem("ledger.no_file", file=path)
    report = ImportReport(file=str(path), dry_run=dry_run)
    table = Table(path, sheet=sheet)
    try:
        header = table.find_header(is_ledger_header, row=header_row)
        report.sheet, report.sheets, report.header_row = table.sheet, table.sheets, table.header_row
        try:
            mapping = ColumnMap(header, path.name, ignore_unknown=ignore_unknown)
        except Problem as problem:
            if problem.key != "ledger.missing_columns" or header_row is not None:
                raise
            raise Problem(
                "ledger.no_header",
                file=path.name,
                columns=problem.params["columns"],
                rows=HEADER_SEARCH_ROWS,
                where=_where(table),
            ) from None
        reason = keyed("ledger.reason", file=path.name)
        try:
            with db.write(actor=actor, reason=reason, bulk=True) as w:
                importer = _Importer(w, mapping, report, reason)
                for batch in _batches(table, importer.parser, report):
                    if cancel is not None and cancel.is_set():
                        raise Cancelled()
                    importer.apply(batch)
                    if progress is not None:
                        progress(table.fraction_done)
                if report.rows == 0:
                    raise Problem("ledger.no_rows", file=path.name)
                importer.finish()
                report.operations = w.ops_written
                if not report.ok or dry_run:
                    raise _Rollback()
                ledger_data.record_import(
                    w.conn,
                    import_id=uuid7(),
                    file_name=str(path.resolve()),
                    sha256=file_sha256(path),
                    imported_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
                    actor=w.actor,
                    counts=json.dumps(report.as_json() | {"problems": [], "warnings": []}),
                )
        except _Rollback:
            return report
        report.applied = True
        return report
    finally:
        table.close()
        if progress is not None:
            progress(1.0)


def is_ledger_header(cells: list[str]) -> bool:
    """Whether a row names every required ledger column (title rows do not)."""
    keys = {_ALIASES.get(fold(c)) for c in cells if c}
    return all(c.key in keys for c in COLUMNS if c.required)


def _where(table: Table) -> str:
    if table.sheet is None:
        return ""
    others = [s for s in table.sheets if s != table.sheet]
    if not others:
        return t("ledger.in_sheet", sheet=table.sheet)
    return t("ledger.in_sheet_of", sheet=table.sheet, sheets="、".join(f"“{s}”" for s in others))


def _undecodable(row: ParsedRow, cells: list[int], mapping: ColumnMap, encoding: str) -> None:
    """Name each cell whose bytes are not text in the file's encoding, in place of what
    its garbled text would otherwise be said to be wrong with."""
    columns = [
        mapping.header[i]
        if i < len(mapping.header) and mapping.header[i]
        else t("ledger.unnamed_column", n=i + 1)
        for i in cells
    ]
    others = [p for p in row.problems if p.column not in columns]
    message = t("ledger.bad_encoding", encoding=encoding)
    row.problems = [RowProblem(row.number, c, message) for c in columns] + others


def _batches(table: Table, parser: RowParser, report: ImportReport) -> Iterator[list[ParsedRow]]:
    batch: list[ParsedRow] = []
    for raw in table:
        report.rows += 1
        row = parser.parse(raw.number, raw.cells)
        if raw.undecodable:
            _undecodable(row, raw.undecodable, parser.m, table.encoding or "")
        for problem in row.problems:
            report.add(problem)
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class _Importer:
    """Applies parsed rows to the database, batch by batch, inside one transaction."""

    def __init__(self, w: Writer, mapping: ColumnMap, report: ImportReport, reason: str) -> None:
        self.w = w
        self.report = report
        self.reason = reason
        self.mapping = mapping
        self.ref = ReferenceData.load(w.conn)
        self.parser = RowParser(mapping, self.ref)
        self.owners: dict[str, str] = {}
        """Owner key (credit code, or name:...) -> owner id, for owners seen in this import."""
        self.owner_rows: dict[str, dict[str, Any]] = {}
        self.outfall_defaults = {n: f.default for n, f in spec_for(Outfall).fields.items()}
        self.remediation_defaults = {n: f.default for n, f in spec_for(Remediation).fields.items()}
        self.today = calendar_today().isoformat()
        self.merges: list[tuple[ParsedRow, str]] = []
        """(row, outfall id) of rows naming a merge target: resolved once all rows are in,
        since a target may come later in the file."""
        self.assigned_owners: set[str] = set()
        ledger_data.start_seen_codes(w.conn)

    def problem(self, row: ParsedRow, key: str | None, message: str) -> None:
        column = self.mapping.header_of(key) if key else None
        self.report.add(RowProblem(row.number, column, message))

    def apply(self, batch: list[ParsedRow]) -> None:
        w = self.w
        # Reads below go straight to SQLite: let them see the previous batch.
        w.flush()
        good = [r for r in batch if not any(not p.warning for p in r.problems)]
        coded = [r for r in good if r.code]
        self._check_duplicates(coded)
        good = [r for r in good if not r.duplicate]
        existing = self._existing(good)
        self._prefetch_owners(good)
        ids = [existing[r.number] for r in good if r.number in existing]
        current = w.get_many(Outfall, ids) if ids else {}
        winners = w.field_winners("outfall", ids) if ids else {}
        for row in good:
            outfall_id = existing.get(row.number)
            before = w.ops_written
            if outfall_id is None:
                self._create(row)
                self.report.created += 1
                continue
            self._update(row, outfall_id, current[outfall_id], winners.get(outfall_id, {}))
            if w.ops_written > before:
                self.report.updated += 1
            else:
                self.report.unchanged += 1

    def _check_duplicates(self, rows: list[ParsedRow]) -> None:
        if not rows:
            return
        conn = self.w.conn
        seen = ledger_data.seen_codes(conn, codes=[r.code for r in rows if r.code])
        fresh: list[tuple[str, int]] = []
        for row in rows:
            assert row.code is not None
            first = seen.get(row.code)
            if first is not None:
                self.problem(row, "code", t("ledger.duplicate_code", code=row.code, first=first))
                row.duplicate = True
                continue
            seen[row.code] = row.number
            fresh.append((row.code, row.number))
        ledger_data.remember_codes(conn, rows=fresh)

    def _existing(self, rows: list[ParsedRow]) -> dict[int, str]:
        """Spreadsheet row number -> id of the outfall it updates."""
        conn = self.w.conn
        found: dict[int, str] = {}
        by_code = ledger_data.live_outfall_ids_by_code(conn, codes=[r.code for r in rows if r.code])
        for row in rows:
            if row.code:
                matches = by_code.get(row.code, [])
                if len(matches) > 1:
                    self.problem(
                        row, "code", t("ledger.ambiguous_code", code=row.code, count=len(matches))
                    )
                    row.duplicate = True
                elif matches:
                    found[row.number] = matches[0]
            else:
                # No code: the same name in the same county is the same outfall.
                match = ledger_data.live_outfall_ids_named(
                    conn, name=row.values.get("name"), county_code=row.values.get("county_code")
                )
                if len(match) == 1:
                    found[row.number] = match[0]
        return found

    # -- per row -------------------------------------------------------------------------

    @staticmethod
    def _owner_key(owner: dict[str, Any]) -> str:
        return owner.get("credit_code") or "name:" + owner["name"]

    def _prefetch_owners(self, rows: list[ParsedRow]) -> None:
        """Find the batch's owners already in the database with two queries, not one per row."""
        wanted = {self._owner_key(r.owner): r.owner for r in rows if r.owner is not None}
        missing = {k: o for k, o in wanted.items() if k not in self.owners}
        if not missing:
            return
        codes = [o["credit_code"] for o in missing.values() if o.get("credit_code")]
        names = [o["name"] for o in missing.values() if not o.get("credit_code")]
        conn = self.w.conn
        found = ledger_data.owner_ids_by_credit_code(conn, codes=codes)
        found.update(
            ("name:" + name, oid)
            for name, oid in ledger_data.owner_ids_by_name(conn, names=names).items()
        )
        current = self.w.get_many(Owner, found.values())
        for key, oid in found.items():
            self.owners[key] = oid
            self.owner_rows[oid] = current[oid]

    def _owner_id(self, owner: dict[str, Any], *, kind_stated: bool = False) -> str:
        key = self._owner_key(owner)
        existing = self.owners.get(key)
        if existing is None:
            existing = self.w.create(Owner, owner, reason=self.reason)
            self.report.owners_created += 1
            self.owners[key] = existing
            self.owner_rows[existing] = dict(owner)
            return existing
        # Many rows name the same owner: compare with what this import already knows of
        # it, so an unchanged owner costs nothing (no read, no flush, no operation).
        known = self.owner_rows.setdefault(existing, {})
        changes = {
            k: v
            for k, v in owner.items()
            if k in ("contact", "phone", "credit_code") and not same_value(known.get(k), v)
        }
        # A kind the ledger states replaces the one on record; a kind read from the credit
        # code or the name only replaces the default, never one a person chose.
        kind = owner.get("kind")
        on_record = known.get("kind") or OwnerKind.ENTERPRISE.value
        if kind not in (None, on_record) and (
            kind_stated or on_record == OwnerKind.ENTERPRISE.value
        ):
            changes["kind"] = kind
        if changes:
            self.w.update(Owner, existing, changes, reason=self.reason, current=known or None)
            known.update(changes)
        return existing

    def _consistent(
        self,
        row: ParsedRow,
        state: State,
        *,
        has_owner: bool,
        measure: Measure | None,
        deadline: bool,
        immediate: bool = False,
    ) -> bool:
        missing = lifecycle.recorded_state_problems(
            state, has_owner=has_owner, measure=measure, deadline=deadline, immediate=immediate
        )
        if not missing:
            return True
        lang = language()
        needs = ("；" if lang == "zh" else "; ").join(t(f"need.{n.value}") for n in missing)
        self.problem(
            row, "state", t("ledger.state_inconsistent", state=state.label(lang), needs=needs)
        )
        return False

    def _keeps_rules(
        self,
        row: ParsedRow,
        state: State,
        outfall: dict[str, Any],
        *,
        measure: Measure | None,
        deadline: str | None,
        transition_end: str | None,
    ) -> bool:
        """The rules of the source documents, asked of the row as of any plan
        (`lifecycle.plan_breaches`); an outfall in a protected area is never recorded as
        retained; one retained without a setting approval it needs is a warning (a
        ledger is history: the approval may predate this program)."""
        category = Category.parse(str(outfall.get("category") or ""))
        protected = ProtectedArea.parse(str(outfall.get("protected_area") or ""))
        plan = lifecycle.Plan(
            category=category,
            protected_area=protected,
            measure=measure,
            deadline=dt.date.fromisoformat(deadline) if deadline else None,
            transition_end=dt.date.fromisoformat(transition_end) if transition_end else None,
        )
        broken = list(lifecycle.plan_breaches(plan))
        if state is State.IN_SERVICE and protected is not None:
            broken.append(lifecycle.Rule.PROTECTED_AREA_BANNED)
        if broken:
            key = (
                "transition_end"
                if broken == [lifecycle.Rule.TRANSITION_BEFORE_DEADLINE]
                else "measure"
                if "measure" in self.mapping.index
                else "category"
            )
            self.problem(row, key, reg.rule_text(tuple(dict.fromkeys(broken))))
            return False
        if (
            state is State.IN_SERVICE
            and lifecycle.needs_setting_approval(category)
            and not (
                (outfall.get("approval_no") or "").strip()
                and outfall.get("approval_kind") == ApprovalKind.APPROVAL.value
            )
        ):
            self.report.add(
                RowProblem(
                    row.number,
                    self.mapping.header_of("approval_no"),
                    t("ledger.retained_without_approval"),
                    warning=True,
                )
            )
        return True

    def _create(self, row: ParsedRow) -> None:
        w = self.w
        state = row.state or State.SUSPECTED
        has_owner = row.owner is not None or row.backstop
        if not self._consistent(
            row,
            state,
            has_owner=has_owner,
            measure=row.measure,
            deadline=row.deadline is not None,
            immediate=bool(row.immediate),
        ):
            return
        if not self._keeps_rules(
            row,
            state,
            row.values,
            measure=row.measure,
            deadline=row.deadline,
            transition_end=row.transition_end,
        ):
            return
        # Every cell was validated by the parser: hand the writer canonical values.
        values = Clean({**self.outfall_defaults, **row.values, "state": state.value})
        outfall_id = reg.create_outfall(w, values, reason=self.reason)
        self._assign(row, outfall_id, previous=None, new_outfall=True)
        if row.measure is not None or row.deadline is not None:
            w.create(
                Remediation,
                Clean(
                    {
                        **self.remediation_defaults,
                        "outfall_id": outfall_id,
                        "measure": (row.measure or Measure.STANDARDISE).value,
                        "deadline": row.deadline,
                        "transition_end": row.transition_end,
                        "immediate": bool(row.immediate),
                        "status": _remediation_status(state),
                    }
                ),
                reason=self.reason,
            )
        if row.merge_target is not None:
            self.merges.append((row, outfall_id))

    def _assign(
        self,
        row: ParsedRow,
        outfall_id: str,
        previous: tuple[str, str] | None,
        *,
        new_outfall: bool = False,
    ) -> None:
        """Assign the row's owner unless it already is the current main owner."""
        w = self.w
        if row.backstop:
            if previous is not None and previous[1] == AssignmentBasis.GOVERNMENT_BACKSTOP:
                return
            county = str(row.values.get("county_code") or "")
            if not county:
                ref = outfall_ref(w.conn, outfall_id=outfall_id)
                county = ref.county_code if ref else ""
            try:
                owner_id = reg.backstop_owner(w, county)
            except Problem as problem:
                self.problem(row, "owner", str(problem))
                return
            basis = AssignmentBasis.GOVERNMENT_BACKSTOP
            # 政府兜底 rests on tracing that found no owner; the ledger is the record of it.
            if new_outfall or not has_fruitless_trace(w.conn, outfall_id=outfall_id):
                w.create(
                    TraceRecord,
                    {
                        "outfall_id": outfall_id,
                        "result": TraceResult.NO_OWNER_FOUND.value,
                        "conclusion": t("ledger.backstop_trace", reason=self.reason),
                    },
                    reason=self.reason,
                )
        elif row.owner is not None:
            owner_id = self._owner_id(row.owner, kind_stated=row.owner_kind_stated)
            basis = AssignmentBasis.TRACED
        else:
            return
        if previous is not None and previous[0] == owner_id:
            return
        reg.assign_owner(
            w, outfall_id, owner_id, basis=basis, reason=self.reason, new_outfall=new_outfall
        )
        self.assigned_owners.add(owner_id)

    def _update(
        self, row: ParsedRow, outfall_id: str, current: dict[str, Any], winners: dict[str, Any]
    ) -> None:
        w = self.w
        conn = w.conn
        values = dict(row.values)
        values.pop("code", None)
        if (
            "lat" in values
            and haversine_m(values["lat"], values["lon"], current["lat"], current["lon"])
            <= SAME_POSITION_M
        ):
            # The same place, written back after a round trip: not an edit.
            for key in ("lat", "lon", "datum", "position_source"):
                values.pop(key, None)
        assignment = ledger_data.main_owner_basis(conn, outfall_id=outfall_id, today=self.today)
        rem_row = ledger_data.live_remediation_terms(conn, outfall_id=outfall_id)
        state = row.state or State.of(current["state"])
        measure = row.measure or (
            Measure.of(rem_row.measure) if rem_row and rem_row.measure else None
        )
        deadline = row.deadline or (rem_row.deadline if rem_row else None)
        transition_end = row.transition_end or (rem_row.transition_end if rem_row else None)
        immediate = (
            row.immediate if row.immediate is not None else bool(rem_row and rem_row.immediate)
        )
        has_owner = row.owner is not None or row.backstop or assignment is not None
        if not self._consistent(
            row,
            state,
            has_owner=has_owner,
            measure=measure,
            deadline=deadline is not None,
            immediate=immediate,
        ):
            return
        if not self._keeps_rules(
            row,
            state,
            {**current, **values},
            measure=measure,
            deadline=deadline,
            transition_end=transition_end,
        ):
            return
        if row.state is not None:
            values["state"] = row.state.value
        w.update(Outfall, outfall_id, values, reason=self.reason, current=current, winners=winners)
        self._assign(row, outfall_id, previous=assignment)
        if (
            row.measure is not None
            or row.deadline is not None
            or row.transition_end is not None
            or row.immediate is not None
        ):
            changes: dict[str, Any] = {}
            if row.immediate is not None:
                changes["immediate"] = row.immediate
            if row.measure is not None:
                changes["measure"] = row.measure.value
            if row.deadline is not None:
                changes["deadline"] = row.deadline
            if row.transition_end is not None:
                changes["transition_end"] = row.transition_end
            if rem_row is None:
                w.create(
                    Remediation,
                    {
                        "outfall_id": outfall_id,
                        "measure": (row.measure or Measure.STANDARDISE).value,
                        "deadline": row.deadline,
                        "transition_end": row.transition_end,
                        "immediate": bool(row.immediate),
                        "status": _remediation_status(state),
                    },
                    reason=self.reason,
                )
            else:
                w.update(Remediation, rem_row.id, changes, reason=self.reason)
        if row.merge_target is not None:
            self.merges.append((row, outfall_id))

    # -- once every row is in --------------------------------------------------------------

    def finish(self) -> None:
        """Resolve merge targets (a target may be a later row) and warn of enterprises whose
        permit must list their outfalls."""
        w = self.w
        w.flush()
        for row, outfall_id in self.merges:
            self._merge_target(row, outfall_id)
        for owner_id in sorted(self.assigned_owners):
            warning = reg.permit_annotation_warning(w.conn, owner_id)
            if warning:
                self.report.add(RowProblem(None, None, warning, warning=True))

    def _merge_target(self, row: ParsedRow, outfall_id: str) -> None:
        w = self.w
        assert row.merge_target is not None
        try:
            target = find_outfall(w.conn, code=row.merge_target)
        except Problem as problem:
            self.problem(row, "merge_target", str(problem))
            return
        if target.id == outfall_id:
            self.problem(row, "merge_target", t("remediation.merge_into_itself"))
            return
        live = reg.current_remediation(w, outfall_id)
        rem = w.get(Remediation, live["id"]) if live else None
        if rem is None or rem["measure"] != Measure.MERGE.value:
            self.problem(row, "merge_target", t("ledger.merge_target_without_merge"))
            return
        category = Category.parse(target.category)
        broken = lifecycle.plan_breaches(
            lifecycle.Plan(
                category=None,
                protected_area=None,
                measure=Measure.MERGE,
                merge_target_category=category,
            )
        )
        if broken:
            self.problem(row, "merge_target", reg.rule_text(broken))
            return
        w.update(Remediation, rem["id"], {"merge_target_id": target.id}, reason=self.reason)


def _remediation_status(state: State) -> str:
    if lifecycle.reached(state, State.REMEDIATED):
        return "completed"
    if state is State.IN_REMEDIATION:
        return "in_progress"
    return "planned"


# -- exporting ------------------------------------------------------------------------------

EXPORT_FORMATS = (".csv", ".xlsx", ".geojson", ".kml")


@dataclass
class ExportReport:
    file: str
    rows: int
    public: bool

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows, "public": self.public}


def register_rows(
    conn: Conn, *, county: str | None = None, public: bool = False
) -> Iterator[dict[str, Any]]:
    """The register as ledger rows (canonical keys of COLUMNS), one outfall at a time."""
    owner_cell: str | None
    for (
        code,
        national,
        name,
        county_code,
        township,
        lon,
        lat,
        river,
        category,
        entry,
        pattern,
        state,
        notes,
        bank,
        accuracy,
        level,
        platform,
        approval,
        shape,
        size,
        owner,
        credit,
        kind,
        contact,
        phone,
        basis,
        measure,
        deadline,
        oid,
        protected,
        approval_kind,
        transition_end,
        immediate,
        merge_code,
    ) in ledger_data.ledger_records(conn, today=calendar_today().isoformat(), county=county):
        if basis == AssignmentBasis.GOVERNMENT_BACKSTOP:
            owner_cell = AssignmentBasis.GOVERNMENT_BACKSTOP.zh
            credit = contact = phone = kind = None
        else:
            owner_cell = owner
        if public and owner is not None and owners.is_private_person(owner, credit, kind):
            owner_cell, credit = t("ledger.public_individual", lang="zh"), None
            kind = OwnerKind.INDIVIDUAL.value
        yield {
            "id": oid,
            "code": code,
            "name": name,
            "county": county_code,
            "township": township,
            "lon": round(lon, 7),
            "lat": round(lat, 7),
            "datum": Datum.WGS84.zh,
            "river": river,
            "category": category,
            "entry_mode": entry,
            "discharge_pattern": pattern,
            "owner": owner_cell,
            "owner_kind": kind if owner is not None else None,
            "credit_code": credit,
            "state": state,
            "measure": measure,
            "deadline": deadline,
            "notes": None if public else notes,
            "national_code": national,
            "bank": bank,
            "accuracy_m": accuracy,
            "investigation_level": level,
            "in_national_platform": platform,
            "approval_no": approval,
            "mouth_shape": shape,
            "mouth_size": size,
            "protected_area": protected,
            "approval_kind": approval_kind,
            "transition_end": transition_end,
            "immediate": (TriState.YES.zh if immediate else None),
            "merge_target": merge_code,
            "contact": None if public else contact,
            "phone": None if public else phone,
        }


_CHOICE_COLUMNS: dict[str, type[Choice]] = {
    "category": Category,
    "entry_mode": EntryMode,
    "discharge_pattern": DischargePattern,
    "state": State,
    "owner_kind": OwnerKind,
    "measure": Measure,
    "bank": Bank,
    "mouth_shape": MouthShape,
    "in_national_platform": TriState,
    "protected_area": ProtectedArea,
    "approval_kind": ApprovalKind,
}


def display_row(row: dict[str, Any], ref: ReferenceData) -> dict[str, Any]:
    """Keys turned into the Chinese labels counties write (what import reads back)."""
    out = dict(row)
    for key, kind in _CHOICE_COLUMNS.items():
        if out.get(key):
            out[key] = kind.of(out[key]).zh
    region = ref.regions.get(out["county"])
    if region is not None:
        out["county"] = region.name_zh
    return out


def export_columns(public: bool) -> list[Column]:
    return [c for c in COLUMNS if not (public and (c.personal or c.key == "notes"))]


def export_ledger(
    db: Database,
    path: Path,
    *,
    public: bool = False,
    county: str | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the register to `path` (.csv, .xlsx, .geojson or .kml), replacing it only once
    the new file is complete."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise Problem("ledger.export_format", file=path.name, formats=", ".join(EXPORT_FORMATS))
    if not path.parent.is_dir():
        raise Problem("out.no_directory", path=path.parent)
    with db.read() as conn:
        ref = ReferenceData.load(conn)
        if county is not None:
            code = ref.region_code(county)
            if code is None:
                raise Problem("ledger.unknown_county", county=county)
            county = code
        total = ledger_data.count_live_outfalls(conn, county=county)
        rows = (display_row(r, ref) for r in register_rows(conn, county=county, public=public))
        columns = export_columns(public)
        fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            writer = {
                ".csv": _write_csv,
                ".xlsx": _write_xlsx,
                ".geojson": _write_geojson,
                ".kml": _write_kml,
            }[suffix]
            count = writer(tmp, rows, columns, total, progress)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return ExportReport(file=str(path), rows=count, public=public)


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and total and done % 2000 == 0:
        progress(done / total)


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _write_csv(
    path: Path,
    rows: Iterator[dict[str, Any]],
    columns: list[Column],
    total: int,
    progress: Progress | None,
) -> int:
    # UTF-8 with a BOM: Excel on a Chinese Windows opens it without garbling.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([c.zh for c in columns])
        n = 0
        for row in rows:
            out.writerow([csv_cell(_cell(row[c.key])) for c in columns])
            n += 1
            _tick(progress, n, total)
    return n


def _write_xlsx(
    path: Path,
    rows: Iterator[dict[str, Any]],
    columns: list[Column],
    total: int,
    progress: Progress | None,
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")

    def text(value: Any) -> Any:
        # openpyxl stores text beginning with "=" as a formula, which comes back empty
        # (or as its result): an outfall named "=..." must stay that name.
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    sheet.append([c.zh for c in columns])
    n = 0
    for row in rows:
        sheet.append(xlsx_row(sheet, [row[c.key] for c in columns]))
        n += 1
        _tick(progress, n, total)
    save_workbook(book, path)
    return n


def _write_geojson(
    path: Path,
    rows: Iterator[dict[str, Any]],
    columns: list[Column],
    total: int,
    progress: Progress | None,
) -> int:
    # Streamed feature by feature: a million outfalls never sit in memory at once.
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        n = 0
        for row in rows:
            props = {c.zh: row[c.key] for c in columns if c.key not in ("lat", "lon", "datum")}
            feature = {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": props,
            }
            fh.write(("," if n else "") + json.dumps(feature, ensure_ascii=False) + "\n")
            n += 1
            _tick(progress, n, total)
        fh.write("]}\n")
    return n


def _write_kml(
    path: Path,
    rows: Iterator[dict[str, Any]],
    columns: list[Column],
    total: int,
    progress: Progress | None,
) -> int:
    from xml.sax.saxutils import escape

    with path.open("w", encoding="utf-8") as fh:
        fh.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n'
        )
        n = 0
        for row in rows:
            data = "".join(
                f'<Data name="{escape(c.zh)}"><value>{escape(str(_cell(row[c.key])))}</value></Data>'
                for c in columns
                if c.key not in ("lat", "lon", "datum")
            )
            fh.write(
                f"<Placemark><name>{escape(row['code'])} {escape(row['name'])}</name>"
                f"<ExtendedData>{data}</ExtendedData>"
                f"<Point><coordinates>{row['lon']},{row['lat']}</coordinates></Point></Placemark>\n"
            )
            n += 1
            _tick(progress, n, total)
        fh.write("</Document></kml>\n")
    return n
