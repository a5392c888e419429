"""Issue 13: every rule of the two source documents, rule by rule, through the services
the UI and the command line share. Each test names the rule as the documents word it
(see `reference/domain.md` and the issue) and the document it comes from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from inspector.data.writer import Writer
from inspector.domain.choices import State
from inspector.domain.periods import today
from inspector.i18n import Problem, set_language
from inspector.models import Outfall, Remediation
from inspector.services import register as reg
from tests.conftest import ledger_row, write_ledger

TODAY = today()
SOON = (TODAY + dt.timedelta(days=200)).isoformat()
LATER = (TODAY + dt.timedelta(days=400)).isoformat()
PAST = (TODAY - dt.timedelta(days=30)).isoformat()

FRUITLESS = {"methods": ["visit"], "conclusion": "走访未查明", "result": "no_owner_found"}


def outfall(w: Writer, category: str = "城镇生活污水散排口", **extra: Any) -> str:
    n = w.conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0] + len(extra)
    return reg.create_outfall(
        w,
        {
            "name": f"武陟县大封镇沁河右岸{n}#{category}",
            "county_code": "410823",
            "lat": 35.0,
            "lon": 113.3,
            "river": "沁河",
            "category": category,
            **extra,
        },
    )


def traced(w: Writer, category: str = "城镇生活污水散排口", **extra: Any) -> str:
    oid = outfall(w, category, **extra)
    reg.transition(w, oid, State.CONFIRMED)
    owner = reg.find_or_create_owner(w, {"name": "武陟县测试有限公司"})
    reg.assign_owner(w, oid, owner)
    reg.transition(w, oid, State.TRACED)
    return oid


def closed(w: Writer, category: str = "城镇生活污水散排口", **extra: Any) -> str:
    oid = traced(w, category, **extra)
    reg.plan_remediation(w, oid, {"measure": "standardise", "deadline": SOON})
    reg.transition(w, oid, State.IN_REMEDIATION)
    reg.record_completion(w, oid, evidence="已设置标志牌")
    reg.county_signoff(w, oid, by="县局")
    reg.city_signoff(w, oid, by="市局")
    return oid


# -- 严禁合并、封堵城镇雨洪排口 (焦作 plan) ---------------------------------------------------


@pytest.mark.parametrize("measure", ["ban", "merge"])
def test_storm_outlets_are_never_merged_or_blocked_jiaozuo_plan(db, measure: str) -> None:  # type: ignore[no-untyped-def]
    """严禁合并、封堵城镇雨洪排口 (焦作 plan): a 城镇雨洪排口 is never planned for a ban
    (封堵) or a merge; the refusal names the rule."""
    with db.write() as w:
        storm = traced(w, "城镇雨洪排口")
        plant = traced(w, "城镇污水处理厂排污口")
        values = {"measure": measure, "deadline": SOON}
        if measure == "merge":
            values["merge_target_id"] = plant
        with pytest.raises(reg.RuleBroken) as caught:
            reg.plan_remediation(w, storm, values)
        assert "严禁合并、封堵城镇雨洪排口" in str(caught.value)
        set_language("zh")
        assert "城镇雨洪排口不得取缔（封堵）或合并" in str(caught.value)
        set_language("en")
        assert reg.current_remediation(w, storm) is None
        # Standardising it (雨污分流, a sign board) is what remains.
        reg.plan_remediation(w, storm, {"measure": "standardise", "deadline": SOON})


def test_no_outfall_is_merged_into_a_storm_outlet_jiaozuo_plan(db) -> None:  # type: ignore[no-untyped-def]
    """严禁合并、封堵城镇雨洪排口 (焦作 plan): sewage is not merged into a storm outlet."""
    with db.write() as w:
        storm = traced(w, "城镇雨洪排口")
        sewage = traced(w)
        with pytest.raises(reg.RuleBroken, match="no outfall is merged into an urban storm"):
            reg.plan_remediation(
                w, sewage, {"measure": "merge", "merge_target_id": storm, "deadline": SOON}
            )


def test_an_outfall_planned_for_a_ban_cannot_become_a_storm_outlet(db) -> None:  # type: ignore[no-untyped-def]
    """严禁合并、封堵城镇雨洪排口 (焦作 plan), kept when the category changes later."""
    with db.write() as w:
        oid = traced(w)
        reg.plan_remediation(w, oid, {"measure": "ban", "deadline": SOON})
        with pytest.raises(reg.RuleBroken, match="严禁合并、封堵城镇雨洪排口"):
            reg.update_outfall(w, oid, {"category": "城镇雨洪排口"})
        target = traced(w, "城镇污水处理厂排污口")
        other = traced(w)
        reg.plan_remediation(
            w, other, {"measure": "merge", "merge_target_id": target, "deadline": SOON}
        )
        with pytest.raises(reg.RuleBroken, match="merged into an urban storm"):
            reg.update_outfall(w, target, {"category": "城镇雨洪排口"})


def test_only_the_towns_storm_outlets_are_protected_jiaozuo_plan(db) -> None:  # type: ignore[no-untyped-def]
    """严禁合并、封堵城镇雨洪排口 protects 城镇雨洪排口 only: an enterprise's or a park's own
    storm outlets (工矿企业雨洪排口, 园区污水处理厂雨洪排口) may be merged or closed."""
    with db.write() as w:
        for category in ("工业企业雨洪排口", "工矿企业雨洪排口", "园区污水处理厂雨洪排口"):
            oid = traced(w, category)
            reg.plan_remediation(w, oid, {"measure": "ban", "deadline": SOON})


def test_a_storm_outlet_still_planned_for_a_ban_cannot_start_works(db) -> None:  # type: ignore[no-untyped-def]
    """严禁合并、封堵城镇雨洪排口: a plan recorded before the rule (here written straight
    to the table) cannot be carried out."""
    with db.write() as w:
        storm = traced(w, "城镇雨洪排口")
        w.create(Remediation, {"outfall_id": storm, "measure": "ban", "deadline": SOON})
        with pytest.raises(reg.Refused, match="严禁合并、封堵城镇雨洪排口"):
            reg.transition(w, storm, State.IN_REMEDIATION)


def test_ledger_rows_that_merge_or_block_storm_outlets_are_refused(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """严禁合并、封堵城镇雨洪排口 (焦作 plan) in ledger import: a storm outlet with 取缔 or
    合并, or recorded 已封堵, and a merge into a storm outlet, are refused by row."""
    from inspector.services.ledger import import_ledger

    header = [*ledger_row(1).keys(), "合并目标编码"]
    rows = [
        ledger_row(1, 排污口类型="城镇雨洪排口", 整治类型="取缔", 整治时限=SOON, 状态="整治中"),
        ledger_row(2, 排污口类型="雨水排口", 整治类型="封堵", 整治时限=SOON, 状态="整治中"),
        ledger_row(3, 排污口类型="城镇雨洪排口", 状态="已封堵"),
        ledger_row(4, 排污口类型="城镇雨洪排口"),
        ledger_row(5, 整治类型="合并", 整治时限=SOON, 状态="整治中", 合并目标编码="410823GY0004"),
    ]
    report = import_ledger(db, write_ledger(tmp_path / "台账.csv", rows, header=header))
    assert not report.applied
    by_row = {p.row: p.render() for p in report.problems}
    assert set(by_row) == {2, 3, 4, 6}, by_row
    for n in (2, 3, 6):
        assert "严禁合并、封堵城镇雨洪排口" in by_row[n]
    assert "a remediation measure" in by_row[4]  # 已封堵 says a ban was done
    with db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0] == 0


# -- 过渡期 (焦作 plan) ---------------------------------------------------------------------


def test_transition_end_before_the_deadline_is_refused_jiaozuo_plan(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """过渡期 (焦作 plan): the transition period does not end before the deadline."""
    from inspector.services.ledger import import_ledger

    with db.write() as w:
        oid = traced(w)
        with pytest.raises(reg.RuleBroken, match="must not end before the remediation deadline"):
            reg.plan_remediation(
                w, oid, {"measure": "standardise", "deadline": LATER, "transition_end": SOON}
            )
        reg.plan_remediation(w, oid, {"measure": "standardise", "deadline": SOON})
        with pytest.raises(reg.RuleBroken, match="过渡期"):
            reg.plan_remediation(w, oid, {"transition_end": PAST})
        reg.plan_remediation(w, oid, {"transition_end": LATER})
    header = [*ledger_row(1).keys(), "过渡期截止"]
    rows = [ledger_row(1, 整治类型="规范整治", 整治时限=LATER, 过渡期截止=SOON, 状态="整治中")]
    report = import_ledger(db, write_ledger(tmp_path / "台账.csv", rows, header=header))
    assert [p.column for p in report.problems] == ["过渡期截止"]


def test_an_outfall_inside_its_transition_period_is_not_overdue_anywhere(db) -> None:  # type: ignore[no-untyped-def]
    """过渡期 (焦作 plan): overdue means past the transition end when there is one. The
    dashboard and `report progress`, the register's filter and rows, the annual report's
    table and a targeted plan's reasons all agree."""
    from inspector.data.browse import RegisterPager, RegisterQuery
    from inspector.services.plans.draw import target_reasons
    from inspector.services.progress import compute_progress
    from inspector.services.reports.scope import overdue_table, resolve_scope

    with db.write() as w:
        inside = traced(w)
        reg.plan_remediation(
            w, inside, {"measure": "standardise", "deadline": PAST, "transition_end": SOON}
        )
        reg.transition(w, inside, State.IN_REMEDIATION)
        late = traced(w)
        reg.plan_remediation(w, late, {"measure": "standardise", "deadline": PAST})
        reg.transition(w, late, State.IN_REMEDIATION)
        ended = traced(w)
        reg.plan_remediation(
            w, ended, {"measure": "standardise", "deadline": PAST, "transition_end": PAST}
        )
        reg.transition(w, ended, State.IN_REMEDIATION)
    with db.read() as conn:
        progress = compute_progress(conn, year=TODAY.year, city_code="410800", today=TODAY)
        assert {o.outfall_id for o in progress.overdue} == {late, ended}
        assert progress.overdue_count == 2
        scope = resolve_scope(conn, county="410823", city=None)
        assert len(overdue_table(conn, scope, on=TODAY).rows) == 2
        reasons = target_reasons(conn, "410823", start=TODAY, eligible={inside, late, ended})
        assert {k for k, v in reasons.items() if "overdue" in v} == {late, ended}
    pager = RegisterPager(db.connect)
    try:
        rows = pager.page(RegisterQuery(overdue=True, today=TODAY), 0).rows
        assert {r.id for r in rows} == {late, ended}
        every = pager.page(RegisterQuery(today=TODAY), 0).rows
        assert {r.id for r in every if r.overdue(TODAY)} == {late, ended}
    finally:
        pager.close()


