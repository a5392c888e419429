"""Unified social credit code (统一社会信用代码), GB 32100-2015.

Eighteen characters from a 31-character alphabet (no I, O, Z, S, V); the last is a check
character computed from the first seventeen with weights 3^i mod 31.
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


@dataclass(frozen=True)
class CreditCodeProblem:
    """Why a code was refused; `code` names the i18n message, the rest fills it in."""

    code: str
    position: int = 0
    char: str = ""
    expected: str = ""


def check_character(first17: str) -> str:
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise(text: str) -> str:
    """Upper-case and strip the spaces and full-width characters people paste in."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def problem(code: str) -> CreditCodeProblem | None:
    """None when `code` (already normalised) is a valid credit code, else what is wrong."""
    if len(code) != 18:
        return CreditCodeProblem("credit_code_length", position=len(code))
    for i, ch in enumerate(code, start=1):
        if ch not in _VALUE:
            return CreditCodeProblem("credit_code_char", position=i, char=ch)
    expected = check_character(code[:17])
    if code[17] != expected:
        return CreditCodeProblem("credit_code_check", char=code[17], expected=expected)
    return None


def is_valid(code: str) -> bool:
    return problem(normalise(code)) is None
