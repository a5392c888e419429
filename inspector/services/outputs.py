"""Files the program writes: where they go, and never over an existing file unasked.

Every command and dialog that writes a file (a ledger, a bundle, a report, the public
list, a stamped photo...) names its targets here before writing anything. The command
line refuses an existing file unless `--force` is given; the UI asks, showing the file.
Paths typed relative are read from the current folder and always shown resolved, so the
person sees where a file will go before it is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from inspector.i18n import Problem, t


def resolved(path: Path | str) -> Path:
    """`path` as it will be written: `~` expanded, relative to the current folder, with
    `..` and links followed (the file itself need not exist)."""
    return Path(path).expanduser().resolve(strict=False)


def document_paths(typed: Path | str) -> list[Path]:
    """The .md and .xlsx of a report, side by side: `typed` with either suffix or none."""
    stem = Path(str(typed).strip()).expanduser()
    if stem.suffix.lower() in (".md", ".xlsx"):
        stem = stem.with_suffix("")
    return [stem.with_name(stem.name + ".md"), stem.with_name(stem.name + ".xlsx")]


def existing(paths: Iterable[Path]) -> list[Path]:
    """Those of `paths` that are already there (and would be replaced)."""
    return [p for p in paths if p.exists()]


def refuse_existing(paths: Iterable[Path], *, force: bool) -> None:
    """Raise, naming the first file already there, unless `force` (replace it)."""
    if force:
        return
    there = existing(paths)
    if there:
        raise Problem("out.exists", path=there[0], count=len(there))


def size_text(path: Path) -> str:
    """How big a file is and when it was last written, as the overwrite question says."""
    import datetime as dt

    try:
        stat = path.stat()
    except OSError:
        return ""
    when = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
    size: float = stat.st_size
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            amount = f"{size:.0f}" if unit == "B" else f"{size:.1f}"
            return t("out.file_facts", size=f"{amount} {unit}", when=when)
        size /= 1024
    return ""  # pragma: no cover - the loop always returns
