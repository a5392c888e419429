"""Messages of the assessment (考核): the scheme and its card, county and department
scores, adjustments and exclusions, what a year brings, complaints, and the quarterly and
half-year reports."""

from __future__ import annotations

_FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "assessment_entry": {
        "county_code": ("县（市、区）", "County"),
        "year": ("年度", "Year"),
        "month": ("月份", "Month"),
        "item": ("考核项目", "Item"),
        "score": ("得分", "Score"),
        "basis": ("依据", "Basis"),
        "cause": ("调整原因", "Cause"),
        "entered_by": ("录入人", "Entered by"),
        "entered_at": ("录入时间", "Entered at"),
        "deleted": ("已删除", "Deleted"),
    },
    "department_entry": {
        "city_code": ("市", "City"),
        "year": ("年度", "Year"),
        "department": ("部门", "Department"),
        "part": ("考核部分", "Part"),
        "score": ("得分", "Score"),
        "basis": ("依据", "Basis"),
        "cause": ("调整原因", "Cause"),
        "entered_by": ("录入人", "Entered by"),
        "entered_at": ("录入时间", "Entered at"),
        "deleted": ("已删除", "Deleted"),
    },
    "complaint": {
        "county_code": ("县（市、区）", "County"),
        "outfall_id": ("排污口", "Outfall"),
        "received_on": ("受理日期", "Received on"),
        "channel": ("举报方式", "Channel"),
        "content": ("举报内容", "What it says"),
        "complainant": ("举报人", "Complainant"),
        "contact": ("联系方式", "Contact"),
        "due_on": ("办结期限", "Due on"),
        "answered_on": ("办结日期", "Answered on"),
        "answer": ("办理结果", "Answer"),
        "answered_by": ("办理人", "Answered by"),
        "inspection_id": ("核查检查记录", "Inspection that answered it"),
        "deleted": ("已删除", "Deleted"),
    },
    "progress_report": {
        "city_code": ("市", "City"),
        "unit": ("成员单位", "Member unit"),
        "county_code": ("县（市、区）", "County"),
        "year": ("年度", "Year"),
        "quarter": ("季度", "Quarter"),
        "submitted_on": ("报送日期", "Submitted on"),
        "summary": ("工作进展", "Progress"),
        "projects_planned": ("计划项目数", "Projects planned"),
        "projects_done": ("完成项目数", "Projects done"),
        "funds_planned": ("计划资金（万元）", "Funds planned (10,000 yuan)"),
        "funds_spent": ("到位资金（万元）", "Funds spent (10,000 yuan)"),
        "entered_by": ("录入人", "Entered by"),
        "deleted": ("已删除", "Deleted"),
    },
}

MESSAGES: dict[str, tuple[str, str]] = {
    f"field.{table}.{name}": pair
    for table, fields in _FIELDS.items()
    for name, pair in fields.items()
}
MESSAGES.update(
    {
        "entity.department_entry": ("部门考核录入", "Department assessment entry"),
        "entity.complaint": ("公众举报", "Public complaint"),
        "entity.progress_report": ("季度进展报告", "Quarterly progress report"),
    }
)

