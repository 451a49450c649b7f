"""Tables fit the terminal: at COLUMNS=80 (and 120) every line of the report (table, --by county,
--detail, --notes), `list` and `import --dry-run` is within the width, no number is split across
lines, and nothing is lost (every figure, date, county and row location of the plain output is
still there). Plain output stays full width for files."""

from __future__ import annotations

import re
import unicodedata

import pytest

NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
COMMANDS = {
    "report": ["report", "--month", "2023-06"],
    "by county": ["report", "--month", "2023-06", "--by", "county"],
    "detail": ["report", "--month", "2023-06", "--detail"],
    "notes": ["report", "--month", "2023-06", "--notes"],
    "list": ["list"],
    "dry run": ["import", "{sheet}", "--dry-run"],
}


def display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 0 if unicodedata.combining(char) else 1
               for char in line)


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "week.csv"
    path.write_text("project,target,value,date,county,note\n"
                    "19,villages,60,2023-07-03,济宁经济技术开发区,管网铺设完成，已通水试运行的村庄12个\n"
                    "1,new_places,6500,2023-07-03,,新增托位\n", encoding="utf-8")
    return path


def run(cli, ledger, args, sheet, fmt, columns, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("NO_COLOR", "1")
    args = [str(sheet) if arg == "{sheet}" else arg for arg in args]
    result = cli("--data", ledger, "--no-cache", *args, "-f", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("name", COMMANDS)
def test_every_line_fits_and_nothing_is_lost(example_ledger, cli, sheet, monkeypatch, name, columns):
    table = run(cli, example_ledger, COMMANDS[name], sheet, "table", columns, monkeypatch)
    wide = [line for line in table.splitlines() if display_width(line) > columns]
    assert not wide, "\n".join(wide[:5])
    plain = run(cli, example_ledger, COMMANDS[name], sheet, "plain", columns, monkeypatch)
    missing = set(NUMBER.findall(plain)) - set(NUMBER.findall(table))  # a split number leaves its halves
    assert not missing, sorted(missing)[:10]


def test_by_county_keeps_every_county(example_ledger, cli, sheet, monkeypatch):
    table = run(cli, example_ledger, COMMANDS["by county"], sheet, "table", 80, monkeypatch)
    for county in ("任城区", "济宁高新区", "太白湖新区", "济宁经济技术开发区"):
        assert county in table


def test_the_dry_run_keeps_dates_counties_and_locations(example_ledger, cli, sheet, monkeypatch):
    table = run(cli, example_ledger, COMMANDS["dry run"], sheet, "table", 80, monkeypatch)
    for word in ("第2行", "第3行", "2023-07-03", "济宁经济技术开发区", "管网铺设"):
        assert word in table
    assert "…" not in table


def test_notes_and_asides_go_under_the_row(example_ledger, cli, sheet, monkeypatch):
    table = run(cli, example_ledger, COMMANDS["report"], sheet, "table", 80, monkeypatch)
    assert "\n    部分县（市、区）未报送" in table  # the status's aside, under its row
    assert "年度目标：新增托位10000个等5项" in table  # a column moved under the row, whole


def test_plain_stays_full_width_for_files(example_ledger, cli, sheet, monkeypatch):
    plain = run(cli, example_ledger, COMMANDS["detail"], sheet, "plain", 80, monkeypatch)
    assert max(map(display_width, plain.splitlines())) > 200
