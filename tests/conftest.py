"""Shared fixtures: every CLI test works on a temporary copy of a ledger, never on data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
PLAN = REPO / "data" / "projects.yaml"
EXAMPLE = REPO / "examples" / "2023-demo"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own cache folder, so no test sees another's cache."""
    monkeypatch.setenv("MINSHENG_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("MINSHENG_DATA", raising=False)


@pytest.fixture
def plan_ledger(tmp_path) -> Path:
    """A copy of the shipped plan with an empty progress/ folder."""
    root = tmp_path / "data"
    (root / "progress").mkdir(parents=True)
    shutil.copy(PLAN, root / "projects.yaml")
    return root


@pytest.fixture
def example_ledger(tmp_path) -> Path:
    """A copy of the example ledger (plan + illustrative progress)."""
    root = tmp_path / "demo"
    shutil.copytree(EXAMPLE, root)
    return root


@pytest.fixture
def cli():
    """Run the CLI in-process: cli(args...) -> Result with .exit_code, .stdout, .stderr."""
    from minsheng_cli.commands.app import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def run(plan_ledger, cli):
    """The CLI on the plan's own ledger, asserting success: run(args...) -> stdout."""
    def invoke(*args):
        result = cli("--data", plan_ledger, *args)
        assert result.exit_code == 0, result.output
        return result.stdout

    return invoke


def benchmark_generator():
    """benchmarks/generate.py as a module (it is a script, not part of the package), loaded once."""
    import importlib.util
    import sys

    name = "bench_generate"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "generate.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
