"""Figures as a ledger holds them (exact, in range, written without exponent), and values as
people type them: `6200`, `6,200`, `6，200`, `1.2万`, `０．２３万`, `done`, `正常`.

Every function raises InputError with a Chinese message that names the argument (`VALUE`,
`--date`, `第3行「本期累计」`), so the same code serves `update` and `import`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Optional

from minsheng_cli.words import progress as M, vocab as vocab_words
from minsheng_cli.errors import InputError
from minsheng_cli.ledger.model import Target

ARGUMENT_VALUE = M.ARG_VALUE  # how messages name the value argument (its name in --help)

# Chinese multipliers a user may type after a number (1.2万 = 12000). Plan figures are in base
# units (PRODUCT.md §2), so a value typed with 万 is unambiguous.
MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000)}
_PLAIN = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_NEGATIVE = re.compile(r"^[-−－]")
CONTINUING_WORDS = vocab_words.CONTINUING_WORDS
# Characters a progress line cannot hold as typed text (C0/C1 controls other than newline and tab,
# lone surrogates from undecodable command-line bytes). Compiled by `re` where first used (its
# class of surrogates took an update without text 0.3 ms to compile).
_BAD_TEXT = "[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]"
MAX_INTEGER_DIGITS = 15  # 10^15 is far beyond any livelihood figure and within exact float display
MAX_DECIMALS = 6


# --- figures as a ledger holds them --------------------------------------------------------------
def value_in_range(value: Decimal) -> bool:
    """A figure a ledger can hold: finite, under 10^15, at most 6 decimals (after trailing zeros)."""
    if not value.is_finite() or not abs(value) < _LIMIT:
        return False
    # trailing zeros only raise the exponent: as written it is enough, else without them
    return value.as_tuple().exponent >= -MAX_DECIMALS or normal_decimal(value).as_tuple().exponent >= -MAX_DECIMALS


_LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS


def normal_decimal(value: Decimal) -> Decimal:
    """The same number without trailing zeros or exponent (exact at any size, unlike normalize())."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return value
    if exponent >= 0:
        return Decimal(int(value))
    digits = list(digits)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exponent += 1
    if exponent < 0 and digits == [0]:
        return Decimal(0)
    return Decimal((sign, tuple(digits), exponent))


def format_number(value: Decimal) -> str:
    """6200, 4.35: no exponent, no trailing zeros (as a progress line holds it)."""
    return format(normal_decimal(value), "f")


# --- figures as people type them -----------------------------------------------------------------


def multiplier_in(text: object) -> Optional[str]:
    """The 万 or 亿 a typed number ends with (`9.9万`, `９.９ 万`), or None: for a cell whose
    instructions ask for base units, where such a number is refused rather than read."""
    cleaned = _typed(text)
    return cleaned[-1] if cleaned and cleaned[-1] in MULTIPLIERS and len(cleaned) > 1 else None


def _typed(text: object) -> str:
    raw = "" if text is None else str(text)
    return unicodedata.normalize("NFKC", raw).strip().replace(" ", "")


def parse_number(text: str, argument: str) -> Decimal:
    """A non-negative exact number; thousands separators, full-width digits and 万/亿 accepted."""
    raw = "" if text is None else str(text)
    cleaned = _typed(raw)
    if not cleaned:
        raise InputError(M.REC_NUMBER_EMPTY.format(argument=argument))
    if _NEGATIVE.match(cleaned):
        raise InputError(M.REC_NUMBER_NEGATIVE.format(argument=argument, value=raw))
    multiplier = Decimal(1)
    if cleaned[-1] in MULTIPLIERS:
        multiplier = MULTIPLIERS[cleaned[-1]]
        cleaned = cleaned[:-1]
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif not _PLAIN.match(cleaned):
        raise InputError(M.REC_NUMBER_BAD.format(argument=argument, value=raw))
    number = Decimal(cleaned) * multiplier
    if not value_in_range(number):
        raise InputError(M.REC_NUMBER_RANGE.format(argument=argument, value=raw))
    return normal_decimal(number)


def parse_value(text: str, target: Target, argument: str = ARGUMENT_VALUE) -> Decimal | str:
    """The value of a record for `target`, by its kind (PRODUCT.md §3 `update`)."""
    raw = "" if text is None else str(text).strip()
    if target.kind in ("count", "level"):
        return parse_number(_without_unit(raw, target.unit), argument)
    if not raw:
        raise InputError(M.REC_VALUE_EMPTY.format(argument=argument, target=target.name))
    if target.kind == "milestone":
        if raw.lower() in vocab_words.DONE_WORDS:
            return "done"
        for step in target.steps:
            if raw == step.name:
                return step.name
        choices = [M.REC_MILESTONE_DONE_CHOICE, *(step.name for step in target.steps)]
        raise InputError(M.REC_VALUE_MILESTONE.format(argument=argument, value=raw, target=target.name, choices="、".join(choices)))
    if target.kind == "checklist":
        if raw in target.items:
            return raw
        raise InputError(M.REC_VALUE_CHECKLIST.format(argument=argument, value=raw, target=target.name, choices="、".join(target.items)))
    if raw in CONTINUING_WORDS:
        return CONTINUING_WORDS[raw]
    raise InputError(M.REC_VALUE_CONTINUING.format(argument=argument, value=raw, target=target.name))


def _without_unit(text: str, unit: Optional[str]) -> str:
    """`6200个` for a target in 个 reads as 6200 (people copy figures with their unit)."""
    if unit and text.endswith(unit) and len(text) > len(unit):
        return text[: -len(unit)].rstrip()
    return text


def clean_text(text: Optional[str], argument: str) -> Optional[str]:
    """Free text (进展情况 …): stripped; empty → None; control characters refused."""
    if text is None:
        return None
    stripped = str(text).replace("\r\n", "\n").replace("\r", "\n").strip()  # text pasted from Windows
    if not stripped:
        return None
    if re.search(_BAD_TEXT, stripped):
        raise InputError(M.REC_TEXT_BAD_CHAR.format(argument=argument))
    return stripped
