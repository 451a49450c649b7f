"""`minsheng init DIR`: a new ledger that passes `check`, and refuses to touch anything existing."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO
from minsheng_cli.ledger.yamlio import load_fast

EXAMPLE_START = "# 示例："


def uncomment_example(text: str) -> str:
    """The template with its commented example made live, as the template tells the user to."""
    head, _, example = text.partition(EXAMPLE_START)
    kept = [line for line in head.split("\n") if not line.startswith(("categories: []", "projects: []"))]
    live = [line[2:] if line.startswith("# ") else line for line in example.split("\n")[1:] if line.strip() != "#"]
    return "\n".join(kept) + "\n" + "\n".join(live)


def test_new_ledger_passes_check(cli, tmp_path):
    folder = tmp_path / "2024" / "data"
    result = cli("init", folder, "--year", "2024")
    assert result.exit_code == 0, result.stderr
    assert str(folder / "projects.yaml") in result.stdout
    files = sorted(str(p.relative_to(folder)).replace("\\", "/") for p in folder.rglob("*") if p.is_file())
    assert files == [".gitattributes", ".gitignore", "progress/.gitkeep", "projects.yaml", "schemas/plan.schema.json", "schemas/progress.schema.json", "schemas/supervision.schema.json"]
    assert "progress/** merge=union" in (folder / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert {"progress/.lock", "progress/.journal"} <= set((folder / ".gitignore").read_text(encoding="utf-8").splitlines())
    checked = cli("--data", folder, "check")
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert "未发现问题" in checked.stdout
    as_json = json.loads(cli("--data", folder, "check", "-f", "json").stdout)
    assert as_json == {"ok": True, "errors": []}
    listed = json.loads(cli("--data", folder, "list", "-f", "json").stdout)
    assert listed["plan"]["year"] == 2024 and listed["plan"]["start"] == "2024-01-01" and listed["plan"]["end"] == "2024-12-31"
    assert listed["plan"]["title"] == "2024年市政府“重点民生实事”" and listed["projects"] == []


def test_found_from_its_parent_folder(cli, tmp_path, monkeypatch):
    assert cli("init", tmp_path / "data").exit_code == 0
    monkeypatch.chdir(tmp_path)
    assert cli("check").exit_code == 0


def test_title_with_yaml_characters_survives(cli, tmp_path):
    title = '2025年济宁市“重点民生实事”: 第1批 # 试行 "草案"'
    assert cli("init", tmp_path / "l", "--year", "2025", "--title", title).exit_code == 0
    assert cli("--data", tmp_path / "l", "check").exit_code == 0
    assert json.loads(cli("--data", tmp_path / "l", "list", "-f", "json").stdout)["plan"]["title"] == title


def test_the_commented_example_is_a_valid_plan(cli, tmp_path):
    folder = tmp_path / "data"
    assert cli("init", folder, "--year", "2024").exit_code == 0
    plan = folder / "projects.yaml"
    plan.write_text(uncomment_example(plan.read_text(encoding="utf-8")), encoding="utf-8")
    checked = cli("--data", folder, "check")
    assert checked.exit_code == 0, checked.stdout
    listed = json.loads(cli("--data", folder, "list", "-f", "json").stdout)
    [project] = listed["projects"]
    assert project["targets"][0]["id"] == "new_places" and project["targets"][0]["target"] == 10000


def test_every_field_of_the_plan_is_explained(tmp_path):
    from minsheng_cli.ledger.new import plan_text

    text = plan_text(2024, "x")
    schema = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    target_fields = set(schema["$defs"]["Target"]["properties"]) - {"revisions", "note", "baseline_from"}
    for name in target_fields:
        assert f" {name}:" in text, name
    for name in ("title", "document", "year", "start", "end", "settings", "thresholds", "stale_after_days", "counties", "categories", "projects"):
        assert f"{name}:" in text, name


def test_ships_the_schemas_it_points_at(cli, tmp_path):
    folder = tmp_path / "data"
    assert cli("init", folder, "--year", "2024").exit_code == 0
    first = (folder / "projects.yaml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=schemas/plan.schema.json"
    for kind in ("plan", "progress"):
        assert (folder / "schemas" / f"{kind}.schema.json").read_bytes() == (REPO / "schemas" / f"{kind}.schema.json").read_bytes()
    schema = json.loads((folder / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    data = load_fast((folder / "projects.yaml").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []


@pytest.mark.parametrize("existing", ["file", "folder"])
def test_refuses_a_folder_that_is_not_empty(cli, tmp_path, existing):
    folder = tmp_path / "data"
    folder.mkdir()
    if existing == "file":
        (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    else:
        (folder / "progress").mkdir()
    result = cli("init", folder)
    assert result.exit_code == 1 and "不是空文件夹" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == (["notes.txt"] if existing == "file" else ["progress"])
    if existing == "file":
        assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_refuses_a_file_and_bad_arguments(cli, tmp_path):
    path = tmp_path / "data"
    path.write_text("x", encoding="utf-8")
    result = cli("init", path)
    assert result.exit_code == 1 and "不是文件夹" in result.stderr and path.read_text() == "x"
    assert cli("init", tmp_path / "y", "--year", "99").exit_code == 1
    assert cli("init", tmp_path / "z", "--title", "  ").exit_code == 1
    assert not (tmp_path / "y").exists() and not (tmp_path / "z").exists()


def test_empty_folder_is_used(cli, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    assert cli("init", folder).exit_code == 0
    assert (folder / "projects.yaml").is_file()


def test_what_a_killed_writer_leaves_never_shows_in_git_status(cli, tmp_path):
    import subprocess

    folder = tmp_path / "ledger"
    assert cli("init", folder, "--year", "2024").exit_code == 0
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    for leftover in ("progress/.lock", "progress/.journal", "progress/2024-06/.01.yaml.123.abc.tmp"):
        (folder / leftover).parent.mkdir(parents=True, exist_ok=True)
        (folder / leftover).write_text("", encoding="utf-8")
    status = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert "progress/.lock" not in status and ".journal" not in status and ".tmp" not in status
    assert "projects.yaml" in status  # the ledger itself is there to commit
