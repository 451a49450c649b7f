"""The YAML fallback: a progress file a person edited, read as general YAML (slow, exact).

Every shape error is collected with its position and a stable code (`check` lists them all);
the rules are those of `record_model.ProgressRecord`, written here without pydantic so that
reading a ledger stays light (tests/test_record_model.py holds the two together).

Line numbers: the line of the record's mapping node as ruamel's C parser reports it: the `- {`
line of a flow record, the first key's line of a block record (not the `-` line when the
mapping starts on the next line).
"""

from __future__ import annotations


import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

from minsheng_cli.words import progress as M, ledger as ledger_words
from minsheng_cli.errors import LedgerError
from minsheng_cli.ledger.model import Record
from minsheng_cli.ledger.numbers import normal_decimal, value_in_range
from minsheng_cli.ledger.record_fields import ACTIONS, NAME_FIELDS, NARRATIVE_FIELDS, RECORD_FIELDS, TEXT_FIELDS


class ProgressFormatError(LedgerError):
    """A progress file that cannot be read as records: where, a stable code, a Chinese message."""

    def __init__(self, path: str, line: int, column: int, code: str, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}", M.REC_FORMAT_HINT)
        self.path, self.line, self.column, self.code, self.detail = str(path), line, column, code, message


@dataclass
class ParsedFile:
    """A progress file as `check` needs it: records, every shape error, and key positions."""

    records: list[Record]
    errors: list[ProgressFormatError] = field(default_factory=list)
    # for each record: key -> (line, column) of its value; empty when the fast path read the file
    # (the record's line is then its own line, and columns are found in it by key).
    positions: list[dict] = field(default_factory=list)
    fast: bool = True


@functools.cache
def decimal_constructor():
    """ruamel's safe constructor, with floats read as exact Decimals (4.35 stays 4.35)."""
    from ruamel.yaml.constructor import SafeConstructor

    class DecimalConstructor(SafeConstructor):
        def construct_yaml_float(self, node: Any) -> Any:
            text = str(self.construct_scalar(node)).replace("_", "").lower()
            try:
                return Decimal(text)
            except InvalidOperation:
                return float(text.replace(".inf", "inf").replace(".nan", "nan"))  # refused later

    DecimalConstructor.add_constructor("tag:yaml.org,2002:float", DecimalConstructor.construct_yaml_float)
    return DecimalConstructor


def compose(text: str, path: str):
    """(root node or None, constructor) with the C parser; YAML errors as ProgressFormatError."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from minsheng_cli.ledger import yamlio

    where = yamlio.find_conflict_marker(text)
    if where is not None:
        raise ProgressFormatError(path, where[0], where[1], "merge-conflict", ledger_words.MERGE_CONFLICT)
    where = yamlio.find_deep_nesting(text)
    if where is not None:
        raise ProgressFormatError(path, where[0], where[1], "yaml-depth", ledger_words.YAML_TOO_DEEP.format(limit=yamlio.MAX_NESTING))
    where = yamlio.find_anchor(text)
    if where is not None:
        raise ProgressFormatError(path, where[0], where[1], "yaml-alias", ledger_words.YAML_ALIAS)
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = decimal_constructor()
    loader, _ = yaml.get_constructor_parser(text)
    try:
        root = loader.get_single_node()
    except YAMLError as err:
        problem = yamlio._problem_from_yaml_error(err)
        line, column = problem.line, problem.column
        context = getattr(err, "context_mark", None)
        if context is not None and "end of stream" in str(getattr(err, "problem", "")):
            line, column = context.line + 1, context.column + 1  # an unclosed quote: where it opens
        raise ProgressFormatError(path, line, column, problem.code, problem.message) from None
    return root, loader


def parse_yaml(text: str, path: str, project: int) -> ParsedFile:
    """Every record and every shape error of a file; a YAML syntax error is raised (nothing after
    it can be read)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    root, loader = compose(text, path)
    parsed = ParsedFile([], fast=False)
    if root is None:
        return parsed
    if not isinstance(root, SequenceNode):
        parsed.errors.append(_error(path, root.start_mark, M.REC_NOT_SEQUENCE))
        return parsed
    seen: set[int] = set()
    for item in root.value:
        if id(item) in seen:
            raise _error(path, item.start_mark, ledger_words.YAML_ALIAS, "yaml-alias")
        seen.add(id(item))
        if not isinstance(item, MappingNode):
            parsed.errors.append(_error(path, item.start_mark, M.REC_NOT_MAPPING))
            continue
        fields, positions, problems = _mapping_fields(item, loader, path)
        line, column = item.start_mark.line + 1, item.start_mark.column + 1
        record = None
        if not problems:
            record, message, bad_key = _record_from_fields(fields, project, path, line)
            if record is None:
                where = positions.get(bad_key, (line, column))
                problems.append(ProgressFormatError(path, where[0], where[1], "bad-record", message))
        if problems:
            parsed.errors.extend(problems)
            continue
        parsed.records.append(record)
        parsed.positions.append(positions)
    try:
        loader.dispose()
    except AttributeError:
        pass
    return parsed


