"""Messages of self-inspection plans, progress, reports, assessment, incidents, the public list."""

from __future__ import annotations

_FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "recusal": {
        "inspector": ("回避人员", "Person recused"),
        "outfall_id": ("排污口", "Outfall"),
        "owner_id": ("责任主体", "Owner"),
        "reason": ("回避事由", "Reason"),
        "declared_on": ("申报日期", "Declared on"),
        "declared_by": ("登记人", "Recorded by"),
        "deleted": ("已删除", "Deleted"),
    },
    "assessment_entry": {
        "county_code": ("县（市、区）", "County"),
        "year": ("年度", "Year"),
        "month": ("月份", "Month"),
        "item": ("考核项目", "Item"),
        "score": ("得分", "Score"),
        "basis": ("依据", "Basis"),
        "entered_by": ("录入人", "Entered by"),
        "entered_at": ("录入时间", "Entered at"),
        "deleted": ("已删除", "Deleted"),
    },
}

MESSAGES: dict[str, tuple[str, str]] = {
    f"field.{table}.{name}": pair
    for table, fields in _FIELDS.items()
    for name, pair in fields.items()
}
MESSAGES["field.incident.region_code"] = ("事发地区", "Region where it happened")
MESSAGES.update(
    {
        "entity.recusal": ("回避声明", "Conflict of interest"),
        "entity.assessment_entry": ("考核录入", "Assessment entry"),
    }
)
