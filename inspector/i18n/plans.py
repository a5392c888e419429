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

# -- plans: commands -------------------------------------------------------------------------
MESSAGES.update(
    {
        "cmd.plan": (
            "年度自查计划（双随机一公开）",
            "self-inspection plans (double random, published)",
        ),
        "cmd.plan.draw": (
            "抽取一个县的年度自查计划",
            "draw a county's self-inspection plan for a year",
        ),
        "cmd.plan.draw_long": (
            "按随机抽查、全覆盖或重点检查抽取一个县（市、区）的年度自查计划，并为每个排污口随机分配两名检查人员。随机种子和全部输入保存在计划中，任何人用相同输入重新抽取都得到相同结果（inspector plan verify）。",
            "Draw a county's self-inspection plan for a year by double-random sample, full coverage or targeted selection, with two inspectors drawn for each outfall. The seed and every input are stored with the plan; the same inputs give the same list on any machine (inspector plan verify).",
        ),
        "cmd.plan.year": ("年度，如 2026", "the year, for example 2026"),
        "cmd.plan.county": ("县（市、区）名称或代码", "county name or code"),
        "cmd.plan.count": ("抽取的排污口数量", "how many outfalls to draw"),
        "cmd.plan.fraction": (
            "抽取比例，如 0.1、10% 或 1/10（向上取整）",
            "share to draw, e.g. 0.1, 10% or 1/10 (rounded up)",
        ),
        "cmd.plan.seed": (
            "随机种子（任意文字；不填则随机生成并打印）",
            "random seed (any text; made up and printed when not given)",
        ),
        "cmd.plan.method": (
            "方式：double_random 双随机抽查（默认）、full_coverage 全覆盖、targeted 重点检查",
            "method: double_random (default), full_coverage or targeted",
        ),
        "cmd.plan.strata": (
            "分层抽样依据：category 按排污口类型、river 按受纳水体",
            "stratify the sample by category or by river",
        ),
        "cmd.plan.inspectors": (
            "检查人员库：姓名以逗号或顿号分隔，或 @文件（每行一人）",
            "inspector pool: names separated by commas, or @FILE with one per line",
        ),
        "cmd.plan.outfalls": (
            "重点检查时指定的排污口编码（逗号分隔）",
            "for a targeted plan: the outfall codes chosen, separated by commas",
        ),
        "cmd.plan.start": (
            "最早应完成日期（默认今天或 1 月 1 日）",
            "first due date (default today, or 1 January)",
        ),
        "cmd.plan.end": (
            "最晚应完成日期（默认 12 月 20 日）",
            "last due date (default 20 December)",
        ),
        "cmd.plan.replace": (
            "替换同年度同方式的已有计划（仅限尚无完成条目时）",
            "replace the existing plan of the same year and method (only while none of it is done)",
        ),
        "cmd.plan.dry_run": ("只抽取并显示，不保存", "draw and show, save nothing"),
        "cmd.plan.list": ("列出自查计划及完成情况", "list plans and how far they are fulfilled"),
        "cmd.plan.show": ("显示一个计划的全部条目", "show a plan's items"),
        "cmd.plan.plan_id": ("计划编号（或其前 6 位以上）", "plan id (or its first 6+ characters)"),
        "cmd.plan.verify": (
            "用计划保存的输入重新抽取并核对",
            "re-run the draw from the plan's stored inputs and compare",
        ),
        "cmd.plan.link": ("把检查记录关联到计划条目", "link inspections to plan items"),
        "cmd.plan.link_long": (
            "把检查记录关联到它完成的计划条目。给出 --inspection（及 --item）时关联一条；否则为所有任务来源为自查或双随机、尚未关联的检查记录自动关联，并把检查记录已删除的条目恢复为待检查。",
            "Link inspections to the plan items they fulfil. With --inspection (and --item), one; otherwise every unlinked inspection whose task source is self-inspection or double-random is matched, and items whose inspection was deleted return to pending.",
        ),
        "cmd.plan.inspection": ("检查记录编号", "inspection id"),
        "cmd.plan.item": ("计划条目编号", "plan item id"),
        "cmd.plan.cancel_item": (
            "取消一个计划条目（如排污口已取缔），保留记录",
            "cancel a plan item (the outfall was abolished, say); it is kept, marked",
        ),
        "cmd.plan.publish": (
            "导出计划抽查结果供公开（不含个人姓名和电话）",
            "export a plan's results for publication (no personal names or phones)",
        ),
        "cmd.plan.publish_file": (
            "输出文件（.csv、.xlsx 或 .md）",
            "output file (.csv, .xlsx or .md)",
        ),
        "cmd.plan.recuse": ("登记回避（利益冲突）", "declare a conflict of interest"),
        "cmd.plan.recuse_long": (
            "登记某人与某个排污口或某个责任主体存在利害关系：抽取计划时不会安排此人检查该排污口（或该责任主体的任何排污口）。",
            "Record that a person has a conflict of interest with an outfall or an owner: draws never send that person to that outfall (or to any outfall of that owner).",
        ),
        "cmd.plan.recuse_name": ("需回避的人员姓名", "the person who must stand aside"),
        "cmd.plan.recuse_outfall": ("排污口编码", "outfall code"),
        "cmd.plan.recuse_owner": (
            "责任主体名称或统一社会信用代码",
            "owner name or unified social credit code",
        ),
        "cmd.plan.recuse_reason": ("事由", "reason"),
        "cmd.plan.recuse_on": ("申报日期（默认今天）", "date declared (default today)"),
        "cmd.plan.recusals": ("列出回避登记", "list declared conflicts of interest"),
        "cmd.plan.withdraw": ("撤销一项回避登记", "withdraw a declared conflict of interest"),
        "cmd.plan.recusal_id": ("回避登记编号", "declaration id"),
    }
)

