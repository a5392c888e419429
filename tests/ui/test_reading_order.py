"""Lists of names a person picks from are in reading order in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from inspector.i18n import set_language
from inspector.i18n.collation import sorted_names
from inspector.ui.context import UiContext


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_river_choices_are_in_reading_order(ui_db: Any, lang: str) -> None:
    set_language(lang)
    try:
        labels = [label for label, _ in UiContext(ui_db).rivers()]
    finally:
        set_language("en")
    assert len(labels) > 5
    assert labels == sorted_names(labels)
    if lang == "zh":
        assert labels[0] == "丹河"  # dān; by code point it would be 共产主义渠
    else:
        assert labels == sorted(labels, key=str.casefold)
