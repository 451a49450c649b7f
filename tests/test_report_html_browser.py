"""The HTML report in a real browser (issue 12, part 3): headless Chromium opens the file offline,
at desktop (1280 px) and phone (375 px) width. The screenshots are not blank and show the status
colours of the charts, the console stays silent, nothing is wider than the phone, and with every
host name made unresolvable the page looks exactly the same (it needs no network).

Each detector is shown to fire on a page built to trip it, so a silent pass means something."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import probe, read_png, screenshot

PAGE_BACKGROUND = bytes((0xF6, 0xF8, 0xFA))
LAGGING, SERIOUS, AHEAD = bytes((0xE3, 0x62, 0x09)), bytes((0xCF, 0x22, 0x2E)), bytes((0x2D, 0xA4, 0x4E))


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The example ledger's June report, written once for the module."""
    import shutil

    from typer.testing import CliRunner

    from conftest import EXAMPLE
    from minsheng_cli.commands.app import app

    work = tmp_path_factory.mktemp("html")
    shutil.copytree(EXAMPLE, work / "demo")
    path = work / "6月.html"
    result = CliRunner().invoke(app, ["--data", str(work / "demo"), "--no-cache", "report", "--month", "2023-06", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_desktop_screenshot_shows_the_charts(page, tmp_path):
    shot, console = screenshot(tmp_path, page, 1280)
    assert (shot.width, shot.height) == (1280, 2000)
    assert console == []
    assert shot.colours() > 200 and shot.share_unlike(PAGE_BACKGROUND) > 0.5
    drawn = set(shot.pixels(1))
    assert {LAGGING, SERIOUS, AHEAD} <= {pixel[:3] for pixel in drawn}  # bars of projects 7, 12 and 11 in their colours


def test_phone_width_fits_and_needs_no_network(page, tmp_path):
    shot, console = screenshot(tmp_path, page, 375)
    assert console == [] and shot.width == 375
    assert shot.colours() > 100 and shot.share_unlike(PAGE_BACKGROUND) > 0.5
    assert not shot.column_inked(374, PAGE_BACKGROUND)  # the page's own margin on the right: nothing cut off
    offline, console = screenshot(tmp_path, page, 375, blocked=True)
    assert console == [] and offline.rows == shot.rows
    laid_out = probe(tmp_path, page, 375)
    assert laid_out.console == []
    assert laid_out.scroll_width == laid_out.client_width == 375  # no sideways scrolling on a phone


def test_the_detectors_fire_on_a_page_built_to_trip_them(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><body style="margin:0;background:#f6f8fa">'
                   '<div style="width:600px;height:20px;background:#000"></div>'
                   '<script>console.error("boom"); missing();</script></body></html>', encoding="utf-8")
    laid_out = probe(tmp_path, bad, 375)
    assert laid_out.scroll_width == 600 and laid_out.client_width == 375
    assert any("boom" in line for line in laid_out.console) and any("missing" in line for line in laid_out.console)
    blank = tmp_path / "blank.html"
    blank.write_text('<!DOCTYPE html><html><body style="background:#f6f8fa"></body></html>', encoding="utf-8")
    shot, _ = screenshot(tmp_path, blank, 375, height=400)
    assert shot.colours() == 1 and shot.share_unlike(PAGE_BACKGROUND) == 0


def test_the_png_reader_reads_what_it_is_given():
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    # 2×2 RGB, rows filtered Sub and Up: red, green / red, green
    raw = b"\x01" + bytes((255, 0, 0, 1, 255, 0)) + b"\x02" + bytes(6)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    png = read_png(data)
    assert png.rows == [bytes((255, 0, 0, 0, 255, 0))] * 2 and png.colours(1) == 2
