"""Messages of issue 12b: numbers and text on screen (positions named by axis, photo
matching counts, targets and their meaning, record names, change reasons, sheet names)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "pos.axis_problem": ("{axis}：{problem}", "{axis}: {problem}"),
    "pos.axis.lat": ("纬度", "Latitude"),
    "pos.axis.lon": ("经度", "Longitude"),
}
MESSAGES.update(
    {
        # -- the dashboard's targets and totals ---------------------------------------------
        "targets.targets_in_force": (
            "{year} 年目标（括号内为应达到的年底）：{targets}",
            "Targets for {year} (due by the end of the year shown): {targets}",
        ),
        "targets.target_own": ("{metric} {share}（{year}）", "{metric} {share} ({year})"),
        "targets.target_raised": (
            "{metric} {share}（{year}；原定 {own}，因{by}须先完成此项而随之提高）",
            "{metric} {share} ({year}; set at {own}, raised because {by} needs it first)",
        ),
        "targets.target_implied": (
            "{metric} {share}（{year}；{by}须先完成此项）",
            "{metric} {share} ({year}; {by} needs it first)",
        ),
        "dash.total_note": (
            "比例按 {total} 个排污口计算；台账另列 {rejected} 个经核实不是排污口的点位（共 {listed} 条）",
            "Shares count {total} outfalls; the register also lists {rejected} points found not to be outfalls ({listed} rows in all)",
        ),
        "dash.metric_short.investigated": ("排查", "Inv."),
        "dash.metric_short.traced": ("溯源", "Traced"),
        "dash.metric_short.remediated": ("整治", "Remed."),
        "dash.metric_short.closed": ("销号", "Closed"),
    }
)
MESSAGES["dash.total_short"] = ("数量", "Count")
MESSAGES.update(
    {
        # -- drawing a plan where one exists -----------------------------------------------
        "pui.draw.replace": ("替换已有计划", "Replace the existing plan"),
        "pui.draw.exists": (
            "{county} {year} 年已有{method}计划（{drawn} 抽取，{items} 个条目，尚无完成）。如需重新抽取，请勾选下方“替换已有计划”；原计划的记录保留在变更历史中。",
            "{county} already has a {year} plan by {method} (drawn {drawn}, {items} items, none done yet). To draw it again, tick “Replace the existing plan” below; the old plan stays in the change history.",
        ),
        "pui.draw.exists_locked": (
            "{county} {year} 年已有{method}计划，其中 {done} 个条目已完成，不能替换；请改选方式或年度，或在计划页取消不需要的条目。",
            "{county} already has a {year} plan by {method} with {done} item(s) done: it cannot be replaced. Choose another method or year, or cancel the items it no longer needs in the Plans tab.",
        ),
        "pui.draw.exists_refused": (
            "{county} {year} 年已有此方式的计划：勾选“替换已有计划”后再抽取",
            "{county} already has a {year} plan by this method: tick “Replace the existing plan” to draw it again",
        ),
    }
)
MESSAGES.update(
    {
        "sync.conflict_record_line": (
            "冲突：{record} 的“{field}”保留“{kept}”，另一值“{other}”",
            "Conflict: {record}, {field}: kept “{kept}”, other value “{other}”",
        ),
    }
)
MESSAGES.update(
    {
        # -- reasons the program records with its own changes (stored as keys) -------------
        "reason.plan_drawn": ("抽取年度自查计划", "Self-inspection plan drawn"),
        "reason.plan_redrawn": ("重新抽取自查计划", "Plan drawn again"),
        "reason.plan_results_published": ("公开计划检查结果", "Plan results published"),
        "reason.plan_items_linked": ("计划条目关联检查记录", "Plan items linked to inspections"),
        "reason.plan_item_cancelled": ("取消计划条目", "Plan item cancelled"),
        "reason.inspection_deleted": ("检查记录已删除", "Inspection deleted"),
        "reason.recusal_declared": ("登记回避", "Conflict of interest declared"),
        "reason.recusal_withdrawn": ("撤销回避", "Conflict of interest withdrawn"),
        "reason.score_entered": ("录入考核分数", "Assessment score entered"),
        "reason.score_removed": ("删除考核分数", "Assessment score removed"),
        "reason.incident_recorded": ("登记突发事件", "Incident recorded"),
        "reason.incident_notified": ("登记事件通报", "Incident notification recorded"),
        "reason.signage_check": ("标志牌核查", "Signage check"),
        "reason.photo_import": ("导入照片：{folder}", "Photo import: {folder}"),
        "reason.photo_matching": ("照片匹配", "Photo matching"),
        "reason.photo_accepted": ("确认照片匹配", "Photo match accepted"),
        "reason.photo_linked_by_hand": ("手动关联照片", "Photo linked by hand"),
        "reason.demo_photos": (
            "演示：照片类型与标志牌核查",
            "Demo: photo kinds and signage checks",
        ),
        "reason.demo_plans": ("演示：年度自查计划", "Demo: self-inspection plans"),
        "reason.demo_scores": ("演示：月度考核录入", "Demo: monthly assessment scores"),
        "reason.demo_incident": ("演示：跨界突发事件", "Demo: a cross-boundary incident"),
    }
)
MESSAGES["conflict.reasons"] = (
    "原因：当前值“{current}”；另一值“{other}”",
    "Why: current value “{current}”; other value “{other}”",
)
MESSAGES["report.sheet.cover"] = ("概况", "Overview")
MESSAGES["value.severity"] = ("{level} 级（共 3 级）", "{level} of 3")
MESSAGES.update(
    {
        # -- the command palette: its prompt, and Textual's own actions ---------------------
        "palette.placeholder": ("搜索命令或排污口……", "Search for commands or outfalls…"),
        "textual.Copy selected text": ("复制所选文字", "Copy selected text"),
        "textual.Focus Next": ("下一个控件", "Next control"),
        "textual.Focus Previous": ("上一个控件", "Previous control"),
        "textual.Quit": ("退出", "Quit"),
        "textual.Minimize": ("还原", "Minimize"),
        "textual.Maximize": ("最大化", "Maximize"),
    }
)
