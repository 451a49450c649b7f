"""The one model of a progress line (pydantic), and the check every written record passes.

`ProgressRecord` says what a line of progress/YYYY-MM/NN.yaml may hold — its fields in written
order (`record_fields.RECORD_FIELDS`), their types, and the rules both readers apply: a real date,
text where text belongs, a value that is text or a figure a ledger can hold, an action out of
`correct`/`void`, and a record without target being a narrative. `minsheng schema progress` is
generated from it. The fast reader and the YAML fallback (pydantic-free, for speed) accept exactly
the lines it accepts: tests/test_record_model.py generates lines and holds the three together.

`WrittenRecord` adds what `check` demands of any line on its own, whatever the plan says: no
negative figure, no empty name or value, a reason for every correction and void, a value for
every correction. `validate_written` runs it on every record `store.append_records` is about to
write; a record that fails is a bug of ours, reported as an internal error before any file is
touched. Only `store` (inside that function) and `schema` import this module: reading a ledger
never imports pydantic.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Iterable, Optional, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, TypeAdapter, ValidationError, model_validator

from minsheng_cli.words import progress as M
from minsheng_cli.ledger import layout
from minsheng_cli.ledger.model import RecordAction
from minsheng_cli.ledger.numbers import value_in_range
from minsheng_cli.ledger.record_fields import NAME_FIELDS, NARRATIVE_FIELDS, RECORD_FIELDS


class RecordInvalid(RuntimeError):
    """A record we were about to write does not pass `WrittenRecord`: a bug, never a user's
    mistake (update and import check every input first). The error boundary reports it as an
    internal error."""


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
        faults = [f"{name} is empty" for name in NAME_FIELDS if getattr(self, name) == ""]
        if self.value == "":
            faults.append("value is empty")
        if isinstance(self.value, Decimal) and self.value < 0:
            faults.append("value is negative")
        if self.action is not None and not self.reason:
            faults.append(f"{self.action} without reason")
        if self.action == "correct" and self.value is None:
            faults.append("correct without value")
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


_WRITTEN_LIST: Optional[TypeAdapter] = None
_CHUNK = 2048


def validate_written(records: Iterable[Any]) -> None:
    """RecordInvalid naming the first record (and why) that `WrittenRecord` refuses, or whose
    project has no file name that reads back as that project.

    The records are validated as one list, read from their attributes (the line's fields, as
    `record_json` gives them): pydantic's loop, not one call and one dict per record (a whole
    year's import writes 65,000). Each record meets the same model, so the verdict and the
    message are those of `line_errors(record_json(record), WrittenRecord)`."""
    global _WRITTEN_LIST
    records = list(records)
    if _WRITTEN_LIST is None:
        _WRITTEN_LIST = TypeAdapter(list[WrittenRecord])
    first, errors = len(records), []
    for start in range(0, len(records), _CHUNK):  # in chunks: the models built are dropped as it goes
        try:
            _WRITTEN_LIST.validate_python(records[start:start + _CHUNK], from_attributes=True)
        except ValidationError as err:
            found = err.errors()
            index = min(e["loc"][0] for e in found)
            errors = _error_lines([{**e, "loc": e["loc"][1:]} for e in found if e["loc"][0] == index])
            first = start + index
            break
    unnamed = {project for project in {record.project for record in records} if not layout.holds_project(project)}
    if unnamed:
        index = next(index for index, record in enumerate(records) if record.project in unnamed)
        if index < first:
            first, errors = index, []
    if first == len(records):
        return
    record = records[first]
    if record.project in unnamed:
        errors.append(f"project {record.project!r} has no progress file name")
    raise RecordInvalid(M.REC_UNSOUND.format(project=record.project, date=record.date, problems="；".join(errors)))