# -- plans: problems ---------------------------------------------------------------------------
MESSAGES.update(
    {
        "plan.bad_date": (
            "“{value}”不是日期（应为 YYYY-MM-DD）",
            "“{value}” is not a date (YYYY-MM-DD)",
        ),
        "plan.unknown_county": ("未知的县（市、区）“{county}”", "Unknown county “{county}”"),
        "plan.bad_year": (
            "年度 {year} 不在 2000 至 2100 之间",
            "The year {year} is not between 2000 and 2100",
        ),
        "plan.bad_method": (
            "未知的抽取方式“{method}”（可选：double_random、full_coverage、targeted）",
            "Unknown method “{method}” (double_random, full_coverage or targeted)",
        ),
        "plan.bad_seed": (
            "随机种子不能为空，且不超过 {max} 个字符",
            "The seed must not be empty and at most {max} characters long",
        ),
        "plan.pool_too_small": (
            "检查人员库只有 {size} 人，每个排污口需两名不同的检查人员",
            "The inspector pool has {size} people; every outfall needs two different inspectors",
        ),
        "plan.name_too_long": (
            "检查人员姓名“{name}”过长（最多 60 个字符）",
            "The name “{name}” is too long (at most 60 characters)",
        ),
        "plan.window_closed": (
            "应完成日期范围 {start} 至 {end} 无效：结束日期早于开始日期",
            "The due-date window {start} to {end} is empty: it ends before it starts",
        ),
        "plan.no_candidates": (
            "{county}没有可抽取的排污口（需已核实且未取缔），无法抽取 {year} 年计划",
            "{county} has no outfalls to draw from (confirmed and not abolished); no {year} plan can be drawn",
        ),
        "plan.no_targets": (
            "{county}没有符合重点检查条件的排污口；请用 --outfalls 指定",
            "No outfall of {county} meets the targeting criteria; name them with --outfalls",
        ),
        "plan.bad_strata": (
            "未知的分层依据“{strata}”（可选：{options}）",
            "Unknown strata “{strata}” (choose {options})",
        ),
        "plan.count_and_fraction": (
            "--count 与 --fraction 只能给一个",
            "Give --count or --fraction, not both",
        ),
        "plan.size_needed": (
            "双随机抽查需给出 --count（数量）或 --fraction（比例）",
            "A double-random plan needs --count or --fraction",
        ),
        "plan.outfalls_only_targeted": (
            "--outfalls 只用于重点检查（--method targeted）",
            "--outfalls is only for targeted plans (--method targeted)",
        ),
        "plan.size_not_for_full": (
            "全覆盖计划包含全部排污口，不能给 --count 或 --fraction",
            "A full-coverage plan takes every outfall; --count and --fraction do not apply",
        ),
        "plan.options_not_for_full": (
            "全覆盖计划不能分层或指定排污口",
            "A full-coverage plan cannot be stratified or given outfalls",
        ),
        "plan.options_not_for_targeted": (
            "重点检查计划不能按比例抽取或分层（可用 --count 取优先级最高的若干个）",
            "A targeted plan takes no fraction or strata (--count takes the highest priorities)",
        ),
        "plan.outfall_other_county": (
            "排污口 {code} 不属于该县（市、区）",
            "Outfall {code} is in another county",
        ),
        "plan.outfall_not_eligible": (
            "排污口 {code} 状态为“{state}”，不能列入自查计划",
            "Outfall {code} is {state} and cannot be in a plan",
        ),
        "plan.draw.fraction_unreadable": (
            "无法识别的比例“{value}”（如 0.1、10% 或 1/10）",
            "“{value}” is not a fraction (e.g. 0.1, 10% or 1/10)",
        ),
        "plan.draw.fraction_range": (
            "比例“{value}”应大于 0 且不大于 1",
            "The fraction “{value}” must be above 0 and at most 1",
        ),
        "plan.draw.no_candidates": ("没有可抽取的排污口", "There are no outfalls to draw from"),
        "plan.draw.count_range": (
            "抽取数量 {count} 应至少为 1",
            "The count {count} must be at least 1",
        ),
        "plan.draw.count_too_large": (
            "抽取数量 {count} 超过可抽取的排污口数 {total}",
            "The count {count} exceeds the {total} outfalls there are to draw from",
        ),
        "plan.draw.duplicate_candidates": ("候选排污口有重复", "The candidates contain duplicates"),
        "plan.draw.pool_too_small": (
            "检查人员库只有 {size} 人，每个排污口需两名不同的检查人员",
            "The inspector pool has {size} people; every outfall needs two different inspectors",
        ),
        "plan.draw.too_few_eligible": (
            "排污口 {code} 扣除回避人员后只剩 {count} 名检查人员（{eligible}），需至少两名；请增加检查人员",
            "Outfall {code} has only {count} inspector(s) left after conflicts of interest ({eligible}); two are needed: add inspectors",
        ),
        "plan.draw.window_closed": (
            "应完成日期范围 {start} 至 {end} 无效：结束日期早于开始日期",
            "The due-date window {start} to {end} is empty: it ends before it starts",
        ),
        "plan.exists": (
            "{county} {year} 年已有{method}计划；如需重新抽取请加 --replace",
            "{county} already has a {year} plan by {method}; add --replace to draw it again",
        ),
        "plan.replace_fulfilled": (
            "原计划已有 {done} 个条目完成，不能替换",
            "The existing plan has {done} item(s) done already and cannot be replaced",
        ),
        "plan.not_found": ("找不到计划 {plan}", "No plan {plan}"),
        "plan.ambiguous": (
            "计划编号 {plan} 对应多个计划，请多写几位",
            "The plan id {plan} matches several plans; give more of it",
        ),
        "plan.id_too_short": (
            "计划编号 {plan} 太短，至少写 6 位",
            "The plan id {plan} is too short; give at least 6 characters",
        ),
        "plan.inputs_unusable": (
            "计划 {plan} 保存的抽取输入不完整，无法重新抽取",
            "The stored inputs of plan {plan} are incomplete; it cannot be re-drawn",
        ),
        "plan.inspection_not_found": ("找不到检查记录 {inspection}", "No inspection {inspection}"),
        "plan.item_not_found": ("找不到计划条目 {item}", "No plan item {item}"),
        "plan.item_needs_inspection": (
            "--item 需与 --inspection 一起使用",
            "--item needs --inspection",
        ),
        "plan.link_other_outfall": (
            "检查记录与计划条目不是同一个排污口",
            "The inspection is of another outfall than the plan item",
        ),
        "plan.item_cancelled": ("该计划条目已取消", "That plan item is cancelled"),
        "plan.item_taken": (
            "该计划条目已由另一条检查记录完成",
            "That plan item is already fulfilled by another inspection",
        ),
        "plan.reason_needed": ("需填写原因", "A reason is required"),
        "plan.owner_not_found": ("找不到责任主体“{owner}”", "No owner “{owner}”"),
        "plan.ambiguous_owner": (
            "“{owner}”对应多个责任主体，请用统一社会信用代码",
            "“{owner}” matches several owners; use the credit code",
        ),
        "plan.recusal_target": (
            "回避登记需指定一个排污口或一个责任主体（二选一）",
            "A declaration names one outfall or one owner",
        ),
        "plan.recusal_not_found": ("找不到回避登记 {recusal}", "No declaration {recusal}"),
        "plan.names_file_encoding": (
            "人员名单 {file} 不是 UTF-8 编码",
            "The name list {file} is not UTF-8",
        ),
    }
)

