"""Messages about inputs read as they really arrive (workbooks with hidden sheets and
title rows, archives that expand too far, damaged databases, unreadable folders) and
about failing in one true sentence."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- spreadsheets --------------------------------------------------------------------
    "cmd.ledger.sheet": (
        "要导入的工作表（默认：打开文件时显示的可见工作表）",
        "the sheet to import (default: the visible sheet the workbook opens on)",
    ),
    "cmd.ledger.header_row": (
        "表头所在的行号（默认：在前 20 行中自动查找）",
        "the row number of the header (default: found among the first 20 rows)",
    ),
    "table.sheet_in_csv": (
        "{file} 是 CSV 文件，没有工作表，不能使用 --sheet",
        "{file} is a CSV file, which has no sheets: --sheet does not apply",
    ),
    "table.unsafe_xlsx": (
        "{file} 解压后会大到不合理（{member}），为安全起见未读取；请在 Excel 中重新保存后再导入",
        "{file} would expand to an unreasonable size ({member}) and was not read; save it again from Excel and import that",
    ),
    "table.no_such_sheet": (
        "{file} 中没有名为“{sheet}”的工作表；工作表有：{sheets}",
        "{file} has no sheet “{sheet}”; its sheets are {sheets}",
    ),
    "table.no_visible_sheet": (
        "{file} 的工作表都已隐藏，请用 --sheet 指定要导入的工作表",
        "Every sheet of {file} is hidden; name the one to import with --sheet",
    ),
    "table.which_sheet": (
        "{file} 有多个可见的工作表（{sheets}），无法确定导入哪一个，请用 --sheet 指定",
        "{file} has several visible sheets ({sheets}) and none is active; name the one to import with --sheet",
    ),
    "table.header_row_empty": (
        "{file} 的第 {row} 行是空的或不存在，不能作为表头",
        "Row {row} of {file} is empty or missing, so it cannot be the header",
    ),
    "ledger.no_header": (
        "台账 {file}{where}前 {rows} 行中找不到包含全部必需列的表头（缺少：{columns}）；如表头在更靠下的行，请用 --header-row 指定",
        "No row among the first {rows} of {file}{where} names every required column (missing: {columns}); if the header is further down, give its row with --header-row",
    ),
    "ledger.in_sheet": ("（工作表“{sheet}”）", " (sheet “{sheet}”)"),
    "ledger.in_sheet_of": (
        "（工作表“{sheet}”；其他工作表：{sheets}，可用 --sheet 指定）",
        " (sheet “{sheet}”; the others, {sheets}, can be chosen with --sheet)",
    ),
    "ledger.bad_encoding": (
        "含有不是 {encoding} 编码的字符，请在 Excel 中另存为“CSV UTF-8”后再导入",
        "holds characters that are not {encoding}; save the file from Excel as CSV UTF-8",
    ),
    "ledger.read_from": (
        "读取工作表“{sheet}”，表头在第 {row} 行",
        "Read the sheet “{sheet}”, with the header in row {row}",
    ),
    "ledger.read_from_row": ("表头在第 {row} 行", "The header is in row {row}"),
    # -- owners ---------------------------------------------------------------------------
    "ledger.kind_disagrees": (
        "填写的类型为“{stated}”，但统一社会信用代码登记的是“{coded}”；已按填写的类型导入，请核实",
        "the kind given is {stated}, but the credit code registers a {coded}; imported as given, please check",
    ),
    # -- failing in one true sentence ----------------------------------------------------
    "cli.interrupted_after_saving": (
        "已中断；中断前已保存的更改仍然保留，未完成的部分已撤销",
        "Interrupted; the changes saved before the interruption are kept, and the unfinished part was undone",
    ),
    "db.damaged": (
        "数据库文件 {path} 已损坏（{error}），无法使用。最近的备份是 {backup}：请把损坏的文件另存一旁，再用该备份替换它",
        "The database file {path} is damaged ({error}) and cannot be used. The newest backup is {backup}: keep the damaged file aside and put the backup in its place",
    ),
    "db.damaged_no_backup": (
        "数据库文件 {path} 已损坏（{error}），无法使用，且在 {folder} 中没有找到它的备份",
        "The database file {path} is damaged ({error}) and cannot be used, and no backup of it was found in {folder}",
    ),
    # -- photo folders ------------------------------------------------------------------
    "photos.unreadable_folder": (
        "无法读取文件夹 {path}（{error}），未导入任何照片",
        "The folder {path} cannot be read ({error}); no photo was imported",
    ),
    "photos.bad.unreadable_folder": (
        "{file}：文件夹无法读取（{error}），已跳过",
        "{file}: the folder cannot be read ({error}) and was skipped",
    ),
    "photos.bad.link_loop": (
        "{file}：符号链接循环指向自身（{error}），已跳过",
        "{file}: a symbolic link that loops ({error}), skipped",
    ),
}
