"""Formula injection (issue 13): text a unit or the plan wrote never becomes a live formula in a
CSV the office opens in Excel/WPS; our own figures (-3.5, +6.2, 12.0%) stay numbers."""

from __future__ import annotations

import csv
import io

from minsheng_cli.rendering.output import spreadsheet_text

HOSTILE = ["=HYPERLINK(\"http://x\",\"点我\")", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1"]


def test_formula_like_text_is_marked_as_text():
    for text in HOSTILE:
        assert spreadsheet_text(text) == "'" + text
    for figure in ("-3.5", "+6.2", "12.0%", "6200", "—", "进度正常", ""):
        assert spreadsheet_text(figure) == figure


def rows(result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))


def test_a_note_is_never_a_formula_in_log_or_report_csv(example_ledger, cli):
    note = "=HYPERLINK(\"http://evil\",\"详情\")"
    assert cli("--data", example_ledger, "update", "5", "--note", note, "--date", "2023-06-30").exit_code == 0
    cells = [cell for row in rows(cli("--data", example_ledger, "log", "5", "-f", "csv")) for cell in row]
    assert "'" + note in cells and note not in cells
    report = rows(cli("--data", example_ledger, "report", "--month", "2023-06", "--notes", "-f", "csv"))
    texts = [cell for row in report for cell in row if "evil" in cell]
    assert texts and all(not cell.startswith("=") for cell in texts)
    changes = [row[8] for row in report[1:] if len(row) > 8 and row[8] not in ("", "—")]
    assert changes and all(change[0] in "+-0" for change in changes)  # 较上期 (+6.2) stays a number, unmarked


def test_text_starting_with_equals_is_text_in_every_workbook(example_ledger, cli, tmp_path):
    from openpyxl import load_workbook

    hostile = "=HYPERLINK(\"http://evil\",\"点我\")"
    plan = example_ledger / "projects.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "name: 实施残疾儿童康复救助" in text
    plan.write_text(text.replace("name: 实施残疾儿童康复救助", f"name: '{hostile}'"), encoding="utf-8")
    report, template = tmp_path / "r.xlsx", tmp_path / "t.xlsx"
    assert cli("--data", example_ledger, "report", "--month", "2023-06", "-o", str(report)).exit_code == 0
    assert cli("--data", example_ledger, "template", "--unit", "市残联", "--month", "2023-07", "-o", str(template)).exit_code == 0
    for path in (report, template):
        cells = [cell for sheet in load_workbook(path).worksheets for row in sheet.iter_rows() for cell in row
                 if isinstance(cell.value, str) and "evil" in cell.value]
        assert cells, path
        assert all(cell.data_type == "s" for cell in cells), [(cell.coordinate, cell.data_type) for cell in cells]
