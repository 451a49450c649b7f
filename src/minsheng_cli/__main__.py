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
                sys.exit(code)
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


if __name__ == "__main__":
    main()
