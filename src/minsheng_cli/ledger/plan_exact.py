"""The plan's dataclasses built straight from YAML data that already has their exact shape.

pydantic is the one judge of the plan's schema (plan_rules.validate_schema), but building its
validator and importing it is most of what a first report costs after the plan changed (≈ 0.1 s,
PRODUCT.md §5). Most plans are written exactly as the dataclasses in model.py declare them: a
`str` where the hint says `str`, an `int` where it says `int`, a date where it says date. For
those, `exact_plan` builds the Plan itself, reading nothing but the type hints, and pydantic is
not needed; anything else — a missing or unknown field, a number written as text, a date in
quotes, a value outside a Literal — gives None, and pydantic judges the plan as before, with
its messages. So a plan is never accepted here that pydantic would refuse, and what is built is
what pydantic builds (tests/test_plan_exact.py holds the two equal on generated plans).

The one conversion made is pydantic's own for a Decimal hint: an int as `Decimal(int)`, a finite
float as `Decimal(str(float))` (YAML reads `4.4` as a float).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import types
import typing
from decimal import Decimal
from typing import Any, Callable, Literal, Optional, Union

from minsheng_cli.ledger.model import Plan


class _NotExact(Exception):
    """The data is not in the exact shape: pydantic decides."""


def exact_plan(data: Any) -> Optional[Plan]:
    """The Plan pydantic would build from `data`, or None when `data` is not in the exact shape."""
    try:
        return _builder(Plan)(data)
    except _NotExact:
        return None


def _fail() -> Any:
    raise _NotExact


@functools.cache
def _builder(hint: Any) -> Callable[[Any], Any]:
    """A function that turns data of exactly the shape `hint` declares into its value."""
    if dataclasses.is_dataclass(hint):
        return _dataclass_builder(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Union or origin is types.UnionType:
        return _optional_builder(args)
    if origin is Literal:
        return _literal_builder(args)
    if origin is list:
        item = _builder(args[0])
        return lambda data: [item(x) for x in data] if type(data) is list else _fail()
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _builder(args[0])
        return lambda data: tuple(item(x) for x in data) if type(data) is list else _fail()
    if origin is dict:
        key, value = _builder(args[0]), _builder(args[1])
        return lambda data: {key(k): value(v) for k, v in data.items()} if type(data) is dict else _fail()
    if hint is Decimal:
        return _decimal
    if hint in (str, int, bool, dt.date):
        return lambda data: data if type(data) is hint else _fail()
    raise TypeError(f"plan_exact has no rule for {hint!r}")  # a new kind of hint in model.py: teach it here


def _dataclass_builder(cls: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    required = {name for name, f in fields.items() if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    convert = {name: _builder(hints[name]) for name in fields}

    def build(data: Any) -> Any:
        if type(data) is not dict or not required.issubset(data) or not set(data).issubset(fields):
            raise _NotExact
        return cls(**{name: convert[name](value) for name, value in data.items()})

    return build


def _optional_builder(args: tuple) -> Callable[[Any], Any]:
    rest = [arg for arg in args if arg is not type(None)]
    if len(rest) != 1 or len(args) != 2:
        raise TypeError(f"plan_exact has no rule for a union of {args!r}")
    inner = _builder(rest[0])
    return lambda data: None if data is None else inner(data)


def _literal_builder(choices: tuple) -> Callable[[Any], Any]:
    allowed = frozenset(choices)
    if not all(type(choice) is str for choice in allowed):
        raise TypeError(f"plan_exact has no rule for the literal {choices!r}")
    return lambda data: data if type(data) is str and data in allowed else _fail()


def _decimal(data: Any) -> Decimal:
    kind = type(data)
    if kind is int:
        return Decimal(data)
    if kind is float and math.isfinite(data):
        return Decimal(str(data))
    raise _NotExact
