"""What an error that reaches the top becomes: said once, and the exit code. The group
(commands/app.py, for click's own errors too) and the quick path (commands/quick.py) both end here.

A `MinshengError` prints its Chinese message (and hint) and exits with its code (1, 2 for usage);
Ctrl-C says so and exits 130; anything else prints one line and a hint to rerun with `--debug`,
which shows the traceback instead.
"""

from __future__ import annotations

import errno
import os
import sys

from minsheng_cli.commands.printing import print_error, say
from minsheng_cli.errors import MinshengError
from minsheng_cli.words import ledger as ledger_words


def debug_requested(args: list[str]) -> bool:
    """--debug (read from the arguments: the context may not exist yet) or MINSHENG_DEBUG."""
    return "--debug" in args or bool(os.environ.get("MINSHENG_DEBUG"))


def exit_code(err: BaseException, args: list[str]) -> int:
    """Say `err` and give the code to exit with; under --debug an unexpected error is raised again."""
    if isinstance(err, OSError) and err.errno == errno.EPIPE:  # the reader went away (`| head`): as click, silently
        _silence_stdout()
        return 1
    if isinstance(err, MinshengError):
        print_error(err)
        return err.exit_code
    if isinstance(err, KeyboardInterrupt):
        say(ledger_words.INTERRUPTED, err=True)
        return 130
    if debug_requested(args):
        raise err
    say(ledger_words.UNEXPECTED.format(error=f"{type(err).__name__}: {err}"), err=True)
    return 1


def _silence_stdout() -> None:
    """Point stdout at the null device, so Python's last flush at exit has nowhere to fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
