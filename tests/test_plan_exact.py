"""The plan built without pydantic (ledger/plan_exact.py) is the plan pydantic builds, and it is
built only from data pydantic accepts: every plan we ship and generate, and plans changed in
generated ways (a field's value swapped for another kind of value, a field removed, one added)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng_cli.ledger import plan_rules
from minsheng_cli.ledger.plan_exact import exact_plan
from minsheng_cli.ledger.yamlio import load_fast

from conftest import REPO, benchmark_generator


SHIPPED = (REPO / "data" / "projects.yaml").read_text(encoding="utf-8")
PLANS = {
    "shipped": SHIPPED,
    "example": (REPO / "examples" / "2023-demo" / "projects.yaml").read_text(encoding="utf-8"),
    "city benchmark": benchmark_generator().generated_plan_text(SHIPPED),
    "province benchmark": benchmark_generator().province_plan_text(SHIPPED),
}


def by_pydantic(data):
    from pydantic import ValidationError

    try:
        return plan_rules.plan_adapter().validate_python(copy.deepcopy(data))
    except ValidationError:
        return None


@pytest.mark.parametrize("name", sorted(PLANS))
def test_every_plan_we_ship_or_generate_is_built_without_pydantic_as_pydantic_builds_it(name):
    data = load_fast(PLANS[name])
    built = exact_plan(copy.deepcopy(data))
    assert built is not None
    assert built == by_pydantic(data)
    assert [t.start for p in built.projects for t in p.targets] == [built.start] * sum(len(p.targets) for p in built.projects)


def test_a_plan_read_by_check_has_the_same_problems_and_plan_either_way(monkeypatch):
    """check_plan_text with the exact builder, and with pydantic alone, on the shipped plan and on
    one broken in a way only pydantic can word."""
    broken = SHIPPED.replace("year: 2023", 'year: "2023年"', 1)
    assert broken != SHIPPED
    both = [plan_rules.check_plan_text(text, "projects.yaml") for text in (SHIPPED, broken)]
    monkeypatch.setattr("minsheng_cli.ledger.plan_exact.exact_plan", lambda data: None)
    assert [plan_rules.check_plan_text(text, "projects.yaml") for text in (SHIPPED, broken)] == both
    assert both[0][0] is not None and not both[0][1]
    assert both[1][0] is None and [p.code for p in both[1][1]] == ["bad-value"]


# --- changed plans ------------------------------------------------------------------------------------
BASE = load_fast(SHIPPED)
VALUES = st.sampled_from([
    None, True, False, 0, 1, -3, 2023, 4.4, float("nan"), float("inf"), 1e20, "", "x", "2023-06-30", "count", "city",
    "issue", "red", "official", dt.date(2023, 6, 30), dt.datetime(2023, 6, 30, 12, 0), [], ["a"], [1], {}, {"a": 1},
    {"name": "任城区", "kind": "district"}, {"date": dt.date(2023, 6, 30), "value": 5}, Decimal("1.5"),
])


def _places(node, path=()):
    """Every (path to a container, key) in the data."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key
            yield from _places(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield path, index
            yield from _places(value, path + (index,))


PLACES = list(_places(BASE))


def _at(data, path):
    for step in path:
        data = data[step]
    return data


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(["set", "drop", "add"]), VALUES), min_size=1, max_size=3))
def test_a_changed_plan_is_built_without_pydantic_only_when_pydantic_builds_the_same(changes):
    data = copy.deepcopy(BASE)
    for (path, key), how, value in changes:
        try:
            container = _at(data, path)
            if how == "set":
                container[key] = value
            elif how == "drop":
                del container[key]
            elif isinstance(container, dict):
                container[f"unknown_{key}"] = value
            else:
                container.append(value)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier change removed the place, or made it no container
    built = exact_plan(copy.deepcopy(data))
    if built is not None:
        assert built == by_pydantic(data)


@pytest.mark.parametrize("change, path, value", [
    ("set", ("year",), "2023"),          # a number as text: pydantic converts it, so it decides
    ("set", ("start",), "2023-01-01"),   # a date in quotes
    ("set", ("projects", 0, "id"), 1.0),  # a float for an int
    ("set", ("settings", "stale_after_days"), True),
    ("set", ("projects", 0, "targets", 0, "kind"), "amount"),
    ("add", ("projects", 0, "colour"), "red"),
    ("drop", ("projects", 0, "name"), None),
    ("set", ("projects", 0, "targets", 0, "target"), float("nan")),
])
def test_data_not_in_the_exact_shape_is_left_to_pydantic(change, path, value):
    data = copy.deepcopy(BASE)
    container, key = _at(data, path[:-1]), path[-1]
    if change == "drop":
        del container[key]
    else:
        container[key] = value
    assert exact_plan(data) is None
