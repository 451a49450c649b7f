"""The caches (validated plan, finished report text) can never be stale: keyed by content,
aware of added and removed files, safe to delete at any time, never inside the ledger, and
bypassed by --no-cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clock import FakeClock


def report(root: Path, cache_dir: Path, *extra: str) -> str:
    env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
    out = subprocess.run(
        [sys.executable, "-m", "minsheng_cli", "--data", str(root), *extra, "report", "--month", "2023-06", "-f", "plain"],
        capture_output=True, text=True, encoding="utf-8", env=env,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def ledger_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def cache_dir(tmp_path) -> Path:
    return tmp_path / "cache"


def test_second_run_is_served_from_the_cache_and_identical(example_ledger, cache_dir):
    first = report(example_ledger, cache_dir)
    entries = sorted(p.name for p in cache_dir.iterdir())
    assert any(name.startswith("report-") for name in entries) and any(name.startswith("plan-") for name in entries)
    assert report(example_ledger, cache_dir) == first


def test_an_edit_that_keeps_size_and_mtime_is_seen(example_ledger, cache_dir):
    path = example_ledger / "progress" / "2023-06" / "08.yaml"
    before = report(example_ledger, cache_dir)
    assert "4642口" in before
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count("value: 4642") == 1
    path.write_text(text.replace("value: 4642", "value: 4643"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime: only content differs
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    after = report(example_ledger, cache_dir)
    assert "4643口" in after and "4642口" not in after


def test_added_and_removed_files_are_seen(example_ledger, cache_dir):
    before = report(example_ledger, cache_dir)
    extra = example_ledger / "progress" / "2023-06" / "27.yaml"
    extra.write_text("- {date: 2023-06-30, target: cases, value: 300, by: \"测试\"}\n", encoding="utf-8")
    added = report(example_ledger, cache_dir)
    assert added != before and "仲裁调解" in added and "1项未报送" not in added
    extra.unlink()
    assert report(example_ledger, cache_dir) == before
    shutil.rmtree(example_ledger / "progress" / "2023-06")
    removed = report(example_ledger, cache_dir)
    assert removed != before


def test_plan_change_is_seen(example_ledger, cache_dir):
    before = report(example_ledger, cache_dir)
    plan = example_ledger / "projects.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("label: 示例数据：进度记录为虚构，仅供演示", "label: 改过的标注"), encoding="utf-8")
    after = report(example_ledger, cache_dir)
    assert "改过的标注" in after and after != before


def test_cache_can_be_deleted_at_any_time(example_ledger, cache_dir):
    first = report(example_ledger, cache_dir)
    shutil.rmtree(cache_dir)
    assert report(example_ledger, cache_dir) == first
    for entry in cache_dir.iterdir():  # a truncated entry is recomputed, not trusted
        entry.write_bytes(entry.read_bytes()[:10])
    assert report(example_ledger, cache_dir) == first


def test_no_cache_bypasses_it_and_the_ledger_is_never_written(example_ledger, cache_dir):
    files = ledger_files(example_ledger)
    first = report(example_ledger, cache_dir, "--no-cache")
    assert not cache_dir.exists()
    report(example_ledger, cache_dir)
    assert ledger_files(example_ledger) == files  # nothing of the cache lands in the ledger (or its git)
    assert report(example_ledger, cache_dir, "--no-cache") == first


def test_the_key_covers_the_options(example_ledger, cache_dir):
    plain = report(example_ledger, cache_dir)
    env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
    as_json = subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(example_ledger), "report", "--month", "2023-06", "-f", "json"],
                             capture_output=True, text=True, encoding="utf-8", env=env).stdout
    assert as_json.lstrip().startswith("{") and plain.startswith("2023年")
    assert report(example_ledger, cache_dir) == plain


def test_a_broken_plan_is_never_served_from_the_cache(example_ledger, cache_dir):
    report(example_ledger, cache_dir)
    plan = example_ledger / "projects.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("kind: count", "kind: kount", 1), encoding="utf-8")
    env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
    out = subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(example_ledger), "report", "--month", "2023-06"],
                         capture_output=True, text=True, encoding="utf-8", env=env)
    assert out.returncode == 1 and "kount" in out.stderr


def test_no_cache_is_one_run_only(example_ledger, cli, tmp_path, monkeypatch):
    """--no-cache is carried by the run's context, not left behind in a module for the next run."""
    folder = tmp_path / "cache-here"
    monkeypatch.setenv("MINSHENG_CACHE", str(folder))
    assert cli("--no-cache", "--data", example_ledger, "report", "--month", "2023-06", "-f", "plain").exit_code == 0
    assert not folder.exists() or not any(folder.rglob("*")), "--no-cache wrote a cache entry"
    assert cli("--data", example_ledger, "report", "--month", "2023-06", "-f", "plain").exit_code == 0
    assert any(path.is_file() for path in folder.rglob("*")), "the next run in the same process used no cache"


