"""Messages of the command line, the database and the register workflows."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the database --------------------------------------------------------------------------
    "db.missing": ("数据库 {path} 不存在", "The database {path} does not exist"),
    "db.pg_unreachable": (
        "无法连接 PostgreSQL 数据库 {url}：{error}",
        "Cannot connect to the PostgreSQL database {url}: {error}",
    ),
    "copy.not_replica": (
        "{path} 不是排污口巡查的副本数据库，未复制任何内容",
        "{path} is not an Outfall Inspector replica; nothing was copied",
    ),
    "copy.source_old": (
        "{path} 的数据库结构较旧：请先用本程序打开一次（例如 inspector --db {path} doctor）再复制",
        "{path} has an older schema: open it once with this program (e.g. inspector --db {path} doctor) before copying it",
    ),
    "copy.dest_not_empty": (
        "目标 {path} 已有数据，未复制任何内容：请指定一个新文件或空的 PostgreSQL 数据库",
        "The destination {path} is not empty, so nothing was copied: name a new file or an empty PostgreSQL database",
    ),
    "copy.keys_failed": (
        "复制到 {path} 时有记录引用了不存在的记录，已全部撤销",
        "Copying into {path} found rows naming rows that do not exist; everything was undone",
    ),
    "copy.unstorable": (
        "表 {table} 的记录 {row} 中，{column} {problem}，PostgreSQL 无法保存；未复制任何内容",
        "In table {table}, row {row}: {column} {problem}, which PostgreSQL cannot store; nothing was copied",
    ),
    "copy.unstorable_other": (
        "表 {table} 中有 PostgreSQL 无法保存的值（{detail}）；未复制任何内容",
        "Table {table} holds a value PostgreSQL cannot store ({detail}); nothing was copied",
    ),
    "copy.problem.nul": ("含有空字符（U+0000）", "holds a NUL character (U+0000)"),
    "copy.problem.too_long": ("超过 {most} 个字符", "is longer than {most} characters"),
    "copy.problem.range": ("超出 64 位整数的范围", "is beyond the range of a 64-bit integer"),
    "copy.progress": ("{table}：{rows} 行", "{table}: {rows} rows"),
    "copy.done": ("已复制 {tables} 个表共 {rows} 行", "Copied {rows} rows in {tables} tables"),
    "cmd.db": ("数据库维护", "Database maintenance"),
    "cmd.db.copy": (
        "将整个副本在 SQLite 与 PostgreSQL 之间复制（同一副本：编号与密钥不变）",
        "Copy a whole replica between SQLite and PostgreSQL (the same replica: same id and key)",
    ),
    "cmd.db.copy.source": (
        "源（数据库文件，或 PostgreSQL 数据库的地址）",
        "Source: a database file or a postgresql:// URL",
    ),
    "cmd.db.copy.dest": (
        "目标（新文件，或空的 PostgreSQL 数据库的地址）",
        "Destination: a new file or an empty postgresql:// database",
    ),
    "db.no_directory": (
        "目录 {path} 不存在，无法在其中创建数据库",
        "The folder {path} does not exist, so no database can be made there",
    ),
    "out.no_directory": (
        "目录 {path} 不存在，未写入任何文件",
        "The folder {path} does not exist; nothing was written",
    ),
    "db.read_only_directory": (
        "目录 {path} 不可写，无法在其中创建数据库",
        "The folder {path} is read-only, so no database can be made there",
    ),
    "db.read_only": (
        "数据库 {path} 为只读（文件或其所在目录不可写），未做任何更改",
        "The database {path} is read-only (the file or its folder cannot be written); nothing was changed",
    ),
    "db.is_directory": (
        "{path} 是一个目录，不是数据库文件",
        "{path} is a folder, not a database file",
    ),
    "db.unreadable": ("无权读取数据库 {path}", "No permission to read the database {path}"),
    "db.not_sqlite": ("{path} 不是 SQLite 数据库文件", "{path} is not a SQLite database file"),
    "db.not_ours": (
        "{path} 不是排污口巡查的数据库（没有版本记录）",
        "{path} is not an Outfall Inspector database (it has no schema version)",
    ),
    "db.newer_schema": (
        "数据库 {path} 由更新版本的程序创建（结构版本 {revision}），请升级本程序",
        "The database {path} was made by a newer version of this program (schema {revision}); upgrade the program",
    ),
    "db.needs_upgrade": (
        "数据库 {path} 需要升级，请以可写方式打开",
        "The database {path} needs an upgrade; open it writable",
    ),
    "db.upgrade_failed": (
        "数据库 {path} 升级失败（{error}），原数据未改动；升级前备份：{backup}",
        "Upgrading {path} failed ({error}); the database is unchanged; backup made before: {backup}",
    ),
    "db.no_replica": (
        "数据库 {path} 缺少本机副本标识，请运行 inspector doctor",
        "The database {path} has no replica identity; run inspector doctor",
    ),
    "db.row_not_found": ("找不到{entity}记录 {row_id}", "No {entity} record {row_id}"),
    "db.locked": (
        "数据库 {path} 正被其他程序占用，请稍后再试",
        "The database {path} is busy in another program; try again shortly",
    ),
    "db.error": ("数据库 {path} 出错：{error}", "Database error in {path}: {error}"),
    "db.disk_full": ("磁盘已满，未做任何更改", "The disk is full; nothing was changed"),
    "io.permission_denied": (
        "没有权限读写 {path}，未做任何更改",
        "No permission to read or write {path}; nothing was changed",
    ),
    "io.not_found": ("找不到 {path}", "{path} does not exist"),
    "io.error": ("读写 {path} 出错：{error}", "Cannot read or write {path}: {error}"),
    "photostore.hash_mismatch": (
        "照片内容与其声称的 SHA-256 不符（应为 {expected}，实为 {actual}），未保存",
        "A photo's bytes do not match its SHA-256 (expected {expected}, got {actual}); it was not stored",
    ),
    # -- register workflows --------------------------------------------------------------------
    "remediation.merge_into_itself": (
        "排污口不能合并到自身",
        "An outfall cannot be merged into itself",
    ),
    "remediation.none": (
        "排污口 {code} 尚无整治方案",
        "Outfall {code} has no remediation plan yet",
    ),
    "outfall.not_found": ("找不到排污口 {code}", "No outfall with code {code}"),
    # -- the command line ----------------------------------------------------------------------
    "cli.description": (
        "排污口巡查：入河排污口排查、溯源、整治、销号与巡查的离线工具",
        "Outfall Inspector: offline tool to find, trace, remediate, close and inspect river outfalls",
    ),
    "cli.epilog": (
        "不带命令时打开终端界面。数据库由 --db 指定，否则取环境变量 INSPECTOR_DB，否则为用户数据目录中的默认文件。",
        "Without a command, opens the terminal UI. The database is --db, else $INSPECTOR_DB, else a file in the user data folder.",
    ),
    "cli.db": (
        "数据库文件（照片、密钥、备份存放在其旁边）",
        "database file (its photos, key and backups live beside it)",
    ),
    "cli.lang": ("界面语言：zh 中文 / en 英文", "language: zh Chinese / en English"),
    "cli.json": ("以一个 JSON 文档输出结果", "print the result as one JSON document"),
    "cli.version": ("显示版本并退出", "show the version and exit"),
    "cli.commands": ("命令", "commands"),
    "cli.help": ("显示帮助并退出", "show this help and exit"),
    "cli.usage": ("用法", "usage"),
    "cli.positionals": ("位置参数", "positional arguments"),
    "cli.options": ("选项", "options"),
    "cli.error_prefix": ("错误", "error"),
    "cli.interrupted": (
        "已中断，未做任何更改",
        "Interrupted; nothing was changed",
    ),
    "cli.unexpected": (
        "意外错误：{error}。未完成的更改均已撤销。详细信息已写入 {log}",
        "Unexpected error: {error}. Unfinished changes were rolled back. Details are in {log}",
    ),
    "cli.tui_missing_terminal": (
        "终端界面需要在交互式终端中运行",
        "The terminal UI needs an interactive terminal",
    ),
    "cmd.init": ("为本机副本命名并生成密钥对", "name this replica and make its key pair"),
    "cmd.init.name": (
        "副本名称（如“武陟县分局-张三的电脑”）",
        "replica name (for example “Wuzhi office – Zhang's laptop”)",
    ),
    "cmd.init.role": (
        "角色：field 现场终端 / county 县区分局 / central 市局中心库",
        "role: field / county / central",
    ),
    "cmd.init.region": (
        "负责的行政区划代码（如 410823）",
        "region code this replica covers (for example 410823)",
    ),
    "cmd.init.user": ("使用者姓名，记入每条修改", "your name, recorded with every change"),
    "cmd.demo": (
        "创建演示数据库（焦作市）并打开界面",
        "build the demo database (Jiaozuo) and open the UI on it",
    ),
    "cmd.demo.no_tui": ("只创建数据库，不打开界面", "only build the database, do not open the UI"),
    "cmd.demo.size": (
        "规模：small 约2000个排污口 / large 100万个（用于性能测试）",
        "size: small (about 2,000 outfalls) or large (1,000,000, for performance work)",
    ),
    "cmd.demo.rebuild": (
        "删除已有演示数据库并重建",
        "delete an existing demo database and build it again",
    ),
    "cmd.demo.seed": (
        "随机种子（相同种子生成相同数据）",
        "random seed (the same seed builds the same data)",
    ),
    "cmd.ledger": ("台账导入与导出", "import and export the outfall register"),
    "cmd.ledger.import": (
        "导入台账（.csv 或 .xlsx），按排污口编码更新",
        "import a ledger (.csv or .xlsx), upserting by outfall code",
    ),
    "cmd.ledger.export": (
        "导出台账为 .csv、.xlsx、.geojson 或 .kml",
        "export the register as .csv, .xlsx, .geojson or .kml",
    ),
    "cmd.ledger.file": ("台账文件", "ledger file"),
    "cmd.ledger.dry_run": ("只检查并报告，不写入任何数据", "check and report only; write nothing"),
    "cmd.ledger.ignore_unknown": ("忽略无法识别的列", "ignore columns that are not recognised"),
    "cmd.ledger.public": (
        "导出信息公开版本（不含个人信息）",
        "write the public-disclosure version (no personal data)",
    ),
    "cmd.ledger.county": ("只导出该县（市、区）", "only this county"),
    "cmd.reference": (
        "参考数据（行政区划、河流、目标）",
        "reference data (regions, rivers, targets)",
    ),
    "cmd.reference.import": (
        "用文件替换某城市的参考数据（格式同导出）",
        "replace a city's reference data from a file (the export format)",
    ),
    "cmd.reference.export": ("导出某城市的参考数据", "export a city's reference data"),
    "cmd.reference.file": ("参考数据文件（.json）", "reference data file (.json)"),
    "cmd.reference.city": ("城市代码（如 410800）", "city code (for example 410800)"),
    "reference.imported": (
        "已更新{city}的参考数据：{regions} 个行政区，{rivers} 条河流，{targets} 项目标",
        "Reference data of {city} replaced: {regions} regions, {rivers} rivers, {targets} targets",
    ),
    "reference.exported": (
        "已导出城市 {city} 的参考数据到 {file}",
        "Reference data of {city} written to {file}",
    ),
    "cmd.doctor": ("完整性检查并备份数据库", "check integrity and back up the database"),
    "cmd.doctor.no_backup": ("只检查，不备份", "check only, make no backup"),
    "cmd.doctor.full": (
        "逐条核对数据与修改记录（较慢）",
        "check every row against the operation log (slower)",
    ),
    # -- init ------------------------------------------------------------------------------------
    "init.done": (
        "本机副本已命名为“{name}”（{role}，{region}）；公钥指纹 {fingerprint}",
        "This replica is now “{name}” ({role}, {region}); public key fingerprint {fingerprint}",
    ),
    "init.kept_key": ("已保留原有密钥对", "The existing key pair was kept"),
    "init.region_unknown": ("未知的行政区划代码 {region}", "Unknown region code {region}"),
    "init.name_empty": ("副本名称不能为空", "The replica name cannot be empty"),
    "init.key_unreadable": (
        "密钥文件 {path} 无法读取或已损坏；为免丢失身份，未做更改",
        "The key file {path} cannot be read or is damaged; nothing was changed so the identity is not lost",
    ),
    # -- doctor --------------------------------------------------------------------------------
    "doctor.ok": ("检查通过：{path}", "All checks passed: {path}"),
    "doctor.problems": ("发现 {count} 个问题：{path}", "{count} problem(s) found in {path}"),
    "doctor.check.integrity": ("数据库完整性检查", "Database integrity check"),
    "doctor.check.foreign_keys": ("外键检查", "Foreign key check"),
    "doctor.check.op_sequence": ("修改记录序号连续", "Operation log sequences have no gaps"),
    "doctor.check.rows_vs_log": ("数据与修改记录一致", "Rows agree with the operation log"),
    "doctor.check.search_index": ("搜索索引完整", "Search index is complete"),
    "doctor.check.sort_keys": (
        "名称和水体的排序键完整",
        "Name and river sort keys are complete",
    ),
    "doctor.check.replica": ("本机副本标识", "Replica identity"),
    "doctor.check.key": ("本机密钥", "Replica key"),
    "doctor.result.ok": ("通过", "ok"),
    "doctor.result.failed": ("未通过", "FAILED"),
    "doctor.result.skipped": ("跳过", "skipped"),
    "doctor.detail.rows_checked": ("已核对 {count} 行", "{count} rows checked"),
    "doctor.detail.sampled": (
        "抽查 {count} 行（--full 逐条核对）",
        "{count} rows sampled (--full checks all)",
    ),
    "doctor.detail.mismatch": (
        "{entity} {row_id} 的 {field} 与修改记录不符",
        "{entity} {row_id}: {field} differs from the log",
    ),
    "doctor.detail.gap": (
        "来源 {origin} 缺少序号 {missing}",
        "origin {origin} is missing sequence {missing}",
    ),
    "doctor.detail.missing_docs": (
        "{count} 个排污口缺少搜索索引",
        "{count} outfalls missing from the search index",
    ),
    "doctor.detail.sort_keys": (
        "{count} 个排污口的拼音排序键缺失或过时",
        "{count} outfalls had a missing or outdated pinyin sort key",
    ),
    "doctor.detail.not_initialised": ("尚未运行 inspector init", "inspector init has not been run"),
    "doctor.detail.key_missing": ("缺少密钥文件 {path}", "key file {path} is missing"),
    "doctor.detail.key_permissions": (
        "密钥文件 {path} 权限过宽",
        "key file {path} can be read by others",
    ),
    "doctor.detail.key_mismatch": (
        "密钥文件与登记的公钥不符",
        "the key file does not match the registered public key",
    ),
    "doctor.detail.repaired": ("已修复", "repaired"),
    "doctor.backup": ("备份已写入 {path}", "Backup written to {path}"),
    # -- progress --------------------------------------------------------------------------------
    "progress.rows": ("行", "rows"),
    "progress.reading": ("读取 {name}", "Reading {name}"),
    "progress.demo": ("生成演示数据", "Building demo data"),
    "progress.checking": ("检查", "Checking"),
}
