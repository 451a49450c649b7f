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
COUNTY_KIND = {"city": "市本级", "district": "区", "county": "县（市）", "zone": "功能区"}
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
ALL_COUNTIES = "全部县（市、区）"
SHOW_LEAD = "牵头单位"
SHOW_CO = "协办单位"
SHOW_CATEGORY = "类别"
SHOW_SUMMARY = "内容概述"
SHOW_TEXT = "实施内容及工作目标"
SHOW_TARGETS = "指标"
SHOW_HISTORY = "最近进展"
NO_RECORDS = "尚无进度记录。"
FILE_UNREADABLE = "无法读取 {path}：{error}"

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
USAGE_PATTERNS = [
    (r"No such option: (\S+)", "没有选项 {0}"),
    (r"No such command '([^']+)'", "没有命令「{0}」"),
    (r"Missing argument '([^']+)'", "缺少参数 {0}"),
    (r"Missing option '([^']+)'", "缺少选项 {0}"),
    (r"Got unexpected extra arguments? \((.*)\)", "多余的参数：{0}"),
    (r"Option '([^']+)' requires an argument", "选项 {0} 需要一个值"),
    (r"Invalid value for '([^']+)': (.*)", "参数 {0} 的值无效：{1}"),
]
