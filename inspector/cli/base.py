"""Shared pieces of the command line: the parser class, exit codes, common flags.

Command groups live in their own modules under `inspector.cli` and define
`add_commands(commands)`; they are found automatically. Their module level must stay
light (argparse and the message catalogs only): every handler imports what it needs when
it runs, so `inspector --help` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from inspector.i18n import t

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_REJECTED = 2
EXIT_PREREQUISITES = 3


class _PlainHelp(argparse.HelpFormatter):
    """Help texts come from the catalogs as plain text ("10% or 1/10"): argparse would
    read their "%" as a format directive and crash. None of ours uses %(default)s."""

    def _expand_help(self, action: argparse.Action) -> str:
        return self._get_help_string(action) or ""


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _PlainHelp)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        # One line, and exit 1: status 2 means "bundle rejected" in this program.
        from inspector.domain.printable import printable

        self.print_usage(sys.stderr)
        # The message quotes what was typed, which may hold anything.
        sys.stderr.write(f"{self.prog}: {t('cli.error_prefix')}: {printable(message)}\n")
        sys.exit(EXIT_BAD_INPUT)


Commands = Any
"""The object `add_subparsers()` returns (argparse keeps its type private)."""


def json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=t("cli.json"))


def force_flag(parser: argparse.ArgumentParser) -> None:
    """`--force`: replace the output file if it exists (without it, never)."""
    parser.add_argument("--force", action="store_true", help=t("cli.force"))


def command(commands: Commands, name: str, help_key: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=t(help_key), description=t(help_key)
    )
    return parser


def group(commands: Commands, name: str, help_key: str) -> Commands:
    """A command with subcommands, such as `inspector ledger import`."""
    parser = command(commands, name, help_key)
    return parser.add_subparsers(
        dest="subcommand", metavar="COMMAND", required=True, parser_class=Parser
    )
