"""The speed benchmark of PRODUCT.md §5: whole `minsheng` processes on a big generated ledger.

    python benchmarks/run.py                      # N = 65,000 records, 5 runs per figure
    python benchmarks/run.py --records 20000 --runs 3
    python benchmarks/run.py --scale              # also N = 10k, 30k, 100k: how cost grows
    python benchmarks/run.py --scale 5000,50000 --json bench.json

What it does (details and decisions in benchmarks/README.md):
1. generates a ledger of N records in a temporary folder with benchmarks/generate.py, through
   `minsheng_cli.ledger.store.append_records` (the writer of `update` and `import`), plus the same
   records as one CSV sheet and as an hledger journal;
2. times whole processes — the `minsheng` script next to this Python (else `python -m
   minsheng_cli`), one untimed warm-up, then the median, min and max of --runs runs — and
   records each child's CPU time and peak memory (getrusage of that child);
3. prints a table with the targets of PRODUCT.md §5 and, with --json, writes every figure.

Commands that change the ledger (`update`, `import`) are run on the big ledger and put back
after each run, untimed. Every child gets its own cache folder (MINSHENG_CACHE), never yours.
Needs only the installed package and the standard library; hledger is used when on PATH.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
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
SCALES = (10_000, 30_000, 100_000)
SMALL_IMPORT_ROWS = 500
UPDATE_DATE = "2023-12-28"
MB = 1024 * 1024

# PRODUCT.md §5 (seconds / MB)
VERSION_LIMIT = 0.15
DEMO_REPORT_LIMIT = 0.3
WARM_REPORT_LIMIT = 0.5
MEMORY_LIMIT_MB = 200
YEAR_IMPORT_LIMIT = 60.0
LINEAR_EXPONENT_LIMIT = 1.1


# --- one timed process --------------------------------------------------------------------------------
@dataclass
class Sample:
    wall: float
    cpu: Optional[float]
    peak_mb: Optional[float]
    code: int
    stderr: str


def run_once(argv: list[str], env: dict, cwd: Path) -> Sample:
    """One child process: wall time, its own CPU time and peak RSS (os.wait4 where there is one)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=str(cwd))
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
            peak = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB elsewhere
        else:
            child.wait()
            wall, cpu, peak = time.perf_counter() - start, None, None
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Sample(wall, cpu, peak, child.returncode, stderr)


@dataclass
class Figure:
    name: str
    records: Optional[int]
    command: str
    samples: list[Sample] = field(default_factory=list)
    target: str = ""
    limit: Optional[float] = None  # seconds; None: no limit of its own
    note: str = ""
    skipped: str = ""

    @property
    def walls(self) -> list[float]:
        return [s.wall for s in self.samples]

    @property
    def median(self) -> Optional[float]:
        return statistics.median(self.walls) if self.samples else None

    @property
    def cpu(self) -> Optional[float]:
        cpus = [s.cpu for s in self.samples if s.cpu is not None]
        return statistics.median(cpus) if cpus else None

    @property
    def peak_mb(self) -> Optional[float]:
        peaks = [s.peak_mb for s in self.samples if s.peak_mb is not None]
        return max(peaks) if peaks else None

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
        if self.limit is not None and self.median > self.limit:
            return False
        if self.records and self.peak_mb is not None and self.peak_mb > MEMORY_LIMIT_MB and not self.name.startswith("hledger"):
            return False
        return True

    def as_json(self) -> dict:
        return {
            "name": self.name, "records": self.records, "command": self.command, "runs": len(self.samples),
            "wall_median": self.median, "wall_min": min(self.walls) if self.samples else None,
            "wall_max": max(self.walls) if self.samples else None, "wall_all": self.walls, "cpu_median": self.cpu,
            "peak_mb": self.peak_mb, "target": self.target, "ok": self.ok, "failed": self.failed,
            "note": self.note, "skipped": self.skipped or None,
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
        argv: list[str],
        before: Optional[Callable[[], Optional[dict]]] = None,
        after: Optional[Callable[[], None]] = None,
        runs: Optional[int] = None,
        warmup: bool = True,
        verify: Optional[Callable[[], Optional[str]]] = None,
    ) -> Figure:
        """Time `argv` (a full command line); `before` may return the environment of the run;
        `verify` (called before `after`) returns what went wrong, if the run did not do its work."""
        self.figures.append(figure)
        if figure.skipped:
            self.say(f"  {figure.name}: skipped ({figure.skipped})")
            return figure
        total = runs or self.runs
        for index in range(total + (1 if warmup else 0)):
            env = (before() if before else None) or self.env()
            sample = run_once(argv, env, self.workdir)
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
        shown = f"{figure.median:.3f} s" if figure.samples else "-"
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


