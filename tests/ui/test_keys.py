"""One meaning per key: every binding of every screen and widget of the app (and of the
Textual widgets it uses) is walked; a key with a modifier, a function key or escape means
the same everywhere (`inspector.ui.keys.MEANINGS`), and a plain key means one thing on
each screen."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import defaultdict

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

import inspector.ui
from inspector.ui.keys import MEANINGS, plain

MOVING = {
    "up", "down", "left", "right", "home", "end", "pageup", "pagedown", "enter", "space",
    "tab", "backspace", "delete",
}  # fmt: skip
"""Keys that move or act on the focused control (arrows, enter...): the control's own."""


def _our_modules() -> list[object]:
    return [
        importlib.import_module(m.name)
        for m in pkgutil.walk_packages(inspector.ui.__path__, "inspector.ui.")
    ]


def _classes() -> set[type]:
    """Every screen, widget and app class of ours, and every Textual one we use."""
    found: set[type] = set()
    for module in _our_modules():
        for _name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, DOMNode):
                found.add(value)
    more = set()
    for cls in found:
        # A widget's own parts (a Select's overlay...) come with it.
        for sub in vars(importlib.import_module(cls.__module__)).values():
            if inspect.isclass(sub) and issubclass(sub, DOMNode):
                more.add(sub)
    return found | more


def _bindings(cls: type) -> list[Binding]:
    out = []
    for klass in cls.__mro__:
        for binding in klass.__dict__.get("BINDINGS", []):
            if isinstance(binding, tuple):
                binding = Binding(*binding)
            for key in binding.key.split(","):
                out.append(Binding(key.strip(), binding.action, binding.description))
    return out


def _action(binding: Binding) -> str:
    return binding.action.partition("(")[0].removeprefix("app.")


def _global(key: str) -> bool:
    base = key.removeprefix("shift+")
    return not plain(key) and base not in MOVING


def test_keys_with_a_modifier_mean_one_thing_everywhere() -> None:
    classes = _classes()
    assert len([c for c in classes if c.__module__.startswith("inspector.")]) > 40
    meanings: dict[str, set[str]] = defaultdict(set)
    where: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cls in classes:
        for binding in _bindings(cls):
            if _global(binding.key):
                meanings[binding.key].add(_action(binding))
                where[(binding.key, _action(binding))].add(cls.__name__)
    assert {"ctrl+s", "escape"} <= meanings.keys()
    for key, actions in meanings.items():
        allowed = MEANINGS.get(key)
        if allowed is not None:
            odd = actions - allowed
            assert not odd, f"{key} means {odd} in {[where[(key, a)] for a in odd]}"
        else:
            assert len(actions) == 1, f"{key} means {actions}: " + str(
                {a: where[(key, a)] for a in actions}
            )


def test_a_plain_key_means_one_thing_on_each_screen() -> None:
    from inspector.ui.app import InspectorApp

    app_keys = {b.key: _action(b) for b in _bindings(InspectorApp) if plain(b.key)}
    for cls in _classes():
        if not issubclass(cls, Screen) or not cls.__module__.startswith("inspector."):
            continue
        seen = dict(app_keys)
        for binding in _bindings(cls):
            if not plain(binding.key):
                continue
            action = _action(binding)
            assert seen.setdefault(binding.key, action) == action, (
                f"{cls.__name__}: {binding.key} is {action} and {seen[binding.key]}"
            )


def test_ctrl_r_reloads_and_nothing_else() -> None:
    """It once discarded the inspection draft, unasked, while four screens reloaded."""
    from inspector.ui.screens.inspection import InspectionScreen

    assert "ctrl+r" not in {b.key for b in _bindings(InspectionScreen)}
    assert MEANINGS["ctrl+r"] == {"reload"}
