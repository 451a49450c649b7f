"""Headless Chromium for the HTML tests: screenshots, a DOM probe, the console, and a tiny PNG reader.

Every run gets its own profile folder and the switches that keep Chromium's own background
traffic down; `blocked=True` also makes every host name unresolvable, so a page that needed the
network would look different. `probe` loads the page in an iframe of a given width (file pages
are one origin only with --allow-file-access-from-files) and reads back whether anything is wider
than that, and what the console said (`--enable-logging=stderr`: CONSOLE lines).
"""

from __future__ import annotations

import struct
import subprocess
import urllib.parse
import zlib
from dataclasses import dataclass
from pathlib import Path

from tools import require

SWITCHES = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]
BLOCKED = '--host-resolver-rules=MAP * ~NOTFOUND'


def chromium(work: Path, url: str, *extra: str, width: int = 1280, height: int = 2000, blocked: bool = False) -> subprocess.CompletedProcess:
    program = require("chromium")
    profile = work / f"profile-{len(list(work.glob('profile-*')))}"
    args = [program, *SWITCHES, f"--user-data-dir={profile}", f"--window-size={width},{height}",
            "--enable-logging=stderr", "--v=0", *([BLOCKED] if blocked else []), *extra, url]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def screenshot(work: Path, page: Path, width: int, height: int = 2000, blocked: bool = False) -> tuple["Png", list[str]]:
    shot = work / f"shot-{width}-{'blocked' if blocked else 'open'}.png"
    result = chromium(work, page.as_uri(), f"--screenshot={shot}", width=width, height=height, blocked=blocked)
    assert shot.exists(), result.stderr[-2000:]
    return read_png(shot.read_bytes()), console_lines(result.stderr)


@dataclass
class Probe:
    scroll_width: int
    client_width: int
    console: list[str]


def probe(work: Path, page: Path, width: int) -> Probe:
    """The page laid out `width` pixels wide: its scroll width against its width, and the console."""
    frame = page.parent / f"probe-{page.stem}.html"
    frame.write_text(
        '<!DOCTYPE html><html><head><title>wait</title></head><body style="margin:0">'
        f'<iframe id="f" src="{urllib.parse.quote(page.name)}" width="{width}" height="30000" scrolling="no" style="border:0"></iframe>'
        '<script>document.getElementById("f").onload=function(){var d=this.contentDocument.documentElement;'
        'document.title="W"+d.scrollWidth+"x"+d.clientWidth;};</script></body></html>',
        encoding="utf-8",
    )
    result = chromium(work, frame.as_uri(), "--allow-file-access-from-files", "--dump-dom", width=1280, height=800)
    start = result.stdout.index("<title>W") + len("<title>W")
    scroll, client = result.stdout[start:result.stdout.index("</title>", start)].split("x")
    return Probe(int(scroll), int(client), console_lines(result.stderr))


# --- a PNG reader (8-bit RGB/RGBA, not interlaced: what Chromium writes) -------------------------
@dataclass
class Png:
    width: int
    height: int
    channels: int
    rows: list[bytes]

    def pixels(self, step: int = 1):
        """Every `step`-th pixel of every `step`-th row, as tuples."""
        c = self.channels
        for row in self.rows[::step]:
            for x in range(0, self.width * c, c * step):
                yield row[x:x + c]

    def colours(self, step: int = 2) -> int:
        return len(set(self.pixels(step)))

    def share_unlike(self, background: bytes, step: int = 2) -> float:
        """The share of pixels that are not the background colour."""
        seen = unlike = 0
        for pixel in self.pixels(step):
            seen += 1
            unlike += pixel[:3] != background[:3]
        return unlike / seen

    def column_inked(self, x: int, background: bytes) -> bool:
        """Whether any pixel of column `x` differs from the background."""
        c = self.channels
        return any(row[x * c:x * c + 3] != background[:3] for row in self.rows)


def read_png(data: bytes) -> Png:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, compressed, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed.append(body)
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (2, 6), header
    channels = 3 if colour == 2 else 4
    stride, raw = width * channels, zlib.decompress(b"".join(compressed))
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        _unfilter(kind, line, previous, channels)
        rows.append(bytes(line))
        previous = line
    return Png(width, height, channels, rows)


def _unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> None:
    if kind == 1:
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif kind == 2:
        for i in range(len(line)):
            line[i] = (line[i] + previous[i]) & 255
    elif kind == 3:
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (left + previous[i]) // 2) & 255
    elif kind == 4:
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b, c = previous[i], (previous[i - bpp] if i >= bpp else 0)
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