# -- plans: output -------------------------------------------------------------------------------
MESSAGES.update(
    {
        "plan.out.saved": ("已保存计划 {plan}", "Plan {plan} saved"),
        "plan.out.dry_run": ("试抽取（未保存）", "Trial draw (not saved)"),
        "plan.out.year": ("年度", "Year"),
        "plan.out.county": ("县（市、区）", "County"),
        "plan.out.method": ("方式", "Method"),
        "plan.out.seed": ("随机种子", "Seed"),
        "plan.out.algorithm": ("算法", "Algorithm"),
        "plan.out.size": ("抽取数量", "Sample"),
        "plan.out.count": ("{count} 个", "{count}"),
        "plan.out.fraction": ("比例 {fraction}", "fraction {fraction}"),
        "plan.out.all": ("全部", "all"),
        "plan.out.strata": ("分层", "Strata"),
        "plan.out.window": ("应完成日期", "Due dates"),
        "plan.out.candidates": ("候选排污口", "Candidates"),
        "plan.out.candidates_value": (
            "{count} 个（指纹 {digest}）",
            "{count} (fingerprint {digest})",
        ),
        "plan.out.pool": ("检查人员库", "Inspector pool"),
        "plan.out.allocation": ("各层数量", "Per stratum"),
        "plan.out.recusals": ("回避（人次）", "Recusals applied"),
        "plan.out.rerun": (
            "相同输入（含随机种子 {seed}）在任何机器上重新抽取结果相同；核对：inspector plan verify <计划编号>",
            "The same inputs (seed {seed}) give the same list on any machine; check with: inspector plan verify <plan id>",
        ),
        "plan.out.none": ("没有自查计划", "No plans"),
        "plan.out.heading": (
            "{year} 年 {county} {method}（随机种子 {seed}）",
            "{year} {county}, {method} (seed {seed})",
        ),
        "plan.out.progress": (
            "共 {items} 条，已完成 {done}，逾期 {overdue}，已取消 {cancelled}",
            "{items} items: {done} done, {overdue} overdue, {cancelled} cancelled",
        ),
        "plan.out.overdue_status": ("逾期", "Overdue"),
        "plan.out.verified": (
            "核对无误：重新抽取得到相同的 {count} 个条目",
            "Verified: the draw gives the same {count} items",
        ),
        "plan.out.verify_differs": (
            "与重新抽取结果不完全一致：{expected} 个中 {matching} 个相同，缺少 {missing}，多出 {extra}，改动 {changed}",
            "Differs from a fresh draw: {matching} of {expected} the same, {missing} missing, {extra} extra, {changed} changed",
        ),
        "plan.out.linked": (
            "已关联 {linked} 条检查记录；{reopened} 个条目恢复为待检查",
            "{linked} inspection(s) linked; {reopened} item(s) reopened",
        ),
        "plan.out.linked_one": ("已关联到计划条目 {item}", "Linked to plan item {item}"),
        "plan.out.linked_none": (
            "该检查记录不对应任何待检查的计划条目",
            "The inspection fulfils no pending plan item",
        ),
        "plan.out.published": (
            "已导出 {rows} 条抽查结果到 {file}",
            "Exported {rows} results to {file}",
        ),
        "plan.out.recused": (
            "已登记 {name} 的回避（{id}）",
            "Conflict of interest of {name} recorded ({id})",
        ),
        "plan.out.no_recusals": ("没有回避登记", "No declared conflicts of interest"),
        "plan.out.withdrawn": ("已撤销回避登记 {id}", "Declaration {id} withdrawn"),
        "plan.out.cancelled": ("已取消计划条目 {item}", "Plan item {item} cancelled"),
        "plan.col.no": ("序号", "No."),
        "plan.col.reasons": ("列入原因", "Why listed"),
        "plan.reason.violation": ("曾发现违法行为", "violation found before"),
        "plan.reason.follow_up": ("上次检查需跟进", "follow-up from the last inspection"),
        "plan.reason.overdue": ("整治逾期", "remediation overdue"),
        "plan.reason.uninspected": ("一年内未检查", "not inspected for a year"),
        "plan.reason.chosen": ("指定", "chosen"),
        "plan.col.due": ("应完成", "Due"),
        "plan.col.code": ("排污口编码", "Code"),
        "plan.col.name": ("排污口名称", "Name"),
        "plan.col.inspectors": ("检查人员", "Inspectors"),
        "plan.col.id": ("编号", "Id"),
        "plan.col.year": ("年度", "Year"),
        "plan.col.county": ("县（市、区）", "County"),
        "plan.col.method": ("方式", "Method"),
        "plan.col.items": ("条目", "Items"),
        "plan.col.done": ("已完成", "Done"),
        "plan.col.overdue": ("逾期", "Overdue"),
        "plan.col.share": ("完成率", "Done %"),
        "plan.col.published": ("公开日期", "Published"),
        "plan.col.status": ("状态", "Status"),
        "plan.col.inspected_on": ("检查日期", "Inspected"),
        "plan.col.inspector": ("人员", "Person"),
        "plan.col.target": ("回避对象", "Stands aside from"),
        "plan.col.reason": ("事由", "Reason"),
        "plan.col.declared_on": ("申报日期", "Declared"),
    }
)

