"""Entry point. `--version` is answered before anything heavy is imported (start-up is a feature)."""

import sys


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from minsheng_cli import __version__

        sys.stdout.write(f"minsheng {__version__}\n")
        return
    try:
        if "update" in args:  # the everyday update is run before the command line is parsed
            from minsheng_cli.commands.quick import quick_update

            code = quick_update(args)
            if code is not None:
                leave(code)
        if "report" in args:  # a warm report is printed before the command line is parsed
            from minsheng_cli.commands.replay import replay

            if replay(args):
                return
        from minsheng_cli.commands.app import run

        run()
    except KeyboardInterrupt:  # Ctrl-C before the command's own handler is in place
        from minsheng_cli.words.ledger import INTERRUPTED

        sys.stderr.write(INTERRUPTED + "\n")
        sys.exit(130)


def leave(code: int) -> None:
    """Exit at once, without tearing the interpreter down — its modules, the plan's objects, the
    files' bytes: 4 ms of an update's 0.05 s (PRODUCT.md §5). Everything it wrote is closed and
    synced by then; the streams are flushed here (a stream that cannot take it — a closed pipe —
    leaves the ordinary way, which says so as it always has)."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: the stream was closed before the start (`>&-`)
                stream.flush()
        except (OSError, ValueError):
            sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    main()
