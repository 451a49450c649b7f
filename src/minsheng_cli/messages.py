"""All user-facing Chinese text, in the wording of official documents, in one place.

Messages with fields are `str.format` templates; call them as `messages.X.format(...)`.
Keep wording consistent: 个百分点, 县（市、区） with full-width brackets, 2023年6月底.
"""

# --- status words (PRODUCT.md §2) ---------------------------------------------------------
STATUS = {
    "not_started": "未开始",
    "not_reported": "未报送",
    "completed": "已完成",
    "overdue": "未完成节点任务",  # during the plan period
    "overdue_after": "未按期完成",  # after the plan period
    "ahead": "超序时进度",
    "on_track": "序时推进",
    "lagging": "进度滞后",
    "seriously_lagging": "严重滞后",
}
FLAGS = {
    "stale": "未按时报送",
    "partial": "部分县（市、区）未报送",
    "weak_target": "单项指标严重滞后",
    "no_data": "缺少基数",
}
KIND = {
    "count": "数量",
    "level": "达到水平",
    "milestone": "节点事项",
    "checklist": "清单",
    "continuing": "持续实施",
}
CONTINUING_VALUES = {"正常": "正常实施", "中断": "中断"}
DONE_WORDS = ("done", "完成", "已完成")

# --- generic ---------------------------------------------------------------------------------
UNEXPECTED = "内部错误：{error}。请加 --debug 重新运行以查看详细信息，并报告此问题。"
INTERRUPTED = "已中断，未写入任何文件。"
ERROR_PREFIX = "错误："
HINT_PREFIX = "提示："

# --- ledger location and files -------------------------------------------------------------
NO_LEDGER = "找不到台账目录：当前目录及其上级目录中没有 data/projects.yaml。"
NO_LEDGER_HINT = "用 --data 指定台账目录，或设置环境变量 MINSHENG_DATA。"
LEDGER_NOT_FOUND = "台账目录不存在或缺少 projects.yaml：{path}"
FILE_TOO_LARGE = "{path}：文件过大（{size} 字节，上限 {limit} 字节）。"
FILE_NOT_UTF8 = "{path}：不是 UTF-8 编码的文本文件，请以 UTF-8 保存。"
LEDGER_READ_ONLY = "台账目录不可写：{path}"
LOCK_TIMEOUT = "台账正被其他程序写入（{path}），请稍后重试。"
PLAN_INVALID = "计划文件有 {count} 处错误，请运行 minsheng check 查看。"

# --- look-ups --------------------------------------------------------------------------------
UNKNOWN_PROJECT = "没有序号或名称为「{key}」的项目（共 {count} 项，序号 1–{count}）。"
UNKNOWN_TARGET = "项目 {project} 没有名为「{key}」的指标。可用指标：{choices}"
UNKNOWN_CATEGORY = "没有「{key}」这一类别。"
UNKNOWN_UNIT = "没有牵头或协办单位为「{key}」的项目。"
UNKNOWN_FORMAT = "不支持的输出格式「{fmt}」，可选：{choices}"

# --- check -----------------------------------------------------------------------------------
CHECK_OK = "台账检查通过：计划 {projects} 项、指标 {targets} 个，进度记录 {records} 条，未发现问题。"
CHECK_FAILED = "发现 {count} 处问题。"
CHECK_LINE = "{path}:{line}:{column}: 错误[{code}]: {message}"

# --- list / show -----------------------------------------------------------------------------
HEADERS_LIST = ["序号", "项目名称", "牵头单位", "指标", "类型", "年度目标", "单位", "权重"]
HEADERS_TARGETS = ["指标", "类型", "年度目标", "单位", "起止", "最新值", "日期"]
WEIGHT_ZERO = "监测指标"
SHOW_LEAD = "牵头单位"
SHOW_CO = "协办单位"
SHOW_CATEGORY = "类别"
SHOW_SUMMARY = "内容概述"
SHOW_TEXT = "实施内容及工作目标"
SHOW_TARGETS = "指标"
SHOW_HISTORY = "最近进展"
NO_RECORDS = "尚无进度记录。"
FILE_UNREADABLE = "无法读取 {path}：{error}"
CANNOT_WRITE = "无法写入 {path}：{error}"

# --- YAML ------------------------------------------------------------------------------------
YAML_SYNTAX = "YAML 语法错误：{detail}"
YAML_DUPLICATE_KEY = "重复的键「{key}」"
YAML_TAG = "不允许使用 YAML 对象标签（!!python 等）"
YAML_ALIAS = "不允许使用 YAML 锚点和别名（& 与 *）"
MERGE_CONFLICT = "文件中有未解决的合并冲突标记（<<<<<<< ======= >>>>>>>）"

# --- plan checks -----------------------------------------------------------------------------
PLAN_NOT_MAPPING = "计划文件应为一个映射（title、projects 等字段）"
SCHEMA_MISSING = "缺少必填字段「{field}」"
SCHEMA_UNKNOWN = "未知字段「{field}」"
SCHEMA_CHOICE = "字段「{field}」的值「{value}」无效，应为 {choices} 之一"
SCHEMA_TYPE = "字段「{field}」应为{expected}，实际为「{value}」"
SCHEMA_OTHER = "字段「{field}」取值无效：{detail}"
SCHEMA_TYPES = {
    "int": "整数", "decimal": "数字", "float": "数字", "date": "日期（如 2023-06-30）",
    "string": "文本", "list": "列表", "dict": "映射", "bool": "true 或 false",
    "dataclass": "映射", "model": "映射",
}
DUP_PROJECT = "项目序号 {id} 重复"
DUP_TARGET = "项目 {project} 的指标 id「{id}」重复"
DUP_CATEGORY = "类别 id {id} 重复"
DUP_COUNTY = "县（市、区）「{name}」重复"
DUP_ITEM = "指标 {target} 的清单事项「{item}」重复"
UNKNOWN_CATEGORY_REF = "项目 {project} 引用了不存在的类别 {category}"
NO_LEAD = "项目 {project} 没有牵头单位"
NO_TARGETS = "项目 {project} 没有任何指标"
WEIGHTS_ZERO = "项目 {project} 的指标权重全为 0（或均为持续实施），无法计算完成率"
PLAN_END_BEFORE_START = "计划结束日期 {end} 早于开始日期 {start}"
THRESHOLDS_ORDER = "状态阈值应满足 ahead > on_track > lagging（单位：个百分点）"
STALE_DAYS = "stale_after_days 应为正整数"
CUTOFF_DAY = "report_cutoff_day 应为 1–28 之间的整数"
BAD_TARGET_ID = "指标 id「{id}」格式不对：应以小写英文字母开头，只含小写字母、数字和下划线"
MISSING_TARGET = "指标 {target} 缺少目标值 target"
MISSING_UNIT = "指标 {target} 缺少计量单位 unit"
NO_FIGURE_FOR_KIND = "{kind}类指标 {target} 不应有目标值 target"
UNIT_WAN = "指标 {target} 的单位「{unit}」含“万”：请换算为基本单位（如 1.7万个 → 17000 个）"
NEGATIVE = "指标 {target} 的 {field} 不能为负数"
LEVEL_BASELINE = "达到水平类指标 {target} 缺少基数：请填写 baseline，或写 baseline_from: record（以首条记录为基数）"
LEVEL_BASELINE_BOTH = "指标 {target} 同时写了 baseline 和 baseline_from，只能保留一个"
LEVEL_BASELINE_EQUAL = "指标 {target} 的基数等于目标值，无法计算完成率"
BASELINE_NOT_LEVEL = "只有达到水平类（level）指标才有基数，{target} 不是"
DUE_BEFORE_START = "指标 {target} 的完成期限 {due} 早于开始日期 {start}"
MILESTONE_OUTSIDE = "指标 {target} 的节点目标日期 {date} 不在 {start} 至 {due} 之间"
MILESTONE_ORDER = "指标 {target} 的节点目标应按日期先后排列，且数值不减"
CHECKLIST_EMPTY = "清单类指标 {target} 没有事项 items"
CHECKLIST_REQUIRED = "指标 {target} 要求完成 {required} 项，但清单只有 {items} 项"
ITEMS_NOT_CHECKLIST = "只有清单类（checklist）指标才有 items / required，{target} 不是"
STEPS_NOT_MILESTONE = "只有节点事项类（milestone）指标才有 steps，{target} 不是"
COUNTIES_NOT_BY_COUNTY = "指标 {target} 写了 counties / county_targets，但没有 by_county: true"
UNKNOWN_COUNTY_REF = "指标 {target} 引用了不在县（市、区）列表中的「{county}」"
COUNTY_SUM = "指标 {target} 分县任务合计 {total}，与目标值 {figure} 不符"

