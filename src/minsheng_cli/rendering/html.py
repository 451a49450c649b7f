"""The HTML report for leaders (`report --format html -o 6月.html`): one self-contained file.

No script, no external stylesheet, font or image, no URL at all: the charts are inline SVG drawn
here from the view (`reporting/html_view.py`), the fonts are the reader's own CJK system fonts.
It reads on a 375-px phone (the page never scrolls sideways: bars and charts scale to the width,
long text wraps) and prints on A4 (@media print). Every text — the plan's names, the units'
notes — is escaped: ledger text is hostile input. Only drawing happens here: shares become
coordinates, nothing is judged.
"""

from __future__ import annotations

import math
from fractions import Fraction
from html import escape
from typing import Optional

from minsheng_cli.reporting.cells import Bar, HtmlView, Trend

STATUS_COLOURS = {
    "completed": "#1a7f37", "ahead": "#2da44e", "on_track": "#0969da", "lagging": "#e36209",
    "seriously_lagging": "#cf222e", "overdue": "#82071e", "not_reported": "#8c959f", "not_started": "#c8ced6",
    "county": "#0969da",
}
UNKNOWN_COLOUR = "#8c959f"
FONTS = ('"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", '
         '"Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei", sans-serif')

STYLE = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f6f8fa;color:#1f2328;font-family:@FONTS@;font-size:15px;line-height:1.6;overflow-wrap:break-word;word-break:break-word}
main{max-width:1100px;margin:0 auto;padding:12px}
h1{font-size:1.35em;margin:.4em 0 .2em;line-height:1.35}
h2{font-size:1.12em;margin:1.2em 0 .4em;border-left:4px solid #0969da;padding-left:.5em}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 12px;margin:10px 0}
.sub,.note,.aside,figcaption,footer{color:#57606a;font-size:.88em}
.stamp{color:#c00000;font-weight:bold;border:2px solid #c00000;padding:6px 10px;background:#fff}
.summary p{font-size:1.05em;margin:.2em 0}
.legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85em}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;border-radius:2px}
.bars{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));column-gap:24px}
.bar{padding:5px 0;border-bottom:1px solid #eaeef2}
.bar-head{display:flex;justify-content:space-between;gap:8px}
.bar-head .value{font-weight:bold;white-space:nowrap}
svg{display:block;max-width:100%}
.meter{width:100%;height:12px;margin:3px 0}
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:10px}
figure{margin:0;border:1px solid #eaeef2;border-radius:4px;padding:6px}
figure h3{font-size:.92em;margin:0 0 2px;line-height:1.35}
figure .subject{color:#57606a;font-size:.8em}
.trend{width:100%;height:auto}
.block p{margin:.35em 0}
footer{margin:10px 0 20px}
@page{size:A4;margin:12mm}
@media print{
 body{background:#fff;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 main{max-width:none;padding:0}
 section{border:none;padding:0 0 4mm;margin:0}
 .trends{grid-template-columns:repeat(3,1fr)}
 figure,.bar,.block p{break-inside:avoid;page-break-inside:avoid}
 h2{break-after:avoid;page-break-after:avoid}
}
""".replace("@FONTS@", FONTS)


def html_text(view: HtmlView, stamp: Optional[str] = None) -> str:
    """The whole page; `stamp` (the ledger's errors) comes first when there is one."""
    h = view.headings
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(h["lang"])}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="renderer" content="webkit">',
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(view.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    if stamp:
        parts.append(f'<p class="stamp">{escape(stamp)}</p>')
    parts += [
        f"<header><h1>{escape(view.title)}</h1><p class=\"sub\">{escape(view.subtitle)}</p></header>",
        f'<section class="summary"><p>{escape(view.summary)}</p></section>',
        _bars_section(view),
        _trends_section(view),
    ]
    if view.counties:
        parts.append(_counties_section(view))
    parts += [_block(heading, entries) for heading, entries in view.blocks]
    parts += [
        f"<footer><p>{escape(view.footnote)}</p><p>{escape(h['foot'])}</p></footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _colour(status: Optional[str]) -> str:
    return STATUS_COLOURS.get(status or "", UNKNOWN_COLOUR)


def _num(value: Fraction | float) -> str:
    """An SVG coordinate: one decimal, no trailing .0."""
    text = f"{float(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


# --- completion against 序时进度 ------------------------------------------------------------------
def _legend(view: HtmlView) -> str:
    items = "".join(f'<li><i style="background:{_colour(code)}"></i>{escape(word)}</li>' for code, word in view.legend)
    expected = f'<li><i style="background:#1f2328;width:2px"></i>{escape(view.headings["expected"])}</li>'
    return f'<ul class="legend" aria-label="{escape(view.headings["legend"])}">{items}{expected}</ul>'


def _meter(bar: Bar) -> str:
    """A bar 0–100% (beyond 100% drawn full) with the schedule as a vertical line."""
    width = 0 if bar.completion is None else min(bar.completion, Fraction(1)) * 100
    shapes = [
        '<rect x="0" y="1" width="100" height="6" fill="#eaeef2"></rect>',
        f'<rect x="0" y="1" width="{_num(width)}" height="6" fill="{_colour(bar.status)}"></rect>',
    ]
    if bar.expected is not None:
        x = _num(min(bar.expected, Fraction(1)) * 100)
        shapes.append(f'<line x1="{x}" y1="0" x2="{x}" y2="8" stroke="#1f2328" stroke-width="2" vector-effect="non-scaling-stroke"></line>')
    return (f'<svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" '
            f'aria-label="{escape(bar.spoken or bar.aside)}">{"".join(shapes)}</svg>')


def _bar(bar: Bar) -> str:
    return (f'<li class="bar"><div class="bar-head"><span class="name">{escape(bar.label)}</span>'
            f'<span class="value" style="color:{_colour(bar.status)}">{escape(bar.completion_text)}</span></div>'
            f'{_meter(bar)}{_aside(bar)}</li>')


def _aside(bar: Bar) -> str:
    return f'<div class="aside">{escape(bar.aside)}</div>' if bar.aside else ""


def _bars_section(view: HtmlView) -> str:
    h = view.headings
    bars = "".join(_bar(bar) for bar in view.bars)
    return (f'<section><h2>{escape(h["completion"])}</h2><p class="note">{escape(h["completion_note"])}</p>'
            f'{_legend(view)}<ol class="bars">{bars}</ol></section>')


# --- the monthly trends -------------------------------------------------------------------------
WIDTH, HEIGHT = 300, 170
LEFT, RIGHT, TOP, BOTTOM = 36, 290, 10, 140


def _scale_top(trend: Trend) -> Fraction:
    """The share at the top of the chart: 100%, or up to 200% for a target far beyond it."""
    values = [y for _, y in trend.actual] + ([trend.forecast[1][1]] if trend.forecast else [])
    top = max([Fraction(1)] + values)
    return min(Fraction(2), Fraction(math.ceil(top * 4), 4))


def _trend_svg(trend: Trend) -> str:
    top = _scale_top(trend)
    months = max(trend.months, 1)

    def x(position: Fraction) -> str:
        return _num(LEFT + (RIGHT - LEFT) * min(max(position, Fraction(0)), Fraction(months)) / months)

    def y(share: Fraction) -> str:
        return _num(BOTTOM - (BOTTOM - TOP) * min(max(share, Fraction(0)), top) / top)

    colour = _colour(trend.status)
    shapes = []
    step = Fraction(1, 2) if top <= 1 else Fraction(1, 2) * (1 if top <= Fraction(3, 2) else 2)
    level = Fraction(0)
    while level <= top:
        shapes.append(f'<line x1="{LEFT}" y1="{y(level)}" x2="{RIGHT}" y2="{y(level)}" stroke="#eaeef2"></line>')
        shapes.append(f'<text x="{LEFT - 4}" y="{_num(float(y(level)) + 3.5)}" text-anchor="end" font-size="10" fill="#57606a">'
                      f'{escape(trend.percent_tick.format(value=int(level * 100)))}</text>')
        level += step
    for position, label in trend.ticks:
        shapes.append(f'<text x="{x(position)}" y="{BOTTOM + 14}" text-anchor="middle" font-size="10" fill="#57606a">{escape(label)}</text>')
    shapes.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="#8c959f"></line>')
    if trend.schedule:
        points = " ".join(f"{x(px)},{y(py)}" for px, py in trend.schedule)
        shapes.append(f'<polyline points="{points}" fill="none" stroke="#8c959f" stroke-width="1.5"></polyline>')
    if trend.forecast:
        (x0, y0), (x1, y1) = trend.forecast
        shapes.append(f'<line x1="{x(x0)}" y1="{y(y0)}" x2="{x(x1)}" y2="{y(y1)}" stroke="{colour}" stroke-width="2" '
                      f'stroke-dasharray="5 4"></line>')
        shapes.append(f'<circle cx="{x(x1)}" cy="{y(y1)}" r="3" fill="#fff" stroke="{colour}" stroke-width="2"></circle>')
    if trend.actual:
        points = " ".join(f"{x(px)},{y(py)}" for px, py in trend.actual)
        shapes.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"></polyline>')
        shapes += [f'<circle cx="{x(px)}" cy="{y(py)}" r="2.5" fill="{colour}"></circle>' for px, py in trend.actual]
    return (f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(trend.label)}">'
            f'{"".join(shapes)}</svg>')


def _trend(trend: Trend) -> str:
    return (f'<figure><h3>{escape(trend.title)}</h3><div class="subject">{escape(trend.subject)} · '
            f'<span style="color:{_colour(trend.status)}">{escape(trend.status_text)}</span></div>'
            f'{_trend_svg(trend)}<figcaption>{escape(trend.note)}</figcaption></figure>')


def _trends_section(view: HtmlView) -> str:
    h = view.headings
    key = (f'<ul class="legend"><li><i style="background:#0969da"></i>{escape(h["actual"])}</li>'
           f'<li><i style="background:repeating-linear-gradient(90deg,#0969da 0 4px,#fff 4px 7px)"></i>{escape(h["forecast"])}</li>'
           f'<li><i style="background:#8c959f"></i>{escape(h["expected"])}</li></ul>')
    trends = "".join(_trend(trend) for trend in view.trends)
    return (f'<section><h2>{escape(h["trends"])}</h2><p class="note">{escape(h["trends_note"])}</p>{key}'
            f'<div class="trends">{trends}</div></section>')


# --- the counties and the text blocks ------------------------------------------------------------
def _counties_section(view: HtmlView) -> str:
    groups = "".join(
        f'<h3>{escape(group.title)}</h3><ol class="bars">{"".join(_bar(bar) for bar in group.bars)}</ol>'
        for group in view.counties
    )
    return f'<section><h2>{escape(view.headings["counties"])}</h2>{groups}</section>'


def _block(heading: str, entries: list[str]) -> str:
    lines = "".join(f"<p>{escape(entry)}</p>" for entry in entries)
    return f'<section class="block"><h2>{escape(heading)}</h2>{lines}</section>'
