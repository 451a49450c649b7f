"""Dates after the plan (PRODUCT.md §4): a record dated after the plan's end is refused unless
--after-plan (late completion is real; a year typo, or today's default once the year is over, is not)."""

from __future__ import annotations

import json


def progress_files(ledger):
    return sorted(p.relative_to(ledger) for p in (ledger / "progress").rglob("*.yaml"))


def test_update_refuses_a_date_after_the_plan_and_names_the_way_out(plan_ledger, cli):
    refused = cli("--data", plan_ledger, "update", "1", "new_places", "6300", "--date", "2024-06-30")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "--date 2024-06-30 在计划期（2023-01-01 至 2023-12-31）之后" in refused.stderr and "--after-plan" in refused.stderr
    assert progress_files(plan_ledger) == []
    accepted = cli("--data", plan_ledger, "update", "1", "new_places", "10200", "--date", "2024-01-15", "--after-plan")
    assert accepted.exit_code == 0, accepted.stderr
    # a report after the plan's end shows the late record
    report = json.loads(cli("--data", plan_ledger, "report", "--as-of", "2024-01-31", "-f", "json").stdout)
    target = next(t for p in report["projects"] if p["id"] == 1 for t in p["targets"] if t["id"] == "new_places")
    assert target["actual"] == 10200


def test_update_without_a_date_once_the_plan_is_over_is_refused(plan_ledger, cli):
    """Today (after 2023) is the default date: it would file the record outside every report."""
    refused = cli("--data", plan_ledger, "update", "1", "new_places", "6300")
    assert refused.exit_code == 1 and "--after-plan" in refused.stderr
    assert progress_files(plan_ledger) == []


def test_import_refuses_a_row_after_the_plan_unless_after_plan(plan_ledger, cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("项目,指标,本期累计,日期\n1,new_places,6300,2023-06-30\n1,new_places,6400,2024-06-30\n", encoding="utf-8")
    refused = cli("--data", plan_ledger, "import", sheet)
    assert refused.exit_code == 1 and "第3行" in refused.stderr and "计划期" in refused.stderr
    assert progress_files(plan_ledger) == []
    accepted = cli("--data", plan_ledger, "import", sheet, "--after-plan")
    assert accepted.exit_code == 0, accepted.stderr
    assert len(progress_files(plan_ledger)) == 2