HINTS = {
    "yaml-syntax": "检查缩进、冒号后的空格和引号是否成对；含“: ”的文本请加引号。",
    "duplicate-key": "同一映射中每个键只能出现一次，删除或合并重复的一行。",
    "yaml-tag": "台账只能包含普通的文本、数字、日期、列表和映射。",
    "yaml-alias": "把 & 和 * 引用的内容直接写出来。",
    "merge-conflict": "保留正确的内容，删除 <<<<<<<、=======、>>>>>>> 三行后再提交。",
    "missing-field": "补上该字段，字段说明见 minsheng schema plan。",
    "unknown-field": "检查拼写；可用字段见 minsheng schema plan。",
    "bad-value": "按字段要求的类型填写。",
    "duplicate-id": "序号和 id 必须唯一，修改其中一个。",
    "bad-id": "例如 new_places、classrooms。",
    "unknown-category": "在 categories 中添加该类别，或改为已有类别的 id。",
    "no-lead": "填写牵头单位（通知中黑体字标出的单位）。",
    "no-targets": "每个项目至少要有一个指标。",
    "weights-zero": "至少保留一个权重大于 0 的指标。",
    "thresholds-order": "默认值为 ahead: 10, on_track: -10, lagging: -30。",
    "missing-target": "填写年度目标数值（基本单位）。",
    "missing-unit": "填写计量单位，如 个、户、人次、平方米。",
    "kind-field": "删除该字段，或改正指标类型 kind。",
    "unit-wan": "目标值改用基本单位，单位中不要出现“万”。",
    "level-baseline": "基数取自通知或实施方案；没有时写 baseline_from: record。",
    "due-before-start": "改正日期。",
    "milestone-outside": "节点目标应在指标起止日期之间。",
    "milestone-order": "按日期先后排列节点目标，数值逐步增加。",
    "checklist-items": "列出清单中的每一项。",
    "checklist-required": "required 应在 1 和事项数之间。",
    "county-not-by-county": "分县统计的指标要写 by_county: true。",
    "unknown-county": "县（市、区）名称须与 settings.counties 中的一致。",
    "county-sum": "分县任务之和应等于年度目标。",
}

# --- dates -----------------------------------------------------------------------------------
BAD_DATE = "{argument}「{value}」不是有效日期，请写成 2023-06-30"

# --- usage errors (click's English messages, translated) ------------------------------------
USAGE_HINT = "运行 minsheng --help 或 minsheng 命令 --help 查看用法。"
USAGE_GENERIC = "用法错误：{detail}"
USAGE_NEGATIVE = "数值 {0} 为负数：累计值不能为负"
USAGE_NO_OPTION = "没有选项 {0}"
USAGE_MISSING = "缺少参数 {0}"
USAGE_MISSING_OPTION = "缺少选项 {0}"
# click raises a plain UsageError for these: only its English text tells them apart.
USAGE_PATTERNS = [
    (r"No such command '([^']+)'", "没有命令「{0}」"),
    (r"Got unexpected extra arguments? \((.*)\)", "多余的参数：{0}"),
    (r"Option '([^']+)' requires an argument", "选项 {0} 需要一个值"),
    (r"Invalid value for '([^']+)': (.*)", "参数 {0} 的值无效：{1}"),
]

