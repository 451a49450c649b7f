"""`minsheng diff`: what changed in progress between two git revisions, on real repositories."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from minsheng_cli.reporting.diff import Side, compare
from minsheng_cli.ledger.model import Record
from gitrepo import commit, git



def append(root: Path, month: str, project: int, *lines: str) -> Path:
    path = root / "progress" / month / f"{project:02d}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write("".join(line + "\n" for line in lines))
    return path


@pytest.fixture
def repo(plan_ledger: Path) -> Path:
    """A git repository (tmp_path) holding the ledger data/ with the shipped plan, committed."""
    top = plan_ledger.parent
    git(top, "init", "-q", "-b", "main")
    (plan_ledger / "progress" / ".gitkeep").write_text("")
    commit(top, "计划")
    return top


@pytest.fixture
def june(repo: Path) -> Path:
    """The plan plus a June report of projects 1 and 19, committed."""
    root = repo / "data"
    append(root, "2023-06", 1,
           '- {date: 2023-06-30, target: new_places, value: 6200, note: "新增托位已验收", by: "张三"}',
           '- {date: 2023-06-30, note: "项目整体推进顺利"}')
    append(root, "2023-06", 19,
           '- {date: 2023-06-30, target: villages, county: "任城区", value: 30}',
           '- {date: 2023-06-30, target: villages, county: "兖州区", value: 20}')
    commit(repo, "6月进度")
    return root


def diff_json(cli, root: Path, *revs: str) -> dict:
    result = cli("--data", root, "diff", *revs, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def kinds(data: dict) -> list[tuple]:
    return [(c["kind"], c["project"], c["record"]["target"], c["record"]["county"]) for c in data["records"]]


def target_row(data: dict, project: int, target: str) -> dict:
    return next(t for t in data["targets"] if (t["project"], t["target"]) == (project, target))


# --- end to end on a repository ----------------------------------------------------------------------------
def test_added_records_against_the_previous_commit(cli, june):
    data = diff_json(cli, june, "HEAD~1", "HEAD")
    assert data["from"]["rev"] == "HEAD~1" and data["to"]["rev"] == "HEAD" and data["to"]["commit"]
    assert sorted(kinds(data)) == [
        ("added", 1, "new_places", None), ("added", 19, "villages", "任城区"), ("added", 19, "villages", "兖州区"),
        ("narrative", 1, None, None),
    ]
    places = target_row(data, 1, "new_places")
    assert places["values"] == [{"county": None, "old": None, "old_date": None, "new": 6200, "new_date": "2023-06-30", "delta": None}]
    assert places["completion"] == {"old": 0, "new": 0.62, "change": 62}
    villages = target_row(data, 19, "villages")
    assert {v["county"]: v["new"] for v in villages["values"]} == {"任城区": 30, "兖州区": 20}
    assert data["summary"]["added"] == 3 and data["summary"]["narrative"] == 1
    assert data["plan"] == []


def test_nothing_changed_in_the_work_tree(cli, june):
    data = diff_json(cli, june)
    assert data["records"] == [] and data["targets"] == [] and data["plan"] == []
    plain = cli("--data", june, "diff", "-f", "plain")
    assert plain.exit_code == 0 and "没有变化" in plain.stdout and "工作区" in plain.stdout


def test_correction_void_and_narrative_edit_in_the_work_tree(cli, june):
    path = append(june, "2023-06", 1, '- {date: 2023-06-30, target: new_places, value: 6300, action: correct, reason: "复核后更正"}')
    path.write_text(path.read_text(encoding="utf-8").replace("项目整体推进顺利", "项目整体推进顺利，已召开调度会"), encoding="utf-8")
    append(june, "2023-06", 19, '- {date: 2023-06-30, target: villages, county: "兖州区", action: void, reason: "重复统计"}')
    data = diff_json(cli, june)  # HEAD against the work tree
    assert data["to"] == {"rev": None, "commit": None, "exists": True}
    by_kind = {c["kind"]: c for c in data["records"]}
    assert set(by_kind) == {"corrected", "voided", "edited"}
    assert by_kind["corrected"]["replaced"] == 6200 and by_kind["corrected"]["record"]["reason"] == "复核后更正"
    assert by_kind["voided"]["replaced"] == 20 and by_kind["voided"]["record"]["county"] == "兖州区"
    edited = by_kind["edited"]
    assert edited["fields"] == ["note"] and edited["before"]["note"] == "项目整体推进顺利"
    assert edited["record"]["note"] == "项目整体推进顺利，已召开调度会"
    places = target_row(data, 1, "new_places")
    assert places["values"][0]["old"] == 6200 and places["values"][0]["new"] == 6300 and places["values"][0]["delta"] == 100
    assert places["completion"]["change"] == 1
    villages = target_row(data, 19, "villages")
    assert villages["values"] == [{"county": "兖州区", "old": 20, "old_date": "2023-06-30", "new": None, "new_date": None, "delta": None}]

    plain = cli("--data", june, "diff", "-f", "plain").stdout
    assert "6200（2023-06-30）" in plain and "6300（2023-06-30）" in plain and "+100" in plain
    assert "62.0%" in plain and "63.0%" in plain and "+1.0" in plain
    assert "更正" in plain and "原值 6200" in plain and "原因：复核后更正" in plain
    assert "作废" in plain and "修改叙述" in plain and "项目整体推进顺利 → 项目整体推进顺利，已召开调度会" in plain
    assert "记录：更正 1 条，作废 1 条，修改叙述 1 条。" in plain


def test_deleted_file_shows_removed_records(cli, june):
    git(june.parent, "rm", "-q", "data/progress/2023-06/19.yaml")
    commit(june.parent, "删除19")
    data = diff_json(cli, june, "HEAD~1", "HEAD")
    assert sorted(kinds(data)) == [("removed", 19, "villages", "任城区"), ("removed", 19, "villages", "兖州区")]
    villages = target_row(data, 19, "villages")
    assert {v["county"]: (v["old"], v["new"]) for v in villages["values"]} == {"任城区": (30, None), "兖州区": (20, None)}
    assert villages["completion"]["new"] == 0


def test_renamed_target_leaves_its_records_unknown(cli, june):
    plan = june / "projects.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("id: new_places", "id: places_added"), encoding="utf-8")
    commit(june.parent, "改指标 id")
    data = diff_json(cli, june, "HEAD~1", "HEAD")
    assert [(c["kind"], c["target"]) for c in data["plan"]] == [("target-removed", "new_places"), ("target-added", "places_added")]
    assert kinds(data) == [("orphaned", 1, "new_places", None)]
    assert data["records"][0]["known"] is False
    old_id = target_row(data, 1, "new_places")
    assert old_id["in_old_plan"] is True and old_id["in_new_plan"] is False
    assert old_id["completion"] == {"old": 0.62, "new": None, "change": None}
    plain = cli("--data", june, "diff", "HEAD~1", "HEAD", "-f", "plain").stdout
    assert "计划中已无此指标" in plain and "删除指标" in plain and "新增指标" in plain

    # the records rewritten to the new id: the old id's records are removed, the new id's added
    path = june / "progress" / "2023-06" / "01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("target: new_places", "target: places_added"), encoding="utf-8")
    data = diff_json(cli, june, "HEAD~1")
    assert sorted(kinds(data)) == [("added", 1, "places_added", None), ("removed", 1, "new_places", None)]
    assert target_row(data, 1, "places_added")["values"][0]["new"] == 6200


def test_branches_compare_by_name(cli, june):
    repo = june.parent
    git(repo, "checkout", "-q", "-b", "feature")
    append(june, "2023-07", 1, '- {date: 2023-07-31, target: new_places, value: 7000}')
    commit(repo, "7月")
    git(repo, "checkout", "-q", "main")
    data = diff_json(cli, june, "main", "feature")
    assert kinds(data) == [("added", 1, "new_places", None)]
    values = target_row(data, 1, "new_places")["values"][0]
    assert (values["old"], values["old_date"], values["new"], values["new_date"], values["delta"]) == (6200, "2023-06-30", 7000, "2023-07-31", 800)


def test_revision_without_the_ledger_shows_everything_added(cli, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("台账仓库\n", encoding="utf-8")
    commit(repo, "空仓库")
    root = repo / "data"
    (root / "progress").mkdir(parents=True)
    (root / "projects.yaml").write_bytes((Path(__file__).resolve().parents[1] / "data" / "projects.yaml").read_bytes())
    append(root, "2023-06", 1, '- {date: 2023-06-30, target: new_places, value: 6200}')
    commit(repo, "台账")
    data = diff_json(cli, root, "HEAD~1", "HEAD")
    assert data["from"]["exists"] is False and data["to"]["exists"] is True
    assert kinds(data) == [("added", 1, "new_places", None)]
    assert len([c for c in data["plan"] if c["kind"] == "project-added"]) == 30
    assert [t["target"] for t in data["targets"]] == ["new_places"]  # no noise for targets without records
    plain = cli("--data", root, "diff", "HEAD~1", "HEAD", "-f", "plain").stdout
    assert "尚无台账" in plain


def test_unborn_branch_compares_with_nothing(cli, plan_ledger):
    git(plan_ledger.parent, "init", "-q", "-b", "main")
    append(plan_ledger, "2023-06", 1, '- {date: 2023-06-30, target: new_places, value: 6200}')
    data = diff_json(cli, plan_ledger)
    assert data["from"]["commit"] is None and data["from"]["exists"] is False
    assert kinds(data) == [("added", 1, "new_places", None)]


def test_outside_a_repository(cli, plan_ledger):
    result = cli("--data", plan_ledger, "diff")
    assert result.exit_code == 1
    assert "不在 git 仓库中" in result.stderr and "Traceback" not in result.stderr


def test_unknown_revision(cli, june):
    before = {p: p.read_bytes() for p in june.rglob("*") if p.is_file()}
    for rev in ("no-such-branch", "--output=/tmp/x", "HEAD~99"):
        result = cli("--data", june, "diff", "--", rev) if rev.startswith("-") else cli("--data", june, "diff", rev)
        assert result.exit_code == 1, rev
        assert f"没有修订版本「{rev}」" in result.stderr
    assert before == {p: p.read_bytes() for p in june.rglob("*") if p.is_file()}


def test_broken_file_at_a_revision_is_named_by_revision(cli, june):
    path = june / "progress" / "2023-06" / "01.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "<<<<<<< HEAD\n", encoding="utf-8")
    commit(june.parent, "冲突未解决")
    path.write_text(path.read_text(encoding="utf-8").replace("<<<<<<< HEAD\n", ""), encoding="utf-8")
    result = cli("--data", june, "diff")
    assert result.exit_code == 1
    assert "HEAD:data/progress/2023-06/01.yaml" in result.stderr
    assert "minsheng-" not in result.stderr  # not the temporary folder


def test_csv_is_one_table_with_bom(cli, june):
    append(june, "2023-07", 1, '- {date: 2023-07-31, target: new_places, value: 7000}')
    result = subprocess.run(
        [sys.executable, "-m", "minsheng_cli", "--data", str(june), "diff", "-f", "csv"], capture_output=True, cwd=june,
    )
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    assert text.startswith("\ufeff") and text.count("\ufeff") == 1
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("类别,变化,项目,指标")
    assert any(line.startswith("数值,") and "7000" in line for line in lines)
    assert any(line.startswith("记录,新增,1,新增托位") for line in lines)


def test_diff_refuses_the_global_rev(cli, june):
    result = cli("--data", june, "--rev", "HEAD", "diff")
    assert result.exit_code == 2 and "minsheng diff HEAD" in result.stderr


# --- the pure comparison ---------------------------------------------------------------------------------
def record(day: str, target: str | None = "new_places", value=None, **extra) -> Record:
    number = Decimal(value) if isinstance(value, int) else value
    return Record(dt.date.fromisoformat(day), 1, target, extra.pop("county", None), number, **extra)


def test_in_place_rewrite_is_not_a_correction(plan_ledger):
    from minsheng_cli.ledger.plan import load_plan

    plan = load_plan(plan_ledger)
    old = [record("2023-06-30", value=6200, note="验收"), record("2023-05-31", value=5000)]
    new = [record("2023-06-30", value=6500, note="验收"), record("2023-05-31", value=5000)]
    result = compare(Side(plan, old), Side(plan, new))
    assert [(c.kind, c.fields) for c in result.records] == [("rewritten", ["value"])]
    assert result.records[0].before.value == Decimal(6200)
    [target] = result.targets
    assert (target.old_completion, target.new_completion) == (Fraction(62, 100), Fraction(65, 100))
    assert target.values[0].delta == Decimal(300)


def test_moving_a_line_is_no_change(plan_ledger):
    from minsheng_cli.ledger.plan import load_plan

    plan = load_plan(plan_ledger)
    lines = [record("2023-05-31", value=5000), record("2023-06-30", value=6200), record("2023-06-30", None, note="推进")]
    assert compare(Side(plan, lines), Side(plan, list(reversed(lines)))).empty
    doubled = compare(Side(plan, lines), Side(plan, lines + [lines[1]]))
    assert [c.kind for c in doubled.records] == ["added"]  # a union-merge duplicate is shown, check reports it
