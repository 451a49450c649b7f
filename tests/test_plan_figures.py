"""Checks of the plan data (data/projects.yaml) against the source notice 济政发〔2023〕2号.

Independent of the package code: the plan is read with ruamel.yaml's safe loader and compared
with a table written by hand from docs/seed/jining-2023-minsheng-shishi.md.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
PLAN_PATH = ROOT / "data" / "projects.yaml"
NOTICE_PATH = ROOT / "docs" / "seed" / "jining-2023-minsheng-shishi.md"

KINDS = {"count", "level", "milestone", "checklist", "continuing"}
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")

# 11 县（市、区） plus the 3 functional zones: the notice's 县（市、区） in projects 3, 13, 19, 23.
COUNTY_UNITS = [
    "任城区", "兖州区", "曲阜市", "邹城市", "微山县", "鱼台县", "金乡县", "嘉祥县",
    "汶上县", "泗水县", "梁山县", "济宁高新区", "太白湖新区", "济宁经济技术开发区",
]
NINE_COUNTIES = ["曲阜市", "邹城市", "微山县", "鱼台县", "金乡县", "嘉祥县", "汶上县", "泗水县", "梁山县"]
FOUR_DISTRICTS = ["任城区", "兖州区", "济宁高新区", "太白湖新区"]

M, C, CH = "milestone", "continuing", "checklist"

# Written by hand from the notice, project by project.
# figures: target id -> (kind, target number (checklist: items required) or None, unit or None)
EXPECTED = {
    1: {"lead": ["市卫生健康委"], "figures": {
        "new_places": ("count", 10000, "个"),
        "total_places": ("level", 37000, "个"),
        "places_per_1000": ("level", Decimal("4.4"), "个"),
        # 稳居全省“第一方阵”: a standing position held all year, not a one-off event (a milestone ticked
        # in January was worth a seventh of the project): confirmed each period, not counted.
        "filing_rank": (C, None, None),
        "model_institutions": ("count", 15, "个"),
        "community_points": ("count", 15, "个"),
        "staff_training": ("count", 3000, "人次"),
        "fee_cut": (M, None, None),
    }},
    2: {"lead": ["市卫生健康委"], "figures": {
        "screening": ("count", 60000, "人"),
        "diagnosis": ("count", 2300, "人"),
    }},
    3: {"lead": ["市卫生健康委"], "figures": {
        "city_center": (M, None, None),
        "branch_centers": ("count", 10, "个"),
        "counseling_rooms": (M, None, None),
        "info_platform": (M, None, None),
        "hotline": (M, None, None),
        "promo_video": (M, None, None),
        "outreach_events": ("count", 200, "次"),
        "lectures": ("count", 100, "场"),
        "expert_team": (M, None, None),
        "staff_training": ("count", 1000, "人次"),
        "units_served": ("count", 200, "家"),
    }},
    4: {"lead": ["市教育局"], "figures": {
        "counseling_rooms": (M, None, None),
        "teacher_training": ("count", 1300, "名"),
        "school_services": (CH, 4, None),
        "follow_up": (C, None, None),
    }},
    5: {"lead": ["市卫生健康委"], "figures": {
        "county_communities": (CH, 5, "个"),
        "expert_studios": ("count", 50, "个"),
        "central_pharmacy": (M, None, None),
        "telemedicine": (M, None, None),
    }},
    6: {"lead": ["市卫生健康委"], "figures": {
        "township_upgrade": ("count", 25, "个"),
        "backbone_training": ("count", 600, "名"),
        "village_doctor_training": ("count", 1000, "名"),
    }},
    7: {"lead": ["市教育局"], "figures": {
        "schools": ("count", 20, "所"),
        "new_schools": ("count", 14, "所"),
        "expanded_schools": ("count", 6, "所"),
        "floor_area": ("count", 350000, "平方米"),
        "school_places": ("count", 17000, "个"),  # 2024年新学期投入使用: weight 0 in 2023 (WEIGHT_ZERO)
    }},
    8: {"lead": ["市教育局"], "figures": {
        "classroom_lighting": ("count", 8294, "口"),
    }},
    9: {"lead": ["市残联"], "figures": {
        "cp_surgery": ("count", 100, "名"),
        "assistive_devices": ("count", 300, "名"),
        "rehab_training": ("count", 3000, "名"),
        "management_rules": (M, None, None),
        "provincial_demo": ("count", 5, "家"),
        "city_designated": ("count", 10, "家"),
    }},
    10: {"lead": ["市残联"], "figures": {
        "barrier_free": ("count", 2000, "户"),
    }},
    11: {"lead": ["市民政局"], "figures": {
        "home_retrofit": ("count", 2000, "户"),
    }},
    12: {"lead": ["广电山东网络济宁分公司"], "figures": {
        "installations": ("count", 115019, "户"),
    }},
    13: {"lead": ["市医保局"], "figures": {
        # 由6个县（市、区）扩大到全市: level 6 → 14 (BASELINES); a checklist of 14 with the 6 unnamed
        # pilots ticked in a first record read 42.9% in January with no 2023 work done.
        "county_coverage": ("level", 14, "个"),
        "care_services": (C, None, None),
    }},
    14: {"lead": ["市人力资源社会保障局"], "figures": {
        "jobs": ("count", 52000, "个"),
    }},
    15: {"lead": ["市农业农村局"], "figures": {
        "farmer_training": ("count", 10000, "人次"),
    }},
    16: {"lead": ["市交通运输局"], "figures": {
        "free_peak_rides": (C, None, None),
        "policy_evaluation": (M, None, None),
        "network_plan": (M, None, None),
        "route_adjustment": (M, None, None),
    }},
    17: {"lead": ["市交通运输局"], "figures": {
        "network_planning": (M, None, None),
        "existing_routes": ("count", 5, "条"),
        "new_routes": (M, None, None),
        # the notice's two clauses: J960, J961 (named) and 济宁城区及相关县(市)至大安机场 (no count given):
        # 3 items, no unit of its own (项), not "4条"
        "airport_lines": (CH, 3, None),
    }},
    18: {"lead": ["市交通运输局"], "figures": {
        # 全市范围内所有运营企业和车辆: the notice counts neither counties nor enterprises; the
        # 9-county checklist read "年度目标 9个", a number the notice never gives
        "platform_rollout": (M, None, None),
    }},
    19: {"lead": ["市城乡水务局"], "figures": {
        "villages": ("count", 1183, "个"),
    }},
    20: {"lead": ["市城乡水务局"], "figures": {
        "plant_upgrades": ("count", 30, "座"),
    }},
    21: {"lead": ["市工业和信息化局"], "figures": {
        "sites": ("count", 200, "个"),
        "coverage_area": ("count", 400000, "平方米"),
        "key_places": (CH, 7, "类"),
    }},
    22: {"lead": ["市住房城乡建设局"], "figures": {
        "platform": (M, None, None),
        "connected_spaces": ("count", 20000, "个"),
        "phase1_spaces": ("count", 3200, "个"),
        "phase2_spaces": ("count", 1800, "个"),
        "guidance_demo": (M, None, None),
    }},
    23: {"lead": ["市文化和旅游局"], "figures": {
        "city_study_rooms": ("count", 28, "处"),
        "rural_study_rooms": ("count", 14, "处"),
        "upgrade_existing": ("count", 30, "处"),
    }},
    24: {"lead": ["市住房城乡建设局"], "figures": {
        "old_estates": (M, None, None),
        "coordination_mechanism": (M, None, None),
        "model_committees": ("count", 200, "个"),
        "manager_training": ("count", 1200, "人次"),
        "staff_training": ("count", 20000, "人次"),
        "star_rating": (M, None, None),
        "model_rules": (M, None, None),
        "model_communities": ("count", 100, "个"),
    }},
    25: {"lead": ["市城市管理局"], "figures": {
        "pocket_parks": ("count", 35, "处"),
    }},
    26: {"lead": ["市司法局"], "figures": {
        "law_bus": (M, None, None),
        # 主城区65条公交线路、700余辆公交车: 65 exact, 700余 = at least 700; both are targets
        "broadcast_lines": ("count", 65, "条"),
        "broadcast_buses": ("count", 700, "辆"),
        "bus_broadcasts": (C, None, None),
        "performances": ("count", 300, "场次"),
    }},
    27: {"lead": ["市仲裁委办公室"], "figures": {
        "mediation_rooms": ("count", 15, "个"),
        "mediation_platform": (M, None, None),
        "cases": ("count", 1000, "件"),
        "service_rules": (M, None, None),
        "mediators": ("count", 100, "名"),
        "public_service": ("count", 100, "场次"),
    }},
    28: {"lead": ["市应急局"], "figures": {
        "insurance_purchase": (C, None, None),
        "raised_standards": (M, None, None),
    }},
    29: {"lead": ["市市场监管局"], "figures": {
        "cylinders": ("count", 80000, "只"),
        "hose_and_alarm": (C, None, None),
        "safety_publicity": (C, None, None),
    }},
    30: {"lead": ["市市场监管局"], "figures": {
        "markets": (CH, 13, "个"),
        "rapid_test_rooms": (C, None, None),
    }},
}

# Monitoring figures / derived duplicates: tracked, not counted.
WEIGHT_ZERO = {
    (1, "total_places"),      # same fact as 新增托位 (3.7万 = 2.7万 + 1万)
    (1, "places_per_1000"),   # derived ratio
    (7, "new_schools"),       # 14 + 6 = the 20 schools
    (7, "expanded_schools"),
    (7, "school_places"),     # 2024年新学期投入使用: the 2023 test is 主体建设, not places delivered
}

# Level targets: explicit baseline, or "record" (first record at or before the start).
BASELINES = {
    (1, "total_places"): 27000,
    (1, "places_per_1000"): "record",
    (13, "county_coverage"): 6,  # 试点范围由6个县（市、区）扩大到全市
}

# Figures the notice gives in words, not digits: (project, target) -> why the figure is what it is.
# Their quotes carry the baseline instead (test_quotes_carry_the_figure).
FIGURES_IN_WORDS = {
    (13, "county_coverage"): "全市 = 11个县（市、区）+ 3个功能区 (project 23: 28 ÷ 2 = 14), without 市本级",
}

# Per-county work (PRODUCT §2): target id -> (counties concerned, allocations or None).
BY_COUNTY = {
    (3, "branch_centers"): (COUNTY_UNITS, None),
    (19, "villages"): (COUNTY_UNITS, None),
    (22, "connected_spaces"): (FOUR_DISTRICTS, None),
    (22, "phase1_spaces"): (FOUR_DISTRICTS, None),
    (22, "phase2_spaces"): (FOUR_DISTRICTS, None),
    (23, "city_study_rooms"): (COUNTY_UNITS, {c: 2 for c in COUNTY_UNITS}),
    (23, "rural_study_rooms"): (COUNTY_UNITS, {c: 1 for c in COUNTY_UNITS}),
}

# Checklists whose items are fixed by the notice (or by the notice's definition of the set).
CHECKLIST_ITEMS = {
    (5, "county_communities"): NINE_COUNTIES,
    (17, "airport_lines"): ["J960机场公交专线", "J961机场公交专线", "济宁城区及相关县（市）至大安机场公交专线"],
    (30, "markets"): [
        "秦庄农贸市场", "新红星农贸市场", "山东凯盛农产品物流园有限公司", "金乡县嘉欣市场服务有限公司",
        "中农批（汶上）市场管理有限公司", "济宁源尚农产品批发市场", "泗水泰源农副产品批发市场",
        "杜庄农贸市场", "鱼台贯通农贸城", "微山县农商物流园", "梁山金泊园市场",
        "兖州华通糖业有限公司东关农贸管理分公司", "嘉祥县护山新农贸市场",
    ],
}

# Arabic numerals of each project's `text` that are context, not targets, as written in the text
# (a trailing 万 is part of the token). Years 2022/2023/2024 and ①②③ are ignored.
CONTEXT_FIGURES = {
    3: {"24"},                        # 24小时心理援助热线: a service property, part of the hotline milestone
    4: {"1", "8"},                    # per-school minimum (1次讲座, 8次团体辅导, 每年1次普查): checklist items
    12: {"65", "24万", "48万", "132593"},  # age limit; project totals (约); 2022 installations
    17: {"960", "961"},               # line numbers J960, J961: checklist items
    21: {"5"},                        # "5G"
    23: {"42", "2", "1"},             # 42 = 28 + 14 (sum, not double counted); 2 and 1 per county = county_targets
    28: {"2", "6", "12", "15万", "20万", "10万", "5万", "25万", "30万"},  # premium and raised standards: steps
}

IGNORED_NUMERALS = {"2022", "2023", "2024"}
NUMERAL = re.compile(r"(\d+(?:\.\d+)?)(万?)")


def _strip(s):
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def plan():
    with PLAN_PATH.open(encoding="utf-8") as f:
        return YAML(typ="safe").load(f)


@pytest.fixture(scope="module")
def notice():
    text = NOTICE_PATH.read_text(encoding="utf-8")
    for tag in ("<p>", "</p>", "<b>", "</b>"):
        text = text.replace(tag, "")
    return _strip(text)


@pytest.fixture(scope="module")
def projects(plan):
    return {p["id"]: p for p in plan["projects"]}


def _value(token, wan):
    v = Decimal(token)
    return v * 10000 if wan else v


def _figure(t):
    if t["kind"] in ("count", "level"):
        return t["target"]
    if t["kind"] == "checklist":
        return t.get("required", len(t["items"]))
    return None


def _all_targets(plan):
    for p in plan["projects"]:
        for t in p["targets"]:
            yield p, t


# ── structure ────────────────────────────────────────────────────────────────────────────────


def test_header(plan):
    assert plan["document"] == "济政发〔2023〕2号"
    assert plan["year"] == 2023
    assert str(plan["start"]) == "2023-01-01" and str(plan["end"]) == "2023-12-31"
    assert str(plan["issued"]) == "2023-01-16"
    names = [c["name"] for c in plan["settings"]["counties"]]
    assert names == ["市本级"] + COUNTY_UNITS
    kinds = {c["name"]: c["kind"] for c in plan["settings"]["counties"]}
    assert [n for n in names if kinds[n] == "county"] == NINE_COUNTIES
    assert [n for n in names if kinds[n] == "zone"] == ["济宁高新区", "太白湖新区", "济宁经济技术开发区"]


def test_projects_and_categories(plan):
    ids = [p["id"] for p in plan["projects"]]
    assert ids == list(range(1, 31))
    cat_ids = [c["id"] for c in plan["categories"]]
    assert cat_ids == list(range(1, 14))
    used = {p["category"] for p in plan["projects"]}
    assert used <= set(cat_ids)
    assert used == set(cat_ids)
    # categories follow the notice's order
    assert [p["category"] for p in plan["projects"]] == sorted(p["category"] for p in plan["projects"])


def test_texts_are_verbatim(plan, notice):
    for c in plan["categories"]:
        assert _strip(c["name"]) in notice, c
    for p in plan["projects"]:
        for field in ("name", "summary", "text"):
            assert _strip(p[field]) in notice, (p["id"], field)
        assert "<" not in p["text"]


def test_units_named_in_notice(plan, notice):
    for p in plan["projects"]:
        assert p["lead"], p["id"]
        for u in p["lead"] + p["co"]:
            assert "(" not in u and ")" not in u, (p["id"], u)
            assert _strip(u).replace("（", "(").replace("）", ")") in notice.replace("（", "(").replace("）", ")"), u
        assert not set(p["lead"]) & set(p["co"]), p["id"]


# ── the hand-made table ──────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("pid", sorted(EXPECTED))
def test_project_targets(projects, pid):
    p = projects[pid]
    exp = EXPECTED[pid]
    assert p["lead"] == exp["lead"]
    got = {t["id"]: (t["kind"], _figure(t), t.get("unit")) for t in p["targets"]}
    assert [t["id"] for t in p["targets"]] == list(exp["figures"]), "target ids / order"
    for tid, (kind, figure, unit) in exp["figures"].items():
        g_kind, g_figure, g_unit = got[tid]
        assert g_kind == kind, tid
        if figure is None:
            assert g_figure is None, tid
        else:
            assert Decimal(str(g_figure)) == Decimal(str(figure)), tid
        assert g_unit == unit, tid


def test_weights(plan):
    zero = set()
    for p in plan["projects"]:
        weights = [t.get("weight", 1) for t in p["targets"]]
        assert all(w in (0, 1) for w in weights), p["id"]
        assert any(w != 0 for w in weights), f"project {p['id']}: all targets weight 0"
        zero |= {(p["id"], t["id"]) for t in p["targets"] if t.get("weight", 1) == 0}
    assert zero == WEIGHT_ZERO


def test_levels_have_one_baseline(plan):
    seen = {}
    for p, t in _all_targets(plan):
        if t["kind"] != "level":
            assert "baseline" not in t and "baseline_from" not in t, (p["id"], t["id"])
            continue
        assert ("baseline" in t) != ("baseline_from" in t), (p["id"], t["id"])
        seen[(p["id"], t["id"])] = t["baseline"] if "baseline" in t else t["baseline_from"]
    assert seen == BASELINES


def test_target_fields(plan):
    for p in plan["projects"]:
        ids = [t["id"] for t in p["targets"]]
        assert len(ids) == len(set(ids)), p["id"]
        for t in p["targets"]:
            where = (p["id"], t["id"])
            assert SLUG.match(t["id"]), where
            assert t["kind"] in KINDS, where
            assert t.get("name"), where
            assert "milestones" not in t, where  # the notice gives no node targets
            if t["kind"] in ("count", "level"):
                assert isinstance(t["target"], (int, float)) and not isinstance(t["target"], bool), where
                assert t["target"] > 0, where
                assert t.get("unit"), where
            if t["kind"] in ("milestone", "continuing"):
                assert "target" not in t and "unit" not in t, where
            if t["kind"] == "checklist":
                assert "target" not in t, where
            assert ("steps" in t) <= (t["kind"] == "milestone"), where
            assert ("items" in t) == (t["kind"] == "checklist"), where
            assert ("required" in t) <= (t["kind"] == "checklist"), where
            if "steps" in t:
                names = [s["name"] for s in t["steps"]]
                assert names and len(names) == len(set(names)), where


def test_no_wan_units_and_quotes(plan, notice):
    for p, t in _all_targets(plan):
        where = (p["id"], t["id"])
        assert "万" not in str(t.get("unit", "")), where
        assert t.get("quote"), where
        assert _strip(t["quote"]) in notice, where
        # the quote belongs to this project's own row
        assert _strip(t["quote"]) in _strip(p["text"]), where


def test_quotes_carry_the_figure(plan):
    """The quote of a count/level target contains its figure, in the notice's own notation."""
    for p, t in _all_targets(plan):
        if t["kind"] not in ("count", "level"):
            continue
        values = {_value(n, w) for n, w in NUMERAL.findall(_strip(t["quote"]))}
        carried = t["baseline"] if (p["id"], t["id"]) in FIGURES_IN_WORDS else t["target"]
        assert Decimal(str(carried)) in values, (p["id"], t["id"])