# -- the scheme (the 附件1 card) ----------------------------------------------------------------
MESSAGES.update(
    {
        "assess.scheme.invalid": (
            "考核细则文件 {file} 不能使用：{where} {what}",
            "The assessment card {file} cannot be used: {where} {what}",
        ),
        "assess.scheme.not_a_number": ("“{value}”不是数", "“{value}” is not a number"),
        "assess.scheme.text_needed": ("缺少文字", "needs text"),
        "assess.scheme.whole_number_needed": (
            "应为非负整数（现为“{value}”）",
            "must be a whole number of at least 0 (it is “{value}”)",
        ),
        "assess.scheme.section_needed": ("缺少此部分", "is missing or not a section"),
        "assess.scheme.list_needed": ("应为非空列表", "must be a list that is not empty"),
        "assess.scheme.duplicate_key": ("代码“{key}”重复", "the key “{key}” is used twice"),
        "assess.scheme.negative": (
            "分值“{value}”不能为负（扣分值须大于零）",
            "the figure “{value}” must not be negative (a deduction must be above zero)",
        ),
        "assess.scheme.unknown_rule": (
            "未知的计分规则“{rule}”（可选：{options}）",
            "unknown rule “{rule}” (choose {options})",
        ),
        "assess.scheme.rule_on_parent": (
            "有子指标的项目不能用规则“{rule}”",
            "an item with sub-indicators cannot use the rule “{rule}”",
        ),
        "assess.scheme.sum": (
            "“{key}”为 {points} 分，但其子项合计 {total} 分",
            "“{key}” is worth {points} points but its parts add up to {total}",
        ),
        "assess.scheme.wrong_format": (
            "不是考核细则文件（format 应为 {expected}）",
            "is not an assessment card (format must be {expected})",
        ),
        "assess.scheme.wrong_version": (
            "不支持的版本“{version}”",
            "version “{version}” is not supported",
        ),
        "assess.scheme.weights_sum": (
            "两项权重应为非负数且合计为 1",
            "the two weights must not be negative and must add up to 1",
        ),
        "assess.scheme.grades_order": (
            "等级分数线应满足 0 < 合格 < 良好 < 优秀 ≤ 100",
            "the grade marks must satisfy 0 < pass < good < excellent ≤ 100",
        ),
        "assess.scheme.hundred": (
            "水环境质量和重点工作应各为 100 分",
            "water quality and key work must each be out of 100",
        ),
        "assess.scheme.one_enforcement": (
            "只能有一个执法监管项目（规则 violations）",
            "there can be only one enforcement item (rule violations)",
        ),
        "assess.scheme.water_manual": (
            "水环境质量各项只能手工录入",
            "water-quality items can only be entered by hand",
        ),
        "assess.scheme.unknown_section": (
            "未知的部分“{section}”（可选：water_quality、key_work）",
            "unknown section “{section}” (choose water_quality or key_work)",
        ),
        "assess.scheme.months_order": (
            "约谈和问责所需末位次数应满足 0 < 约谈 ≤ 问责 ≤ 12",
            "the months last for an interview and for accountability must satisfy 0 < interview ≤ accountability ≤ 12",
        ),
        "assess.scheme.unknown_consequence": (
            "年度不合格的后果只能是：{options}",
            "an annual fail's consequences can only be: {options}",
        ),
        "assess.scheme.bad_date": ("日期无效", "is not a date"),
        "assess.section.water_quality": ("水环境质量", "Water quality"),
        "assess.section.key_work": ("重点工作", "Key work"),
        "cmd.assess.scheme": ("考核细则（附件1评分表）", "the assessment card (annex 1)"),
        "cmd.assess.scheme_show": (
            "显示现行考核细则：各项目、分值、计分规则及其来源说明",
            "show the card in force: its items, points, rules and what is known of their source",
        ),
        "cmd.assess.scheme_load": (
            "载入本市的考核细则文件（格式同 db/reference/scorecard.json，分值须合计正确）",
            "load this city's own card (the format of db/reference/scorecard.json; its points must add up)",
        ),
        "cmd.assess.scheme_reset": (
            "删除本市载入的考核细则，恢复程序自带的细则",
            "drop this city's own card; the shipped card is in force again",
        ),
        "cmd.assess.scheme_file": ("考核细则文件（.json）", "card file (.json)"),
        "cmd.assess.scheme_city": (
            "适用的市（代码或名称；不填为本机所属市）",
            "the city it applies to (code or name; default: this replica's city)",
        ),
        "assess.scheme.loaded": (
            "已载入 {city} 的考核细则“{name}”（{items} 个录入项目）",
            "Loaded the card “{name}” for {city} ({items} items to enter)",
        ),
        "assess.scheme.reset": (
            "{city} 恢复使用程序自带的考核细则",
            "{city} uses the shipped card again",
        ),
        "assess.scheme.none_loaded": (
            "{city} 没有载入自己的考核细则",
            "{city} has no card of its own",
        ),
        "assess.scheme.city_needed": (
            "请用 --city 指明考核细则适用的市",
            "Say which city the card is for (--city)",
        ),
        "assess.scheme.shipped": ("程序自带", "shipped"),
        "assess.scheme.own": ("本市载入：{file}（{at}）", "loaded for this city: {file} ({at})"),
        "assess.scheme.heading": (
            "考核细则：{name}（{origin}）",
            "Assessment card: {name} ({origin})",
        ),
        "assess.scheme.col.key": ("代码", "Key"),
        "assess.scheme.col.item": ("项目", "Item"),
        "assess.scheme.col.points": ("分值", "Points"),
        "assess.scheme.col.rule": ("计分", "Scored by"),
        "assess.rule.manual": ("手工录入", "entered by hand"),
        "assess.rule.violations": (
            "按案件扣分，每起扣 {per} 分",
            "{per} off per enforcement case",
        ),
        "assess.rule.incidents": (
            "每起突发事件扣 {per} 分（{section}）",
            "{per} off per incident ({section})",
        ),
        "assess.rule.undocumented": ("（资料未载明）", " (not in the sources)"),
        "assess.rule.assumed": ("（假定值）", " (assumed)"),
    }
)

