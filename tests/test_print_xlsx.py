"""The xlsx report and the templates as they print: rendered with LibreOffice to PDF and read back
(tests/render.py) — page size, every text complete, no ###, the footer on every page inside the
page, no word outside the page or over another line, one font family, the template's smallest
text ≥ 9 pt. And templates made by the previous layout (tests/fixtures/old_template_*.xlsx,
one sheet per county) still import."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

import render
from minsheng_cli.exchange import template as T
from minsheng_cli.ledger.progress_file import read_progress

FIXTURES = Path(__file__).parent / "fixtures"
A4_LANDSCAPE = (297.0, 210.0)
POINT_MM = 25.4 / 72
# pdftotext's box of a CJK word is about 0.86 em tall (Noto CJK; a 9 pt footer measures 2.7–2.8 mm)
BOX_EM = 0.85
FOOTER = re.compile(r"第\s*(\d+)\s*页，\s*共\s*(\d+)\s*页")


# --- helpers -----------------------------------------------------------------------------------------
def squeeze(text: str) -> str:
    """Text without any whitespace: a wrapped cell's lines run together again."""
    return "".join(str(text).split())


def column_texts(pages) -> list[str]:
    """The text of each left edge on each page: the words starting at the same x, top to bottom.
    A wrapped, left-aligned cell's lines all start at its left edge, so its whole text is a run of
    one of these (pdftotext's reading order interleaves the lines of neighbouring cells)."""
    found = []
    for page in pages:
        edges: dict[float, list] = {}
        for word in page.words:
            edges.setdefault(round(word.x_min * 2) / 2, []).append(word)
        found += ["".join(w.text for w in sorted(words, key=lambda w: w.y_min)) for words in edges.values()]
    return found


def printed_whole(pdf: Path, text: str) -> bool:
    """Whether `text` is in the PDF complete: in the running text, or down one cell's left edge."""
    wanted = squeeze(text)
    return wanted in squeeze(render.text(pdf)) or any(wanted in squeeze(edge) for edge in column_texts(render.pages(pdf)))


def assert_a4_landscape(pages):
    for number, page in enumerate(pages, 1):
        assert (round(page.width_mm), round(page.height_mm)) == A4_LANDSCAPE, f"page {number}"


def assert_inside_and_apart(pages):
    """No word box leaves the page, and no two words of different lines overlap (rows overlapping
    the next row, or text drawn over text, show as intersecting boxes)."""
    for number, page in enumerate(pages, 1):
        words = [w for w in page.words if w.text.strip()]
        for word in words:
            assert 0 <= word.x_min and word.x_max <= page.width_mm and 0 <= word.y_min and word.y_max <= page.height_mm, \
                f"page {number}: {word.text!r} outside the page"
        words.sort(key=lambda w: w.y_min)
        for index, word in enumerate(words):
            for other in words[index + 1:]:
                if other.y_min >= word.y_max:
                    break
                overlap_x = min(word.x_max, other.x_max) - max(word.x_min, other.x_min)
                overlap_y = min(word.y_max, other.y_max) - max(word.y_min, other.y_min)
                same_line = abs(word.y_min - other.y_min) < 0.3 and abs(word.y_max - other.y_max) < 0.3
                assert same_line or overlap_x <= 0.2 or overlap_y <= 0.2, \
                    f"page {number}: {word.text!r} overlaps {other.text!r}"


def assert_footer_on_every_page(pages):
    total = len(pages)
    for number, page in enumerate(pages, 1):
        lines = {}
        for word in page.words:
            lines.setdefault(round(word.y_min), []).append(word)
        footer = [words for words in lines.values() if FOOTER.search("".join(w.text for w in words))]
        assert footer, f"page {number} has no footer"
        words = footer[-1]
        assert FOOTER.search("".join(w.text for w in words)).groups() == (str(number), str(total))
        assert all(w.y_max <= page.height_mm - 4 and w.x_min >= 4 and w.x_max <= page.width_mm - 4 for w in words), \
            f"page {number}: footer at the edge"


