"""Items, steps and counts read the same everywhere: the prompt of `update`, `check` and the report
compare an item stripped, as the in-force engine does; a text value on a count never crashes `update`."""

from __future__ import annotations

import json

from minsheng_cli.ledger.plan import load_plan
from minsheng_cli.ledger.progress_file import read_progress
from minsheng_cli.reporting.update_view import value_question


def write_progress(ledger, month: str, project: int, lines: list[str]) -> None:
    folder = ledger / "progress" / month
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{project:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_update_prompt_shows_the_item_in_force_not_a_voided_one(plan_ledger, cli):
    for county in ("邹城市", "金乡县", "嘉祥县"):
        day = "2023-04-30" if county == "邹城市" else "2023-06-30"
        assert cli("--data", plan_ledger, "update", "5", "county_communities", county, "--date", day).exit_code == 0
    assert cli("--data", plan_ledger, "update", "5", "county_communities", "嘉祥县", "--void", "--reason", "误报", "--date", "2023-06-30").exit_code == 0
    plan = load_plan(plan_ledger)
    target = next(p for p in plan.projects if p.id == 5).find_target("county_communities")
    prompt = value_question(5, target, None, read_progress(plan_ledger, plan))
    last, missing = prompt.split("；", 1)
    assert "金乡县" in last and "2023-06-30" in last and "嘉祥县" not in last
    assert "嘉祥县" in missing and "金乡县" not in missing


def test_a_text_value_on_a_count_does_not_crash_update(plan_ledger, cli):
    write_progress(plan_ledger, "2023-06", 1, ['- {date: 2023-06-10, target: new_places, value: "一万"}'])
    result = cli("--data", plan_ledger, "update", "1", "new_places", "5400", "--date", "2023-06-20")
    assert "内部错误" not in result.stderr and "Traceback" not in result.output
    assert result.exit_code == 0


def test_check_and_report_read_an_item_with_blanks_alike(plan_ledger, cli):
    write_progress(plan_ledger, "2023-06", 5, ['- {date: 2023-06-30, target: county_communities, value: "嘉祥县 "}'])
    checked = json.loads(cli("--data", plan_ledger, "check", "-f", "json").stdout)
    assert checked["ok"], checked["errors"]
    report = json.loads(cli("--data", plan_ledger, "report", "--as-of", "2023-06-30", "-f", "json").stdout)
    target = next(t for p in report["projects"] if p["id"] == 5 for t in p["targets"] if t["id"] == "county_communities")
    assert target["actual"] == 1
