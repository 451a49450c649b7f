"""Generate a big ledger for the benchmark, written through the package's own writer.

    python benchmarks/generate.py OUT_DIR [--records N] [--csv FILE] [--journal FILE]

OUT_DIR gets `projects.yaml` (the generated plan, below) and `progress/` with exactly N records,
appended by `minsheng_cli.ledger.store.append_records` — the code path of `minsheng update` and
`minsheng import` — so every file is byte for byte what the tool writes. `--csv` also writes the
same records as one import sheet, `--journal` as an hledger journal with one transaction each.

Decisions (see benchmarks/README.md):
- The plan is data/projects.yaml with `by_county: true` added to every count target that lacks
  it (only 7 of its 54 count targets are per county). Nothing else changes: a target without
  `counties:` then concerns all 15 counties of the plan. A header comment says it is generated.
- A *series* is one (target, county) for by_county targets, one target otherwise: 817 series.
  N records are shared out evenly over them (the first N mod 817 get one more). A series' records
  fall on evenly spaced dates from 2023-01-01 to 2023-12-24; the last week of the year is left
  free for the benchmark's `update` and `import` runs. A year of weekly records on this plan is
  817 × 52 = 42,484; the issue's ≈65,000 means about one record every 4–5 days per series.
- Values grow with time (cumulative), so the ledger passes `check`: counts and levels rise to a
  project-specific pace (some projects ahead, some lagging), checklists record their items in
  turn, continuing targets 正常, milestones are recorded `done` once their pace gets there and
  before that leave a project-level narrative (so `import` of the CSV reads the same records).
  About one record in four carries 进展情况, lagging projects sometimes 存在问题/下步打算, every
  record a reporter (填报人).
- Deterministic: the same N gives the same files.

Only the package and the standard library are needed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Iterable, Iterator, Optional

from minsheng_cli.ledger.plan import plan_from_bytes
from minsheng_cli.ledger.model import Plan, Record, Target
from minsheng_cli.ledger.progress_file import format_number
from minsheng_cli.ledger.store import append_records

REPO = Path(__file__).resolve().parents[1]
SOURCE_PLAN = REPO / "data" / "projects.yaml"
DEFAULT_RECORDS = 65_000
YEAR_START = dt.date(2023, 1, 1)
LAST_GENERATED_DAY = dt.date(2023, 12, 24)  # the days after it are left for update/import runs
PLAN_HEADER = "# 基准测试用计划（benchmarks/generate.py 生成）：data/projects.yaml 的副本，所有 count 指标改为按县（市、区）填报\n"
CSV_COLUMNS = ("project", "target", "value", "date", "county", "note", "problem", "next", "by")

# Share of the annual figure each project reaches by the year's end (cycled by project number):
# most on schedule, some ahead, some lagging, one seriously lagging.
PACES = (Decimal("1.02"), Decimal("0.95"), Decimal("1.10"), Decimal("0.70"), Decimal("1.00"), Decimal("0.45"), Decimal("1.20"))
REPORTERS = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周强", "吴敏")
_KIND_COUNT = re.compile(r"^(?P<indent> +)kind: count\s*(?:#.*)?$")


# --- the plan ------------------------------------------------------------------------------------
def generated_plan_text(source: str) -> str:
    """data/projects.yaml with `by_county: true` after the `kind: count` line of every count
    target that has no `by_county:` of its own (text edit: the rest of the file is unchanged)."""
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        match = _KIND_COUNT.match(line.rstrip("\r\n"))
        if match and not _target_has_key(lines, index, match.group("indent"), "by_county"):
            out.append(f"{match.group('indent')}by_county: true\n")
    return PLAN_HEADER + "".join(out)


# --- the province plan ----------------------------------------------------------------------------------
# Shandong's 16 cities: each gets a copy of the plan's 15 counties, named city + county (synthetic
# names: 济南市任城区 does not exist; only the shape counts). 240 counties, 16× the county series.
PROVINCE_CITIES = ("济南市", "青岛市", "淄博市", "枣庄市", "东营市", "烟台市", "潍坊市", "济宁市",
                   "泰安市", "威海市", "日照市", "临沂市", "德州市", "聊城市", "滨州市", "菏泽市")
PROVINCE_HEADER = "# 基准测试用省级计划（benchmarks/generate.py --province 生成）：16 个市各一套县（市、区），县名为虚构的“市名+县名”\n"
_SETTINGS_COUNTY = re.compile(r"^(?P<indent> +)- \{name: (?P<name>[^,]+), kind: (?P<kind>\w+)\}\s*$")
_COUNTY_LIST = re.compile(r"^(?P<head> +counties: )\[(?P<names>[^\]]*)\]\s*$")
_COUNTY_TARGETS = re.compile(r"^(?P<head> +county_targets: )\{(?P<pairs>[^}]*)\}\s*$")
_TARGET_FIGURE = re.compile(r"^(?P<head> +target: )(?P<figure>[0-9.]+)(?P<tail>\s*(?:#.*)?)$")


def province_plan_text(source: str) -> str:
    """The generated city plan with every county copied for each of the 16 cities: the settings'
    county list, every target's `counties:` and `county_targets:` (a target with county_targets
    gets 16× its figure, so that they still add up to it)."""
    lines = generated_plan_text(source)[len(PLAN_HEADER):].splitlines(keepends=True)
    out: list[str] = []
    in_settings_counties = False
    for index, line in enumerate(lines):
        text = line.rstrip("\r\n")
        if text.startswith("  counties:"):
            in_settings_counties = True
            out.append(line)
            continue
        county = _SETTINGS_COUNTY.match(text) if in_settings_counties else None
        if county:
            out.extend(f"{county['indent']}- {{name: {city}{county['name']}, kind: {county['kind']}}}\n" for city in PROVINCE_CITIES)
            continue
        in_settings_counties = False
        listed = _COUNTY_LIST.match(text)
        shares = _COUNTY_TARGETS.match(text)
        if listed:
            names = [name.strip() for name in listed["names"].split(",")]
            out.append(f"{listed['head']}[{', '.join(city + name for city in PROVINCE_CITIES for name in names)}]\n")
        elif shares:
            pairs = [pair.split(":") for pair in shares["pairs"].split(",")]
            out.append(f"{shares['head']}{{{', '.join(f'{city}{name.strip()}: {value.strip()}' for city in PROVINCE_CITIES for name, value in pairs)}}}\n")
            _scale_target_figure(out, len(PROVINCE_CITIES))
        else:
            out.append(line)
    return PROVINCE_HEADER + "".join(out)


def _scale_target_figure(out: list[str], factor: int) -> None:
    """Multiply the `target:` figure of the target mapping being written (the lines above)."""
    for back in range(len(out) - 1, -1, -1):
        match = _TARGET_FIGURE.match(out[back].rstrip("\r\n"))
        if match:
            figure = Decimal(match["figure"]) * factor
            out[back] = f"{match['head']}{figure}{match['tail']}\n"
            return
        if out[back].lstrip().startswith("- id:"):
            raise ValueError("a target with county_targets and no target figure")


def _target_has_key(lines: list[str], index: int, indent: str, key: str) -> bool:
    """Whether the target mapping holding line `index` (its keys at `indent`, its first key on
    the `- ` line above) has `key`."""
    item = indent[:-2] + "- "
    first = index
    while first > 0 and not lines[first].startswith(item):
        first -= 1
    last = index + 1
    while last < len(lines) and not lines[last].startswith(item) and (lines[last].startswith(indent) or not lines[last].strip()):
        last += 1
    keys = [lines[first][len(item):]] + [line[len(indent):] for line in lines[first + 1:last] if line.startswith(indent)]
    return any(text.startswith(key + ":") for text in keys)


def load_generated_plan(text: str) -> Plan:
    return plan_from_bytes(text.encode("utf-8"), "projects.yaml")


# --- series and records ----------------------------------------------------------------------------
@dataclass
class Series:
    project: int
    target: Target
    county: Optional[str]
    goal: Decimal  # the figure this series moves towards in a year (count: its county's share)
    start: Decimal  # level targets: where they stand at the start
    pace: Decimal


def all_series(plan: Plan) -> list[Series]:
    found: list[Series] = []
    for project in plan.projects:
        pace = PACES[(project.id - 1) % len(PACES)]
        for target in project.targets:
            if target.kind == "count" and target.by_county:
                counties = plan.counties_of(target)
                for county in counties:
                    allocated = (target.county_targets or {}).get(county)
                    share = allocated if allocated is not None else _ceil(target.target / len(counties))
                    found.append(Series(project.id, target, county, max(share, Decimal(1)), Decimal(0), pace))
            elif target.kind == "level":
                start = target.baseline if target.baseline is not None else (target.target * Decimal("0.8")).quantize(Decimal("0.01"))
                found.append(Series(project.id, target, None, target.target, start, pace))
            else:
                goal = target.target if target.target is not None else Decimal(1)
                found.append(Series(project.id, target, None, goal, Decimal(0), pace))
    return found


def _ceil(value: Decimal) -> Decimal:
    return -((-value).to_integral_value(rounding=ROUND_FLOOR))


def records_per_series(total: int, series_count: int) -> list[int]:
    base, extra = divmod(total, series_count)
    return [base + (1 if index < extra else 0) for index in range(series_count)]


def series_dates(count: int) -> list[dt.date]:
    """`count` distinct dates spread evenly over 2023-01-01 … 2023-12-24, the last on 12-24."""
    days = (LAST_GENERATED_DAY - YEAR_START).days + 1
    if count > days:
        raise ValueError(f"at most {days} records per series: use fewer records")
    return [YEAR_START + dt.timedelta(days=(step + 1) * days // count - 1) for step in range(count)]


def series_records(series: Series, count: int) -> Iterator[Record]:
    target = series.target
    reporter = REPORTERS[series.project % len(REPORTERS)]
    lagging = series.pace < Decimal("0.8")
    for step, day in enumerate(series_dates(count)):
        share = series.pace * Decimal((day - YEAR_START).days + 1) / Decimal(365)
        note = problem = next_ = None
        if step % 4 == 3:
            note = f"{series.county or '全市'}{target.name}按计划推进，截至{day.month}月{day.day}日累计完成情况已核实"
        if lagging and step % 8 == 7:
            problem = "项目前期手续办理较慢，资金拨付进度滞后"
            next_ = "加快手续办理，督促资金尽快拨付到位"
        value = _value(series, step, share)
        if target.kind == "milestone" and value is None:
            narrative = f"〔{target.name}〕前期工作推进中"
            yield Record(day, series.project, None, None, None, narrative, problem, next_, reporter)
            continue
        yield Record(day, series.project, target.id, series.county, value, note, problem, next_, reporter)


def _value(series: Series, step: int, share: Decimal) -> Decimal | str | None:
    target = series.target
    if target.kind == "count":
        return (series.goal * share).to_integral_value(rounding=ROUND_FLOOR)
    if target.kind == "level":
        exact = series.start + (series.goal - series.start) * share
        quantum = Decimal(1) if series.goal == series.goal.to_integral_value() and series.start == series.start.to_integral_value() else Decimal("0.01")
        return exact.quantize(quantum, rounding=ROUND_FLOOR)
    if target.kind == "checklist":
        return target.items[step % len(target.items)]
    if target.kind == "continuing":
        return "正常"
    return "done" if share >= Decimal("0.6") else None  # milestone


def generate_records(plan: Plan, total: int) -> list[Record]:
    """Exactly `total` records, in date order (then series order), as they would be appended."""
    series = all_series(plan)
    dated: list[tuple[dt.date, int, Record]] = []
    for index, (one, count) in enumerate(zip(series, records_per_series(total, len(series)))):
        for record in series_records(one, count):
            dated.append((record.date, index, record))
    dated.sort(key=lambda item: (item[0], item[1]))
    return [record for _, _, record in dated]


# --- writing ---------------------------------------------------------------------------------------
def write_plan(root: Path, source: Path = SOURCE_PLAN, province: bool = False) -> Plan:
    """A ledger folder with the generated plan (the province's, with `province`) and an empty progress/."""
    make = province_plan_text if province else generated_plan_text
    text = make(source.read_text(encoding="utf-8"))
    plan = load_generated_plan(text)
    root.mkdir(parents=True, exist_ok=True)
    (root / "progress").mkdir(exist_ok=True)
    (root / "projects.yaml").write_text(text, encoding="utf-8", newline="")
    return plan


def write_ledger(root: Path, total: int = DEFAULT_RECORDS, source: Path = SOURCE_PLAN, province: bool = False) -> list[Record]:
    """Generate the ledger in `root` (which must not hold progress yet); the records written."""
    plan = write_plan(root, source, province)
    if any((root / "progress").iterdir()):
        raise SystemExit(f"{root / 'progress'} is not empty")
    records = generate_records(plan, total)
    append_records(root, records)
    return records


def write_csv(path: Path, records: Iterable[Record]) -> int:
    """The records as one import sheet (UTF-8 with BOM, the columns `import` knows)."""
    rows = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for record in records:
            writer.writerow(csv_row(record))
            rows += 1
    return rows


def csv_row(record: Record) -> list[str]:
    value = record.value
    shown = format_number(value) if isinstance(value, Decimal) else (value or "")
    return [
        str(record.project), record.target or "", shown, record.date.isoformat(), record.county or "",
        record.note or "", record.problem or "", record.next or "", record.by or "",
    ]


def write_journal(path: Path, records: Iterable[Record]) -> int:
    """An hledger journal with one two-posting transaction per record, in date order: the change
    of the series' value (1 for a record without a number) against the project's plan account."""
    last: dict[tuple, Decimal] = {}
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in sorted(records, key=lambda r: r.date):
            key = (record.project, record.target, record.county)
            if isinstance(record.value, Decimal):
                amount = record.value - last.get(key, Decimal(0))
                last[key] = record.value
            else:
                amount = Decimal(1)
            account = f"进度:p{record.project:02d}:{record.target or '进展'}" + (f":{record.county}" if record.county else "")
            handle.write(
                f"{record.date.isoformat()} p{record.project:02d} {record.target or 'narrative'}\n"
                f"    {account}  {format_number(amount)}\n"
                f"    计划:p{record.project:02d}\n\n"
            )
            count += 1
    return count


def write_beancount(path: Path, records: Iterable[Record]) -> int:
    """A beancount ledger with one two-posting transaction per record (as the hledger journal):
    ASCII account names (series numbered in order of appearance), all opened on the first day."""
    ordered = sorted(records, key=lambda r: r.date)
    accounts: dict[tuple, str] = {}
    last: dict[tuple, Decimal] = {}
    body: list[str] = []
    for record in ordered:
        key = (record.project, record.target, record.county)
        account = accounts.setdefault(key, f"Assets:P{record.project:02d}:S{len(accounts) + 1:05d}")
        if isinstance(record.value, Decimal):
            amount = record.value - last.get(key, Decimal(0))
            last[key] = record.value
        else:
            amount = Decimal(1)
        body.append(f'{record.date.isoformat()} * "p{record.project:02d} {record.target or "narrative"}"\n'
                    f"  {account}  {format_number(amount)} UNIT\n  Equity:Plan:P{record.project:02d}\n\n")
    plans = sorted({record.project for record in ordered})
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write('option "operating_currency" "UNIT"\n\n')
        for account in [*accounts.values(), *(f"Equity:Plan:P{project:02d}" for project in plans)]:
            handle.write(f"{YEAR_START.isoformat()} open {account}\n")
        handle.write("\n")
        handle.writelines(body)
    return len(body)


def write_json_lines(path: Path, records: Iterable[Record]) -> int:
    """The records as JSON, one object per line (the floor: `json.loads` of the same records)."""
    from minsheng_cli.ledger.record_fields import record_json

    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps({"project": record.project, **record_json(record)}, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def hand_edit(root: Path) -> int:
    """A person's ordinary edit in every progress file: a trailing comment on its middle record
    line. Returns the number of files edited."""
    edited = 0
    for path in sorted((root / "progress").glob("*/*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        records = [index for index, line in enumerate(lines) if line.startswith("- {")]
        if records:
            lines[records[len(records) // 2]] += "  # 已电话核实"
            path.write_text("\n".join(lines), encoding="utf-8", newline="")
            edited += 1
    return edited


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a benchmark ledger (generated plan + N records).")
    parser.add_argument("out", type=Path, help="ledger folder to create (projects.yaml + progress/)")
    parser.add_argument("--records", "-n", type=int, default=DEFAULT_RECORDS, help=f"number of records (default {DEFAULT_RECORDS})")
    parser.add_argument("--csv", type=Path, help="also write the records as one CSV import sheet")
    parser.add_argument("--journal", type=Path, help="also write an hledger journal with one transaction per record")
    parser.add_argument("--province", action="store_true", help="the province plan: 16 cities' counties (up to ≈4.5M records)")
    args = parser.parse_args(argv)
    records = write_ledger(args.out, args.records, province=args.province)
    if args.csv:
        write_csv(args.csv, records)
    if args.journal:
        write_journal(args.journal, records)
    print(f"{len(records)} records in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
