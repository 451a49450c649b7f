"""Rebuild the example ledger examples/2023-demo/ the way an office would build a real one.

    python examples/make_demo.py

For each month January–June 2023 and each lead unit: `minsheng template` makes the unit's sheet,
openpyxl fills it as the unit's liaison would (plausible, made-up figures), `minsheng import`
reads it into the ledger. One mistyped figure is then corrected with `minsheng update --correct`.
Every progress file is labelled as illustrative data. The figures are deterministic (seeded per
target), so running this again gives the same files byte for byte.

The story as of 2023年6月底 (what `minsheng report --month 2023-06` shows):
- most projects roughly on schedule (序时推进);
- 11 困难老年人家庭适老化改造 ahead (超序时进度);
- 28 灾害民生综合保险 completed early (its only counted target, a milestone, done in February);
- 7 中小学幼儿园扩容, 20 污水处理厂提标改造, 25 口袋公园 lagging (进度滞后), 12 有线电视“银龄工程”
  seriously lagging (严重滞后) — all four with 存在问题 and 下步打算;
- 27 仲裁调解服务温馨工程 never reported (未报送: 市仲裁委办公室 sent no sheet);
- sheets are received on the 3rd of the following month (`import --received`), on time by the
  5th; 广电山东网络济宁分公司's June sheet came on 10 July and 市城市管理局's May sheet on 8 June
  (`minsheng status --month 2023-06`: 逾期报送);
- 15 农业生产经营者培训 last reported in April (未按时报送);
- per-county targets (3, 19, 22, 23) with some counties not yet reported;
- 2 免费产前筛查: the June figure was mistyped (39200 for 29300) and corrected.

The plan is a copy of data/projects.yaml: the same text, with its schema line (yaml-language-server)
pointing to the same schema from this folder and one label line below it; data/ is untouched.
Progress files start with their schema line and the label 示例数据（虚构，仅供演示和测试）.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import shutil
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))  # run from a checkout without installing

from minsheng_cli.exchange import template as T  # noqa: E402
from minsheng_cli.ledger.plan import load_plan  # noqa: E402

DEMO = HERE / "2023-demo"
PLAN_SOURCE = REPO / "data" / "projects.yaml"
PLAN_HEADER = "# 示例台账：计划与 data/projects.yaml 相同；progress/ 为示例数据（虚构，仅供演示）\n"
TITLE_LINE = "title: 2023年市政府“重点民生实事”\n"
LABEL_LINE = "label: 示例数据：进度记录为虚构，仅供演示\n"  # shown with every report title
PROGRESS_LABEL = "# 示例数据（虚构，仅供演示和测试）\n"
MODELINE_PREFIX = "# yaml-language-server: $schema="
SEED = 2023
MONTHS = range(1, 7)

# The share of each project's annual figures done by the end of June (on schedule: about 0.5).
# Project 15 stops reporting in April, so its pace is set high enough to be on schedule in April.
PACE = {7: Decimal("0.27"), 11: Decimal("0.68"), 12: Decimal("0.14"), 15: Decimal("0.78"), 20: Decimal("0.30"),
        25: Decimal("0.31")}
DEFAULT_PACE = Decimal("0.53")
SILENT_UNITS = {"市仲裁委办公室"}  # never sends its sheet: project 27 未报送
LAST_MONTH = {"市农业农村局": 4}  # stops reporting after April: project 15 未按时报送
# The office receives each month's sheets on the 3rd of the following month (due by the 5th,
# settings.report_due_day), except these, received late (minsheng status: 逾期报送).
RECEIVED_DAY = 3
RECEIVED_LATE = {("广电山东网络济宁分公司", 6): 10, ("市城市管理局", 5): 8}
# Counties that have not reported a per-county target by the end of June.
COUNTIES_SILENT = {
    (3, "branch_centers"): {"微山县", "金乡县", "泗水县", "梁山县", "济宁高新区"},
    (19, "villages"): {"太白湖新区", "济宁经济技术开发区"},
    (23, "city_study_rooms"): {"微山县", "梁山县", "济宁经济技术开发区"},
    (23, "rural_study_rooms"): {"微山县", "梁山县", "济宁经济技术开发区"},
}
# Checklist items done by June, with the month each was done.
ITEMS_DONE = {
    (4, "school_services"): {"为全体中小学师生建立心理健康档案": 3, "每所学校至少开展1次心理健康讲座": 5},
    (5, "county_communities"): {"曲阜市": 2, "邹城市": 4, "金乡县": 6},
    (17, "airport_lines"): {"J960机场公交专线": 3, "J961机场公交专线": 5},
    (21, "key_places"): {"住宅小区": 2, "医院": 3, "学校": 5, "交通枢纽": 6},
    (30, "markets"): {"秦庄农贸市场": 2, "新红星农贸市场": 3, "杜庄农贸市场": 4, "鱼台贯通农贸城": 5, "梁山金泊园市场": 5, "微山县农商物流园": 6},
}
# Per-county targets of one or two per county: the month each county finished its one.
COUNTY_DONE = {
    (3, "branch_centers"): {"任城区": 2, "兖州区": 3, "曲阜市": 4, "邹城市": 5, "嘉祥县": 6},
    (23, "rural_study_rooms"): {"任城区": 3, "曲阜市": 4, "邹城市": 4, "金乡县": 5, "汶上县": 5, "泗水县": 6, "济宁高新区": 6},
}
# Where a county's small per-county figure stands at the end of June (default: 1).
COUNTY_JUNE = {(23, "city_study_rooms"): {"任城区": 2, "兖州区": 2, "邹城市": 2}}
MILESTONES_DONE = {(28, "raised_standards"): 2}  # (project, target) → month done
# Level targets whose figures are whole things: where each stands at each month's end. 13 starts
# from the 6 pilot 县（市、区） (its plan baseline): January reads 0%, June 4 of the 8 new ones.
LEVEL_VALUES = {(13, "county_coverage"): {1: 6, 2: 7, 3: 8, 4: 8, 5: 9, 6: 10}}
BASELINE_DAY = {(1, "places_per_1000"): (dt.date(2023, 1, 1), Decimal("3.3"))}  # level target, baseline_from: record
DERIVED = {(1, "total_places"): ((1, "new_places"), Decimal(27000))}  # level = baseline + a count of the same project
# The June figure of 2 screening was typed with two digits swapped; the office corrects it.
TYPO = {(2, "screening", 6): Decimal(39200)}
CORRECTION = ["update", "2", "screening", "29300", "--date", "2023-06-30", "--correct",
              "--reason", "填报时数字录入颠倒（39200 应为 29300），按市妇幼保健院月报更正", "--by", "市政府督查室 李华"]
REPORTERS = ["王敏", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "孙丽", "周强", "吴霞", "郑浩", "冯雪", "何军", "高燕", "马超", "罗琳", "梁波", "宋佳"]

# 进展情况 / 存在问题 / 下步打算: on lagging projects in May and June, elsewhere now and then.
NARRATIVES = {
    (7, "schools", 5): ("已开工12所，竣工交付5所", "3所新建学校土地征收和规划手续办理滞后，尚未开工", "倒排工期，7月底前全部开工，确保秋季开学前新增交付8所"),
    (7, "schools", 6): ("已开工15所，竣工交付5所", "2所新建学校仍未开工，部分项目受雨季影响施工进度慢", "市教育局牵头专题调度，8月底前完成主体工程，按周通报进度"),
    (12, "installations", 5): ("累计安装14600户", "入户安装需逐户预约，部分老年人长期不在家；机顶盒供货延迟", "增加安装队伍，与村（社区）联动集中上门安装"),
    (12, "installations", 6): ("累计安装16100户", "机顶盒到货不足，农村地区入户难，进度严重滞后", "新增3个安装班组，7月起每周调度，9月底前完成7万户"),
    (20, "plant_upgrades", 5): ("9座已完成提标改造", "部分污水处理厂改造期间需保障运行，停水施工窗口短", "分批施工，6月底前再完成3座"),
    (20, "plant_upgrades", 6): ("累计完成9座，另有6座进入设备安装", "设备招标延期，6座处于安装调试阶段", "7月完成设备安装调试，8月底前完成15座"),
    (25, "pocket_parks", 5): ("已建成9处", "部分选址涉及征迁，设计方案反复调整", "调整选址，6月底前开工全部35处"),
    (25, "pocket_parks", 6): ("已建成10处，在建14处", "11处选址仍在协调，开工率低", "市城市管理局每周调度，7月底前全部开工，10月底前全部建成"),
    (1, "new_places", 6): ("新增托位5000余个，备案托育机构稳步增加", None, "7月开展示范托育机构遴选"),
    (11, "home_retrofit", 6): ("累计完成适老化改造1360户，提前完成半年任务", None, "9月底前全面完成改造任务"),
    (16, "network_plan", 4): ("已完成中心城区公交线网调研，正在梳理调研意见", None, "6月起公开征求市民意见"),
    (16, "network_plan", 6): ("线网优化方案初稿已形成，正在征求市民意见", None, "三季度报市政府审定后印发"),
    (26, "law_bus", 6): ("普法公交专列线路和车辆已确定，宣传内容制作完成", None, "7月开通普法公交专列"),
    (3, "city_center", 6): ("市心理健康中心基地改造完成70%", None, "9月底前投入使用"),
    (28, "raised_standards", 2): ("新一期灾害民生综合保险合同已签订，保障范围扩至12类，各项限额按通知提高", None, None),
    (22, "platform", 6): ("智慧停车管理平台完成升级招标", None, "8月底前完成平台升级"),
    # 18's only target is a milestone (全市所有运营企业和车辆): the unit reports its progress in words
    (18, "platform_rollout", 1): ("制定互联互通平台推广方案，梳理各县（市）运营企业和车辆底数", None, None),
    (18, "platform_rollout", 2): ("曲阜市公交企业完成平台接入", None, None),
    (18, "platform_rollout", 3): ("邹城市公交企业完成平台接入", None, None),
    (18, "platform_rollout", 4): ("嘉祥县公交企业完成系统改造，正在联调", None, None),
    (18, "platform_rollout", 5): ("嘉祥县公交企业完成平台接入", None, None),
    (18, "platform_rollout", 6): ("汶上县公交企业完成平台接入，其余县（市）车载终端改造招标中", None, "9月底前全市运营企业和车辆全部接入"),
}


def main() -> None:
    plan_copy()
    progress = DEMO / "progress"
    shutil.rmtree(progress, ignore_errors=True)
    progress.mkdir(parents=True)
    (progress / ".gitkeep").touch()
    plan = load_plan(DEMO)
    with tempfile.TemporaryDirectory() as work:
        for month in MONTHS:
            for index, unit in enumerate(T.lead_units(plan)):
                if unit in SILENT_UNITS or month > LAST_MONTH.get(unit, 12):
                    continue
                sheet = Path(work) / f"{month:02d}-{index:02d}.xlsx"
                minsheng("template", "--unit", unit, "--month", f"2023-{month:02d}", "--output", str(sheet))
                fill(sheet, plan, month, REPORTERS[index % len(REPORTERS)])
                minsheng("import", str(sheet), "--received", received_on(unit, month).isoformat())
    minsheng(*CORRECTION)
    label_progress_files(progress)
    minsheng("check")


def received_on(unit: str, month: int) -> dt.date:
    """The day the office received the unit's sheet for the month (recorded by import)."""
    return dt.date(2023, month + 1, RECEIVED_LATE.get((unit, month), RECEIVED_DAY))


