"""`minsheng report`: the completion table as of a period's end (thin: options in, report out)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

import typer
from typing import Annotated

from minsheng_cli.ledger import cache
from minsheng_cli.words import report as M, commands as commands_words
from minsheng_cli.commands.context import ledger_of
from minsheng_cli.commands.printing import announce
from minsheng_cli.commands.options import OutputOpt, format_for, output_file
from minsheng_cli.rendering.output import write_text

FILE_ONLY_FORMATS = ("xlsx", "html")  # written to a file only (-o)

def report(
    ctx: typer.Context,
    month: Annotated[Optional[str], typer.Option("--month", "-m", help=M.REP_HELP_MONTH, show_default=False)] = None,
    week: Annotated[Optional[str], typer.Option("--week", "-w", help=M.REP_HELP_WEEK, show_default=False)] = None,
    xun: Annotated[Optional[str], typer.Option("--xun", help=M.REP_HELP_XUN, show_default=False)] = None,
    quarter: Annotated[Optional[str], typer.Option("--quarter", "-q", help=M.REP_HELP_QUARTER, show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help=M.REP_HELP_AS_OF, show_default=False)] = None,
    by: Annotated[str, typer.Option("--by", help=M.REP_HELP_BY)] = "category",
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", help=M.REP_HELP_UNIT, show_default=False)] = None,
    category: Annotated[Optional[str], typer.Option("--category", "-c", help=M.REP_HELP_CATEGORY, show_default=False)] = None,
    status: Annotated[Optional[str], typer.Option("--status", "-s", help=M.REP_HELP_STATUS, show_default=False)] = None,
    detail: Annotated[bool, typer.Option("--detail", help=M.REP_HELP_DETAIL)] = False,
    notes: Annotated[bool, typer.Option("--notes", help=M.REP_HELP_NOTES)] = False,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help=M.REP_HELP_FORMAT, show_default=False)] = None,
    output: OutputOpt = None,
    force: Annotated[bool, typer.Option("--force", help=M.REP_HELP_FORCE)] = False,
) -> None:
    from minsheng_cli.errors import UsageError
    from minsheng_cli.reporting.spec import report_spec

    chosen = format_for(fmt, output, "report", FILE_ONLY_FORMATS)
    output = output_file(output)
    if chosen in FILE_ONLY_FORMATS and not output:
        raise UsageError(M.REP_XLSX_NEEDS_OUTPUT if chosen == "xlsx" else M.REP_HTML_NEEDS_OUTPUT)
    ledger = ledger_of(ctx)
    root, plan = ledger.root, ledger.plan
    spec = report_spec(plan, ledger.today, month=month, week=week, xun=xun, quarter=quarter, as_of=as_of,
                       by=by, unit=unit, category=category, status=status, detail=detail, notes=notes)
    # Only a report that was built without error is cached, so a hit needs no more checking; the
    # entry holds the ledger's error count beside the text, so a warm report warns as a cold one.
    # Both keys come from one digest of the ledger taken before the report is built; what is built
    # is stored only if the ledger's digest is the same after (a write that landed meanwhile).
    state = _ledger_state(root) if ledger.use_cache and not output and chosen not in FILE_ONLY_FORMATS else None
    key = _cached_output_key(state, spec, chosen) if state is not None else None
    replay_key = _replay_key(ledger, state) if key is not None else None
    if key is not None and _print_cached(key, chosen, force, replay_key):
        return
    built, errors, in_force = _build(root, plan, spec)
    stamp = announce(chosen, errors, force, output)  # first: a document with errors is refused before anything is written
    if chosen == "html":
        from minsheng_cli.rendering.html import html_text
        from minsheng_cli.reporting.html_view import html_view

        text = html_text(html_view(built, in_force), stamp=stamp)
        _write_text_file(Path(output), lambda stream: stream.write(text))
        typer.echo(M.REP_WRITTEN.format(path=output))
        return
    if chosen == "xlsx":
        from minsheng_cli.rendering.xlsx import write_xlsx
        from minsheng_cli.reporting.view import workbook_view

        write_xlsx(workbook_view(built), Path(output), stamp=stamp)
        typer.echo(M.REP_WRITTEN.format(path=output))
        return
    if not output:
        buffer = io.StringIO()
        _draw(built, chosen, buffer, like_stdout=True, errors=errors)
        write_text(buffer.getvalue())
        if key is not None and _ledger_state(root) == state:
            cache.put("report", key, {"text": buffer.getvalue(), "errors": errors})
            _remember(replay_key, buffer.getvalue(), errors)
        return
    _write_text_file(Path(output), lambda stream: _draw(built, chosen, stream, errors=errors))
    typer.echo(M.REP_WRITTEN.format(path=output))

def _build(root: Path, plan, spec, oversight: bool = False):
    """(the report's data, the ledger's error count, the facts in force): the records as of the period's end folded
    with the plan — what check rejects left out — and judged; the count is what `check` would
    report for the records read and for the office's supervision/ files (a bad one is as much an
    error of the ledger as a bad record: documents are refused or stamped for it too)."""
    from minsheng_cli.checks.rules import Facts, ledger_findings
    from minsheng_cli.ledger.whole import fold_ledger

    facts = Facts(plan, spec.today)
    in_force, problems = fold_ledger(root, plan, today=spec.today, until=spec.period.as_of, notes_after=spec.period.previous,
                                     count=lambda part: len(ledger_findings(facts, part)),  # what `check` reports
                                     meanwhile=_import_report_modules)
    from minsheng_cli.reporting.report import build_report

    built = build_report(plan, in_force, spec)
    if spec.detail or oversight:  # under each project: months behind in a row, the ladder, the office's entry
        from minsheng_cli.reporting.escalation import attach_oversight

        attach_oversight(root, built, in_force)
    return built, problems + _supervision_problems(root, plan), in_force


def _import_report_modules() -> None:
    """What a report needs once the ledger is folded, imported while worker processes fold it."""
    import minsheng_cli.reporting.report  # noqa: F401
    import minsheng_cli.reporting.view  # noqa: F401


def _supervision_problems(root: Path, plan) -> int:
    from minsheng_cli.ledger.layout import supervision_dir

    if not supervision_dir(root).is_dir():  # one stat for a ledger the office keeps no files in
        return 0
    from minsheng_cli.ledger.supervision import check_supervision

    return len(check_supervision(root, plan))

def _draw(built, fmt: str, stream, like_stdout: bool = False, errors: int = 0) -> None:
    """The report in a text format: json from its contract (with the ledger's error count), the
    others from its view."""
    if fmt == "json":
        from minsheng_cli.rendering.json import emit_json
        from minsheng_cli.reporting.contract import report_contract

        emit_json({**report_contract(built), "ledger_errors": errors}, stream)
        return
    from minsheng_cli.reporting.view import report_view

    view = report_view(built)
    if fmt == "table":
        from minsheng_cli.rendering.terminal import draw

        draw(view, stream, like_stdout)
        return
    from minsheng_cli.rendering import text

    if fmt == "csv":
        text.write_csv_table(view, stream)
    else:
        stream.write(text.markdown_text(view) if fmt == "markdown" else text.plain_text(view, fmt))

def _ledger_state(root: Path):
    from minsheng_cli.commands.replay import ledger_state

    return ledger_state(root)


def _cached_output_key(state: bytes, spec, fmt: str) -> str:
    """The report's text depends only on the ledger's bytes (`state`: their digest), the spec
    (today's date in it), the format and, for a drawn table, the terminal: a key over all of them
    can never give a stale report."""
    from minsheng_cli.rendering.output import terminal_fingerprint

    screen = terminal_fingerprint() if fmt == "table" else ""
    return cache.content_key(state, spec.key(), fmt.encode("utf-8"), screen.encode("utf-8"))


def _print_cached(key: str, fmt: str, force: bool, replay_key) -> bool:
    entry = cache.get("report", key)
    if not (isinstance(entry, dict) and isinstance(entry.get("text"), str) and isinstance(entry.get("errors"), int)):
        return False
    text, errors = entry["text"], entry["errors"]
    announce(fmt, errors, force)
    write_text(text)
    _remember(replay_key, text, errors)
    return True


def _replay_key(ledger, state):
    if ledger.rev is not None:
        return None
    from minsheng_cli.commands.replay import key_before_report

    return key_before_report(ledger.root, ledger.today, state)


def _remember(replay_key, text: str, errors: int) -> None:
    """A report of a ledger without problems, printed to stdout: the next identical run prints it
    before parsing the command line (commands/replay.py)."""
    if errors == 0 and replay_key is not None:
        from minsheng_cli.commands.replay import remember

        remember(replay_key, text)


def _write_text_file(path: Path, draw) -> None:
    """Render into memory first, then replace the file in one step: an error leaves it as it was."""
    from minsheng_cli.files import save_bytes

    buffer = io.StringIO()
    draw(buffer)
    save_bytes(path, buffer.getvalue().encode("utf-8"))

def register(app: typer.Typer) -> None:
    app.command("report", help=M.REP_HELP, short_help=commands_words.SHORT_HELP["report"])(report)
