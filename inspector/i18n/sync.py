"""Messages of sync bundles, trust, merge and conflicts."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- commands ------------------------------------------------------------------------------
    "cmd.bundle": ("同步包的导出、导入与校验", "export, import and check sync bundles"),
    "cmd.bundle.export": (
        "导出同步包：默认包含市局中心库尚未收到的全部变更",
        "write a sync bundle: by default everything the central record has not received",
    ),
    "cmd.bundle.import": (
        "校验并导入同步包（全部或不导入）",
        "verify and apply a sync bundle (all of it or nothing)",
    ),
    "cmd.bundle.verify": ("校验同步包但不导入", "check a sync bundle without applying it"),
    "cmd.bundle.history": ("已发送和已接收的同步包", "bundles sent and received"),
    "cmd.bundle.status": (
        "本机副本、已知副本及已安全到达中心库的记录",
        "this replica, the replicas it knows, and what is safely at the centre",
    ),
    "cmd.bundle.pending": (
        "列出中心库尚未确认收到的本机记录",
        "list this replica's records the centre has not acknowledged",
    ),
    "cmd.bundle.file": ("同步包文件", "the bundle file"),
    "cmd.bundle.to": (
        "只导出该副本（编号、编号前缀或名称）尚缺的变更",
        "only what this replica (id, id prefix or name) lacks",
    ),
    "cmd.bundle.all": ("导出全部变更", "include every change held here"),
    "cmd.bundle.encrypt_to": (
        "为该副本加密，只有它能读取",
        "encrypt for this replica: only it can read the bundle",
    ),
    "cmd.bundle.trust": (
        "首次接收时信任来源的密钥（请先核对指纹）",
        "trust the source's key on first contact (compare its fingerprint first)",
    ),
    "cmd.bundle.dry_run": (
        "预览：显示导入将带来的变化，不做任何更改",
        "preview: show what importing would change, change nothing",
    ),
    "cmd.conflicts": ("并发编辑冲突", "conflicting concurrent edits"),
    "cmd.conflicts.list": ("列出未处理的冲突", "list open conflicts"),
    "cmd.conflicts.all": ("包括已处理的", "include resolved ones"),
    "cmd.conflicts.resolve": (
        "处理冲突：确认当前值或恢复另一值",
        "resolve a conflict: keep the current value or restore the other one",
    ),
    "cmd.conflicts.id": ("冲突编号（或其前 8 位）", "the conflict id (or its first 8 characters)"),
    "cmd.conflicts.keep": ("确认当前值", "keep the current value"),
    "cmd.conflicts.reverse": ("恢复被覆盖的另一值", "restore the other value"),
    "cmd.conflicts.note": ("说明（记入变更历史）", "a note (kept in the change history)"),
    "cmd.duplicates": ("疑似重复登记的排污口", "outfalls possibly registered twice"),
    "cmd.duplicates.list": ("列出疑似重复", "list possible duplicates"),
    "cmd.duplicates.merge": (
        "合并一对重复排污口：子记录转到保留的一条，另一条注销并保留历史",
        "merge a duplicate pair: records move to the kept outfall, the other is retired with its history",
    ),
    "cmd.duplicates.dismiss": ("确认不是重复", "mark a pair as not a duplicate"),
    "cmd.duplicates.id": (
        "疑似重复编号（或其前 8 位）",
        "the pair's id (or its first 8 characters)",
    ),
    "cmd.duplicates.keep": (
        "保留哪一条（编号或排污口编码；默认先登记的一条）",
        "which outfall to keep (id or code; default: the one registered first)",
    ),
    "progress.writing": ("写入 {name}", "Writing {name}"),
    # -- export and import ---------------------------------------------------------------------
    "sync.anyone": ("任意副本", "any replica"),
    "sync.exported": (
        "已写入 {file}：{operations} 项变更，{photos} 张照片，发往 {target}",
        "Wrote {file}: {operations} changes and {photos} photos for {target}",
    ),
    "sync.exported_sealed": ("已加密，只有 {name} 能读取", "Encrypted: only {name} can read it"),
    "sync.imported": (
        "已导入 {file}（来自 {source}）：新变更 {applied:,} 项（已有 {held:,} 项），新记录 {created:,} 条，更新记录 {changed:,} 条（{fields:,} 个字段），冲突 {conflicts} 个，疑似重复 {duplicates} 对，照片 {photos} 张",
        "Imported {file} from {source}: {applied:,} new changes ({held:,} already held), {created:,} new records, {changed:,} records updated ({fields:,} fields), {conflicts} conflicts, {duplicates} possible duplicates, {photos} photos",
    ),
    "sync.previewed": (
        "预览 {file}（来自 {source}），未做任何更改：新变更 {applied:,} 项（已有 {held:,} 项），新记录 {created:,} 条，更新记录 {changed:,} 条（{fields:,} 个字段），冲突 {conflicts} 个，疑似重复 {duplicates} 对，照片 {photos} 张",
        "Preview of {file} from {source}, nothing changed: {applied:,} new changes ({held:,} already held), {created:,} new records, {changed:,} records updated ({fields:,} fields), {conflicts} conflicts, {duplicates} possible duplicates, {photos} photos",
    ),
    "sync.conflict_line": (
        "冲突：{entity} {row} 的“{field}”保留“{kept}”，另一值“{other}”",
        "Conflict: {entity} {row}, {field}: kept “{kept}”, other value “{other}”",
    ),
    "sync.conflicts_hint": (
        "请用 inspector conflicts list 查看并处理冲突",
        "Review them with inspector conflicts list",
    ),
    "sync.duplicates_hint": (
        "发现 {count} 对疑似重复登记的排污口，请用 inspector duplicates list 查看",
        "{count} possible duplicate outfalls found; see inspector duplicates list",
    ),
    "sync.replay": (
        "{file} 此前已导入，未做任何更改",
        "{file} was imported before; nothing changed",
    ),
    "sync.verified": (
        "{file} 完好且签名有效：来自 {source}（{role}），{operations} 项变更，{photos} 张照片，密钥指纹 {fingerprint}",
        "{file} is intact and correctly signed: from {source} ({role}), {operations} changes, {photos} photos, key fingerprint {fingerprint}",
    ),
    "sync.trust.trusted": ("来源密钥已受信任", "The source's key is trusted"),
    "sync.trust.unknown": (
        "首次接收该来源：请与对方核对密钥指纹 {fingerprint}，一致后用 --trust 导入",
        "First contact with this source: compare the key fingerprint {fingerprint} with its owner, then import with --trust",
    ),
    "sync.trust.key_mismatch": (
        "该副本此前使用的是另一把密钥，同步包被拒绝",
        "This replica used a different key before; the bundle is refused",
    ),
    "sync.already_imported": ("此同步包已导入过", "This bundle has been imported already"),
    "sync.verify_missing": (
        "导入前需要先导入更早的同步包（缺少 {count} 个来源的变更）",
        "Earlier bundles must be imported first (changes missing from {count} sources)",
    ),
    "sync.no_history": ("尚未发送或接收同步包", "No bundles sent or received yet"),
    "sync.history.sent": (
        "{at} 发送 {file} 至 {peer}：{operations} 项变更，{photos} 张照片",
        "{at} sent {file} to {peer}: {operations} changes, {photos} photos",
    ),
    "sync.history.received": (
        "{at} 接收 {file} 自 {peer}：{operations} 项新变更，{photos} 张照片，{conflicts} 个冲突",
        "{at} received {file} from {peer}: {operations} new changes, {photos} photos, {conflicts} conflicts",
    ),
    "sync.status_self": (
        "本机副本 {name}，密钥指纹 {fingerprint}",
        "This replica: {name}, key fingerprint {fingerprint}",
    ),
    "sync.status_peer": (
        "{name}（{role}）尚缺 {lacking} 项变更，指纹 {fingerprint}",
        "{name} ({role}) lacks {lacking} changes, fingerprint {fingerprint}",
    ),
    "sync.no_central": (
        "尚未收到市局中心库的同步包，无法确认哪些记录已到达中心",
        "No bundle from the central record yet: nothing is known to be safely at the centre",
    ),
    "sync.at_centre": (
        "本机记录中 {safe} 条已安全到达 {central}，{pending} 条尚待确认",
        "{safe} of this replica's records are safely at {central}; {pending} await its receipt",
    ),
    "sync.list_separator": ("；", "; "),
    "sync.needs_range": (
        "{origin}（{origin_id}）的第 {first} 至 {last} 项变更",
        "changes {first} to {last} of {origin} ({origin_id})",
    ),
    # -- refusals ------------------------------------------------------------------------------
    "sync.prerequisites": (
        "同步包 {file} 依赖本库尚未收到的变更：{needs}。请先导入包含这些变更的更早同步包，未做任何更改",
        "The bundle {file} builds on changes this database lacks: {needs}. Import the earlier bundle that carries them first; nothing was changed",
    ),
    "sync.not_a_bundle": (
        "{file} 不是同步包（不是完整的 ZIP 文件），未做任何更改",
        "{file} is not a sync bundle (not a complete ZIP file); nothing was changed",
    ),
    "sync.too_many_members": (
        "同步包 {file} 的成员超过 {limit} 个，已拒绝",
        "The bundle {file} has more than {limit} members; refused",
    ),
    "sync.duplicate_member": (
        "同步包 {file} 含有重名成员，已拒绝",
        "The bundle {file} has two members with the same name; refused",
    ),
    "sync.no_manifest": (
        "同步包 {file} 的开头不是清单及其签名，已拒绝",
        "The bundle {file} does not begin with its manifest and signature; refused",
    ),
    "sync.bad_member_name": (
        "同步包 {file} 含有不允许的成员名 {member}，已拒绝",
        "The bundle {file} has a member with a forbidden name, {member}; refused",
    ),
    "sync.bad_member_type": (
        "同步包 {file} 的成员 {member} 不是普通文件（链接、加密或未知压缩方式），已拒绝",
        "The bundle {file} has a member {member} that is not a plain file (a link, encrypted or oddly compressed); refused",
    ),
    "sync.overlapping_members": (
        "同步包 {file} 的成员 {member} 与其他成员重叠（疑似压缩炸弹），已拒绝",
        "The bundle {file} has overlapping members at {member} (a possible zip bomb); refused",
    ),
    "sync.manifest_too_big": (
        "同步包 {file} 的 {member} 超过 {limit} 字节上限，已拒绝",
        "The bundle {file} has a {member} larger than {limit} bytes; refused",
    ),
    "sync.bad_manifest": (
        "同步包 {file} 的清单无效（{detail}），已拒绝",
        "The bundle {file} has an invalid manifest ({detail}); refused",
    ),
    "sync.bad_signature": (
        "同步包 {file} 的签名与清单不符（可能被篡改），已拒绝",
        "The bundle {file} has a signature that does not match its manifest (it may have been altered); refused",
    ),
    "sync.unlisted_member": (
        "同步包 {file} 含有清单未列出的成员 {member}，已拒绝",
        "The bundle {file} holds a member its manifest does not list, {member}; refused",
    ),
    "sync.missing_member": (
        "同步包 {file} 缺少清单列出的成员 {member}，已拒绝",
        "The bundle {file} lacks the member {member} its manifest lists; refused",
    ),
    "sync.member_too_big": (
        "同步包 {file} 的成员 {member} 超过大小上限，已拒绝",
        "The bundle {file} has a member {member} over the size limit; refused",
    ),
    "sync.compression_ratio": (
        "同步包 {file} 的成员 {member} 压缩比异常（疑似压缩炸弹），已拒绝",
        "The bundle {file} has a member {member} with an implausible compression ratio (a possible zip bomb); refused",
    ),
    "sync.member_size": (
        "同步包 {file} 的成员 {member} 大小与清单不符，已拒绝",
        "The bundle {file} has a member {member} whose size differs from its manifest; refused",
    ),
    "sync.member_hash": (
        "同步包 {file} 的成员 {member} 内容与清单的校验值不符（已损坏或被篡改），已拒绝",
        "The bundle {file} has a member {member} whose SHA-256 differs from its manifest (damaged or altered); refused",
    ),
    "sync.member_damaged": (
        "同步包 {file} 的成员 {member} 已损坏，无法读取，已拒绝",
        "The bundle {file} has a damaged member {member} that cannot be read; refused",
    ),
    "sync.changed_while_reading": (
        "同步包 {file} 在导入过程中被更换，已拒绝，未做任何更改",
        "The bundle {file} was replaced while it was being imported; refused, nothing was changed",
    ),
    "sync.admission_killed": (
        "导入同步包 {file} 时，检查变更记录的进程被系统终止（信号 {signal}，常因内存不足），未做任何更改；请关闭其他程序后重试",
        "The process checking the changes of bundle {file} was stopped by the system (signal {signal}, often for want of memory); nothing was changed: close other programs and try again",
    ),
    "sync.admission_stopped": (
        "导入同步包 {file} 时，检查变更记录的进程意外退出（退出状态 {code}），未做任何更改；请重试",
        "The process checking the changes of bundle {file} ended unexpectedly (exit status {code}); nothing was changed, please try again",
    ),
    "sync.malformed_line": (
        "同步包 {file} 的 {member} 中有无法解析的变更记录，已拒绝",
        "The bundle {file} has an unreadable change in {member}; refused",
    ),
    "sync.malformed_ops": (
        "同步包中的变更记录无效（{detail}），已拒绝，未做任何更改",
        "The bundle holds an invalid change ({detail}); refused, nothing was changed",
    ),
    # What `sync.malformed_ops` found wrong ({detail}).
    "sync.malformed.shape": ("有一条变更的结构不对", "a change of the wrong shape"),
    "sync.malformed.envelope": (
        "变更 {op} 的编号、来源、序号、时间、操作人或原因不合规定",
        "the id, origin, sequence, time, author or reason of change {op} is not as required",
    ),
    "sync.malformed.table": ("未知的表 {table}", "unknown table {table}"),
    "sync.malformed.field": ("未知的字段 {field}", "unknown field {field}"),
    "sync.malformed.bases": (
        "{table} {row} 的变更所依据的版本不合规定",
        "the versions that a change of {table} {row} replaces are not as required",
    ),
    "sync.malformed.photo_id": ("照片编号 {row} 不是校验值", "photo id {row} is not a checksum"),
    "sync.malformed.order": ("变更未按时间顺序排列", "changes out of time order"),
    "sync.malformed.depth": ("有一条变更的值嵌套过深", "a change whose value is nested too deeply"),
    "sync.malformed.gap": (
        "{origin} 的变更在第 {seq} 条处不连续",
        "changes from {origin} skip to number {seq}",
    ),
    "sync.bundle_version": (
        "同步包 {file} 的格式版本 {version} 不受本程序支持，请升级程序",
        "The bundle {file} uses format version {version}, which this program does not support; upgrade the program",
    ),
    "sync.newer_schema": (
        "同步包 {file} 来自更新版本的程序（数据结构 {schema}），请先升级本程序",
        "The bundle {file} comes from a newer version of the program (schema {schema}); upgrade this program first",
    ),
    "sync.own_bundle": (
        "同步包 {file} 由本机副本导出，无需导入",
        "The bundle {file} was written by this replica; there is nothing to import",
    ),
    "sync.bundle_id_reused": (
        "同步包 {file} 的编号 {bundle_id} 已被另一个内容不同的包使用过，已拒绝",
        "The bundle {file} reuses the id {bundle_id} of a different bundle already imported; refused",
    ),
    "sync.key_mismatch": (
        "同步包 {file} 自称来自 {name}，但签名密钥与此前记录的不同，已拒绝",
        "The bundle {file} claims to come from {name} but is signed with a different key than before; refused",
    ),
    "sync.untrusted": (
        "同步包 {file} 来自尚未信任的副本 {name}，密钥指纹 {fingerprint}。与对方核对指纹一致后，用 --trust 导入",
        "The bundle {file} comes from {name}, which is not trusted yet; key fingerprint {fingerprint}. Compare it with its owner, then import with --trust",
    ),
    "sync.sealed_damaged": (
        "加密同步包 {file} 已损坏或被篡改，无法解密，已拒绝",
        "The encrypted bundle {file} is damaged or altered and cannot be decrypted; refused",
    ),
    "sync.sealed_for_other": (
        "加密同步包 {file} 是发给副本 {recipient} 的，本机无法解密",
        "The encrypted bundle {file} is for replica {recipient}; this one cannot decrypt it",
    ),
    "sync.cancelled": ("已取消，未做任何更改", "Cancelled; nothing was changed"),
    "sync.photo_damaged": (
        "照片库中的照片 {sha256} 已损坏（内容与名称不符），未导出；请运行 inspector doctor",
        "The stored photo {sha256} is damaged (its bytes no longer match its name) and was not exported; run inspector doctor",
    ),
    "sync.unknown_replica": ("不认识副本 {name}", "No known replica {name}"),
    "sync.ambiguous_replica": (
        "{name} 对应多个副本，请给出完整编号",
        "{name} matches several replicas; give the full id",
    ),
    "sync.export_is_directory": (
        "{path} 是目录，请给出同步包的文件名",
        "{path} is a folder; give a file name for the bundle",
    ),
    "sync.not_initialised": (
        "数据库 {path} 尚未命名副本，请先运行 inspector init",
        "The database {path} has no named replica yet; run inspector init first",
    ),
    "sync.export_to_self": (
        "不能向本机副本导出同步包",
        "A bundle cannot be addressed to this replica itself",
    ),
    "sync.no_public_key": (
        "尚不知道副本 {name} 的公钥，无法为其加密；请先导入一个来自它的同步包",
        "The public key of {name} is not known yet, so nothing can be encrypted for it; import a bundle from it first",
    ),
    # -- conflicts -----------------------------------------------------------------------------
    "conflict.none": ("没有未处理的冲突", "No open conflicts"),
    "conflict.line": (
        "[{id}] {record}：“{field}”当前为“{current}”（{current_origin}），另一值“{other}”（{other_origin}），{status}",
        "[{id}] {record}: {field} is “{current}” ({current_origin}); other value “{other}” ({other_origin}); {status}",
    ),
    "conflict.status.open": ("待处理", "open"),
    "conflict.status.kept": ("已确认当前值", "current value confirmed"),
    "conflict.status.reversed": ("已恢复另一值", "other value restored"),
    "conflict.status.settled": ("已在其他副本处理", "resolved on another replica"),
    "conflict.resolved.keep": (
        "已确认当前值，关闭 {count} 个冲突",
        "Current value confirmed; {count} conflicts closed",
    ),
    "conflict.resolved.reverse": (
        "已恢复另一值，关闭 {count} 个冲突",
        "Other value restored; {count} conflicts closed",
    ),
    "conflict.reversed_reason": (
        "处理同步冲突：恢复被并发编辑覆盖的值",
        "Sync conflict resolved: the overwritten value restored",
    ),
    "conflict.not_found": ("找不到冲突 {id}", "No conflict {id}"),
    "conflict.ambiguous": (
        "{id} 对应多个冲突，请给出更长的编号",
        "{id} matches several conflicts; give more of the id",
    ),
    "conflict.not_open": (
        "冲突 {id} 已处理（{status}）",
        "Conflict {id} is already resolved ({status})",
    ),
    "conflict.cannot_restore": (
        "无法恢复冲突 {id} 的另一值：{detail}",
        "The other value of conflict {id} cannot be restored: {detail}",
    ),
    "conflict.bad_decision": ("无效的处理方式 {decision}", "Unknown decision {decision}"),
    # -- duplicates ----------------------------------------------------------------------------
    "duplicate.none": ("没有疑似重复的排污口", "No possible duplicate outfalls"),
    "duplicate.line": ("[{id}] {reason}：{a} ⇄ {b}", "[{id}] {reason}: {a} ⇄ {b}"),
    "duplicate.reason.same_code": ("编码相同", "same code"),
    "duplicate.reason.same_national_code": ("国家统一编码相同", "same national code"),
    "duplicate.reason.nearby": ("同一河流上位置相距很近", "a few metres apart on the same river"),
    "duplicate.merge_reason": ("合并重复登记的排污口", "Merged a duplicate registration"),
    "duplicate.merged": (
        "已将 {merged} 合并到 {kept}，转移子记录 {moved} 条",
        "Merged {merged} into {kept}; {moved} records moved",
    ),
    "duplicate.dismissed": ("已确认 {id} 不是重复", "Marked {id} as not a duplicate"),
    "duplicate.not_found": ("找不到疑似重复 {id}", "No possible duplicate {id}"),
    "duplicate.ambiguous": (
        "{id} 对应多条，请给出更长的编号",
        "{id} matches several; give more of the id",
    ),
    "duplicate.not_open": (
        "疑似重复 {id} 已处理（{status}）",
        "The pair {id} is already settled ({status})",
    ),
    "duplicate.keep_unclear": (
        "{keep} 不是这对排污口中唯一的一条，请给出编号",
        "{keep} does not name exactly one outfall of the pair; give its id",
    ),
    "duplicate.outfall_missing": ("找不到排污口 {id}", "No outfall {id}"),
    "duplicate.outfall_gone": (
        "排污口 {code} 已注销或已被合并",
        "The outfall {code} is deleted or already merged",
    ),
    # -- field labels of sync data -------------------------------------------------------------
    "field.outfall.merged_into": ("已合并到", "Merged into"),
    "entity.conflict_resolution": ("冲突处理", "Conflict resolution"),
    "field.conflict_resolution.deleted": ("已删除", "Deleted"),
    "field.conflict_resolution.entity": ("记录类型", "Record type"),
    "field.conflict_resolution.row_id": ("记录编号", "Record id"),
    "field.conflict_resolution.field": ("字段", "Field"),
    "field.conflict_resolution.decision": ("处理方式", "Decision"),
    "field.conflict_resolution.ops": ("涉及的变更", "Changes involved"),
    "field.conflict_resolution.value_op": ("恢复值的变更", "Restoring change"),
    "field.conflict_resolution.note": ("说明", "Note"),
    # -- screens: Sync (f6), Conflicts (f7), the dashboard panel --------------------------------
    "nav.sync": ("同步", "Sync"),
    "nav.conflicts": ("冲突", "Conflicts"),
    "key.export_bundle": ("导出同步包", "Export bundle"),
    "key.import_bundle": ("预览并导入", "Preview and import"),
    "key.stop_sync": ("停止导出或导入", "Stop export or import"),
    "key.keep": ("确认当前值", "Keep current"),
    "key.reverse": ("采用另一值", "Take the other"),
    "key.merge": ("合并重复", "Merge pair"),
    "key.dismiss": ("不是重复", "Not a duplicate"),
    "key.confirm": ("确认", "Confirm"),
    "syncui.replica": (
        "本机副本：{name}（{role}），密钥指纹 {fingerprint}",
        "This replica: {name} ({role}), key fingerprint {fingerprint}",
    ),
    "syncui.peer": (
        "{name}（{role}）：尚缺本机 {lacking} 项变更",
        "{name} ({role}): lacks {lacking} of this replica's changes",
    ),
    "syncui.export": ("导出同步包", "Export a bundle"),
    "syncui.import": ("导入同步包", "Import a bundle"),
    "syncui.file": ("文件", "File"),
    "syncui.to": ("发往", "For"),
    "syncui.to.central": ("市局中心库 {name}（默认）", "the central record {name} (default)"),
    "syncui.to.everything": ("全部变更（任意副本）", "everything (any replica)"),
    "syncui.export.hint": (
        "发往某个副本时只包含它尚缺的变更；回车或 Ctrl+T 导出",
        "For a replica, only what it lacks is written; Enter or Ctrl+T exports",
    ),
    "syncui.import.hint": (
        "先校验并预览将带来的变化，确认后才导入；回车或 Ctrl+O",
        "The bundle is checked and its changes previewed; nothing is imported until you confirm. Enter or Ctrl+O",
    ),
    "syncui.export.button": ("导出", "Export"),
    "syncui.import.button": ("预览", "Preview"),
    "syncui.file_required": (
        "请填写同步包的文件路径",
        "Type the path of the bundle file",
    ),
    "syncui.busy": (
        "正在处理另一个同步包，请稍候",
        "Another bundle is being processed; wait for it",
    ),
    "syncui.exporting": ("正在导出 {file}", "Exporting {file}"),
    "syncui.checking": ("正在校验 {file}", "Checking {file}"),
    "syncui.previewing": ("正在预览 {file}", "Previewing {file}"),
    "syncui.importing": ("正在导入 {file}", "Importing {file}"),
    "syncui.not_imported": (
        "未导入 {file}，未做任何更改",
        "{file} was not imported; nothing changed",
    ),
    "syncui.history": ("同步包记录", "Bundles sent and received"),
    "syncui.col.when": ("时间", "When"),
    "syncui.col.direction": ("方向", "Direction"),
    "syncui.col.file": ("文件", "File"),
    "syncui.col.peer": ("对方副本", "Replica"),
    "syncui.col.changes": ("变更", "Changes"),
    "syncui.col.photos": ("照片", "Photos"),
    "syncui.col.conflicts": ("冲突", "Conflicts"),
    "syncui.col.record": ("记录", "Record"),
    "syncui.col.edits": ("未确认的编辑", "Unacknowledged edits"),
    "syncui.sent": ("发出", "sent"),
    "syncui.received": ("收到", "received"),
    "syncui.pending": (
        "尚未安全到达中心库的本机记录",
        "This replica's records not yet safely at the centre",
    ),
    "syncui.pending.central": (
        "本机就是市局中心库：各副本的记录汇集于此",
        "This replica is the central record: every replica's records arrive here",
    ),
    "syncui.pending.none": (
        "本机记录都已安全到达 {central}",
        "Every record made here is safely at {central}",
    ),
    "syncui.pending.count": (
        "{count} 条记录尚待 {central} 确认收到",
        "{count} records await a receipt from {central}",
    ),
    "syncui.pending.no_central": (
        "{count} 条记录尚未得到中心库确认：导入中心库发回的同步包即可确认",
        "{count} records are not yet acknowledged: import a bundle from the central record to learn what it holds",
    ),
    "syncui.trust.title": ("首次接收：是否信任该来源？", "First contact: trust this source?"),
    "syncui.trust.intro": (
        "同步包 {file} 来自 {name}（{role}），本机尚未信任它的密钥。请通过电话或当面与对方核对下面的密钥指纹，完全一致才信任。",
        "The bundle {file} comes from {name} ({role}), whose key this replica does not trust yet. Compare the key fingerprint below with its owner, by phone or in person, and trust it only if it matches exactly.",
    ),
    "syncui.trust.fingerprint": ("密钥指纹", "Key fingerprint"),
    "syncui.trust.yes": ("指纹一致，信任", "It matches: trust"),
    "syncui.trust.refused": (
        "未信任 {name}，未导入 {file}",
        "{name} was not trusted; {file} was not imported",
    ),
    "syncui.preview.title": ("导入预览：{file}", "Preview of {file}"),
    "syncui.preview.source": (
        "来自 {source}（{role}），密钥指纹 {fingerprint}",
        "From {source} ({role}), key fingerprint {fingerprint}",
    ),
    "syncui.preview.changes": (
        "新变更 {applied} 项（本机已有 {held} 项）",
        "{applied} new changes ({held} already held here)",
    ),
    "syncui.preview.created": ("新记录：{items}", "New records: {items}"),
    "syncui.preview.changed": (
        "更新记录：{items}，共 {fields} 个字段",
        "Records updated: {items}; {fields} fields in all",
    ),
    "syncui.preview.changed_none": ("更新记录：无", "Records updated: none"),
    "syncui.preview.item": ("{label} {count} 条", "{label} {count}"),
    "syncui.preview.none": ("无", "none"),
    "syncui.preview.conflicts": (
        "冲突 {count} 个（导入后在“冲突”中逐个处理）：",
        "{count} conflicts (to settle one by one under Conflicts after importing):",
    ),
    "syncui.preview.conflict": (
        "{record}：“{field}”保留“{kept}”（{kept_origin}），另一值“{other}”（{other_origin}）",
        "{record}: {field} keeps “{kept}” ({kept_origin}); other value “{other}” ({other_origin})",
    ),
    "syncui.preview.more": ("……另有 {count} 个", "… and {count} more"),
    "syncui.preview.no_conflicts": ("没有冲突", "No conflicts"),
    "syncui.preview.duplicates": (
        "疑似重复登记的排污口 {count} 对",
        "{count} possible duplicate outfalls",
    ),
    "syncui.preview.photos": (
        "照片 {count} 张（本机已有 {present} 张）",
        "{count} photos ({present} already here)",
    ),
    "syncui.preview.apply": ("导入", "Import"),
    "conf.title": ("未处理的冲突（{count}）", "Open conflicts ({count})"),
    "conf.col.record": ("记录", "Record"),
    "conf.col.field": ("字段", "Field"),
    "conf.col.current": ("当前值（来源）", "Current value (from)"),
    "conf.col.other": ("另一值（来源）", "Other value (from)"),
    "conf.current": (
        "当前值“{value}”：{origin} 的 {actor} 于 {at} 录入",
        "Current value “{value}”: entered by {actor} on {origin} at {at}",
    ),
    "conf.other": (
        "另一值“{value}”：{origin} 的 {actor} 于 {at} 录入",
        "Other value “{value}”: entered by {actor} on {origin} at {at}",
    ),
    "conf.hint": (
        "K 确认当前值，R 采用另一值；处理结果作为一次变更同步到其他副本",
        "K keeps the current value, R takes the other; the decision syncs as a change",
    ),
    "conf.value_from": ("{value}（{origin}）", "{value} ({origin})"),
    "conf.empty": ("（空）", "(empty)"),
    "conf.nothing_selected": ("请先选择一个冲突", "Select a conflict first"),
    "conf.keep.title": ("确认当前值", "Keep the current value"),
    "conf.keep.intro": (
        "{record}：“{field}”保留“{value}”（{origin}），放弃另一值“{other}”（{other_origin}）。",
        "{record}: {field} keeps “{value}” ({origin}); the other value “{other}” ({other_origin}) is set aside.",
    ),
    "conf.reverse.title": ("采用另一值", "Take the other value"),
    "conf.reverse.intro": (
        "{record}：“{field}”改为“{other}”（{other_origin}），替换“{value}”（{origin}）。",
        "{record}: {field} becomes “{other}” ({other_origin}), replacing “{value}” ({origin}).",
    ),
    "conf.note": ("说明（可选）", "Note (optional)"),
    "conf.note.placeholder": (
        "记入变更历史，随处理结果同步",
        "kept in the change history; it syncs with the decision",
    ),
    "dup.title": ("疑似重复登记的排污口（{count}）", "Possible duplicate outfalls ({count})"),
    "dup.col.reason": ("原因", "Reason"),
    "dup.col.a": ("先登记", "Registered first"),
    "dup.col.b": ("后登记", "Registered later"),
    "dup.outfall": ("{code} {name}（{origin}）", "{code} {name} ({origin})"),
    "dup.nearby": ("同一河流上相距 {metres} 米", "{metres} m apart on one river"),
    "dup.hint": (
        "M 合并（保留先登记的一条），X 标记为不是重复",
        "M merges (the one registered first is kept), X marks the pair as not a duplicate",
    ),
    "dup.nothing_selected": ("请先选择一对疑似重复", "Select a pair first"),
    "dup.merge.title": ("合并重复登记的排污口", "Merge a duplicate registration"),
    "dup.merge.intro": (
        "保留 {kept}；{merged} 的检查、照片、责任主体等记录转到保留的一条，它本身注销并保留全部历史。合并将同步到其他副本。",
        "{kept} is kept; the inspections, photos, owners and other records of {merged} move to it, and {merged} is retired with its whole history. The merge syncs to other replicas.",
    ),
    "dup.dismiss.title": ("不是重复", "Not a duplicate"),
    "dup.dismiss.intro": (
        "确认 {a} 与 {b} 是两个不同的排污口？这对排污口将不再提示。",
        "Are {a} and {b} two different outfalls? The pair will no longer be listed.",
    ),
    "dup.merged": ("已将 {merged} 合并到 {kept}", "Merged {merged} into {kept}"),
    "dup.dismissed": ("已确认 {a} 与 {b} 不是重复", "Marked {a} and {b} as two different outfalls"),
    "dash.conflicts": ("未处理的同步冲突", "Open sync conflicts"),
    "dash.conflicts.count": ("{count} 个冲突待处理", "{count} conflicts to settle"),
    "dash.conflicts.duplicates": (
        "{count} 对疑似重复的排污口",
        "{count} possible duplicate outfalls",
    ),
    "dash.conflicts.hint": ("按 F7 打开冲突处理", "Press F7 to settle them"),
}