# ── every figure of the text is a target or declared context ───────────────────────────────────


@pytest.mark.parametrize("pid", range(1, 31))
def test_every_figure_accounted_for(projects, pid):
    p = projects[pid]
    text = _strip(p["text"])
    targets = {Decimal(str(f)) for f in (_figure(t) for t in p["targets"]) if f is not None}
    targets |= {Decimal(str(t["baseline"])) for t in p["targets"] if "baseline" in t}  # a baseline the notice gives
    context = CONTEXT_FIGURES.get(pid, set())
    tokens = set()
    for number, wan in NUMERAL.findall(text):
        token = number + wan
        if token in IGNORED_NUMERALS:
            continue
        tokens.add(token)
        if token in context:
            continue
        assert _value(number, wan) in targets, f"project {pid}: figure {token} is neither a target nor context"
    # the allow-list holds only figures that really are in the text, and none that is a target
    assert context <= tokens, context - tokens
    for token in context:
        n, w = NUMERAL.fullmatch(token).groups()
        assert _value(n, w) not in targets, f"project {pid}: {token} listed as context but is a target"


# ── counties and checklists ─────────────────────────────────────────────────────────────────


def test_by_county(plan):
    county_names = {c["name"] for c in plan["settings"]["counties"]}
    seen = {}
    for p, t in _all_targets(plan):
        where = (p["id"], t["id"])
        if not t.get("by_county"):
            assert "counties" not in t and "county_targets" not in t, where
            continue
        counties = t.get("counties")
        if counties is not None:
            assert counties and len(counties) == len(set(counties)), where
            assert set(counties) <= county_names, where
        alloc = t.get("county_targets")
        if alloc is not None:
            assert set(alloc) <= county_names, where
            if counties is not None:
                assert set(alloc) <= set(counties), where
            assert sum(alloc.values()) == t["target"], where
        seen[where] = (counties, alloc)
    assert seen == BY_COUNTY


