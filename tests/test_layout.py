"""Every path rule of a ledger lives in layout.py; these hold the rules themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from minsheng_cli.ledger import layout
from minsheng_cli.ledger.model import Record
from minsheng_cli.words.init import INIT_PLAN_TEMPLATE


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.integers(min_value=0, max_value=layout.MAX_PROJECT))
def test_a_record_path_reads_back_as_its_month_and_project(day, project):
    record = Record(day, project, note="x")
    path = layout.record_path(Path("ledger"), record)
    assert path.parts[:2] == ("ledger", "progress")
    assert layout.month_of_folder(path.parent.name) == (day.year, day.month)
    assert layout.project_of_file(path.name) == project
    assert layout.relative_record_path(record) == path.relative_to("ledger").as_posix()
    assert layout.holds_project(project)


def test_only_exact_names_are_month_folders_and_project_files():
    assert [layout.month_of_folder(name) for name in ("2023-06", "2023-13", "2023-6", "notes")] == [(2023, 6), None, None, None]
    names = ("07.yaml", "7.yaml", "007.yaml", "123.yaml", "1234.yaml", "07.yml", ".07.yaml.1.tmp")
    assert [layout.project_of_file(name) for name in names] == [7, None, None, 123, None, None, None]
    assert not layout.holds_project(layout.MAX_PROJECT + 1) and not layout.holds_project(True)


def test_the_lock_and_temporary_files_are_private_names_in_progress(tmp_path):
    assert layout.lock_path(tmp_path) == tmp_path / "progress" / ".lock"
    target = layout.progress_file(tmp_path, dt.date(2023, 6, 30), 7)
    temp = layout.temporary_file(target, "123.abc")
    assert temp.parent == target.parent and layout.is_private(temp.name) and layout.is_private(layout.LOCK_NAME)
    assert layout.is_temporary_of(target, temp.name) and not layout.is_temporary_of(target, target.name)
    assert layout.project_of_file(temp.name) is None


def test_a_ledger_is_found_as_its_data_folder_or_itself(tmp_path):
    assert layout.found_ledger(tmp_path) is None
    (tmp_path / "data" / "progress").mkdir(parents=True)
    (tmp_path / "data" / "projects.yaml").write_text("", encoding="utf-8")
    assert layout.found_ledger(tmp_path) == tmp_path / "data"
    assert layout.found_ledger(tmp_path / "data") is None  # a data/ folder is found from its parent
    (tmp_path / "progress").mkdir()
    (tmp_path / "projects.yaml").write_text("", encoding="utf-8")
    assert layout.found_ledger(tmp_path) == tmp_path


def test_the_new_plan_points_editors_at_the_schema_a_new_ledger_ships():
    from minsheng_cli.ledger.new import ledger_files

    first_line = INIT_PLAN_TEMPLATE.split("\n", 1)[0]
    assert first_line == f"# yaml-language-server: $schema={layout.schema_file('plan')}"
    files = ledger_files(2024, "测试")
    assert {layout.schema_file(kind) for kind in layout.SCHEMA_FILES} <= set(files)
    assert layout.PLAN_FILE in files and f"{layout.PROGRESS_DIR}/{layout.KEEP_NAME}" in files


def test_the_cache_lives_outside_the_ledger(monkeypatch, tmp_path):
    monkeypatch.setenv("MINSHENG_CACHE", str(tmp_path / "c"))
    assert layout.cache_entry("report", "abc") == tmp_path / "c" / "report-abc.json"
