"""Safe YAML reading. Every file of a ledger goes through here.

- `read_text`: size limit, UTF-8 with or without BOM, CRLF normalised, other encodings refused.
- `load_fast`: ruamel's C safe loader (plain dicts/lists; no object tags) for commands that only
  read; aliases are refused so no alias explosion can happen later.
- `load_positions`: ruamel's round-trip loader, slower, for `check`: it keeps line and column
  of every key and item, so problems can be reported as path:line:col.
- merge-conflict markers are found before YAML sees them and reported as such.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from minsheng_cli.words import ledger as messages, commands as commands_words
from minsheng_cli.errors import LedgerError
from minsheng_cli.errors import os_error_text

MAX_FILE_BYTES = 32 * 1024 * 1024
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.MULTILINE)
# Nesting no real ledger comes near (a record is 2 deep, the plan 6); YAML's parsers recurse once
# per level, so 5,000 levels raise RecursionError and 50,000 crash the interpreter.
MAX_NESTING = 64
BRACKET = re.compile(r"[\[\]{}]")
BLOCK_INDENT = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)
MAX_BLOCK_INDENT = 256  # columns of indentation and "- " before a line's content


class YamlProblem(Exception):
    """A YAML-level problem at a position (1-based line and column)."""

    def __init__(self, code: str, message: str, line: int, column: int):
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


def open_regular(path: Path | str):
    """A binary handle on a regular file, opened without blocking and checked on the open
    descriptor (a FIFO or a device named like a file is refused at once, not waited on)."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        if os.path.islink(path):
            raise LedgerError(messages.FILE_DANGLING_LINK.format(path=path)) from None
        raise LedgerError(commands_words.FILE_UNREADABLE.format(path=path, error=os_error_text(err))) from None
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise LedgerError(messages.FILE_NOT_REGULAR.format(path=path))
    return handle


def read_bytes(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """A ledger file's bytes, refused unless it is a regular file of at most `limit` bytes. It is
    opened without blocking and checked on the open descriptor, so a FIFO or a device named like a
    ledger file is refused at once instead of hanging the command, and a file that grows while it
    is read is never read past the limit."""
    return read_bytes_and_stat(path, limit)[0]


def read_bytes_and_stat(path: Path | str, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """`read_bytes`, and the file's stat taken on the open descriptor after the bytes were read (a
    change made while they were read shows in it: series_index trusts a stat only for the bytes
    read before it)."""
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise LedgerError(messages.FILE_TOO_LARGE.format(path=path, size=size, limit=limit))
            data = handle.read(size + 1)  # not read(limit + 1): that allocates the whole limit for every file
            if len(data) > size:  # it grew while being read: read on, never past the limit
                data += handle.read(limit + 1 - len(data))
            status = os.fstat(handle.fileno())
    except OSError as err:
        raise LedgerError(commands_words.FILE_UNREADABLE.format(path=path, error=os_error_text(err))) from None
    if len(data) > limit:
        raise LedgerError(messages.FILE_TOO_LARGE.format(path=path, size=len(data), limit=limit))
    return data, status


def read_text(path: Path) -> str:
    return decode(read_bytes(path), path)


def decode(data: bytes, path: Path | str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerError(messages.FILE_NOT_UTF8.format(path=path), code="encoding") from None
    return text.replace("\r\n", "\n") if "\r" in text else text


def find_conflict_marker(text: str) -> tuple[int, int] | None:
    """(line, column) of the first merge-conflict marker, if any."""
    match = CONFLICT_MARKER.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, 1


def _problem_from_yaml_error(err: Exception) -> YamlProblem:
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(err, DuplicateKeyError):
        key = str(getattr(err, "problem", "")).split('"')[1] if '"' in str(getattr(err, "problem", "")) else ""
        return YamlProblem("duplicate-key", messages.YAML_DUPLICATE_KEY.format(key=key), line, column)
    detail = getattr(err, "problem", None) or str(err).splitlines()[0]
    if "could not determine a constructor" in str(err):
        return YamlProblem("yaml-tag", messages.YAML_TAG, line, column)
    explained = next((chinese for english, chinese in messages.YAML_PROBLEMS if english in str(detail)), None)
    return YamlProblem("yaml-syntax", messages.YAML_SYNTAX.format(detail=explained or detail), line, column)


def find_deep_nesting(text: str) -> tuple[int, int] | None:
    """(line, column) where the text nests deeper than any ledger (flow brackets past MAX_NESTING
    levels, or a line indented past MAX_BLOCK_INDENT columns), so that YAML never recurses that far.
    Brackets inside quoted text count too: a note with 64 nested brackets is not a real note."""
    if "[" in text or "{" in text:
        depth = 0
        for match in BRACKET.finditer(text):
            depth += 1 if match.group() in "[{" else -1
            if depth > MAX_NESTING:
                return _line_column(text, match.start())
    for match in BLOCK_INDENT.finditer(text):
        if match.end() - match.start() > MAX_BLOCK_INDENT:
            return _line_column(text, match.start())
    return None


def find_anchor(text: str) -> tuple[int, int] | None:
    """(line, column) of the first YAML anchor or alias (&name, *name), scalars included: the
    README promises that a ledger has none. Only parsed when the text holds & or *."""
    if "&" not in text and "*" not in text:
        return None
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import AliasEvent

    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                return mark.line + 1, mark.column + 1
    except YAMLError:
        return None  # a syntax error: the loader reports it where it is
    return None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _check_markers(text: str) -> None:
    where = find_conflict_marker(text)
    if where is not None:
        raise YamlProblem("merge-conflict", messages.MERGE_CONFLICT, *where)
    where = find_deep_nesting(text)
    if where is not None:
        raise YamlProblem("yaml-depth", messages.YAML_TOO_DEEP.format(limit=MAX_NESTING), *where)
    where = find_anchor(text)
    if where is not None:
        raise YamlProblem("yaml-alias", messages.YAML_ALIAS, *where)


def load_fast(text: str) -> Any:
    """Parse with the C safe loader. Raises YamlProblem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    _check_markers(text)
    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except YAMLError as err:
        raise _problem_from_yaml_error(err) from None
    if "&" in text or "*" in text:  # cheap pre-test; aliases are rare and never needed
        _refuse_shared_nodes(data)
    return data


def _refuse_shared_nodes(data: Any) -> None:
    """An alias makes two places share one object; refuse them (no alias explosions)."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                raise YamlProblem("yaml-alias", messages.YAML_ALIAS, 1, 1)
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)


def load_positions(text: str) -> Any:
    """Parse with the round-trip loader, keeping positions. Raises YamlProblem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    _check_markers(text)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except YAMLError as err:
        raise _problem_from_yaml_error(err) from None
    if "&" in text or "*" in text:
        _refuse_shared_nodes(data)
    return data


def position(node: Any, path: tuple, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the deepest element of `path` found in a round-trip tree.

    For a mapping key the position of its value is given when the value is a scalar on the same
    line (that is what a user must change), else — or with `at_key` — the key's own position.
    """
    line, column = 1, 1
    current = node
    for part in path:
        lc = getattr(current, "lc", None)
        try:
            if isinstance(current, dict) and part in current:
                if lc is not None:
                    vline, vcol = lc.value(part)
                    kline, kcol = lc.key(part)
                    child = current[part]
                    if at_key or (isinstance(child, (dict, list)) and vline != kline):
                        line, column = kline + 1, kcol + 1
                    else:
                        line, column = vline + 1, vcol + 1
                current = current[part]
            elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
                if lc is not None:
                    iline, icol = lc.item(part)
                    line, column = iline + 1, icol + 1
                current = current[part]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line, column