def plan_copy() -> None:
    """data/projects.yaml with its schema line pointing to the same schema from here, then the label."""
    DEMO.mkdir(parents=True, exist_ok=True)
    body = without_modeline(PLAN_SOURCE.read_text(encoding="utf-8"))
    text = modeline(DEMO, "plan") + PLAN_HEADER + body.replace(TITLE_LINE, TITLE_LINE + LABEL_LINE, 1)
    (DEMO / "projects.yaml").write_text(text, encoding="utf-8", newline="\n")


def modeline(folder: Path, kind: str) -> str:
    """The yaml-language-server line editors read, with the schema's path relative to `folder`."""
    schema = os.path.relpath(REPO / "schemas" / f"{kind}.schema.json", folder).replace(os.sep, "/")
    return f"{MODELINE_PREFIX}{schema}\n"


def without_modeline(text: str) -> str:
    return text.split("\n", 1)[1] if text.startswith(MODELINE_PREFIX) else text


def minsheng(*args: str) -> None:
    """Run one minsheng command in this process, as a user would on the command line."""
    from minsheng_cli.commands.app import app

    try:
        app(args=["--data", str(DEMO), *args], prog_name="minsheng")
    except SystemExit as done:
        if done.code not in (0, None):
            raise SystemExit(f"make_demo: minsheng {' '.join(args)} failed ({done.code})") from None


