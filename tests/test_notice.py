"""`minsheng notice`: options and refusals end to end, and the document's own settings (read back
with python-docx: GB/T 9704 margins and line grid, East Asian fonts named in every style and run,
no theme fonts, the header kinds, the 附件 section). How it looks is tests/test_notice_render.py."""

from __future__ import annotations

import zipfile

import pytest

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUPERVISION = "supervision/2023-06.yaml"


def make(cli, root, tmp_path, *extra):
    out = tmp_path / "通报.docx"
    result = cli("--data", root, "notice", "--month", "2023-06", "-o", out, *extra)
    return result, out


def body_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_notice_writes_the_sections_from_the_report(example_ledger, cli, tmp_path):
    result, out = make(cli, example_ledger, tmp_path)
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    text = body_text(out)
    for part in ("督查通报", "〔2023〕第6期", "一、总体情况", "二、分类进展", "三、存在问题", "四、下步工作", "附件："):
        assert part in text, part
    report = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "plain").stdout
    sentence = next(line for line in report.splitlines() if line.startswith("截至2023年6月底，"))
    assert sentence in text
    # the office's own words and the ladder's suggestion, under the lagging project
    assert "核实意见：经实地核查，2所新建学校" in text and "建议挂牌督办" in text
    assert "一是压实工作责任" in text  # 下步工作要求 from the supervision file
    assert "已挂牌督办（2023年6月20日）" in text  # project 12: listed by the office …
    problems = text[text.index("三、存在问题"):text.index("四、下步工作")]
    twelve = problems[problems.index("实施有线电视"):]
    assert "建议挂牌督办" not in twelve.split("（三）")[0]  # … so not suggested again


def test_geometry_grid_and_fonts_are_set_in_the_document(example_ledger, cli, tmp_path):
    result, out = make(cli, example_ledger, tmp_path)
    assert result.exit_code == 0
    document = docx.Document(str(out))
    body, attachment = document.sections[0], document.sections[-1]
    assert [round(x.mm) for x in (body.page_width, body.page_height)] == [210, 297]
    margins = (body.top_margin, body.bottom_margin, body.left_margin, body.right_margin)
    assert [round(margin.mm, 1) for margin in margins] == [37.0, 35.0, 28.0, 26.0]
    grid = body._sectPr.find(W + "docGrid")
    assert grid.get(W + "type") == "lines" and grid.get(W + "linePitch") == "579"
    assert round(attachment.page_width.mm) == 297 and round(attachment.page_height.mm) == 210
    with zipfile.ZipFile(out) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        main = package.read("word/document.xml").decode("utf-8")
        footer = package.read("word/footer1.xml").decode("utf-8")
    assert "Theme=" not in styles, "no style may fall back to the theme's Calibri / 等线"
    assert 'w:eastAsia="仿宋_GB2312"' in styles and 'w:eastAsia="方正小标宋简体"' in main
    assert 'w:eastAsia="黑体"' in main and 'w:eastAsia="楷体_GB2312"' in main
    assert 'w:line="579" w:lineRule="exact"' in styles or 'w:lineRule="exact" w:line="579"' in styles
    assert " PAGE " in footer and "— " in footer
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                fonts = run._r.rPr.find(W + "rFonts")
                assert fonts is not None and fonts.get(W + "eastAsia"), run.text
    assert document.settings.odd_and_even_pages_header_footer


def test_free_fonts_and_red_header(example_ledger, cli, tmp_path):
    result, out = make(cli, example_ledger, tmp_path, "--header", "red", "--fonts", "free")
    assert result.exit_code == 0, result.output
    text = body_text(out)
    assert "市政府督查室文件" in text and "济政督字〔2023〕6号" in text and "督查通报" not in text.split("\n")[0]
    with zipfile.ZipFile(out) as package:
        main = package.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="Noto Serif CJK SC"' in main and "仿宋_GB2312" not in main


def test_header_from_the_plan_settings(example_ledger, cli, tmp_path):
    plan = example_ledger / "projects.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "\nsettings:\n" in text
    plan.write_text(text.replace("\nsettings:\n", "\nsettings:\n  notice: {header: red, issuer: 济宁市人民政府督查室}\n", 1), encoding="utf-8")
    (example_ledger / SUPERVISION).unlink()
    result, out = make(cli, example_ledger, tmp_path)
    assert result.exit_code == 0, result.output
    text = body_text(out)
    assert "济宁市人民政府督查室文件" in text
    assert "各牵头单位要对照年度目标和序时进度" in text  # no office file: the standard 下步工作要求


@pytest.mark.parametrize("name", ["通报.pdf", "通报", "通报.doc"])
def test_output_must_be_docx(example_ledger, cli, tmp_path, name):
    result = cli("--data", example_ledger, "notice", "--month", "2023-06", "-o", tmp_path / name)
    assert result.exit_code == 2
    assert ".docx" in result.stderr and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == [example_ledger]


def test_output_is_required_and_options_are_checked(example_ledger, cli, tmp_path):
    assert cli("--data", example_ledger, "notice", "--month", "2023-06").exit_code == 2
    bad = cli("--data", example_ledger, "notice", "--month", "2023-06", "-o", tmp_path / "a.docx", "--header", "blue")
    assert bad.exit_code == 2 and "--header" in bad.stderr
    month = cli("--data", example_ledger, "notice", "--month", "2023-13", "-o", tmp_path / "a.docx")
    assert month.exit_code != 0 and "--month" in month.stderr
    assert not (tmp_path / "a.docx").exists()


def test_output_never_replaces_a_ledger_file(example_ledger, cli):
    target = example_ledger / "progress" / "2023-06" / "x.docx"
    result = cli("--data", example_ledger, "notice", "--month", "2023-06", "-o", target)
    assert result.exit_code == 1 and not target.exists()


def test_a_ledger_with_errors_is_refused_unless_forced(example_ledger, cli, tmp_path):
    broken = example_ledger / "progress" / "2023-06" / "01.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + '- {date: 2023-06-30, target: nonexistent, value: 1}\n', encoding="utf-8")
    refused, out = make(cli, example_ledger, tmp_path)
    assert refused.exit_code == 1 and "--force" in refused.stderr and not out.exists()
    forced, out = make(cli, example_ledger, tmp_path, "--force")
    assert forced.exit_code == 0
    assert docx.Document(str(out)).paragraphs[0].text.startswith("台账有1处错误")


def test_a_broken_supervision_file_is_refused_with_its_line(example_ledger, cli, tmp_path):
    office = example_ledger / SUPERVISION
    office.write_text(office.read_text(encoding="utf-8").replace("  - project: 25", "  - project: 99"), encoding="utf-8")
    result, out = make(cli, example_ledger, tmp_path)
    assert result.exit_code == 1 and not out.exists()
    assert "2023-06.yaml:" in result.stderr and "unknown-project" in result.stderr
    check = cli("--data", example_ledger, "check")
    assert check.exit_code == 1 and "错误[unknown-project]: 没有序号为 99 的项目" in check.stdout
