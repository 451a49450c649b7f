"""`--rev`: every reading command on the ledger as it was at a git revision (gitrev.materialize)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from minsheng_cli.ledger import gitrev
from minsheng_cli.errors import GitError
from gitrepo import commit, git

CORRECTION = '- {date: 2023-06-30, target: new_places, value: 9999, action: correct, reason: "7月复核，补报6月数"}'
BACKDATED = '- {date: 2023-06-20, target: screening, value: 38000, note: "补录6月20日数"}'


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minsheng_cli", *map(str, args)], capture_output=True, cwd=cwd, env=env)


def append(root: Path, relative: str, line: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write(line + "\n")


@pytest.fixture
def sent(example_ledger: Path) -> Path:
    """The example ledger committed and tagged `sent-2023-06` (the table sent in July), then a
    back-dated correction and a back-dated record committed on top."""
    repo = example_ledger.parent
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "6月报表")
    git(repo, "tag", "sent-2023-06")
    append(example_ledger, "progress/2023-06/01.yaml", CORRECTION)
    append(example_ledger, "progress/2023-06/02.yaml", BACKDATED)
    commit(repo, "7月补报更正")
    return example_ledger


def test_report_at_a_tag_reproduces_the_table_sent(sent):
    repo = sent.parent
    args = ("report", "--month", "2023-06", "--format", "json")
    now = run("--data", sent, *args, cwd=repo)
    assert now.returncode == 0, now.stderr.decode()
    git(repo, "checkout", "-q", "sent-2023-06")
    then = run("--data", sent, *args, cwd=repo)  # the table as it was sent
    git(repo, "checkout", "-q", "main")
    assert then.returncode == 0 and then.stdout != now.stdout  # the correction changed June
    again = run("--data", sent, *args, "--rev", "sent-2023-06", cwd=repo)  # --rev after the command, as users write it
    assert again.returncode == 0, again.stderr.decode()
    assert again.stdout == then.stdout  # byte for byte
    assert run("--data", sent, "--rev", "sent-2023-06", *args, cwd=repo).stdout == then.stdout  # or before it
    by_commit = run("--data", sent, "--rev", "HEAD~1", *args, cwd=repo)
    assert by_commit.stdout == then.stdout
    table = run("--data", sent, "--rev", "sent-2023-06", "report", "--month", "2023-06", "-f", "plain", cwd=repo)
    git(repo, "checkout", "-q", "sent-2023-06")
    assert table.stdout == run("--data", sent, "report", "--month", "2023-06", "-f", "plain", cwd=repo).stdout
    git(repo, "checkout", "-q", "main")


def test_list_show_and_log_at_a_revision(sent):
    repo = sent.parent
    plan = sent / "projects.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("name: 新增托位", "name: 新增托位（调整后）"), encoding="utf-8")
    commit(repo, "改指标名称")
    for args in (("list", "-f", "json"), ("show", "1", "-f", "json"), ("log", "1", "new_places", "-f", "json")):
        git(repo, "checkout", "-q", "sent-2023-06")
        then = run("--data", sent, *args, cwd=repo)
        git(repo, "checkout", "-q", "main")
        now = run("--data", sent, *args, cwd=repo)
        at_rev = run("--data", sent, *args, "--rev=sent-2023-06", cwd=repo)
        assert then.returncode == 0 and at_rev.returncode == 0, at_rev.stderr.decode()
        assert at_rev.stdout == then.stdout != now.stdout, args


def test_rev_with_a_command_that_writes_is_refused(sent):
    repo = sent.parent
    before = {p: p.read_bytes() for p in sent.rglob("*") if p.is_file()}
    result = run("--data", sent, "--rev", "sent-2023-06", "update", "1", "new_places", "7000", "--date", "2023-07-10", cwd=repo)
    assert result.returncode == 2
    assert "--rev" in result.stderr.decode("utf-8") and "Traceback" not in result.stderr.decode("utf-8")
    assert before == {p: p.read_bytes() for p in sent.rglob("*") if p.is_file()}


def test_rev_errors(sent, tmp_path_factory):
    unknown = run("--data", sent, "--rev", "no-such-tag", "list", cwd=sent.parent)
    assert unknown.returncode == 1 and "没有修订版本「no-such-tag」" in unknown.stderr.decode("utf-8")
    elsewhere = tmp_path_factory.mktemp("no-git") / "data"
    (elsewhere / "progress").mkdir(parents=True)
    (elsewhere / "projects.yaml").write_bytes((sent / "projects.yaml").read_bytes())
    outside = run("--data", elsewhere, "--rev", "HEAD", "list", cwd=elsewhere)
    assert outside.returncode == 1 and "不在 git 仓库中" in outside.stderr.decode("utf-8")


# --- gitrev itself ------------------------------------------------------------------------------------------
def test_materialize_copies_the_committed_files_exactly(sent):
    repo = sent.parent
    folder = gitrev.materialize(sent, "sent-2023-06")
    assert folder != sent and (folder / "projects.yaml").is_file()
    committed = git(repo, "ls-tree", "-r", "--name-only", "sent-2023-06", "--", "demo/").split()
    extracted = sorted(str(p.relative_to(folder)).replace(os.sep, "/") for p in folder.rglob("*") if p.is_file())
    assert extracted == sorted(name[len("demo/"):] for name in committed)
    head = subprocess.run(["git", "show", "sent-2023-06:demo/progress/2023-06/01.yaml"], cwd=repo, capture_output=True).stdout
    assert (folder / "progress" / "2023-06" / "01.yaml").read_bytes() == head
    assert CORRECTION.encode() not in head
    assert gitrev.materialize(sent, "sent-2023-06") == folder  # once per process


def test_materialize_ignores_export_attributes(sent):
    repo = sent.parent
    (repo / ".gitattributes").write_text("demo/progress/** export-ignore\ndemo/projects.yaml export-subst\n", encoding="utf-8")
    commit(repo, "export attributes")
    folder = gitrev.materialize(sent, "HEAD")
    assert (folder / "progress" / "2023-06" / "01.yaml").read_bytes() == (sent / "progress" / "2023-06" / "01.yaml").read_bytes()
    assert (folder / "projects.yaml").read_bytes() == (sent / "projects.yaml").read_bytes()


def test_materialize_at_the_top_of_the_repository(plan_ledger):
    git(plan_ledger, "init", "-q", "-b", "main")
    (plan_ledger / "progress" / ".gitkeep").write_text("")
    commit(plan_ledger, "台账即仓库")
    folder = gitrev.materialize(plan_ledger, "main")
    assert (folder / "projects.yaml").read_bytes() == (plan_ledger / "projects.yaml").read_bytes()


def test_materialize_refuses_a_revision_without_the_ledger(tmp_path, plan_ledger):
    repo = plan_ledger.parent
    git(repo, "init", "-q", "-b", "main")
    with pytest.raises(GitError, match="没有修订版本「HEAD」"):  # nothing committed yet
        gitrev.materialize(plan_ledger, "HEAD")
    (repo / "README.md").write_text("x\n")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "只有说明")
    with pytest.raises(GitError, match="还没有台账 data/"):
        gitrev.materialize(plan_ledger, "HEAD")


def test_temporary_folder_is_removed_at_exit(sent, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    code = "from minsheng_cli.ledger import gitrev; import sys; print(gitrev.materialize(sys.argv[1], 'sent-2023-06'))"
    done = subprocess.run([sys.executable, "-c", code, str(sent)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).parent == scratch
    assert list(scratch.iterdir()) == []
    report = run("--data", sent, "--rev", "sent-2023-06", "list", "-f", "json", cwd=sent.parent, env=env)
    assert report.returncode == 0 and json.loads(report.stdout)["projects"]
    assert list(scratch.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory read from Linux's /proc/self/status (VmHWM)")
def test_rev_never_loads_what_no_command_reads(sent):
    """A 200 MB attachment committed beside the ledger costs --rev nothing (it used to be read
    into memory twice); other names under progress/ keep their names, so check still sees them."""
    repo = sent.parent
    with open(sent / "附件.pdf", "wb") as handle:
        for _ in range(200):
            handle.write(b"\0" * (1024 * 1024))
    (sent / "progress" / "说明.txt").write_text("不是进度文件", encoding="utf-8")
    commit(repo, "附件")
    probe = ("import sys\nfrom minsheng_cli.__main__ import main\nsys.argv = ['minsheng'] + sys.argv[1:]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"  # VmHWM: this process's own peak (ru_maxrss counts the parent's)
             "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe, "--no-cache", "--data", str(sent), "--rev", "HEAD", "report", "--month", "2023-06",
                             "-f", "json"], capture_output=True, cwd=repo, text=True)
    assert json.loads(result.stdout)["projects"], result.stderr
    peak_kb = int(result.stderr.split()[-1])  # KB on Linux
    assert peak_kb < 150 * 1024, peak_kb
    folder = gitrev.materialize(sent, "HEAD")
    assert not (folder / "附件.pdf").exists()
    assert (folder / "progress" / "说明.txt").read_bytes() == b""
    checked = run("--data", sent, "--rev", "HEAD", "check", cwd=repo)
    assert "说明.txt" in checked.stdout.decode()