# -- county assessment: commands ---------------------------------------------------------------
MESSAGES.update(
    {
        "cmd.assess": ("县（市、区）及部门考核", "county and department assessment"),
        "cmd.assess.month": (
            "月份 1-12（0 或不填为全年）",
            "month 1-12 (0 or omitted: the whole year)",
        ),
        "cmd.assess.enter": ("录入考核项目得分", "enter an item of a county's card"),
        "cmd.assess.enter_long": (
            "按附件1评分表逐项录入本程序无法从自身数据计算的得分，并写明依据（assess scheme show 列出各项代码）；执法监管按违法案件自动扣分，突发事件自动扣分。另可录入：water_quality 或 key_work_other 整体得分、falsification 查实的考核数据弄虚作假（第十二条，--basis 写明查实依据）、adjustment 不可抗力调整（--score 可为负，--cause 和 --basis 必填）、exclusion 不参加考核（--basis 写明理由）。录入人和时间随记录保存。",
            "Enter, item by item of the annex 1 card, the scores the app cannot compute, each with its basis (assess scheme show lists the keys); enforcement loses points per case and incidents are deducted by the app. Also: water_quality or key_work_other as one figure, falsification (article 12: the county's assessment data tampered with or forged; --basis gives the proof), adjustment (force majeure; --score may be negative; --cause and --basis required), exclusion (not assessed; --basis gives why). Who and when are stored with it.",
        ),
        "cmd.assess.item": (
            "项目代码（见 assess scheme show），或 water_quality、key_work_other、falsification、adjustment、exclusion",
            "item key (see assess scheme show), or water_quality, key_work_other, falsification, adjustment, exclusion",
        ),
        "cmd.assess.score": ("得分", "the score"),
        "cmd.assess.basis": (
            "依据（监测通报、案件编号、查实文书、调整或排除的理由）",
            "basis (monitoring bulletin, case number, the proof, the reason for an adjustment or exclusion)",
        ),
        "cmd.assess.cause": (
            "调整原因：natural_disaster、public_emergency 或 other",
            "cause of an adjustment: natural_disaster, public_emergency or other",
        ),
        "cmd.assess.remove": ("删除一项手工录入", "remove an entry made by hand"),
        "cmd.assess.card": ("各县（市、区）考核得分", "the counties' scorecards"),
        "cmd.assess.card_long": (
            "显示某月或全年各县（市、区）的考核得分：总分 = 水环境质量 60% + 重点工作 40%，按精确总分定等级，显示时保留两位小数；执法监管 5 分，每起违法案件扣 1 分；查实考核数据弄虚作假直接不合格。",
            "Show every county's scorecard for a month or the year: total = 60 % water quality + 40 % key work, graded on the exact total and shown to two places; enforcement (5 points) loses one per case; a proven tampering with the assessment data fails outright.",
        ),
        "cmd.assess.rank": (
            "逐月排名及全年后果",
            "monthly ranking and what the year brings",
        ),
        "cmd.assess.rank_long": (
            "逐月在当月已打分的县（市、区）中排名：后两名预警；全年三次排名末位约谈，六次问责；年度不合格约谈、问责并暂停新增重点水污染物排放建设项目环评审批（民生、节能减排项目除外）；水环境质量持续恶化问责。",
            "Each month the counties scored that month are ranked: the last two are warned; three times last in a year brings a public interview, six accountability; an annual fail brings interview, accountability and the suspension of EIA approvals for new projects adding key water pollutants (livelihood and energy-saving projects excepted); continuing deterioration of water quality brings accountability.",
        ),
        "cmd.assess.export": (
            "导出考核结果（.xlsx 或 .md）",
            "export the assessment (.xlsx or .md)",
        ),
        "cmd.assess.file": ("输出文件（.xlsx 或 .md）", "output file (.xlsx or .md)"),
        "cmd.assess.public": (
            "公开版：不含录入人等人员姓名",
            "the public version: no staff names",
        ),
        "cmd.assess.dept": ("市政府有关部门考核", "city departments' assessment"),
        "cmd.assess.dept_enter": (
            "录入部门考核得分（两部分，30 + 70 分），或 adjustment 调整",
            "enter a part of a department's assessment (30 + 70 points), or an adjustment",
        ),
        "cmd.assess.dept_list": (
            "部门考核排名及先进单位（前三名）",
            "the departments ranked, and the advanced units (top three)",
        ),
        "cmd.assess.department": ("部门名称", "the department's name"),
        "cmd.assess.part": (
            "考核部分代码（见 assess scheme show）或 adjustment",
            "part key (see assess scheme show) or adjustment",
        ),
    }
)

# -- county assessment: refusals ---------------------------------------------------------------
MESSAGES.update(
    {
        "assess.bad_month": (
            "月份 {month} 应为 1 至 12（0 为全年）",
            "The month {month} must be 1 to 12 (0 for the year)",
        ),
        "assess.bad_item": (
            "未知的考核项目“{item}”（可选：{options}）",
            "Unknown item “{item}” (choose {options})",
        ),
        "assess.not_manual": (
            "“{item}”不能手工录入：由子指标合计或由程序计算",
            "“{item}” is not entered by hand: its sub-indicators add up to it, or the app computes it",
        ),
        "assess.no_score_for": (
            "“{item}”不打分，只需写明依据",
            "“{item}” takes no score, only its basis",
        ),
        "assess.falsification_basis": (
            "认定考核数据弄虚作假（第十二条）须写明查实依据（--basis，如查实文书编号）",
            "A finding that assessment data was tampered with or forged (article 12) needs its proof (--basis: the document that establishes it)",
        ),
        "assess.exclusion_reason": (
            "不参加考核须写明理由（--basis）",
            "Leaving a county out of the assessment needs the reason (--basis)",
        ),
        "assess.adjustment_zero": ("调整分值不能为 0", "An adjustment cannot be 0"),
        "assess.adjustment_cause": (
            "调整须写明原因（--cause：{options}）",
            "An adjustment needs its cause (--cause: {options})",
        ),
        "assess.adjustment_reason": (
            "调整须写明理由（--basis），不允许无说明的调整",
            "An adjustment needs its reason (--basis); no adjustment is made silently",
        ),
        "assess.score_needed": (
            "“{item}”需给出得分（--score）",
            "“{item}” needs a score (--score)",
        ),
        "assess.bad_score": (
            "得分“{score}”应为 {low} 至 {max} 之间的数",
            "The score “{score}” must be a number from {low} to {max}",
        ),
        "assess.no_entry": ("没有这项手工录入", "There is no such entry"),
        "assess.dept.name_needed": ("请写明部门名称", "Name the department"),
        "assess.dept.bad_part": (
            "未知的考核部分“{part}”（可选：{options}）",
            "Unknown part “{part}” (choose {options})",
        ),
    }
)