# --- the big ledger ----------------------------------------------------------------------------------------
@dataclass
class BigLedger:
    records: int
    root: Path
    csv: Path
    journal: Path
    written: list
    seconds: float

    @property
    def data(self) -> str:
        return str(self.root)


def build_ledger(workdir: Path, records: int) -> BigLedger:
    base = workdir / f"ledger-{records}"
    started = time.perf_counter()
    written = G.write_ledger(base / "data", records)
    seconds = time.perf_counter() - started
    sheet, journal = base / "year.csv", base / "year.journal"
    G.write_csv(sheet, written)
    G.write_journal(journal, written)
    return BigLedger(records, base / "data", sheet, journal, written, seconds)


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


# --- the figures -------------------------------------------------------------------------------------------
def run_small(bench: Bench) -> None:
    bench.measure(Figure("minsheng --version", None, "minsheng --version", target=f"≤ {VERSION_LIMIT} s", limit=VERSION_LIMIT),
                  bench.minsheng("--version"))
    skipped = "" if (EXAMPLE / "projects.yaml").is_file() else f"{EXAMPLE} is not there yet"
    demo_args = ("--data", str(EXAMPLE), "report", "--month", "2023-06", "--format", "table")
    bench.measure(Figure("report --month 2023-06 -f table (example ledger, warm)", None, "minsheng " + " ".join(demo_args),
                         target=f"≤ {DEMO_REPORT_LIMIT} s", limit=DEMO_REPORT_LIMIT, skipped=skipped), bench.minsheng(*demo_args))
    bench.measure(Figure("report --month 2023-06 -f table (example ledger, cold)", None, "same, fresh cache folder each run",
                         note="first run after a change of plan", skipped=skipped),
                  bench.minsheng(*demo_args), before=lambda: bench.env(bench.fresh_cache()))


def run_big_reads(bench: Bench, ledger: BigLedger, hledger: Optional[str], full: bool = True) -> dict[str, Figure]:
    n = ledger.records
    data = ("--data", ledger.data)
    report = ("report", "--month", "2023-12")
    shown = " ".join(report)
    figures: dict[str, Figure] = {}
    if hledger:
        figures["hledger"] = bench.measure(
            Figure("hledger bal -M", n, f"hledger -f {ledger.journal.name} bal -M", note=hledger_version(hledger)),
            [hledger, "-f", str(ledger.journal), "bal", "-M"])
    else:
        figures["hledger"] = bench.measure(Figure("hledger bal -M", n, "hledger bal -M", skipped="hledger not on PATH"), [])
    cold = Figure(f"{shown} cold", n, f"minsheng {shown} (fresh cache folder each run)", target="< hledger bal -M")
    figures["cold"] = bench.measure(cold, bench.minsheng(*data, *report), before=lambda: bench.env(bench.fresh_cache()))
    if figures["hledger"].median and cold.median:
        cold.limit = figures["hledger"].median
        cold.note = f"ratio to hledger {cold.median / figures['hledger'].median:.2f} (CPU {_ratio(cold.cpu, figures['hledger'].cpu)})"
    figures["no_cache"] = bench.measure(Figure(f"{shown} --no-cache", n, f"minsheng --no-cache {shown}"),
                                        bench.minsheng(*data, "--no-cache", *report))
    figures["warm"] = bench.measure(Figure(f"{shown} warm", n, f"minsheng {shown} (nothing changed since last run)",
                                           target=f"≤ {WARM_REPORT_LIMIT} s", limit=WARM_REPORT_LIMIT),
                                    bench.minsheng(*data, *report))
    if full:
        touched = ledger.root / "progress" / "2023-12" / "01.yaml"
        original = touched.read_bytes()
        counter = iter(range(10**6))

        def touch() -> None:
            touched.write_bytes(original + f"# benchmark {next(counter)}\n".encode())

        figures["one_changed"] = bench.measure(
            Figure(f"{shown} warm, one file changed", n, f"minsheng {shown} after a comment is added to progress/2023-12/01.yaml",
                   note="the usual run after an update or import"),
            bench.minsheng(*data, *report), before=lambda: (touch(), None)[1], after=lambda: touched.write_bytes(original))
    figures["check"] = bench.measure(Figure("check", n, "minsheng check"), bench.minsheng(*data, "check"))
    if full:
        figures["log"] = bench.measure(Figure("log 1 new_places", n, "minsheng log 1 new_places"),
                                       bench.minsheng(*data, "log", "1", "new_places"))
    return figures


