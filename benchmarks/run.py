"""The speed benchmark of PRODUCT.md §5: whole `minsheng` processes on big generated ledgers.

    python benchmarks/run.py                      # 65,000 (city) and 300,000 (province) records, 5 runs per figure
    python benchmarks/run.py --million            # and 1,000,000 (province): about 25 minutes more
    python benchmarks/run.py --sizes 20000 --runs 3 --json bench.json

What it does (details and decisions in benchmarks/README.md):
1. generates, per size, a ledger with benchmarks/generate.py through the package's own writer
   (the city plan below 200,000 records, the province plan of 16 cities' counties from there),
   the same records as one CSV sheet, an hledger journal, a beancount file and JSON lines, and a
   copy of the ledger with one trailing comment in every file (a person's hand edit);
2. times whole processes — the `minsheng` script next to this Python (else `python -m
   minsheng_cli`), one untimed warm-up, then the median, min and max of --runs runs — each
   through a small wrapper process, so that CPU time (user + system) and peak memory are the
   child's own;
3. prints, per size, every figure with its CPU cost per record (start-up taken off), the floor
   beside it (reading the same bytes; `json.loads` of the same records), the peers (hledger,
   bean-check) and the target of PRODUCT.md §5; then how each cost grows from size to size.

Commands that change the ledger (`update`, `import`) are run on the big ledger and put back
after each run, untimed — except `update`, timed as a person records progress: one update after
another, each on the next day, the ledger put back after the last. Every child gets its own cache folder (MINSHENG_CACHE), never yours.
Needs only the installed package and the standard library; hledger and bean-check are timed
when on PATH (or given with --hledger / --bean-check).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as G  # noqa: E402  (benchmarks/generate.py)

from minsheng_cli import __version__  # noqa: E402
from minsheng_cli.ledger.progress_file import format_number  # noqa: E402

REPO = G.REPO
EXAMPLE = REPO / "examples" / "2023-demo"
SIZES = (65_000, 300_000)
MILLION = 1_000_000
PROVINCE_FROM = 200_000  # sizes from here use the province plan (the city plan holds at most ≈292,000)
SMALL_IMPORT_ROWS = 500
UPDATE_DATE = "2023-12-28"
UPDATE_DAYS = [str(G.LAST_GENERATED_DAY + dt.timedelta(days=n)) for n in range(1, 8)]  # the week after the generated records
MB = 1024 * 1024

# PRODUCT.md §5 (seconds, MB, ratios)
VERSION_LIMIT = 0.05
DEMO_REPORT_LIMIT = 0.2
COLD_OVER_HLEDGER = {65_000: 0.15, MILLION: 0.06}
COLD_LIMIT_1M, COLD_MEMORY_1M = 2.0, 150
CONSTANT_WITHIN = 0.05  # warm report and one update: within this of `minsheng --version`
CHECK_OVER_BEAN_1M, CHECK_MEMORY_1M = 0.1, 300
YEAR_IMPORT_LIMIT_65K = 1.5
LINEAR_LIMIT = 1.25  # µs per row at N over µs per row at N/4
HAND_EDITED_LIMIT = 1.5  # hand-edited ledger's cold report over the machine-written one's


@dataclass
class Sample:
    wall: float
    cpu: Optional[float]
    peak_mb: Optional[float]
    code: int
    stderr: str


# A fresh, small process between the benchmark and each child: the child's peak memory is then its
# own. (Spawned from the benchmark itself, a child's ru_maxrss starts at the benchmark's own RSS —
# Linux carries the parent's high-water mark over fork and exec — so every light command showed
# the parent's 60 MB.) The wrapper times the child itself and reports RUSAGE_CHILDREN: the only
# child it ever had. Its own RSS (≈ 9 MB, `python -S`) is the lowest figure a child can show.
WRAPPER = """
import json, os, resource, sys, time
argv = json.loads(sys.argv[1])
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status = os.waitpid(pid, 0)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
factor = 1 if sys.platform == "darwin" else 1024
with open(sys.argv[2], "w") as out:
    json.dump([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * factor, os.waitstatus_to_exitcode(status)], out)
