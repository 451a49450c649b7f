"""Names as people write them: one resolver (ledger/names.py) for projects, targets, units and
counties, and every command using it."""

from __future__ import annotations

import pytest

from minsheng_cli.errors import InputError
from minsheng_cli.ledger import names
from minsheng_cli.ledger.plan import load_plan


@pytest.fixture
def plan(plan_ledger):
    return load_plan(plan_ledger)


def test_a_project_by_number_name_or_unique_part(plan):
    assert names.project(plan, "1").id == 1
    assert names.project(plan, plan.projects[1].name).id == 2
    assert names.project(plan, "托育").id == 1


def test_an_ambiguous_part_lists_the_candidates(plan):
    with pytest.raises(InputError) as raised:
        names.project(plan, "心理")
    assert "对应多个项目" in raised.value.message and "3 构建" in raised.value.message and "4 建全" in raised.value.message


def test_a_near_miss_is_suggested(plan):
    with pytest.raises(InputError) as raised:
        names.project(plan, "托育工程x")
    assert "您是否要找：1 大力度实施婴幼儿托育" in raised.value.message
    with pytest.raises(InputError) as raised:
        names.unit(plan, "卫建委")
    assert "您是否要找：市卫生健康委" in raised.value.message


def test_a_number_out_of_range_is_not_guessed(plan):
    with pytest.raises(InputError) as raised:
        names.project(plan, "99")
    assert "您是否要找" not in raised.value.message


@pytest.mark.parametrize("typed, full", [
    ("市卫生健康委", "市卫生健康委"), ("卫健委", "市卫生健康委"), ("卫生", "市卫生健康委"),
    ("人社局", "市人力资源社会保障局"), ("住建局", "市住房城乡建设局"),
])
def test_units(plan, typed, full):
    assert names.unit(plan, typed) == full


@pytest.mark.parametrize("typed, full", [
    ("任城区", "任城区"), ("任城", "任城区"), ("邹城", "邹城市"), ("鱼台", "鱼台县"),
    ("高新区", "济宁高新区"), ("经开区", "济宁经济技术开发区"), ("太白湖", "太白湖新区"),
])
def test_counties(plan, typed, full):
    assert names.county(plan, typed) == full


def test_targets_by_id_name_or_part(plan):
    project = names.project(plan, 1)
    assert names.target(project, "new_places").id == "new_places"
    assert names.target(project, "新增托位").id == "new_places"
    with pytest.raises(InputError) as raised:
        names.target(project, "托位")
    assert "new_places（新增托位）" in raised.value.message and "total_places" in raised.value.message


def test_the_plans_own_abbreviations_replace_the_default(plan):
    plan.settings.abbreviations = {"卫委": "市卫生健康委"}
    assert names.unit(plan, "卫委") == "市卫生健康委"
    with pytest.raises(InputError):
        names.unit(plan, "住建局")


@pytest.mark.parametrize("args", [
    ["show", "托育"], ["list", "-u", "卫生"], ["list", "-u", "卫健委"], ["report", "-u", "卫健委"],
    ["report", "-u", "卫生"], ["log", "托育", "新增托位"],
])
def test_every_command_takes_the_same_names(example_ledger, cli, args):
    result = cli("--data", example_ledger, *args)
    assert result.exit_code == 0, result.output


def test_template_takes_an_abbreviation(example_ledger, cli, tmp_path):
    result = cli("--data", example_ledger, "template", "-u", "人社局", "--month", "2023-06", "-o", tmp_path / "t.xlsx")
    assert result.exit_code == 0, result.output
    assert "市人力资源社会保障局" in result.stdout


def test_update_takes_a_short_county_and_records_its_full_name(example_ledger, cli):
    result = cli("--data", example_ledger, "update", "19", "villages", "60", "--county", "任城", "--date", "2023-07-03")
    assert result.exit_code == 0, result.output
    assert "（任城区）" in result.stdout
    assert "county: \"任城区\", value: 60" in (example_ledger / "progress" / "2023-07" / "19.yaml").read_text(encoding="utf-8")


def test_a_county_near_miss_is_suggested_and_nothing_is_written(example_ledger, cli):
    before = (example_ledger / "progress" / "2023-06" / "19.yaml").read_bytes()
    result = cli("--data", example_ledger, "update", "19", "villages", "60", "--county", "仁城", "--date", "2023-06-30")
    assert result.exit_code == 1 and "您是否要找：任城区" in result.stderr
    assert (example_ledger / "progress" / "2023-06" / "19.yaml").read_bytes() == before


def test_import_columns_take_the_same_names(example_ledger, cli, tmp_path):
    sheet = tmp_path / "week.csv"
    sheet.write_text("project,target,value,date,county,note\n"
                     "19,villages,60,2023-07-03,任城,管网\n"
                     "19,,,2023-07-03,邹城,只记进展\n"
                     "托育,新增托位,6500,2023-07-03,,新增托位\n", encoding="utf-8")
    result = cli("--data", example_ledger, "import", sheet)
    assert result.exit_code == 0, result.output
    written = (example_ledger / "progress" / "2023-07" / "19.yaml").read_text(encoding="utf-8")
    assert 'county: "任城区", value: 60' in written and 'county: "邹城市", note: "只记进展"' in written
    assert "value: 6500" in (example_ledger / "progress" / "2023-07" / "01.yaml").read_text(encoding="utf-8")


def test_an_import_row_with_a_near_miss_says_what_was_meant(example_ledger, cli, tmp_path):
    sheet = tmp_path / "week.csv"
    sheet.write_text("project,target,value,date,county\n19,villages,60,2023-07-03,仁城\n", encoding="utf-8")
    result = cli("--data", example_ledger, "import", sheet)
    assert result.exit_code == 1 and "第2行「county」" in result.stderr and "您是否要找：任城区" in result.stderr