# -- publication and the public list ---------------------------------------------------------
MESSAGES.update(
    {
        "publish.title": (
            "{year} 年{county}{method}结果公开",
            "{county} {year}: results of the {method}",
        ),
        "publish.cancelled": ("已取消", "Cancelled"),
        "publish.f.algorithm": ("抽取算法", "Draw algorithm"),
        "publish.f.seed": ("随机种子", "Random seed"),
        "publish.f.drawn_on": ("抽取日期", "Drawn on"),
        "publish.f.candidates": ("候选排污口", "Outfalls drawn from"),
        "publish.pending": ("尚未检查", "Not yet inspected"),
        "publish.violation": ("发现违法行为：{violation}", "Violation found: {violation}"),
        "publish.follow_up": ("发现问题，正在跟进处理", "Problem found; being followed up"),
        "publish.no_problem": ("未发现问题", "No problem found"),
        "publish.col.no": ("序号", "No."),
        "publish.col.code": ("排污口编码", "Outfall code"),
        "publish.col.name": ("排污口名称", "Outfall name"),
        "publish.col.township": ("乡镇（街道）", "Township"),
        "publish.col.river": ("受纳水体", "Receiving water"),
        "publish.col.owner": ("责任主体", "Owner"),
        "publish.col.due": ("计划完成日期", "Due"),
        "publish.col.inspected_on": ("检查日期", "Inspected on"),
        "publish.col.result": ("检查结果", "Result"),
        "public.title": ("入河排污口信息公开清单", "Public list of river outfalls"),
        "public.traced": ("已明确责任主体", "Owner identified"),
        "public.traced_backstop": (
            "未查明排放主体，由政府兜底",
            "No emitter found; the government answers",
        ),
        "public.not_traced": ("溯源中", "Being traced"),
        "public.retest_passed": ("复测达标", "Re-test passed"),
        "public.retest_failed": ("复测未达标", "Re-test failed"),
        "public.col.code": ("排污口编码", "Outfall code"),
        "public.col.name": ("排污口名称", "Outfall name"),
        "public.col.county": ("县（市、区）", "County"),
        "public.col.township": ("乡镇（街道）", "Township"),
        "public.col.river": ("受纳水体", "Receiving water"),
        "public.col.category": ("排污口类型", "Category"),
        "public.col.lon": ("经度", "Longitude"),
        "public.col.lat": ("纬度", "Latitude"),
        "public.col.state": ("状态", "State"),
        "public.col.tracing": ("溯源情况", "Tracing"),
        "public.col.owner": ("责任主体", "Owner"),
        "public.col.credit_code": ("统一社会信用代码", "Credit code"),
        "public.col.measure": ("整治类型", "Remediation measure"),
        "public.col.deadline": ("整治时限", "Deadline"),
        "public.col.progress": ("整治进展", "Progress"),
        "public.col.retest": ("整治成效", "Result"),
        "public.col.pre_closed_on": ("县级预销号日期", "County pre-closing"),
        "public.col.closed_on": ("市级销号日期", "City closing"),
        "report.table_format": (
            "无法写出 {file}，支持的格式：{formats}",
            "Cannot write {file}; formats: {formats}",
        ),
        "report.document_format": (
            "无法写出 {file}，支持的格式：{formats}",
            "Cannot write {file}; formats: {formats}",
        ),
    }
)

