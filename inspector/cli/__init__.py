"""The `inspector` command line (DESIGN §6).

Only argparse and the message catalogs load before a command runs: `inspector --help`
must answer in well under 0.3 s, so every handler is imported when it is chosen.

Exit status: 0 done; 1 bad input or usage (nothing changed); 2 a bundle rejected for
integrity, authenticity or safety; 3 a bundle needing prerequisites this database lacks.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from inspector import __version__
from inspector.cli.base import EXIT_BAD_INPUT, EXIT_OK, EXIT_PREREQUISITES, EXIT_REJECTED, Parser
from inspector.i18n import detect, language, set_language, t

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "EXIT_PREREQUISITES",
    "EXIT_REJECTED",
    "build_parser",
    "main",
    "run",
]

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


#: Command-group modules, in the order their commands appear in --help.
ORDER = ("setup", "ledger", "photos", "sync", "plans")


def _groups() -> list[str]:
    """Modules of inspector.cli that add commands (`add_commands`), found by name."""
    import inspector.cli as package

    names = [m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole parser; without `commands`, only the options of `inspector` itself."""
    _localise_argparse()
    parser = Parser(prog="inspector", description=t("cli.description"), epilog=t("cli.epilog"))
    parser.add_argument("--db", metavar="PATH", help=t("cli.db"))
    parser.add_argument("--lang", choices=("zh", "en"), help=t("cli.lang"))
    parser.add_argument(
        "--version", action="version", version=f"inspector {__version__}", help=t("cli.version")
    )
    if commands:
        _add_commands(parser)
    return parser


def _add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(
        dest="command", title=t("cli.commands"), metavar="COMMAND", parser_class=Parser
    )
    for name in _groups():
        module = importlib.import_module(f"inspector.cli.{name}")
        add = getattr(module, "add_commands", None)
        if add is not None:
            add(commands)


def _handler(args: argparse.Namespace) -> Callable[[argparse.Namespace], int]:
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        # No command: the terminal UI.
        from inspector.cli.tui import run as run_tui

        return run_tui
    return handler


def _pre_language(argv: Sequence[str]) -> str | None:
    """--lang must take effect before the parser (and its help texts) are built."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


#: The options of `inspector` itself that take a value.
_VALUED = ("--db", "--lang")


def _opens_ui(argv: Sequence[str]) -> bool:
    """Whether `argv` holds only `inspector`'s own --db and --lang: the UI, for which the
    command parsers (their modules are a sixth of the UI's start-up time) are not built."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in _VALUED and rest:
            rest.pop(0)
        elif not arg.startswith(tuple(f"{option}=" for option in _VALUED)):
            return False
    return True


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(detect(_pre_language(argv)))
    args = build_parser(commands=not _opens_ui(argv)).parse_args(argv)
    from inspector.cli.output import guarded

    def database() -> Path:
        from inspector.locations import resolve_database

        return resolve_database(args.db)

    return guarded(lambda: _handler(args)(args), database=database)


def main() -> None:
    sys.exit(run())