# --- a cache nobody can use against the user (issue 13) ----------------------------------------
def planted_plan_entry(root: Path, cache_dir: Path, entry: dict) -> Path:
    """An entry under the key the plan's real entry would have (computable from the public ledger)."""
    import json

    from minsheng_cli.ledger import cache

    key = cache.content_key((root / "projects.yaml").read_bytes())
    cache_dir.mkdir(mode=0o700, exist_ok=True)
    path = cache_dir / f"plan-{key}.json"
    path.write_text(json.dumps(entry), encoding="utf-8")
    return path


def test_a_planted_entry_never_runs_code_nor_changes_the_answer(example_ledger, cache_dir, tmp_path):
    clean = report(example_ledger, tmp_path / "clean-cache")
    marker = tmp_path / "ran"
    for entry in ({"$class": "Popen", "fields": {"args": ["touch", str(marker)]}},
                  {"$class": "Plan", "fields": {"title": "假计划"}},
                  {"not": "a plan"}):
        planted_plan_entry(example_ledger, cache_dir, entry)
        assert report(example_ledger, cache_dir, "--no-cache") == clean
        assert report(example_ledger, cache_dir) == clean
        assert not marker.exists()


def test_entries_are_json_in_a_private_folder(example_ledger, cache_dir):
    report(example_ledger, cache_dir)
    assert os.stat(cache_dir).st_mode & 0o777 == 0o700
    entries = [path for path in cache_dir.iterdir() if path.name != "signing-key"]
    assert entries and all(path.suffix == ".json" for path in entries)
    assert all(os.stat(path).st_mode & 0o077 == 0 for path in [*entries, cache_dir / "signing-key"])
    assert all(path.read_bytes()[:1] in (b"{", b"[", b'"') for path in entries)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder permissions are POSIX")
def test_a_folder_others_can_write_is_not_used(example_ledger, cache_dir):
    cache_dir.mkdir()
    os.chmod(cache_dir, 0o777)
    report(example_ledger, cache_dir)
    assert list(cache_dir.iterdir()) == []


def test_another_build_with_the_same_version_misses(monkeypatch):
    from minsheng_cli.ledger import cache

    before = cache.content_key(b"ledger")
    cache.code_stamp.cache_clear()
    module = Path(cache.__file__)
    status = module.stat()
    try:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
        assert cache.content_key(b"ledger") != before
    finally:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns))
        cache.code_stamp.cache_clear()


def test_a_dependency_upgraded_under_the_same_minsheng_misses(monkeypatch):
    from minsheng_cli.ledger import cache

    before = cache.content_key(b"ledger")
    cache.code_stamp.cache_clear()
    monkeypatch.setattr(cache, "installed_distributions", lambda: ["pydantic-9.9.9.dist-info"])
    try:
        assert cache.content_key(b"ledger") != before
    finally:
        cache.code_stamp.cache_clear()


def test_an_edit_that_keeps_size_and_mtime_is_seen_once_the_stat_index_trusts_the_files(example_ledger, cache_dir):
    import time

    from minsheng_cli.ledger.stat_index import RACY_SECONDS

    path = example_ledger / "progress" / "2023-06" / "08.yaml"
    time.sleep(RACY_SECONDS + 0.2)  # not a timing: the copy must be older than the racy window
    assert "4642口" in report(example_ledger, cache_dir)
    assert "4642口" in report(example_ledger, cache_dir)  # served by the stat index: nothing read
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 4642", "value: 4643"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    after = report(example_ledger, cache_dir)
    assert "4643口" in after and "4642口" not in after


def test_the_warm_key_reads_only_the_files_changed_within_the_racy_window(example_ledger, monkeypatch):
    from minsheng_cli.ledger import stat_index

    clock = FakeClock()
    monkeypatch.setattr(stat_index, "time", clock)
    reads: list[str] = []
    real_read = stat_index.read_bytes
    monkeypatch.setattr(stat_index, "read_bytes", lambda path: (reads.append(str(path)), real_read(path))[1])
    settled = stat_index.RACY_SECONDS + 1
    clock.later(settled)
    first = stat_index.ledger_digest(example_ledger, b"plan")
    assert reads == []  # settled files are keyed by their stat: a cold report reads each file once, to build it
    assert stat_index.ledger_digest(example_ledger, b"plan") == first and reads == []
    assert stat_index.ledger_digest(example_ledger, b"other plan") != first  # the plan's bytes count
    path = example_ledger / "progress" / "2023-06" / "08.yaml"
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b"value: 4642", b"value: 4643"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime: the ctime moved
    clock.later(0)
    changed = stat_index.ledger_digest(example_ledger, b"plan")
    assert changed != first and reads == [str(path)]  # racy: keyed by its bytes
    assert stat_index.ledger_digest(example_ledger, b"plan") == changed and len(reads) == 2  # hashed again: the same key
    clock.later(settled)
    assert stat_index.ledger_digest(example_ledger, b"plan") == changed and len(reads) == 3  # taken once settled, then kept
    assert stat_index.ledger_digest(example_ledger, b"plan") == changed and len(reads) == 3
    path.write_bytes(path.read_bytes().replace(b"value: 4643", b"value: 4642"))
    clock.later(0)
    assert stat_index.ledger_digest(example_ledger, b"plan") not in (changed, first)  # bytes back, stat new: a miss, never a stale hit


