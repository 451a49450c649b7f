"""Text has a date (PRODUCT.md §2): a report shows the 存在问题 / 下步打算 / 进展情况 of its period;
older text only with its date; a lagging project without text in the period says so; a county's
note reads "鱼台县：…"."""

from __future__ import annotations

from pathlib import Path


def lagging_entry(text: str, name: str) -> str:
    block = text[text.index("进度滞后的项目和指标"):]
    return next(line for line in block.splitlines() if name in line)


def report(cli, ledger, month: str, *extra: str) -> str:
    result = cli("--data", ledger, "report", "--month", month, "-f", "plain", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def lagging_in_june(cli, ledger) -> None:
    # project 20, 25 plants: 7 by the end of June is 28% (序时 50%), lagging; its texts dated June 30
    result = cli("--data", ledger, "update", "20", "plant_upgrades", "7", "--date", "2023-06-30",
                 "--problem", "设备招标延期", "--next", "7月完成设备安装调试")
    assert result.exit_code == 0, result.output


def test_june_text_in_a_july_report_is_dated(plan_ledger, cli):
    lagging_in_june(cli, plan_ledger)
    june = lagging_entry(report(cli, plan_ledger, "2023-06"), "城市生活污水处理厂")
    assert "下步打算：7月完成设备安装调试。" in june and "6月30日报" not in june
    july = lagging_entry(report(cli, plan_ledger, "2023-07"), "城市生活污水处理厂")
    assert "本期未报送存在问题和下步打算" in july
    assert "下步打算：6月30日报：7月完成设备安装调试" in july
    assert "下步打算：7月完成设备安装调试" not in july


def test_text_of_the_period_replaces_the_dated_one(plan_ledger, cli):
    lagging_in_june(cli, plan_ledger)
    assert cli("--data", plan_ledger, "update", "20", "plant_upgrades", "8", "--date", "2023-07-20", "--next", "8月完成调试").exit_code == 0
    july = lagging_entry(report(cli, plan_ledger, "2023-07"), "城市生活污水处理厂")
    assert "下步打算：8月完成调试" in july and "本期未报送" not in july
    assert "存在问题：6月30日报：设备招标延期" in july  # the field not rewritten keeps its date


def test_notes_column_dates_older_text(plan_ledger, cli):
    lagging_in_june(cli, plan_ledger)
    july = report(cli, plan_ledger, "2023-07", "--notes", "-u", "市城乡水务局")
    assert "下步打算：6月30日报：7月完成设备安装调试" in july


def test_a_county_note_reads_with_its_county(plan_ledger, cli):
    progress = Path(plan_ledger) / "progress" / "2023-06"
    progress.mkdir(parents=True, exist_ok=True)
    (progress / "19.yaml").write_text(
        '- {date: 2023-06-30, target: villages, county: "鱼台县", value: 46, problem: "两个镇管网未接通"}\n'
        '- {date: 2023-06-30, target: villages, county: "梁山县", value: 47, problem: "资金未到位"}\n',
        encoding="utf-8",
    )
    text = report(cli, plan_ledger, "2023-06", "--notes", "-u", "市城乡水务局")
    assert "存在问题：鱼台县：两个镇管网未接通；梁山县：资金未到位" in text
