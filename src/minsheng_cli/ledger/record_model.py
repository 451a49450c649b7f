"""The one model of a progress line (pydantic), and the check every written record passes.

`ProgressRecord` says what a line of progress/YYYY-MM/NN.yaml may hold — its fields in written
order (`record_fields.RECORD_FIELDS`), their types, and the rules both readers apply: a real date,
text where text belongs, a value that is text or a figure a ledger can hold, an action out of
`correct`/`void`, and a record without target being a narrative. `minsheng schema progress` is
generated from it. The fast reader and the YAML fallback (pydantic-free, for speed) accept exactly
the lines it accepts: tests/test_record_model.py generates lines and holds the three together.

`WrittenRecord` adds what `check` demands of any line on its own, whatever the plan says: no
negative figure, no empty name or value, a reason for every correction and void, a value for
every correction (`written.written_faults`, the one copy of those rules). The store checks what
it writes without pydantic (written.py: the faults, then each line read back); tests hold that
check equal to this model. Only `schema` and the tests import this module: neither reading nor
writing a ledger imports pydantic.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Optional, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator

from minsheng_cli.ledger.model import RecordAction
from minsheng_cli.ledger.numbers import value_in_range
from minsheng_cli.ledger.record_fields import NARRATIVE_FIELDS, RECORD_FIELDS
from minsheng_cli.ledger.written import RecordInvalid, written_faults  # noqa: F401 (RecordInvalid re-exported)


def _integer_as_decimal(value: Any) -> Any:
    """YAML reads 6200 as an integer; the ledger holds it as the Decimal 6200 (bool is no number)."""
    return Decimal(value) if type(value) is int else value


def _holdable(value: Decimal) -> Decimal:
    if not value_in_range(value):
        raise ValueError("out of range: under 10^15, at most 6 decimals")
    return value


Figure = Annotated[Decimal, AfterValidator(_holdable)]


class ProgressRecord(BaseModel):
    """One line of a progress file (progress/YYYY-MM/NN.yaml)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    date: dt.date
    target: Optional[str] = None
    county: Optional[str] = None
    value: Annotated[Union[Figure, str, None], BeforeValidator(_integer_as_decimal)] = None
    action: Optional[RecordAction] = None
    reason: Optional[str] = None
    note: Optional[str] = None
    problem: Optional[str] = None
    next: Optional[str] = None
    by: Optional[str] = None
    received: Optional[dt.date] = None

    @model_validator(mode="after")
    def _narrative_without_target(self) -> "ProgressRecord":
        """A record without target is a project's narrative: no county, value or action, some text."""
        if self.target is None:
            named = [name for name in ("county", "value", "action") if getattr(self, name) is not None]
            if named:
                raise ValueError(f"{named[0]} needs a target")
            if all(getattr(self, name) is None for name in NARRATIVE_FIELDS):
                raise ValueError("a record without target needs note, problem or next")
        return self


class WrittenRecord(ProgressRecord):
    """A line as minsheng writes it: also free of every fault `check` finds in a line alone."""

    @model_validator(mode="after")
    def _sound(self) -> "WrittenRecord":
        faults = written_faults(self)
        if faults:
            raise ValueError("; ".join(faults))
        return self


if tuple(ProgressRecord.model_fields) != RECORD_FIELDS:  # the written order is declared once
    raise RuntimeError("ProgressRecord's fields differ from record_fields.RECORD_FIELDS")


def line_errors(data: Any, model: type[ProgressRecord] = ProgressRecord) -> list[str]:
    """Why `data` (a line's mapping, as YAML reads it) is not a valid line; [] when it is."""
    try:
        model.model_validate(data)
    except ValidationError as err:
        return _error_lines(err.errors())
    return []


def _error_lines(errors: list[dict]) -> list[str]:
    return [f"{'.'.join(str(part) for part in e['loc']) or 'record'}: {e['msg']}" for e in errors]
