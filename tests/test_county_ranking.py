"""County ranking (PRODUCT.md §2): counties are ranked on their allocated figures only; a county
with no record is 未报送, not tied first at 0%; without allocations there is no rank column."""

from __future__ import annotations


def county_rows(text: str) -> dict[str, list[str]]:
    """The county table's rows of a plain report, by county name (the first cell that is one)."""
    counties = ("任城区", "兖州区", "曲阜市", "邹城市", "微山县", "鱼台县", "金乡县", "嘉祥县", "汶上县", "泗水县",
                "梁山县", "济宁高新区", "太白湖新区", "济宁经济技术开发区")
    rows = {}
    for line in text.splitlines():
        cells = line.split()
        for position, cell in enumerate(cells[:2]):
            if cell in counties:
                rows[cell] = cells
    return rows


def study_rooms(cli, ledger, county: str, value: str) -> None:
    result = cli("--data", ledger, "update", "23", "city_study_rooms", value, "--county", county, "--date", "2023-06-20")
    assert result.exit_code == 0, result.output


def test_unreported_counties_are_not_ranked_at_zero(plan_ledger, cli):
    study_rooms(cli, plan_ledger, "任城区", "2")
    study_rooms(cli, plan_ledger, "鱼台县", "0")
    text = cli("--data", plan_ledger, "report", "--month", "2023-06", "--by", "county", "-u", "市文化和旅游局", "-f", "plain").stdout
    rows = county_rows(text)
    assert rows["任城区"][0] == "1" and rows["任城区"][-1] == "100.0%"
    assert rows["鱼台县"][0] == "2" and rows["鱼台县"][-1] == "0.0%"  # it reported 0: ranked, last
    assert rows["微山县"][0] == "微山县" and rows["微山县"][-1] == "未报送"  # no rank, not 0%
    assert "排名" in text


def test_a_county_is_judged_on_the_allocations_it_reported(plan_ledger, cli):
    study_rooms(cli, plan_ledger, "兖州区", "1")  # 1 of 2 city study rooms; no rural study room reported
    text = cli("--data", plan_ledger, "report", "--month", "2023-06", "--by", "county", "-f", "plain").stdout
    assert county_rows(text)["兖州区"][-1] == "50.0%"


def test_nothing_to_rank_says_so(plan_ledger, cli):
    result = cli("--data", plan_ledger, "update", "19", "villages", "40", "--county", "鱼台县", "--date", "2023-06-20")
    assert result.exit_code == 0, result.output
    text = cli("--data", plan_ledger, "report", "--month", "2023-06", "--by", "county", "-u", "市城乡水务局", "-f", "plain").stdout
    assert "不排名" in text and not any(line.startswith("排名") for line in text.splitlines())
    assert county_rows(text)["鱼台县"][-1] == "40"


def test_the_unranked_table_draws_in_every_format(plan_ledger, cli, tmp_path):
    for fmt in ("table", "markdown", "csv", "json"):
        result = cli("--data", plan_ledger, "report", "--month", "2023-06", "--by", "county", "-u", "市城乡水务局", "-f", fmt)
        assert result.exit_code == 0, (fmt, result.output)
    result = cli("--data", plan_ledger, "report", "--month", "2023-06", "--by", "county", "-u", "市城乡水务局", "-o", str(tmp_path / "c.xlsx"))
    assert result.exit_code == 0, result.output