# -- county assessment: tables and documents ---------------------------------------------------
MESSAGES.update(
    {
        "assess.col.county": ("县（市、区）", "County"),
        "assess.col.water_quality": ("水环境质量", "Water quality"),
        "assess.col.key_work_manual": ("重点工作（手工项）", "Key work (by hand)"),
        "assess.col.cases": ("违法案件", "Cases"),
        "assess.col.enforcement": ("执法监管（自动）", "Enforcement (automatic)"),
        "assess.col.incidents": ("突发事件", "Incidents"),
        "assess.col.key_work": ("重点工作", "Key work"),
        "assess.col.adjustment": ("调整", "Adjustment"),
        "assess.col.total": ("总分", "Total"),
        "assess.col.grade": ("等级", "Grade"),
        "assess.col.falsification": ("弄虚作假认定", "Falsification finding"),
        "assess.col.missing": ("待录入", "Not yet entered"),
        "assess.col.position": ("名次", "Rank"),
        "assess.col.months_last": ("末位次数", "Months last"),
        "assess.col.months_warned": ("预警次数", "Months warned"),
        "assess.col.months_missing": ("缺分月数", "Months missing"),
        "assess.col.deterioration": ("水质持续恶化", "Continuing deterioration"),
        "assess.col.consequence": ("后果", "Consequences"),
        "assess.col.period": ("期间", "Period"),
        "assess.col.item": ("项目", "Item"),
        "assess.col.score": ("得分", "Score"),
        "assess.col.basis": ("依据", "Basis"),
        "assess.col.cause": ("原因", "Cause"),
        "assess.col.reason": ("理由", "Reason"),
        "assess.col.entered_by": ("录入人", "Entered by"),
        "assess.col.entered_at": ("录入时间（UTC）", "Entered at (UTC)"),
        "assess.col.outfall": ("排污口", "Outfall"),
        "assess.col.violation": ("违法行为", "Violation"),
        "assess.col.first_found": ("首次发现", "First found"),
        "assess.col.visits": ("检查次数", "Visits"),
        "assess.col.department": ("部门", "Department"),
        "assess.col.advanced": ("先进单位", "Advanced unit"),
        "assess.excluded_grade": ("不参加考核", "Not assessed"),
        "assess.excluded_because": ("不参加考核：{reason}", "not assessed: {reason}"),
        "assess.mark.missing": ("缺", "missing"),
        "assess.mark.excluded": ("不考核", "not assessed"),
        "assess.falling": ("{months}月连续下降", "falling in months {months}"),
        "assess.list_sep": ("、", ", "),
        "assess.advanced": ("先进单位", "advanced unit"),
        "assess.t.year": ("{year} 年度考核得分", "Scorecards for {year}"),
        "assess.c.totals": ("{year} 年度考核总分", "Totals for {year}"),
        "assess.t.monthly": (
            "逐月名次（⚠ 预警；缺＝当月缺分，不参加排名）",
            "Monthly positions (⚠ warned; missing: no score that month, not ranked)",
        ),
        "assess.month": ("{month}月", "month {month}"),
        "assess.whole_year": ("全年", "whole year"),
        "assess.t.consequences": ("全年结果及后果", "The year and what it brings"),
        "assess.t.adjustments": ("不可抗力调整", "Adjustments for force majeure"),
        "assess.t.findings": (
            "考核数据弄虚作假认定（第十二条）",
            "Findings of tampered or forged assessment data (article 12)",
        ),
        "assess.t.cases": (
            "违法案件（执法监管扣分依据）",
            "Enforcement cases (what the enforcement item loses)",
        ),
        "assess.t.departments": ("市政府有关部门考核", "City departments"),
        "assess.t.manual": ("手工录入的得分", "Scores entered by hand"),
        "assess.title": ("{scope}{year}年度水污染防治考核", "{scope}: assessment {year}"),
        "assess.title_public": (
            "{scope}{year}年度水污染防治考核结果（公开版）",
            "{scope}: assessment results {year} (public version)",
        ),
        "assess.f.scheme": ("考核细则", "Assessment card"),
        "assess.f.rules": ("规则", "Rules"),
        "assess.f.due": ("报市政府截止日期", "Due to the city government by"),
        "assess.f.public": ("公开版", "Public version"),
        "assess.public_note": (
            "不含录入人、依据等可能载有人员姓名的内容",
            "without who entered what, or the bases written by hand, which may name people",
        ),
        "assess.rules": (
            "总分 = 水环境质量 × {water}% + 重点工作 × {key}%，按精确总分定等级（显示保留两位小数）；≥{excellent} 优秀，{good}-{excellent} 良好，{pass_}-{good} 合格，<{pass_} 不合格；执法监管 {enforcement} 分，每起违法案件扣 {per_case} 分，扣完为止；查实考核数据弄虚作假直接不合格；全年末位 {interview} 次约谈，{accountability} 次问责",
            "total = {water} % water quality + {key} % key work, graded on the exact total (shown to two places); ≥ {excellent} excellent, {good}–{excellent} good, {pass_}–{good} pass, < {pass_} fail; enforcement {enforcement} points, {per_case} lost per case, down to zero; proven tampering with the assessment data fails outright; {interview} months last in a year: interview, {accountability}: accountability",
        ),
        "assess.s.year": ("一、年度得分", "1. The year"),
        "assess.s.monthly": ("二、逐月排名及后果", "2. Monthly ranking and consequences"),
        "assess.s.adjustments": (
            "三、调整与弄虚作假认定",
            "3. Adjustments and falsification findings",
        ),
        "assess.s.cases": ("四、违法案件", "4. Enforcement cases"),
        "assess.s.departments": ("五、市政府有关部门", "5. City departments"),
        "assess.s.manual": ("六、手工录入", "6. Entered by hand"),
        "assess.monthly_note": (
            "每月在当月已打分的县（市、区）中排名，后两名预警（并列者同等对待）；全年三次排名末位约谈，六次问责。当月缺分的县（市、区）标“缺”，不参加当月排名，但不影响其他县（市、区）排名；经记录不参加考核的标“不考核”。年度不合格的，约谈、问责，并暂停审批该地区新增重点水污染物排放的建设项目环评；水环境质量持续恶化的，问责。",
            "Each month the counties scored that month are ranked; the last two are warned (ties share the standing); three months last in a year bring a public interview, six accountability. A county without a score that month is marked missing and not ranked that month, which does not stop the others being ranked; one recorded as not assessed is marked so. An annual fail brings interview, accountability and the suspension of EIA approvals for new projects adding key water pollutants in the county; continuing deterioration of water quality brings accountability.",
        ),
        "assess.eia_note": (
            "暂停环评审批的例外：{exceptions}。",
            "Excepted from the suspension of EIA approvals: {exceptions}.",
        ),
        "assess.adjustments_note": (
            "因重大自然灾害等不可抗力调整的得分，均记录原因和理由，调整后的总分处均标明调整。",
            "Every score adjusted for a major natural disaster or other force majeure is recorded with its cause and reason, and every adjusted total is shown with its adjustment.",
        ),
        "assess.cases_note": (
            "同一排污口同类违法行为在期间内多次检查发现的，计为一起案件。企业在线监测数据造假属违法案件，扣执法监管分，不构成县（市、区）考核不合格。",
            "Repeat visits finding the same kind of violation at the same outfall in the period are one case. An enterprise faking its own monitoring data is such a case, taking points off enforcement; it does not fail the county.",
        ),
        "assess.departments_note": (
            "部门考核两部分合计 100 分，按总分排名，前 {n} 名为先进单位。",
            "A department's two parts add up to 100; departments are ranked by total, and the first {n} are advanced units.",
        ),
        "assess.manual_note": (
            "以下得分由人工录入（本程序无法从自身数据计算），附依据、录入人和录入时间；执法监管得分和突发事件扣分由程序按记录计算。",
            "These scores were entered by hand (the app cannot compute them from its own data), with their basis, who entered them and when; the enforcement item and the incident deduction are computed from the records.",
        ),
        "assess.out.entered": ("已录入（{id}）", "Entered ({id})"),
        "assess.out.removed": ("已删除", "Removed"),
        "assess.out.heading": ("{year} 年 {period} 考核得分", "Scorecards, {year}, {period}"),
        "assess.out.legend": (
            "⚠ 预警（后两名）；总分按精确值定等级，显示保留两位小数；† 已调整，见调整理由",
            "⚠ warned (last two); the grade is the exact total's, shown to two places; † adjusted, see the reasons",
        ),
        "assess.out.adjusted": (
            "† {county}：调整 {points} 分（{cause}）：{reason}",
            "† {county}: adjusted by {points} ({cause}): {reason}",
        ),
        "assess.out.excluded": (
            "不参加考核：{county}（{reason}）",
            "Not assessed: {county} ({reason})",
        ),
        "assess.out.missing": (
            "缺分，不参加本期排名：{counties}",
            "Missing a score, not ranked in the period: {counties}",
        ),
        "assess.out.no_months": (
            "{year} 年还没有可排名的月份",
            "No month of {year} can be ranked yet",
        ),
        "assess.out.rank_heading": ("{year} 年逐月名次", "Monthly positions in {year}"),
        "assess.out.due": (
            "考核结果报市政府截止日期：{date}",
            "Results due to the city government by {date}",
        ),
        "assess.out.dept_heading": ("{year} 年市政府有关部门考核", "City departments, {year}"),
        "assess.out.no_departments": (
            "{year} 年还没有部门考核得分",
            "No department scores for {year} yet",
        ),
    }
)