# --- template / import (template.py, importer.py, cli_exchange.py) ---------------------------------
IMP_HELP_TEMPLATE = "生成牵头单位填报用的 Excel 表：预填项目、指标、年度目标和上次累计，只开放本期累计、日期、进展情况、存在问题、下步打算。"
IMP_HELP_IMPORT = "导入填好的填报表，或任意含 project、target、value、date 等列的 CSV/XLSX；全部行无误才写入，逐行列出所有错误。"
IMP_HELP_UNIT = "牵头单位名称，如 市卫生健康委（可写名称的一部分，须只对应一个单位）"
IMP_HELP_ALL = "为每个牵头单位各生成一个文件"
IMP_HELP_MONTH = "填报月份，如 2023-06（默认：本月）"
IMP_HELP_DATE = "预填的日期（默认：月末），如每周填报时写 2023-06-16"
IMP_HELP_OUTPUT = "文件名（只用于 --unit）"
IMP_HELP_OUTPUT_DIR = "存放文件的文件夹（默认：当前文件夹）"
IMP_HELP_FILE = "填好的 .xlsx 填报表，或 .csv / .xlsx 表格"
IMP_HELP_DRY_RUN = "只检查并显示将写入的记录，不写入任何文件"
IMP_HELP_ENCODING = "CSV 文件的编码（默认自动识别 UTF-8 / GBK），如 gbk、utf-8"
IMP_UNIT_OR_ALL = "请用 --unit 指定牵头单位，或用 --all 为每个牵头单位各生成一个文件（二者选一）。"
IMP_OUTPUT_WITH_ALL = "--all 为每个单位各生成一个文件，不能与 --output 同用；请用 --output-dir 指定文件夹。"
IMP_UNKNOWN_UNIT = "--unit「{unit}」不是（或不只对应）一个牵头单位。牵头单位有：{units}"
IMP_BAD_MONTH = "--month「{value}」不是有效月份，请写成 2023-06"
IMP_MONTH_OUTSIDE = "--month「{value}」不在计划期 {start} 至 {end} 内"
IMP_DATE_OUTSIDE_MONTH = "--date {date} 不在填报月份 {month} 内"
IMP_TEMPLATE_WRITTEN = "已生成 {path}（{unit}，{month}）"
IMP_FILENAME = "民生实事进度填报_{month}_{unit}.xlsx"
IMP_ITEM_DONE = "已完成"
IMP_STEP_DONE = "已完成：{step}"
IMP_TITLE = "{title}进度填报表（{unit}，{year}年{month}月）"
IMP_COUNTY_SUFFIX = "——{county}"
IMP_BASIS = "依据：{document}　　填报期：{start}至{end}"
IMP_INSTRUCTIONS_HEAD = "填报说明："
IMP_INSTRUCTIONS = [
    "只填写黄色单元格：本期累计、日期、进展情况、存在问题、下步打算，并在下方填写填报人；其他单元格已锁定，请勿增删行列或改动工作表名称。",
    "本期累计：填写截至所填日期、年初以来的累计完成数（不是当月新增数），按“单位”列的基本单位只填数字，如 12000；本表不接受“1.2万”这样的写法，也不要带单位文字。累计数不应小于上次累计；已报数字需要更正的，请在“存在问题”中说明，由市政府督查室更正。",
    "节点事项类：全部完成选“完成”，完成其中某一步骤选该步骤；清单类：每个事项一行，已完成的选“完成”；持续实施类：选“正常”或“中断”（中断的请在“存在问题”中说明原因）。",
    "日期：已预填为本月最后一天；月底前报送的，请改为实际统计日期（不能晚于报送当天）。",
    "本月没有新进展的指标可以留空；进度滞后的指标请写明存在问题和下步打算。",
]
IMP_INSTRUCTION_COUNTIES = "分县（市、区）统计的指标，在以县（市、区）命名的工作表中分别填写（见窗口下方的工作表标签）。"
IMP_INSTRUCTION_SEND = "填好后直接保存（保持 .xlsx 格式，不要另存为其他格式），按原渠道报送市政府督查室。"
IMP_COUNTY_INSTRUCTIONS = [
    "填报方法同「全市」工作表：只填黄色单元格；本期累计填写本县（市、区）截至所填日期的累计数，只填数字；没有进展的留空。",
    "“年度目标”为分配给本县（市、区）的任务数；未分解到县的指标此列为空。填报人填在「全市」工作表。",
]
IMP_DV_TITLE = "填写有误"
IMP_DV_NUMBER = "本期累计请填写不小于 0 的数字（基本单位，如 12000；不要写“1.2万”，不要带单位）。"
IMP_DV_NUMBER_PROMPT = "年初以来的累计数，只填数字"
IMP_DV_DATE = "日期应在 {start} 至 {end} 之间，如 2023-06-30。"
IMP_DV_LIST = "请从下拉列表中选择。"
IMP_FIELD_NAMES = {
    "project": "项目", "target": "指标", "value": "本期累计", "date": "日期", "county": "县（市、区）",
    "note": "进展情况", "problem": "存在问题", "next": "下步打算", "by": "填报人",
}
IMP_FILE_MISSING = "找不到要导入的文件：{path}"
IMP_XLS = "{path}：不支持旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后再导入。"
IMP_ENCODING = "{path}：无法识别文件编码（已试 UTF-8 和 GBK），请另存为“CSV UTF-8”，或用 --encoding 指定编码。"
IMP_BAD_ENCODING_NAME = "--encoding「{value}」不是已知的编码名称（如 utf-8、gbk）"
IMP_ENCODING_FAILED = "{path}：不是 {encoding} 编码的文件（--encoding）。"
IMP_NO_HEADER = "{path}：找不到表头行。表头至少要有项目、指标两列，以及本期累计（或进展情况等）列；可用列名：{columns}。"
IMP_DUP_COLUMN = "{path}：列「{first}」和「{second}」都表示“{field}”，只能保留一列。"
IMP_TEMPLATE_BROKEN = "{path}：填报表的「{sheet}」工作表缺少表头行（项目序号…），表格结构可能被改动，请重新生成填报表。"
IMP_OTHER_PLAN = "{path} 是为「{document}」生成的填报表，与本台账的计划（{plan}）不符。"
IMP_NEWER_FORMAT = "{path} 由较新版本的 minsheng 生成（格式版本 {version}），请升级 minsheng 后再导入。"
IMP_WHERE_ROW = "第{row}行"
IMP_WHERE_SHEET_ROW = "「{sheet}」表第{row}行"
IMP_ROW_ERROR = "{where}「{column}」：{reason}"
IMP_MISSING_PROJECT = "未填写项目（序号或名称）"
IMP_MISSING_TARGET = "未填写指标"
IMP_MISSING_DATE = "未填写日期"
IMP_ITEM_CHOICE = "「{value}」无效：清单事项已完成的请选“完成”，未完成的留空"
IMP_REJECTED = "{path}：{count} 行有错误，未写入任何记录。请改正后重新导入："
IMP_SAME = "已有相同记录 {count} 条，跳过。"
IMP_SUMMARY = "{written} 条写入{files}，{skipped} 条跳过。"
IMP_DRY_TITLE = "试运行：{path} 将写入的记录"
IMP_DRY_RUN = "试运行，未写入任何文件：将写入 {written} 条{files}，{skipped} 条跳过。"
IMP_DRY_HEADERS = ["位置", "项目", "指标", "县（市、区）", "日期", "数值", "进展情况", "存在问题", "下步打算", "填报人"]

# --- report (periods.py, report.py, render_report.py, xlsx_report.py, cli_report.py) ----------
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
REP_WHOLE_CITY = "全市"
REP_COUNTIES_GROUP = "县（市、区）"
REP_ZONES_GROUP = "功能区"
REP_NO_COUNTY_TARGETS = "所选项目没有分县（市、区）统计的指标。"
REP_SHEET_MAIN = "进展情况"
REP_SHEET_LISTS = "滞后及未报送"
REP_SHEET_COUNTIES = "分县（市、区）"
REP_REMARK = "备注"

# --- progress records: progress.py, values.py, recording.py, store.py, progresscheck.py, cli_progress.py (REC_) ---
REC_FILE_HEADER = "# 项目 {project} · {year}年{month}月 进度记录（minsheng 追加写入，可手工编辑；每行一条记录）"
REC_FORMAT_HINT = "运行 minsheng check 查看该文件的全部问题；每条记录一行，格式见 minsheng schema progress。"
REC_NOT_SEQUENCE = "进度文件应为记录列表，每条记录以“- ”开头"
REC_NOT_MAPPING = "每条记录应为一个映射，如 - {date: 2023-06-30, target: new_places, value: 6200}"
REC_UNKNOWN_KEY = "未知字段「{key}」，可用字段：{keys}"
REC_WRONG_TYPE = "字段「{key}」应为{expected}"
REC_EXPECTED = {
    "date": "日期（如 2023-06-30）",
    "target": "指标 id（文本）",
    "county": "县（市、区）名称（文本）",
    "value": "非负数字或文本",
    "action": "correct 或 void",
    "reason": "文本",
    "note": "文本",
    "problem": "文本",
    "next": "文本",
    "by": "文本",
}
REC_MISSING_DATE = "记录缺少日期 date"
REC_NEEDS_TARGET = "写了「{key}」的记录必须写明指标 target"
REC_EMPTY = "记录没有内容：应有指标和数值，或进展情况 note、存在问题 problem、下步打算 next 之一"

