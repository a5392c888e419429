"""The `inspector` command line (DESIGN §6).

Only argparse and the message catalogs load before a command runs: `inspector --help`
must answer in well under 0.3 s, so every handler is imported when it is chosen.

Exit status: 0 done; 1 bad input or usage (nothing changed); 2 a bundle rejected for
integrity, authenticity or safety; 3 a bundle needing prerequisites this database lacks.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from inspector import __version__
from inspector.i18n import detect, language, set_language, t

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_REJECTED = 2
EXIT_PREREQUISITES = 3

#: Chinese for argparse's own messages (argparse reads them through gettext at run time).
_ARGPARSE_ZH = {
    "usage: ": "用法:",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数:%s",
    "unrecognized arguments: %s": "无法识别的参数:%s",
    "expected one argument": "需要一个参数",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r(可选:%(choices)s)",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值:%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s:%(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s:错误:%(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义,可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要以下参数之一:%s",
}


def _localise_argparse() -> None:
    if language() != "zh":
        return

    def gettext(message: str) -> str:
        return _ARGPARSE_ZH.get(message, message)

    argparse._ = gettext  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, and exit 1: status 2 means "bundle rejected" in this program.
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {t('cli.error_prefix')}: {message}\n")
        sys.exit(EXIT_BAD_INPUT)


#: command path -> "module:function" under inspector.cli, imported only when chosen.
HANDLERS: dict[tuple[str, ...], str] = {
    (): "tui:run",
    ("init",): "setup:init",
    ("demo",): "setup:demo",
    ("doctor",): "setup:doctor",
    ("ledger", "import"): "ledger:import_",
    ("ledger", "export"): "ledger:export",
    ("reference", "import"): "ledger:reference_import",
    ("reference", "export"): "ledger:reference_export",
}


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help=t("cli.json"))


def build_parser() -> argparse.ArgumentParser:
    _localise_argparse()
    parser = _Parser(
        prog="inspector",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
    )
    parser.add_argument("--db", metavar="PATH", help=t("cli.db"))
    parser.add_argument("--lang", choices=("zh", "en"), help=t("cli.lang"))
    parser.add_argument(
        "--version", action="version", version=f"inspector {__version__}", help=t("cli.version")
    )
    commands = parser.add_subparsers(
        dest="command", title=t("cli.commands"), metavar="COMMAND", parser_class=_Parser
    )

    p = commands.add_parser("init", help=t("cmd.init"), description=t("cmd.init"))
    p.add_argument("--name", required=True, help=t("cmd.init.name"))
    p.add_argument(
        "--role", required=True, choices=("field", "county", "central"), help=t("cmd.init.role")
    )
    p.add_argument("--region", required=True, metavar="CODE", help=t("cmd.init.region"))
    p.add_argument("--user", metavar="NAME", help=t("cmd.init.user"))
    _json_flag(p)

    p = commands.add_parser("demo", help=t("cmd.demo"), description=t("cmd.demo"))
    p.add_argument("--no-tui", action="store_true", help=t("cmd.demo.no_tui"))
    p.add_argument("--size", choices=("small", "large"), default="small", help=t("cmd.demo.size"))
    p.add_argument("--rebuild", action="store_true", help=t("cmd.demo.rebuild"))
    p.add_argument("--seed", type=int, default=2024, help=t("cmd.demo.seed"))

    p = commands.add_parser("doctor", help=t("cmd.doctor"), description=t("cmd.doctor"))
    p.add_argument("--no-backup", action="store_true", help=t("cmd.doctor.no_backup"))
    p.add_argument("--full", action="store_true", help=t("cmd.doctor.full"))
    _json_flag(p)

    ledger = commands.add_parser("ledger", help=t("cmd.ledger"), description=t("cmd.ledger"))
    ledger_cmds = ledger.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True, parser_class=_Parser
    )
    p = ledger_cmds.add_parser(
        "import", help=t("cmd.ledger.import"), description=t("cmd.ledger.import")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.ledger.file"))
    p.add_argument("--dry-run", action="store_true", help=t("cmd.ledger.dry_run"))
    p.add_argument("--ignore-unknown", action="store_true", help=t("cmd.ledger.ignore_unknown"))
    _json_flag(p)
    p = ledger_cmds.add_parser(
        "export", help=t("cmd.ledger.export"), description=t("cmd.ledger.export")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.ledger.file"))
    p.add_argument("--public", action="store_true", help=t("cmd.ledger.public"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.ledger.county"))
    _json_flag(p)

    reference = commands.add_parser(
        "reference", help=t("cmd.reference"), description=t("cmd.reference")
    )
    ref_cmds = reference.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True, parser_class=_Parser
    )
    p = ref_cmds.add_parser(
        "import", help=t("cmd.reference.import"), description=t("cmd.reference.import")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.reference.file"))
    _json_flag(p)
    p = ref_cmds.add_parser(
        "export", help=t("cmd.reference.export"), description=t("cmd.reference.export")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.reference.file"))
    p.add_argument("--city", required=True, metavar="CODE", help=t("cmd.reference.city"))
    _json_flag(p)
    return parser


def _handler(args: argparse.Namespace) -> Callable[[argparse.Namespace], int]:
    path: tuple[str, ...] = ()
    if args.command:
        path = (args.command,)
        if getattr(args, "subcommand", None):
            path += (args.subcommand,)
    module_name, func = HANDLERS[path].split(":")
    module = importlib.import_module(f"inspector.cli.{module_name}")
    handler: Callable[[argparse.Namespace], int] = getattr(module, func)
    return handler


def _pre_language(argv: Sequence[str]) -> str | None:
    """--lang must take effect before the parser (and its help texts) are built."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(detect(_pre_language(argv)))
    args = build_parser().parse_args(argv)
    from inspector.cli.output import guarded

    return guarded(lambda: _handler(args)(args))


def main() -> None:
    sys.exit(run())
