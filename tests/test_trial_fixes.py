"""What a new user's trial of the documents, 报送 and sheets found (2026-12-02), held: every
output refuses what it cannot say truly, and says why in Chinese."""

from __future__ import annotations

import datetime as dt
import json

from test_template_import import fill, make_template, progress_snapshot


def test_a_notice_without_the_offices_issue_number_is_numbered_by_its_month(example_ledger, cli, tmp_path):
    from docx import Document

    for header in ("issue", "red"):
        path = tmp_path / f"{header}.docx"
        result = cli("--data", example_ledger, "notice", "--month", "2023-05", "--header", header, "-o", path)
        assert result.exit_code == 0, result.stderr
        texts = [paragraph.text for paragraph in Document(str(path)).paragraphs[:4]]
        assert "〔2023〕第5期" in texts, texts  # never "第　期"


def test_notice_needs_an_output_and_a_month_of_the_plan(example_ledger, cli, tmp_path):
    missing = cli("--data", example_ledger, "notice", "--month", "2023-06")
    assert missing.exit_code == 2 and "须用 --output" in missing.stderr
    after = cli("--data", example_ledger, "notice", "--month", "2024-03", "-o", tmp_path / "a.docx")
    assert after.exit_code == 2 and "计划期" in after.stderr and not (tmp_path / "a.docx").exists()
    folder = tmp_path / "d.docx"
    folder.mkdir()
    refused = cli("--data", example_ledger, "notice", "--month", "2023-06", "-o", folder)
    assert refused.exit_code == 1 and "通报.docx" in refused.stderr and ".xlsx" not in refused.stderr


def test_a_supervision_file_check_rejects_stops_every_document(example_ledger, cli, tmp_path):
    office = example_ledger / "supervision"
    (office / "2023-13.yaml").write_bytes((office / "2023-06.yaml").read_bytes())
    assert cli("--data", example_ledger, "check").exit_code == 1
    for name, command in (("t.docx", "notice"), ("r.xlsx", "report"), ("r.html", "report")):
        result = cli("--data", example_ledger, command, "--month", "2023-06", "-o", tmp_path / name)
        assert result.exit_code == 1 and "台账有1处错误" in result.stderr, (name, result.stderr)
        assert not (tmp_path / name).exists()
    stamped = cli("--data", example_ledger, "notice", "--month", "2023-06", "-o", tmp_path / "t.docx", "--force")
    assert stamped.exit_code == 0 and (tmp_path / "t.docx").exists()


def test_no_output_is_written_into_the_offices_folder(example_ledger, cli):
    before = sorted(path.name for path in (example_ledger / "supervision").iterdir())
    for args in (["notice", "--month", "2023-06", "-o"], ["report", "--month", "2023-06", "-f", "markdown", "-o"]):
        target = example_ledger / "supervision" / ("x.docx" if args[0] == "notice" else "a.md")
        result = cli("--data", example_ledger, *args, target)
        assert result.exit_code == 1 and "supervision/" in result.stderr
    assert sorted(path.name for path in (example_ledger / "supervision").iterdir()) == before


def test_an_unknown_extension_lists_only_what_the_command_writes(example_ledger, cli, tmp_path):
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "-o", tmp_path / "x.yaml")
    assert result.exit_code == 2 and ".html" in result.stderr and ".docx" not in result.stderr


def test_status_as_of_a_day_before_the_month_is_refused(example_ledger, cli):
    result = cli("--data", example_ledger, "status", "--month", "2023-06", "--as-of", "2023-05-15")
    assert result.exit_code == 2 and "--as-of" in result.stderr and "催报" not in result.stdout
    fine = json.loads(cli("--data", example_ledger, "status", "--month", "2023-06", "--as-of", "2023-07-12", "-f", "json").stdout)
    assert fine["as_of"] == "2023-07-12"


def test_a_monthly_sheet_refuses_a_date_in_another_month(example_ledger, cli, tmp_path):
    (example_ledger / "progress" / "2023-06" / "11.yaml").unlink()  # June not reported yet
    sheet = make_template(cli, example_ledger, tmp_path, unit="市民政局", month="2023-06")
    fill(sheet, [("全市", "home_retrofit", None, {"value": 1500, "date": dt.datetime(2023, 7, 15)})])
    before = progress_snapshot(example_ledger)
    result = cli("--data", example_ledger, "import", sheet)
    assert result.exit_code == 1
    assert "「日期」" in result.stderr and "2023-07-15" in result.stderr and "填报期" in result.stderr
    assert progress_snapshot(example_ledger) == before
    fill(sheet, [("全市", "home_retrofit", None, {"value": 1500, "date": dt.datetime(2023, 6, 28)})])
    assert cli("--data", example_ledger, "import", sheet).exit_code == 0