# values
REC_NUMBER_EMPTY = "{argument} 不能为空，请填写数字（如 6200、6,200、1.2万）"
REC_NUMBER_NEGATIVE = "{argument}「{value}」不能为负数；数值是截至该日期的累计值"
REC_NUMBER_BAD = "{argument}「{value}」不是有效数字，可写 6200、6,200 或 1.2万"
REC_VALUE_EMPTY = "{argument} 不能为空：请填写指标「{target}」的值"
REC_VALUE_MILESTONE = "{argument}「{value}」不适用于节点事项「{target}」，可填：{choices}"
REC_VALUE_CHECKLIST = "{argument}「{value}」不是清单「{target}」中的事项（须与事项名称完全一致），可填：{choices}"
REC_VALUE_CONTINUING = "{argument}「{value}」不适用于持续实施事项「{target}」，可填：正常、中断"
REC_TEXT_BAD_CHAR = "{argument} 含有无法保存的控制字符或无效字符"
REC_DONE = "已完成"

# recording
REC_FUTURE_DATE = "{argument} {date} 晚于今天（{today}），不能记录未来的进度"
REC_BEFORE_START = "{argument} {date} 早于计划开始日期 {start}"
REC_COUNTY_NOT_BY_COUNTY = "{argument}：指标「{target}」不分县（市、区）填报，请去掉 --county"
REC_COUNTY_MISSING = "指标「{target}」按县（市、区）填报，请用 {argument} 指定：{choices}"
REC_COUNTY_UNKNOWN = "{argument}「{county}」不在县（市、区）列表中，可填：{choices}"
REC_COUNTY_NOT_CONCERNED = "{argument}「{county}」不承担指标「{target}」，可填：{choices}"
REC_COUNTY_NEEDS_TARGET = "--county 只能与指标 T 一起使用"
REC_CORRECT_AND_VOID = "--correct 和 --void 不能同时使用"
REC_REASON_REQUIRED = "{option} 必须同时用 --reason 说明原因"
REC_REASON_ALONE = "--reason 只能与 --correct 或 --void 一起使用"
REC_ACTION_NEEDS_TARGET = "--correct / --void 需要指明指标 T"
REC_VOID_WITH_VALUE = "--void 作废记录时不要填写 VALUE"
REC_VALUE_MISSING = "缺少 VALUE：请填写指标的本期累计值，例如 minsheng update 1 new_places 6200"
REC_VOID_NOTHING = "--void：指标「{target}」{county}在 {date} 没有可作废的记录"
REC_ALREADY = "指标「{target}」{county}在 {date} 已有相同记录（{value}），未重复写入"
REC_ALREADY_NARRATIVE = "项目 {project} 在 {date} 已有相同的进展记录，未重复写入"
REC_DIFFERENT_VALUE = "指标「{target}」{county}在 {date} 已记录为 {old}（{where}），与本次的 {new} 不同；如需更正，请用 minsheng update … --correct --reason \"原因\""
REC_DECREASING = "VALUE {value} 小于指标「{target}」{county}在 {date} 的累计值 {old}：累计数不应减少；如确需调低，请加 --correct --reason \"原因\""
REC_LATER_LOWER = "VALUE {value} 大于指标「{target}」{county}在之后 {date} 的累计值 {old}，会使累计数减少；请核对，或先更正 {date} 的记录"

# store
REC_APPEND_UNSAFE = "{path}：无法在文件末尾安全追加记录（文件结构被手工改动过），请先运行 minsheng check 修正该文件"
REC_WRITE_FAILED = "写入 {path} 失败：{error}；所有文件保持原样"
REC_FILE_BUSY = "{path} 正被其他程序占用，无法写入；请关闭占用该文件的程序后重试，所有文件保持原样"

# update
REC_HELP_UPDATE = "记录进度：minsheng update P T VALUE 记一条；minsheng update P --note … 记进展情况；只写 P 时逐项询问。"
REC_HELP_PROJECT = "项目序号或名称"
REC_HELP_TARGET = "指标 id 或名称（省略则逐项询问）"
REC_HELP_VALUE = "截至该日期的累计值：6200、6,200、1.2万；节点事项填 done 或步骤名称，清单填事项名称，持续实施填 正常 或 中断"
REC_HELP_DATE = "记录日期（默认今天），如 2023-06-30"
REC_HELP_COUNTY = "县（市、区），按县填报的指标必填"
REC_HELP_NOTE = "进展情况"
REC_HELP_PROBLEM = "存在问题"
REC_HELP_NEXT = "下步打算"
REC_HELP_BY = "填报人（默认 git config user.name）"
REC_HELP_CORRECT = "更正：替换同一日期的记录，或调低累计数（须写 --reason）"
REC_HELP_VOID = "作废同一指标、县（市、区）和日期的记录（须写 --reason）"
REC_HELP_REASON = "更正或作废的原因"
REC_WRITTEN = "已记录 {where}：{record}"
REC_DESCRIBE_VOID = "作废 {target}{county} 的记录"
REC_DESCRIBE_CORRECT = "（更正）"
REC_DESCRIBE_REASON = "原因：{reason}"
REC_PHRASE_COUNT = "{target}：累计 {actual} {unit}，完成年度目标（{figure} {unit}）的 {percent}%"
REC_PHRASE_LEVEL = "{target}：当前 {actual} {unit}，年度目标 {figure} {unit}"
REC_PHRASE_NONE = "{target}：尚无数值记录"
REC_PHRASE_CONTINUING = "{target}：{state}"
REC_PHRASE_UNKNOWN = "尚无记录"
REC_PHRASE_CHECKLIST = "{target}：已完成 {done}/{required} 项"
REC_PHRASE_DONE = "{target}：已完成"
REC_PHRASE_STEPS = "{target}：已完成 {done}/{total} 个步骤"
REC_PHRASE_NOT_DONE = "{target}：尚未完成"
REC_ASK_HEADER = "项目 {id}「{name}」进度填报，日期 {date}。逐项填写截至该日期的累计值，直接按 Enter 跳过。"
REC_ASK_TARGET = "{index}. {name}（{id}，{kind}{goal}）"
REC_ASK_GOAL = "，年度目标 {figure} {unit}"
REC_ASK_GOAL_ITEMS = "，须完成 {required}/{items} 项"
REC_ASK_VALUE = "本期累计"
REC_ASK_LAST = "上次 {value}，{date}"
REC_ASK_NO_LAST = "尚无记录"
REC_ASK_CHOICES = "；可填 {choices}"
REC_ASK_ITEMS_LEFT = "；未完成：{items}"
REC_ASK_NONE_LEFT = "无"
REC_ASK_MORE_ITEMS = "下一项（直接按 Enter 结束）"
REC_ASK_RETRY = " 请重新输入，直接按 Enter 跳过。"
REC_ASK_NOTE = "进展情况"
REC_ASK_PROBLEM = "存在问题"
REC_ASK_NEXT = "下步打算"
REC_ASK_SUMMARY = "将写入以下 {count} 条记录："
REC_ASK_CONFIRM = "确认写入？"
REC_ASK_CANCELLED = "已取消，未写入任何文件。"
REC_ASK_NOTHING = "没有填写任何内容，未写入。"
REC_ASK_COUNTY_UNUSED = "--county「{county}」：项目 {project} 没有由该县（市、区）填报的指标"