# --- filling a unit's sheet ---------------------------------------------------------------------------
def fill(path: Path, plan, month: int, reporter: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    for sheet in book.worksheets:
        if sheet.title == T.META_SHEET:
            continue
        layout = T.COLUMNS if sheet.title == T.MAIN_SHEET else T.COUNTY_COLUMNS  # 分县填报 has its own order
        column = {key: T.column_index(key, layout) for key, _header, _width in layout}
        header = next(r for r in range(1, 40) if sheet.cell(r, 1).value == T.HEADER_FIRST)
        if sheet.title == T.MAIN_SHEET:  # 填报人's open cell, beside its label in column A
            by_row = next(r for r in range(1, header) if sheet.cell(r, 1).value == T.BY_LABEL)
            sheet.cell(by_row, T.SIGN_CELLS[0][3]).value = reporter
        for row in range(header + 1, sheet.max_row + 1):
            project_id = sheet.cell(row, column["project"]).value
            if project_id is None:
                continue
            project = plan.find_project(project_id)
            target = project.find_target(sheet.cell(row, column["target_id"]).value)
            item = sheet.cell(row, column["item"]).value
            county = sheet.cell(row, column["county"]).value
            value, day = figure(plan, project, target, county, item, month)
            if value is not None:
                sheet.cell(row, column["value"]).value = value
            if day is not None:
                sheet.cell(row, column["date"]).value = day
            for key, text in zip(("note", "problem", "next"), NARRATIVES.get((project.id, target.id, month), ())):
                if text and county is None and item is None:
                    sheet.cell(row, column[key]).value = text
    book.save(path)


def figure(plan, project, target, county, item, month: int):
    """(the cell value a unit types, a date other than the preset one) for one row and month."""
    key = (project.id, target.id)
    if target.kind == "checklist":
        done_in = ITEMS_DONE.get(key, {}).get(item)
        return ("完成" if done_in == month else None), None
    if target.kind == "milestone":
        return ("完成" if MILESTONES_DONE.get(key) == month else None), None
    if target.kind == "continuing":
        return "正常", None
    if county is not None and county in COUNTIES_SILENT.get(key, set()):
        return None, None
    if key in COUNTY_DONE:
        done_in = COUNTY_DONE[key].get(county)
        return (1 if done_in is not None and done_in <= month else 0), None
    if key in LEVEL_VALUES:
        return LEVEL_VALUES[key][month], None
    if (project.id, target.id, month) in TYPO:
        return number(TYPO[(project.id, target.id, month)]), None
    if key in BASELINE_DAY and month == 1:
        day, baseline = BASELINE_DAY[key]
        return number(baseline), day
    return number(cumulative(plan, project, target, county, month)), None


def cumulative(plan, project, target, county, month: int) -> Decimal:
    """Where a count or level stands at a month's end: a seeded, uneven path to the June pace."""
    key = (project.id, target.id)
    if key in DERIVED:
        (_project, source_id), base = DERIVED[key]
        source = project.find_target(source_id)
        return base + cumulative(plan, project, source, county, month)
    rng = random.Random(f"{SEED}:{project.id}:{target.id}:{county}")
    weights = [Decimal(str(round(rng.uniform(0.7, 1.3), 2))) for _ in MONTHS]
    weights[0] *= Decimal("0.6")  # 春节: a slow January
    done_share = sum(weights[:month]) / sum(weights)
    pace = PACE.get(project.id, DEFAULT_PACE) * Decimal(str(round(rng.uniform(0.94, 1.08), 3)))
    if key in BASELINE_DAY:
        baseline = BASELINE_DAY[key][1]
        return (baseline + (target.target - baseline) * pace * done_share).quantize(Decimal("0.1"))
    annual = share_of(plan, target, county)
    value = annual * pace * done_share
    if key in COUNTY_JUNE:
        value = COUNTY_JUNE[key].get(county, Decimal(1)) * done_share
    whole = annual == annual.to_integral_value()
    return value.quantize(Decimal(1), ROUND_HALF_UP) if whole else value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def share_of(plan, target, county) -> Decimal:
    """A county's part of a per-county target: its allocation, else an even share (rounded up)."""
    if county is None:
        return target.target
    if target.county_targets and county in target.county_targets:
        return target.county_targets[county]
    counties = plan.counties_of(target)
    return Decimal(math.ceil(target.target / len(counties)))


def number(value: Decimal):
    """What openpyxl writes as a number cell: an int when whole, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def label_progress_files(progress: Path) -> None:
    """Every progress file starts with its schema line, then the label saying the data is made up."""
    for path in sorted(progress.glob("*/*.yaml")):
        body = without_modeline(path.read_text(encoding="utf-8"))
        if not body.startswith(PROGRESS_LABEL):
            body = PROGRESS_LABEL + body
        path.write_text(modeline(path.parent, "progress") + body, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
