"""Domain rules, data access, sync, photos and reports never import Textual; the UI
calls them. Checked twice: statically (no import statement) and at run time (importing
each module in a fresh interpreter leaves Textual unloaded)."""

from __future__ import annotations

import ast
import json
import re
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


def loaded_after_importing(names: list[str], roots: set[str]) -> list[str]:
    """Which of the packages `roots` a fresh interpreter has loaded after importing `names`."""
    script = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {roots!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout))


def test_importing_headless_modules_leaves_textual_unloaded() -> None:
    assert loaded_after_importing(headless_modules(), {"textual"}) == []


def test_help_path_stays_light() -> None:
    """`inspector --help` must not pay for SQLAlchemy, Pillow, geopy or Textual."""
    script = (
        "import json, sys\n"
        "from inspector.cli import build_parser\n"
        "build_parser()\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'PIL', 'geopy', 'geographiclib', 'textual', 'openpyxl', 'alembic', 'pydantic')\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


# -- one data layer ----------------------------------------------------------------------

#: Where SQL may be run and written: the data layer (the migrations live outside the package).
DATA = ("data",)
#: Calls that run SQL on a connection or cursor.
RUNS_SQL = frozenset({"execute", "executemany", "executescript"})
#: A string constant that is a statement or the start of one.
SQL_TEXT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|CREATE|DROP|ALTER|WITH)\s")

#: What the UI may import of the data layer: the read models it shows, the database
#: handle and the one write path it hands to services. Everything else (merging,
#: bulk writes, sync records, queries' SQL) is reached through services.
UI_MAY_IMPORT_DATA = frozenset(
    {
        "inspector.data.browse",
        "inspector.data.db",
        "inspector.data.drafts",
        "inspector.data.engine",
        "inspector.data.history",
        "inspector.data.layers",
        "inspector.data.outfall_record",
        "inspector.data.outfalls",
        "inspector.data.reference",
        "inspector.data.spatial",
        "inspector.data.sync.duplicates",
        "inspector.data.sync.identity",
        "inspector.data.writer",
    }
)
#: The schema of record, which the UI reads only for its field specs (what a form
#: shows, allows and checks before a service is asked to save it).
UI_MAY_IMPORT_MODELS = frozenset({"inspector.models", "inspector.models.spec"})

#: Lower layers never import higher ones.
NEVER_IMPORTS = {
    "domain": ("inspector.data", "inspector.services", "inspector.ui", "inspector.cli"),
    "data": ("inspector.services", "inspector.ui", "inspector.cli"),
    "services": ("inspector.ui", "inspector.cli"),
}


def _modules(where: str) -> list[Path]:
    return sorted((PACKAGE / where).rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from inspector.data import spatial` imports the module `spatial`; `from
            # inspector.data.spatial import MapPoint` imports from `spatial`.
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.append((node.lineno, sub if _is_module(sub) else node.module))
    return out


def _is_module(name: str) -> bool:
    path = PACKAGE.parent / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _outside_data() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] not in DATA]


def test_no_sql_runs_outside_the_data_layer() -> None:
    offenders = []
    for path in _outside_data():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in RUNS_SQL
            ):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not offenders, "SQL run outside inspector/data: " + ", ".join(offenders)


def test_no_sql_is_written_outside_the_data_layer() -> None:
    offenders = []
    for path in _outside_data():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and SQL_TEXT.match(node.value)
            ):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not offenders, "SQL text outside inspector/data: " + ", ".join(offenders)


def test_the_ui_reaches_data_only_through_its_read_models() -> None:
    offenders = []
    for path in _modules("ui"):
        for line, name in _imports(path):
            if name.startswith("inspector.data") and name not in UI_MAY_IMPORT_DATA:
                if any(name.startswith(ok + ".") for ok in UI_MAY_IMPORT_DATA):
                    continue  # a name imported from an allowed module
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line} {name}")
            elif name.startswith("inspector.models") and name not in UI_MAY_IMPORT_MODELS:
                if any(name.startswith(ok + ".") for ok in UI_MAY_IMPORT_MODELS):
                    continue
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line} {name}")
    assert not offenders, "UI imports past the data layer's read models: " + ", ".join(offenders)


def test_lower_layers_never_import_higher_ones() -> None:
    offenders = []
    for layer, forbidden in NEVER_IMPORTS.items():
        for path in _modules(layer):
            for line, name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line} {name}")
    assert not offenders, "a layer imports one above it: " + ", ".join(offenders)


#: What runs before the app's first frame: these modules' top-level imports (outside
#: `if TYPE_CHECKING`) and the imports inside these functions of theirs.
FIRST_FRAME = {
    "ui/app.py": ("_first_run",),
    "ui/context.py": ("connect", "replica", "city_code"),
}


def _first_frame_imports() -> list[str]:
    names: set[str] = set()

    def take(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import):
                    names.update(a.name for a in sub.names)
                elif isinstance(sub, ast.ImportFrom) and sub.level == 0 and sub.module:
                    names.add(sub.module)

    for rel, functions in FIRST_FRAME.items():
        tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
        take([n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)])
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in functions:
                take(node.body)
    return sorted(n for n in names if n.startswith("inspector."))


def test_the_first_frame_does_not_wait_for_the_models() -> None:
    """The app reads its replica and whether the register is empty before its first
    frame; SQLModel (half a second to import) is loaded only after it is drawn. A read
    through `data.sync.trust` pulled the merge and the models in, and the first paint on
    a million outfalls went from 1.2x a bare Textual app to 3.6x."""
    assert loaded_after_importing(_first_frame_imports(), {"sqlmodel", "sqlalchemy"}) == []