# progresscheck
REC_ACTION_WORDS = {"correct": "更正", "void": "作废"}
REC_CHECK_FILE_OUTSIDE_MONTH = "进度文件应放在月份文件夹中，如 progress/2023-06/07.yaml"
REC_CHECK_BAD_FOLDER = "「{name}」不是月份文件夹名称（应为 YYYY-MM，如 2023-06）"
REC_CHECK_BAD_FILE_NAME = "「{name}」不是进度文件名称（应为两位项目序号，如 07.yaml）"
REC_CHECK_UNKNOWN_PROJECT_FILE = "「{name}」对应的项目不存在（计划共 {count} 项）"
REC_CHECK_WRONG_MONTH = "日期 {date} 的记录放在了 {month} 文件夹中，应在 progress/{right}/"
REC_CHECK_OTHER_PROJECT = "指标「{target}」属于项目 {owner}，应记录在 {right}"
REC_CHECK_UNKNOWN_TARGET = "项目 {project} 没有指标「{target}」，可用指标：{choices}"
REC_CHECK_TARGET_NAME = "「{target}」是指标名称，记录中应写指标 id「{id}」"
REC_CHECK_UNKNOWN_COUNTY = "「{county}」不在县（市、区）列表中；指标 {target} 可填：{choices}"
REC_CHECK_COUNTY_NOT_CONCERNED = "「{county}」不承担指标 {target}，可填：{choices}"
REC_CHECK_MISSING_COUNTY = "指标 {target} 按县（市、区）填报，记录缺少 county"
REC_CHECK_COUNTY_NOT_BY_COUNTY = "指标 {target} 不分县（市、区）填报，记录不应有 county"
REC_CHECK_VALUE_NUMBER = "指标 {target} 的值应为数字，实际为「{value}」"
REC_CHECK_VALUE_NEGATIVE = "数值 {value} 为负数；记录的是截至该日期的累计值"
REC_CHECK_VALUE_TEXT = "指标 {target} 是{kind}类，值应为文本，实际为 {value}"
REC_CHECK_VALUE_CHOICES = "指标 {target} 的值「{value}」无效，可填：{choices}"
REC_CHECK_VOID_WITH_VALUE = "作废记录（action: void）不应有 value"
REC_CHECK_CORRECT_NO_VALUE = "更正记录（action: correct）缺少 value"
REC_CHECK_FUTURE = "日期 {date} 晚于今天（{today}）"
REC_CHECK_BEFORE_START = "日期 {date} 早于计划开始日期 {start}"
REC_CHECK_MISSING_REASON = "{action}记录缺少原因 reason"
REC_CHECK_VOID_NOTHING = "作废记录没有可作废的对象：指标 {target} 在 {date} 此前没有有效记录"
REC_CHECK_DECREASING = "累计数 {value} 小于 {date} 的 {old}，且不是更正记录（action: correct）"
REC_CHECK_DUPLICATE = "与第 {line} 行完全相同的重复记录（常见于两个分支合并后）"
REC_HINTS = {
    "unknown-file": "进度文件为 progress/YYYY-MM/NN.yaml（NN 为两位项目序号）；其他文件请移出 progress/。",
    "unknown-folder": "progress/ 下只放月份文件夹，如 2023-06。",
    "wrong-file": "把这一行移到正确的文件中（记录日期所在月份、指标所属项目）。",
    "unknown-target": "指标 id 见 minsheng show 项目序号。",
    "unknown-county": "县（市、区）名称须与计划 settings.counties 中的一致，并在该指标的 counties 之内。",
    "missing-county": "补上 county: \"县（市、区）名称\"。",
    "county-not-by-county": "删除 county，或在计划中把该指标设为 by_county: true。",
    "bad-value": "数量和达到水平类填非负数字；节点事项填 done 或步骤名称；清单填事项名称；持续实施填 正常 或 中断。",
    "future-date": "改正日期；进度只能记录到今天为止。",
    "before-start": "改正日期；计划开始之前的情况写入计划的 baseline。",
    "decreasing": "核对数字；确需调低时，把该记录写成 action: correct 并注明 reason。",
    "duplicate-record": "删除重复的一行。",
    "missing-reason": "补上 reason: \"原因\"。",
    "void-nothing": "删除这条作废记录，或改正其指标、县（市、区）和日期。",
    "merge-conflict": "保留正确的记录行，删除 <<<<<<<、=======、>>>>>>> 三行后再提交。",
    "encoding": "用 UTF-8 编码另存该文件。",
    "yaml-syntax": "每条记录一行，如 - {date: 2023-06-30, target: new_places, value: 6200}；含冒号、逗号或 # 的文本请加双引号。",
    "duplicate-key": "同一条记录中每个字段只能出现一次。",
    "yaml-tag": "进度文件只能包含日期、数字和文本。",
    "yaml-alias": "把 & 和 * 引用的内容直接写出来。",
    "bad-record": "每条记录须有 date，字段见 minsheng schema progress。",
}
REP_XLSX_PRINCIPAL = "年度目标、本期完成、累计完成为首项指标「{name}」（共{count}项指标计入完成率）"
# (template / import, continued)
IMP_COLUMN_REF = "「{column}」列"
IMP_FILES = "（{files}）"
IMP_REJECTED_HINT = "已记录的数值确需更正时，用 minsheng update 项目 指标 数值 --date 日期 --correct --reason \"原因\"；其余行改正后可重新导入整个文件。"