"""


def run_once(argv: list[str], env: dict, cwd: Path) -> Sample:
    """One child process, through the wrapper where there is one (POSIX): its wall time, its own
    CPU time (user + system) and its own peak RSS."""
    if not hasattr(os, "posix_spawnp"):
        return _run_direct(argv, env, cwd)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile(suffix=".json", delete=False) as report:
        report.close()
        try:
            wrapper = subprocess.run([sys.executable, "-S", "-E", "-c", WRAPPER, json.dumps(argv), report.name],
                                     stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=str(cwd))
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
            if wrapper.returncode != 0:
                return Sample(0.0, None, None, wrapper.returncode, stderr)
            wall, cpu, peak_bytes, code = json.loads(Path(report.name).read_text())
        finally:
            os.unlink(report.name)
    return Sample(wall, cpu, peak_bytes / MB, code, stderr)


def _run_direct(argv: list[str], env: dict, cwd: Path) -> Sample:
    """Without posix_spawn (Windows): wall time only."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=str(cwd))
        wall = time.perf_counter() - start
        err.seek(0)
        return Sample(wall, None, None, child.returncode, err.read().decode("utf-8", "replace"))


@dataclass
class Figure:
    name: str
    records: Optional[int]
    command: str
    samples: list[Sample] = field(default_factory=list)
    target: str = ""
    rule: Optional[Callable[["Figure"], Optional[bool]]] = None  # the target, judged once every figure is in
    startup: Optional["Figure"] = None  # subtracted for the cost per record
    per: Optional[int] = None  # records (or rows) the cost per record is over; default `records`
    floor: str = ""
    note: str = ""
    skipped: str = ""

    @property
    def walls(self) -> list[float]:
        return [s.wall for s in self.samples]

    @property
    def median(self) -> Optional[float]:
        return statistics.median(self.walls) if self.samples and not self.failed else None

    @property
    def cpu(self) -> Optional[float]:
        cpus = [s.cpu for s in self.samples if s.cpu is not None]
        return statistics.median(cpus) if cpus and not self.failed else None

    @property
    def peak_mb(self) -> Optional[float]:
        peaks = [s.peak_mb for s in self.samples if s.peak_mb is not None]
        return max(peaks) if peaks else None

    @property
    def us_per_record(self) -> Optional[float]:
        """CPU µs per record, the start-up figure's CPU taken off (wall when CPU is unknown)."""
        count = self.per or self.records
        if not count or self.median is None:
            return None
        own = self.cpu if self.cpu is not None else self.median
        base = (self.startup.cpu if self.startup.cpu is not None else self.startup.median) if self.startup else 0.0
        return max(own - (base or 0.0), 0.0) / count * 1e6

    @property
    def failed(self) -> Optional[str]:
        bad = [s for s in self.samples if s.code != 0]
        if not bad:
            return None
        return f"exit {bad[0].code}: " + (bad[0].stderr.strip().splitlines() or [""])[-1][:200]

    @property
    def ok(self) -> Optional[bool]:
        if self.skipped or not self.samples:
            return None
        if self.failed:
            return False
        return self.rule(self) if self.rule else None

    def as_json(self) -> dict:
        return {
            "name": self.name, "records": self.records, "command": self.command, "runs": len(self.samples),
            "wall_median": self.median, "wall_min": min(self.walls) if self.samples else None,
            "wall_max": max(self.walls) if self.samples else None, "wall_all": self.walls, "cpu_median": self.cpu,
            "peak_mb": self.peak_mb, "us_per_record": self.us_per_record, "floor": self.floor or None,
            "target": self.target, "ok": self.ok, "failed": self.failed, "note": self.note, "skipped": self.skipped or None,
        }


