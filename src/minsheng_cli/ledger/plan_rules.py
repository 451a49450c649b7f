"""Checks of the plan file (projects.yaml): YAML, schema, then the rules of PRODUCT.md §2.

`check_plan_text(text, path)` returns `(plan or None, problems)`; it never raises for a bad plan.
"""

from __future__ import annotations

import functools
from collections import Counter
from decimal import Decimal
from typing import Any, Callable

from minsheng_cli.words import check as M, vocab as vocab_words
from minsheng_cli.ledger.model import TARGET_ID, Plan
from minsheng_cli.ledger.problems import Problem, source_line
from minsheng_cli.ledger.yamlio import YamlProblem, load_fast, load_positions, position

KEY_CODES = ("unknown-field", "missing-field")  # point at the key, not its value
@functools.cache
def plan_adapter():
    """pydantic's validator for `Plan` (built once; importing pydantic is slow)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Plan)


def check_plan_text(text: str, path: str) -> tuple[Plan | None, list[Problem]]:
    try:
        data = load_fast(text)
    except YamlProblem as err:
        return None, [Problem(path, err.line, err.column, err.code, err.message, M.HINTS.get(err.code, ""), source_line(text, err.line))]
    positions: list = []  # the round-trip tree, parsed (slowly) only once a problem needs a position

    def problem(loc: tuple, code: str, message: str, hint: str | None = None) -> Problem:
        if not positions:
            try:
                positions.append(load_positions(text))
            except YamlProblem:
                positions.append(None)
        line, column = position(positions[0], loc, at_key=code in KEY_CODES)
        return Problem(path, line, column, code, message, M.HINTS.get(code, "") if hint is None else hint, source_line(text, line))

    if not isinstance(data, dict):
        return None, [problem((), "schema", M.PLAN_NOT_MAPPING)]
    plan, problems = validate_schema(data, problem)
    if plan is not None:
        problems.extend(semantic_problems(plan, problem))
    problems.sort(key=lambda p: (p.line, p.column))
    return (plan if not problems else None), problems


def validate_schema(data: dict, problem: Callable) -> tuple[Plan | None, list[Problem]]:
    """The Plan, or the schema's problems. A plan written exactly as the dataclasses declare it is
    built without pydantic (plan_exact.py, held equal to pydantic by tests); any other is judged
    by pydantic."""
    from minsheng_cli.ledger.plan_exact import exact_plan

    plan = exact_plan(data)
    if plan is not None:
        return plan, []
    from pydantic import ValidationError

    try:
        return plan_adapter().validate_python(data), []
    except ValidationError as err:
        return None, [problem(tuple(e["loc"]), *schema_message(e)) for e in err.errors()]


def schema_message(error: dict) -> tuple[str, str]:
    """A pydantic error as (code, Chinese message)."""
    loc = [str(part) for part in error["loc"]]
    name = loc[-1] if loc else ""
    kind = error["type"]
    if kind == "missing":
        return "missing-field", M.SCHEMA_MISSING.format(field=name)
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return "unknown-field", M.SCHEMA_UNKNOWN.format(field=name)
    if kind == "literal_error":
        return "bad-value", M.SCHEMA_CHOICE.format(field=name, choices=error.get("ctx", {}).get("expected", ""), value=error.get("input"))
    expected = M.SCHEMA_TYPES.get(kind.split("_")[0], M.SCHEMA_TYPES.get(kind, ""))
    if expected:
        return "bad-value", M.SCHEMA_TYPE.format(field=name, expected=expected, value=error.get("input"))
    return "bad-value", M.SCHEMA_OTHER.format(field=name, detail=error.get("msg", ""))


def semantic_problems(plan: Plan, problem: Callable) -> list[Problem]:
    found: list[Problem] = []

    def add(loc: tuple, code: str, message: str) -> None:
        found.append(problem(loc, code, message))

    _check_plan_level(plan, add)
    county_names = set(plan.county_names)
    category_ids = {c.id for c in plan.categories}
    _duplicates([p.id for p in plan.projects], lambda i: (("projects", i, "id"), "duplicate-id", M.DUP_PROJECT.format(id=plan.projects[i].id)), add)
    for pi, project in enumerate(plan.projects):
        at = ("projects", pi)
        if project.category not in category_ids:
            add(at + ("category",), "unknown-category", M.UNKNOWN_CATEGORY_REF.format(project=project.id, category=project.category))
        if not [u for u in project.lead if u.strip()]:
            add(at + ("lead",), "no-lead", M.NO_LEAD.format(project=project.id))
        if not project.targets:
            add(at + ("targets",), "no-targets", M.NO_TARGETS.format(project=project.id))
        elif not any(t.counted for t in project.targets):
            add(at + ("targets",), "weights-zero", M.WEIGHTS_ZERO.format(project=project.id))
        ids = [t.id for t in project.targets]
        _duplicates(ids, lambda i: (at + ("targets", i, "id"), "duplicate-id", M.DUP_TARGET.format(project=project.id, id=ids[i])), add)
        for ti, target in enumerate(project.targets):
            _check_target(plan, project.id, target, at + ("targets", ti), county_names, add)
    return found


def _duplicates(values: list, describe: Callable[[int], tuple], add: Callable) -> None:
    counts = Counter(values)
    seen: set = set()
    for index, value in enumerate(values):
        if counts[value] > 1:
            if value in seen:
                add(*describe(index))
            seen.add(value)


def _check_plan_level(plan: Plan, add: Callable) -> None:
    if plan.end < plan.start:
        add(("end",), "due-before-start", M.PLAN_END_BEFORE_START.format(start=plan.start, end=plan.end))
    thresholds = plan.settings.thresholds
    if not thresholds.ahead > thresholds.on_track > thresholds.lagging:
        add(("settings", "thresholds"), "thresholds-order", M.THRESHOLDS_ORDER)
    if plan.settings.stale_after_days < 1:
        add(("settings", "stale_after_days"), "bad-value", M.STALE_DAYS)
    if not 1 <= plan.settings.report_due_day <= 28:
        add(("settings", "report_due_day"), "bad-value", M.DUE_DAY)
    cutoff = plan.settings.report_cutoff_day
    if cutoff is not None and not 1 <= cutoff <= 28:
        add(("settings", "report_cutoff_day"), "bad-value", M.CUTOFF_DAY)
    names = [c.name for c in plan.settings.counties]
    _duplicates(names, lambda i: (("settings", "counties", i, "name"), "duplicate-id", M.DUP_COUNTY.format(name=names[i])), add)
    ids = [c.id for c in plan.categories]
    _duplicates(ids, lambda i: (("categories", i, "id"), "duplicate-id", M.DUP_CATEGORY.format(id=ids[i])), add)


def _check_target(plan: Plan, project_id: int, t: Any, at: tuple, county_names: set, add: Callable) -> None:
    label = f"{project_id}.{t.id}"
    if not TARGET_ID.fullmatch(t.id):
        add(at + ("id",), "bad-id", M.BAD_TARGET_ID.format(id=t.id))
    numeric = t.kind in ("count", "level")
    if numeric and t.target is None:
        add(at + ("kind",), "missing-target", M.MISSING_TARGET.format(target=label))
    if numeric and not t.unit:
        add(at + ("kind",), "missing-unit", M.MISSING_UNIT.format(target=label))
    if t.kind in ("milestone", "continuing") and t.target is not None:
        add(at + ("target",), "kind-field", M.NO_FIGURE_FOR_KIND.format(target=label, kind=vocab_words.KIND[t.kind]))
    if t.unit and "万" in t.unit:
        add(at + ("unit",), "unit-wan", M.UNIT_WAN.format(target=label, unit=t.unit))
    if t.target is not None and t.target < 0:
        add(at + ("target",), "bad-value", M.NEGATIVE.format(target=label, field="target"))
    if t.weight < 0:
        add(at + ("weight",), "bad-value", M.NEGATIVE.format(target=label, field="weight"))
    if t.kind == "level":
        if t.baseline is None and t.baseline_from is None:
            add(at + ("kind",), "level-baseline", M.LEVEL_BASELINE.format(target=label))
        elif t.baseline is not None and t.baseline_from is not None:
            add(at + ("baseline_from",), "level-baseline", M.LEVEL_BASELINE_BOTH.format(target=label))
        elif t.baseline is not None and t.target is not None and t.baseline == t.target:
            add(at + ("baseline",), "level-baseline", M.LEVEL_BASELINE_EQUAL.format(target=label))
    elif t.baseline is not None or t.baseline_from is not None:
        add(at + ("baseline" if t.baseline is not None else "baseline_from",), "kind-field", M.BASELINE_NOT_LEVEL.format(target=label))
    if t.due < t.start:
        add(at + ("due",), "due-before-start", M.DUE_BEFORE_START.format(target=label, start=t.start, due=t.due))
    _check_milestones(t.milestones, t, at + ("milestones",), label, add)
    for ri, revision in enumerate(t.revisions):
        if revision.milestones:
            _check_milestones(revision.milestones, t, at + ("revisions", ri, "milestones"), label, add)
    if t.kind == "checklist":
        if not t.items:
            add(at + ("kind",), "checklist-items", M.CHECKLIST_EMPTY.format(target=label))
        elif t.required is not None and not 1 <= t.required <= len(t.items):
            add(at + ("required",), "checklist-required", M.CHECKLIST_REQUIRED.format(target=label, required=t.required, items=len(t.items)))
        _duplicates(t.items, lambda i: (at + ("items", i), "duplicate-id", M.DUP_ITEM.format(target=label, item=t.items[i])), add)
    elif t.items or t.required is not None:
        add(at + ("items" if t.items else "required",), "kind-field", M.ITEMS_NOT_CHECKLIST.format(target=label))
    if t.steps and t.kind != "milestone":
        add(at + ("steps",), "kind-field", M.STEPS_NOT_MILESTONE.format(target=label))
    _check_counties(t, at, label, county_names, add)


def _check_milestones(points: list, t: Any, at: tuple, label: str, add: Callable) -> None:
    previous_date, previous_value = None, None
    for mi, point in enumerate(points):
        if not t.start <= point.date <= t.due:
            add(at + (mi, "date"), "milestone-outside", M.MILESTONE_OUTSIDE.format(target=label, date=point.date, start=t.start, due=t.due))
        if previous_date is not None and (point.date <= previous_date or point.value < previous_value):
            add(at + (mi,), "milestone-order", M.MILESTONE_ORDER.format(target=label))
        previous_date, previous_value = point.date, point.value


def _check_counties(t: Any, at: tuple, label: str, county_names: set, add: Callable) -> None:
    if not t.by_county and (t.counties is not None or t.county_targets is not None):
        add(at + ("counties" if t.counties is not None else "county_targets",), "county-not-by-county", M.COUNTIES_NOT_BY_COUNTY.format(target=label))
    for ci, name in enumerate(t.counties or []):
        if name not in county_names:
            add(at + ("counties", ci), "unknown-county", M.UNKNOWN_COUNTY_REF.format(target=label, county=name))
    for name, value in (t.county_targets or {}).items():
        if name not in county_names or (t.counties is not None and name not in t.counties):
            add(at + ("county_targets", name), "unknown-county", M.UNKNOWN_COUNTY_REF.format(target=label, county=name))
    if t.county_targets and t.target is not None:
        total = sum(t.county_targets.values(), Decimal(0))
        if total != t.target:
            add(at + ("county_targets",), "county-sum", M.COUNTY_SUM.format(target=label, total=total, figure=t.target))
