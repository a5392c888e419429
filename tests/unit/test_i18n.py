"""Every string in both languages, filled the same way, punctuated for its language."""

from __future__ import annotations

import re
import string

import pytest

from inspector import i18n
from inspector.domain.choices import CHOICES, Category
from inspector.domain.lifecycle import Need
from inspector.models import SYNCED
from inspector.models.spec import spec_for


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, (zh, en) in i18n.messages().items():
        assert zh.strip(), key
        assert en.strip(), key
        assert _placeholders(zh) == _placeholders(en), key


def test_chinese_uses_full_width_punctuation() -> None:
    ascii_punct = re.compile(r"[,;()]|(?<!\d):(?!\d)")
    # A comma between numbers is part of what the user types (a position "35.08, 113.39").
    numeric = re.compile(r"\d, ?\d")
    # A placeholder's format ("{count:,}") is not text the reader sees.
    placeholder = re.compile(r"\{[^{}]*\}")
    offenders = {
        k: zh
        for k, (zh, _) in i18n.messages().items()
        if ascii_punct.search(numeric.sub("", placeholder.sub("", zh)))
    }
    assert not offenders


@pytest.mark.parametrize("key", ["sync.imported", "sync.previewed"])
def test_an_import_of_a_season_groups_its_digits_as_the_preview_does(key: str) -> None:
    counts = {"applied": 300_000, "held": 0, "created": 100_000, "changed": 2_500, "fields": 4_096}
    for lang in ("zh", "en"):
        text = i18n.t(
            key, lang, file="a.bundle", source="武陟县", conflicts=0, duplicates=0, photos=0,
            **counts,
        )  # fmt: skip
        for grouped in ("300,000", "100,000", "2,500", "4,096"):
            assert grouped in text, text


def test_every_synced_field_has_a_label() -> None:
    for entity, model in SYNCED.items():
        for name in spec_for(model).fields:
            assert i18n.has(f"field.{entity}.{name}"), f"{entity}.{name}"


def test_every_lifecycle_need_has_a_message() -> None:
    for need in Need:
        assert i18n.has(f"need.{need.value}")


def test_choices_have_unique_keys_and_two_labels() -> None:
    for name, kind in CHOICES.items():
        values = [m.value for m in kind]
        assert len(values) == len(set(values)), name
        for member in kind:
            assert member.zh, f"{name}.{member.value}"
            assert member.en, f"{name}.{member.value}"
            assert kind.parse(member.zh) is member
            assert kind.parse(member.en) is member


def test_category_tree_is_hj1312() -> None:
    level1 = {c for c in Category if c.depth == 1}
    assert {c.zh for c in level1} >= {"工业排污口", "城镇污水处理厂排污口", "农业排口", "其他排口"}
    assert Category.IND_ENT_MINE.level1 is Category.INDUSTRIAL
    assert Category.parse("尾矿库雨洪排口") is Category.IND_STORM_TAILINGS
    assert Category.OTH_URBAN_STORM.type_code == "QT"
    assert Category.URBAN_WWTP.type_code == "WS"


@pytest.mark.parametrize(
    ("env", "expected"), [("zh_CN.UTF-8", "zh"), ("en_US.UTF-8", "en"), ("C", "en")]
)
def test_language_from_locale(monkeypatch: pytest.MonkeyPatch, env: str, expected: str) -> None:
    monkeypatch.delenv("INSPECTOR_LANG", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", env)
    assert i18n.detect() == expected
    assert i18n.detect("zh") == "zh"  # --lang wins


def test_missing_key_shows_the_key_instead_of_crashing() -> None:
    assert i18n.t("no.such.key") == "no.such.key"
