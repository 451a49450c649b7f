"""`minsheng schema`: the committed schemas are what the command prints, and the shipped YAML
validates against them as an editor (yaml-language-server) sees it."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO
from minsheng_cli.ledger.yamlio import load_fast

SCHEMAS = REPO / "schemas"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
SHIPPED_PLANS = sorted([REPO / "data" / "projects.yaml", *REPO.glob("examples/*/projects.yaml")])
SHIPPED_PROGRESS = sorted([*REPO.glob("data/progress/*/*.yaml"), *REPO.glob("examples/*/progress/*/*.yaml")])


def as_editor_sees(node):
    """YAML as JSON: an unquoted 2023-06-30 is a string to yaml-language-server."""
    if isinstance(node, dict):
        return {str(key): as_editor_sees(value) for key, value in node.items()}
    if isinstance(node, list):
        return [as_editor_sees(item) for item in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    return node


def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(kind: str, data) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(kind).iter_errors(as_editor_sees(data))]


@pytest.mark.parametrize("kind", ["plan", "progress", "supervision"])
def test_committed_schema_is_what_the_command_prints(kind):
    printed = subprocess.run([sys.executable, "-m", "minsheng_cli", "schema", kind], capture_output=True)
    assert printed.returncode == 0, printed.stderr.decode()
    committed = (SCHEMAS / f"{kind}.schema.json").read_bytes()
    assert printed.stdout == committed, f"schemas/{kind}.schema.json is stale: minsheng schema {kind} -o schemas/{kind}.schema.json"


def test_schema_to_a_file_and_default_kind(cli, tmp_path):
    target = tmp_path / "plan.json"
    result = cli("schema", "-o", target)
    assert result.exit_code == 0
    assert target.read_bytes() == (SCHEMAS / "plan.schema.json").read_bytes()
    wrong = cli("schema", "projects")
    assert wrong.exit_code == 2 and "plan" in wrong.stderr and "progress" in wrong.stderr


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_plan_starts_with_its_schema_and_validates(path):
    text = path.read_text(encoding="utf-8")
    first = MODELINE.match(text.split("\n", 1)[0])
    assert first, f"{path.relative_to(REPO)} must start with # yaml-language-server: $schema=…"
    assert (path.parent / first.group(1)).resolve() == (SCHEMAS / "plan.schema.json").resolve()
    assert errors("plan", load_fast(text)) == []


def test_shipped_progress_files_validate():
    assert SHIPPED_PROGRESS, "the example ledger ships progress files"
    for path in SHIPPED_PROGRESS:
        assert errors("progress", load_fast(path.read_text(encoding="utf-8"))) == [], path


def test_shipped_progress_files_start_with_their_schema():
    for path in SHIPPED_PROGRESS:
        first = MODELINE.match(path.read_text(encoding="utf-8").split("\n", 1)[0])
        assert first, f"{path.relative_to(REPO)} must start with # yaml-language-server: $schema=…"
        assert (path.parent / first.group(1)).resolve() == (SCHEMAS / "progress.schema.json").resolve(), path


SHIPPED_SUPERVISION = sorted(REPO.glob("examples/*/supervision/*.yaml"))


def test_shipped_supervision_files_start_with_their_schema_and_validate():
    assert SHIPPED_SUPERVISION, "the example ledger ships an illustrative supervision file"
    for path in SHIPPED_SUPERVISION:
        text = path.read_text(encoding="utf-8")
        first = MODELINE.match(text.split("\n", 1)[0])
        assert first, f"{path.relative_to(REPO)} must start with # yaml-language-server: $schema=…"
        assert (path.parent / first.group(1)).resolve() == (SCHEMAS / "supervision.schema.json").resolve(), path
        assert "示例数据" in text.split("\n", 2)[1], "the example's office file says it is illustrative"
        assert errors("supervision", load_fast(text)) == [], path


def test_supervision_schema_refuses_an_unknown_key_and_a_missing_date():
    good = {"issue": 6, "projects": [{"project": 7, "urged": "请加快", "listed": {"date": "2023-06-20", "reason": "滞后"}}]}
    assert errors("supervision", good) == []
    assert errors("supervision", {**good, "projects": [{"project": 7, "urgent": "请加快"}]})
    assert errors("supervision", {**good, "projects": [{"project": 7, "listed": {"reason": "滞后"}}]})


def test_plan_schema_takes_numbers_and_refuses_typos():
    plan = load_fast((REPO / "data" / "projects.yaml").read_text(encoding="utf-8"))
    target = plan["projects"][0]["targets"][0]
    target["target"] = 10000.5  # a YAML float
    assert errors("plan", plan) == []
    target["target"] = "10000"  # what pydantic also accepts
    assert errors("plan", plan) == []
    target["traget"] = 1
    target["kind"] = "amount"
    found = errors("plan", plan)
    assert any("traget" in e for e in found) and any("amount" in e for e in found)


def test_progress_schema_matches_the_record_format():
    lines = load_fast(
        '# header\n'
        '- {date: 2023-06-30, target: new_places, county: "任城区", value: 6200, note: "验收", problem: "无", next: "继续", by: "张三"}\n'
        '- {date: 2023-06-30, target: new_places, value: 6300, action: correct, reason: "复核"}\n'
        '- {date: 2023-06-30, target: milestone_x, value: done}\n'
        '- {date: 2023-06-30, note: "项目整体推进"}\n'
    )
    assert errors("progress", lines) == []
    assert errors("progress", None) == []  # a file with only its header comment
    assert errors("progress", [{"date": "2023-06-30", "valeu": 1}])
    assert errors("progress", [{"date": "2023-06-30", "action": "delete"}])
    assert errors("progress", [{"target": "new_places"}])  # no date


def test_every_field_is_described_in_chinese():
    for kind in ("plan", "progress"):
        schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
        definitions = [schema, *schema.get("$defs", {}).values()]
        for definition in definitions:
            for name, spec in definition.get("properties", {}).items():
                assert re.search(r"[\u4e00-\u9fff]", spec.get("description", "")), (kind, name)
                assert "title" not in spec, (kind, name)


def test_canonical_form_is_the_same_for_what_each_pydantic_writes():
    """The committed bytes do not depend on the pydantic release: the forms that 2.6 to 2.14 write
    for the same field come out as one."""
    from minsheng_cli.ledger.schema import canonical

    decimal_213 = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$"}, {"type": "null"}], "title": "Target"}
    decimal_214 = {"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}]}
    assert canonical(decimal_213) == canonical(decimal_214) == decimal_214
    literal_26, literal_29, literal_214 = {"const": "record"}, {"const": "record", "enum": ["record"], "type": "string"}, {"type": "string", "const": "record"}
    assert canonical(literal_26) == canonical(literal_29) == canonical(literal_214) == literal_214
    union_with_repeats = {"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "string"}, {"type": "null"}]}
    assert canonical(union_with_repeats) == decimal_214
    # Key order is ours; names under properties keep the model's order (a field may be called "title").
    shuffled = {"required": ["b"], "properties": {"title": {"type": "string"}, "a": {"type": "integer"}}, "type": "object"}
    assert list(canonical(shuffled)) == ["type", "properties", "required"]
    assert list(canonical(shuffled)["properties"]) == ["title", "a"]
