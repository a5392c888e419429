"""GB 32100-2015 check character, against codes published by the companies themselves."""

from __future__ import annotations

import pytest

from inspector.domain import credit_code

# Codes printed on the business licences of well-known companies (public records).
PUBLISHED_VALID = [
    "914403001922038216",  # 华为技术有限公司
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    "91350100M000100Y43",  # the example in GB 32100-2015 itself
    "91110000802100433B",  # 北京百度网讯科技有限公司
    "91330100716105852F",  # 阿里巴巴(中国)网络技术有限公司
]


@pytest.mark.parametrize("code", PUBLISHED_VALID)
def test_published_codes_are_valid(code: str) -> None:
    assert credit_code.problem(code) is None
    assert credit_code.is_valid(code)


@pytest.mark.parametrize(
    ("code", "problem", "detail"),
    [
        ("914403001922038217", "credit_code_check", "6"),  # last character mistyped
        ("914403001922038126", "credit_code_check", "8"),  # two characters transposed
        ("91440300192203821", "credit_code_length", 17),
        ("9144030019220382160", "credit_code_length", 19),
        ("91440300I922038216", "credit_code_char", 9),  # I is never used
        ("914403001922O38216", "credit_code_char", 13),  # O is never used
    ],
)
def test_invalid_codes_say_what_is_wrong(code: str, problem: str, detail: object) -> None:
    found = credit_code.problem(code)
    assert found is not None
    assert found.code == problem
    if problem == "credit_code_check":
        assert found.expected == detail
    elif problem == "credit_code_length":
        assert found.position == detail
    else:
        assert found.position == detail


def test_normalise_accepts_lowercase_spaces_and_full_width() -> None:
    assert credit_code.is_valid(" 9144 0300 7152 6726xg ")
    assert credit_code.is_valid("９１４４０３００１９２２０３８２１６")


def test_every_single_character_error_is_caught() -> None:
    """The weights make any one substituted character change the check character."""
    code = PUBLISHED_VALID[0]
    for i in range(17):
        for ch in credit_code.ALPHABET:
            if ch == code[i]:
                continue
            assert not credit_code.is_valid(code[:i] + ch + code[i + 1 :])
