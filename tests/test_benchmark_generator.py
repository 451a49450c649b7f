"""The benchmark's generator (benchmarks/generate.py) makes a ledger the tool itself accepts.

No timing here: the figures come from `python benchmarks/run.py`, never from tests.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLAN, benchmark_generator

RECORDS = 300


generate = benchmark_generator()


def _minsheng(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minsheng_cli", *map(str, args)], capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory) -> tuple[Path, list]:
    root = tmp_path_factory.mktemp("bench") / "data"
    records = generate.write_ledger(root, RECORDS)
    return root, records


def test_generated_ledger_passes_check_with_exactly_n_records(big_ledger):
    root, records = big_ledger
    assert len(records) == RECORDS
    result = _minsheng("--data", root, "check", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == {"ok": True, "errors": []}
    lines = [line for path in (root / "progress").glob("*/*.yaml") for line in path.read_text(encoding="utf-8").splitlines()]
    assert sum(line.startswith("- {") for line in lines) == RECORDS


def test_files_are_what_the_writer_writes(big_ledger):
    from minsheng_cli.ledger.progress_file import format_record, read_progress

    root, records = big_ledger
    plan = generate.load_generated_plan((root / "projects.yaml").read_text(encoding="utf-8"))
    read = read_progress(root, plan)
    assert sorted(read, key=_order) == sorted(records, key=_order)
    for record in read:
        assert Path(record.path).read_text(encoding="utf-8").splitlines()[record.line - 1] + "\n" == format_record(record)


def _order(record) -> tuple:
    return (record.date, record.project, record.target or "", record.county or "", str(record.value), record.note or "")


def test_generated_plan_is_the_shipped_plan_with_count_targets_by_county():
    source = PLAN.read_text(encoding="utf-8")
    text = generate.generated_plan_text(source)
    added = text.splitlines()
    original = source.splitlines()
    assert added[0].startswith("#")
    kept = [line for line in added[1:] if line.strip() != "by_county: true"]
    assert kept == [line for line in original if line.strip() != "by_county: true"]
    plan = generate.load_generated_plan(text)
    counts = [target for project in plan.projects for target in project.targets if target.kind == "count"]
    assert counts and all(target.by_county for target in counts)
    others = [target for project in plan.projects for target in project.targets if target.kind != "count"]
    assert not any(target.by_county for target in others)


def test_counts_never_decrease_per_target_and_county(big_ledger):
    _, records = big_ledger
    last: dict[tuple, object] = {}
    for record in sorted(records, key=lambda r: r.date):
        if record.target is None or record.value is None or not hasattr(record.value, "as_tuple"):
            continue
        key = (record.project, record.target, record.county)
        assert last.get(key, record.value) <= record.value, key
        last[key] = record.value


def test_records_are_shared_out_exactly():
    assert generate.records_per_series(10, 4) == [3, 3, 2, 2]
    assert sum(generate.records_per_series(65_000, 817)) == 65_000
    dates = generate.series_dates(80)
    assert len(set(dates)) == 80 and dates == sorted(dates) and dates[-1] == generate.LAST_GENERATED_DAY


def test_csv_and_journal_have_one_row_per_record(big_ledger, tmp_path):
    _, records = big_ledger
    sheet = tmp_path / "all.csv"
    assert generate.write_csv(sheet, records) == RECORDS
    with open(sheet, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(generate.CSV_COLUMNS) and len(rows) == RECORDS + 1
    journal = tmp_path / "all.journal"
    assert generate.write_journal(journal, records) == RECORDS
    assert sum(1 for line in journal.read_text(encoding="utf-8").splitlines() if line[:1].isdigit()) == RECORDS


def test_csv_imports_into_an_empty_ledger_as_the_same_files(big_ledger, tmp_path):
    generated, records = big_ledger
    root = tmp_path / "data"
    generate.write_plan(root)
    sheet = tmp_path / "all.csv"
    generate.write_csv(sheet, records)
    result = _minsheng("--data", root, "import", sheet, "--received", "2024-01-03")
    assert result.returncode == 0, result.stdout + result.stderr
    checked = _minsheng("--data", root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"进度记录 {RECORDS} 条" in checked.stdout
    # import writes the day the sheet was received on every record; the generator writes none
    received = {name: data.replace(b", received: 2024-01-03}", b"}") for name, data in _files(root).items()}
    assert received == _files(generated)


def _files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted((root / "progress").rglob("*.yaml"))}


# --- the province plan: 16 cities' counties, the same plan shape -----------------------------------------
@pytest.fixture(scope="module")
def province_ledger(tmp_path_factory) -> tuple[Path, list]:
    root = tmp_path_factory.mktemp("province") / "data"
    records = generate.write_ledger(root, 2_000, province=True)
    return root, records


def test_province_plan_has_every_county_once_per_city_and_the_same_projects():
    city = generate.load_generated_plan(generate.generated_plan_text(PLAN.read_text(encoding="utf-8")))
    province = generate.load_generated_plan(generate.province_plan_text(PLAN.read_text(encoding="utf-8")))
    assert len(province.county_names) == len(set(province.county_names)) == 16 * len(city.county_names)
    assert [(p.id, [t.id for t in p.targets]) for p in province.projects] == [(p.id, [t.id for t in p.targets]) for p in city.projects]
    for mine, theirs in zip((t for p in province.projects for t in p.targets), (t for p in city.projects for t in p.targets)):
        assert mine.kind == theirs.kind and mine.by_county == theirs.by_county
        if theirs.counties is not None:
            assert len(mine.counties) == 16 * len(theirs.counties)
        if theirs.county_targets:
            assert mine.target == 16 * theirs.target == sum(mine.county_targets.values())
    # a million records fit: at most one record a day per series
    assert 1_000_000 <= len(generate.all_series(province)) * len(generate.series_dates(358))


def test_province_ledger_passes_check_and_its_csv_imports_as_the_same_files(province_ledger, tmp_path):
    generated, records = province_ledger
    result = _minsheng("--data", generated, "check", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == {"ok": True, "errors": []}, result.stdout + result.stderr
    root = tmp_path / "data"
    generate.write_plan(root, province=True)
    sheet = tmp_path / "all.csv"
    generate.write_csv(sheet, records)
    imported = _minsheng("--data", root, "import", sheet, "--received", "2024-01-03")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    # import writes the day the sheet was received on every record; the generator writes none
    received = {name: data.replace(b", received: 2024-01-03}", b"}") for name, data in _files(root).items()}
    assert received == _files(generated)


def test_beancount_json_lines_and_the_hand_edit(big_ledger, tmp_path):
    import shutil

    generated, records = big_ledger
    ledger = tmp_path / "year.beancount"
    assert generate.write_beancount(ledger, records) == RECORDS
    text = ledger.read_text(encoding="utf-8")
    assert text.count(" * \"") == RECORDS and text.count(" UNIT\n") == RECORDS
    lines = tmp_path / "records.jsonl"
    assert generate.write_json_lines(lines, records) == RECORDS
    assert len([json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]) == RECORDS
    edited = tmp_path / "hand"
    shutil.copytree(generated, edited)
    files = list((edited / "progress").glob("*/*.yaml"))
    assert generate.hand_edit(edited) == len(files)
    assert all(path.read_text(encoding="utf-8").count("  # 已电话核实") == 1 for path in files)
    result = _minsheng("--data", edited, "check")
    assert result.returncode == 0 and f"进度记录 {RECORDS} 条" in result.stdout, result.stdout + result.stderr
