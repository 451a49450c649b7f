"""The shape of the 通报's view (`notice_view.py` builds it, `rendering/docx.py` lays it out): a
header, a title, paragraphs in sections, a signature, and the 附件 table as the report's cells.
Like cells.py it imports nothing of the report, so the renderer depends on this shape only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from minsheng_cli.reporting.cells import Table


@dataclass(frozen=True)
class Header:
    kind: str  # issue (督查通报〔2023〕第N期) | red (红头: 发文机关标志 + 文号)
    mark: str  # the big red line: 督查通报 / 济宁市人民政府督查室文件
    number: str  # 〔2023〕第6期 / 济政督字〔2023〕6号
    issuer: str  # the office, shown under the mark of an issue header
    date: str  # 2023年7月5日 (issue header: beside the issuer)


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""  # a （一）… heading run in 楷体 before the text (GB/T 9704 二级标题)


@dataclass(frozen=True)
class Part:
    heading: str  # 一、总体情况 (黑体)
    paragraphs: list[Paragraph]


@dataclass(frozen=True)
class Attachment:
    mark: str  # 附件
    title: str  # the table's title
    subtitle: str  # 2023年6月　截至2023年6月底　序时进度50.0%
    table: Table
    footnote: str


@dataclass(frozen=True)
class NoticeView:
    header: Header
    title: str
    recipients: str
    lead: str  # 导语
    parts: list[Part]
    attachment_note: str  # 附件：… after the body
    signature: str  # the issuing office
    date: str  # 成文日期
    attachment: Attachment
    stamp: Optional[str] = None  # the ledger's errors, when forced out with them: first of all
    label: Optional[str] = None  # 示例数据…: said under the title
    fonts: str = "official"  # official (GB/T 9704's names) | free (Noto CJK)
