"""Words of reports: titles, columns, statuses in prose, summary sentence, lists."""

REP_ONE_PERIOD = "{options} 只能选用一个。"
REP_BAD_MONTH = "--month「{value}」不是有效的月份，请写成 2023-06"
REP_BAD_WEEK = "--week「{value}」不是有效的周，请写成 2023-W26（ISO 周）"
REP_NO_SUCH_WEEK = "--week「{value}」：{year}年没有这一周（ISO 周）"
REP_BAD_XUN = "--xun「{value}」不是有效的旬，请写成 2023-06-2（1 上旬、2 中旬、3 下旬）"
REP_BAD_QUARTER = "--quarter「{value}」不是有效的季度，请写成 2023-Q2"
REP_PERIOD_FUTURE = "{option}「{value}」尚未开始（今天是{today}）。"
REP_BEFORE_PLAN = "{option}「{value}」早于计划开始日期{start}。"
REP_PLAN_NOT_STARTED = "计划自{start}开始，今天尚无可报告的进度。"
REP_PLAN_NOT_STARTED_HINT = "用 --as-of、--month 等选项指定计划期内的日期。"
REP_WEEK_LABEL = "{year}年第{week}周（{first}—{last}）"
REP_BAD_STATUS = "--status「{value}」不是可用的状态，可选：{choices}"
REP_BAD_BY = "--by「{value}」无效，可选：{choices}"
REP_XLSX_NEEDS_OUTPUT = "xlsx 格式需要用 --output 指定要写入的文件，例如 --output 2023年6月民生实事.xlsx"
REP_HTML_NEEDS_OUTPUT = "html 格式需要用 --output 指定要写入的文件，例如 --output 2023年6月民生实事.html"
REP_WRITTEN = "已写入 {path}"
REP_SCOPE_LEAD = "{unit}牵头"
REP_SCOPE_CO = "{unit}协办"
REP_SCOPE_CATEGORY = "{names}方面"
REP_SCOPE_FILTERED = "{title}中{scope}的{count}项"
REP_SCOPE_PLAIN = "{title}{count}个项目中"
REP_SENTENCE_HEAD = "截至{date}，{scope}，"
REP_SENTENCE_OVERALL = "总体完成年度目标的{percent}"
REP_OF_WHICH_SERIOUS = "（其中严重滞后{count}项）"
REP_NONE_LAGGING = "无滞后项目"
REP_NOT_REPORTED_COUNT = "{count}项未报送"
REP_FASTER = "快于序时进度{points}个百分点"
REP_SLOWER = "慢于序时进度{points}个百分点"
REP_LEVEL = "与序时进度持平"
REP_OVER_ACHIEVED = "超额完成（完成年度目标的{percent}）"
REP_COMPLETED_SHARE = "完成年度目标的{percent}"
REP_PROJECT_TARGET = "{project}—{target}"
REP_DUE_ITEM = "{target}完成期限{date}"
REP_INTERRUPTED = "政策实施中断"
REP_NOT_CONFIRMED = "最近一次确认实施情况在{date}，已超过报送期限"
REP_LAGGING_HEADING = "进度滞后的项目和指标（{count}项）"
REP_UNREPORTED_HEADING = "未报送的项目（{count}项）"
REP_STALE_HEADING = "未按时报送的项目（超过{days}天未更新，{count}项）"
REP_STALE_ENTRY = "{number}. {name}（{lead}）：最近一次报送在{date}"
REP_TITLE = "{title}进展情况表"
REP_SUBTITLE = "{label}　截至{date}　序时进度{share}"
REP_CLIPPED = "（本期尚未结束，数据截至今天{date}）"
REP_FOOTNOTE = (
    "注：完成率、序时进度为占年度目标的百分比；较上期为完成率比上期末的变化（个百分点）。"
    "项目行的年度目标、本期完成、累计完成为该项目的首项指标，“等N项”表示共N项指标计入完成率；"
    "项目完成率为各项指标完成率（超过100%的按100%计）的加权平均。"
)
REP_UNKNOWN_STATUS = "无法判断"
REP_ITEM_UNIT = "项"
REP_STEPS = "{count}个步骤"
REP_MILESTONE_TARGET = "完成"
REP_DONE = "已完成"
REP_NOT_DONE = "未完成"
REP_DONE_NOW = "完成"
REP_STEPS_DONE = "{done}/{count}个步骤"
REP_MANY_TARGETS = "{name}{figure}等{count}项"
REP_MISSING_ITEMS = "（未完成：{items}）"
REP_MISSING_COUNTIES = "（未报送：{counties}）"
REP_NOTE = "进展情况"
REP_PROBLEM = "存在问题"
REP_NEXT = "下步打算"
REP_TALLY = "共{count}项：{parts}"
REP_RANK = "排名"
REP_COUNTY = "县（市、区）"
REP_COUNTY_COMPLETION = "完成率"
REP_COUNTY_UNREPORTED = "未报送"  # a county with allocations and no record: not ranked, not 0%
REP_COUNTIES_NOT_RANKED = "注：所列指标均未分解到县（市、区），只列各地完成数，不排名。"
REP_WHOLE_CITY = "全市"
REP_COUNTIES_GROUP = "县（市、区）"
REP_ZONES_GROUP = "功能区"
REP_NO_COUNTY_TARGETS = "所选项目没有分县（市、区）统计的指标。"
REP_SHEET_MAIN = "进展情况"
REP_SHEET_LISTS = "滞后及未报送"
REP_SHEET_COUNTIES = "分县（市、区）"
REP_REMARK = "备注"
REP_LAGGING_HEADING_NONE = "进度滞后的项目和指标"
REP_SENTENCE_EMPTY = "截至{date}，{title}尚无项目。"

