"""Every failure one true sentence: help texts, damaged databases, interrupted commands,
full disks, a failed `init` (issue 11, item 4)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from inspector.i18n import set_language
from tests.conftest import run_inspector


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_commands_help_prints(lang: str) -> None:
    """A "%" in a help text ("10% or 1/10") made `plan draw --help` a traceback."""
    from inspector.cli import build_parser

    set_language(lang)
    seen = []
    for path, parser in _parsers(build_parser()):
        text = parser.format_help()
        assert text.startswith(("usage:", "用法")), path
        seen.append(" ".join(path))
    assert "plan draw" in seen
    assert len(seen) > 40


def test_plan_draw_help_from_the_command_line() -> None:
    result = run_inspector("plan", "draw", "--help")
    assert result.returncode == 0, result.stderr
    assert "10%" in result.stdout
    assert "Traceback" not in result.stderr
