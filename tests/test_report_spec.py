"""The ReportSpec: every report option checked once against the plan, immutable, and — with the
ledger's bytes, the format and the terminal — the key of a cached report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from minsheng_cli.errors import InputError, UsageError
from minsheng_cli.ledger.model import Category, Plan, Project, Settings, Target
from minsheng_cli.reporting.spec import report_spec

LATER = dt.date(2030, 1, 1)
SRC = Path(__file__).resolve().parents[1] / "src"


def target(id="a") -> Target:
    return Target(id=id, name=f"指标{id}", kind="count", target=D(100), unit="个")


def plan() -> Plan:
    projects = [
        Project(id=1, category=1, name="托育", lead=["市卫生健康委"], co=["市教育局"], targets=[target()]),
        Project(id=2, category=1, name="助餐", lead=["市民政局"], targets=[target()]),
        Project(id=3, category=2, name="燃气", lead=["市市场监管局", "市住房城乡建设局"], targets=[target()]),
    ]
    return Plan(title="2023年市政府“重点民生实事”", year=2023, start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31),
                categories=[Category(1, "一老一小"), Category(2, "公共安全")], projects=projects, settings=Settings())


def test_the_spec_is_immutable_and_holds_the_period_and_filters():
    spec = report_spec(plan(), LATER, month="2023-06", unit="市市场监管局", status="进度滞后,lagging", detail=True)
    assert (spec.period.as_of, spec.period.previous, spec.today) == (dt.date(2023, 6, 30), dt.date(2023, 5, 31), LATER)
    assert spec.scope.projects == (3,) and (spec.scope.unit, spec.scope.unit_role) == ("市市场监管局", "lead")
    assert spec.statuses == ("lagging",) and spec.detail and not spec.notes and spec.by == "category"
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.detail = False


def test_the_same_request_in_other_words_is_the_same_key():
    key = report_spec(plan(), LATER, month="2023-06", category="2", status="lagging,not_reported").key()
    assert report_spec(plan(), LATER, month="2023-6", category="公共安全", status="未报送，进度滞后").key() == key
    assert report_spec(plan(), LATER, month="2023-06", category=" 2", status="not_reported、lagging").key() == key


@pytest.mark.parametrize("change", [
    {"month": "2023-05"}, {"quarter": "2023-Q2"}, {"as_of": "2023-06-30"}, {"by": "unit"}, {"detail": True},
    {"notes": True}, {"category": "1"}, {"status": "lagging"}, {"unit": "市民政局"},
])
def test_every_option_is_in_the_key(change):
    options = {"month": "2023-06", **change} if not {"quarter", "as_of"} & set(change) else change
    assert report_spec(plan(), LATER, **options).key() != report_spec(plan(), LATER, month="2023-06").key()


def test_today_is_in_the_key_and_decides_the_default_period():
    during = report_spec(plan(), dt.date(2023, 8, 17))
    assert (during.period.as_of, during.period.kind) == (dt.date(2023, 8, 17), "default")
    assert during.key() != report_spec(plan(), dt.date(2023, 8, 18)).key()


def test_the_key_is_the_same_in_every_process():
    """Sets of strings iterate in a per-process order: the key must not depend on it."""
    probe = (
        "import datetime as dt, sys; sys.path.insert(0, sys.argv[1]); from test_report_spec import plan, LATER;"
        "from minsheng_cli.reporting.spec import report_spec;"
        "spec = report_spec(plan(), LATER, month='2023-06', status='seriously_lagging,lagging,ahead,not_reported');"
        "sys.stdout.buffer.write(spec.key())"
    )
    keys = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
        out = subprocess.run([sys.executable, "-c", probe, str(Path(__file__).parent)], capture_output=True, env=env)
        assert out.returncode == 0, out.stderr.decode()
        keys.add(out.stdout)
    assert len(keys) == 1


def test_unit_matches_lead_then_co_then_part_of_a_lead():
    assert report_spec(plan(), LATER, unit="市教育局").scope == dataclasses.replace(
        report_spec(plan(), LATER).scope, projects=(1,), unit="市教育局", unit_role="co")
    part = report_spec(plan(), LATER, unit="住房城乡")
    assert (part.scope.projects, part.scope.unit_role) == ((3,), "lead")
    both = report_spec(plan(), LATER, category="1", unit="市民政局")
    assert (both.scope.projects, both.scope.categories) == ((2,), (1,))


@pytest.mark.parametrize("options, error, words", [
    ({"by": "street", "month": "2023-13"}, UsageError, "--by"),  # the grouping first
    ({"month": "2023-06", "week": "2023-W26"}, UsageError, "只能选用一个"),
    ({"month": "2023-13", "unit": "不存在的局"}, UsageError, "--month"),  # then the period
    ({"month": "2022-12"}, InputError, "早于计划开始日期"),
    ({"month": "2023-06", "category": "9", "status": "slow"}, InputError, "9"),  # then the projects
    ({"month": "2023-06", "unit": "不存在的局", "status": "slow"}, InputError, "不存在的局"),
    ({"month": "2023-06", "status": "slow"}, UsageError, "--status"),
])
def test_options_are_checked_in_the_order_a_user_reads_them(options, error, words):
    with pytest.raises(error) as caught:
        report_spec(plan(), LATER, **options)
    assert words in caught.value.message


def run_report(root: Path, cache_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
    command = [sys.executable, "-m", "minsheng_cli", "--data", str(root), "report", "--month", "2023-06", "-f", "plain", *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env)


def test_a_request_in_other_words_is_served_from_the_same_cache_entry(example_ledger, tmp_path):
    cache_dir = tmp_path / "cache"
    first = run_report(example_ledger, cache_dir, "--status", "lagging,seriously_lagging")
    assert first.returncode == 0, first.stderr
    entries = sorted(p.name for p in cache_dir.iterdir() if p.name.startswith("report-"))
    again = run_report(example_ledger, cache_dir, "--status", "严重滞后，进度滞后")
    assert again.stdout == first.stdout
    assert sorted(p.name for p in cache_dir.iterdir() if p.name.startswith("report-")) == entries and len(entries) == 1


def test_a_warm_report_imports_neither_pydantic_nor_the_report_builder(example_ledger, tmp_path):
    cache_dir = tmp_path / "cache"
    assert run_report(example_ledger, cache_dir).returncode == 0
    probe = (
        "import sys, minsheng_cli.__main__ as m; sys.argv = ['minsheng', '--data', sys.argv[1], 'report', '--month', '2023-06', '-f', 'plain'];"
        "code = 0\ntry: m.main()\nexcept SystemExit as stop: code = stop.code\n"
        "print(code, *(name in sys.modules for name in ('pydantic', 'minsheng_cli.reporting.report', 'minsheng_cli.reporting.schedule')), file=sys.stderr)"
    )
    env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
    out = subprocess.run([sys.executable, "-c", probe, str(example_ledger)], capture_output=True, text=True, encoding="utf-8", env=env)
    assert out.stderr.split() == ["0", "False", "False", "False"], out.stderr