class Bench:
    """Runs figures: `minsheng` with a private cache folder, hooks before/after each run (untimed)."""

    def __init__(self, workdir: Path, runs: int, verbose: bool = True):
        self.workdir, self.runs, self.verbose = workdir, runs, verbose
        self.program = minsheng_program()
        self.cache = workdir / "cache-warm"
        self.figures: list[Figure] = []

    def env(self, cache: Optional[Path] = None) -> dict:
        env = dict(os.environ)
        # PYTHONDONTWRITEBYTECODE (set on some sandboxes) would recompile every module at every
        # start; an installed package has its bytecode compiled at install time.
        for name in ("MINSHENG_DATA", "MINSHENG_NO_CACHE", "MINSHENG_DEBUG", "PYTHONDONTWRITEBYTECODE"):
            env.pop(name, None)
        env["MINSHENG_CACHE"] = str(cache or self.cache)
        env["NO_COLOR"] = "1"
        env.setdefault("COLUMNS", "160")
        return env

    def fresh_cache(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="cache-cold-", dir=self.workdir))

    def measure(
        self,
        figure: Figure,
        argv: list[str] | Callable[[int], list[str]],
        before: Optional[Callable[[], Optional[dict]]] = None,
        after: Optional[Callable[[], None]] = None,
        runs: Optional[int] = None,
        warmup: bool = True,
        verify: Optional[Callable[[], Optional[str]]] = None,
    ) -> Figure:
        """Time `argv` (a full command line, or run number → the command line of that run, the
        warm-up's number 0); `before` may return the environment of the run;
        `verify` (called before `after`) returns what went wrong, if the run did not do its work."""
        self.figures.append(figure)
        if figure.skipped:
            self.say(f"  {figure.name}: skipped ({figure.skipped})")
            return figure
        total = runs or self.runs
        for index in range(total + (1 if warmup else 0)):
            env = (before() if before else None) or self.env()
            sample = run_once(argv(index) if callable(argv) else argv, env, self.workdir)
            problem = verify() if verify and sample.code == 0 else None
            if problem:
                sample.code, sample.stderr = -1, problem
            if after:
                after()
            if warmup and index == 0:
                if sample.code != 0:
                    figure.samples.append(sample)
                    break
                continue
            figure.samples.append(sample)
            if sample.code != 0:
                break
        shown = f"{figure.median:.3f} s" if figure.median is not None else "-"
        self.say(f"  {figure.name} [{figure.records or '-'}]: {shown}" + (f"  FAILED {figure.failed}" if figure.failed else ""))
        return figure

    def minsheng(self, *args: str) -> list[str]:
        return [*self.program, *args]

    def say(self, text: str) -> None:
        if self.verbose:
            print(text, file=sys.stderr, flush=True)


def minsheng_program() -> list[str]:
    """The installed `minsheng` script next to this interpreter (what users run), else `-m`."""
    folder = Path(sys.executable).parent
    for name in ("minsheng.exe", "minsheng") if os.name == "nt" else ("minsheng",):
        script = folder / name
        if script.is_file():
            return [str(script)]
    return [sys.executable, "-m", "minsheng_cli"]


# --- the big ledgers ----------------------------------------------------------------------------------------
@dataclass
class BigLedger:
    records: int
    province: bool
    root: Path
    hand_edited: Path
    csv: Path
    quarter_csv: Path
    journal: Path
    beancount: Path
    json_lines: Path
    written: list
    seconds: float

    @property
    def data(self) -> str:
        return str(self.root)

    @property
    def plan_name(self) -> str:
        return "province" if self.province else "city"