# --- added with the report's data → view → renderers split (wording.py, view.py, rendering/) ---
REP_COLUMNS = {  # the main table's columns: stable key → header
    "number": "序号",
    "name": "项目名称",
    "lead": "牵头单位",
    "figure": "年度目标",
    "delta": "本期完成",
    "actual": "累计完成",
    "completion": "完成率",
    "expected": "序时进度",
    "change": "较上期",
    "status": "状态",
}
REP_NONE = "—"  # a figure that is not there (not reported, unknown)
REP_LIST_SEP = "、"  # between names in a list
REP_CLAUSE_SEP = "，"  # between clauses of a sentence
REP_PART_SEP = "；"  # between parts of a sentence, and a line break in plain text
REP_STOP = "。"
REP_TRAILING_STOPS = "。；;."  # stripped from a unit's own sentence before ours ends it
REP_ASIDE = "{text}（{aside}）"  # 托位总量（监测指标）, a unit's tally, the plan's label
REP_LABELLED = "{label}：{text}"
REP_SAID_SEP = "；"  # the texts of several counties in one field
REP_SAID_COUNTY = "{county}：{text}"  # a text recorded for one county
REP_SAID_EARLIER = "{date}报：{text}"  # a text recorded before the report's period
REP_NO_TEXT_THIS_PERIOD = "本期未报送存在问题和下步打算"
REP_CATEGORY_TITLE = "{numeral}、{name}"
REP_CN_DIGITS = "零一二三四五六七八九"
REP_CN_TEN = "十"
REP_STATUS_COUNT = "{status}{count}项"
REP_COUNTY_HEADER = "{project}.{target}（{unit}）"
REP_COUNTY_FIGURE = "{actual}/{figure}"
REP_SCOPE_QUOTE = "“"  # the title's opening quote: the count goes before it
REP_SCOPE_QUOTED = "{head}{count}项“{tail}中"
REP_LAG_HEAD = "{name}（{lead}）：{status}"
REP_UNREPORTED_ENTRY = "{number}. {name}（{lead}）"
REP_LIST_ENTRY = "{number}. {text}"
REP_SUBTITLE_DATE = "截至{date}　序时进度{share}"  # the label is the date itself (--as-of, default)
REP_MONTH_LABEL = "{year}年{month}月"
REP_XUN_LABEL = "{year}年{month}月{xun}"
REP_XUN_NAMES = {1: "上旬", 2: "中旬", 3: "下旬"}
REP_QUARTER_LABEL = "{year}年第{quarter}季度"
REP_QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}
REP_MONTH_DAY = "{month}月{day}日"
REP_XLSX_AS_OF = "截至日期"
REP_XLSX_TIME_SHARE = "序时进度"
REP_XLSX_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
REP_XLSX_FOOTER = "第 &P 页，共 &N 页"
REP_BRACKETS = "（）"  # an aside's brackets, stripped where the aside stands alone (备注)

