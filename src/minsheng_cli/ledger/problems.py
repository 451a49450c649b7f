"""A problem found in a ledger file: where it is, a stable code, a Chinese message and a hint.

Checks are plain functions that return lists of these (all problems, not the first); the CLI
renders them hledger-style: `path:line:col: 错误[code]: message`, the line, a caret, the hint.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    source: str = ""  # the offending line's text, for display

    def as_json(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "code": self.code, "message": self.message}


def source_line(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1] if 1 <= line <= len(lines) else ""