def test_a_settled_file_edited_later_changes_the_key(example_ledger, monkeypatch):
    """A stat-keyed file cannot change without its token: same size, mtime set back, the edit
    itself settled when the key is taken again."""
    from minsheng_cli.ledger import stat_index

    clock = FakeClock()
    monkeypatch.setattr(stat_index, "time", clock)
    clock.later(stat_index.RACY_SECONDS + 1)
    first = stat_index.ledger_digest(example_ledger, b"plan")
    path = example_ledger / "progress" / "2023-06" / "08.yaml"
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b"value: 4642", b"value: 4643"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    clock.later(stat_index.RACY_SECONDS + 1)
    assert stat_index.ledger_digest(example_ledger, b"plan") != first


def test_a_file_changed_just_before_its_digest_is_read_again(example_ledger, monkeypatch):
    from minsheng_cli.ledger import stat_index

    reads: list[str] = []
    real_read = stat_index.read_bytes
    monkeypatch.setattr(stat_index, "read_bytes", lambda path: (reads.append(str(path)), real_read(path))[1])
    stat_index.ledger_digest(example_ledger, b"plan")
    count = len(reads)
    stat_index.ledger_digest(example_ledger, b"plan")  # every file was written within the racy window
    assert len(reads) == 2 * count


def test_check_validates_an_unchanged_plan_once_and_a_changed_one_again(example_ledger, cache_dir):
    def check() -> subprocess.CompletedProcess:
        env = {**os.environ, "MINSHENG_CACHE": str(cache_dir)}
        return subprocess.run([sys.executable, "-m", "minsheng_cli", "--data", str(example_ledger), "check", "--format", "json"],
                              capture_output=True, text=True, encoding="utf-8", env=env)

    first = check()
    assert first.returncode == 0 and any(p.name.startswith("plan-") for p in cache_dir.iterdir())
    assert check().stdout == first.stdout  # from the plan cache: the same verdict
    plan = example_ledger / "projects.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("stale_after_days: 14", "stale_after_days: -3"), encoding="utf-8")
    broken = check()
    assert broken.returncode == 1 and "stale_after_days" in broken.stdout + broken.stderr


def test_an_edit_of_the_offices_supervision_file_changes_the_warm_key(example_ledger):
    from minsheng_cli.ledger import stat_index

    first = stat_index.ledger_digest(example_ledger, b"plan")
    office = example_ledger / "supervision" / "2023-06.yaml"
    office.write_text(office.read_text(encoding="utf-8") + "# 督查室补充\n", encoding="utf-8")
    assert stat_index.ledger_digest(example_ledger, b"plan") != first


# --- signatures --------------------------------------------------------------------------------
ENTRY = {"stat": [1, 2], "groups": {"keys": [["t", None]]}}


def entry_file(key: str = "k", kind: str = "series-index") -> Path:
    from minsheng_cli.ledger.layout import cache_entry

    return cache_entry(kind, key)


def secret_file() -> Path:
    from minsheng_cli.ledger.layout import cache_dir

    return cache_dir() / "signing-key"


def test_an_entry_is_read_back_and_is_json_in_the_private_folder():
    import json

    from minsheng_cli.ledger import cache

    cache.put("series-index", "k", ENTRY, plain=True)
    assert cache.get("series-index", "k", plain=True) == ENTRY
    assert json.loads(entry_file().read_bytes())["entry"] == ENTRY  # JSON like any file, its MAC beside it
    assert os.stat(secret_file()).st_mode & 0o777 == 0o600 and secret_file().stat().st_size == 32
    assert os.stat(entry_file()).st_mode & 0o077 == 0
    assert cache.get("series-index", "k", use=False, plain=True) is None


