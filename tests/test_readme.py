"""The README stays true: its two set-up commands come first, and the report it shows is what
the command prints on the example ledger today."""

from __future__ import annotations

import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_starts_with_the_two_set_up_commands():
    first_block = re.search(r"```bash\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert first_block == [
        "python3 bootstrap.py && .venv/bin/minsheng --data examples/2023-demo report --month 2023-06",
        "python3 bootstrap.py --test && .venv/bin/python -m pytest",
    ]
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert first_block[1] in ci_lines, ".ci/run must run the README's test command as written"


def test_the_report_shown_in_the_readme_is_what_the_command_prints(example_ledger, cli):
    marker = "`minsheng report --month 2023-06 --format plain`"
    start = README.index("```text\n", README.index(marker)) + len("```text\n")
    shown = README[start:README.index("```", start)]
    printed = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "plain").stdout
    assert printed == shown
