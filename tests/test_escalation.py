"""The escalation ladder: months behind in a row from the ledger's history (each earlier month
judged as `minsheng report --month` judges it), the rung it suggests (提醒 / 督办单 / 建议挂牌督办,
a plan setting), and `report --detail` showing both with the office's own entry."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from minsheng_cli.ledger.model import Escalation
from minsheng_cli.reporting.escalation import RUNGS, rung
from minsheng_cli.reporting.schedule import BEHIND

STATUSES = ("completed", "ahead", "on_track", "lagging", "seriously_lagging", "overdue", "not_started", "not_reported")


def statuses_by_month(cli, root, months) -> dict[str, dict[int, str]]:
    """Each month's project statuses, through the JSON contract of `minsheng report`."""
    found = {}
    for month in months:
        data = json.loads(cli("--data", root, "report", "--month", month, "--format", "json").stdout)
        found[month] = {project["id"]: project["status"] for project in data["projects"]}
    return found


def test_streaks_agree_with_the_monthly_reports(example_ledger, cli):
    from minsheng_cli.commands.report import _build
    from minsheng_cli.ledger.plan import load_plan
    from minsheng_cli.reporting.spec import report_spec
    import datetime as dt

    plan = load_plan(example_ledger, use_cache=False)
    built, _, _ = _build(example_ledger, plan, report_spec(plan, dt.date(2024, 1, 10), month="2023-06"), oversight=True)
    months = [f"2023-{m:02d}" for m in range(6, 0, -1)]
    history = statuses_by_month(cli, example_ledger, months)
    for project, seen in built.oversight.items():
        expected = 0
        for month in months:
            if history[month][project] not in BEHIND:
                break
            expected += 1
        assert seen.months == expected, project
    assert built.oversight[7].months >= 3 and built.oversight[7].rung == "listing"
    assert all(seen.rung is None for seen in built.oversight.values() if seen.months == 0)


def test_the_ladder_defaults():
    ladder = Escalation()
    assert rung("on_track", 0, ladder) is None
    assert rung("lagging", 1, ladder) == "reminder"
    assert rung("seriously_lagging", 1, ladder) == "order"
    assert rung("lagging", 2, ladder) == "order"
    assert rung("overdue", 3, ladder) == "listing"


@given(st.sampled_from(STATUSES), st.integers(0, 12), st.integers(0, 12), st.integers(1, 6), st.integers(1, 6))
def test_the_ladder_never_steps_down_as_months_add_up(status, fewer, more, order, listing):
    ladder = Escalation(order=order, listing=listing)
    fewer, more = sorted((fewer, more))
    low, high = rung(status, fewer, ladder), rung(status, more, ladder)
    if status not in BEHIND:
        assert low is None and high is None
        return
    assert RUNGS.index(low) <= RUNGS.index(high)
    if more >= listing:
        assert high == "listing"
    if status == "seriously_lagging":
        assert high in ("order", "listing")


def test_report_detail_shows_the_ladder_and_the_office(example_ledger, cli):
    shown = cli("--data", example_ledger, "--no-cache", "report", "--month", "2023-06", "--detail", "--format", "plain").stdout
    assert "核实意见：经实地核查，2所新建学校" in shown
    assert "督办建议：连续滞后" in shown and "建议挂牌督办" in shown
    assert "已挂牌督办（2023年6月20日）：连续3个月进度滞后且差距扩大" in shown
    plain = cli("--data", example_ledger, "--no-cache", "report", "--month", "2023-06", "--format", "plain").stdout
    assert "督办建议" not in plain and "核实意见" not in plain


def test_a_new_office_entry_shows_at_once(example_ledger, cli):
    """The report cache is keyed on the supervision files too."""
    first = cli("--data", example_ledger, "report", "--month", "2023-06", "--detail", "--format", "plain").stdout
    office = example_ledger / "supervision" / "2023-06.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("7月底前完成全部选址", "7月20日前完成全部选址"), encoding="utf-8")
    second = cli("--data", example_ledger, "report", "--month", "2023-06", "--detail", "--format", "plain").stdout
    assert "7月底前完成全部选址" in first and "7月20日前完成全部选址" in second


@pytest.mark.parametrize("order,listing,expected", [(2, 3, "listing"), (3, 5, "order"), (6, 9, "reminder")])
def test_the_ladder_is_a_plan_setting(example_ledger, cli, order, listing, expected):
    plan = example_ledger / "projects.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\nsettings:\n", f"\nsettings:\n  escalation: {{order: {order}, listing: {listing}}}\n", 1), encoding="utf-8")
    shown = cli("--data", example_ledger, "report", "--month", "2023-06", "--detail", "--category", "11", "--format", "plain").stdout
    words = {"listing": "建议挂牌督办", "order": "建议下发督办单", "reminder": "建议提醒"}
    assert words[expected] in shown


def test_detail_json_carries_the_ladder_and_plain_json_does_not(example_ledger, cli):
    detail = json.loads(cli("--data", example_ledger, "report", "--month", "2023-06", "--detail", "--format", "json").stdout)
    plain = json.loads(cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "json").stdout)
    assert all(project["escalation"] is None for project in plain["projects"])
    ladder = {project["id"]: project["escalation"] for project in detail["projects"]}
    for project in detail["projects"]:
        behind = project["status"] in ("lagging", "seriously_lagging", "overdue")
        assert (ladder[project["id"]]["months_behind_in_a_row"] > 0) == behind
        if not behind:
            assert ladder[project["id"]]["suggestion"] is None
    assert any(entry["suggestion"] == "listing" for entry in ladder.values())
