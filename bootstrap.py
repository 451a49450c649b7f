"""Set up minsheng on a fresh machine that has only python3 (3.11+) and git.

    python3 bootstrap.py          # .venv with minsheng installed
    python3 bootstrap.py --test   # .venv with minsheng editable and the test tools

The virtual environment is `.venv` beside this file (made once, then reused), so a system Python
that refuses `pip install` (PEP 668, "externally-managed-environment") is never touched. Where
the system Python has no ensurepip (Debian and Ubuntu without python3-venv), the environment is
made without pip and pip's own wheel is fetched from PyPI, checked against its published SHA-256
and run from the wheel to install itself. Only the standard library is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
PIP_RELEASE = "https://pypi.org/pypi/pip/json"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def has_pip(python: Path) -> bool:
    return subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True).returncode == 0


def make_venv(use_ensurepip: bool) -> None:
    if venv_python().exists() and has_pip(venv_python()):
        return
    if use_ensurepip:
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
            return
        except (subprocess.CalledProcessError, OSError) as err:
            print(f"bootstrap: ensurepip 不可用（{err}），改为从 PyPI 取 pip", file=sys.stderr)
    venv.EnvBuilder(with_pip=False, clear=True).create(VENV)
    install_pip_from_pypi(venv_python())


def install_pip_from_pypi(python: Path) -> None:
    try:
        with urllib.request.urlopen(PIP_RELEASE, timeout=60) as answer:
            release = json.load(answer)
        wheel = next(f for f in release["urls"] if f["packagetype"] == "bdist_wheel" and f["filename"].endswith("-py3-none-any.whl"))
        with urllib.request.urlopen(urllib.parse.urljoin(PIP_RELEASE, wheel["url"]), timeout=120) as answer:
            content = answer.read()
    except (OSError, ValueError, KeyError, StopIteration) as err:
        sys.exit(f"bootstrap: 无法从 PyPI 取得 pip（{err}）；请安装 python3-venv（Debian/Ubuntu：apt install python3-venv）后重试")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / wheel["filename"]
        path.write_bytes(content)
        if hashlib.sha256(path.read_bytes()).hexdigest() != wheel["digests"]["sha256"]:
            sys.exit(f"bootstrap: {wheel['filename']} 的 SHA-256 与 PyPI 公布的不符，已停止")
        subprocess.run([str(python), str(path / "pip"), "install", "--quiet", str(path)], check=True)


def main(argv: list[str]) -> int:
    unknown = [arg for arg in argv if arg not in ("--test", "--no-ensurepip")]
    if unknown:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if sys.version_info < (3, 11):
        sys.exit("bootstrap: minsheng 需要 Python 3.11 或更高版本")
    make_venv(use_ensurepip="--no-ensurepip" not in argv)
    target = "-e .[test]" if "--test" in argv else "."
    install = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *target.split()]
    return subprocess.run(install, cwd=HERE).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
