"""A CSV sheet is read row by row from disk: no whole-file size limit, a row limit instead."""

from __future__ import annotations

from minsheng_cli.exchange import sheets
from minsheng_cli.ledger import yamlio

HEADER = "项目,指标,县（市、区）,本期累计,日期\n"


def rows_csv(count: int) -> str:
    return HEADER + "".join(f"23,city_study_rooms,任城区,{1 if day < 20 else 2},2023-06-{day:02d}\n" for day in range(1, count + 1))


def test_a_csv_larger_than_the_file_limit_is_streamed_and_imported(plan_ledger, cli, tmp_path, monkeypatch):
    sheet = tmp_path / "big.csv"
    sheet.write_text(rows_csv(25), encoding="utf-8")
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 200)  # the whole-file limit other inputs keep
    assert sheet.stat().st_size > yamlio.MAX_FILE_BYTES
    result = cli("--data", plan_ledger, "import", str(sheet), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"written": 25' in result.stdout


def test_a_csv_over_the_row_limit_is_refused_and_nothing_is_written(plan_ledger, cli, tmp_path, monkeypatch):
    sheet = tmp_path / "many.csv"
    sheet.write_text(rows_csv(12), encoding="utf-8")
    monkeypatch.setattr(sheets, "MAX_CSV_ROWS", 10)
    before = sorted(p.read_bytes() for p in (plan_ledger / "progress").rglob("*.yaml"))
    result = cli("--data", plan_ledger, "import", str(sheet))
    assert result.exit_code == 1 and "超过 10 行" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.read_bytes() for p in (plan_ledger / "progress").rglob("*.yaml")) == before


def test_a_gb18030_csv_is_streamed_in_its_encoding(plan_ledger, cli, tmp_path):
    sheet = tmp_path / "gbk.csv"
    sheet.write_bytes(rows_csv(3).encode("gb18030"))
    result = cli("--data", plan_ledger, "import", str(sheet), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"written": 3' in result.stdout