def test_the_sql_and_the_rule_of_overdue_agree(db) -> None:  # type: ignore[no-untyped-def]
    """One definition of overdue: `lifecycle.is_overdue` and `data.remediations` agree on
    every combination of state, deadline and transition end."""
    from inspector.data.remediations import overdue_remediations
    from inspector.domain.lifecycle import is_overdue

    dates = [None, PAST, SOON]
    cases = []
    with db.write() as w:
        for state in (State.TRACED, State.IN_REMEDIATION, State.REMEDIATED):
            for deadline in dates[1:]:
                for end in dates:
                    if end is not None and end < deadline:
                        continue
                    oid = outfall(w)
                    w.create(
                        Remediation,
                        {
                            "outfall_id": oid,
                            "measure": "standardise",
                            "deadline": deadline,
                            "transition_end": end,
                        },
                    )
                    w.update(Outfall, oid, {"state": state.value})
                    cases.append((oid, state, deadline, end))
    with db.read() as conn:
        found = {r.outfall_id for r in overdue_remediations(conn, today=TODAY)}

    def day(text: str | None) -> dt.date | None:
        return dt.date.fromisoformat(text) if text else None

    expected = {oid for oid, s, d, e in cases if is_overdue(s, day(d), day(e), TODAY)}
    assert found == expected
    assert expected  # the combinations include overdue ones


