"""Messages of forms and files: drafts, leaving a form, writing over a file, picking a
path, and the keyboard's rules."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- drafts and leaving a form -----------------------------------------------------------
    "draft.restored": (
        "已恢复 {at} 保存的草稿",
        "The draft kept at {at} is back",
    ),
    "draft.kept": (
        "“{form}”已保留为草稿，下次打开时恢复",
        "{form} is kept as a draft; it comes back when the form is opened again",
    ),
    "draft.discarded": ("草稿已清除", "The draft was discarded"),
    "draft.stay": ("留在此处", "Stay"),
    "draft.leave.title": ("有未保存的内容", "Unsaved changes"),
    "draft.leave.one": (
        "“{form}”中有输入的内容尚未保存。",
        "{form} holds typing that is not saved.",
    ),
    "draft.leave.many": (
        "{count} 个表单中有尚未保存的内容：",
        "{count} forms hold typing that is not saved:",
    ),
    "draft.leave.hint": (
        "保留为草稿：下次打开同一表单时恢复；放弃：清除所输入的内容。",
        "Keep as draft: it comes back when the same form is opened again. Discard: what was typed is removed.",
    ),
    "draft.leave.save": ("保存", "Save"),
    "draft.leave.keep": ("保留为草稿", "Keep as draft"),
    "draft.leave.discard": ("放弃", "Discard"),
    "draft.quit.title": ("退出前：有未保存的内容", "Before quitting: unsaved changes"),
    "draft.quit.one": (
        "“{form}”中有输入的内容尚未保存。",
        "{form} holds typing that is not saved.",
    ),
    "draft.quit.many": (
        "{count} 个表单中有尚未保存的内容：",
        "{count} forms hold typing that is not saved:",
    ),
    "draft.quit.hint": (
        "所有内容都已保存为草稿；保留草稿并退出，下次打开同一表单时恢复。",
        "Everything typed is already kept as a draft; keep the drafts and quit, and they come back when the same forms are opened again.",
    ),
    "draft.quit.save": ("保存并退出", "Save and quit"),
    "draft.quit.keep": ("保留草稿并退出", "Keep drafts and quit"),
    "draft.quit.discard": ("放弃并退出", "Discard and quit"),
    "draft.discard.title": ("清除草稿？", "Discard the draft?"),
    "draft.discard.body": (
        "“{form}”中输入的内容将被清除，表单恢复为初始值。此操作无法撤销。",
        "What was typed into {form} is removed and the form starts again from its defaults. This cannot be undone.",
    ),
    "draft.discard.confirm": ("清除草稿", "Discard the draft"),
    "key.discard_draft_ask": ("清除草稿…", "Discard draft…"),
    "form.new_outfall": ("新排污口", "New outfall"),
    "new.confirm_place": (
        "。核实无误后，再按一次 Ctrl+S 按此位置登记。",
        ". If it is right, press Ctrl+S again to register it there.",
    ),
    "form.inspection_of": ("{code} 的巡查记录", "Inspection of {code}"),
    "form.details_of": ("{code} 的基本信息", "Details of {code}"),
    # -- the stale-edit rule ----------------------------------------------------------------
    "stale.refused": (
        "{record} 在你打开表单后已被他人修改，未保存任何内容：{fields}",
        "{record} was changed by someone else after you opened it; nothing was saved: {fields}",
    ),
    "stale.field": (
        "{field}：你看到的是“{seen}”，现在存储的是“{stored}”（{who}），你要保存的是“{saving}”",
        "{field}: you saw “{seen}”, now stored “{stored}” ({who}), you are saving “{saving}”",
    ),
    "stale.by": ("{by}，{at}", "{by}, {at}"),
    "stale.by_unknown": ("修改人不详", "changed by someone unknown"),
    "stale.blank": ("（空）", "(empty)"),
    "stale.title": ("保存前：他人已修改", "Before saving: someone else changed this"),
    "stale.intro": (
        "你打开表单后，他人修改了{record}的以下内容。尚未保存任何内容，你输入的内容都还在表单中。",
        "After you opened the form, someone else changed the following of {record}. Nothing was saved yet, and everything you typed is still in the form.",
    ),
    "stale.registered.refused": (
        "{record} 已经登记，所填信息与登记的不同，未保存任何内容：{fields}",
        "{record} is already registered with other details than those given; nothing was saved: {fields}",
    ),
    "stale.registered.field": (
        "{field}：登记的是“{stored}”（{who}），你填写的是“{saving}”",
        "{field}: registered as “{stored}” ({who}), you gave “{saving}”",
    ),
    "stale.registered.title": (
        "保存前：该责任主体已登记",
        "Before saving: this owner is already registered",
    ),
    "stale.registered.intro": (
        "{record}已经登记，你填写的以下内容与登记的不同。尚未保存任何内容，你输入的内容都还在表单中。",
        "{record} is already in the register, and the following of what you typed differs from what is stored. Nothing was saved yet, and everything you typed is still in the form.",
    ),
    "stale.seen": ("你看到的", "You saw"),
    "stale.stored": ("现在存储的", "Now stored"),
    "stale.saving": ("你要保存的", "You are saving"),
    "stale.hint": (
        "采用对方的值：这些字段换成现在存储的值，你的其他修改保留，尚未保存；用我的值覆盖：保存你的值，替换对方的；返回表单：什么都不变。",
        "Keep theirs: these fields take the stored values, your other changes stay, nothing is saved yet. Save mine over theirs: your values replace theirs. Back to the form: nothing changes.",
    ),
    "stale.hint_choice": (
        "采用对方的值：对方的保留，尚未保存，你输入的内容仍在表单中；用我的值覆盖：保存你的，替换对方的；返回表单：什么都不变。",
        "Keep theirs: theirs stays, nothing is saved, and what you typed stays in the form. Save mine over theirs: yours replaces theirs. Back to the form: nothing changes.",
    ),
    "stale.keep_theirs": ("采用对方的值", "Keep theirs"),
    "stale.save_mine": ("用我的值覆盖", "Save mine over theirs"),
    "stale.back": ("返回表单", "Back to the form"),
    "stale.kept_theirs": (
        "已换成现在存储的值（尚未保存）。你原来输入的是：{fields}",
        "The stored values are back in the form (nothing saved yet). What you had typed: {fields}",
    ),
    "stale.typed": ("{field}“{value}”", "{field} “{value}”"),
    "stale.main_owner": ("主要责任主体", "Main owner"),
    "stale.kept_their_choice": (
        "已采用对方的：{fields}，未保存任何内容。你输入的内容仍在表单中；再次保存时会再次询问。",
        "Kept theirs: {fields}; nothing was saved. What you typed is still in the form; saving it again asks again.",
    ),
    "stale.owner": ("{name}（统一社会信用代码 {code}）", "{name} (credit code {code})"),
    # -- writing files ----------------------------------------------------------------------
    "out.exists": (
        "{path} 已存在，未写入任何文件；如需覆盖，请加 --force",
        "{path} exists; nothing was written. Give --force to replace it",
    ),
    "out.file_facts": ("{size}，{when} 写入", "{size}, written {when}"),
    "out.replace.title": ("覆盖已有文件？", "Replace an existing file?"),
    "out.replace.one": (
        "此文件已存在，写入将覆盖它：",
        "This file is already there; writing replaces it:",
    ),
    "out.replace.many": (
        "以下文件已存在，写入将覆盖它们：",
        "These files are already there; writing replaces them:",
    ),
    "out.replace.confirm": ("覆盖", "Replace"),
    "out.replace.kept": (
        "未写入：已有文件保持不变",
        "Nothing written: the existing file is unchanged",
    ),
    "cli.force": (
        "如文件已存在则覆盖（不加此项时绝不覆盖已有文件）",
        "replace the file if it exists (without this, an existing file is never overwritten)",
    ),
    # -- paths -----------------------------------------------------------------------------
    "path.complete": ("补全路径", "Complete the path"),
    "path.browse": ("浏览…", "Browse…"),
    "path.choose": ("选定", "Choose"),
    "path.up": ("上一级", "Up"),
    "path.pick_file": ("选择文件", "Choose a file"),
    "path.pick_folder": ("选择文件夹", "Choose a folder"),
    "path.pick_hint": (
        "↑↓ 移动，Enter 打开文件夹或选定文件；也可在下面直接输入路径（Tab 补全）",
        "↑↓ move, Enter opens a folder or picks a file; or type the path below (Tab completes)",
    ),
    "path.is_folder": ("这是一个文件夹，不是文件", "this is a folder, not a file"),
    "path.not_folder": ("这是一个文件，不是文件夹", "this is a file, not a folder"),
    "path.will_replace": (
        "已存在：写入前会先询问",
        "already there: you are asked before it is replaced",
    ),
    "path.missing": ("不存在", "not there"),
    "path.no_parent": ("文件夹 {folder} 不存在", "the folder {folder} does not exist"),
    # -- the command palette ---------------------------------------------------------------
    "cmd.in_section": ("{section}：{action}", "{section}: {action}"),
    "cmd.in_section.help": (
        "在{section_key}中按 {key}",
        "{key} in {section_key}",
    ),
    # -- files in and out -------------------------------------------------------------------
    "files.export.title": ("导出台账", "Export the register"),
    "files.export.save": ("导出", "Export"),
    "files.export.intro": (
        "与 inspector ledger export 相同：.csv、.xlsx、.geojson 或 .kml（按扩展名）。导出的文件可以再导入。",
        "As inspector ledger export: .csv, .xlsx, .geojson or .kml (by the extension). What is exported can be imported again.",
    ),
    "files.export.public": ("内容", "Content"),
    "files.export.full": ("全部字段", "Every column"),
    "files.export.public_only": ("公开版（不含个人信息）", "Public (no personal data)"),
    "files.stamp.title": ("证据副本", "Evidence copy"),
    "files.stamp.save": ("写入副本", "Write the copy"),
    "files.stamp.intro": (
        "与 inspector photos stamp 相同：在 {photo} 的副本上印上拍摄时间、位置和排污口；原图保持不变。扩展名 .jpg 或 .png。",
        "As inspector photos stamp: a copy of {photo} with when, where and which outfall stamped on it; the original is kept as it is. Extension .jpg or .png.",
    ),
    "files.stamp.none": ("没有选中的照片", "No photo is selected"),
    "files.import.warnings": ("{count} 条提示：", "{count} warnings:"),
    "key.import_ledger": ("导入台账", "Import a ledger"),
    "key.export_ledger": ("导出台账", "Export the register"),
    "key.stamp": ("证据副本", "Evidence copy"),
    "table.bad_geo": (
        "无法读取 {file}（{error}）：不是有效的 GeoJSON 或 KML 文件",
        "{file} cannot be read ({error}): it is not valid GeoJSON or KML",
    ),
    "table.too_big": ("{file} 太大，无法读取", "{file} is too big to read"),
}