def test_checklists(plan):
    county_names = {c["name"] for c in plan["settings"]["counties"]}
    for p, t in _all_targets(plan):
        if t["kind"] != "checklist":
            continue
        where = (p["id"], t["id"])
        items = t["items"]
        assert items and all(isinstance(i, str) and i for i in items), where
        assert len(items) == len(set(items)), where
        required = t.get("required", len(items))
        assert isinstance(required, int) and 1 <= required <= len(items), where
        if (p["id"], t["id"]) in CHECKLIST_ITEMS:
            assert items == CHECKLIST_ITEMS[where], where
        if p["id"] == 5:
            assert set(items) <= county_names, where


def test_project5_half_of_nine_counties(projects):
    t = next(t for t in projects[5]["targets"] if t["id"] == "county_communities")
    assert t["required"] == 5 and len(t["items"]) == 9  # 一半以上 of 9 县（市）


def test_project28_raised_standards(projects):
    t = next(t for t in projects[28]["targets"] if t["id"] == "raised_standards")
    steps = [s["name"] for s in t["steps"]]
    assert len(steps) == 4
    for needle in ("12类", "20万元", "10万元", "30万元"):
        assert any(needle in s for s in steps), needle


def test_no_invented_dates(plan):
    for p, t in _all_targets(plan):
        assert "start" not in t and "due" not in t, (p["id"], t["id"])
        for s in t.get("steps", []):
            assert "due" not in s, (p["id"], t["id"])