# -- reports -------------------------------------------------------------------------------------
MESSAGES.update(
    {
        "cmd.report": (
            "进度、年度与自查报告、信息公开清单",
            "progress, yearly and self-inspection reports, the public list",
        ),
        "cmd.report.progress": ("对照年度目标的进度", "progress against the year's targets"),
        "cmd.report.progress_long": (
            "按县（市、区）和受纳水体统计已排查、已溯源、已整治、已销号的比例，对照当年目标；列出逾期整治，并按近期进度推算到年底的完成情况。",
            "Shares investigated, traced, remediated and closed per county and per river against the year's targets; overdue remediations; and where the recent pace leads by 31 December.",
        ),
        "cmd.report.year_default": ("年度（默认今年）", "the year (default this year)"),
        "cmd.report.year": ("年度", "the year"),
        "cmd.report.city": (
            "城市名称或代码（默认本机所属城市）",
            "city name or code (default: this replica's city)",
        ),
        "cmd.report.county": ("只报告该县（市、区）", "report on this county only"),
        "cmd.report.window": (
            "推算进度所用的近期天数（默认 90）",
            "days of recent work the pace is measured over (default 90)",
        ),
        "cmd.report.annual": (
            "年度工作情况报告（1 月 10 日前报送）",
            "the yearly work report (due 10 January)",
        ),
        "cmd.report.annual_long": (
            "生成某年度的入河排污口工作情况报告（次年 1 月 10 日前报送）：总体情况、目标完成进度、自查计划完成情况、发现的违法行为、整治销号情况。输出 Markdown 和 XLSX（含图表）。",
            "Write the yearly outfall work report (due 10 January of the next year): counts, progress against targets, inspections against plan, violations found, remediations closed. Markdown and XLSX (with charts).",
        ),
        "cmd.report.out": (
            "输出文件名（不含扩展名；同时写出 .md 和 .xlsx）",
            "output path without extension (.md and .xlsx are both written)",
        ),
        "cmd.report.self_inspection": (
            "自查报告（半年 6 月 30 日、年度 12 月 20 日前报送）",
            "self-inspection report (half-year due 30 June, yearly due 20 December)",
        ),
        "cmd.report.self_inspection_long": (
            "生成自查报告：--half 1 为半年报告（1 月 1 日至 6 月 30 日），--half 2 为年度报告（1 月 1 日至 12 月 20 日）。输出 Markdown 和 XLSX（含图表）。",
            "Write a self-inspection report: --half 1 for the half-year (1 January to 30 June), --half 2 for the year (1 January to 20 December). Markdown and XLSX (with charts).",
        ),
        "cmd.report.half": (
            "1 半年报告，2 年度报告",
            "1 for the half-year report, 2 for the yearly one",
        ),
        "cmd.report.public": (
            "信息公开清单（不含个人信息）",
            "the public list (no personal data)",
        ),
        "cmd.report.public_long": (
            "导出入河排污口信息公开清单：排污口、责任主体（仅单位）、整治类型、进展与成效、销号日期；不含个人姓名、电话和任何自由填写的文字。与 ledger export --public（去除个人信息的台账，可重新导入）不同，这是对外公布的清单。",
            "Export the public list: outfalls, owners (organisations only), remediation measures, progress and results, closing dates; no personal names, phone numbers or free text. Unlike ledger export --public (the register without personal data, re-importable), this is the list a county posts.",
        ),
        "cmd.report.public_file": (
            "输出文件（.csv、.xlsx 或 .md）",
            "output file (.csv, .xlsx or .md)",
        ),
        "report.unknown_city": ("未知的城市“{city}”", "Unknown city “{city}”"),
        "report.bad_window": (
            "推算天数 {days} 应至少为 1",
            "The pace window of {days} days must be at least 1",
        ),
        "report.bad_half": (
            "--half 应为 1（半年）或 2（年度），不是 {half}",
            "--half must be 1 (half-year) or 2 (year), not {half}",
        ),
        "report.all_regions": ("全部地区", "All regions"),
        "report.written": ("已写出 {file}", "Wrote {file}"),
        "report.public_written": (
            "已导出 {rows} 个排污口到 {file}",
            "Exported {rows} outfalls to {file}",
        ),
        "metric.investigated": ("排查", "Investigated"),
        "metric.traced": ("溯源", "Traced"),
        "metric.remediated": ("整治", "Remediated"),
        "metric.closed": ("销号", "Closed"),
        "report.progress.heading": (
            "{scope} {year} 年进度（截至 {today}）",
            "{scope}, progress in {year} (as of {today})",
        ),
        "report.progress.targets": ("年度目标：{targets}", "Targets for the year: {targets}"),
        "report.progress.behind_note": ("▼ 低于年度目标", "▼ short of the year's target"),
        "report.overall": ("合计", "All"),
        "report.pace.heading": (
            "按近 {days} 天的进度推算至 {deadline}：",
            "At the pace of the last {days} days, by {deadline}:",
        ),
        "report.pace.line": (
            "{metric}：每月约 {per_month} 个，预计达到 {projected}",
            "{metric}: about {per_month} a month, reaching {projected}",
        ),
        "report.pace.on_course": (
            "，可完成目标 {target}",
            "; on course for the target of {target}",
        ),
        "report.pace.behind": (
            "，达不到目标 {target}（需每月 {needed} 个；按当前进度于 {reach} 达到）",
            "; short of the target of {target} (needs {needed} a month; at this pace reached on {reach})",
        ),
        "report.pace.never": (
            "，达不到目标 {target}（需每月 {needed} 个；按当前进度无法达到）",
            "; short of the target of {target} (needs {needed} a month; this pace never gets there)",
        ),
        "report.overdue.heading": ("逾期整治 {count} 个", "{count} remediations overdue"),
        "report.col.outfalls": ("排污口数", "Outfalls"),
        "report.col.county": ("县（市、区）", "County"),
        "report.col.river": ("受纳水体", "River"),
        "report.col.code": ("排污口编码", "Code"),
        "report.col.name": ("排污口名称", "Name"),
        "report.col.deadline": ("整治时限", "Deadline"),
        "report.col.days": ("逾期天数", "Days late"),
        "report.col.task_source": ("任务来源", "Task source"),
        "report.col.count": ("数量", "Count"),
        "report.col.violation": ("违法行为", "Violation"),
        "report.col.date": ("日期", "Date"),
        "report.col.description": ("情况说明", "Description"),
        "report.col.method": ("方式", "Method"),
        "report.col.items": ("计划条目", "Items"),
        "report.col.due": ("应完成", "Due"),
        "report.col.done": ("已完成", "Done"),
        "report.col.on_time": ("按时完成", "On time"),
        "report.col.overdue": ("逾期未完成", "Overdue"),
        "report.col.cancelled": ("已取消", "Cancelled"),
        "report.col.share": ("完成率", "Done %"),
        "report.col.metric": ("指标", "Milestone"),
        "report.col.at_start": ("期初", "At start"),
        "report.col.at_end": ("期末", "At end"),
        "report.col.in_period": ("本期新增", "In period"),
        "report.col.target": ("目标", "Target"),
        "report.col.met": ("是否达标", "Met"),
        "report.col.measure": ("整治类型", "Measure"),
        "report.col.pre_closed_on": ("县级预销号", "County pre-closing"),
        "report.col.closed_on": ("市级销号", "City closing"),
        "report.col.item": ("项目", "Item"),
        "report.col.finding": ("发现的问题", "Finding"),
        "report.total": ("合计", "Total"),
        "report.yes": ("是", "yes"),
        "report.no": ("否", "no"),
        "report.month": ("{year}年{month}月", "{year}-{month:02d}"),
        "report.s.planned": ("计划内检查", "Planned"),
        "report.s.other": ("其他检查", "Other"),
        "report.s.reached": ("实际", "Reached"),
        "report.s.target": ("目标", "Target"),
        "report.t.inspections_by_source": ("按任务来源统计的检查", "Inspections by task source"),
        "report.c.inspections_by_month": ("每月检查次数", "Inspections per month"),
        "report.t.violations_by_type": ("发现的违法行为（按类型）", "Violations found, by type"),
        "report.t.violations": ("违法行为清单", "Violations found"),
        "report.t.plans": ("自查计划完成情况", "Self-inspection plans"),
        "report.c.plan_fulfilment": ("自查计划完成率", "Plan items due that were done"),
        "report.t.progress": ("目标完成进度", "Progress against targets"),
        "report.c.shares_vs_targets": (
            "完成比例与年度目标",
            "Shares reached and the year's targets",
        ),
        "report.t.progress_by_county": (
            "各县（市、区）完成比例（期末）",
            "Shares by county (at the end)",
        ),
        "report.c.remediated_by_county": (
            "各县（市、区）整治完成比例",
            "Share remediated by county",
        ),
        "report.t.closed_by_measure": (
            "本期销号（按整治类型）",
            "Closed in the period, by measure",
        ),
        "report.t.closed": ("本期销号清单", "Remediations closed in the period"),
        "report.t.overdue": ("截至 {date} 逾期未完成的整治", "Remediations overdue on {date}"),
        "report.t.summary": ("总体情况", "Summary"),
        "report.k.outfalls": (
            "排污口总数（期末，不含非排污口）",
            "Outfalls at the end (rejected points excluded)",
        ),
        "report.k.new_outfalls": ("本期新增排污口", "Outfalls added in the period"),
        "report.k.inspections": ("检查次数", "Inspections"),
        "report.k.planned_inspections": ("其中完成自查计划条目", "of which fulfilling plan items"),
        "report.k.violations": ("发现违法行为", "Violations found"),
        "report.k.closed": ("市级销号", "Closed by the city"),
        "report.k.overdue": ("逾期未完成整治", "Remediations overdue"),
        "report.k.flowing": ("检查时正在排放", "Discharging when inspected"),
        "report.k.suspicion": ("综合判断：{level}", "Overall: {level}"),
        "report.k.signage_absent": ("标志牌缺失", "Sign board absent"),
        "report.k.signage_damaged": ("标志牌损坏", "Sign board damaged"),
        "report.k.follow_up": ("需后续处理", "Follow-up needed"),
        "report.c.suspicion": ("检查综合判断", "Overall characterisation"),
        "report.t.findings": ("检查发现", "Findings"),
        "report.t.follow_ups": ("需跟进的问题", "Findings to follow up"),
        "report.f.scope": ("范围", "Scope"),
        "report.f.period": ("统计期间", "Period"),
        "report.f.due": ("报送期限", "Due"),
        "report.f.as_of": ("数据截至", "Figures as of"),
        "report.f.made": ("生成时间", "Made"),
        "report.annual.title": (
            "{scope}{year}年度入河排污口排查整治工作情况",
            "{scope}: outfall supervision in {year}",
        ),
        "report.annual.lead": (
            "{year} 年，{scope}登记入河排污口 {outfalls} 个，开展检查 {inspections} 次，发现违法行为 {violations} 起，市级销号 {closed} 个。",
            "In {year}, {scope} had {outfalls} outfalls on its register, made {inspections} inspections, found {violations} violations and had {closed} remediations closed by the city.",
        ),
        "report.s1.summary": ("一、总体情况", "1. Summary"),
        "report.s2.progress": ("二、目标完成进度", "2. Progress against targets"),
        "report.s3.inspections": ("三、检查开展情况", "3. Inspections"),
        "report.s4.violations": ("四、发现的违法行为", "4. Violations found"),
        "report.s5.remediation": ("五、整治与销号", "5. Remediation and closing"),
        "report.self.s1": ("一、自查计划执行情况", "1. Self-inspection plans"),
        "report.self.s2": ("二、检查开展情况", "2. Inspections"),
        "report.self.s3": ("三、检查发现与跟进", "3. Findings and follow-up"),
        "report.self.s4": ("四、目标完成进度", "4. Progress against targets"),
        "report.half.first": ("上半年", "half-year"),
        "report.half.year": ("年度", "yearly"),
        "report.self.title": (
            "{scope}{year}年{kind}入河排污口自查报告",
            "{scope}: {kind} self-inspection report {year}",
        ),
        "report.self.lead": (
            "本期共有自查计划 {plans} 个，应完成条目 {due} 个，已按期完成 {done} 个；开展检查 {inspections} 次。",
            "{plans} plan(s) in the period: {due} items due, {done} of them done in the period; {inspections} inspections made.",
        ),
    }
)