# --- git: diff and --rev (gitrev.py, diff.py, cli_git.py) ------------------------------------------
GIT_MISSING = "找不到 git 命令：minsheng diff 和 --rev 通过 git 读取台账的历史版本。"
GIT_MISSING_HINT = "请安装 Git，并确认在命令行中可以运行 git --version。"
GIT_NOT_A_REPO = "{path} 不在 git 仓库中：minsheng diff 和 --rev 需要台账由 git 管理。"
GIT_NOT_A_REPO_HINT = "在台账所在的文件夹运行 git init 并提交一次，或用 --data 指定 git 仓库中的台账。"
GIT_UNKNOWN_REV = "git 仓库中没有修订版本「{rev}」。"
GIT_UNKNOWN_REV_HINT = "可以写提交号、分支名或标签，如 HEAD、HEAD~1、main、report-2023-06；用 git log --oneline 查看历史。"
GIT_NO_COMMITS_HINT = "仓库中还没有任何提交，请先 git commit 一次。"
GIT_NO_LEDGER_AT_REV = "修订版本「{rev}」中还没有台账 {path}（没有 projects.yaml）。"
GIT_NO_LEDGER_AT_REV_HINT = "换一个较新的修订版本；台账从无到有的变化可以用 minsheng diff 查看。"
GIT_FAILED = "git 执行失败：{detail}"
GIT_PLAN_INVALID_AT = "修订版本「{rev}」的计划文件有 {count} 处错误，无法比较："
GIT_REV_WITH_DIFF = "diff 自己指定要比较的修订版本，不能与全局选项 --rev 同用：请写 minsheng diff {rev}"
GIT_REV_READ_ONLY = "--rev 只用于查看台账的历史版本，不能与 {command} 同用（历史版本不能修改）。"
GIT_HELP_REV = "在台账的某个 git 修订版本（提交号、分支或标签）上运行，如重现已报出的报表：--rev report-2023-06"
GIT_HELP_DIFF = "比较两个 git 修订版本之间台账的变化（默认：HEAD 与工作区）：各指标（分县）原值→新值、完成率变化，新增、更正、作废、删除的记录和修改的叙述。"
GIT_HELP_REV_OLD = "比较的起点：提交号、分支或标签（默认 HEAD）"
GIT_HELP_REV_NEW = "比较的终点（默认：工作区，即尚未提交的文件）"
GIT_WORKTREE = "工作区"
GIT_SIDE = "{rev}（{commit}）"
GIT_SIDE_ABSENT = "{rev}（尚无台账）"
GIT_DIFF_HEADER = "台账变化：{old} → {new}"
GIT_NO_CHANGES = "没有变化。"
GIT_SECTION_PLAN = "计划变化"
GIT_SECTION_VALUES = "数值和完成率变化"
GIT_SECTION_RECORDS = "记录变化"
GIT_HEADERS_PLAN = ["项目", "指标", "变化", "原", "新"]
GIT_HEADERS_VALUES = ["项目", "指标", "县（市、区）", "原值", "新值", "增减", "原完成率", "新完成率", "变化（个百分点）"]
GIT_HEADERS_RECORDS = ["变化", "项目", "指标", "县（市、区）", "日期", "数值", "说明"]
GIT_HEADERS_FLAT = ["类别", "变化", "项目", "指标", "县（市、区）", "日期", "原值", "新值", "增减", "说明"]
GIT_CATEGORIES = {"plan": "计划", "value": "数值", "record": "记录"}
GIT_PLAN_KINDS = {
    "project-added": "新增项目", "project-removed": "删除项目",
    "target-added": "新增指标", "target-removed": "删除指标", "target-changed": "修改指标",
}
GIT_RECORD_KINDS = {
    "added": "新增", "corrected": "更正", "voided": "作废", "narrative": "新增叙述",
    "edited": "修改叙述", "rewritten": "改写原记录", "removed": "删除记录", "orphaned": "指标已不在计划中",
}
GIT_FIELD_NAMES = {"value": "数值", "reason": "原因", "note": "进展情况", "problem": "存在问题", "next": "下步打算", "by": "填报人"}
GIT_VALUE_DONE = "已完成"
GIT_NONE = "—"
GIT_VALUE_AT = "{value}（{date}）"
GIT_NOT_IN_PLAN = "（计划中已无此指标）"
GIT_NEW_IN_PLAN = "（新增指标）"
GIT_UNKNOWN = "（未知指标）"
GIT_PROJECT_LEVEL = "（项目）"
GIT_DETAIL_REPLACED = "原值 {old}"
GIT_DETAIL_REASON = "原因：{reason}"
GIT_DETAIL_CHANGE = "{field}：{old} → {new}"
GIT_DETAIL_TEXT = "{field}：{text}"
GIT_DETAIL_ORPHANED = "计划中已无指标「{target}」"
GIT_DETAIL_REWRITTEN = "未用 --correct 而直接改写了原记录"
GIT_DETAIL_SEP = "；"
GIT_SUMMARY = "记录：{parts}。"
GIT_SUMMARY_PART = "{kind} {count} 条"
GIT_SUMMARY_SEP = "，"

# --- log (logview.py, cli_git.py) -----------------------------------------------------------------
LOG_HELP = "一个项目（或其中一个指标）的全部进度记录：日期、县（市、区）、数值及增减、填报人、进展情况，终端中附趋势图。"
LOG_HELP_PROJECT = "项目序号或名称"
LOG_HELP_TARGET = "指标 id 或名称（默认：项目的全部指标）"
LOG_HEADERS = ["日期", "县（市、区）", "数值", "增减", "合计", "说明", "进展情况", "存在问题", "下步打算", "填报人"]
LOG_HEADER_TARGET = "指标"
LOG_TITLE = "{project}. {name} — {target}"
LOG_TITLE_UNIT = "{project}. {name} — {target}（{unit}）"
LOG_PROJECT_NOTES = "项目进展"
LOG_FATES = {"replaced": "已被替换（更正）", "voided": "已作废", "void": "作废"}
LOG_CORRECT = "更正"
LOG_WITH_REASON = "{what}：{reason}"
LOG_TREND = "趋势 {spark}  {first} → {last}{goal}"
LOG_GOAL = "（年度目标 {target}{unit}）"
LOG_NO_RECORDS = "项目 {project} 尚无进度记录。"
LOG_NO_TARGET_RECORDS = "指标「{target}」尚无进度记录。"

