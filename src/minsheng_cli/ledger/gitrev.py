"""The ledger as it was at a git revision, read through git itself.

`materialize(root, rev)` copies the ledger folder as committed at REV into a temporary folder
(removed when the program exits), so every command can run on it unchanged: `report --rev`
reproduces a table already sent, whatever was corrected later. `snapshot()` does the same for
`diff`, where a revision without the ledger is not an error but an empty ledger.

git is run as a list of arguments (never through a shell), with `--end-of-options` before any
revision a user typed, so a revision cannot be taken for an option. Files are read with
`ls-tree` and one `cat-file --batch` process: the blobs exactly as committed, without the
export-ignore / export-subst rewriting `git archive` would apply.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Optional

from minsheng_cli.words import git as M
from minsheng_cli.errors import GitError
from minsheng_cli.ledger import layout

REGULAR_MODES = ("100644", "100755")  # symlinks (120000) and submodules (160000) are skipped
_materialized: dict[tuple[str, str], Path] = {}


@dataclass(frozen=True)
class Repository:
    top: Path  # the work tree's top folder
    prefix: str  # the ledger folder relative to it, "data/" ("" when the ledger is the top)


def run_git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(M.GIT_MISSING, M.GIT_MISSING_HINT) from None
    except NotADirectoryError:
        raise GitError(M.GIT_NOT_A_REPO.format(path=cwd), M.GIT_NOT_A_REPO_HINT) from None


def repository(root: Path) -> Repository:
    """The git work tree holding the ledger folder `root`."""
    done = run_git(["rev-parse", "--show-toplevel", "--show-prefix"], Path(root))
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if done.returncode != 0 or not lines:
        raise GitError(M.GIT_NOT_A_REPO.format(path=root), M.GIT_NOT_A_REPO_HINT)
    prefix = lines[1].strip() if len(lines) > 1 else ""
    return Repository(Path(lines[0].strip()), prefix)


def resolve(repo: Repository, rev: str) -> Optional[str]:
    """The commit id REV names; None for HEAD in a repository without any commit yet."""
    text = str(rev).strip()
    if not text:
        raise GitError(M.GIT_UNKNOWN_REV.format(rev=rev), M.GIT_UNKNOWN_REV_HINT)
    done = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{text}^{{commit}}"], repo.top)
    if done.returncode == 0:
        return done.stdout.decode().strip()
    if text == "HEAD" and run_git(["symbolic-ref", "--quiet", "HEAD"], repo.top).returncode == 0:
        return None  # an unborn branch: nothing committed yet
    raise GitError(M.GIT_UNKNOWN_REV.format(rev=text), M.GIT_UNKNOWN_REV_HINT)


def ledger_blobs(repo: Repository, commit: str) -> list[tuple[str, str, int]]:
    """(path inside the ledger, blob id, size) of every regular file of the ledger at `commit`."""
    args = ["--literal-pathspecs", "ls-tree", "-r", "-z", "-l", "--full-tree", commit]
    if repo.prefix:
        args += ["--", repo.prefix]
    done = run_git(args, repo.top)
    if done.returncode != 0:
        raise GitError(M.GIT_FAILED.format(detail=_first_line(done.stderr)))
    found = []
    for entry in done.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob, size = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        if kind != "blob" or mode not in REGULAR_MODES or not path.startswith(repo.prefix):
            continue
        found.append((path[len(repo.prefix):], blob, int(size)))
    return found


def _read_at_rev(relative: str) -> Optional[bool]:
    """What a command reads of a committed file: True its bytes (the plan, a progress file, a
    supervision/YYYY-MM.yaml), False
    only its name (anything else under progress/, so `check --rev` still reports it), None nothing
    (schemas, attachments: a 300 MB file beside the ledger is never loaded)."""
    parts = PurePosixPath(relative).parts
    if relative == layout.PLAN_FILE:
        return True
    if parts and parts[0] == layout.SUPERVISION_DIR:  # the office's files (report --detail, notice, check)
        return len(parts) == 2 and parts[1].endswith(".yaml") or False
    if not parts or parts[0] != layout.PROGRESS_DIR:
        return None
    if len(parts) == 3 and layout.month_of_folder(parts[1]) is not None and layout.project_of_file(parts[2]) is not None:
        return True
    return False


def read_blobs(repo: Repository, blobs: list[str]) -> list[bytes]:
    """The contents of the given blobs, in order, through one `git cat-file --batch`."""
    if not blobs:
        return []
    done = run_git(["cat-file", "--batch"], repo.top, stdin="".join(f"{blob}\n" for blob in blobs).encode())
    if done.returncode != 0:
        raise GitError(M.GIT_FAILED.format(detail=_first_line(done.stderr)))
    out, at, contents = done.stdout, 0, []
    for _ in blobs:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        start = header_end + 1
        contents.append(out[start:start + size])
        at = start + size + 1  # the content is followed by a newline
    return contents


def extract(repo: Repository, commit: str, folder: Path) -> bool:
    """Write the ledger's files at `commit` into `folder`; False when it has no plan there. Only
    what a command reads is loaded, each file within the reader's size limit."""
    from minsheng_cli.errors import LedgerError
    from minsheng_cli.ledger.yamlio import MAX_FILE_BYTES
    from minsheng_cli.words import ledger as ledger_words

    chosen = [(relative, blob, size, read) for relative, blob, size in ledger_blobs(repo, commit)
              if (read := _read_at_rev(relative)) is not None]
    for relative, _, size, read in chosen:
        if read and size > MAX_FILE_BYTES:
            raise LedgerError(ledger_words.FILE_TOO_LARGE.format(path=f"{commit[:10]}:{repo.prefix}{relative}", size=size, limit=MAX_FILE_BYTES))
    wanted = [(relative, blob) for relative, blob, _, read in chosen if read]
    contents = dict(zip((relative for relative, _ in wanted), read_blobs(repo, [blob for _, blob in wanted])))
    for relative, _, _, _ in chosen:
        target = _safe_join(folder, relative)
        if target is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents.get(relative, b""))
    layout.progress_dir(folder).mkdir(exist_ok=True)
    return any(relative == layout.PLAN_FILE for relative, *_ in chosen)