# -- the assessment tab of the Plans section -----------------------------------------------------
MESSAGES.update(
    {
        "pui.assess.heading": (
            "{year} 年 {month} 月考核得分（[ 和 ] 切换月份）",
            "Scorecards, {year} month {month} ([ and ] change the month)",
        ),
        "pui.assess.rank_heading": (
            "{year} 年结果及后果（末位三次约谈，六次问责；年度不合格约谈、问责、环评限批）",
            "{year}: what the year brings (three months last: interview; six: accountability; an annual fail: interview, accountability, EIA suspension)",
        ),
        "pui.assess.due": (
            "{year} 年度考核结果报市政府截止：{date}",
            "Results for {year} due to the city government by {date}",
        ),
        "pui.assess.warned": ("预警", "warned"),
        "pui.assess.loading": ("考核数据尚在读取，请稍候", "The assessment is still loading"),
        "pui.assess.entered": ("已录入。", "Entered."),
        "pui.assess.manual": (
            "* 按附件1评分表逐项手工录入（按 e），执法监管和突发事件扣分自动计算；缺＝尚未录入，当月不参加排名；† 已调整。",
            "* entered item by item of the annex 1 card (press e); enforcement and the incident deduction are computed; missing: not yet entered, not ranked that month; † adjusted.",
        ),
        "pui.assess.col.position": ("名次", "Rank"),
        "pui.assess.col.county": ("县（市、区）", "County"),
        "pui.assess.col.water_quality": ("水质*", "Water*"),
        "pui.assess.col.key_work_manual": ("工作*", "Work*"),
        "pui.assess.col.cases": ("案件", "Cases"),
        "pui.assess.col.enforcement": ("执法", "Enforce"),
        "pui.assess.col.incidents": ("事件", "Incid."),
        "pui.assess.col.key_work": ("重点工作", "Key work"),
        "pui.assess.col.adjustment": ("调整", "Adjust"),
        "pui.assess.col.total": ("总分", "Total"),
        "pui.assess.col.grade": ("等级", "Grade"),
        "pui.assess.col.falsification": ("造假认定", "Falsified"),
        "pui.assess.col.missing": ("待录入", "Missing"),
        "pui.assess.notes_heading": ("调整与不参加考核", "Adjustments and exclusions"),
        "pui.assess.dept_heading": (
            "{year} 年市政府有关部门考核（前 {n} 名为先进单位；按 g 录入）",
            "City departments {year} (the first {n} are advanced units; press g to enter)",
        ),
        "pui.assess.no_departments": ("尚无部门得分。", "No department scores yet."),
        "pui.key.dept_score": ("部门得分", "Dept. score"),
        "pui.key.scheme": ("考核细则", "Card"),
        "pui.score.title": ("录入考核得分", "Enter an assessment score"),
        "pui.score.intro": (
            "按附件1评分表逐项录入，写明依据；记录录入人（{user}）和时间。认定弄虚作假须写明查实依据；调整须写明原因和理由。",
            "Enter the card item by item with its basis; who entered it ({user}) and when are recorded. A falsification finding needs its proof; an adjustment its cause and reason.",
        ),
        "pui.score.month_hint": ("0 表示全年", "0 is the whole year"),
        "pui.score.score_hint": (
            "弄虚作假认定和不参加考核不填得分，依据必填；调整可为负数。",
            "A falsification finding or an exclusion takes no score but its basis; an adjustment may be negative.",
        ),
        "pui.dept.title": ("录入部门考核得分", "Enter a department's score"),
        "pui.dept.intro": (
            "市政府有关部门考核：两部分合计 100 分，或录入调整（原因、理由必填）。",
            "City departments: two parts adding up to 100, or an adjustment (cause and reason required).",
        ),
        "pui.scheme.title": ("现行考核细则", "The assessment card in force"),
        "pui.scheme.close": ("关闭", "Close"),
    }
)

