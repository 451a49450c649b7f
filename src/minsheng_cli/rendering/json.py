"""JSON output (`--format json`): stable, for scripts. Decimal and Fraction become numbers
(integers stay integers), dates ISO strings; keys keep the order the data gives them.

The report's contract (PRODUCT.md §3) is built as data by `reporting/contract.py`; this module
only writes it, and every other command's JSON too.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any


def to_jsonable(value: Any) -> Any:
    if isinstance(value, (Decimal, Fraction)):
        number = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else value
        return int(number) if number == number.to_integral_value() else float(number)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def json_text(obj: Any) -> str:
    return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2) + "\n"


def emit_json(obj: Any, stream=None) -> None:
    (stream or sys.stdout).write(json_text(obj))
