"""Messages of the terminal UI."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- shell -----------------------------------------------------------------------------
    "app.title": ("排污口巡查", "Outfall Inspector"),
    "nav.dashboard": ("总览", "Dashboard"),
    "nav.register": ("台账", "Register"),
    "nav.settings": ("设置", "Settings"),
    "nav.unnamed": ("未命名副本", "unnamed replica"),
    "key.help": ("帮助", "Help"),
    "key.new_outfall": ("新增排污口", "New outfall"),
    "key.quit": ("退出", "Quit"),
    "key.back": ("返回", "Back"),
    "key.reload": ("刷新", "Reload"),
    "key.palette": ("命令面板", "Command palette"),
    "cmd.go": ("转到：{section}", "Go to: {section}"),
    "cmd.go.help": ("快捷键 {key}", "Key {key}"),
    "cmd.key": ("快捷键 {key}", "Key {key}"),
    "cmd.language": ("切换语言：中文 / English", "Switch language: 中文 / English"),
    "cmd.language.help": ("界面以另一种语言重新打开", "Reopens the interface in the other language"),
    "cmd.open_outfall": ("打开排污口（{state}）", "Open this outfall ({state})"),
    "ui.yes": ("是", "Yes"),
    "ui.no": ("否", "No"),
    "ui.db_error": ("数据库出错：{error}", "Database error: {error}"),
    "ui.io_error": ("读写文件出错：{error}", "Cannot read or write a file: {error}"),
    "ui.unexpected": (
        "意外错误：{error}。未完成的更改均已撤销。",
        "Unexpected error: {error}. Unfinished changes were rolled back.",
    ),
    # -- dashboard -------------------------------------------------------------------------
    "dash.progress": ("目标进度", "Progress against targets"),
    "dash.progress.year": ("{year} 年目标进度", "Progress against the {year} targets"),
    "dash.county": ("县（市、区）", "County"),
    "dash.river": ("河流", "River"),
    "dash.all": ("全市", "Whole city"),
    "dash.total": ("排污口", "Outfalls"),
    "dash.metric.investigated": ("已排查", "Investigated"),
    "dash.metric.traced": ("已溯源", "Traced"),
    "dash.metric.remediated": ("已整治", "Remediated"),
    "dash.metric.closed": ("已销号", "Closed"),
    "dash.overdue": ("整治逾期", "Overdue remediations"),
    "dash.overdue.count": ("共 {count} 项逾期，按逾期天数排列", "{count} overdue, longest first"),
    "dash.overdue.none": ("没有逾期的整治", "No remediation is overdue"),
    "dash.days": ("{days} 天", "{days} d"),
}
MESSAGES.update(
    {
        "ui.list_sep": ("，", ", "),
        "dash.target": ("{metric} {share}", "{metric} {share}"),
        "dash.targets": ("年度目标：{targets}", "Targets this year: {targets}"),
        "dash.no_targets": ("本年度没有设定目标", "No targets are set for this year"),
    }
)
MESSAGES.update(
    {
        # -- register ----------------------------------------------------------------------
        "reg.col.code": ("编码", "Code"),
        "reg.col.name": ("名称", "Name"),
        "reg.col.county": ("县（市、区）", "County"),
        "reg.col.river": ("受纳水体", "River"),
        "reg.col.category": ("类型", "Category"),
        "reg.col.state": ("状态", "State"),
        "reg.col.deadline": ("整治时限", "Deadline"),
        "reg.sort.code": ("按编码", "By code"),
        "reg.sort.name": ("按名称", "By name"),
        "reg.sort.county": ("按县区", "By county"),
        "reg.sort.river": ("按河流", "By river"),
        "reg.sort.state": ("按状态", "By state"),
        "reg.sort.category": ("按类型", "By category"),
        "reg.search.placeholder": (
            "搜索编码或名称（按 / 键），如：沁河、武陟",
            "Search code or name (press /), e.g. 沁河, 410823",
        ),
        "reg.overdue": ("只看整治逾期", "Overdue only"),
        "reg.all_counties": ("全部县区", "All counties"),
        "reg.all_rivers": ("全部河流", "All rivers"),
        "reg.all_categories": ("全部类型", "All categories"),
        "reg.all_states": ("全部状态", "All states"),
        "reg.empty": ("没有符合条件的排污口", "No outfall matches"),
        "reg.counting": ("正在计数…", "Counting…"),
        "reg.count": ("共 {count} 个排污口", "{count} outfalls"),
        "reg.row": ("第 {row} 行", "row {row}"),
        "reg.search_order": ("搜索结果按登记先后排列", "search results in order of registration"),
        "reg.nothing_selected": ("请先选中一个排污口", "Select an outfall first"),
        "key.search": ("搜索", "Search"),
        "key.inspect": ("新增检查", "New inspection"),
        "key.open": ("打开", "Open"),
        "key.up": ("上移", "Up"),
        "key.down": ("下移", "Down"),
        "key.page_up": ("上一页", "Page up"),
        "key.page_down": ("下一页", "Page down"),
        "key.first": ("第一行", "First row"),
        "key.last": ("最后一行", "Last row"),
    }
)
