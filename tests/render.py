"""Render a document as a person would see it: LibreOffice headless → PDF, read back with poppler.

Used by the tests of every document that travels (xlsx report, templates, the 通报): they convert
the file, then assert on what the PDF holds — page sizes, the text of each page, the position of
words on the page (pdftotext -bbox) — never on the bytes a library wrote.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from tools import require

MM_PER_POINT = 25.4 / 72


OFFICE_FONTS = Path(__file__).parent / "fonts" / "fonts.conf"


def to_pdf(document: Path, out_dir: Path, timeout: float = 180, office_fonts: bool = False) -> Path:
    """Convert `document` (xlsx, docx, …) with LibreOffice headless; return the PDF's path.
    `office_fonts`: resolve the Windows Chinese font names (宋体, 黑体) to the free Noto CJK font
    of the same kind for all of the text (tests/fonts/fonts.conf), as on a machine that has them."""
    soffice = require("soffice")
    profile = out_dir / "lo-profile"
    env = dict(os.environ, HOME=str(out_dir))
    if office_fonts:
        env["FONTCONFIG_FILE"] = str(OFFICE_FONTS)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(document)],
        check=True, capture_output=True, timeout=timeout, env=env,
    )
    pdf = out_dir / (document.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice made no PDF of {document.name}"
    return pdf


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in reading order (pdftotext -layout), split at form feeds."""
    out = subprocess.run([require("pdftotext"), "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def text(pdf: Path) -> str:
    """All the PDF's text without layout (words joined as they run), for 'is it all there' checks."""
    return subprocess.run([require("pdftotext"), str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


@dataclass(frozen=True)
class Page:
    width_mm: float
    height_mm: float
    words: tuple["Word", ...]

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float  # mm from the page's left edge
    y_min: float  # mm from the page's top edge
    x_max: float
    y_max: float


def pages(pdf: Path) -> list[Page]:
    """Every page's size and the bounding box of each word on it, in millimetres (pdftotext -bbox)."""
    xhtml = subprocess.run([require("pdftotext"), "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", xhtml)
    root = ElementTree.fromstring(xhtml)
    found = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = tuple(
            Word(w.text or "", *(float(w.get(k)) * MM_PER_POINT for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter("{http://www.w3.org/1999/xhtml}word")
        )
        found.append(Page(float(page.get("width")) * MM_PER_POINT, float(page.get("height")) * MM_PER_POINT, words))
    return found


def fonts(pdf: Path) -> list[str]:
    """The names of the fonts the PDF embeds (pdffonts), without the subset prefix (ABCDEF+)."""
    out = subprocess.run([require("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()]


def to_pngs(pdf: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Each page as a PNG (pdftoppm), for a person to look at while working on a document."""
    subprocess.run([require("pdftoppm"), "-png", "-r", str(dpi), str(pdf), str(out_dir / pdf.stem)],
                   check=True, capture_output=True)
    return sorted(out_dir.glob(pdf.stem + "*.png"))