# --- schema (schema.py, cli_git.py) -----------------------------------------------------------------
SCH_HELP = "输出计划文件（plan）或进度文件（progress）的 JSON Schema，供编辑器（yaml-language-server）提示和校验。"
SCH_HELP_KIND = "plan（计划 projects.yaml，默认）或 progress（进度记录 progress/YYYY-MM/NN.yaml）"
SCH_UNKNOWN_KIND = "没有「{kind}」这种台账文件，可选：plan（计划）、progress（进度记录）"
SCH_WRITTEN = "已写入 {path}"
SCH_PLAN_TITLE = "重点民生实事计划（projects.yaml）"
SCH_PLAN_DESCRIPTION = "计划台账：计划名称、文件号、计划期、设置、类别和项目；每个项目的可考核内容写成指标（targets）。数字一律用基本单位。由 minsheng schema plan 生成。"
SCH_PROGRESS_TITLE = "重点民生实事进度记录（progress/YYYY-MM/NN.yaml）"
SCH_PROGRESS_DESCRIPTION = "一个项目一个月的进度记录，每行一条：截至 date，指标 target（县 county）累计达到 value。由 minsheng schema progress 生成。"
SCH_DOCS = {
    "Plan.title": "计划名称，用作报表标题",
    "Plan.year": "年度",
    "Plan.start": "计划期开始日期，如 2023-01-01",
    "Plan.end": "计划期结束日期，如 2023-12-31；指标未写 start/due 时取计划期",
    "Plan.categories": "项目类别",
    "Plan.projects": "项目",
    "Plan.document": "文件号，如 济政发〔2023〕2号",
    "Plan.issued": "印发日期",
    "Plan.label": "标注，显示在每张报表的标题后，如示例台账的“示例数据：进度记录为虚构，仅供演示”",
    "Plan.settings": "设置：状态阈值、报送期限、月报截止日、县（市、区）",
    "Settings.thresholds": "状态阈值（个百分点）",
    "Settings.stale_after_days": "未完成指标超过这么多天没有新记录即标为“未按时报送”（默认 14）",
    "Settings.report_cutoff_day": "月报截止日（1–28）：--month 报表截至当月这一天",
    "Settings.counties": "县（市、区）、功能区和市本级",
    "Thresholds": "差距（完成率 − 序时进度，个百分点）的界限",
    "Thresholds.ahead": "差距不小于此值为“超序时进度”（默认 10）",
    "Thresholds.on_track": "差距大于此值为“序时推进”（默认 -10）",
    "Thresholds.lagging": "差距不小于此值为“进度滞后”，否则“严重滞后”（默认 -30）",
    "County.name": "名称，如 任城区",
    "County.kind": "city 市本级、district 区、county 县（市）、zone 功能区",
    "Category.id": "类别序号",
    "Category.name": "类别名称",
    "Project.id": "项目序号（通知附件中的序号）",
    "Project.category": "所属类别的序号",
    "Project.name": "项目名称",
    "Project.lead": "牵头单位",
    "Project.targets": "指标：通知中每个可考核的数字或事项",
    "Project.summary": "内容概述",
    "Project.text": "实施内容及工作目标（通知原文）",
    "Project.co": "协办单位",
    "Target.id": "指标 id：小写英文字母开头，只含小写字母、数字和下划线，如 new_places",
    "Target.name": "指标名称",
    "Target.kind": "类型：count 数量、level 达到水平、milestone 节点事项、checklist 清单、continuing 持续实施",
    "Target.target": "年度目标（基本单位，不用“万”）；milestone、continuing 不写",
    "Target.unit": "计量单位，如 个、户、人次、平方米（不含“万”）",
    "Target.baseline": "基数（level 类）：完成率 =（实际 − 基数）÷（目标 − 基数）",
    "Target.baseline_from": "写 record：以计划期开始前后的首条记录为基数（level 类）",
    "Target.start": "开始日期（默认：计划期开始）",
    "Target.due": "完成期限（默认：计划期结束）",
    "Target.weight": "权重（默认 1）；0 为监测指标，只显示不计入完成率",
    "Target.by_county": "按县（市、区）分别填报",
    "Target.counties": "只涉及其中几个县（市、区）时列出（默认：全部）",
    "Target.county_targets": "分县任务，如 {任城区: 2}",
    "Target.milestones": "节点目标：某日应达到的累计数及出处",
    "Target.revisions": "调整：自某日起生效的新目标、期限或节点目标及批准文件",
    "Target.steps": "节点事项的步骤（部分完成按步骤计）",
    "Target.items": "清单事项",
    "Target.required": "清单至少完成几项（默认：全部）",
    "Target.quote": "通知原文中对应的文字",
    "Target.note": "备注",
    "PlannedPoint.date": "日期",
    "PlannedPoint.value": "该日应达到的累计数（基本单位）",
    "PlannedPoint.source": "出处，如 实施方案",
    "Step.name": "步骤名称，如 调研、征求意见、审定、印发",
    "Step.due": "步骤期限",
    "Revision.date": "生效日期",
    "Revision.approval": "批准文件或批准人",
    "Revision.target": "调整后的年度目标",
    "Revision.due": "调整后的完成期限",
    "Revision.milestones": "调整后的节点目标",
    "Revision.note": "说明",
    "ProgressRecord": "一条进度记录：截至 date，指标 target（县 county）累计达到 value",
    "ProgressRecord.date": "统计日期，如 2023-06-30",
    "ProgressRecord.target": "指标 id；不写则为整个项目的进展叙述",
    "ProgressRecord.county": "县（市、区），按县填报的指标必填",
    "ProgressRecord.value": "年初以来的累计数（基本单位）；节点事项写 done 或步骤名，清单写事项名，持续实施写 正常 或 中断",
    "ProgressRecord.action": "correct 更正同一指标、县和日期的记录；void 作废它",
    "ProgressRecord.reason": "更正或作废的原因",
    "ProgressRecord.note": "进展情况",
    "ProgressRecord.problem": "存在问题",
    "ProgressRecord.next": "下步打算",
    "ProgressRecord.by": "填报人",
}

