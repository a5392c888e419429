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
}
