"""The 通报 as a person sees it: `minsheng notice` on the example ledger, converted by LibreOffice
to PDF and measured there (GB/T 9704-2012): A4 portrait body pages, the type area inside the
margins (top 37, bottom 35, left 28, right 26 mm), 22 ± 1 lines a full page and 28 ± 1 characters
a full line, "— N —" on every page (odd right, even left), the 附件 on landscape pages holding the
table, every section heading, and the summary sentence word for word as `minsheng report` says it.

The office's file is replaced by one whose 下步工作要求 are long plain-Chinese paragraphs, so that
at least one page holds nothing but full lines of body text to count.
"""

from __future__ import annotations

import re

import pytest

import render
from tools import require

PAGE_W, PAGE_H = 210, 297
TOP, BOTTOM, LEFT, RIGHT = 37, 35, 28, 26
TOLERANCE = 2.0  # mm
PITCH_MM = 28.95 * 25.4 / 72
CHAR_MM = 15.75 * 25.4 / 72  # one 3号 character, condensed by 0.25 pt
CLOSING = "。，、；：）”！？"  # punctuation LibreOffice lets overhang the right edge of a full line
FILLER = "各牵头单位要对照年度目标和序时进度压实工作责任加快推进项目实施确保按期完成全年目标任务" * 3
SUPERVISION = (
    "# yaml-language-server: $schema=../../schemas/supervision.schema.json\n"
    "issue: 6\n"
    "date: 2023-07-05\n"
    "requirements:\n" + "".join(f'  - "{FILLER}"\n' for _ in range(8)) +
    "projects:\n"
    "  - project: 7\n"
    '    verified: "经实地核查情况属实"\n'
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(pdf, the summary sentence `minsheng report` prints) for the example ledger's June 通报."""
    import shutil

    from typer.testing import CliRunner

    from conftest import EXAMPLE
    from minsheng_cli.commands.app import app

    require("soffice")
    work = tmp_path_factory.mktemp("notice")
    root = work / "demo"
    shutil.copytree(EXAMPLE, root)
    (root / "supervision" / "2023-06.yaml").write_text(SUPERVISION, encoding="utf-8")
    runner = CliRunner()
    made = runner.invoke(app, ["--data", str(root), "notice", "--month", "2023-06", "-o", str(work / "通报.docx")])
    assert made.exit_code == 0, made.output
    report = runner.invoke(app, ["--data", str(root), "report", "--month", "2023-06", "--format", "plain"])
    sentence = next(line for line in report.stdout.splitlines() if line.startswith("截至2023年6月底，"))
    return render.to_pdf(work / "通报.docx", work), sentence


@pytest.fixture(scope="module")
def pages(rendered):
    return render.pages(rendered[0])


def body_pages(pages) -> list[render.Page]:
    """The pages before the 附件."""
    return [page for page in pages if not page.landscape]


def type_area_words(page: render.Page) -> list[render.Word]:
    """Every word but the page number (below the type area)."""
    return [word for word in page.words if word.y_min < page.height_mm - BOTTOM + TOLERANCE]


def lines_of(page: render.Page) -> list[list[render.Word]]:
    """The type area's words grouped into lines (by their bottom edge), top to bottom."""
    lines: dict[int, list[render.Word]] = {}
    for word in type_area_words(page):
        lines.setdefault(round(word.y_max), []).append(word)
    return [sorted(lines[key], key=lambda word: word.x_min) for key in sorted(lines)]


def right_edge(word: render.Word) -> float:
    """A word's right edge, a closing mark that overhangs the line not counted."""
    return word.x_max - CHAR_MM if word.text and word.text[-1] in CLOSING else word.x_max


def plain_chinese(line: list[render.Word]) -> str:
    text = "".join(word.text for word in line)
    return text if re.fullmatch(r"[\u4e00-\u9fff]+", text) else ""


def test_body_pages_are_a4_portrait_and_the_attachment_landscape(pages):
    portrait = body_pages(pages)
    assert len(portrait) >= 3
    for page in portrait:
        assert abs(page.width_mm - PAGE_W) < 1 and abs(page.height_mm - PAGE_H) < 1
    attachment = pages[len(portrait):]
    assert attachment, "the 附件 follows on pages of its own"
    assert all(page.landscape and abs(page.width_mm - PAGE_H) < 1 for page in attachment)
    assert attachment[0].words[0].text == "附件"
    for page in attachment:  # the table's header row is repeated on every page of it
        assert any(word.text == "序号" for word in page.words)


def test_text_stays_inside_the_margins(pages):
    for number, page in enumerate(body_pages(pages), 1):
        words = type_area_words(page)
        assert min(word.x_min for word in words) >= LEFT - TOLERANCE, number
        assert max(right_edge(word) for word in words) <= PAGE_W - RIGHT + TOLERANCE, number
        assert min(word.y_min for word in words) >= TOP - TOLERANCE, number
        assert max(word.y_max for word in words) <= PAGE_H - BOTTOM + TOLERANCE, number


def full_pages(pages) -> list[render.Page]:
    """Body pages with lines from the top of the type area to its foot (not the first or last)."""
    body = body_pages(pages)
    return [page for page in body[1:-1]]


def test_a_full_page_has_22_lines_in_the_type_area(pages):
    full = full_pages(pages)
    assert full
    for page in full:
        lines = lines_of(page)
        assert abs(len(lines) - 22) <= 1, len(lines)
        top = lines[0][0].y_max - PITCH_MM  # the line box of the first line
        assert abs(top - TOP) <= TOLERANCE, top
        assert abs(max(word.y_max for word in lines[-1]) - (PAGE_H - BOTTOM)) <= TOLERANCE
        assert abs(min(word.x_min for line in lines for word in line) - LEFT) <= TOLERANCE
        assert abs(max(right_edge(word) for line in lines for word in line) - (PAGE_W - RIGHT)) <= TOLERANCE


def test_a_full_line_holds_28_characters(pages):
    counted = []
    for page in full_pages(pages):
        for line in lines_of(page):
            text = plain_chinese(line)
            starts_at_margin = abs(line[0].x_min - LEFT) < 1  # not a paragraph's indented first line
            if text and starts_at_margin and right_edge(line[-1]) > PAGE_W - RIGHT - 1:
                counted.append(len(text))
    assert len(counted) >= 10, "the filler paragraphs give many full lines of plain Chinese"
    assert all(abs(count - 28) <= 1 for count in counted), counted


LANDSCAPE_BOTTOM = 26  # the 附件's pages: the table needs the width, the number stays below it


def test_every_page_has_its_number_odd_right_even_left(pages):
    for number, page in enumerate(pages, 1):
        bottom = LANDSCAPE_BOTTOM if page.landscape else BOTTOM
        below = [word for word in page.words if word.y_min >= page.height_mm - bottom + 1]
        assert "".join(word.text for word in below) == f"—{number}—", number
        middle = page.width_mm / 2
        if number % 2:
            assert min(word.x_min for word in below) > middle, number
        else:
            assert max(word.x_max for word in below) < middle, number
        if not page.landscape:  # 7 mm below the type area (within the tolerance)
            assert abs(min(word.y_min for word in below) - (PAGE_H - BOTTOM + 7)) <= TOLERANCE


def test_every_section_is_there_and_the_summary_is_the_reports(rendered):
    pdf, sentence = rendered
    text = re.sub(r"—\d+—", "", re.sub(r"\s", "", render.text(pdf)))  # page numbers out of the running text
    for heading in ("督查通报", "〔2023〕第6期", "关于2023年1—6月全市重点民生实事推进情况的通报",
                    "现将有关情况通报如下", "一、总体情况", "二、分类进展", "三、存在问题", "四、下步工作", "附件："):
        assert heading in text, heading
    assert sentence in text
    assert "经实地核查情况属实" in text and "已连续5个月滞后" in text and "建议挂牌督办" in text
