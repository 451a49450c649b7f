"""The 通报's view as a Word document in the layout of GB/T 9704-2012 《党政机关公文格式》.

Geometry: A4; margins top 37, bottom 35, left 28, right 26 mm (type area 156 × 225 mm); 22 lines
a page (a line grid, w:docGrid type="lines", pitch 28.95 pt = 579 twips, every paragraph at an
exact 28.95 pt) and 28 characters a line: 3号 (16 pt) characters condensed by 0.25 pt (w:spacing
-5), 28 × 15.75 pt = 441 pt inside the 442.2 pt line. Word's character grid (type="linesAndChars"
with charSpace) is not used: LibreOffice lays a 3号 line of it out at 14 characters (measured;
domain.md says the same). Fonts: title 2号 小标宋, body 3号 仿宋, 一级标题 3号 黑体, 二级标题 3号
楷体, page numbers 4号 宋体 "— 1 —" below the type area, odd pages right, even pages left (one
character in from the edge of the type area). The East Asian font is named in every style and
every run (w:eastAsia), the template's theme fonts are removed (so nothing falls back to Calibri /
等线), and the font table gives each official font a free fallback (w:altName).

The 附件 is a new section on a landscape A4 page: "附件" in 黑体 top left, the table's title, and
the report's table (header row repeated on every page). python-docx is imported here only; this
module lays the view out and computes nothing.
"""

from __future__ import annotations

from pathlib import Path

from minsheng_cli.reporting.cells import Row, Table
from minsheng_cli.reporting.document import Header, NoticeView, Paragraph
from minsheng_cli.words import notice as M

LINE_PITCH_TWIPS = 579  # 28.95 pt: 22 lines in the 225 mm type area
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
MARK_PT = 42  # the red 发文机关标志 / 督查通报 mark (GB/T 9704 leaves its size to the office)
CONDENSED_TWENTIETHS = -5  # -0.25 pt between characters: 28 characters of 3号 to a line
CHAR_PT = BODY_PT + CONDENSED_TWENTIETHS / 20  # 15.75 pt: one character's advance
RED = "FF0000"
PORTRAIT_MM = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26, "footer": 22}
LANDSCAPE_MM = {"width": 297, "height": 210, "top": 28, "bottom": 26, "left": 37, "right": 35, "footer": 14}
TABLE_PT = 10.5  # 5号 in the 附件 table
TABLE_WIDTHS_MM = {"id": 8, "name": 40, "lead": 24, "figure": 34, "delta": 18, "actual": 20,
                   "completion": 18, "expected": 18, "change": 17, "status": 28}  # 225 mm: the landscape type width


def write_docx(view: NoticeView, path: Path) -> None:
    """Lay the view out and write it whole (files.save_whole: the old file stays on an error)."""
    from docx import Document

    from minsheng_cli.files import save_whole

    fonts = font_names(view.fonts)
    document = Document()
    _clean_template(document, fonts)
    _define_styles(document, fonts)
    _portrait(document.sections[0])
    _page_numbers(document, document.sections[0], fonts)
    _Body(document, fonts).main(view)
    _attachment(document, view, fonts)
    save_whole(path, lambda temporary: document.save(str(temporary)))