# `minsheng report`'s help
REP_HELP_MONTH = "月报：截至该月末（或计划设定的每月截止日），如 2023-06"
REP_HELP_WEEK = "周报：截至该 ISO 周的星期日，如 2023-W26"
REP_HELP_XUN = "旬报：1 上旬、2 中旬、3 下旬，如 2023-06-2"
REP_HELP_QUARTER = "季报：截至季末，如 2023-Q2"
REP_HELP_AS_OF = "截至某日，如 2023-06-15（较上期与上月末比较）"
REP_HELP_BY = "分组：category（按类别，默认）、unit（按牵头单位）、county（按县（市、区））"
REP_HELP_UNIT = "只看该单位牵头（或协办）的项目"
REP_HELP_CATEGORY = "只看该类别（序号或名称中的文字）"
REP_HELP_STATUS = "只看这些状态的项目，如 lagging,seriously_lagging 或 进度滞后,严重滞后"
REP_HELP_DETAIL = "逐项列出每个项目的指标"
REP_HELP_NOTES = "在每个项目下列出最新的进展情况、存在问题、下步打算"
REP_HELP = (
    "完成情况表：截至某期末各项目的年度目标、累计完成、完成率、序时进度、较上期和状态，"
    "附总体情况、滞后项目、未报送项目和年底预测（年底预计、需月均、压力系数、滞后约N个月、进度停滞、预警）。"
    "默认截至今天（计划结束后为计划结束日）。"
)
REP_HELP_FORMAT = (
    "输出格式：table（终端表格）、plain、markdown、csv（带 BOM 的 UTF-8）、json、"
    "xlsx（需 --output；A4 横向可直接打印，滞后名单含连续滞后月数）、"
    "html（给领导看的单个网页文件，含图表和年底预测，需 --output）"
)

# --xun as typed: 1/2/3 or 上/中/下
REP_XUN_WORDS = {"1": 1, "2": 2, "3": 3, "上": 1, "中": 2, "下": 3}

# Missing is not zero: targets not reported in projects that did report
REP_TARGETS_NOT_REPORTED = "另有{count}项指标未报送"
REP_UNREPORTED_BOTH_HEADING = "未报送的项目和指标（{count}项）"
REP_UNREPORTED_TARGET_ENTRY = "{number}. {name}：{target}（{lead}）"

# What check rejects never counts: a report of a ledger with check errors says so first
REP_LEDGER_ERRORS = "台账有{count}处错误（运行 minsheng check 查看），下表未计入这些记录"
REP_LEDGER_ERRORS_REFUSED = "台账有{count}处错误（运行 minsheng check 查看），未生成 {path}：报出的表会漏掉这些记录"
REP_LEDGER_ERRORS_REFUSED_HINT = "改正后再生成；确需先报出时加 --force，文件开头会注明“台账有{count}处错误……下表未计入这些记录”。"
REP_HELP_FORCE = "台账有错误时仍生成 xlsx 等文件，并在文件开头注明错误处数和“下表未计入这些记录”"
