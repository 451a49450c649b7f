"""The fields of a progress line, in their written order, for code that must not import pydantic.

`record_model.ProgressRecord` is the one description of a progress line (types, constraints); its
fields are exactly `RECORD_FIELDS`, in that order — the model checks it when it is built, and
tests/test_record_model.py keeps the two equal. The fast reader, the YAML fallback, the writer
and every JSON view of a record (`show`, `log`, `diff`, `import --dry-run`) take their field
lists from here, so reading a ledger never imports pydantic.
"""

from __future__ import annotations

from typing import Any, get_args

from minsheng_cli.ledger.model import RecordAction

RECORD_FIELDS = ("date", "target", "county", "value", "action", "reason", "note", "problem", "next", "by", "received")
NAME_FIELDS = ("target", "county")  # text naming something of the plan
TEXT_FIELDS = ("reason", "note", "problem", "next", "by")  # free text, always written quoted
NARRATIVE_FIELDS = ("note", "problem", "next")  # what a record without target must have one of
ACTIONS: tuple[str, ...] = get_args(RecordAction)  # ("correct", "void")


def record_json(record: Any) -> dict:
    """A record's line fields in written order (absent ones as None), for `--format json`."""
    return {name: getattr(record, name) for name in RECORD_FIELDS}
