"""Automatic change reasons are stored as keys and read in the reader's language; what a
person typed, and every reason stored before keys, reads as it was written."""

from __future__ import annotations

import pytest

from inspector.i18n.reasons import keyed, reason_text


def test_a_keyed_reason_reads_in_each_language() -> None:
    stored = keyed("reason.photo_import", folder="DCIM")
    assert reason_text(stored, "en") == "Photo import: DCIM"
    assert reason_text(stored, "zh") == "导入照片：DCIM"
    assert reason_text(keyed("new.reason"), "en") == "Outfall registered"


def test_free_text_and_old_reasons_read_as_stored() -> None:
    for text in ("现场核实确认为入河排污口", "photo import: DCIM", "{not json", "", None):
        assert reason_text(text, "en") == (text or "")
    # A key a newer version wrote: its name, not the JSON around it.
    assert reason_text('{"key":"reason.from_the_future"}', "en") == "reason.from_the_future"
    # Wrong parameters still show the sentence.
    assert reason_text('{"key":"reason.photo_import","params":{"x":1}}', "en").startswith(
        "Photo import"
    )


def test_an_unknown_key_is_refused_when_written() -> None:
    with pytest.raises(KeyError):
        keyed("reason.no_such_key")