# --- init (newledger.py, cli_git.py) ---------------------------------------------------------------
INIT_HELP = "新建一个空台账（另一年度或另一城市）：带注释的计划模板、空的 progress/ 和 .gitattributes。"
INIT_HELP_DIR = "新台账的文件夹（须不存在或为空）"
INIT_HELP_YEAR = "年度（默认：今年）"
INIT_HELP_TITLE = "计划名称（默认：YYYY年市政府“重点民生实事”）"
INIT_NOT_EMPTY = "{path} 不是空文件夹：minsheng init 不会改动已有文件，请指定一个新的或空的文件夹。"
INIT_NOT_DIR = "{path} 已存在，且不是文件夹。"
INIT_BAD_YEAR = "--year「{year}」不是有效年份，请写成 2024"
INIT_BAD_TITLE = "--title 不能为空，也不能含换行"
INIT_CANNOT_WRITE = "无法创建 {path}：{error}"
INIT_DEFAULT_TITLE = "{year}年市政府“重点民生实事”"
INIT_DONE = "已新建台账 {path}："
INIT_NEXT = "下一步：按通知编辑 {plan}（文件中有逐项说明和示例），然后运行 minsheng --data {path} check。"
INIT_GITATTRIBUTES = """\
# 进度文件只追加、不改写：两个分支向同一文件追加的记录按并集合并（union）。
# minsheng check 会查出合并可能产生的重复记录。
progress/** merge=union
*.yaml text eol=lf
"""
# @TITLE@ (a YAML double-quoted string), @YEAR@ are filled in by newledger.py.
INIT_PLAN_TEMPLATE = """\
# yaml-language-server: $schema=schemas/plan.schema.json
# 重点民生实事计划台账，由 minsheng init 生成。按通知逐项填写后运行 minsheng check。
#
# 填写要点：
# - 数字一律用基本单位（个、户、人次、平方米），不要写“万”：1.7万个写成 17000。
# - 日期写成 @YEAR@-06-30 的形式。
# - 文本中有冒号加空格、井号等符号时，整段加英文双引号。
# - 每个字段的说明：minsheng schema plan；支持 yaml-language-server 的编辑器会自动提示。
title: @TITLE@          # 计划名称，用作报表标题
document: ""            # 文件号，如 济政发〔2023〕2号
# issued: @YEAR@-01-16  # 印发日期（可选）
year: @YEAR@
start: @YEAR@-01-01     # 计划期开始
end: @YEAR@-12-31       # 计划期结束；指标未写 start/due 时取计划期
settings:
  thresholds: {ahead: 10, on_track: -10, lagging: -30}   # 状态阈值（个百分点）：超序时进度 / 序时推进 / 进度滞后的界限
  stale_after_days: 14     # 未完成指标超过这么多天没有新记录即标为“未按时报送”
  # report_cutoff_day: 25  # 月报截止日（可选）：--month 报表截至当月这一天
  counties:                # 县（市、区）、功能区和市本级。kind：city 市本级、district 区、county 县（市）、zone 功能区
    - {name: 市本级, kind: city}
    # - {name: 某某区, kind: district}
    # - {name: 某某市, kind: county}
    # - {name: 某某高新区, kind: zone}
categories: []             # 类别，写法见文末示例
projects: []               # 项目，写法见文末示例
#
# 示例：把上面 categories 和 projects 两行换成下面的内容（去掉每行开头的“# ”），再按通知改写。
#
# categories:
#   - {id: 1, name: 托育服务}
# projects:
#   - id: 1                               # 项目序号（通知附件中的序号）
#     category: 1                         # 所属类别的序号
#     name: 实施婴幼儿托育“扩容提质”工程    # 项目名称
#     summary: 新增托位，提升托育服务水平    # 内容概述
#     text: |                             # 实施内容及工作目标（通知原文；不成为指标的文字也留在这里）
#       全年新增托位10000个……
#     lead: [市卫生健康委]                  # 牵头单位
#     co: [各县（市、区）人民政府]           # 协办单位
#     targets:                            # 指标：通知中每个可考核的数字或事项各写一个
#       - id: new_places                  # 指标 id：小写英文字母开头，只含小写字母、数字和下划线
#         name: 新增托位                    # 指标名称
#         kind: count                     # count 数量、level 达到水平、milestone 节点事项、checklist 清单、continuing 持续实施
#         target: 10000                   # 年度目标（基本单位）；milestone、continuing 不写
#         unit: 个                         # 计量单位（不含“万”）
#         quote: 全年新增托位10000个         # 通知原文中对应的文字，便于核对
#         # baseline: 27000               # 基数：level 类必填（或写 baseline_from: record）
#         # start: @YEAR@-01-01           # 开始日期（默认：计划期开始）
#         # due: @YEAR@-12-31             # 完成期限（默认：计划期结束）
#         # weight: 1                     # 权重；0 为监测指标，只显示、不计入完成率
#         # by_county: true               # 按县（市、区）分别填报
#         # counties: [某某区]              # 只涉及其中几个县（市、区）时列出
#         # county_targets: {某某区: 2}     # 分县任务
#         # milestones:                   # 节点目标：某日应达到的累计数及出处
#         #   - {date: @YEAR@-06-30, value: 5000, source: 实施方案}
#         # items: [甲市场, 乙市场]         # 清单（checklist）的事项
#         # required: 1                   # 清单至少完成几项（默认：全部）
#         # steps: [{name: 调研}, {name: 审定}, {name: 印发}]   # 节点事项（milestone）的步骤
"""
REP_LAGGING_HEADING_NONE = "进度滞后的项目和指标"

# --- progress records, continued (cli_progress.py) ---
REC_ASK_STATE = "完成情况"
REC_VOID_ITEM_NOTHING = "--void：指标「{target}」{county}在 {date} 及以前没有「{value}」的记录可作废"
HELP_OPTION = "显示本帮助并退出"
REC_NOTHING_TO_RECORD = "没有要记录的内容：请写明指标 T 和 VALUE，或用 --note / --problem / --next 记录进展"

# --- one-line help of each command, as `minsheng --help` lists them ---------------------------
SHORT_HELP = {
    "update": "记录进度：一条记录、只记进展情况，或逐项询问。",
    "template": "生成牵头单位填报用的 Excel 表。",
    "import": "导入填好的填报表或 CSV/XLSX（全部无误才写入）。",
    "report": "对照序时进度的完成情况表（月、周、旬、季或任一日期）。",
    "diff": "两个 git 版本之间进度记录的变化。",
    "log": "一个项目或指标的全部记录、增减和趋势。",
    "schema": "输出计划或进度文件的 JSON Schema。",
    "init": "新建一个空台账（另一年度或另一城市）。",
}
REP_SENTENCE_EMPTY = "截至{date}，{title}尚无项目。"

# --- operating-system errors, as users read them --------------------------------------------
OS_ERRORS = {
    "ENOENT": "文件夹或文件不存在",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EROFS": "只读的文件系统",
    "ENOSPC": "磁盘空间不足",
    "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一部分不是文件夹",
    "EEXIST": "文件已存在",
    "EBUSY": "文件正被其他程序使用",
}
REC_NUMBER_RANGE = "{argument}「{value}」超出可记录的范围：数值应小于 10 的 15 次方，小数不超过 6 位"
REC_VALUE_RANGE = "数值 {value} 超出可记录的范围（应小于 10 的 15 次方，小数不超过 6 位）"
IMP_SHEETS_CHANGED = "{path}：填报表的工作表被改名、删除或新增了（缺少：{missing}；多出：{extra}），请用原表填写，或重新生成填报表"
IMP_BAD_CSV_ROW = "{path}：第{line}行附近的引号没有成对（CSV 格式错误），请检查该行"
IMP_NOT_XLSX_FILE = "{path}：无法作为 Excel（.xlsx）文件打开，文件可能已损坏或不是 .xlsx 格式"
IMP_UNKNOWN_COLUMNS = "{path}：表头中有无法识别的列 {columns}，为免漏导数据，请改正列名或删除该列。可用的列：{known}"
IMP_KNOWN_COLUMNS = "project（项目）、target（指标）、value（本期累计）、date（日期）、county（县（市、区））、note（进展情况）、problem（存在问题）、next（下步打算）、by（填报人）"

# the YAML parser's words for the common mistakes, in Chinese (first match wins)
YAML_PROBLEMS = [
    ("found character that cannot start any token", "这里有不能出现在开头的字符（如制表符 Tab、@ 或 `），文本请加引号"),
    ("found a tab character", "用了制表符 Tab，请改用空格"),
    ("did not find expected ',' or '}'", "花括号 { } 没有成对，或两项之间缺少逗号"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有成对，或两项之间缺少逗号"),
    ("found unexpected ':'", "文本中有未加引号的冒号“:”，请给整段文字加上引号"),
    ("mapping values are not allowed here", "这里不能出现“键: 值”：可能是缩进不对，或文本中的冒号未加引号"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("did not find expected key", "缩进不对，或缺少键名"),
    ("did not find expected '-' indicator", "列表的缩进不对（每项以“- ”开头并对齐）"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了"),
    ("found unknown escape character", "双引号文本中有无效的转义符“\\”"),
    ("control characters are not allowed", "含有不允许的控制字符"),
    ("expected <block end>, but found", "缩进不对"),
    ("found undefined alias", "引用了未定义的别名（*）"),
]