# -- 销号 only through the sign-offs ---------------------------------------------------------


def test_a_retained_outfall_without_works_is_its_own_figure_never_a_closing(db) -> None:  # type: ignore[no-untyped-def]
    """销号 (county pre-closing, then city closing): an outfall kept on its setting
    approval without works counts as retained, not as remediated or closed."""
    from inspector.services.progress import compute_progress

    with db.write() as w:
        kept = traced(w, "城镇生活污水散排口", approval_no="焦环登〔2026〕1号")
        reg.transition(w, kept, State.IN_SERVICE)
        done = closed(w)
        reg.settle_closed(w, done)
        # New works drafted for it later do not undo its closing.
        reg.plan_remediation(w, done, {"measure": "standardise", "deadline": LATER})
        traced(w)
    with db.read() as conn:
        p = compute_progress(conn, year=TODAY.year, city_code="410800", today=TODAY)
    o = p.overall
    assert (o.total, o.traced, o.remediated, o.closed, o.retained) == (3, 3, 1, 1, 1)
    # Shares of remediated and closed are of the outfalls that need works.
    assert o.share("closed") == pytest.approx(0.5)
    assert p.as_json()["overall"]["retained"] == 1


def test_old_sign_offs_never_close_new_works(db) -> None:  # type: ignore[no-untyped-def]
    """销号 only through the sign-offs: a step back withdraws the county's sign-off, and
    new works after a closing get a plan of their own that must be signed again."""
    with db.write() as w:
        oid = traced(w)
        reg.plan_remediation(w, oid, {"measure": "standardise", "deadline": SOON})
        reg.transition(w, oid, State.IN_REMEDIATION)
        reg.record_completion(w, oid, evidence="标志牌")
        reg.county_signoff(w, oid, by="县局")
        reg.transition(w, oid, State.REMEDIATED, reason="市局退回")
        with pytest.raises(reg.Refused, match="county's pre-closing sign-off"):
            reg.transition(w, oid, State.PRE_CLOSED)
        reg.county_signoff(w, oid, by="县局")
        reg.city_signoff(w, oid, by="市局")
        reg.settle_closed(w, oid)
        first = reg.current_remediation(w, oid)
        with pytest.raises(reg.Refused, match="new remediation plan"):
            reg.transition(w, oid, State.IN_REMEDIATION, reason="标志牌损毁")
        reg.plan_remediation(w, oid, {"measure": "standardise", "deadline": LATER})
        second = reg.current_remediation(w, oid)
        assert second != first
        reg.transition(w, oid, State.IN_REMEDIATION, reason="标志牌损毁")
        reg.record_completion(w, oid, evidence="新标志牌")
        with pytest.raises(reg.Refused, match="county's pre-closing sign-off"):
            reg.transition(w, oid, State.PRE_CLOSED)


