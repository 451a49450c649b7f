"""A warm `report` printed before the command line is parsed (PRODUCT.md §5: a warm report within
0.05 s of `minsheng --version`, whatever the ledger's size).

Parsing the command line imports typer and click (≈0.07 s of a 0.2 s warm report). So a report
that was printed to stdout without a problem in the ledger is remembered under a key of
everything its text can depend on: the exact arguments, the current folder, the whole
environment, today's date (Asia/Shanghai), the terminal (`rendering.output.terminal_fingerprint`),
the ledger folder those name (`layout.find_root`), a digest of that ledger's content
(`stat_index.ledger_digest`: the plan's bytes, every progress and supervision file's stat or
bytes) and the code
(`cache.content_key`). The next run with the same key prints the same text without importing
the command line at all. Anything else — another argument, an edit, a new day, a journal left by
a killed write, `--rev`, `--no-cache`, `MINSHENG_NO_CACHE=1` — misses, and the command runs as
usual. Nothing here imports typer, click, rich, ruamel or pydantic.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Optional

_KIND = "replay"
_GLOBAL_WITH_VALUE = ("--data", "-d")


def data_option(args: list[str]) -> tuple[Optional[str], bool]:
    """(the --data value, whether `args` is a `report` a replay may answer): only the global
    options --data and --debug may come before `report`; --rev and --no-cache never replay."""
    data, index = None, 0
    while index < len(args):
        arg = args[index]
        if arg == "report":
            return data, True
        if arg in _GLOBAL_WITH_VALUE and index + 1 < len(args):
            data, index = args[index + 1], index + 2
            continue
        if arg.startswith("--data="):
            data = arg[len("--data="):]
        elif arg != "--debug":
            return None, False
        index += 1
    return None, False


def ledger_state(root: Path) -> Optional[bytes]:
    """The digest of the ledger's content (stat_index.ledger_digest); None while a killed
    write waits to be completed (the command does that)."""
    from minsheng_cli.ledger.layout import has_journal, plan_path
    from minsheng_cli.ledger.stat_index import ledger_digest
    from minsheng_cli.ledger.yamlio import read_bytes

    if has_journal(root):
        return None
    return ledger_digest(root, read_bytes(plan_path(root)))


def _key(args: list[str], root: Path, today: dt.date, state: Optional[bytes]) -> Optional[str]:
    from minsheng_cli.ledger import cache
    from minsheng_cli.rendering.output import terminal_fingerprint

    if state is None:
        return None
    environment = sorted(item for item in os.environ.items() if item[0] != "_")  # "_": the shell's last command
    context = json.dumps([args, os.getcwd(), environment, today.isoformat(), terminal_fingerprint(),
                          str(root)], ensure_ascii=False).encode("utf-8", "surrogatepass")
    return cache.content_key(context, state)


def replay(args: list[str]) -> bool:
    """Print the remembered text of this very report and say True; False (nothing printed) when
    there is none — on any doubt at all."""
    from minsheng_cli.ledger import cache

    data, eligible = data_option(args)
    if not eligible or not cache.enabled():
        return False
    try:
        from minsheng_cli.ledger.dates import today
        from minsheng_cli.ledger.layout import find_root

        root = find_root(data)
        key = _key(args, root, today(), ledger_state(root))
        entry = cache.get(_KIND, key) if key is not None else None
    except Exception:  # no ledger, an unreadable file, a removed current folder, …: the command says what is wrong
        return False
    if not (isinstance(entry, dict) and isinstance(entry.get("text"), str)):
        return False
    from minsheng_cli.rendering.output import write_text

    try:
        write_text(entry["text"])
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say, as the command does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        sys.exit(1)
    return True


COMMAND_LINE: list[str] = []  # set by commands.app.run: the arguments of this process's own command


def key_before_report(root: Path, today: dt.date, state: Optional[bytes]) -> Optional[str]:
    """The key a report built from the ledger in `state` (`ledger_state`, taken before the
    report is built) may be remembered under; None: it may not. Only for `minsheng … report …`
    run as this process's command line (commands.app.run), with the ledger named the way this
    module reads it."""
    from minsheng_cli.ledger import cache
    from minsheng_cli.ledger.layout import find_root

    args = list(COMMAND_LINE)
    data, eligible = data_option(args)
    if not eligible or not cache.enabled():
        return None
    try:
        if find_root(data) != root:
            return None
        return _key(args, root, today, state)
    except Exception:  # a removed current folder, …: the report goes on, unremembered
        return None


def remember(key: Optional[str], text: str) -> None:
    """After the report taken under `key` printed `text` to stdout, without a problem in the
    ledger and no file written: what the next identical run replays."""
    if key is None:
        return
    from minsheng_cli.ledger import cache

    cache.put(_KIND, key, {"text": text})
