"""Outside programs the document and browser tests drive (LibreOffice, poppler, Chromium).

A test that needs one calls `require("soffice")`: on a machine without it the test is skipped with
a message saying how to install it; where MINSHENG_REQUIRE_TOOLS=1 (CI sets it) it fails instead,
so CI can never pass by skipping the tests that look at the documents.
"""

from __future__ import annotations

import os
import shutil

import pytest

INSTALL = {
    "soffice": "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk",
    "pdftotext": "apt-get install poppler-utils",
    "pdfinfo": "apt-get install poppler-utils",
    "pdftoppm": "apt-get install poppler-utils",
    "pdffonts": "apt-get install poppler-utils",
    "chromium": "apt-get install chromium",
}


def require(program: str) -> str:
    """The path of `program`, or skip (fail under MINSHENG_REQUIRE_TOOLS=1) saying how to install it."""
    found = shutil.which(program)
    if found:
        return found
    message = f"{program} is not installed; install it with: {INSTALL.get(program, program)} (or run .ci/debian-tools)"
    if os.environ.get("MINSHENG_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)
