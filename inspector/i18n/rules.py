"""Messages of the register's rules (issue 13): the rules of the two source documents by
name, the lifecycle's new preconditions, the fields they need, and the command line of
the whole lifecycle (`inspector outfall ...`, `inspector inspection ...`,
`inspector roster ...`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the rules, each named with its document ------------------------------------------
    "rule.storm_outlet_kept": (
        "城镇雨洪排口不得取缔（封堵）或合并（焦作方案：“严禁合并、封堵城镇雨洪排口”）",
        "an urban storm outlet is never banned (blocked) or merged (Jiaozuo plan: "
        "严禁合并、封堵城镇雨洪排口, urban storm outlets must never be merged or blocked)",
    ),
    "rule.no_merge_into_storm": (
        "不得将排污口合并进城镇雨洪排口（焦作方案：“严禁合并、封堵城镇雨洪排口”）",
        "no outfall is merged into an urban storm outlet (Jiaozuo plan: "
        "严禁合并、封堵城镇雨洪排口, urban storm outlets must never be merged or blocked)",
    ),
    "rule.protected_area_banned": (
        "位于饮用水水源保护区、自然保护地内的排污口只能依法取缔，不得保留或采取其他整治措施"
        "（焦作方案：依法取缔一批）",
        "an outfall in a drinking-water source protection area or a nature reserve is banned: "
        "no other measure, and it is never kept (Jiaozuo plan: 依法取缔一批, ban by law)",
    ),
    "rule.transition_before_deadline": (
        "过渡期截止日期不得早于整治时限（焦作方案：过渡期）",
        "the transition period (过渡期) must not end before the remediation deadline "
        "(Jiaozuo plan: 过渡期)",
    ),
    "rule.backstop_after_tracing": (
        "政府兜底须以溯源未查明责任主体为前提：请先记录一条结果为“未查明责任主体”的溯源记录"
        "（国办函〔2022〕17号：谁污染、谁治理，政府兜底）",
        "the government backstop (政府兜底) needs tracing that found no owner: first record a "
        "trace record whose result is “No owner found” (国办函〔2022〕17号: the polluter "
        "remediates, the government is the backstop)",
    ),
    "rule.permit_annotation": (
        "{owner} 在园区外有 {count} 个排污口，须在排污许可证中载明（焦作方案：同一企业设置两个及"
        "以上排污口的，应在排污许可证中载明）；载明后请记录载明情况",
        "{owner} has {count} outfalls of its own outside a park: they must be written into its "
        "discharge permit (Jiaozuo plan: 排污许可证载明); record the annotation once it is made",
    ),
    "rule.refused": ("排污口 {code}：{rules}", "Outfall {code}: {rules}"),
    "lifecycle.breaks": (
        "不能从“{current}”变为“{target}”：{rules}",
        "Cannot move from {current} to {target}: {rules}",
    ),
    # -- lifecycle preconditions added by the rules ------------------------------------------
    "need.immediate": (
        "尚未认定责任主体时，仅“立行立改”的简单问题可直接整治：请在整治方案中注明立行立改",
        "the plan to be recorded as 立行立改 (a simple problem fixed at once) while there is "
        "no owner yet",
    ),
    "need.new_plan": (
        "上一轮整治已销号，需先制定新的整治方案",
        "a new remediation plan (the last one is already closed off)",
    ),
    "need.setting_approval": (
        "工矿企业、园区污水处理厂、城镇污水处理厂排污口须取得设置审批（审核）方可保留，登记不足以"
        "保留（部令第35号）",
        "a setting approval (审批/审核), not a registration: industrial, park and town "
        "wastewater plant outfalls are kept only with one (MEE Order No. 35, 部令第35号)",
    ),
    # -- register refusals -------------------------------------------------------------------
    "outfall.ambiguous_code": (
        "编码 {code} 对应 {count} 个排污口，请用更完整的编码：{matches}",
        "The code {code} matches {count} outfalls; give a code that names one: {matches}",
    ),
    "outfall.state_by_step": (
        "状态只能通过流程步骤改变（inspector outfall step）",
        "The state changes only by a lifecycle step (inspector outfall step)",
    ),
    "owner.no_backstop_body": (
        "参考数据中没有 {region} 的兜底主体（政府兜底），请用 inspector reference import 补充",
        "The reference data names no backstop body (政府兜底) for {region}; add one with "
        "inspector reference import",
    ),
    "owner.annotation_needed": (
        "请填写排污许可证载明情况",
        "Say how the discharge permit lists the outfalls",
    ),
    "ledger.retained_without_approval": (
        "该类排污口须取得设置审批方可保留（部令第35号），台账未记载审批",
        "outfalls of this category are kept only with a setting approval (部令第35号); the "
        "ledger records none",
    ),
    "ledger.backstop_trace": (
        "溯源未查明责任主体，台账记载为政府兜底（{reason}）",
        "Tracing found no owner; the ledger records the government backstop ({reason})",
    ),
    "ledger.merge_target_without_merge": (
        "填写了合并目标，但整治类型不是合并",
        "a merge target is given but the measure is not merge",
    ),
    # -- fields ------------------------------------------------------------------------------
    "field.outfall.protected_area": ("所在保护区", "Protected area"),
    "field.outfall.approval_kind": ("审批/登记类型", "Approval kind"),
    "field.owner.permit_annotation": ("排污许可证载明情况", "Permit annotation"),
    "field.remediation.immediate": ("立行立改", "Fixed at once (立行立改)"),
    "field.trace_record.result": ("溯源结果", "Result"),
    "field.roster_member.county_code": ("县（市、区）", "County"),
    "field.roster_member.name": ("姓名", "Name"),
    "field.roster_member.certificate_no": ("执法证号", "Certificate no."),
    "field.roster_member.unit": ("单位", "Unit"),
    "field.roster_member.added_on": ("入库日期", "Added on"),
    "field.roster_member.deleted": ("已删除", "Deleted"),
    # -- the command line of the lifecycle -----------------------------------------------------
    "cli.warning": ("注意：{message}", "Warning: {message}"),
    "cmd.outfall": (
        "一个排污口的全流程：查看、修改、流程步骤、责任主体、溯源、整治、销号",
        "one outfall's whole lifecycle: show, edit, steps, owner, tracing, remediation, closing",
    ),
    "cmd.outfall.code": (
        "排污口编码（本地编码或国家统一编码）",
        "the outfall's code (local or national)",
    ),
    "cmd.outfall.show": ("查看排污口及下一步", "show an outfall and its next steps"),
    "cmd.outfall.edit": ("修改排污口基本信息", "change an outfall's own fields"),
    "cmd.outfall.edit_long": (
        "修改排污口基本信息，如 --set protected_area=饮用水水源保护区 --set approval_kind=审批；"
        "状态只能通过 step 改变",
        "change an outfall's own fields, e.g. --set protected_area=drinking_water "
        "--set approval_kind=approval; the state changes only by `step`",
    ),
    "cmd.outfall.set": ("字段=值，可重复", "FIELD=VALUE, repeatable"),
    "cmd.outfall.reason": ("原因（记入历史）", "the reason (kept in the history)"),
    "cmd.outfall.step": ("流程步骤：改变状态", "a lifecycle step: change the state"),
    "cmd.outfall.to": ("目标状态，如 confirmed、已核实", "the state to move to, e.g. confirmed"),
    "cmd.outfall.owner": ("认定责任主体", "assign the responsible owner"),
    "cmd.outfall.owner_name": ("责任主体名称", "the owner's name"),
    "cmd.outfall.credit_code": ("统一社会信用代码", "unified social credit code"),
    "cmd.outfall.kind": (
        "主体类型，如 enterprise、企业（新登记的主体未给出时为企业）",
        "kind of owner, e.g. enterprise (a new owner is an enterprise unless given)",
    ),
    "cmd.outfall.industry": ("行业类别", "industry"),
    "cmd.outfall.address": ("地址", "address"),
    "cmd.outfall.contact": ("联系人", "contact person"),
    "cmd.outfall.phone": ("联系电话", "phone"),
    "cmd.outfall.permit_no": ("排污许可证编号", "discharge permit number"),
    "cmd.outfall.role": ("main（主要）或 other（其他）", "main or other"),
    "cmd.outfall.basis": (
        "认定依据：traced（溯源确定）、setting_applicant（设置申请人）、designated（指定）",
        "basis: traced, setting_applicant or designated",
    ),
    "cmd.outfall.evidence": ("佐证材料", "evidence"),
    "cmd.outfall.from": ("起始日期", "from (date)"),
    "cmd.outfall.backstop": ("政府兜底", "government backstop (政府兜底)"),
    "cmd.outfall.backstop_long": (
        "政府兜底：由参考数据中本地区的兜底主体承担责任；须先有一条未查明责任主体的溯源记录",
        "government backstop: the region's backstop body (from the reference data) answers; "
        "needs a trace record that found no owner first",
    ),
    "cmd.outfall.annotate": (
        "记录排污许可证载明情况",
        "record the permit annotation of the outfall's owner",
    ),
    "cmd.outfall.annotate_long": (
        "记录排污口主要责任主体的排污许可证如何载明其排污口（园区外同一企业两个及以上排污口须载明）",
        "record how the discharge permit of the outfall's main owner lists its outfalls (one "
        "enterprise outside a park with two or more must have them written in)",
    ),
    "cmd.outfall.annotation": ("载明情况", "the annotation"),
    "cmd.outfall.trace": ("新增溯源记录", "add a trace record"),
    "cmd.outfall.methods": (
        "溯源方法，可列多项，如 走访、管网排查",
        "methods, comma-separated, e.g. visit,pipe_survey",
    ),
    "cmd.outfall.conclusion": ("溯源结论", "conclusion"),
    "cmd.outfall.result": (
        "溯源结果：owner_found（已查明）、no_owner_found（未查明）、ongoing（溯源中）",
        "result: owner_found, no_owner_found or ongoing",
    ),
    "cmd.outfall.route": ("溯源路径", "route"),
    "cmd.outfall.on": ("日期（默认今天）", "date (default today)"),
    "cmd.outfall.staff": ("人员", "staff"),
    "cmd.outfall.plan": (
        "制定或修改整治方案（一口一策）",
        "make or revise the remediation plan (one per outfall)",
    ),
    "cmd.outfall.measure": (
        "整治类型：ban（取缔）、merge（合并）、standardise（规范整治）",
        "measure: ban, merge or standardise",
    ),
    "cmd.outfall.deadline": ("整治时限", "deadline"),
    "cmd.outfall.transition_end": (
        "过渡期截止（不得早于整治时限）",
        "end of the transition period (not before the deadline)",
    ),
    "cmd.outfall.merge_into": ("合并目标排污口编码", "the code of the outfall it merges into"),
    "cmd.outfall.plan_text": ("方案内容", "plan text"),
    "cmd.outfall.responsible": ("整治责任单位", "responsible party"),
    "cmd.outfall.immediate": (
        "立行立改：问题简单，可在认定责任主体前直接整治",
        "立行立改: a simple problem fixed at once, before any owner is known",
    ),
    "cmd.outfall.complete": (
        "整治完成：提交佐证并标记为已整治",
        "works done: evidence, then remediated",
    ),
    "cmd.outfall.retest_result": ("复测结果", "re-test result"),
    "cmd.outfall.retest_passed": ("复测是否达标", "whether the re-test passed"),
    "cmd.outfall.signoff": ("销号签认", "closing sign-off"),
    "cmd.outfall.signoff_long": (
        "县级预销号（--level county）或市级销号（--level city）",
        "the county's pre-closing (--level county) or the city's closing (--level city)",
    ),
    "cmd.outfall.level": ("county 或 city", "county or city"),
    "cmd.outfall.by": ("签认人", "signed by"),
    "cmd.outfall.settle": (
        "销号后处理：规范整治的转入长效监管，取缔或合并的注销",
        "after closing: standardised outfalls stay in service, banned or merged ones are abolished",
    ),
    "outfall.bad_date": ("{option} 的日期“{value}”无法识别", "{option}: “{value}” is not a date"),
    "outfall.bad_set": (
        "“{item}”应写成 字段=值",
        "“{item}” should be FIELD=VALUE",
    ),
    "outfall.bad_state": (
        "无法识别的状态“{state}”；可用：{options}",
        "“{state}” is not a state; use one of: {options}",
    ),
    "outfall.bad_choice": (
        "{option} 的值“{value}”无法识别；可用：{options}",
        "{option}: “{value}” is not one of: {options}",
    ),
    "outfall.backstop_command": (
        "政府兜底请使用 inspector outfall backstop",
        "For the government backstop use inspector outfall backstop",
    ),
    "outfall.no_owner": ("排污口 {code} 还没有认定责任主体", "Outfall {code} has no owner yet"),
    "outfall.plan_empty": (
        "请至少给出一项方案内容（如 --measure、--deadline）",
        "Give at least one part of the plan (such as --measure or --deadline)",
    ),
    "outfall.annotation_reason": ("记录排污许可证载明情况", "Permit annotation recorded"),
    "outfall.out.stepped": ("{code}：{current} → {target}", "{code}: {current} → {target}"),
    "outfall.out.edited": ("{code}：已修改", "{code}: changed"),
    "outfall.out.owner": ("{code}：责任主体为 {owner}", "{code}: owner is {owner}"),
    "outfall.out.annotated": (
        "已记录 {owner} 的排污许可证载明情况",
        "Permit annotation of {owner} recorded",
    ),
    "outfall.out.traced": ("{code}：已新增溯源记录", "{code}: trace record added"),
    "outfall.out.planned": ("{code}：整治方案已保存", "{code}: remediation plan saved"),
    "outfall.out.completed": ("{code}：已整治", "{code}: remediated"),
    "outfall.out.signed_county": ("{code}：县级预销号", "{code}: pre-closed by the county"),
    "outfall.out.signed_city": ("{code}：市级销号", "{code}: closed by the city"),
    "outfall.out.settled": ("{code}：{state}", "{code}: {state}"),
    "outfall.out.remediation": (
        "整治：{measure}，时限 {deadline}",
        "Remediation: {measure}, due {deadline}",
    ),
    # -- inspections from the command line -----------------------------------------------------
    "cmd.inspection": (
        "检查记录：逐条录入或从文件导入",
        "inspections: record one, or import a file of them",
    ),
    "cmd.inspection.record": ("录入一次检查", "record one inspection"),
    "cmd.inspection.record_long": (
        "录入一次检查，其他字段用 --set 字段=值（如 --set sampled=是 --set ph=7.2），校验与检查表单相同",
        "record one inspection; other fields with --set FIELD=VALUE (e.g. --set sampled=yes "
        "--set ph=7.2), checked as the inspection form checks them",
    ),
    "cmd.inspection.at": ("开始时间（本地时间）", "when it started (local time)"),
    "cmd.inspection.who": ("检查人员，逗号或顿号分隔", "inspectors, separated by commas"),
    "cmd.inspection.set": ("字段=值，可重复", "FIELD=VALUE, repeatable"),
    "cmd.inspection.import": (
        "从 JSON、CSV 或 XLSX 文件导入检查记录",
        "import inspections from a JSON, CSV or XLSX file",
    ),
    "cmd.inspection.import_long": (
        "从文件导入检查记录：每条须有排污口编码（outfall 或“排污口编码”），其余键为字段名或其中英文"
        "名称；全部通过才写入，逐条列出问题",
        "import inspections: each record names its outfall (outfall or 排污口编码); the other "
        "keys are field names or their Chinese or English labels; all or none, every bad "
        "record listed",
    ),
    "cmd.inspection.file": ("文件（.json、.csv 或 .xlsx）", "the file (.json, .csv or .xlsx)"),
    "cmd.inspection.list": ("列出排污口的检查记录", "list an outfall's inspections"),
    "inspection.import_reason": ("从 {file} 导入检查记录", "Inspections imported from {file}"),
    "inspection.record_problem": ("第 {record} 条：{message}", "Record {record}: {message}"),
    "inspection.unknown_keys": ("无法识别的字段：{keys}", "fields not recognised: {keys}"),
    "inspection.no_outfall": ("没有排污口编码", "no outfall code"),
    "inspection.no_records": ("{file} 中没有检查记录", "{file} holds no inspections"),
    "inspection.bad_json": ("{file} 不是有效的 JSON：{error}", "{file} is not valid JSON: {error}"),
    "inspection.json_shape": (
        "{file} 应为检查记录的列表（或含 inspections 列表的对象）",
        "{file} should hold a list of inspections (or an object with an inspections list)",
    ),
    "inspection.file_format": (
        "{file} 不是 .json、.csv 或 .xlsx 文件",
        "{file} is not a .json, .csv or .xlsx file",
    ),
    "inspection.refused": (
        "{file} 有 {count} 条记录有问题，未导入任何记录：",
        "{file} has {count} bad records; nothing was imported:",
    ),
    "inspection.out.recorded": ("{code}：已录入检查 {id}", "{code}: inspection {id} recorded"),
    "inspection.out.imported": (
        "已从 {file} 导入 {count} 条检查记录",
        "{count} inspections imported from {file}",
    ),
    "inspection.out.checked": (
        "{file} 的 {count} 条检查记录均无问题（试运行，未写入）",
        "All {count} inspections in {file} are good (dry run: nothing written)",
    ),
    # -- the verifiable draw and the roster ----------------------------------------------------
    "cmd.plan.inspectors_or_roster": (
        "检查人员库：姓名以逗号或顿号分隔，或 @文件（每行一人）；不给出时使用本县执法人员名录库",
        "inspector pool: names separated by commas, or @FILE with one per line; without it "
        "the county's roster (执法人员名录库) is used",
    ),
    "cmd.plan.verify_long": (
        "用计划保存的输入重新抽取并核对；或用 --published 从公开文件单独核对（无需数据库）",
        "re-run the draw from the plan's stored inputs and compare; or, with --published, "
        "from a published file alone (no database needed)",
    ),
    "cmd.plan.published": (
        "公开的结果文件（.xlsx、.md）或抽取记录（.json）",
        "a published result file (.xlsx, .md) or draw record (.json)",
    ),
    "plan.verify_one_of": (
        "请只给出计划编号或 --published 文件之一",
        "Give either a plan or --published FILE, not both",
    ),
    "plan.verify_what": (
        "请给出计划编号，或用 --published 给出公开文件",
        "Give a plan, or a published file with --published",
    ),
    "plan.roster_too_small": (
        "{county}的执法人员名录库只有 {size} 人；请用 inspector roster add 补充，或用 --inspectors 给出人员",
        "The roster of {county} has {size} people; add some with inspector roster add, or "
        "give --inspectors",
    ),
    "plan.duplicate_code": (
        "有两个排污口使用同一编码 {code}，抽取无法按公开编码进行；请先更正编码",
        "Two outfalls share the code {code}: the draw ranks by public code; correct the code first",
    ),
    "plan.record_not_a_record": (
        "该文件不是抽取记录",
        "This is not a draw record",
    ),
    "plan.record_newer": (
        "抽取记录的版本 {version} 比本程序新，请升级后再核对",
        "The draw record is of a newer version ({version}); upgrade to check it",
    ),
    "plan.record_unusable": (
        "抽取记录不完整，无法重新抽取",
        "The draw record is incomplete: the draw cannot be re-run from it",
    ),
    "plan.record_unreadable": (
        "{file} 中找不到可读的抽取记录",
        "{file} holds no readable draw record",
    ),
    "plan.record_in_csv": (
        "CSV 结果文件不含抽取记录，请核对旁边的 {beside}",
        "A CSV result holds no draw record; check {beside} beside it",
    ),
    "plan.record_format": (
        "{file} 不是 .xlsx、.md 或 .json 文件",
        "{file} is not a .xlsx, .md or .json file",
    ),
    "plan.out.published_verified": (
        "核对无误：按 {algorithm} 从 {candidates} 个候选排污口重新抽取，得到公开的 {count} 个条目",
        "Verified: re-drawn by {algorithm} from {candidates} candidates, the draw gives the "
        "{count} published items",
    ),
    "plan.out.published_differs": (
        "与公开名单不一致：{matching}/{expected} 条一致；缺少 {missing}；多出 {extra}；"
        "位置或日期不同 {changed}；候选名单指纹一致：{digest}",
        "The published list differs: {matching} of {expected} items match; missing {missing}; "
        "extra {extra}; moved or re-dated {changed}; candidate fingerprint matches: {digest}",
    ),
    "plan.out.record_beside": ("抽取记录已写入 {file}", "The draw record went to {file}"),
    "publish.candidates": (
        "候选名单（{count} 个排污口，种子 {seed}，算法 {algorithm}）",
        "Candidates ({count} outfalls, seed {seed}, algorithm {algorithm})",
    ),
    "publish.candidates_sheet": ("候选名单", "Candidates"),
    "publish.record": ("抽取记录", "Draw record"),
    "publish.cand.code": ("排污口编码", "Outfall code"),
    "publish.cand.stratum": ("分层", "Stratum"),
    "publish.cand.drawn": ("抽中", "Drawn"),
    "cmd.roster": (
        "执法人员名录库：双随机抽取的检查人员",
        "inspector roster (执法人员名录库): the people double-random draws pair up",
    ),
    "cmd.roster.add": ("加入名录库", "add people to a county's roster"),
    "cmd.roster.add_long": (
        "把人员加入本县执法人员名录库；已在库中的不重复加入",
        "add people to a county's roster; those already on it are left as they are",
    ),
    "cmd.roster.names": (
        "姓名（可用逗号或顿号分隔多人）",
        "names (several may be comma-separated)",
    ),
    "cmd.roster.name": ("姓名", "name"),
    "cmd.roster.certificate": ("执法证号（只加一人时）", "certificate number (one person only)"),
    "cmd.roster.unit": ("单位", "unit"),
    "cmd.roster.list": ("列出名录库", "list the roster"),
    "cmd.roster.remove": ("移出名录库", "take a person off a county's roster"),
    "roster.no_names": ("请给出至少一个姓名", "Give at least one name"),
    "roster.certificate_for_one": (
        "执法证号只能在加入一人时给出",
        "A certificate number goes with one person only",
    ),
    "roster.not_member": (
        "{name} 不在 {county} 的名录库中",
        "{name} is not on the roster of {county}",
    ),
    "roster.reason_add": ("加入执法人员名录库", "Added to the inspector roster"),
    "roster.reason_remove": ("移出执法人员名录库", "Taken off the inspector roster"),
    "roster.out.added": (
        "已加入 {count} 人（{skipped} 人已在库中）",
        "{count} added ({skipped} already on the roster)",
    ),
    "roster.out.none": ("名录库中还没有人员", "The roster is empty"),
    "roster.out.removed": ("已将 {name} 移出名录库", "{name} taken off the roster"),
    # -- dialogs ---------------------------------------------------------------------------
    "owner.backstop.intro_body": (
        "查不到排放主体时，由{body}作为责任主体（政府兜底）。须先有一条结果为“未查明责任主体”的溯源记录。",
        "When no emitter can be found, {body} answers for the outfall (政府兜底). A trace "
        "record whose result is “No owner found” must come first.",
    ),
    "owner.backstop.intro_unknown": (
        "查不到排放主体时，由本地区的兜底主体作为责任主体（政府兜底）；参考数据中尚未给出该主体。",
        "When no emitter can be found, the region's backstop body answers (政府兜底); the "
        "reference data does not name it yet.",
    ),
    "rem.transition_hint": (
        "过渡期内不算逾期；不得早于整治时限",
        "Not overdue while it runs; not before the deadline",
    ),
    "rem.immediate_hint": (
        "问题简单、可立即整改时勾选：无需先认定责任主体",
        "For a simple problem fixed at once: no owner needed first",
    ),
    "pui.draw.inspectors_or_roster": (
        "以顿号或逗号分隔，至少两人；留空则用本县执法人员名录库",
        "separated by commas, two at least; blank: the county's roster",
    ),
    "plan.draw.unknown_algorithm": (
        "本程序不认识抽取算法 {algorithm}，请升级后再核对",
        "This program does not know the draw algorithm {algorithm}; upgrade to check it",
    ),
    "dash.retained": (
        "另有 {count} 个排污口凭设置审批或登记直接保留，无需整治：单独计数，不计入已整治或已销号",
        "{count} more outfalls are kept on their setting approval or registration without works: "
        "counted apart, never as remediated or closed",
    ),
    "report.col.retained": ("保留（无需整治）", "Retained, no works"),
    "owner.annotation.placeholder": (
        "园区外同一企业两个及以上排污口时填写，如：许可证副本载明 DW001、DW002",
        "for an enterprise with two or more outfalls outside a park, e.g. permit lists DW001, DW002",
    ),
}