def _safe_join(folder: Path, relative: str) -> Optional[Path]:
    parts = PurePosixPath(relative).parts
    if not parts or any(part in ("", ".", "..") or "\\" in part or ":" in part for part in parts):
        return None
    return folder.joinpath(*parts)


def materialize(root: Path, rev: str) -> Path:
    """A temporary folder holding the ledger `root` as it was at REV (removed at exit).

    GitError outside a repository, for an unknown revision, or when REV has no ledger there."""
    repo = repository(root)
    commit = resolve(repo, rev)
    if commit is None:
        raise GitError(M.GIT_UNKNOWN_REV.format(rev=rev), M.GIT_NO_COMMITS_HINT)
    key = (str(Path(root).resolve()), commit)
    if key in _materialized and _materialized[key].is_dir():
        return _materialized[key]
    folder = _temporary_folder(commit)
    atexit.register(shutil.rmtree, folder, True)
    if not extract(repo, commit, folder):
        raise GitError(M.GIT_NO_LEDGER_AT_REV.format(rev=rev, path=repo.prefix or "./"), M.GIT_NO_LEDGER_AT_REV_HINT)
    _materialized[key] = folder
    return folder


@dataclass
class Snapshot:
    """One side of a diff: the ledger at a revision (folder None when it did not exist yet)."""

    rev: str
    commit: Optional[str]
    folder: Optional[Path]
    label: str  # how paths of this side are shown: "HEAD:data/"


@contextmanager
def snapshot(root: Path, rev: str) -> Iterator[Snapshot]:
    """The ledger at REV in a temporary folder for the duration of the block."""
    repo = repository(root)
    commit = resolve(repo, rev)
    label = f"{rev}:{repo.prefix}"
    if commit is None:
        yield Snapshot(rev, None, None, label)
        return
    folder = _temporary_folder(commit)
    try:
        present = extract(repo, commit, folder)
        yield Snapshot(rev, commit, folder if present else None, label)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _temporary_folder(commit: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"minsheng-{commit[:10]}-"))


def _first_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "git"


def shown_path(path: str, folder: Optional[Path], label: str) -> str:
    """A path inside a materialized folder as REV:data/progress/…, for messages."""
    if folder is None:
        return path
    base = str(folder) + os.sep
    return label + path[len(base):].replace(os.sep, "/") if path.startswith(base) else path


# --- when a record was first committed (minsheng status: the evidence a record was reported) -------------
COMMITS_READ = 200  # at most this many of a month folder's latest commits are read


def first_committed(root: Path, folder: str, rev: str = "HEAD") -> dict[str, dict]:
    """For each progress file of `folder` (a month folder, e.g. "progress/2023-06"), the date in
    Asia/Shanghai of the first commit reachable from REV in which each of its records stood:
    {relative path: {Record: date}}. Empty outside a git repository or before the first commit.

    Bounded: one `git log` over that folder alone (its latest COMMITS_READ commits, only the files
    each commit added or changed) and one `cat-file --batch` for exactly those file versions."""
    import datetime as dt

    from minsheng_cli.errors import MinshengError
    from minsheng_cli.ledger.dates import CHINA
    from minsheng_cli.ledger.progress_file import parse_progress_text
    from minsheng_cli.ledger.yamlio import decode

    try:
        repo = repository(root)
        commit = resolve(repo, rev)
    except GitError:
        return {}
    if commit is None:
        return {}
    pathspec = f"{repo.prefix}{folder.rstrip('/')}/"
    done = run_git(["-c", "core.quotePath=false", "log", "--reverse", f"-n{COMMITS_READ}", "--format=%x01%H %ct",
                    "--name-only", "--diff-filter=AM", "--end-of-options", commit, "--", pathspec], repo.top)
    if done.returncode != 0:
        return {}
    versions: list[tuple[str, str, dt.date]] = []  # (commit, path in the repository, commit date)
    for block in done.stdout.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        head, *names = block.strip("\n").split("\n")
        sha, _, seconds = head.partition(" ")
        day = dt.datetime.fromtimestamp(int(seconds), CHINA).date()
        versions += [(sha, name, day) for name in names if name.startswith(pathspec)]
    contents = read_blobs(repo, [f"{sha}:{name}" for sha, name, _ in versions])
    found: dict[str, dict] = {}
    for (sha, name, day), content in zip(versions, contents):
        relative = name[len(repo.prefix):]
        project = layout.project_of_file(PurePosixPath(relative).name)
        if project is None:
            continue
        try:
            records = parse_progress_text(decode(content, relative), relative, project)
        except MinshengError:  # a version that does not read: its records are not evidence
            continue
        seen = found.setdefault(relative, {})
        for record in records:
            seen.setdefault(record, day)
    return found