def run_big_writes(bench: Bench, ledger: BigLedger) -> None:
    n = ledger.records
    data = ("--data", ledger.data)
    snapshot = Snapshot(ledger.root)
    last = last_values(ledger.written)[(1, "new_places", "任城区")]
    update = ("update", "1", "new_places", format_number(last + 1), "--county", "任城区", "--date", UPDATE_DATE)
    december = ledger.root / "progress" / "2023-12" / "01.yaml"
    size = december.stat().st_size

    def appended() -> Optional[str]:
        return None if december.stat().st_size > size else f"{december} did not grow: nothing was written"

    bench.measure(Figure("update (one record)", n, "minsheng " + " ".join(update)), bench.minsheng(*data, *update),
                  after=snapshot.restore, verify=appended)
    sheet = ledger.root.parent / "december-500.csv"
    rows = small_import_sheet(ledger, sheet)
    bench.measure(Figure(f"import {rows}-row CSV", n, f"minsheng import {sheet.name}"),
                  bench.minsheng(*data, "import", str(sheet)), after=snapshot.restore, verify=appended)
    empty = ledger.root.parent / "empty" / "data"
    G.write_plan(empty)

    def imported() -> Optional[str]:
        lines = sum(path.read_bytes().count(b"\n- {") for path in (empty / "progress").glob("*/*.yaml"))
        return None if lines == n else f"{lines} records imported, not {n}"

    def empty_progress() -> None:
        shutil.rmtree(empty / "progress")
        (empty / "progress").mkdir()

    bench.measure(Figure("import whole year as one CSV (empty ledger)", n, f"minsheng import {ledger.csv.name}",
                         target=f"< {YEAR_IMPORT_LIMIT:.0f} s", limit=YEAR_IMPORT_LIMIT),
                  bench.minsheng("--data", str(empty), "import", str(ledger.csv)), after=empty_progress, runs=min(bench.runs, 3), verify=imported)


def hledger_version(program: str) -> str:
    try:
        return subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _ratio(a: Optional[float], b: Optional[float]) -> str:
    return f"{a / b:.2f}" if a and b else "-"


# --- growth ---------------------------------------------------------------------------------------------
def growth(points: list[tuple[int, Optional[float]]]) -> dict:
    """Log-log slope of time over records (1 = linear; fixed start-up cost pulls it below 1) and
    the marginal cost per 10,000 records between consecutive scales."""
    known = [(n, t) for n, t in points if t]
    if len(known) < 2:
        return {"exponent": None, "per_10k": []}
    xs = [math.log(n) for n, _ in known]
    ys = [math.log(t) for _, t in known]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    marginal = [(b_t - a_t) / (b_n - a_n) * 10_000 for (a_n, a_t), (b_n, b_t) in zip(known, known[1:])]
    return {"exponent": slope, "per_10k": marginal}


# --- printing ---------------------------------------------------------------------------------------------
def _s(value: Optional[float], digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def figures_table(figures: list[Figure]) -> str:
    header = ("figure", "records", "median s", "min s", "max s", "CPU s", "peak MB", "target", "ok")
    rows = [header]
    for f in figures:
        if f.skipped:
            rows.append((f.name, _n(f.records), "skipped", "", "", "", "", f.target, f.skipped))
            continue
        ok = {True: "yes", False: "NO", None: "-"}[f.ok]
        rows.append((f.name, _n(f.records), _s(f.median), _s(min(f.walls) if f.walls else None), _s(max(f.walls) if f.walls else None),
                     _s(f.cpu), _s(f.peak_mb, 0), f.target, ok + (f"  ({f.failed})" if f.failed else "")))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    notes = [f"  {f.name} [{_n(f.records)}]: {f.note}" for f in figures if f.note and not f.skipped]
    return "\n".join(lines + (["", "notes:"] + notes if notes else []))


def growth_table(scale: dict[int, dict[str, Figure]]) -> tuple[str, dict]:
    sizes = sorted(scale)
    names = [key for key in ("hledger", "cold", "no_cache", "warm", "check") if all(key in scale[n] for n in sizes)]
    header = ("figure", *[f"{_n(n)} s" for n in sizes], *[f"{_n(n)} CPU" for n in sizes], *[f"{_n(n)} MB" for n in sizes],
              "exponent (wall/CPU)", "CPU s per 10k (marginal)", "linear")
    rows = [header]
    data: dict = {}
    for key in names:
        figures = [scale[n][key] for n in sizes]
        if any(f.skipped or not f.samples for f in figures):
            continue
        wall = growth([(n, f.median) for n, f in zip(sizes, figures)])
        cpu = growth([(n, f.cpu) for n, f in zip(sizes, figures)])
        data[key] = {
            "name": figures[0].name,
            "points": [{"records": n, "wall_median": f.median, "cpu_median": f.cpu, "peak_mb": f.peak_mb} for n, f in zip(sizes, figures)],
            "wall_exponent": wall["exponent"], "cpu_exponent": cpu["exponent"], "cpu_per_10k": cpu["per_10k"], "wall_per_10k": wall["per_10k"],
        }
        rows.append((figures[0].name, *[_s(f.median) for f in figures], *[_s(f.cpu) for f in figures], *[_s(f.peak_mb, 0) for f in figures],
                     f"{_s(wall['exponent'], 2)} / {_s(cpu['exponent'], 2)}", ", ".join(_s(m) for m in cpu["per_10k"]),
                     "-" if cpu["exponent"] is None else "yes" if cpu["exponent"] <= LINEAR_EXPONENT_LIMIT else "NO"))
    if "hledger" in data and "cold" in data:
        ratios = [_ratio(scale[n]["cold"].median, scale[n]["hledger"].median) for n in sizes]
        cpu_ratios = [_ratio(scale[n]["cold"].cpu, scale[n]["hledger"].cpu) for n in sizes]
        data["cold_over_hledger"] = {"wall": ratios, "cpu": cpu_ratios}
        rows.append(("cold report ÷ hledger", *ratios, *cpu_ratios, *[""] * len(sizes), "", "", ""))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines), data