# -- incidents -----------------------------------------------------------------------------------
MESSAGES.update(
    {
        "input.invalid": ("{detail}", "{detail}"),
        "cmd.incident": (
            "跨界突发水污染事件及下游通报",
            "cross-boundary incidents and downstream notices",
        ),
        "cmd.incident.record": ("登记突发水污染事件", "record a pollution incident"),
        "cmd.incident.record_long": (
            "登记发生在某排污口或某河段的突发水污染事件，并根据参考数据列出该河流下游需通报的地区（以待通报记录保存，随同步包传递）。",
            "Record a pollution incident at an outfall or on a river; the regions downstream on that river are listed from the reference data as notices still to make (they travel in bundles).",
        ),
        "cmd.incident.river": (
            "河流（给出排污口时可省略）",
            "river (may be left out when --outfall is given)",
        ),
        "cmd.incident.outfall": ("排污口编码", "outfall code"),
        "cmd.incident.region": (
            "事发地区（未给出排污口时必填）",
            "region where it happened (required without --outfall)",
        ),
        "cmd.incident.at": (
            "发生时间，如 2026-11-20 14:30（本地时间）",
            "when, e.g. 2026-11-20 14:30 (local time)",
        ),
        "cmd.incident.description": ("事件描述", "what happened"),
        "cmd.incident.reported_by": ("报告人", "who reported it"),
        "cmd.incident.notify": ("登记一次下游通报", "record a notification made"),
        "cmd.incident.id": (
            "事件编号（或其前 6 位以上）",
            "incident id (or its first 6+ characters)",
        ),
        "cmd.incident.notified": ("被通报的地区", "region notified"),
        "cmd.incident.by": ("通报人", "who notified"),
        "cmd.incident.method": (
            "通报方式：phone 电话、fax 传真、letter 公函、email 电子邮件、platform 信息平台、in_person 当面、other 其他",
            "how: phone, fax, letter, email, platform, in_person or other",
        ),
        "cmd.incident.notified_at": ("通报时间（默认现在）", "when notified (default now)"),
        "cmd.incident.notes": ("备注", "notes"),
        "cmd.incident.list": ("列出突发事件", "list incidents"),
        "cmd.incident.open": (
            "只列出尚有下游未通报的事件",
            "only incidents with notices still to make",
        ),
        "cmd.incident.show": ("显示一个事件及其通报情况", "show an incident and its notices"),
        "incident.bad_time": (
            "无法识别的时间“{value}”（{field}）",
            "“{value}” is not a date and time ({field})",
        ),
        "incident.description_needed": ("需填写事件描述", "A description is required"),
        "incident.unknown_river": ("未知的河流“{river}”", "Unknown river “{river}”"),
        "incident.unknown_region": ("未知的地区“{region}”", "Unknown region “{region}”"),
        "incident.other_river": (
            "排污口 {code} 排入{river}，与所给河流不符",
            "Outfall {code} discharges into {river}, not the river given",
        ),
        "incident.other_region": (
            "排污口 {code} 不在“{region}”",
            "Outfall {code} is not in “{region}”",
        ),
        "incident.river_needed": ("需给出河流或排污口", "Give the river or the outfall"),
        "incident.region_needed": ("需给出事发地区或排污口", "Give the region or the outfall"),
        "incident.region_not_on_river": (
            "参考数据中{river}不流经“{region}”",
            "In the reference data, the {river} does not flow through “{region}”",
        ),
        "incident.bad_method": (
            "未知的通报方式“{method}”（可选：{options}）",
            "Unknown method “{method}” (choose {options})",
        ),
        "incident.not_found": ("找不到事件 {incident}", "No incident {incident}"),
        "incident.ambiguous": (
            "事件编号 {incident} 对应多个事件，请多写几位",
            "The id {incident} matches several incidents; give more of it",
        ),
        "incident.id_too_short": (
            "事件编号 {incident} 太短，至少写 6 位",
            "The id {incident} is too short; give at least 6 characters",
        ),
        "incident.who_needed": ("需填写通报人", "Say who made the notification"),
        "incident.out.heading": (
            "事件 {id}：{river}，{region}，{at}",
            "Incident {id}: {river}, {region}, {at}",
        ),
        "incident.out.outfall": ("排污口：{code}", "Outfall: {code}"),
        "incident.out.no_downstream": (
            "参考数据中该河流在此地区以下没有其他地区，无需跨界通报",
            "No region lies downstream of it on this river in the reference data: nobody to notify",
        ),
        "incident.out.to_notify": ("需通报下游：{regions}", "To notify downstream: {regions}"),
        "incident.out.pending": ("待通报", "not yet"),
        "incident.out.none": ("没有突发事件记录", "No incidents"),
        "incident.col.region": ("下游地区", "Region"),
        "incident.col.when": ("通报时间", "Notified"),
        "incident.col.by": ("通报人", "By"),
        "incident.col.method": ("方式", "How"),
        "incident.col.notes": ("备注", "Notes"),
        "incident.col.id": ("编号", "Id"),
        "incident.col.occurred": ("发生时间", "Occurred"),
        "incident.col.river": ("河流", "River"),
        "incident.col.where": ("事发地区", "Where"),
        "incident.col.outfall": ("排污口", "Outfall"),
        "incident.col.notified": ("已通报", "Notified"),
        "incident.col.pending": ("待通报", "Pending"),
    }
)

