"""The line a single import ends with: the progress files it wrote named when they are few, counted
when a whole year's sheet writes hundreds (`--format json` lists every one)."""

from __future__ import annotations

import json

HEADER = "项目,指标,县（市、区）,本期累计,日期\n"


def monthly_csv(months: range) -> str:
    """Project 23 in 任城区 reported each month (1 room until June, then 2): one progress file per month."""
    return HEADER + "".join(f"23,city_study_rooms,任城区,{1 if month < 7 else 2},2023-{month:02d}-15\n" for month in months)


def test_a_few_files_are_each_named(plan_ledger, cli, tmp_path):
    sheet = tmp_path / "two.csv"
    sheet.write_text(monthly_csv(range(1, 3)), encoding="utf-8")
    result = cli("--data", plan_ledger, "import", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert "2 条写入（progress/2023-01/23.yaml、progress/2023-02/23.yaml），0 条跳过。" in result.stdout


def test_many_files_are_counted_with_the_first_and_last(plan_ledger, cli, tmp_path):
    sheet = tmp_path / "year.csv"
    sheet.write_text(monthly_csv(range(1, 13)), encoding="utf-8")
    dry = cli("--data", plan_ledger, "import", str(sheet), "--dry-run", "--format", "json")
    assert dry.exit_code == 0, dry.stderr
    files = json.loads(dry.stdout)["files"]
    assert files == [f"progress/2023-{month:02d}/23.yaml" for month in range(1, 13)]
    result = cli("--data", plan_ledger, "import", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert "12 条写入（progress/2023-01/23.yaml 至 progress/2023-12/23.yaml 等 12 个进度文件），0 条跳过。" in result.stdout
    assert "progress/2023-06/23.yaml" not in result.stdout
    assert all((plan_ledger / name).is_file() for name in files)
