"""The one error boundary (commands/app.py): a user error, a usage error, Ctrl-C and an
unexpected error each end the run with their exit status and, but for Ctrl-C inside a command
(typer ends it with 130 by itself), one clear message; `--debug` or MINSHENG_DEBUG gives the
traceback of an unexpected error instead."""

from __future__ import annotations

import pytest

from minsheng_cli.words import ledger as ledger_words


def failing(monkeypatch, error: BaseException) -> None:
    from minsheng_cli.reporting import listing

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(listing, "select_projects", fail)


def test_an_unexpected_error_is_one_line_and_a_hint(plan_ledger, cli, monkeypatch):
    failing(monkeypatch, RuntimeError("boom"))
    result = cli("--data", plan_ledger, "list")
    assert result.exit_code == 1
    assert result.stderr == ledger_words.UNEXPECTED.format(error="RuntimeError: boom") + "\n"
    assert "Traceback" not in result.output


def test_debug_gives_the_traceback(plan_ledger, cli, monkeypatch):
    failing(monkeypatch, RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        cli("--debug", "--data", plan_ledger, "list")


def test_minsheng_debug_in_the_environment_gives_the_traceback(plan_ledger, cli, monkeypatch):
    failing(monkeypatch, RuntimeError("boom"))
    monkeypatch.setenv("MINSHENG_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli("--data", plan_ledger, "list")


def test_ctrl_c_in_a_command_exits_130(plan_ledger, cli, monkeypatch):
    failing(monkeypatch, KeyboardInterrupt())
    result = cli("--data", plan_ledger, "list")
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines()[-1] == ledger_words.INTERRUPTED  # said once, whatever typer does with Ctrl-C


def test_ctrl_c_at_a_question_exits_130_and_says_nothing_was_written(plan_ledger, cli, monkeypatch):
    import typer

    def interrupted(*args, **kwargs):
        raise typer.Abort()

    monkeypatch.setattr(typer, "prompt", interrupted)
    result = cli("--data", plan_ledger, "update", "1", "--date", "2023-06-30")
    assert result.exit_code == 130
    assert ledger_words.INTERRUPTED in result.stderr
    assert not list((plan_ledger / "progress").rglob("*.yaml"))


def test_a_user_error_exits_1_and_a_usage_error_2(plan_ledger, cli):
    assert cli("--data", plan_ledger, "show", "99").exit_code == 1
    assert cli("--data", plan_ledger, "list", "--category").exit_code == 2


def test_a_past_revision_cannot_be_written(plan_ledger, cli):
    result = cli("--data", plan_ledger, "update", "1", "new_places", "6200", "--rev", "HEAD")
    assert result.exit_code == 2
    assert "--rev" in result.stderr and "update" in result.stderr
