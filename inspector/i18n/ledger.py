"""Messages of ledger (台账) import and export, and of reading spreadsheets."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "table.empty": ("文件 {file} 是空的", "The file {file} is empty"),
    "table.xls_unsupported": (
        "不支持旧版 Excel 文件 {file}（.xls），请在 Excel 中另存为 .xlsx 或 .csv",
        "{file} is an old Excel file (.xls); save it as .xlsx or .csv in Excel first",
    ),
    "table.unknown_format": (
        "无法识别文件 {file} 的格式，请使用 .csv、.xlsx、.geojson 或 .kml",
        "{file} is not a .csv, .xlsx, .geojson or .kml file",
    ),
    "table.bad_csv": (
        "文件 {file} 第 {row} 行格式错误：{error}",
        "Row {row} of {file} is malformed: {error}",
    ),
    "table.bad_xlsx": (
        "文件 {file} 不是有效的 .xlsx 文件或已损坏（{error}）",
        "{file} is not a valid .xlsx file or is damaged ({error})",
    ),
    "ledger.no_file": ("找不到台账文件 {file}", "No ledger file {file}"),
    "ledger.no_rows": (
        "台账 {file} 只有表头，没有数据行，未导入任何内容",
        "The ledger {file} has headers but no data rows; nothing was imported",
    ),
    "ledger.missing_columns": (
        "台账 {file} 缺少必需的列：{columns}",
        "The ledger {file} lacks required columns: {columns}",
    ),
    "ledger.unknown_columns": (
        "台账 {file} 有无法识别的列：{columns}。请检查列名是否写错；如确实不需要，使用 --ignore-unknown 忽略",
        "The ledger {file} has columns that are not recognised: {columns}. Check them for typos, or pass --ignore-unknown to skip them",
    ),
    "ledger.duplicate_column": (
        "台账 {file} 中“{first}”和“{second}”表示同一项内容",
        "In {file}, the columns “{first}” and “{second}” mean the same thing",
    ),
    "ledger.row_problem": ("第 {row} 行：{message}", "Row {row}: {message}"),
    "ledger.row_column_problem": (
        "第 {row} 行，{column}：{message}",
        "Row {row}, {column}: {message}",
    ),
    "ledger.unnamed_column": ("第 {n} 列", "column {n}"),
    "ledger.value_without_header": ("有内容但没有列名", "has a value but no header"),
    "ledger.maybe_swapped": ("；经度和纬度可能填反了", "; longitude and latitude may be swapped"),
    "ledger.outside_city": (
        "位置在{city}范围以外约 {km} 公里",
        "the position lies about {km} km outside {city}",
    ),
    "ledger.outside_county": (
        "位置在{county}范围以外约 {km} 公里，请核实",
        "the position lies about {km} km outside {county}; please check it",
    ),
    "ledger.credit_code_without_owner": (
        "填写了统一社会信用代码但没有责任主体名称",
        "a credit code is given but no owner name",
    ),
    "ledger.duplicate_code": (
        "排污口编码 {code} 已在第 {first} 行出现",
        "the code {code} already appears in row {first}",
    ),
    "ledger.ambiguous_code": (
        "排污口编码 {code} 对应 {count} 个排污口，请先合并重复记录",
        "the code {code} matches {count} outfalls; merge the duplicates first",
    ),
    "ledger.state_inconsistent": (
        "状态为“{state}”，但{needs}",
        "the state is {state}, which needs {needs}",
    ),
    "ledger.reason": ("导入台账 {file}", "ledger import {file}"),
    "ledger.public_individual": ("（个人）", "(individual)"),
    "ledger.export_format": (
        "无法导出为 {file}，支持的格式：{formats}",
        "Cannot export to {file}; formats: {formats}",
    ),
    "ledger.unknown_county": ("未知的县（市、区）“{county}”", "Unknown county “{county}”"),
    "ledger.summary": (
        "{file}：共 {rows} 行，新增 {created}，更新 {updated}，未变 {unchanged}；写入 {operations} 条修改记录",
        "{file}: {rows} rows, {created} new, {updated} updated, {unchanged} unchanged; {operations} operations written",
    ),
    "ledger.summary_dry_run": (
        "（试运行，未写入任何数据）",
        "(dry run: nothing was written)",
    ),
    "ledger.refused": (
        "{file} 有 {count} 行有问题，全部未导入：",
        "{file} has {count} problem(s); nothing was imported:",
    ),
    "ledger.more_problems": (
        "……另有 {count} 个问题未列出",
        "... and {count} more problems not listed",
    ),
    "ledger.warnings": ("提示：", "Warnings:"),
    "ledger.exported": ("已导出 {rows} 个排污口到 {file}", "Exported {rows} outfalls to {file}"),
    "reference.unreadable": (
        "参考数据文件 {file} 无法读取（{error}）",
        "The reference file {file} cannot be read ({error})",
    ),
    "reference.invalid": (
        "参考数据文件 {file} 内容不完整：{where}",
        "The reference file {file} is incomplete: {where}",
    ),
    "reference.no_city": ("没有城市 {city} 的参考数据", "No reference data for the city {city}"),
}