# -- 政府兜底 (国办函〔2022〕17号) -----------------------------------------------------------


def test_the_backstop_body_exists_the_zone_has_a_committee(db) -> None:  # type: ignore[no-untyped-def]
    """政府兜底 (国办函〔2022〕17号: where no owner is found, the government answers): the
    body is the region's own from the reference data; 城乡一体化示范区 has a 管委会, and
    "城乡一体化示范区人民政府" does not exist."""
    with db.write() as w:
        oid = reg.create_outfall(
            w,
            {
                "name": "示范区排口",
                "county_code": "410800SFQ",
                "lat": 35.2,
                "lon": 113.28,
                "river": "卫河",
                "category": "城镇生活污水散排口",
            },
        )
        reg.add_trace_record(w, oid, FRUITLESS)
        reg.assign_government_backstop(w, oid, evidence="溯源未果")
        owner = reg.current_main_assignment(w, oid)
    assert owner is not None
    assert owner["owner_name"] == "焦作市城乡一体化示范区管理委员会"
    assert owner["basis"] == "government_backstop"


def test_every_region_of_both_cities_names_its_backstop_body(db) -> None:  # type: ignore[no-untyped-def]
    import json

    from inspector.data.reference import ReferenceData
    from inspector.locations import package_resource

    with db.read() as conn:
        ref = ReferenceData.load(conn)
    for name in ("jiaozuo.json", "sanmenxia.json"):
        doc = json.loads((package_resource("db") / "reference" / name).read_text("utf-8"))
        for entry in (doc["city"], *doc["counties"]):
            region = ref.regions[entry["code"]]
            assert region.backstop_body == entry["backstop_body"]
            assert region.backstop_body_en
            assert region.backstop_body.endswith(("人民政府", "管理委员会"))
    assert not any(r.backstop_body == "城乡一体化示范区人民政府" for r in ref.regions.values())


def test_the_backstop_needs_a_trace_record_that_found_no_owner(db) -> None:  # type: ignore[no-untyped-def]
    """政府兜底 only after tracing found no owner (国办函〔2022〕17号)."""
    with db.write() as w:
        oid = outfall(w)
        reg.transition(w, oid, State.CONFIRMED)
        with pytest.raises(reg.RuleBroken, match="needs tracing that found no owner"):
            reg.assign_government_backstop(w, oid)
        reg.add_trace_record(w, oid, {**FRUITLESS, "result": "ongoing"})
        with pytest.raises(reg.RuleBroken):
            reg.assign_government_backstop(w, oid)
        reg.add_trace_record(w, oid, FRUITLESS)
        reg.assign_government_backstop(w, oid)
        reg.transition(w, oid, State.TRACED)


