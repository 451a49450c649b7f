"""`minsheng update P T VALUE [--county …] [--date …] …` run before the command line's library is
imported (PRODUCT.md §5: one update within 0.05 s of `minsheng --version`; typer and click are
≈0.04 s of it).

Only the everyday shape is taken here: the global --data, then `update` with exactly its three
arguments and the options `VALUED` and `FLAGS`, each at most once, with a value that does not
begin with "-". Anything else — help, another option, --correct or --void, a narrative without a
value, the questions without a target, shell completion — is left to the command line
(commands/app.py), which parses it as it always has. What runs is the command's own
(`update_one.record_one`, the boundary's `exit_code`), so the record, the words and the exit code
are the same either way (tests/test_quick_update.py runs both on the same arguments).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

VALUED = {"--county": "county", "--date": "date", "--note": "note", "--problem": "problem", "--next": "next_", "--by": "by"}
FLAGS = {"--confirm": "confirm", "--after-plan": "after_plan"}
_DATA = ("--data", "-d")


def parsed(args: list[str]) -> Optional[tuple[Optional[str], list[str], dict]]:
    """(--data, the three arguments, option → value) of an update this path takes; else None."""
    data, index = None, 0
    while index < len(args) and args[index] != "update":
        arg = args[index]
        if arg in _DATA and index + 1 < len(args) and data is None and not args[index + 1].startswith("-"):
            data, index = args[index + 1], index + 2
        elif arg.startswith("--data=") and data is None:
            data, index = arg[len("--data="):], index + 1
        else:
            return None
    arguments: list[str] = []
    options: dict = {}
    index += 1
    while index < len(args):
        arg = args[index]
        if arg in VALUED and index + 1 < len(args) and VALUED[arg] not in options and not args[index + 1].startswith("-"):
            options[VALUED[arg]], index = args[index + 1], index + 2
        elif arg in FLAGS and FLAGS[arg] not in options:
            options[FLAGS[arg]], index = True, index + 1
        elif arg.startswith("-"):
            return None
        else:
            arguments.append(arg)
            index += 1
    if index > len(args) or len(arguments) != 3:  # `update` not found, or not one record's three arguments
        return None
    return data, arguments, options


def quick_update(args: list[str]) -> Optional[int]:
    """The exit code of the update these arguments ask for, run here; None (nothing done) when
    the command line must parse them."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return None
    found = parsed(args)
    if found is None:
        return None
    import gc

    from minsheng_cli.commands.boundary import exit_code
    from minsheng_cli.commands.printing import utf8_streams

    gc.disable()  # as commands.app.run: a short-lived command, no cycles worth collecting
    utf8_streams()
    data, (project, target, value), options = found
    try:
        from minsheng_cli.commands.context import new_context
        from minsheng_cli.commands.update_one import record_one, reporter_of
        from minsheng_cli.ledger.recording import resolve_project

        ledger = new_context(Path(data) if data is not None else None, None, False)
        chosen = resolve_project(ledger.plan, project)
        record_one(ledger, chosen, target, value, options.get("date"), options.get("county"), options.get("note"),
                   options.get("problem"), options.get("next_"), reporter_of(ledger, options.get("by")),
                   after_plan=options.get("after_plan", False), confirm=options.get("confirm", False))
    except (KeyboardInterrupt, Exception) as err:  # noqa: BLE001 - the boundary's, as in commands/app.py
        return exit_code(err, args)
    return 0
