"""`minsheng report --format html` (PRODUCT.md §7 "HTML for leaders", issue 12): one file that needs
nothing else — no script, no URL, no external stylesheet or font — with the summary sentence, the
charts as inline SVG, the county ranking and the lists; hostile ledger text stays text; the
ledger-error refusal and stamp as for xlsx. The browser test is test_report_html_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

from test_invalid_never_counts import hand_edited  # noqa: F401 - the fixture with two bad lines

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)> &amp; url(http://evil.example/x.css)'


def write_html(cli, root: Path, path: Path, *args: str):
    result = cli("--data", root, "report", "--month", "2023-06", "-o", path, *args)
    return result, (path.read_text(encoding="utf-8") if path.exists() else None)


def test_one_self_contained_file_with_everything_a_leader_reads(example_ledger, cli, tmp_path):
    result, page = write_html(cli, example_ledger, tmp_path / "6月.html")
    assert result.exit_code == 0 and "已写入" in result.stdout
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    for tag in ('<meta charset="utf-8">', '<meta name="renderer" content="webkit">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">', "@media print", "@page{size:A4"):
        assert tag in page
    plain = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "plain").stdout
    summary = next(line for line in plain.splitlines() if line.startswith("截至2023年6月底"))
    assert summary in page
    assert page.count("<svg") >= 60  # a bar and a trend per project, a bar per county
    assert page.count('<figure>') == 30 and page.count("stroke-dasharray") >= 20  # trends with their forecast
    for heading in ("各项目完成率与序时进度", "各项目逐月进度及年底预测", "县（市、区）排名", "功能区", "进度滞后的项目和指标（4项）",
                    "未报送的项目（1项）", "年底预测：按近3个月进度年底完不成或进度停滞的项目（8项）"):
        assert heading in page
    assert "年底预计56664人（完成年度目标的94.4%）" in page  # project 2's forecast under its trend


def test_nothing_leaves_the_file(example_ledger, cli, tmp_path):
    _, page = write_html(cli, example_ledger, tmp_path / "6月.html")
    lowered = page.lower()
    assert "<script" not in lowered and "<link" not in lowered and "<img" not in lowered and "@import" not in lowered
    assert not re.search(r"\b(src|href|xlink:href|action)\s*=", lowered)
    assert "url(" not in lowered and "http:" not in lowered and "https:" not in lowered
    assert not re.search(r"""=["']//""", lowered)


def test_the_full_plan_stays_small(example_ledger, cli, tmp_path):
    path = tmp_path / "6月.html"
    write_html(cli, example_ledger, path)
    assert path.stat().st_size <= 1_000_000


def test_ledger_text_is_escaped(example_ledger, cli, tmp_path):
    assert cli("--data", example_ledger, "update", "7", "--date", "2023-06-30", "--problem", HOSTILE, "--next", HOSTILE).exit_code == 0
    _, page = write_html(cli, example_ledger, tmp_path / "6月.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp;amp;" in page
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered
    style = lowered[lowered.index("<style>"):lowered.index("</style>")]
    assert "url(" not in style and "evil" not in style  # the unit's url(...) is text in a paragraph, never style


def test_html_needs_an_output_file_and_an_html_name_chooses_it(example_ledger, cli, tmp_path):
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "html")
    assert result.exit_code == 2 and "html 格式需要用 --output" in result.stderr
    result, page = write_html(cli, example_ledger, tmp_path / "报表.HTM")
    assert result.exit_code == 0 and page.startswith("<!DOCTYPE html>")
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "html", "-o", tmp_path / "表.txt")
    assert result.exit_code == 2 and "矛盾" in result.stderr and "表.html" in result.stderr  # -f and -o must agree
    assert not (tmp_path / "表.txt").exists()


def test_refused_with_ledger_errors_and_stamped_with_force(hand_edited, cli, tmp_path):  # noqa: F811
    path = tmp_path / "6月.html"
    result, page = write_html(cli, hand_edited, path)
    assert result.exit_code == 1 and page is None
    assert "--force" in result.stderr and "台账有2处错误" in result.stderr and "Traceback" not in result.stderr
    result, page = write_html(cli, hand_edited, path, "--force")
    assert result.exit_code == 0
    main = page[page.index("<main>") + len("<main>"):]
    assert main.lstrip().startswith('<p class="stamp">台账有2处错误（运行 minsheng check 查看），下表未计入这些记录</p>')


def test_a_fresh_ledger_draws_without_figures(plan_ledger, cli, tmp_path):
    result, page = write_html(cli, plan_ledger, tmp_path / "空.html")
    assert result.exit_code == 0
    assert "未报送" in page and page.count("<figure>") == 30


def test_an_output_in_the_ledger_is_refused(example_ledger, cli):
    target = example_ledger / "projects.yaml"
    before = target.read_bytes()
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "--format", "html", "-o", target)
    assert result.exit_code == 2 and target.read_bytes() == before  # .yaml is no html name
    inside = example_ledger / "progress" / "2023-06" / "报表.html"
    result = cli("--data", example_ledger, "report", "--month", "2023-06", "-o", inside)
    assert result.exit_code == 1 and "台账本身的文件" in result.stderr and not inside.exists()
