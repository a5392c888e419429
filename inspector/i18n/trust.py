"""Messages of sync trust and authority: refused operations, roles and regions, signed
checkpoints and registrations, clocks and their repair."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- a refused bundle ----------------------------------------------------------------
    "refusal.bundle": (
        "同步包 {file}（来自 {source}）已拒绝，未做任何更改：{items}",
        "The bundle {file} from {source} was refused and nothing was changed: {items}",
    ),
    "refusal.item": (
        "{where}：{detail}（{origin} 的第 {seq} 项变更）",
        "{where}: {detail} (change {seq} by {origin})",
    ),
    "refusal.item_bare": (
        "{detail}（{origin} 的第 {seq} 项变更）",
        "{detail} (change {seq} by {origin})",
    ),
    "refusal.item_reference": ("{where}：{detail}", "{where}: {detail}"),
    "refusal.more": ("另有更多问题未列出", "and more not listed"),
    "refusal.value": ("{message}（收到 {value}）", "{message} (it says {value})"),
    "refusal.incomplete": (
        "新记录缺少必填项“{field}”",
        "a new record without its required {field}",
    ),
    "refusal.clock": (
        "其时间比本机时钟超前约 {ahead} 天，最多只接受超前一天；请 {origin} 校正日期，再运行 inspector doctor --repair-clock",
        "its time is about {ahead} days ahead of this computer's clock, and at most one day ahead is accepted; {origin} should correct its date, then run inspector doctor --repair-clock",
    ),
    "refusal.foreign_id": (
        "其编号属于另一台副本做出的变更",
        "its id belongs to a change another replica made",
    ),
    "refusal.own_name": (
        "它以本机的名义做出，但本机从未做过这项变更",
        "it is in this replica's own name, but this replica never made it",
    ),
    "refusal.unsigned": (
        "{origin} 的签名不包含这项变更",
        "{origin}'s signature does not cover it",
    ),
    "refusal.unknown_origin": (
        "它由 {origin} 做出，但本机不知道 {origin} 的密钥；请先导入 {origin} 本身或市局中心库的同步包",
        "it was made by {origin}, whose key this replica does not know; import a bundle from {origin} itself or from the central record first",
    ),
    "refusal.differs_from_held": (
        "它与本机已有的同一位置的变更不同（冒名）",
        "it differs from the change this replica already holds in its place (a forgery)",
    ),
    "refusal.signature": (
        "{origin} 的变更与其签名不符",
        "the changes of {origin} do not match its signature",
    ),
    "refusal.bad_checkpoint": (
        "{origin} 的签名无效",
        "the signature of {origin} does not verify",
    ),
    "refusal.colliding_id": (
        "其编号 {op_id} 已被另一项变更使用",
        "its id {op_id} is already used by another change",
    ),
    "refusal.reference": (
        "“{field}”指向的{target}记录 {value} 并不存在",
        "{field} names a {target} record, {value}, that exists nowhere",
    ),
    "refusal.forged_base": (
        "它声称所改的状态来自一项并非本排污口状态的变更，以此挑选评判这一步的起点",
        "it claims to replace a state that no earlier change of this outfall set, which would let it choose the step it is judged by",
    ),
    "refusal.basis": (
        "“{field}”为空，而认定弄虚作假、不参加考核和不可抗力调整都须写明依据",
        "its {field} is empty, and a falsification finding, an exclusion or an adjustment needs one",
    ),
    "error.not_canonical": (
        "“{field}”的写法不是本程序保存的写法",
        "{field} is not in the form this program stores",
    ),
    # -- authority -----------------------------------------------------------------------
    "authority.refused": (
        "{record}：{detail}；未做任何更改",
        "{record}: {detail}; nothing was changed",
    ),
    "authority.outside_region": (
        "不在{role}的辖区（{region}）内，{role}只能修改本辖区的记录",
        "it lies outside region {region}, and a {role} of that region may change only records within it",
    ),
    "authority.no_region": (
        "{role}的辖区尚未登记",
        "no region is recorded for this {role}",
    ),
    "authority.county_signoff_role": (
        "县级预销号只能由县区分局或市局中心库签署，{role}不能签署",
        "only a county office or the city's central record may sign the county's pre-closing, not a {role}",
    ),
    "authority.city_signoff_role": (
        "市级销号只能由市局中心库签署，{role}不能签署",
        "only the city's central record may sign the closing, not a {role}",
    ),
    "authority.pre_close_role": (
        "只有县区分局或市局中心库可以预销号，{role}不能",
        "only a county office or the city's central record may pre-close an outfall, not a {role}",
    ),
    "authority.close_role": (
        "只有市局中心库可以销号，{role}不能",
        "only the city's central record may close an outfall, not a {role}",
    ),
    "authority.skipped_steps": (
        "跳过了到达该状态前必经的步骤",
        "it jumps past the steps that lead to that state",
    ),
    "authority.missing_county_signoff": (
        "缺少县级预销号签字",
        "the county's pre-closing sign-off is missing",
    ),
    "authority.missing_city_signoff": (
        "缺少市级销号签字",
        "the city's closing sign-off is missing",
    ),
    # -- keys and bundles ----------------------------------------------------------------
    "sync.key_not_ours": (
        "密钥文件 {path} 属于另一台副本（指纹 {theirs}），不是本数据库的副本 {name}（指纹 {ours}）；用它签名的同步包会被所有副本拒绝，因此未写出任何文件",
        "The key file {path} belongs to another replica (fingerprint {theirs}), not to this database's replica {name} (fingerprint {ours}); every peer would refuse a bundle signed with it, so nothing was written",
    ),
    "sync.bundle_unsigned_version": (
        "同步包 {file} 由旧版排污口巡查写出，其中的变更没有逐项签名，已拒绝，未做任何更改；请在导出它的电脑上升级后重新导出",
        "The bundle {file} was written by an earlier version of Outfall Inspector, whose changes are not signed one by one; it was refused and nothing was changed. Update Outfall Inspector where it was made and export again",
    ),
    "sync.claims_changed": (
        "同步包 {file} 的发送方在本机登记为 {name}（{role}），但它现在自称 {claimed_name}（{claimed_role}），已拒绝，未做任何更改；只有确认过这一变更的人才能用 --trust 导入",
        "The bundle {file} comes from {name}, recorded here as a {role}, which now calls itself {claimed_name} ({claimed_role}); it was refused and nothing was changed. Import it with --trust only if a person confirmed that change",
    ),
    "sync.trust.claims_changed": (
        "发送方自称的角色或辖区与本机登记的不同；确认后才能用 --trust 导入",
        "The sender now claims a role or region other than the one recorded here; import with --trust only once that is confirmed",
    ),
    "sync.bad_registration": (
        "同步包 {file} 中市局中心库对 {name} 的登记签名无效，已拒绝，未做任何更改",
        "The bundle {file} holds a registration of {name} whose central record's signature does not verify; it was refused and nothing was changed",
    ),
    "sync.exported_missing_photos": (
        "有 {count} 张照片原件应随包发送，但本机照片库中没有（{shas}）；找回后会随下一个发往同一副本的同步包发送",
        "{count} photo originals this bundle should carry are not in the photo store here ({shas}); they go with the next bundle to the same replica once they are back",
    ),
    "sync.exported_unsigned": (
        "另有 {count} 项其他副本在升级前做出的变更未经其签名，保留在本机而未转发（由其本身升级后发送）",
        "{count} changes other replicas made before signing existed are kept here but not relayed (each replica sends its own once upgraded)",
    ),
    # -- clocks --------------------------------------------------------------------------
    "clock.exhausted": (
        "数据库 {path} 的时钟已被旧版本接受的异常时间推到尽头，无法再记录变更；请运行 inspector doctor --repair-clock（会先备份）",
        "The clock of the database {path} was pushed to its end by a time an earlier version accepted, so no change can be recorded; run inspector doctor --repair-clock (it makes a backup first)",
    ),
    "clock.poisoned_export": (
        "数据库 {path} 的时钟比本机时间超前一天以上，其他副本会拒绝其变更，未写出同步包；请校正本机日期后运行 inspector doctor --repair-clock",
        "The clock of the database {path} is more than a day ahead of this computer's, so every other replica would refuse its changes; no bundle was written. Correct this computer's date, then run inspector doctor --repair-clock",
    ),
    "doctor.check.clock": ("时钟未被异常时间污染", "Clock not poisoned by impossible times"),
    "doctor.detail.clock_poisoned": (
        "{count} 项变更的时间超出本机时钟一天以上（最晚 {latest}）；运行 inspector doctor --repair-clock 修复",
        "{count} changes are stamped more than a day ahead of this computer's clock (the latest {latest}); run inspector doctor --repair-clock to repair",
    ),
    "doctor.detail.clock_meta": (
        "时钟本身超前（{latest}）；运行 inspector doctor --repair-clock 修复",
        "the clock itself is ahead ({latest}); run inspector doctor --repair-clock to repair",
    ),
    "doctor.detail.clock_repaired": (
        "已将 {count} 项变更的时间改回其编号记录的时刻，原值保存在 clock_repair 表中；备份 {backup}",
        "{count} changes were restamped with the moment their ids record, the old values kept in the clock_repair table; backup {backup}",
    ),
    "doctor.check.signatures": (
        "其他副本的变更已有其签名",
        "Other replicas' changes signed by them",
    ),
    "doctor.detail.unsigned": (
        "{origin} 的 {count} 项旧变更尚无其签名（保留，不转发，待其升级后确认）",
        "{count} older changes of {origin} are not signed by it yet (kept, not relayed, confirmed once it upgrades)",
    ),
    "cmd.doctor.repair_clock": (
        "修复被异常时间污染的时钟（先备份；不删除任何变更）",
        "repair a clock poisoned by impossible times (backs up first; no change is lost)",
    ),
    # -- revoked replicas -----------------------------------------------------------------
    "cmd.bundle.revoke": (
        "停止信任某个副本（丢失、被盗或从旧备份恢复的笔记本）：保留其截至某一序号的变更，此后的一概不收；在市局中心库上执行时签名并随同步包传给各副本",
        "stop trusting a replica (a lost or stolen laptop, or one restored from an old backup): its changes up to a sequence stay, none after is taken; on the central record the decision is signed and travels in bundles to every replica",
    ),
    "cmd.bundle.revoke.replica": (
        "要撤销信任的副本（编号、编号前缀或名称）",
        "the replica to revoke (id, id prefix or name)",
    ),
    "cmd.bundle.revoke.reason": (
        "原因（每次拒收其同步包时都会显示）",
        "why (shown whenever one of its bundles is refused)",
    ),
    "cmd.bundle.revoke.through": (
        "保留其变更至此序号（默认：本机已有的全部）",
        "keep its changes up to this sequence (default: all held here)",
    ),
    "cmd.bundle.revoke.yes": (
        "确认撤销（不加此项只说明将发生什么，不做更改）",
        "confirm (without it, only say what would happen and change nothing)",
    ),
    "revoke.self": ("不能撤销对本机自身的信任", "This replica cannot revoke itself"),
    "revoke.through_beyond": (
        "本机有 {name} 的 {held} 项变更，保留序号 {through} 超出范围（应在 0 到 {held} 之间）",
        "This replica holds {held} changes of {name}; keeping them through {through} is out of range (give 0 to {held})",
    ),
    "revoke.already": (
        "{name} 已于 {at} 被撤销信任，只保留至第 {through} 项变更；撤销只能收紧（给出更小的 --through）",
        "{name} was already revoked on {at}, keeping its changes through {through}; a revocation can only be tightened (give a smaller --through)",
    ),
    "revoke.reason_empty": (
        "请说明撤销的原因（如“笔记本丢失”），它会随每次拒收一起显示",
        'Give a reason for the revocation (e.g. "laptop lost"); it is shown with every refusal',
    ),
    "revoke.reason_long": ("原因最多 {most} 个字", "The reason may be at most {most} characters"),
    "revoke.plan": (
        "将撤销对 {name}（{role}）的信任：本机已有其 {held} 项变更，保留至第 {through} 项（这些是真实的工作，照常保留和转发）；此后它的变更一概不收，它自己签名的同步包一律拒收",
        "This would revoke {name} ({role}): of its {held} changes held here, those through {through} stay and are relayed as before (they were real work); nothing newer from it is taken, and every bundle it signs is refused",
    ),
    "revoke.plan_signed": (
        "本机是市局中心库：撤销将签名，并随此后导出的每个同步包传给各副本，它们导入后也停止信任 {name}",
        "This is the central record: the revocation is signed and goes with every bundle exported from here, so each replica that imports one stops trusting {name} too",
    ),
    "revoke.ask": (
        "未做任何更改；确认无误后加 --yes 再运行一次",
        "Nothing was changed; run again with --yes to revoke",
    ),
    "revoke.done": (
        "已撤销对 {name} 的信任：保留其至第 {through} 项的变更，此后的不再接收",
        "{name} is revoked: its changes through {through} stay, nothing newer is taken",
    ),
    "sync.revoked": (
        "同步包 {file} 由 {name} 签名，本机已于 {at} 停止信任它（原因：{reason}；只保留其至第 {through} 项的变更），已拒绝，未做任何更改",
        "The bundle {file} is signed by {name}, which this replica stopped trusting on {at} (reason: {reason}; its changes through {through} are kept); it was refused and nothing was changed",
    ),
    "sync.trust.revoked": (
        "本机已停止信任该来源，同步包会被拒绝",
        "This replica no longer trusts the source; the bundle is refused",
    ),
    "sync.bad_revocation": (
        "同步包 {file} 中市局中心库的撤销信任声明签名无效，已拒绝，未做任何更改",
        "The bundle {file} holds a revocation whose central record's signature does not verify; it was refused and nothing was changed",
    ),
    "sync.passed_over": (
        "另有 {count} 项已撤销信任副本在其保留序号之后的变更未接收",
        "{count} changes by revoked replicas, made after the point each is kept to, were not taken",
    ),
    # -- revoking from the Sync screen -----------------------------------------------------
    "key.revoke_replica": ("撤销信任", "Revoke"),
    "syncui.replicas": ("已知副本", "Known replicas"),
    "syncui.col.role": ("角色", "Role"),
    "syncui.col.trust": ("信任", "Trust"),
    "syncui.trust.trusted": ("受信任", "trusted"),
    "syncui.trust.untrusted": ("未信任（仅见过名称）", "not trusted (only its name seen)"),
    "syncui.trust.revoked": (
        "{at} 起不再信任，保留至第 {through} 项：{reason}",
        "revoked on {at}, kept through change {through}: {reason}",
    ),
    "syncui.revoke.button": (
        "撤销所选副本的信任…（Ctrl+Y）",
        "Revoke the selected replica… (Ctrl+Y)",
    ),
    "syncui.revoke.hint": (
        "笔记本丢失、被盗或从旧备份恢复时使用：其已有的工作保留，此后的变更和它签名的同步包一概不收",
        "For a laptop lost, stolen or restored from an old backup: its work held here stays; nothing newer from it, and no bundle it signs, is taken",
    ),
    "syncui.revoke.title": (
        "撤销对 {name} 的信任？此操作无法撤回",
        "Revoke {name}? This cannot be undone",
    ),
    "syncui.revoke.reason": ("原因（必填）", "Reason (required)"),
    "syncui.revoke.yes": ("撤销信任", "Revoke"),
}