# -- complaints --------------------------------------------------------------------------------
MESSAGES.update(
    {
        "cmd.complaint": ("公众举报登记及办理", "public complaints and their handling"),
        "cmd.complaint.record": ("登记一件公众举报", "record a public complaint"),
        "cmd.complaint.record_long": (
            "登记公众举报：受理日期、方式、内容，涉及的排污口（或县）；办结期限按考核细则自受理日起计算（程序自带细则为 {days} 天，为假定值，见 assess scheme show）。",
            "Record a public complaint: when and how it came, what it says, the outfall (or county) it concerns; it is due the scheme's number of days after receipt ({days} in the shipped card, an assumed value: see assess scheme show).",
        ),
        "cmd.complaint.list": ("列出公众举报", "list public complaints"),
        "cmd.complaint.answer": (
            "登记举报办结：结果、办理人，以及核查的检查记录",
            "record a complaint answered: the answer, who, and the inspection that checked it",
        ),
        "cmd.complaint.id": ("举报编号（或其前缀）", "complaint id (or its prefix)"),
        "cmd.complaint.outfall": ("排污口编码", "outfall code"),
        "cmd.complaint.county": (
            "县（市、区）（给出排污口时可省略）",
            "county (may be left out when --outfall is given)",
        ),
        "cmd.complaint.received": (
            "受理日期（YYYY-MM-DD，默认今天）",
            "received on (YYYY-MM-DD, default today)",
        ),
        "cmd.complaint.channel": (
            "举报方式：hotline、online、letter、visit、referred、other",
            "channel: hotline, online, letter, visit, referred, other",
        ),
        "cmd.complaint.content": ("举报内容", "what it says"),
        "cmd.complaint.complainant": ("举报人（可匿名）", "complainant (may be anonymous)"),
        "cmd.complaint.contact": ("联系方式", "contact"),
        "cmd.complaint.answer_text": ("办理结果", "the answer"),
        "cmd.complaint.by": ("办理人", "who answered it"),
        "cmd.complaint.on": ("办结日期（默认今天）", "answered on (default today)"),
        "cmd.complaint.inspection": (
            "核查该举报的检查记录编号（或前缀）",
            "the inspection that checked it (id or prefix)",
        ),
        "cmd.complaint.overdue": ("只列逾期未办结的", "only those overdue"),
        "cmd.complaint.open": ("只列未办结的", "only those not yet answered"),
        "complaint.content_needed": ("请写明举报内容", "Say what the complaint says"),
        "complaint.where_needed": (
            "请指明举报涉及的排污口（--outfall）或县（市、区）（--county）",
            "Say which outfall (--outfall) or county (--county) it concerns",
        ),
        "complaint.unknown_outfall": (
            "没有编码为 {code} 的排污口",
            "No outfall has the code {code}",
        ),
        "complaint.county_mismatch": (
            "排污口 {code} 不在 {county}",
            "The outfall {code} is not in {county}",
        ),
        "complaint.bad_channel": (
            "未知的举报方式“{channel}”（可选：{options}）",
            "Unknown channel “{channel}” (choose {options})",
        ),
        "complaint.bad_date": (
            "{field}“{value}”不是日期（YYYY-MM-DD）",
            "{field} “{value}” is not a date (YYYY-MM-DD)",
        ),
        "complaint.future": ("{field} {value} 晚于今天", "{field} {value} is after today"),
        "complaint.not_found": ("没有编号为 {id} 的举报", "No complaint has the id {id}"),
        "complaint.ambiguous": (
            "编号前缀 {id} 对应多件举报，请写全",
            "The prefix {id} matches several complaints: give more of it",
        ),
        "complaint.already_answered": (
            "该举报已于 {date} 办结",
            "The complaint was answered on {date}",
        ),
        "complaint.answer_needed": ("请写明办理结果", "Say how it was answered"),
        "complaint.by_needed": ("请写明办理人", "Say who answered it"),
        "complaint.before_received": (
            "办结日期 {date} 早于受理日期 {received}",
            "Answered on {date}, before it was received ({received})",
        ),
        "complaint.inspection_not_found": (
            "没有编号为 {id} 的检查记录",
            "No inspection has the id {id}",
        ),
        "complaint.inspection_elsewhere": (
            "检查记录 {id} 检查的是另一个排污口（{code}）",
            "The inspection {id} was of another outfall ({code})",
        ),
        "complaint.inspection_before": (
            "检查记录 {id} 早于举报受理日期",
            "The inspection {id} was made before the complaint was received",
        ),
        "complaint.recorded": (
            "已登记举报 {id}，办结期限 {due}",
            "Recorded complaint {id}, due {due}",
        ),
        "complaint.answered": ("举报 {id} 已办结", "Complaint {id} answered"),
        "complaint.none": ("没有符合条件的举报", "No complaints match"),
        "complaint.col.id": ("编号", "Id"),
        "complaint.col.received": ("受理", "Received"),
        "complaint.col.county": ("县（市、区）", "County"),
        "complaint.col.outfall": ("排污口", "Outfall"),
        "complaint.col.channel": ("方式", "Channel"),
        "complaint.col.due": ("期限", "Due"),
        "complaint.col.status": ("状态", "Status"),
        "complaint.col.content": ("内容", "What it says"),
        "complaint.status.open": ("办理中", "Open"),
        "complaint.status.overdue": ("逾期 {days} 天", "{days} days overdue"),
        "complaint.status.answered": ("{date} 办结", "Answered {date}"),
        "complaint.status.answered_late": (
            "{date} 办结（逾期）",
            "Answered {date} (late)",
        ),
        "dash.complaints": ("逾期未办结的举报", "Overdue complaints"),
        "dash.complaints.count": (
            "{count} 件举报已过办结期限",
            "{count} complaint(s) past their deadline",
        ),
        "dash.complaints.none": ("没有逾期未办结的举报。", "No complaint is overdue."),
        "pui.tab.complaints": ("公众举报", "Complaints"),
        "pui.key.complaint": ("登记举报", "Record complaint"),
        "pui.key.answer": ("办结", "Answer"),
        "pui.complaints.none": ("尚无公众举报。", "No complaints recorded."),
        "pui.complaints.no_complaint": ("请先选中一件举报", "Select a complaint first"),
        "pui.complaints.detail": (
            "{content}\n办理：{answer}",
            "{content}\nAnswer: {answer}",
        ),
        "pui.complaint.title": ("登记公众举报", "Record a public complaint"),
        "pui.complaint.intro": (
            "办结期限自受理日起 {days} 天（假定值，见考核细则）。",
            "Due {days} days after receipt (an assumed value: see the assessment card).",
        ),
        "pui.complaint.outfall": ("排污口编码（可不填）", "Outfall code (optional)"),
        "pui.answer.title": ("登记举报办结", "Record a complaint answered"),
        "pui.answer.intro": ("举报：{content}", "Complaint: {content}"),
        "pui.answer.inspection": (
            "核查的检查记录编号（可不填）",
            "Inspection that checked it (optional)",
        ),
        "pui.complaint.recorded": ("已登记，办结期限 {due}。", "Recorded; due {due}."),
        "pui.complaint.answered": ("已办结。", "Answered."),
    }
)