# --- fonts and styles ----------------------------------------------------------------------------
def _qn(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(name)


def _element(tag: str, **attributes: str):
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(_qn(f"w:{key}"), value)
    return element


# The order of children the schema (ECMA-376) fixes, for the parents we add children to.
SEQUENCES = {
    "rPr": tuple("w:" + name for name in (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
        "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
        "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split()),
    "pPr": tuple("w:" + name for name in (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
        "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()),
    "tblPr": tuple("w:" + name for name in (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
        "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange").split()),
    "sectPr": tuple("w:" + name for name in (
        "footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols formProt vAlign "
        "noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange").split()),
}


def _put(parent, element):
    """Put `element` into `parent` where the schema's sequence wants it, replacing one of its kind:
    Word refuses a document whose children are out of order (LibreOffice does not mind)."""
    tag = element.tag
    old = parent.find(tag)
    if old is not None:
        parent.remove(old)
    order = SEQUENCES.get(parent.tag.rsplit("}", 1)[-1], ())
    names = [_qn(name) for name in order]
    if tag in names:
        parent.insert_element_before(element, *order[names.index(tag) + 1:])
    else:
        parent.append(element)
    return element


def _child(parent, tag: str):
    """The parent's child `tag`, made (in its place in the sequence) when absent."""
    found = parent.find(_qn(tag))
    return found if found is not None else _put(parent, _element(tag))


FONT_CHOICE = {"official": 0, "free": 1}  # the column of words/notice.FONTS


def font_names(choice: str) -> dict[str, str]:
    """Role (title, body, heading, subheading, page) → the font name the document writes."""
    return {role: names[FONT_CHOICE[choice]] for role, names in M.FONTS.items()}


def _set_fonts(rpr, name: str) -> None:
    """Name the font for every script (w:ascii, w:hAnsi, w:eastAsia, w:cs), no theme font."""
    fonts = _child(rpr, "w:rFonts")
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(_qn(f"w:{script}"), name)
    _child(rpr, "w:lang").set(_qn("w:eastAsia"), "zh-CN")


def _clean_template(document, fonts: dict) -> None:
    """python-docx's default template: strip every theme font reference (asciiTheme, eastAsiaTheme…)
    from the styles, so no style falls back to the theme's Calibri / 等线; set the defaults to 仿宋;
    give each official font a fallback in the font table."""
    styles = document.styles.element
    for named in styles.iter(_qn("w:rFonts")):
        for attribute in [a for a in named.attrib if a.endswith("Theme")]:
            del named.attrib[attribute]
    defaults = styles.find(_qn("w:docDefaults"))
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    _set_fonts(rpr, fonts["body"])
    _font_table(document)


def _font_table(document) -> None:
    """w:font entries with the free fallback (w:altName) for each official font."""
    part = document.part
    font_part = next((rel.target_part for rel in part.rels.values() if rel.reltype.endswith("/fontTable")), None)
    if font_part is None:
        return
    from docx.oxml import parse_xml

    root = parse_xml(font_part.blob)
    known = {font.get(_qn("w:name")) for font in root.findall(_qn("w:font"))}
    for official, fallback in dict(M.FONTS.values()).items():
        if official in known:
            continue
        font = _element("w:font", name=official)
        font.append(_element("w:altName", val=fallback))
        font.append(_element("w:charset", val="86"))
        font.append(_element("w:family", val="roman"))
        root.append(font)
        known.add(official)
    from lxml import etree

    font_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _define_styles(document, fonts: dict) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    normal = document.styles["Normal"]
    _style_run(normal, fonts["body"], BODY_PT)
    _exact_lines(normal)
    styles = document.styles
    body = styles.add_style(M.STYLE_NAMES["body"], WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    _style_run(body, fonts["body"], BODY_PT)
    _exact_lines(body)
    body.paragraph_format.first_line_indent = _pt(2 * CHAR_PT)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # Word: no punctuation hanging past the type area (LibreOffice ignores this and lets a closing
    # 。，： of a full line overhang the right edge, as Chinese typesetting allows)
    _put(body.element.get_or_add_pPr(), _element("w:overflowPunct", val="0"))
    heading = styles.add_style(M.STYLE_NAMES["heading"], WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = body
    _style_run(heading, fonts["heading"], BODY_PT)
    heading.paragraph_format.keep_with_next = True
    title = styles.add_style(M.STYLE_NAMES["title"], WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    _style_run(title, fonts["title"], TITLE_PT, condensed=False)
    _exact_lines(title, 2 * LINE_PITCH_TWIPS * 0.6)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = styles.add_style(M.STYLE_NAMES["table"], WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    _style_run(table, fonts["body"], TABLE_PT, condensed=False)
    table.paragraph_format.line_spacing = 1.0
    table.paragraph_format.first_line_indent = 0
    footer = styles.add_style(M.STYLE_NAMES["footer"], WD_STYLE_TYPE.PARAGRAPH)
    footer.base_style = normal
    _style_run(footer, fonts["page"], PAGE_NUMBER_PT, condensed=False)
    footer.paragraph_format.line_spacing = 1.0


def _pt(value: float):
    from docx.shared import Pt

    return Pt(value)


def _style_run(style, font: str, size: float, condensed: bool = True) -> None:
    style.font.size = _pt(size)
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, font)
    spacing = rpr.find(_qn("w:spacing"))
    if spacing is not None:
        rpr.remove(spacing)
    if condensed:
        _put(rpr, _element("w:spacing", val=str(CONDENSED_TWENTIETHS)))


def _exact_lines(style, twips: float = LINE_PITCH_TWIPS) -> None:
    from docx.enum.text import WD_LINE_SPACING

    paragraph = style.paragraph_format
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = _pt(twips / 20)
    paragraph.space_before = paragraph.space_after = _pt(0)
    paragraph.widow_control = False  # a widow rule would leave a page short of its 22 lines


def _run(paragraph, text: str, font: str, size: float, condensed: bool = True, colour: str = "", bold: bool = False):
    """A run with its font named for every script, as GB/T 9704 documents must carry it."""
    run = paragraph.add_run(text)
    run.font.size = _pt(size)
    if bold:
        run.bold = True
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, font)
    if condensed:
        _put(rpr, _element("w:spacing", val=str(CONDENSED_TWENTIETHS)))
    if colour:
        from docx.shared import RGBColor

        run.font.color.rgb = RGBColor.from_string(colour)
    return run


# --- pages ---------------------------------------------------------------------------------------
def _mm(value: float):
    """A length in millimetres, as the nearest whole twip (28 mm is 1588 twips, not 1587)."""
    from docx.shared import Twips

    return Twips(round(value * 1440 / 25.4))


def _geometry(section, sizes: dict, grid: bool) -> None:
    from docx.enum.section import WD_ORIENT

    section.orientation = WD_ORIENT.LANDSCAPE if sizes["width"] > sizes["height"] else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = _mm(sizes["width"]), _mm(sizes["height"])
    section.top_margin, section.bottom_margin = _mm(sizes["top"]), _mm(sizes["bottom"])
    section.left_margin, section.right_margin = _mm(sizes["left"]), _mm(sizes["right"])
    section.footer_distance = _mm(sizes["footer"])
    section.header_distance = _mm(15)
    if grid:
        _put(section._sectPr, _element("w:docGrid", type="lines", linePitch=str(LINE_PITCH_TWIPS)))
    else:
        _put(section._sectPr, _element("w:docGrid", linePitch="312"))


def _portrait(section) -> None:
    _geometry(section, PORTRAIT_MM, grid=True)


def _page_numbers(document, section, fonts: dict) -> None:
    """— 1 — in 4号 宋体: odd pages right, even pages left, one character in from the type area."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.settings.odd_and_even_pages_header_footer = True
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.style = document.styles[M.STYLE_NAMES["footer"]]
        paragraph.alignment = alignment
        indent = _pt(PAGE_NUMBER_PT)
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        _run(paragraph, M.PAGE_NUMBER_DASH, fonts["page"], PAGE_NUMBER_PT, condensed=False)
        _page_field(_run(paragraph, "", fonts["page"], PAGE_NUMBER_PT, condensed=False))
        _run(paragraph, M.PAGE_NUMBER_DASH_AFTER, fonts["page"], PAGE_NUMBER_PT, condensed=False)


def _page_field(run) -> None:
    run._r.append(_element("w:fldChar", fldCharType="begin"))
    instruction = _element("w:instrText")
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    run._r.append(_element("w:fldChar", fldCharType="separate"))
    text = _element("w:t")
    text.text = "1"
    run._r.append(text)
    run._r.append(_element("w:fldChar", fldCharType="end"))


# --- the body ------------------------------------------------------------------------------------
class _Body:
    def __init__(self, document, fonts: dict):
        self.document = document
        self.styles = document.styles
        self.fonts = fonts

    def paragraph(self, style: str = "body"):
        return self.document.add_paragraph(style=self.styles[M.STYLE_NAMES[style]])

    def blank(self) -> None:
        self.paragraph()

    def text(self, paragraph: Paragraph) -> None:
        made = self.paragraph()
        if paragraph.lead:
            _run(made, paragraph.lead, self.fonts["subheading"], BODY_PT)
        _run(made, paragraph.text, self.fonts["body"], BODY_PT)

    def main(self, view: NoticeView) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if view.stamp:
            _run(self.paragraph(), view.stamp, self.fonts["heading"], BODY_PT, colour=RED)
        self.header(view.header)
        self.blank()
        title = self.paragraph("title")
        _run(title, view.title, self.fonts["title"], TITLE_PT, condensed=False)
        if view.label:
            label = self.paragraph()
            label.alignment = WD_ALIGN_PARAGRAPH.CENTER
            label.paragraph_format.first_line_indent = 0
            _run(label, view.label, self.fonts["subheading"], BODY_PT)
        self.blank()
        recipients = self.paragraph()
        recipients.paragraph_format.first_line_indent = 0
        _run(recipients, view.recipients, self.fonts["body"], BODY_PT)
        self.text(Paragraph(view.lead))
        for part in view.parts:
            _run(self.paragraph("heading"), part.heading, self.fonts["heading"], BODY_PT)
            for paragraph in part.paragraphs:
                self.text(paragraph)
        self.blank()
        note = self.paragraph()
        _run(note, view.attachment_note, self.fonts["body"], BODY_PT)
        self.blank()
        self.blank()
        for line in (view.signature, view.date):
            signed = self.paragraph()
            signed.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            signed.paragraph_format.right_indent = _pt(4 * CHAR_PT)  # 成文日期右空四字
            _run(signed, line, self.fonts["body"], BODY_PT)

    def header(self, header: Header) -> None:
        """The red mark, the number (期号 or 文号), the issuer and date of an issue, a red line."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

        mark = self.paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        mark.paragraph_format.first_line_indent = 0
        from docx.enum.text import WD_LINE_SPACING

        mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        mark.paragraph_format.line_spacing = _pt(2 * LINE_PITCH_TWIPS / 20)
        _run(mark, header.mark, self.fonts["title"], MARK_PT, condensed=False, colour=RED)
        number = self.paragraph()
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        number.paragraph_format.first_line_indent = 0
        _run(number, header.number, self.fonts["body"], BODY_PT)
        last = number
        if header.kind == "issue":
            line = self.paragraph()
            line.paragraph_format.first_line_indent = 0
            width = (PORTRAIT_MM["width"] - PORTRAIT_MM["left"] - PORTRAIT_MM["right"])
            line.paragraph_format.tab_stops.add_tab_stop(_mm(width), WD_TAB_ALIGNMENT.RIGHT)
            _run(line, header.issuer + "\t" + header.date, self.fonts["body"], BODY_PT)
            last = line
        _red_rule(last)


def _red_rule(paragraph) -> None:
    """The red separator line under the header (版头中的分隔线), as the paragraph's bottom border."""
    borders = _element("w:pBdr")
    borders.append(_element("w:bottom", val="single", sz="16", space="4", color=RED))
    _put(paragraph._p.get_or_add_pPr(), borders)


# --- the attachment ------------------------------------------------------------------------------
def _attachment(document, view: NoticeView, fonts: dict) -> None:
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = document.add_section(WD_SECTION.NEW_PAGE)
    _geometry(section, LANDSCAPE_MM, grid=False)
    attachment = view.attachment
    styles = document.styles
    mark = document.add_paragraph(style=styles[M.STYLE_NAMES["body"]])
    mark.paragraph_format.first_line_indent = 0
    _run(mark, attachment.mark, fonts["heading"], BODY_PT)
    title = document.add_paragraph(style=styles[M.STYLE_NAMES["title"]])
    _run(title, attachment.title, fonts["title"], TITLE_PT, condensed=False)
    subtitle = document.add_paragraph(style=styles[M.STYLE_NAMES["body"]])
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.first_line_indent = 0
    _run(subtitle, attachment.subtitle, fonts["subheading"], BODY_PT)
    _table(document, attachment.table, fonts)
    footnote = document.add_paragraph(style=styles[M.STYLE_NAMES["table"]])
    _run(footnote, attachment.footnote, fonts["body"], TABLE_PT, condensed=False)


def _table(document, table: Table, fonts: dict) -> None:
    columns = table.columns
    made = document.add_table(rows=1, cols=len(columns))
    made.style = document.styles["Table Grid"]
    made.autofit = False
    widths = [_mm(TABLE_WIDTHS_MM.get(column.key, 15)) for column in columns]
    _fixed_widths(made, widths)
    header = made.rows[0]
    _repeat_header(header)
    for cell, column, width in zip(header.cells, columns, widths):
        cell.width = width
        _cell_text(document, cell, column.header, fonts["heading"], centre=True)
    for section in table.sections:
        if section.title:
            _merged_row(document, made, section.title, fonts["heading"])
        for row in section.rows:
            _row(document, made, row, widths, fonts)


def _fixed_widths(made, widths) -> None:
    """Column widths LibreOffice and WPS keep: the grid's columns, the table's width, a fixed layout."""
    for column, width in zip(made.columns, widths):
        column.width = width
    tblpr = made._tbl.tblPr
    _put(tblpr, _element("w:tblW", w=str(sum(int(width.twips) for width in widths)), type="dxa"))
    _put(tblpr, _element("w:tblLayout", type="fixed"))


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(_element("w:tblHeader"))
    trpr.append(_element("w:cantSplit"))


def _merged_row(document, made, text: str, font: str) -> None:
    cells = made.add_row().cells
    merged = cells[0].merge(cells[-1])
    _cell_text(document, merged, text, font)


def _row(document, made, row: Row, widths, fonts: dict) -> None:
    if row.kind == "notes":
        _merged_row(document, made, row.note, fonts["body"])
        return
    added = made.add_row()
    added._tr.get_or_add_trPr().append(_element("w:cantSplit"))
    for cell, value, width in zip(added.cells, row.cells, widths):
        cell.width = width
        _cell_text(document, cell, value.text, fonts["body"])


def _cell_text(document, cell, text: str, font: str, centre: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    paragraph.style = document.styles[M.STYLE_NAMES["table"]]
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = text.split("\n")
    for number, line in enumerate(lines):
        target = paragraph if number == 0 else cell.add_paragraph(style=document.styles[M.STYLE_NAMES["table"]])
        _run(target, line, font, TABLE_PT, condensed=False)
