"""One exception hierarchy. Every user-facing error carries its Chinese message and exit code;
the CLI catches `MinshengError` once, prints the message and exits with `exit_code`."""

from __future__ import annotations


class MinshengError(Exception):
    """A problem the user can fix. `str(err)` is the complete Chinese message."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(MinshengError):
    """A bad argument or option (exit 2, as for usage errors)."""

    exit_code = 2


class InputError(MinshengError):
    """A bad value given on the command line or in an imported file."""


class LedgerError(MinshengError):
    """The ledger on disk cannot be read or written (missing, unreadable, read-only, broken).
    `code`: the check code a file that cannot be read reports (encoding, unreadable)."""

    code = "unreadable"

    def __init__(self, message: str, hint: str | None = None, code: str | None = None):
        super().__init__(message, hint)
        if code is not None:
            self.code = code


class LedgerInvalid(MinshengError):
    """The ledger has problems found by the checks; `problems` holds them all."""

    def __init__(self, message: str, problems: list):
        super().__init__(message)
        self.problems = problems


class ImportRejected(MinshengError):
    """An import with bad rows: nothing was written; `row_errors` lists every bad row."""

    def __init__(self, message: str, row_errors: list[str]):
        super().__init__(message)
        self.row_errors = row_errors


class GitError(MinshengError):
    """git is missing, the folder is not a repository, or a revision is unknown."""


def os_error_text(err: OSError) -> str:
    """An operating-system error in Chinese where we know it (the system's words otherwise)."""
    import errno

    from minsheng_cli.words.ledger import OS_ERRORS

    return OS_ERRORS.get(errno.errorcode.get(err.errno or 0, ""), "") or err.strerror or str(err)