def _n(records: Optional[int]) -> str:
    return "-" if not records else f"{records:,}"


def machine() -> dict:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "python": sys.version.split()[0], "executable": sys.executable, "platform": platform.platform(),
        "cpus": os.cpu_count(), "minsheng": __version__, "load_average": load,
    }


# --- main -------------------------------------------------------------------------------------------------
def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="minsheng speed benchmark (PRODUCT.md §5).")
    parser.add_argument("--records", "-n", type=int, default=G.DEFAULT_RECORDS, help=f"records in the big ledger (default {G.DEFAULT_RECORDS:,})")
    parser.add_argument("--runs", "-r", type=int, default=5, help="timed runs per figure, after one untimed warm-up (default 5)")
    parser.add_argument("--scale", nargs="?", const=",".join(map(str, SCALES)), default=None, metavar="N,N,…",
                        help="also time the big-ledger reads at these sizes (default 10000,30000,100000)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON")
    parser.add_argument("--workdir", type=Path, help="where to build the ledgers (default: a temporary folder, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (to profile by hand)")
    parser.add_argument("--skip-writes", action="store_true", help="leave out update and import")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    scales = sorted({int(text.replace("_", "")) for text in args.scale.split(",") if text.strip()}) if args.scale else []
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="minsheng-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, args.runs, verbose=not args.quiet)
    hledger = shutil.which("hledger")
    started = machine()
    try:
        bench.say(f"minsheng {__version__} via {' '.join(bench.program)}; work folder {workdir}")
        run_small(bench)
        bench.say(f"generating {args.records:,} records …")
        ledger = build_ledger(workdir, args.records)
        bench.say(f"  written in {ledger.seconds:.1f} s (in-process append_records)")
        run_big_reads(bench, ledger, hledger)
        if not args.skip_writes:
            run_big_writes(bench, ledger)
        main_figures = list(bench.figures)
        scale_figures: dict[int, dict[str, Figure]] = {}
        for size in scales:
            bench.say(f"scale: generating {size:,} records …")
            sized = ledger if size == args.records else build_ledger(workdir, size)
            scale_figures[size] = run_big_reads(bench, sized, hledger, full=False)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"minsheng {__version__} · Python {started['python']} · {started['platform']} · {started['cpus']} CPUs · "
          f"load average at start {_load(started['load_average'])}, at end {_load(machine()['load_average'])}")
    print(f"big ledger: {args.records:,} records (generated plan, benchmarks/generate.py), written in {ledger.seconds:.1f} s; "
          f"{args.runs} runs per figure after one warm-up; wall seconds; CPU = the child's user+system time\n")
    print(figures_table(main_figures))
    result = {"machine": started, "load_average_end": machine()["load_average"], "records": args.records, "runs": args.runs,
              "generate_seconds": ledger.seconds, "figures": [f.as_json() for f in main_figures]}
    if scale_figures:
        text, data = growth_table(scale_figures)
        print("\nhow cost grows (median wall and CPU seconds; exponent = log-log slope of time over records, 1 is linear, "
              "start-up cost pulls it below 1; marginal = extra CPU seconds per 10,000 more records):\n")
        print(text)
        result["scale"] = {"sizes": sorted(scale_figures), "figures": data,
                           "all": {str(n): [f.as_json() for f in figs.values()] for n, figs in scale_figures.items()}}
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nJSON: {args.json}")
    failed = [f for f in main_figures if f.failed]
    return 1 if failed else 0


def _load(load) -> str:
    return "-" if not load else " ".join(f"{x:.2f}" for x in load)


if __name__ == "__main__":
    sys.exit(main())