# -- quarterly progress reports and the half-year publication ----------------------------------
MESSAGES.update(
    {
        "cmd.progress_report": (
            "成员单位季度进展报告",
            "member units' quarterly progress reports",
        ),
        "cmd.progress_report.record": (
            "登记成员单位的季度进展报告（工作进展、项目、资金）",
            "record a member unit's quarterly progress report (progress, projects, funds)",
        ),
        "cmd.progress_report.unit": (
            "成员单位名称（县政府或市直部门）",
            "member unit (a county government or city department)",
        ),
        "cmd.progress_report.quarter": ("季度 1-4", "quarter 1-4"),
        "cmd.progress_report.summary": ("工作进展", "what was done"),
        "cmd.progress_report.projects": (
            "计划项目数/完成项目数，如 5/3",
            "projects planned/done, e.g. 5/3",
        ),
        "cmd.progress_report.funds": (
            "计划资金/到位资金（万元），如 120/80",
            "funds planned/spent (10,000 yuan), e.g. 120/80",
        ),
        "cmd.progress_report.submitted": ("报送日期（默认今天）", "submitted on (default today)"),
        "cmd.report.quarterly": (
            "季度进展汇总（成员单位报送情况及进度）",
            "the quarter's progress: member units' reports and progress",
        ),
        "cmd.report.half_year_public": (
            "半年通报（公开版：进度、考核排名、举报办理，不含人员姓名）",
            "the half-year publication (public: progress, ranking, complaints; no staff names)",
        ),
        "progress_report.summary_needed": ("请写明工作进展", "Say what was done"),
        "progress_report.unit_needed": ("请写明成员单位", "Name the member unit"),
        "progress_report.bad_quarter": (
            "季度 {quarter} 应为 1 至 4",
            "The quarter {quarter} must be 1 to 4",
        ),
        "progress_report.bad_pair": (
            "“{value}”应写成“计划/完成”两个数，如 5/3",
            "“{value}” must be two numbers, planned/done, e.g. 5/3",
        ),
        "progress_report.done_over_planned": (
            "完成数 {done} 大于计划数 {planned}",
            "{done} done is more than the {planned} planned",
        ),
        "progress_report.recorded": ("已登记季度进展报告 {id}", "Recorded progress report {id}"),
        "report.quarterly.title": (
            "{scope}{year}年第{quarter}季度入河排污口整治工作进展",
            "{scope}: progress in quarter {quarter} of {year}",
        ),
        "report.quarterly.lead": (
            "本季度成员单位应报 {expected} 家，已报 {reported} 家；计划项目 {planned} 个，完成 {done} 个；计划资金 {funds_planned} 万元，到位 {funds_spent} 万元。",
            "Member units expected to report: {expected}; reported: {reported}. Projects planned {planned}, done {done}; funds planned {funds_planned}, spent {funds_spent} (10,000 yuan).",
        ),
        "report.quarterly.s1": ("一、成员单位报送情况", "1. Member units' reports"),
        "report.quarterly.s2": ("二、整治进度", "2. Progress of the remediation"),
        "report.f.quarter_due": ("季度报告报送期限", "Quarterly reports due"),
        "report.t.unit_reports": ("成员单位季度报告", "Member units' quarterly reports"),
        "report.t.units_missing": ("未报送的成员单位", "Member units that have not reported"),
        "report.col.unit": ("成员单位", "Member unit"),
        "report.col.submitted": ("报送日期", "Submitted on"),
        "report.col.summary": ("工作进展", "Progress"),
        "report.col.projects_planned": ("计划项目", "Projects planned"),
        "report.col.projects_done": ("完成项目", "Projects done"),
        "report.col.funds_planned": ("计划资金（万元）", "Funds planned (10,000 yuan)"),
        "report.col.funds_spent": ("到位资金（万元）", "Funds spent (10,000 yuan)"),
        "report.half_public.title": (
            "{scope}{year}年上半年入河排污口整治及考核情况通报",
            "{scope}: first half of {year}, remediation and assessment",
        ),
        "report.half_public.lead": (
            "本通报为公开版，不含人员姓名。",
            "This is the public version; it names no staff.",
        ),
        "report.half_public.s1": ("一、整治进度", "1. Progress of the remediation"),
        "report.half_public.s2": ("二、考核排名", "2. Assessment ranking"),
        "report.half_public.s3": ("三、公众举报办理", "3. Public complaints"),
        "report.half_public.s4": ("四、成员单位季度报告", "4. Member units' quarterly reports"),
        "report.t.complaints": ("公众举报办理情况", "Public complaints handled"),
        "report.k.complaints": ("受理举报", "Complaints received"),
        "report.k.complaints_answered": ("已办结", "Answered"),
        "report.k.complaints_late": ("逾期办结", "Answered late"),
        "report.k.complaints_overdue": ("逾期未办结", "Overdue, not answered"),
        "report.self.s5": ("五、水环境质量", "5. Water quality"),
        "report.self.s6": ("六、整治项目进展", "6. Remediation projects"),
        "report.self.s7": ("七、资金投入", "7. Funding"),
        "report.self.water_note": (
            "水环境质量得分为考核录入的月度得分（附件1水环境质量各项合计）；未录入的月份不列出。",
            "The water-quality scores are the assessment's monthly entries (the annex 1 water-quality items together); months not entered are not listed.",
        ),
        "report.self.funding_note": (
            "资金按成员单位季度进展报告汇总；本程序不核对财务凭证。",
            "Funds as the member units reported them each quarter; the app checks no accounts.",
        ),
        "report.t.water_quality": ("逐月水环境质量得分", "Water-quality scores by month"),
        "report.t.projects": ("整治项目进展", "Remediation projects"),
        "report.t.funding": ("资金投入", "Funding"),
        "report.col.month": ("月份", "Month"),
        "report.k.remediations_live": ("整治中", "In remediation"),
        "report.k.remediations_done": ("期内完成整治", "Remediated in the period"),
        "report.k.remediations_planned": (
            "期内新制定整治方案",
            "Remediation plans made in the period",
        ),
    }
)