def assert_one_font_family(pdf: Path):
    families = {re.sub(r"(jp|sc|tc|kr|hk)?-(Regular|Bold).*$", "", name, flags=re.I) for name in render.fonts(pdf)}
    assert families == {"NotoSerifCJK"}, families


def smallest_points(pages) -> float:
    heights = [w.y_max - w.y_min for page in pages for w in page.words if w.text.strip()]
    return min(heights) / POINT_MM / BOX_EM


# --- the xlsx report ---------------------------------------------------------------------------------
def made_from_example(folder: Path, name: str, *args: str) -> Path:
    """`minsheng <args> -o folder/name` on a copy of the example ledger in `folder`."""
    from typer.testing import CliRunner

    from minsheng_cli.commands.app import app

    root = folder / "demo"
    shutil.copytree(Path(__file__).resolve().parents[1] / "examples" / "2023-demo", root)
    path = folder / name
    result = CliRunner().invoke(app, ["--data", str(root), *args, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    """The example ledger's June report, as xlsx and as LibreOffice prints it."""
    folder = tmp_path_factory.mktemp("report")
    path = made_from_example(folder, "r.xlsx", "report", "--month", "2023-06")
    return path, render.to_pdf(path, folder, office_fonts=True)


def test_report_pages_are_a4_landscape_with_the_footer_inside(report_pdf):
    _xlsx, pdf = report_pdf
    pages = render.pages(pdf)
    assert 2 <= len(pages) <= 6
    assert_a4_landscape(pages)
    assert_footer_on_every_page(pages)


def test_report_text_is_complete_and_never_hashes(report_pdf):
    xlsx, pdf = report_pdf
    printed = squeeze(render.text(pdf))
    assert "###" not in printed
    lists = load_workbook(xlsx)["滞后及未报送"]
    header = next(r for r in range(1, 30) if lists.cell(r, 1).value == "序号")
    texts = [lists.cell(r, c).value for r in range(header + 1, lists.max_row + 1) if isinstance(lists.cell(r, 1).value, int)
             for c in (9, 10)]
    assert len(texts) >= 4 and all(texts)
    for said in texts:  # every 存在问题 and 下步打算, whole
        assert printed_whole(pdf, said), said
    main = load_workbook(xlsx)["进展情况"]
    for row in main.iter_rows(min_row=6):
        if isinstance(row[0].value, int):  # no project name cut at the page edge or by its row
            assert printed_whole(pdf, row[1].value), row[1].value
    assert "2023年6月30日" in printed  # 截至日期, not ###


def test_report_rows_do_not_overlap_and_nothing_leaves_the_page(report_pdf):
    assert_inside_and_apart(render.pages(report_pdf[1]))


def test_report_is_in_one_font_family(report_pdf):
    assert_one_font_family(report_pdf[1])


# --- the template ------------------------------------------------------------------------------------
LONG_NOTE = "本月完成任城区、兖州区两地村庄生活污水治理工程的竣工验收，累计完成治理村庄四十一个，剩余村庄正在施工"
LONG_PROBLEM = "部分村庄管网施工受雨季影响进度偏慢，个别村庄群众对入户改造存在顾虑，需要乡镇加强宣传动员"
LONG_NEXT = "七月底前完成剩余村庄的管网铺设，八月中旬组织第三方开展水质检测，九月底前全部完成验收并移交运维"


def fill_new_template(path: Path) -> None:
    """A unit fills the current layout: a city-wide figure with long texts, three counties, and
    the signature row."""
    book = load_workbook(path)
    main = book[T.MAIN_SHEET]
    sign = next(r for r in range(1, 40) if main.cell(r, 1).value == T.BY_LABEL)
    for (_label, _first, _last, value_column, _end), value in zip(T.SIGN_CELLS, ("王敏", "0537-2345678", "李强")):
        main.cell(sign, value_column).value = value
    head = next(r for r in range(1, 40) if main.cell(r, 1).value == T.HEADER_FIRST)
    col = {key: T.column_index(key) for key, _h, _w in T.COLUMNS}
    main.cell(head + 1, col["value"]).value = 9
    main.cell(head + 1, col["note"]).value = LONG_NOTE
    main.cell(head + 1, col["problem"]).value = LONG_PROBLEM
    main.cell(head + 1, col["next"]).value = LONG_NEXT
    county = book[T.COUNTY_SHEET]
    ccol = {key: T.column_index(key, T.COUNTY_COLUMNS) for key, _h, _w in T.COUNTY_COLUMNS}
    chead = next(r for r in range(1, 40) if county.cell(r, 1).value == T.HEADER_FIRST)
    for offset, value in enumerate((45, 40, 39), 1):
        county.cell(chead + offset, ccol["value"]).value = value
    county.cell(chead + 1, ccol["problem"]).value = LONG_PROBLEM
    # Excel and WPS grow a row of automatic height (the template's rows) to what is typed into
    # it; openpyxl and LibreOffice do not, so the rows typed in are fitted here as Excel would
    from minsheng_cli.rendering.sheet_layout import fit_heights

    fit_heights(main, head + 1, head + 1)
    fit_heights(county, chead + 1, chead + 3)
    book.save(path)


@pytest.fixture(scope="module")
def template_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    path = made_from_example(folder, "water.xlsx", "template", "--unit", "市城乡水务局", "--month", "2023-06")
    fill_new_template(path)
    return path, render.to_pdf(path, folder, office_fonts=True)


def test_by_county_template_prints_on_few_pages_at_nine_points_or_more(template_pdf):
    xlsx, pdf = template_pdf
    assert load_workbook(xlsx).sheetnames == [T.MAIN_SHEET, T.COUNTY_SHEET, T.META_SHEET]
    pages = render.pages(pdf)
    assert len(pages) <= 3  # the first layout: 15 pages, one per county
    assert_a4_landscape(pages)
    assert smallest_points(pages) >= 9
    assert_footer_on_every_page(pages)


def test_filled_template_prints_whole_without_overlap(template_pdf):
    _xlsx, pdf = template_pdf
    for said in (LONG_NOTE, LONG_PROBLEM, LONG_NEXT, "王敏", "0537-2345678", "李强", "审核人（分管负责人）", "济宁经济技术开发区"):
        assert printed_whole(pdf, said), said
    assert "###" not in render.text(pdf)
    assert_inside_and_apart(render.pages(pdf))
    assert_one_font_family(pdf)


def test_template_rows_keep_growing_as_a_unit_types(plan_ledger, cli, tmp_path):
    """The rows a unit fills have a starting height but no fixed one (customHeight), so Excel and
    WPS fit them to the text typed in; the title and instruction rows above are fixed."""
    import zipfile

    path = tmp_path / "water.xlsx"
    assert cli("--data", plan_ledger, "template", "--unit", "市城乡水务局", "--month", "2023-06", "-o", path).exit_code == 0
    book = load_workbook(path)
    with zipfile.ZipFile(path) as archive:
        for number, name in enumerate((T.MAIN_SHEET, T.COUNTY_SHEET), 1):
            sheet = book[name]
            head = next(r for r in range(1, 40) if sheet.cell(r, 1).value == T.HEADER_FIRST)
            xml = archive.read(f"xl/worksheets/sheet{number}.xml").decode()
            rows = dict(re.findall(r'<row r="(\d+)"([^>]*)>', xml))
            data = [attributes for row, attributes in rows.items() if int(row) > head]
            assert data and all("ht=" in a and "customHeight" not in a for a in data)
            assert 'customHeight="1"' in rows["1"]


def test_filled_new_template_imports_with_its_filler(plan_ledger, cli, tmp_path):
    path = tmp_path / "water.xlsx"
    assert cli("--data", plan_ledger, "template", "--unit", "市城乡水务局", "--month", "2023-06", "-o", path).exit_code == 0
    fill_new_template(path)
    result = cli("--data", plan_ledger, "import", path)
    assert result.exit_code == 0, result.stderr
    records = read_progress(plan_ledger)
    assert {r.by for r in records} == {"王敏"}  # 联系电话 and 审核人 are on the sheet, not in the records
    assert {(r.county, r.value) for r in records if r.project == 19} == {("任城区", Decimal(45)), ("兖州区", Decimal(40)), ("曲阜市", Decimal(39))}


# --- templates of the previous layout ------------------------------------------------------------------
def fill_old_template(path: Path, entries: dict[tuple[str, str, str | None], dict[str, object]], by: str) -> None:
    """Fill a template of the first layout by its column titles: entries (sheet, target id,
    checklist item) → {column title: value}; 填报人 in column B of its row."""
    book = load_workbook(path)
    for sheet_name in {sheet for sheet, _target, _item in entries} | {T.MAIN_SHEET}:
        sheet = book[sheet_name]
        head = next(r for r in range(1, 40) if sheet.cell(r, 1).value == "项目序号")
        titles = {sheet.cell(head, c).value: c for c in range(1, sheet.max_column + 1)}
        if sheet_name == T.MAIN_SHEET:
            sign = next(r for r in range(1, head) if sheet.cell(r, 1).value == "填报人")
            sheet.cell(sign, 2).value = by
        for (wanted, target, item), cells in entries.items():
            if wanted != sheet_name:
                continue
            row = next(r for r in range(head + 1, sheet.max_row + 1)
                       if sheet.cell(r, titles["指标代码"]).value == target and sheet.cell(r, titles["清单事项"]).value == item)
            for title, value in cells.items():
                sheet.cell(row, titles[title]).value = value
    book.save(path)


def test_an_old_by_county_template_still_imports(plan_ledger, cli, tmp_path):
    path = tmp_path / "old.xlsx"
    shutil.copy(FIXTURES / "old_template_by_county.xlsx", path)
    assert "任城区" in load_workbook(path).sheetnames  # the first layout: a sheet per county
    fill_old_template(path, {
        (T.MAIN_SHEET, "plant_upgrades", None): {"本期累计": 9, "进展情况": "新完成2座"},
        ("任城区", "villages", None): {"本期累计": 45},
        ("济宁高新区", "villages", None): {"本期累计": 12, "存在问题": "管网施工滞后"},
    }, by="赵刚")
    result = cli("--data", plan_ledger, "import", path)
    assert result.exit_code == 0, result.stderr
    records = {(r.project, r.target, r.county): r for r in read_progress(plan_ledger)}
    assert records[(20, "plant_upgrades", None)].value == Decimal(9)
    assert records[(20, "plant_upgrades", None)].note == "新完成2座"
    assert records[(19, "villages", "任城区")].value == Decimal(45)
    assert records[(19, "villages", "济宁高新区")].problem == "管网施工滞后"
    assert {r.by for r in records.values()} == {"赵刚"}


def test_an_old_plain_template_still_imports(plan_ledger, cli, tmp_path):
    path = tmp_path / "old.xlsx"
    shutil.copy(FIXTURES / "old_template_plain.xlsx", path)
    fill_old_template(path, {
        (T.MAIN_SHEET, "existing_routes", None): {"本期累计": 3},
        (T.MAIN_SHEET, "airport_lines", "济宁城区及相关县（市）至大安机场公交专线"): {"本期累计": "完成"},
        (T.MAIN_SHEET, "free_peak_rides", None): {"本期累计": "正常"},
    }, by="孙丽")
    result = cli("--data", plan_ledger, "import", path)
    assert result.exit_code == 0, result.stderr
    records = {(r.target, r.value if isinstance(r.value, str) else None): r for r in read_progress(plan_ledger)}
    assert records[("existing_routes", None)].value == Decimal(3)
    assert ("airport_lines", "济宁城区及相关县（市）至大安机场公交专线") in records
    assert {r.by for r in records.values()} == {"孙丽"}