def _error(path: str, mark: Any, message: str, code: str = "bad-record") -> ProgressFormatError:
    return ProgressFormatError(path, mark.line + 1, mark.column + 1, code, message)


_INVALID = object()


def _mapping_fields(item: Any, loader: Any, path: str) -> tuple[dict, dict, list[ProgressFormatError]]:
    """(key -> value, key -> (line, column) of its value, problems) of one record's mapping."""
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import ScalarNode

    fields: dict[str, Any] = {}
    positions: dict[str, tuple[int, int]] = {}
    problems: list[ProgressFormatError] = []
    for key_node, value_node in item.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        if key not in RECORD_FIELDS or key_node.tag != "tag:yaml.org,2002:str":
            shown = key if key is not None else "?"
            problems.append(_error(path, key_node.start_mark, M.REC_UNKNOWN_KEY.format(key=shown, keys="、".join(RECORD_FIELDS))))
            continue
        if key in fields:
            problems.append(_error(path, key_node.start_mark, ledger_words.YAML_DUPLICATE_KEY.format(key=key), "duplicate-key"))
            continue
        positions[key] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
        if not isinstance(value_node, ScalarNode):
            problems.append(_error(path, value_node.start_mark, M.REC_WRONG_TYPE.format(key=key, expected=M.REC_EXPECTED[key])))
            fields[key] = _INVALID
            continue
        try:
            fields[key] = loader.construct_object(value_node, deep=True)
        except (YAMLError, ValueError, TypeError) as err:
            code = "yaml-tag" if "constructor" in str(err) else "bad-record"
            message = ledger_words.YAML_TAG if code == "yaml-tag" else M.REC_WRONG_TYPE.format(key=key, expected=M.REC_EXPECTED[key])
            problems.append(_error(path, value_node.start_mark, message, code))
            fields[key] = _INVALID
    return fields, positions, problems


def _record_from_fields(fields: dict, project: int, path: str, line: int) -> tuple[Optional[Record], str, str]:
    """(record, "", "") or (None, Chinese message, offending key). The same rules as the fast path's
    regular expression: a date, text where text belongs, a finite number or text as value."""
    values = {key: value for key, value in fields.items() if value is not None}
    day = values.get("date")
    if day is None:
        return None, M.REC_MISSING_DATE, "date"
    if type(day) is not dt.date:
        return None, _wrong_type("date"), "date"
    if "received" in values and type(values["received"]) is not dt.date:
        return None, _wrong_type("received"), "received"
    for key in (*NAME_FIELDS, *TEXT_FIELDS):
        if key in values and not isinstance(values[key], str):
            return None, _wrong_type(key), key
    value, message = _value(values.get("value"))
    if message:
        return None, message, "value"
    action = values.get("action")
    if action is not None and action not in ACTIONS:
        return None, _wrong_type("action"), "action"
    if values.get("target") is None:
        for key in ("county", "value", "action"):
            if key in values:
                return None, M.REC_NEEDS_TARGET.format(key=key), key
        if not any(key in values for key in NARRATIVE_FIELDS):
            return None, M.REC_EMPTY, "date"
    record = Record(
        day, project, values.get("target"), values.get("county"), value, values.get("note"), values.get("problem"),
        values.get("next"), values.get("by"), action, values.get("reason"), values.get("received"), path, line,
    )
    return record, "", ""


def _value(value: Any) -> tuple[Any, str]:
    """(the value as a record holds it, "") or (None, why not): text, or a figure in range."""
    if value is None or isinstance(value, str):
        return value, ""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None, _wrong_type("value")
    if isinstance(value, Decimal) and not value.is_finite():
        return None, _wrong_type("value")
    number = Decimal(value)
    if not value_in_range(number):
        return None, M.REC_VALUE_RANGE.format(value=number)
    return (number if isinstance(value, int) else normal_decimal(number)), ""


def _wrong_type(key: str) -> str:
    return M.REC_WRONG_TYPE.format(key=key, expected=M.REC_EXPECTED[key])
