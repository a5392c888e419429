"""Paths that are not typed blind: completion as you type, a folder tree to pick from, and
the path resolved under the box before anything is read or written.

`PathInput` completes the last part of what is typed from the folder it names (as a shell
does: one match is completed whole, several up to what they share; `tab` or `→` accepts,
`tab` with nothing to accept goes to the next field). `PathBox` adds a button that opens
`PathPickerModal`, a folder tree showing only the folders and the files of the kinds
wanted, and a line under the box saying where the path really is ("→ /home/...") and
whether the file is already there.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, DirectoryTree, Input, Static

from inspector.i18n import t
from inspector.ui.bindings import localise


@dataclass(frozen=True)
class PathKind:
    """What a path box takes."""

    folder: bool = False
    """A folder (photos to import) rather than a file."""
    suffixes: tuple[str, ...] = ()
    """File kinds offered (lower case, with the dot); empty: any."""
    existing: bool = False
    """A file to read (it must be there), rather than one to write."""

    def offers(self, path: Path, is_dir: bool) -> bool:
        if is_dir:
            return True
        if self.folder:
            return False
        return not self.suffixes or path.suffix.lower() in self.suffixes


def _split(text: str) -> tuple[str, str]:
    """(the folder part as typed, with its slash; the name being typed)."""
    head, sep, tail = text.rpartition("/")
    return (head + sep, tail) if sep else ("", text)


def _folder(typed_folder: str) -> Path:
    return Path(typed_folder or ".").expanduser()


def completion(text: str, kind: PathKind) -> str | None:
    """What `text` completes to in its folder (None: nothing more to add)."""
    folder_text, name = _split(text)
    folder = _folder(folder_text)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    matches: list[str] = []
    for entry in entries:
        if not entry.name.startswith(name):
            continue
        if entry.name.startswith(".") and not name.startswith("."):
            continue  # hidden, unless asked for
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if kind.offers(Path(entry.path), is_dir):
            matches.append(entry.name + ("/" if is_dir else ""))
    if not matches:
        return None
    # Character by character on purpose: names, not path components, are completed.
    shared = os.path.commonprefix(matches) if len(matches) > 1 else matches[0]  # noqa: RUF071
    if len(shared) <= len(name):
        return None
    return folder_text + shared


class PathSuggester(Suggester):
    def __init__(self, kind: PathKind) -> None:
        # No cache: the folder may change while the box is open (a stick is plugged in).
        super().__init__(use_cache=False, case_sensitive=True)
        self.kind = kind

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        # Listing a folder is blocking I/O (and slow on a USB stick): off the event loop.
        return await asyncio.to_thread(completion, value, self.kind)


class PathInput(Input):
    """A text box for a path, completing what is typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "path.complete", show=False),
    ]

    def __init__(self, value: str = "", *, kind: PathKind, **kwargs: Any) -> None:
        super().__init__(value, suggester=PathSuggester(kind), **kwargs)
        localise(self)
        self.kind = kind

    def action_complete(self) -> None:
        """Take the completion shown; with none, `tab` goes on to the next field."""
        suggestion = self._suggestion
        if suggestion and suggestion != self.value and suggestion.startswith(self.value):
            self.value = suggestion
            self.cursor_position = len(suggestion)
        else:
            self.screen.focus_next()


def resolved_text(text: str, kind: PathKind) -> tuple[str, bool]:
    """The line under a path box: where the path is, and what is there (and whether that
    is a problem)."""
    from inspector.services.outputs import resolved

    text = text.strip().strip("'\"")
    if not text:
        return "", False
    path = resolved(text)
    facts = ""
    bad = False
    if path.is_dir():
        if not kind.folder:
            facts, bad = t("path.is_folder"), True
    elif path.exists():
        if kind.folder:
            facts, bad = t("path.not_folder"), True
        elif not kind.existing:
            facts = t("path.will_replace")
    elif kind.existing or kind.folder:
        facts, bad = t("path.missing"), True
    elif not path.parent.is_dir():
        facts, bad = t("path.no_parent", folder=path.parent), True
    return "→ " + str(path) + (f"  ({facts})" if facts else ""), bad