def build_ledger(workdir: Path, records: int) -> BigLedger:
    base = workdir / f"ledger-{records}"
    province = records >= PROVINCE_FROM
    started = time.perf_counter()
    written = G.write_ledger(base / "data", records, province=province)
    seconds = time.perf_counter() - started
    ledger = BigLedger(records, province, base / "data", base / "hand-edited", base / "year.csv", base / "quarter.csv",
                       base / "year.journal", base / "year.beancount", base / "records.jsonl", written, seconds)
    G.write_csv(ledger.csv, written)
    G.write_csv(ledger.quarter_csv, written[: len(written) // 4])
    G.write_journal(ledger.journal, written)
    G.write_beancount(ledger.beancount, written)
    G.write_json_lines(ledger.json_lines, written)
    shutil.copytree(ledger.root, ledger.hand_edited)
    G.hand_edit(ledger.hand_edited)
    return ledger


def last_values(records: list) -> dict[tuple, object]:
    last: dict[tuple, object] = {}
    for record in sorted(records, key=lambda r: r.date):
        if record.target is not None and record.value is not None:
            last[(record.project, record.target, record.county)] = record.value
    return last


def small_import_sheet(ledger: BigLedger, path: Path, rows: int = SMALL_IMPORT_ROWS) -> int:
    """`rows` new December figures, one per numeric series, each a little above its last value."""
    chosen = []
    for (project, target, county), value in last_values(ledger.written).items():
        if isinstance(value, Decimal):
            step = Decimal(1) if value == value.to_integral_value() else Decimal("0.01")
            chosen.append([str(project), target, format_number(value + step), UPDATE_DATE, county or "", "本周新增部分已核实", "", "", "基准测试"])
        if len(chosen) == rows:
            break
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(G.CSV_COLUMNS)
        writer.writerows(chosen)
    return len(chosen)


class Snapshot:
    """Puts a ledger's progress/ back as it was (after a command that writes)."""

    def __init__(self, root: Path):
        self.root = root
        self.saved = root.parent / (root.name + ".progress-saved")
        if self.saved.exists():
            shutil.rmtree(self.saved)
        shutil.copytree(root / "progress", self.saved)

    def restore(self) -> None:
        shutil.rmtree(self.root / "progress")
        shutil.copytree(self.saved, self.root / "progress")


# --- the floors: plain Python over the same data ----------------------------------------------------------
FLOOR_READ = """
import os, sys
total = 0
for month in sorted(os.listdir(sys.argv[1])):
    folder = os.path.join(sys.argv[1], month)
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as handle:
            total += len(handle.read())
"""
FLOOR_JSON = """
import json, sys
with open(sys.argv[1], encoding="utf-8") as handle:
    records = [json.loads(line) for line in handle]
"""


# --- the figures -------------------------------------------------------------------------------------------
def run_small(bench: Bench) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    found["python"] = bench.measure(Figure("python -S -c pass", None, "the floor's start-up", note="subtracted from the floors"),
                                    [sys.executable, "-S", "-c", "pass"])
    found["version"] = bench.measure(Figure("minsheng --version", None, "minsheng --version", target=f"≤ {VERSION_LIMIT} s",
                                            rule=lambda f: f.median <= VERSION_LIMIT, note="start-up: subtracted from every figure's cost per record"),
                                     bench.minsheng("--version"))
    skipped = "" if (EXAMPLE / "projects.yaml").is_file() else f"{EXAMPLE} is not there yet"
    demo_args = ("--data", str(EXAMPLE), "report", "--month", "2023-06", "--format", "table")
    bench.measure(Figure("report --month 2023-06 (example ledger, warm)", None, "minsheng " + " ".join(demo_args),
                         target=f"≤ {DEMO_REPORT_LIMIT} s", rule=lambda f: f.median <= DEMO_REPORT_LIMIT, skipped=skipped),
                  bench.minsheng(*demo_args))
    bench.measure(Figure("report --month 2023-06 (example ledger, cold)", None, "same, fresh cache folder each run",
                         note="first run after a change of plan", skipped=skipped),
                  bench.minsheng(*demo_args), before=lambda: bench.env(bench.fresh_cache()))
    return found


def run_size(bench: Bench, ledger: BigLedger, small: dict[str, Figure], peers: dict[str, Optional[str]], writes: bool) -> dict[str, Figure]:
    """Every figure at one size."""
    n, version = ledger.records, small["version"]
    data = ("--data", ledger.data)
    report = ("report", "--month", "2023-12")
    shown = " ".join(report)
    got: dict[str, Figure] = {}

    def fig(key: str, name: str, command: str, argv: list[str], **options) -> Figure:
        hooks = {k: options.pop(k) for k in ("before", "after", "verify", "runs") if k in options}
        options.setdefault("startup", version)
        got[key] = bench.measure(Figure(name, n, command, **options), argv, **hooks)
        return got[key]

    # peers and floors
    for key, name, argv in (("hledger", "hledger bal -M", [peers["hledger"] or "", "-f", str(ledger.journal), "bal", "-M"]),
                            ("bean", "bean-check -C", [peers["bean-check"] or "", "-C", str(ledger.beancount)])):
        program = peers["hledger" if key == "hledger" else "bean-check"]
        fig(key, name, " ".join(argv[1:]), argv, skipped="" if program else f"{name.split()[0]} not on PATH", startup=None,
            note="peer: the same number of transactions")
    fig("read_bytes", "floor: read the ledger's bytes", "python -S: open and read every progress file",
        [sys.executable, "-S", "-c", FLOOR_READ, str(ledger.root / "progress")], startup=small["python"])
    fig("json", "floor: json.loads of the same records", "python -S: json.loads of each record's line",
        [sys.executable, "-S", "-c", FLOOR_JSON, str(ledger.json_lines)], startup=small["python"])
    floor = lambda: f"read {_us(got['read_bytes'])} · json {_us(got['json'])} µs/rec"  # noqa: E731

    fig("cold", f"{shown} cold", f"minsheng {shown} (fresh cache folder each run)", bench.minsheng(*data, *report),
        before=lambda: bench.env(bench.fresh_cache()), rule=_cold_rule(got), target=_cold_target(n))
    fig("cold_one", f"{shown} cold, one process", "same, MINSHENG_WORKERS=1: no worker processes",
        bench.minsheng(*data, *report), before=lambda: {**bench.env(bench.fresh_cache()), "MINSHENG_WORKERS": "1"},
        note="what one core costs; the figure above is the largest process of the run")
    fig("no_cache", f"{shown} --no-cache", f"minsheng --no-cache {shown}", bench.minsheng(*data, "--no-cache", *report))
    fig("warm", f"{shown} warm", f"minsheng {shown} (nothing changed since the last run)", bench.minsheng(*data, *report),
        target=f"≤ --version + {CONSTANT_WITHIN} s", rule=lambda f: f.median <= (version.median or 0) + CONSTANT_WITHIN)
    touched = ledger.root / "progress" / "2023-12" / "01.yaml"
    original = touched.read_bytes()
    counter = iter(range(10**6))

    def touch() -> None:
        touched.write_bytes(original + f"# benchmark {next(counter)}\n".encode())

    fig("one_changed", f"{shown} warm, one file changed", f"minsheng {shown} after a comment is added to progress/2023-12/01.yaml",
        bench.minsheng(*data, *report), before=lambda: (touch(), None)[1], after=lambda: touched.write_bytes(original),
        note="the usual run after an update or import")
    fig("hand_edited", f"{shown} --no-cache, hand-edited ledger", "a trailing comment on one line of every file",
        bench.minsheng("--data", str(ledger.hand_edited), "--no-cache", *report),
        target=f"≤ {HAND_EDITED_LIMIT}× --no-cache", rule=lambda f: _ratio_ok(f, got.get("no_cache"), HAND_EDITED_LIMIT))
    fig("check", "check", "minsheng check", bench.minsheng(*data, "check"), target=_check_target(n), rule=_check_rule(got))
    fig("check_one", "check, one process", "same, MINSHENG_WORKERS=1", bench.minsheng(*data, "check"),
        before=lambda: {**bench.env(), "MINSHENG_WORKERS": "1"})
    fig("log", "log 1 new_places", "minsheng log 1 new_places", bench.minsheng(*data, "log", "1", "new_places"))
    for key in ("cold", "cold_one", "no_cache", "warm", "one_changed", "hand_edited", "check", "check_one", "log"):
        got[key].floor = floor()
    if writes:
        run_writes(bench, ledger, got, fig)
    return got


def run_writes(bench: Bench, ledger: BigLedger, got: dict[str, Figure], fig: Callable[..., Figure]) -> None:
    n = ledger.records
    data = ("--data", ledger.data)
    snapshot = Snapshot(ledger.root)
    plan = G.load_generated_plan((ledger.root / "projects.yaml").read_text(encoding="utf-8"))
    county = plan.county_names[1]  # 任城区 (the province: 济南市任城区)
    last = last_values(ledger.written).get((1, "new_places", county))
    december = ledger.root / "progress" / "2023-12" / "01.yaml"
    size = december.stat().st_size

    def appended() -> Optional[str]:
        return None if december.stat().st_size > size else f"{december} did not grow: nothing was written"

    version = got["cold"].startup
    if last is not None:
        grown = [size]

        def recorded() -> Optional[str]:  # each update adds to the last one's file
            now = december.stat().st_size
            grown.append(now)
            return None if now > grown[-2] else f"{december} did not grow: nothing was written"

        def update(run: int) -> list[str]:  # one more on each next day: what a person's updates are
            return bench.minsheng(*data, "update", "1", "new_places", format_number(last + 1 + run), "--county", county,
                                  "--date", UPDATE_DAYS[run])

        shown = f"update 1 new_places {format_number(last + 1)} --county {county} --date {UPDATE_DAYS[0]}, then one more each next day"
        fig("update", "update (one record)", "minsheng " + shown, update, verify=recorded, runs=min(bench.runs, len(UPDATE_DAYS) - 1),
            target=f"≤ --version + {CONSTANT_WITHIN} s", rule=lambda f: f.median <= (version.median or 0) + CONSTANT_WITHIN)
        snapshot.restore()
    sheet = ledger.root.parent / "december-500.csv"
    rows = small_import_sheet(ledger, sheet)
    fig("import_small", f"import {rows}-row CSV", f"minsheng import {sheet.name}", bench.minsheng(*data, "import", str(sheet)),
        after=snapshot.restore, verify=appended)
    empty = ledger.root.parent / "empty" / "data"
    G.write_plan(empty, province=ledger.province)

    def imported(expected: int) -> Callable[[], Optional[str]]:
        def verify() -> Optional[str]:
            lines = sum(path.read_bytes().count(b"\n- {") for path in (empty / "progress").glob("*/*.yaml"))
            return None if lines == expected else f"{lines} records imported, not {expected}"
        return verify

    def empty_progress() -> None:
        shutil.rmtree(empty / "progress")
        (empty / "progress").mkdir()

    quarter = n // 4
    fig("import_quarter", f"import {quarter:,} rows (first quarter) as one CSV", f"minsheng import {ledger.quarter_csv.name}",
        bench.minsheng("--data", str(empty), "import", str(ledger.quarter_csv)), after=empty_progress,
        runs=min(bench.runs, 3), verify=imported(quarter), per=quarter, note="the import's growth: its µs/row beside the whole year's")
    fig("import_year", "import whole year as one CSV (empty ledger)", f"minsheng import {ledger.csv.name}",
        bench.minsheng("--data", str(empty), "import", str(ledger.csv)), after=empty_progress, runs=min(bench.runs, 3),
        verify=imported(n), target=(f"≤ {YEAR_IMPORT_LIMIT_65K} s; " if n <= 65_000 else "") + f"later rows ≤ {LINEAR_LIMIT}× the first quarter's µs/row",
        rule=lambda f: _import_ok(f, got.get("import_quarter")))


def _cold_target(n: int) -> str:
    parts = [f"≤ {limit}× hledger" for size, limit in COLD_OVER_HLEDGER.items() if n == size]
    if n >= MILLION:
        parts += [f"≤ {COLD_LIMIT_1M} s", f"≤ {COLD_MEMORY_1M} MB"]
    return ", ".join(parts)


def _cold_rule(got: dict[str, Figure]) -> Callable[[Figure], Optional[bool]]:
    def rule(f: Figure) -> Optional[bool]:
        verdicts = []
        limit = COLD_OVER_HLEDGER.get(f.records)
        peer = got.get("hledger")
        if limit is not None and peer is not None and peer.median:
            verdicts.append(f.median <= limit * peer.median)
        if f.records >= MILLION:
            verdicts += [f.median <= COLD_LIMIT_1M, (f.peak_mb or 0) <= COLD_MEMORY_1M]
        return all(verdicts) if verdicts else None
    return rule


def _check_target(n: int) -> str:
    return f"≤ {CHECK_OVER_BEAN_1M}× bean-check, ≤ {CHECK_MEMORY_1M} MB" if n >= MILLION else ""


def _check_rule(got: dict[str, Figure]) -> Callable[[Figure], Optional[bool]]:
    def rule(f: Figure) -> Optional[bool]:
        if f.records < MILLION:
            return None
        peer = got.get("bean")
        verdicts = [(f.peak_mb or 0) <= CHECK_MEMORY_1M]
        if peer is not None and peer.median:
            verdicts.append(f.median <= CHECK_OVER_BEAN_1M * peer.median)
        return all(verdicts)
    return rule


def _ratio_ok(f: Figure, base: Optional[Figure], limit: float) -> Optional[bool]:
    if base is None or not base.median:
        return None
    return f.median <= limit * base.median


def marginal_us_per_row(year: Figure, quarter: Optional[Figure]) -> Optional[float]:
    """CPU µs per row of the last three quarters (the year less its first quarter): a per-row
    cost that grows with the rows already in (a rescan) makes it exceed the quarter's own."""
    if quarter is None or year.cpu is None or quarter.cpu is None or not quarter.per:
        return None
    return max(year.cpu - quarter.cpu, 0.0) / (year.records - quarter.per) * 1e6


def _import_ok(f: Figure, quarter: Optional[Figure]) -> Optional[bool]:
    verdicts = []
    if f.records <= 65_000:
        verdicts.append(f.median <= YEAR_IMPORT_LIMIT_65K)
    marginal = marginal_us_per_row(f, quarter)
    if marginal is not None and quarter.us_per_record:
        f.note = f"µs/row of the last three quarters {marginal:.1f}, of the first quarter {quarter.us_per_record:.1f}"
        verdicts.append(marginal <= LINEAR_LIMIT * quarter.us_per_record)
    return all(verdicts) if verdicts else None


def peer_version(program: Optional[str]) -> str:
    if not program:
        return ""
    try:
        return subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _ratio(a: Optional[float], b: Optional[float]) -> str:
    return f"{a / b:.2f}" if a and b else "-"


# --- printing ---------------------------------------------------------------------------------------------
def _s(value: Optional[float], digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _us(f: Optional[Figure]) -> str:
    return "-" if f is None or f.us_per_record is None else f"{f.us_per_record:.2f}"


def _n(records: Optional[int]) -> str:
    return "-" if not records else f"{records:,}"


def _table(rows: list[tuple]) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def figures_table(figures: list[Figure]) -> str:
    rows: list[tuple] = [("figure", "median s", "min s", "max s", "CPU s", "peak MB", "µs/record", "floor", "target", "ok")]
    for f in figures:
        if f.skipped:
            rows.append((f.name, "skipped", "", "", "", "", "", "", f.target, f.skipped))
            continue
        ok = {True: "yes", False: "NO", None: "-"}[f.ok]
        rows.append((f.name, _s(f.median), _s(min(f.walls) if f.walls else None), _s(max(f.walls) if f.walls else None),
                     _s(f.cpu), _s(f.peak_mb, 0), _us(f) if f.records else "", f.floor, f.target, ok + (f"  ({f.failed})" if f.failed else "")))
    notes = [f"  {f.name}: {f.note}" for f in figures if f.note and not f.skipped]
    return _table(rows) + ("\n" + "\n".join(notes) if notes else "")


def ratios_text(got: dict[str, Figure]) -> str:
    pairs = [("cold report ÷ hledger", "cold", "hledger"), ("check ÷ bean-check", "check", "bean"),
             ("hand-edited ÷ machine-written (--no-cache)", "hand_edited", "no_cache"),
             ("cold report ÷ json.loads floor", "cold", "json"), ("cold report ÷ read-bytes floor", "cold", "read_bytes")]
    parts = []
    for label, a, b in pairs:
        if a in got and b in got and got[a].median and got[b].median:
            parts.append(f"  {label}: wall {_ratio(got[a].median, got[b].median)}, CPU {_ratio(got[a].cpu, got[b].cpu)}")
    return "\n".join(parts)


def growth_table(sizes: dict[int, dict[str, Figure]]) -> str:
    """µs per record (CPU, start-up taken off) of each figure at each size: equal numbers = linear."""
    order = sorted(sizes)
    keys = [key for key in sizes[order[0]] if all(key in sizes[n] for n in order)]
    rows: list[tuple] = [("figure", *[f"{_n(n)} µs/rec" for n in order], *[f"{_n(n)} MB" for n in order])]
    for key in keys:
        figures = [sizes[n][key] for n in order]
        rows.append((figures[0].name, *[_us(f) for f in figures], *[_s(f.peak_mb, 0) for f in figures]))
    return _table(rows)


def machine() -> dict:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "python": sys.version.split()[0], "executable": sys.executable, "platform": platform.platform(),
        "cpus": os.cpu_count(), "minsheng": __version__, "load_average": load,
    }


def _load(load) -> str:
    return "-" if not load else " ".join(f"{x:.2f}" for x in load)


# --- main -------------------------------------------------------------------------------------------------
def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="minsheng speed benchmark (PRODUCT.md §5).")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), metavar="N,N,…",
                        help=f"ledger sizes in records (default {','.join(map(str, SIZES))}; the province plan from {PROVINCE_FROM:,})")
    parser.add_argument("--million", action="store_true", help=f"also {MILLION:,} records (province plan)")
    parser.add_argument("--runs", "-r", type=int, default=5, help="timed runs per figure, after one untimed warm-up (default 5)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON")
    parser.add_argument("--workdir", type=Path, help="where to build the ledgers (default: a temporary folder, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (to profile by hand)")
    parser.add_argument("--skip-writes", action="store_true", help="leave out update and import")
    parser.add_argument("--hledger", help="the hledger program (default: on PATH)")
    parser.add_argument("--bean-check", help="the bean-check program (default: on PATH)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    sizes = sorted({int(text.replace("_", "")) for text in args.sizes.split(",") if text.strip()} | ({MILLION} if args.million else set()))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="minsheng-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, args.runs, verbose=not args.quiet)
    peers = {"hledger": args.hledger or shutil.which("hledger"), "bean-check": args.bean_check or shutil.which("bean-check")}
    started = machine()
    by_size: dict[int, dict[str, Figure]] = {}
    ledgers: dict[int, BigLedger] = {}
    try:
        bench.say(f"minsheng {__version__} via {' '.join(bench.program)}; work folder {workdir}")
        small = run_small(bench)
        small_figures = list(bench.figures)
        for size in sizes:
            bench.say(f"generating {size:,} records …")
            ledgers[size] = ledger = build_ledger(workdir, size)
            bench.say(f"  {ledger.plan_name} plan, written in {ledger.seconds:.1f} s (in-process append_records)")
            by_size[size] = run_size(bench, ledger, small, peers, writes=not args.skip_writes)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"minsheng {__version__} · Python {started['python']} · {started['platform']} · {started['cpus']} CPUs · "
          f"load average at start {_load(started['load_average'])}, at end {_load(machine()['load_average'])}")
    print(f"{args.runs} runs per figure after one warm-up; wall seconds; CPU = the child's own user+system time; peak MB = the "
          f"child's own peak RSS (≥ the wrapper's ≈9 MB); µs/record = CPU less the start-up figure's CPU, per record")
    print(f"peers: {peer_version(peers['hledger']) or 'hledger not found'} · "
          f"{peer_version(peers['bean-check']) or 'bean-check not found'}\n")
    print(figures_table(small_figures))
    for size in sizes:
        ledger = ledgers[size]
        print(f"\n{size:,} records ({ledger.plan_name} plan, benchmarks/generate.py{' --province' if ledger.province else ''})\n")
        print(figures_table(list(by_size[size].values())))
        print(ratios_text(by_size[size]))
    if len(sizes) > 1:
        print("\nhow cost grows (CPU µs per record, start-up taken off: equal numbers = linear; peak MB):\n")
        print(growth_table(by_size))
    result = {"machine": started, "load_average_end": machine()["load_average"], "runs": args.runs,
              "peers": {name: peer_version(program) for name, program in peers.items()},
              "small": [f.as_json() for f in small_figures],
              "sizes": {str(size): {"plan": ledgers[size].plan_name, "generate_seconds": ledgers[size].seconds,
                                    "figures": {key: f.as_json() for key, f in by_size[size].items()}} for size in sizes}}
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nJSON: {args.json}")
    failed = [f for f in bench.figures if f.failed]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
