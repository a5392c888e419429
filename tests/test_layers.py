"""Domain rules, data access, sync, photos and reports never import Textual; the UI
calls them. Checked twice: statically (no import statement) and at run time (importing
each module in a fresh interpreter leaves Textual unloaded)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "inspector"
UI_PACKAGES = ("ui",)
#: Modules that must also stay light: `inspector --help` imports only these.
LIGHT = ("inspector.cli", "inspector.i18n", "inspector.locations")


def headless_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts
        if len(parts) > 1 and parts[1] in UI_PACKAGES:
            continue
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if len(parts) > 1 and parts[1] == "cli" and parts[-1] == "tui":
            continue  # the one bridge that starts the UI
        names.append(".".join(parts))
    return names


def test_no_headless_module_imports_textual_statically() -> None:
    offenders = []
    for name in headless_modules():
        path = PACKAGE.parent / Path(*name.split("."))
        file = path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mods = [node.module or ""]
            else:
                continue
            if any(m == "textual" or m.startswith("textual.") for m in mods):
                offenders.append(name)
    assert not offenders


def test_importing_headless_modules_leaves_textual_unloaded() -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {headless_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_help_path_stays_light() -> None:
    """`inspector --help` must not pay for SQLAlchemy, Pillow, geopy or Textual."""
    script = (
        "import json, sys\n"
        "from inspector.cli import build_parser\n"
        "build_parser()\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'PIL', 'geopy', 'textual', 'openpyxl', 'alembic', 'pydantic')\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