# -- plans: the Plans section of the terminal UI -----------------------------------------------
MESSAGES.update(
    {
        "nav.plans": ("计划", "Plans"),
        "pui.tab.plans": ("自查计划", "Plans"),
        "pui.tab.progress": ("进度", "Progress"),
        "pui.tab.assessment": ("考核", "Assessment"),
        "pui.tab.incidents": ("突发事件", "Incidents"),
        "pui.key.draw": ("抽取计划", "Draw plan"),
        "pui.key.cancel_item": ("取消条目", "Cancel item"),
        "pui.key.verify": ("复核抽取", "Verify draw"),
        "pui.key.annual": ("年度报告", "Annual report"),
        "pui.key.half": ("半年报告", "Half-year report"),
        "pui.key.public": ("公开清单", "Public list"),
        "pui.key.score": ("录入得分", "Enter score"),
        "pui.key.prev_month": ("上月", "Previous month"),
        "pui.key.next_month": ("下月", "Next month"),
        "pui.key.incident": ("登记事件", "Record incident"),
        "pui.key.notify": ("登记通报", "Record notice"),
        "pui.plans.none": (
            "还没有自查计划。按 d 抽取本年度计划。",
            "No self-inspection plans yet. Press d to draw this year's plan.",
        ),
        "pui.plans.items_of": (
            "{year} 年 {county}（{method}）：{done}/{items} 已完成，逾期 {overdue}，取消 {cancelled}，种子 {seed}",
            "{year} {county} ({method}): {done}/{items} done, {overdue} overdue, {cancelled} cancelled, seed {seed}",
        ),
        "pui.plans.hint": (
            "回车打开排污口；x 取消条目；v 复核抽取；p 公开抽查结果。",
            "Enter opens the outfall; x cancels an item; v verifies the draw; p publishes the results.",
        ),
        "pui.col.state": ("状态", "State"),
        "pui.state.overdue": ("逾期", "Overdue"),
        "pui.no_plan": ("请先选择一个计划。", "Choose a plan first."),
        "pui.no_item": ("请先选择一个计划条目。", "Choose a plan item first."),
        "pui.item_not_pending": (
            "该条目已{status}，不能取消。",
            "This item is already {status}; it cannot be cancelled.",
        ),
        "pui.cancelled": ("已取消条目：{code}。", "Item cancelled: {code}."),
        "pui.drawn": (
            "已保存计划：{count} 个排污口，种子 {seed}。",
            "Plan saved: {count} outfalls, seed {seed}.",
        ),
        "pui.verified": (
            "复核一致：用保存的种子和输入重新抽取，{count} 个条目完全相同。",
            "Verified: drawn again from the stored seed and inputs, all {count} items are the same.",
        ),
        "pui.verify_differs": (
            "复核不一致：{expected} 个中 {matching} 个相同，缺少 {missing} 个，多出 {extra} 个，人员或日期不同 {changed} 个。",
            "The draw differs: {matching} of {expected} match, {missing} missing, {extra} extra, {changed} with other inspectors or dates.",
        ),
        "pui.draw.title": ("抽取年度自查计划", "Draw a self-inspection plan"),
        "pui.draw.intro": (
            "与 inspector plan draw 的输入相同。第一次保存显示抽取结果，确认无误后再次保存。",
            "The same inputs as inspector plan draw. The first save shows the drawn list; save again to keep it.",
        ),
        "pui.draw.save": ("抽取", "Draw"),
        "pui.draw.keep": ("保存计划", "Keep this plan"),
        "pui.draw.year": ("年度", "Year"),
        "pui.draw.county": ("县（市、区）", "County"),
        "pui.draw.method": ("方式", "Method"),
        "pui.draw.count": ("抽取数量", "Count"),
        "pui.draw.fraction": ("或抽取比例", "Or fraction"),
        "pui.draw.strata": ("分层", "Strata"),
        "pui.draw.inspectors": ("检查人员名单", "Inspector pool"),
        "pui.draw.inspectors_hint": (
            "以顿号或逗号分隔，至少两人",
            "separated by commas; two at least",
        ),
        "pui.draw.seed": ("随机种子", "Seed"),
        "pui.draw.seed_hint": (
            "留空则自动生成；种子与全部输入随计划保存。",
            "Left blank, one is made; the seed and every input are kept with the plan.",
        ),
        "pui.draw.drawn": (
            "抽取结果：{candidates} 个候选中抽取 {count} 个（{method}），种子 {seed}",
            "Drawn: {count} of {candidates} candidates ({method}), seed {seed}",
        ),
        "pui.strata.category": ("按类别", "By category"),
        "pui.strata.river": ("按河流", "By river"),
        "pui.cancel.title": ("取消计划条目", "Cancel a plan item"),
        "pui.cancel.save": ("取消该条目", "Cancel the item"),
        "pui.cancel.intro": (
            "{item} 将从计划中取消，原因随条目保存。",
            "{item} is taken out of the plan; the reason is kept with it.",
        ),
        "pui.cancel.reason": ("原因", "Reason"),
        "pui.report.annual_title": ("年度工作情况报告", "Annual report"),
        "pui.report.half_title": ("半年自查报告", "Self-inspection report"),
        "pui.report.public_title": ("排污口信息公开清单", "Public list of outfalls"),
        "pui.report.intro": (
            "写出 Markdown 和 XLSX 两个文件，路径不含扩展名。",
            "Writes a Markdown and an XLSX file; give the path without its extension.",
        ),
        "pui.report.public_intro": (
            "只含单位名称，不含个人姓名和电话。扩展名 .csv 或 .xlsx。",
            "Organisations only, no personal names or phone numbers. Extension .csv or .xlsx.",
        ),
        "pui.report.year": ("年度", "Year"),
        "pui.report.county": ("县（市、区）", "County"),
        "pui.report.county_hint": ("留空则为全市", "Blank: the whole city"),
        "pui.report.half": ("半年", "Half"),
        "pui.report.half1": ("上半年（6月30日前报送）", "First half (due 30 June)"),
        "pui.report.half2": ("全年（12月20日前报送）", "Whole year (due 20 December)"),
        "pui.report.path": ("保存到", "Save to"),
        "pui.report.write": ("写出", "Write"),
        "pui.report.writing": ("正在写出 {file}……", "Writing {file}…"),
        "pui.report.building": ("正在汇总数据……", "Gathering the figures…"),
        "pui.report.written": ("已写出：{files}", "Written: {files}"),
        "pui.report.public_written": (
            "已写出公开清单：{rows} 行，{file}",
            "Public list written: {rows} rows, {file}",
        ),
        "pui.progress.reached": (
            "{metric}目标 {target} 已经达到。",
            "The {metric} target of {target} is already reached.",
        ),
        "pui.progress.never": (
            "按当前进度，{metric}目标 {target} 无法达到（需每月 {needed} 个）。",
            "At the present pace the {metric} target of {target} is never reached (needs {needed} a month).",
        ),
        "pui.progress.no_target": (
            "{metric}：每月约 {per_month} 个，未设目标。",
            "{metric}: about {per_month} a month; no target set.",
        ),
        "pui.incidents.none": ("没有登记的突发事件。", "No incidents recorded."),
        "pui.incidents.notices": ("下游通报", "Downstream notices"),
        "pui.incidents.no_incident": ("请先选择一个事件。", "Choose an incident first."),
        "pui.incidents.all_notified": (
            "该事件的下游地区均已通报。",
            "Every region downstream has been told of this incident.",
        ),
        "pui.incident.title": ("登记突发水污染事件", "Record a pollution incident"),
        "pui.incident.outfall": ("排污口编码", "Outfall code"),
        "pui.incident.at_hint": (
            "本地时间，如 2026-11-17 06:20",
            "Local time, as 2026-11-17 06:20",
        ),
        "pui.incident.recorded": (
            "已登记事件；待通报下游地区：{regions}",
            "Incident recorded; regions downstream to notify: {regions}",
        ),
        "pui.incident.recorded_none": (
            "已登记事件；下游没有需要通报的地区。",
            "Incident recorded; no region downstream to notify.",
        ),
        "pui.notice.title": ("登记下游通报", "Record a notice downstream"),
        "pui.notice.recorded": ("已登记通报。", "Notice recorded."),
        "dash.plan_items": ("本月到期的计划条目", "Plan items due this month"),
        "dash.plan_items.count": (
            "月底前应完成 {count} 个（其中逾期 {overdue} 个）",
            "{count} due by the end of the month ({overdue} of them overdue)",
        ),
        "dash.plan_items.none": ("本月没有到期的计划条目。", "No plan items due this month."),
        "dash.plan_items.more": ("另有 {count} 个……", "{count} more…"),
    }
)
MESSAGES.update(
    {
        "pui.progress.now": ("目前", "Now"),
        "pui.progress.projected": ("12月31日预计", "Projected to 31 December"),
    }
)
MESSAGES.update({})
MESSAGES.update(
    {
        "pui.progress.pace_title": ("按当前进度推算", "Where the present pace leads"),
        "pui.progress.reach": (
            "按当前进度，{metric}目标 {target} 将于 {reach} 达到。",
            "At the present pace the {metric} target of {target} is reached on {reach}.",
        ),
    }
)
MESSAGES["pui.progress.milestone"] = ("指标", "Milestone")
MESSAGES.update(
    {
        "pui.key.next_tab": ("下一个标签页", "Next tab"),
        "pui.key.prev_tab": ("上一个标签页", "Previous tab"),
    }
)
# -- plans UI: publishing results, recusals, the assessment export -----------------------------
MESSAGES.update(
    {
        "pui.key.publish": ("公开结果", "Publish results"),
        "pui.key.recuse": ("登记回避", "Declare recusal"),
        "pui.key.withdraw": ("撤销回避", "Withdraw recusal"),
        "pui.key.export_card": ("导出考核", "Export scorecard"),
        "pui.tab.recusals": ("回避", "Recusals"),
        "pui.publish.title": ("公开抽查结果", "Publish a plan's results"),
        "pui.publish.intro": (
            "{year} 年 {county}（{method}）：{items} 个条目，已完成 {done} 个。\n"
            "结果清单不含检查人员姓名；写出后记录公开日期。扩展名 .xlsx、.csv 或 .md。",
            "{year} {county} ({method}): {items} items, {done} done.\n"
            "The list names no inspector; writing it records the date of publication. "
            "Extension .xlsx, .csv or .md.",
        ),
        "pui.publish.pending": (
            "尚有 {pending} 个条目未检查，将公开为“尚未检查”。",
            "{pending} items are not yet inspected; they are published as such.",
        ),
        "pui.publish.again": (
            "该计划已于 {date} 公开过；再次写出将更新公开日期。",
            "This plan was published on {date}; writing it again updates the date.",
        ),
        "pui.publish.save": ("公开", "Publish"),
        "pui.publish.written": (
            "已公开 {rows} 条抽查结果：{file}",
            "{rows} results published: {file}",
        ),
        "pui.recusals.heading": (
            "回避登记：{count} 条。抽取计划时，不会把人员分配到其回避的排污口。",
            "Declared conflicts of interest: {count}. A draw never assigns a person to what they stand aside from.",
        ),
        "pui.recusals.none": (
            "没有回避登记。按 c 登记一条。",
            "No declared conflicts of interest. Press c to declare one.",
        ),
        "pui.recusals.hint": (
            "回车打开排污口；c 登记回避；w 撤销所选登记（历史记录保留）。",
            "Enter opens the outfall; c declares a conflict of interest; w withdraws the one highlighted (its history is kept).",
        ),
        "pui.recusals.col.kind": ("类型", "Kind"),
        "pui.recusals.kind.outfall": ("排污口", "Outfall"),
        "pui.recusals.kind.owner": ("责任主体", "Owner"),
        "pui.recusals.no_recusal": ("请先选择一条回避登记。", "Choose a declaration first."),
        "pui.recuse.title": ("登记回避（利益冲突）", "Declare a conflict of interest"),
        "pui.recuse.intro": (
            "与 inspector plan recuse 相同。\n排污口编码和责任主体二者填一项；"
            "责任主体可填统一社会信用代码或全称，涵盖其名下全部排污口。",
            "As inspector plan recuse.\nGive an outfall code or an owner, not both; an owner "
            "(credit code or full name) covers every outfall it is responsible for.",
        ),
        "pui.recuse.outfall": ("排污口编码", "Outfall code"),
        "pui.recuse.owner": ("责任主体", "Owner"),
        "pui.recuse.owner_hint": (
            "统一社会信用代码或单位全称",
            "Unified social credit code or full name",
        ),
        "pui.recuse.recorded": (
            "已登记 {name} 的回避。",
            "Conflict of interest of {name} recorded.",
        ),
        "pui.withdraw.title": ("撤销回避登记", "Withdraw a declaration"),
        "pui.withdraw.intro": (
            "撤销 {name} 对 {target} 的回避登记。撤销后登记历史仍保留。",
            "Withdraw {name}'s declaration on {target}. Its history is kept.",
        ),
        "pui.withdraw.save": ("撤销", "Withdraw"),
        "pui.withdraw.reason": ("撤销原因", "Reason"),
        "pui.withdraw.done": (
            "已撤销 {name} 的回避登记。",
            "Declaration of {name} withdrawn.",
        ),
        "pui.export_card.title": ("导出年度考核", "Export the year's assessment"),
        "pui.export_card.intro": (
            "与 inspector assess export 相同：全年得分、月度排名及后果。扩展名 .xlsx 或 .md。",
            "As inspector assess export: the year's scores, the monthly ranking and its "
            "consequences. Extension .xlsx or .md.",
        ),
        "pui.export_card.city": ("市", "City"),
        "pui.export_card.city_hint": ("留空则为全部地区", "Blank: every region"),
    }
)