def test_a_ledger_backstop_rests_on_a_trace_record_and_the_reference_body(
    db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from inspector.services.ledger import import_ledger

    rows = [
        ledger_row(
            1, 责任主体="政府兜底", 统一社会信用代码="", **{"县(市、区)": "城乡一体化示范区"}
        )
    ]
    rows[0].update({"经度": "113.28", "纬度": "35.2", "受纳水体": "卫河"})
    report = import_ledger(db, write_ledger(tmp_path / "台账.csv", rows))
    assert report.ok, [p.render() for p in report.problems]
    with db.read() as conn:
        oid = conn.execute("SELECT id FROM outfall").fetchone()[0]
        owner = reg.current_main_assignment(conn, oid)
        result = conn.execute(
            "SELECT result FROM trace_record WHERE outfall_id=?", (oid,)
        ).fetchall()
    assert owner is not None
    assert owner["owner_name"] == "焦作市城乡一体化示范区管理委员会"
    assert result == [("no_owner_found",)]


# -- 立行立改 (焦作 plan) --------------------------------------------------------------------


def test_a_simple_problem_is_remediated_at_once_without_an_owner_jiaozuo_plan(db) -> None:  # type: ignore[no-untyped-def]
    """立行立改 (焦作 plan): remediation straight from the investigation or tracing stage
    (confirmed), no owner first, recorded as such."""
    with db.write() as w:
        oid = outfall(w)
        reg.transition(w, oid, State.CONFIRMED)
        reg.plan_remediation(w, oid, {"measure": "ban", "deadline": SOON})
        with pytest.raises(reg.Refused, match="立行立改"):
            reg.transition(w, oid, State.IN_REMEDIATION)
        reg.plan_remediation(w, oid, {"immediate": True})
        reg.transition(w, oid, State.IN_REMEDIATION, reason="私设暗管，当场拆除")
        rem = w.get(Remediation, reg.current_remediation(w, oid)["id"])  # type: ignore[index]
        assert rem is not None
        assert rem["immediate"] is True
        reg.record_completion(w, oid, evidence="暗管已拆除")
        reg.county_signoff(w, oid, by="县局")
        reg.city_signoff(w, oid, by="市局")
        assert reg.settle_closed(w, oid) is State.ABOLISHED
        assert reg.current_main_assignment(w, oid) is None


def test_an_immediate_standardisation_keeps_the_outfall_only_with_an_owner(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        oid = outfall(w)
        reg.transition(w, oid, State.CONFIRMED)
        reg.plan_remediation(
            w, oid, {"measure": "standardise", "deadline": SOON, "immediate": True}
        )
        reg.transition(w, oid, State.IN_REMEDIATION)
        reg.record_completion(w, oid, evidence="标志牌")
        reg.county_signoff(w, oid, by="县局")
        reg.city_signoff(w, oid, by="市局")
        with pytest.raises(reg.Refused, match="owner assignment"):
            reg.settle_closed(w, oid)


# -- 饮用水水源保护区、自然保护地: 依法取缔 (焦作 plan) ---------------------------------------------


@pytest.mark.parametrize("area", ["饮用水水源保护区", "自然保护地"])
def test_outfalls_in_protected_areas_are_banned_jiaozuo_plan(db, area: str) -> None:  # type: ignore[no-untyped-def]
    """依法取缔一批 (焦作 plan): an outfall in a 饮用水水源保护区 or 自然保护地 takes no
    measure but a ban, and is never retained."""
    with db.write() as w:
        oid = traced(w, protected_area=area, approval_no="焦环登〔2026〕2号")
        for measure in ("standardise", "merge"):
            with pytest.raises(reg.RuleBroken, match="is banned"):
                reg.plan_remediation(w, oid, {"measure": measure, "deadline": SOON})
        with pytest.raises(reg.Refused, match="drinking-water source protection area"):
            reg.transition(w, oid, State.IN_SERVICE)
        reg.plan_remediation(w, oid, {"measure": "ban", "deadline": SOON})
        other = traced(w)
        reg.plan_remediation(w, other, {"measure": "standardise", "deadline": SOON})
        with pytest.raises(reg.RuleBroken, match="is banned"):
            reg.update_outfall(w, other, {"protected_area": area})


def test_the_ledger_carries_the_protected_area_flag(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from inspector.services.ledger import import_ledger

    header = [*ledger_row(1).keys(), "所在保护区"]
    rows = [
        ledger_row(
            1, 所在保护区="饮用水水源保护区", 整治类型="规范整治", 整治时限=SOON, 状态="整治中"
        ),
        ledger_row(2, 所在保护区="自然保护地", 整治类型="取缔", 整治时限=SOON, 状态="整治中"),
    ]
    report = import_ledger(db, write_ledger(tmp_path / "a.csv", rows, header=header))
    assert [(p.row, "依法取缔" in p.message) for p in report.problems] == [(2, True)]
    report = import_ledger(db, write_ledger(tmp_path / "b.csv", rows[1:], header=header))
    assert report.ok
    with db.read() as conn:
        assert conn.execute("SELECT protected_area FROM outfall").fetchall() == [
            ("nature_reserve",)
        ]


# -- 排污许可证载明 (焦作 plan) -----------------------------------------------------------------


def test_one_enterprise_with_two_outfalls_needs_the_permit_annotation_jiaozuo_plan(db) -> None:  # type: ignore[no-untyped-def]
    """One enterprise outside a park with two or more outfalls: 应在排污许可证中载明
    (焦作 plan). Warned until the annotation is recorded."""
    with db.write() as w:
        company = reg.find_or_create_owner(w, {"name": "武陟县宏达化工有限公司"})
        first, second = outfall(w, "工业企业排污口"), outfall(w, "工业企业排污口")
        storm = outfall(w, "工业企业雨洪排口")
        reg.assign_owner(w, first, company)
        reg.assign_owner(w, storm, company)
        assert reg.permit_annotation_warning(w, company) is None
        reg.assign_owner(w, second, company)
        warning = reg.permit_annotation_warning(w, company)
        assert warning is not None
        assert "排污许可证载明" in warning
        assert "2" in warning
        reg.record_permit_annotation(w, company, "许可证副本载明 DW001、DW002")
        assert reg.permit_annotation_warning(w, company) is None


# -- 设置审批 (部令第35号) --------------------------------------------------------------------


@pytest.mark.parametrize(
    "category", ["工业企业排污口", "园区污水处理厂排污口", "城镇污水处理厂排污口"]
)
def test_setting_approval_before_retention_mee_order_35(db, category: str) -> None:  # type: ignore[no-untyped-def]
    """部令第35号: industrial, park and town wastewater plant outfalls need a setting
    approval (审批/审核), not a registration, to be retained; other outfalls register."""
    with db.write() as w:
        oid = traced(w, category, approval_no="焦环登〔2026〕3号", approval_kind="registration")
        with pytest.raises(reg.Refused, match="部令第35号"):
            reg.transition(w, oid, State.IN_SERVICE)
        reg.update_outfall(w, oid, {"approval_no": "焦环审〔2026〕3号", "approval_kind": "审批"})
        reg.transition(w, oid, State.IN_SERVICE)
        done = closed(w, category)
        with pytest.raises(reg.Refused, match="部令第35号"):
            reg.settle_closed(w, done)
        rural = traced(w, "农村污水处理设施排污口", approval_no="焦环登〔2026〕4号")
        reg.transition(w, rural, State.IN_SERVICE)


# -- one way to find an outfall by code ----------------------------------------------------


def test_an_outfall_is_found_by_code_or_national_code_and_ambiguity_lists_them(db) -> None:  # type: ignore[no-untyped-def]
    from inspector.data.outfalls import find_outfall

    with db.write() as w:
        a = outfall(w, code="410823QT0001", national_code="HH410823QT0000001")
        outfall(w, code="410823QT0002")
        outfall(w, code="410823QT0003", national_code="410823QT0002")
        w.flush()
        assert find_outfall(w.conn, code=" 410823qt0001 ").id == a
        assert find_outfall(w.conn, code="HH410823QT0000001").id == a
        with pytest.raises(Problem) as caught:
            find_outfall(w.conn, code="410823QT0002")
        assert "matches 2 outfalls" in str(caught.value)
        assert "410823QT0002" in str(caught.value)
        assert "410823QT0003" in str(caught.value)
        with pytest.raises(Problem, match="No outfall with code"):
            find_outfall(w.conn, code="nothing")