def test_an_entry_edited_planted_or_moved_is_not_used():
    import json

    from minsheng_cli.ledger import cache

    cache.put("series-index", "k", ENTRY, plain=True)
    data = entry_file().read_bytes()
    entry_file().write_bytes(data.replace(b'"stat":[1,2]', b'"stat":[1,3]'))  # still JSON, its MAC unchanged
    assert cache.get("series-index", "k", plain=True) is None
    entry_file().write_text(json.dumps(ENTRY), encoding="utf-8")  # planted without the secret
    assert cache.get("series-index", "k", plain=True) is None
    entry_file().write_bytes(data)  # the bytes as signed: the same entry again
    assert cache.get("series-index", "k", plain=True) == ENTRY
    entry_file("other").write_bytes(data)  # a genuine entry under another key, or of another kind
    entry_file("k", "target-series").write_bytes(data)
    assert cache.get("series-index", "other", plain=True) is None and cache.get("target-series", "k", plain=True) is None
    for broken in (data[:48], data[:-1], data + b" ", b'{"mac":"' + b"0" * 40 + data[48:], data.replace(b'"entry"', b'"entrx"')):
        entry_file().write_bytes(broken)
        assert cache.get("series-index", "k", plain=True) is None


def test_an_entry_signed_in_another_cache_folder_is_not_used(tmp_path, monkeypatch):
    from minsheng_cli.ledger import cache

    monkeypatch.setenv("MINSHENG_CACHE", str(tmp_path / "theirs"))
    cache.put("series-index", "k", ENTRY, plain=True)
    theirs = entry_file().read_bytes()
    monkeypatch.setenv("MINSHENG_CACHE", str(tmp_path / "ours"))
    cache.put("series-index", "other", ENTRY, plain=True)  # our own secret exists
    entry_file().write_bytes(theirs)
    os.chmod(entry_file(), 0o600)
    assert cache.get("series-index", "k", plain=True) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and file modes are POSIX")
@pytest.mark.parametrize("planted", ["symlink", "readable by others", "too short", "fifo", "folder"])
def test_a_planted_secret_is_never_used(tmp_path, planted):
    """Whatever stands in the secret's place is not read as the secret (a FIFO: without waiting);
    it is replaced by a new one, and what was signed with the old one is not used."""
    from minsheng_cli.ledger import cache

    cache.put("series-index", "k", ENTRY, plain=True)
    known_secret = secret_file().read_bytes()
    secret_file().unlink()
    outside = tmp_path / "their-secret"
    outside.write_bytes(known_secret)
    if planted == "symlink":
        secret_file().symlink_to(outside)
    elif planted == "readable by others":
        secret_file().write_bytes(known_secret)
        os.chmod(secret_file(), 0o644)
    elif planted == "too short":
        secret_file().write_bytes(known_secret[:16])
        os.chmod(secret_file(), 0o600)
    elif planted == "fifo":
        os.mkfifo(secret_file(), 0o600)
    else:
        secret_file().mkdir()
    assert cache.get("series-index", "k", plain=True) is None
    cache.put("series-index", "new", ENTRY, plain=True)
    assert outside.read_bytes() == known_secret  # a symlink's target is never written
    if planted == "folder":  # nothing can stand there: nothing is signed, nothing is used
        assert cache.get("series-index", "new", plain=True) is None and not entry_file("new").exists()
        return
    assert secret_file().is_file() and not secret_file().is_symlink() and secret_file().read_bytes() != known_secret
    assert cache.get("series-index", "new", plain=True) == ENTRY and cache.get("series-index", "k", plain=True) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_an_entry_or_its_temporary_file_never_blocks():
    from minsheng_cli.ledger import cache
    from minsheng_cli.ledger.layout import temporary_file

    cache.put("series-index", "other", ENTRY, plain=True)  # the folder and its secret
    os.mkfifo(entry_file())
    assert cache.get("series-index", "k", plain=True) is None
    entry_file().unlink()
    os.mkfifo(temporary_file(entry_file(), str(os.getpid())))
    cache.put("series-index", "k", ENTRY, plain=True)
    assert cache.get("series-index", "k", plain=True) == ENTRY


def test_secrets_made_at_the_same_moment_leave_every_entry_usable(tmp_path, monkeypatch):
    """Processes that find no secret (or a bad one) at once each make one; every process ends
    up signing with the one left on disk."""
    script = ("import sys; from minsheng_cli.ledger import cache; "
              "cache.put('series-index', sys.argv[1], {'n': sys.argv[1]}, plain=True)")
    folder = tmp_path / "shared"
    for start in ("none", "readable by others"):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(mode=0o700)
        if start != "none":
            (folder / "signing-key").write_bytes(b"x" * 32)
            os.chmod(folder / "signing-key", 0o644)
        env = {**os.environ, "MINSHENG_CACHE": str(folder)}
        runs = [subprocess.Popen([sys.executable, "-c", script, str(n)], env=env) for n in range(8)]
        assert all(run.wait(timeout=60) == 0 for run in runs)
        monkeypatch.setenv("MINSHENG_CACHE", str(folder))
        from minsheng_cli.ledger import cache

        assert [cache.get("series-index", str(n), plain=True) for n in range(8)] == [{"n": str(n)} for n in range(8)], start
