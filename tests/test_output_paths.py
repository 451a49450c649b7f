"""One guard for every --output (PRODUCT.md §4): an output creates a file or replaces a regular
file; it never replaces a device, a FIFO, a folder or a symlink, nor the ledger's own files."""

from __future__ import annotations

import os

import pytest

WRITERS = {
    "report csv": ["report", "--month", "2023-06", "-f", "csv", "-o"],
    "report xlsx": ["report", "--month", "2023-06", "-o"],
    "schema": ["schema", "-o"],
    "template": ["template", "--unit", "市卫生健康委", "--month", "2023-06", "-o"],
}


def written_name(command: str) -> str:
    return "out.xlsx" if command in ("report xlsx", "template") else "out.csv"


@pytest.mark.parametrize("command", WRITERS)
def test_the_plan_and_progress_files_are_never_an_output(example_ledger, cli, command):
    for target in (example_ledger / "projects.yaml", example_ledger / "progress" / "2023-06" / "05.yaml",
                   example_ledger / "progress" / "2023-06" / written_name(command)):
        before = target.read_bytes() if target.exists() else None
        result = cli("--data", example_ledger, *WRITERS[command], str(target))
        if command.startswith("report") and target.suffix == ".yaml":  # -o infers report's format: .yaml is none
            assert result.exit_code == 2 and "不认识扩展名「.yaml」" in result.output, (command, target, result.output)
        else:
            assert result.exit_code == 1, (command, target, result.output)
            assert "台账本身的文件" in result.output
        assert (target.read_bytes() if target.exists() else None) == before


@pytest.mark.parametrize("command", WRITERS)
def test_a_fifo_a_folder_or_a_symlink_is_not_replaced(example_ledger, cli, tmp_path, command):
    suffix = "." + written_name(command).rsplit(".", 1)[1] if command.startswith("report") else ".xlsx"
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    link = tmp_path / f"link{suffix}"
    link.symlink_to(tmp_path / f"elsewhere{suffix}")
    targets = [folder, link]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / f"fifo{suffix}")
        targets.append(tmp_path / f"fifo{suffix}")
    for target in targets:
        result = cli("--data", example_ledger, *WRITERS[command], str(target))
        assert result.exit_code == 1 and "不是普通文件" in result.output, (command, target, result.output)
    assert folder.is_dir() and link.is_symlink() and not (tmp_path / f"elsewhere{suffix}").exists()


def test_a_regular_file_is_replaced_and_a_new_one_made(example_ledger, cli, tmp_path):
    old = tmp_path / "6月.csv"
    old.write_text("old", encoding="utf-8")
    assert cli("--data", example_ledger, "report", "--month", "2023-06", "-o", str(old)).exit_code == 0
    assert old.read_text(encoding="utf-8-sig") != "old"
    fresh = example_ledger / "6月.xlsx"  # beside the plan, in the ledger's folder: allowed
    assert cli("--data", example_ledger, "report", "--month", "2023-06", "-o", str(fresh)).exit_code == 0
    assert fresh.stat().st_size > 0


def test_dash_is_standard_output(example_ledger, cli):
    as_file = cli("--data", example_ledger, "report", "--month", "2023-06", "-f", "csv", "-o", "-")
    assert as_file.exit_code == 0 and as_file.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert not (example_ledger / "-").exists() and not __import__("pathlib").Path("-").exists()
    schema = cli("schema", "-o", "-")
    assert schema.exit_code == 0 and schema.stdout.lstrip().startswith("{")
    refused = cli("--data", example_ledger, "report", "--month", "2023-06", "-f", "xlsx", "-o", "-")
    assert refused.exit_code != 0
