"""No individual named in public (issue 11, item 3): people are told from organisations
by the ledger's kind column, the credit code (GB 32100-2015) and the name's form, and
published as （个人） in `ledger export --public`, the public list and plan results."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from inspector.domain.choices import OwnerKind
from inspector.domain.owners import classify, is_private_person, kind_from_credit_code
from inspector.services.ledger import export_ledger, import_ledger
from inspector.services.public_list import export_public_list
from tests.conftest import LEDGER_HEADER, VALID_CREDIT_CODE, ledger_row, write_ledger

#: Valid codes (check character computed) of each kind of body.
INDIVIDUAL_CODE = "92410823MA1TK3B4XL"  # 工商, 个体工商户
ENTERPRISE_CODE = "91410823MA44B5C6D8"  # 工商, 企业
GOVERNMENT_CODE = "11410800005186220C"  # 机构编制, 机关
VILLAGE_CODE = "N2410823MA9Y0C2E1H"  # 农业, 村级集体经济组织


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (INDIVIDUAL_CODE, OwnerKind.INDIVIDUAL),
        (ENTERPRISE_CODE, OwnerKind.ENTERPRISE),
        (VALID_CREDIT_CODE, OwnerKind.ENTERPRISE),
        (GOVERNMENT_CODE, OwnerKind.GOVERNMENT),
        (VILLAGE_CODE, OwnerKind.VILLAGE),
        ("92410823MA1TK3B4XA", None),  # a wrong check character says nothing
        ("", None),
    ],
)
def test_the_credit_code_says_what_was_registered(code: str, kind: OwnerKind | None) -> None:
    assert kind_from_credit_code(code) is kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("张伟", OwnerKind.INDIVIDUAL),
        ("欧阳娜娜", OwnerKind.INDIVIDUAL),
        ("个体养殖户", OwnerKind.INDIVIDUAL),
        ("张庄村李某", OwnerKind.INDIVIDUAL),
        ("王芳（个人）", OwnerKind.INDIVIDUAL),
        ("大封镇生猪养殖户刘洋", OwnerKind.INDIVIDUAL),
        ("买买提·艾力", OwnerKind.INDIVIDUAL),
        ("武陟县人民政府", OwnerKind.GOVERNMENT),
        ("武陟县宏达化工有限公司", OwnerKind.ENTERPRISE),
        ("孟州市第一污水处理厂", OwnerKind.ENTERPRISE),
        ("张庄村民委员会", OwnerKind.ENTERPRISE),
        ("王记饭店", OwnerKind.ENTERPRISE),
    ],
)
def test_the_names_form(name: str, kind: OwnerKind) -> None:
    assert classify(name, None) is kind


def test_what_a_person_said_comes_first_then_the_code_then_the_name() -> None:
    assert classify("张伟", None, OwnerKind.ENTERPRISE) is OwnerKind.ENTERPRISE
    assert classify("武陟县老张养殖场", INDIVIDUAL_CODE) is OwnerKind.INDIVIDUAL
    assert classify("张伟", ENTERPRISE_CODE) is OwnerKind.ENTERPRISE
    # On read: a kind chosen on purpose is believed; the default is checked again.
    assert is_private_person("张伟", None, "enterprise")
    assert not is_private_person("张伟", None, "village")
    assert is_private_person("宏达公司", None, "individual")


def _import(db: Any, tmp_path: Path, *, with_kind: bool = False) -> Any:
    header = [*LEDGER_HEADER, "责任主体类型"] if with_kind else LEDGER_HEADER
    rows = [
        ledger_row(1, 责任主体="张伟", 统一社会信用代码=""),
        ledger_row(2, 责任主体="个体养殖户", 统一社会信用代码=""),
        ledger_row(3, 责任主体="武陟县老张养殖场", 统一社会信用代码=INDIVIDUAL_CODE),
        ledger_row(4, 责任主体="武陟县宏达化工有限公司", 统一社会信用代码=VALID_CREDIT_CODE),
        ledger_row(5, 责任主体="王芳", 统一社会信用代码="", 责任主体类型="企业"),
    ]
    report = import_ledger(db, write_ledger(tmp_path / "台账.csv", rows, header=header))
    assert report.ok, [p.render() for p in report.problems]
    return report


def _kinds(db: Any) -> dict[str, str]:
    with db.read() as conn:
        return dict(conn.execute("SELECT name, kind FROM owner WHERE deleted=0").fetchall())


def test_ledger_import_stores_who_each_owner_is(db: Any, tmp_path: Path) -> None:
    _import(db, tmp_path, with_kind=True)
    assert _kinds(db) == {
        "张伟": "individual",
        "个体养殖户": "individual",
        "武陟县老张养殖场": "individual",
        "武陟县宏达化工有限公司": "enterprise",
        "王芳": "enterprise",  # the ledger's own column says so
    }


def test_a_kind_that_disagrees_with_the_credit_code_is_a_warning(db: Any, tmp_path: Path) -> None:
    header = [*LEDGER_HEADER, "责任主体类型"]
    row = ledger_row(
        1, 责任主体="老张养殖场", 统一社会信用代码=INDIVIDUAL_CODE, 责任主体类型="企业"
    )
    report = import_ledger(db, write_ledger(tmp_path / "a.csv", [row], header=header))
    assert report.ok
    assert [(w.row, w.column) for w in report.warnings] == [(2, "责任主体类型")]


def _public_csv(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def test_no_person_is_named_in_the_public_export_or_the_public_list(
    db: Any, tmp_path: Path
) -> None:
    _import(db, tmp_path)
    public = tmp_path / "public.csv"
    export_ledger(db, public, public=True)
    text = _public_csv(public)
    for person in ("张伟", "个体养殖户", "武陟县老张养殖场", INDIVIDUAL_CODE):
        assert person not in text
    assert text.count("（个人）") >= 3
    assert "武陟县宏达化工有限公司" in text
    with public.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["责任主体"]: r["责任主体类型"] for r in rows}["（个人）"] == "个人"

    listed = tmp_path / "公开清单.csv"
    export_public_list(db, listed)
    text = _public_csv(listed)
    for person in ("张伟", "个体养殖户", "武陟县老张养殖场", INDIVIDUAL_CODE):
        assert person not in text
    assert "武陟县宏达化工有限公司" in text


def test_owners_recorded_before_kinds_were_read_are_classified_on_read(
    db: Any, tmp_path: Path
) -> None:
    """Owners already in a register were all stored as enterprises: nothing rewrites them
    (a migration would make every replica edit the same rows at once), they are judged
    again wherever they would be published."""
    from inspector.models import Owner

    _import(db, tmp_path)
    with db.write() as w:
        for name, kind in list(_kinds(db).items()):
            if kind == "individual":
                owner_id = w.conn.execute("SELECT id FROM owner WHERE name=?", (name,)).fetchone()
                w.update(Owner, owner_id[0], {"kind": "enterprise"})
    assert set(_kinds(db).values()) == {"enterprise"}
    public = tmp_path / "public.csv"
    export_ledger(db, public, public=True)
    listed = tmp_path / "公开清单.csv"
    export_public_list(db, listed)
    for path in (public, listed):
        text = _public_csv(path)
        for person in ("张伟", "个体养殖户", "武陟县老张养殖场"):
            assert person not in text, path.name


def test_re_importing_a_ledger_classifies_what_was_left_at_the_default(
    db: Any, tmp_path: Path
) -> None:
    from inspector.models import Owner

    _import(db, tmp_path)
    with db.write() as w:
        (zhang,) = w.conn.execute("SELECT id FROM owner WHERE name='张伟'").fetchone()
        (hongda,) = w.conn.execute(
            "SELECT id FROM owner WHERE name='武陟县宏达化工有限公司'"
        ).fetchone()
        w.update(Owner, zhang, {"kind": "enterprise"})
        w.update(Owner, hongda, {"kind": "institution"})  # a person's choice in the app
    _import(db, tmp_path)
    kinds = _kinds(db)
    assert kinds["张伟"] == "individual"
    assert kinds["武陟县宏达化工有限公司"] == "institution"


def test_plan_results_never_name_a_person(demo_db: Any, tmp_path: Path) -> None:
    from inspector.models import Owner
    from inspector.services.plans.publish import publish_results

    with demo_db.read() as conn:
        plan_id, owner_id = conn.execute(
            "SELECT i.plan_id, a.owner_id FROM plan_item i JOIN owner_assignment a"
            " ON a.outfall_id = i.outfall_id AND a.deleted = 0 AND a.role = 'main'"
            " WHERE i.deleted = 0 LIMIT 1"
        ).fetchone()
    with demo_db.write() as w:
        w.update(Owner, owner_id, {"name": "赵铁柱", "kind": "enterprise", "credit_code": None})
    path = tmp_path / "results.csv"
    publish_results(demo_db, plan_id, path)
    assert "赵铁柱" not in _public_csv(path)
