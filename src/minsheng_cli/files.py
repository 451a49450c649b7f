"""Output files written whole: a report, a template, a schema either appears complete or the old
file stays as it was (progress records have their own locked, appending writer in ledger/store.py)."""

from __future__ import annotations

import os
from pathlib import Path


def save_whole(path, write) -> None:
    """Write an output file in one step: `write(temporary_path)` fills a file beside it, which then
    replaces `path`; an error leaves `path` as it was and is said in Chinese."""
    from minsheng_cli.errors import InputError, os_error_text
    from minsheng_cli.ledger.layout import temporary_file
    from minsheng_cli.words import commands as commands_words

    path = Path(path)
    temporary = temporary_file(path, str(os.getpid()))
    try:
        write(temporary)
        os.replace(temporary, path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise InputError(commands_words.CANNOT_WRITE.format(path=path, error=os_error_text(err))) from None