class PathBox(Vertical):
    """A path box with its browse button and the resolved path under it."""

    DEFAULT_CSS = """
    PathBox { height: auto; width: 1fr; }
    PathBox > .path-row { height: auto; }
    PathBox PathInput { width: 1fr; }
    PathBox .path-browse { min-width: 5; width: auto; margin: 0 0 0 1; }
    PathBox > .path-resolved { color: $text-muted; height: auto; }
    PathBox > .path-resolved.-bad { color: $error; }
    """

    def __init__(
        self,
        value: str = "",
        *,
        kind: PathKind,
        input_id: str,
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="path-box")
        self.kind = kind
        self._value = value
        self._input_id = input_id
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Horizontal(classes="path-row"):
            yield PathInput(
                self._value,
                kind=self.kind,
                placeholder=self._placeholder,
                compact=True,
                id=self._input_id,
            )
            yield Button(t("path.browse"), compact=True, classes="path-browse")
        yield Static("", classes="path-resolved", markup=False)

    @property
    def input(self) -> PathInput:
        return self.query_one(PathInput)

    def on_mount(self) -> None:
        self._show_resolved(self.input.value)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._show_resolved(event.value)

    def _show_resolved(self, text: str) -> None:
        line, bad = resolved_text(text, self.kind)
        shown = self.query_one(".path-resolved", Static)
        shown.update(line)
        shown.display = bool(line)
        shown.set_class(bad, "-bad")

    @on(Button.Pressed, ".path-browse")
    def browse(self, event: Button.Pressed | None = None) -> None:
        if event is not None:
            event.stop()

        def chosen(path: str | None) -> None:
            if path:
                box = self.input
                box.value = path
                box.cursor_position = len(path)
                box.focus()

        self.app.push_screen(PathPickerModal(self.input.value, kind=self.kind), chosen)


class _Tree(DirectoryTree):
    """Only folders, and the files a path box takes; hidden ones left out."""

    def __init__(self, path: Path, *, kind: PathKind, id: str | None = None) -> None:
        self.kind = kind
        super().__init__(path, id=id)

    def filter_paths(self, paths: Any) -> Any:
        out = []
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                is_dir = path.is_dir()
            except OSError:
                continue
            if self.kind.offers(path, is_dir):
                out.append(path)
        return out


class PathPickerModal(ModalScreen[str | None]):
    """A folder tree to pick a path from; the box under it takes a typed name too (a
    new file to write). Returns the path chosen, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "confirm", "path.choose", priority=True),
        Binding("backspace", "up", "path.up", show=False),
    ]
    DEFAULT_CSS = """
    PathPickerModal #picker-tree { height: 16; border: round $primary 50%; }
    PathPickerModal #picker-tree:focus { border: round $primary; }
    """

    def __init__(self, typed: str, *, kind: PathKind) -> None:
        super().__init__(id="path-picker")
        localise(self)
        self.kind = kind
        self.typed = typed.strip()

    def _start(self) -> Path:
        from inspector.services.outputs import resolved

        if self.typed:
            path = resolved(self.typed)
            for candidate in (path, *path.parents):
                if candidate.is_dir():
                    return candidate
        return Path.cwd()

    def compose(self) -> ComposeResult:
        title = "path.pick_folder" if self.kind.folder else "path.pick_file"
        start = self._start()
        with Vertical(classes="modal-box"):
            yield Static(t(title), classes="modal-title")
            yield Static(str(start), id="picker-where", classes="hint", markup=False)
            yield _Tree(start, kind=self.kind, id="picker-tree")
            yield Static(t("path.pick_hint"), classes="hint")
            yield PathBox(
                self.typed or (str(start) + "/" if self.kind.folder else ""),
                kind=self.kind,
                input_id="picker-path",
            )
            with Horizontal(classes="modal-buttons"):
                yield Button(t("path.choose") + " (Ctrl+S)", id="picker-ok", variant="primary")
                yield Button(t("path.up") + " (Backspace)", id="picker-up")
                yield Button(t("form.cancel") + " (Esc)", id="picker-cancel")

    def on_mount(self) -> None:
        self.query_one("#picker-tree", DirectoryTree).focus()

    @property
    def folders(self) -> DirectoryTree:
        return self.query_one("#picker-tree", DirectoryTree)

    def _set(self, path: Path, *, folder: bool) -> None:
        box = self.query_one("#picker-path", PathInput)
        box.value = str(path) + ("/" if folder and not self.kind.folder else "")
        box.cursor_position = len(box.value)

    @on(DirectoryTree.FileSelected)
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        self._set(event.path, folder=False)
        self.action_confirm()

    @on(DirectoryTree.DirectorySelected)
    def _folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        self._set(event.path, folder=True)

    @on(Button.Pressed, "#picker-up")
    def action_up(self) -> None:
        if isinstance(self.focused, Input):
            self.focused.action_delete_left()  # backspace in the box edits it
            return
        folders = self.folders
        parent = Path(folders.path).resolve().parent
        folders.path = parent
        self.query_one("#picker-where", Static).update(str(parent))

    @on(Button.Pressed, "#picker-ok")
    @on(Input.Submitted, "#picker-path")
    def action_confirm(self) -> None:
        text = self.query_one("#picker-path", PathInput).value.strip()
        if text:
            self.dismiss(text)

    @on(Button.Pressed, "#picker-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
