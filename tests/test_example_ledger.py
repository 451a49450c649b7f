"""The shipped example ledger examples/2023-demo/: same plan as data/, valid, labelled, and telling
the story the README shows (made by examples/make_demo.py through template → fill → import)."""

from __future__ import annotations

import json

from conftest import EXAMPLE, PLAN, REPO

PLAN_HEADER = "# 示例台账：计划与 data/projects.yaml 相同；progress/ 为示例数据（虚构，仅供演示）\n"
PROGRESS_LABEL = "# 示例数据（虚构，仅供演示和测试）"
MODELINE = "# yaml-language-server: $schema="
TITLE_LINE = "title: 2023年市政府“重点民生实事”\n"
LABEL_LINE = "label: 示例数据：进度记录为虚构，仅供演示\n"


def test_example_plan_is_the_shipped_plan():
    """Identical text, except the first line — the editor's schema line, whose relative path must
    differ to reach the same schema — and the label line below it."""
    modeline, label, example_body = (EXAMPLE / "projects.yaml").read_text(encoding="utf-8").split("\n", 2)
    data_modeline, data_body = PLAN.read_text(encoding="utf-8").split("\n", 1)
    assert label + "\n" == PLAN_HEADER
    assert example_body == data_body.replace(TITLE_LINE, TITLE_LINE + LABEL_LINE, 1)
    assert LABEL_LINE in example_body  # every report title of the example says 示例数据
    assert modeline.startswith(MODELINE) and data_modeline.startswith(MODELINE)
    schema = lambda line, folder: (folder / line[len(MODELINE):]).resolve()  # noqa: E731
    assert schema(modeline, EXAMPLE) == schema(data_modeline, PLAN.parent) == (REPO / "schemas" / "plan.schema.json").resolve()


def test_every_example_progress_file_is_labelled():
    files = sorted((EXAMPLE / "progress").glob("*/*.yaml"))
    assert len(files) > 100
    months = {path.parent.name for path in files}
    assert months == {f"2023-0{m}" for m in range(1, 7)}
    for path in files:
        header = path.read_text(encoding="utf-8").split("\n", 2)[:2]
        assert header[0].startswith(MODELINE) and header[1] == PROGRESS_LABEL, path


def test_data_progress_stays_empty():
    assert [p.name for p in (REPO / "data" / "progress").iterdir()] == [".gitkeep"]


def test_example_passes_check(example_ledger, cli):
    result = cli("--data", example_ledger, "check")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "未发现问题" in result.stdout


def test_example_tells_the_readme_story(example_ledger, cli):
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    summary = report["summary"]
    assert summary["projects"] == 30
    assert summary["completed"] == 1 and summary["ahead"] == 1
    assert summary["lagging"] == 3 and summary["seriously_lagging"] == 1
    assert summary["not_reported"] == 1
    assert summary["on_track"] >= 20
    status = {p["id"]: p for p in report["projects"]}
    assert status[28]["status"] == "completed"
    assert status[27]["status"] == "not_reported"
    assert status[12]["status"] == "seriously_lagging"
    assert "stale" in status[15]["flags"]
    assert sum("partial" in p["flags"] for p in report["projects"]) >= 2
    screening = next(t for t in status[2]["targets"] if t["id"] == "screening")
    assert screening["actual"] == 29300  # the mistyped 39200, corrected through `update --correct`


def test_example_records_came_through_import_and_one_correction():
    lines = [line for path in sorted((EXAMPLE / "progress").glob("*/*.yaml")) for line in path.read_text(encoding="utf-8").splitlines()]
    corrections = [line for line in lines if "action: correct" in line]
    assert len(corrections) == 1 and "reason:" in corrections[0]
    assert any("problem:" in line and "next:" in line for line in lines)


def test_example_report_title_says_illustrative(example_ledger, cli):
    for fmt in ("plain", "markdown", "table"):
        result = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", fmt)
        assert "进展情况表（示例数据：进度记录为虚构，仅供演示）" in result.stdout, fmt