# ── the audit of issue 10: each figure as the notice gives it ────────────────────────────────────


def _target(projects, pid, tid):
    return next(t for t in projects[pid]["targets"] if t["id"] == tid)


def test_project13_counts_from_the_six_pilots(projects):
    """由6个县（市、区）扩大到全市: the 6 pilots are the baseline, not work done in 2023."""
    t = _target(projects, 13, "county_coverage")
    assert (t["kind"], t["baseline"], t["target"]) == ("level", 6, len(COUNTY_UNITS))
    assert "由6个县（市、区）扩大到全市" in t["quote"]


def test_project18_invents_no_count(projects):
    """全市范围内所有运营企业和车辆: no number of counties or enterprises the notice does not give."""
    (t,) = projects[18]["targets"]
    assert t["kind"] == "milestone" and "items" not in t and "target" not in t
    assert "全市范围内所有运营企业和车辆" in t["quote"]


def test_project26_scope_figures_are_targets(projects):
    """主城区65条公交线路 (exact) and 700余辆公交车 (at least 700), the quote keeping 余."""
    lines, buses = _target(projects, 26, "broadcast_lines"), _target(projects, 26, "broadcast_buses")
    assert (lines["target"], lines["unit"], buses["target"], buses["unit"]) == (65, "条", 700, "辆")
    assert "700余" in buses["quote"]
    assert _target(projects, 26, "bus_broadcasts")["kind"] == "continuing"  # 循环播放 itself goes on all year


def test_project1_standing_position_is_not_a_one_off(projects):
    assert _target(projects, 1, "filing_rank")["kind"] == "continuing"


def test_project7_places_are_not_delivered_in_2023(projects):
    """计划2023年底完成主体建设，2024年新学期投入使用: 2023 counts the 主体建设, places are tracked only."""
    schools, places = _target(projects, 7, "schools"), _target(projects, 7, "school_places")
    assert schools.get("weight", 1) == 1 and "主体建设" in schools["name"]
    assert places.get("weight", 1) == 0 and "2024年新学期投入使用" in places["note"]


def test_project17_airport_lines_in_the_notice_words(projects):
    t = _target(projects, 17, "airport_lines")
    assert "unit" not in t  # 项, not 条: the notice gives no number of lines for the second clause
    assert "济宁城区及相关县(市)至大安机场公交专线" in t["quote"]  # one clause, one item (CHECKLIST_ITEMS)
    assert len(t["items"]) == 3 and "required" not in t
