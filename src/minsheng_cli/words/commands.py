"""Words of the command line: list/show, usage errors, each command's one-line help."""

HEADERS_LIST = ["序号", "项目名称", "牵头单位", "指标", "类型", "年度目标", "单位", "权重"]
HEADERS_TARGETS = ["指标", "id", "类型", "年度目标", "单位", "基数", "起止", "权重", "最新值", "日期"]
WEIGHT_ZERO = "监测指标"
NOT_COUNTED = "不计入"  # a continuing target: confirmed each period, never in completion means
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
OUTPUT_NOT_REGULAR = "--output：{path} 不是普通文件（是设备、管道、文件夹或符号链接），不覆盖它。"
OUTPUT_IN_LEDGER = "--output：{path} 是台账本身的文件（计划、progress/ 下的进度记录或 supervision/ 下的督查室文件），输出不能写到这里。"
OUTPUT_HINT = "换一个文件名或文件夹，例如 -o 2023年6月.xlsx；要输出到屏幕或管道，不加 -o 或写 -o -。"
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
# The group and its global options (commands/app.py).
APP_HELP = "重点民生实事台账：计划、进度记录与序时进度报表（济政发〔2023〕2号）。"
HELP_DATA = "台账目录（默认：环境变量 MINSHENG_DATA，或从当前目录向上查找 data/）"
HELP_DEBUG = "出现内部错误时显示完整的回溯信息"
HELP_NO_CACHE = "不使用缓存（缓存按文件内容校验，任何时候都可以删除）"
HELP_VERSION = "显示版本号"
# The shared output options (commands/options.py).
HELP_FORMAT = "输出格式：table（终端表格）、plain、markdown、csv（带 BOM 的 UTF-8）、json，或任一 tabulate 格式名"
HELP_OUTPUT = "写入文件而不是标准输出（- 表示标准输出）；格式按扩展名：.csv .md .json .xlsx .txt，与 -f 矛盾时拒绝"
# list, show, check.
LIST_HELP = "按类别列出项目、牵头单位和指标。"
LIST_HELP_CATEGORY = "只列出该类别（序号或名称中的文字）"
LIST_HELP_UNIT = "只列出该单位牵头或协办的项目"
SHOW_HELP = "显示一个项目：实施内容、承办单位、每个指标的全部内容（明细及完成情况）和最新进展。"
SHOW_HELP_PROJECT = "项目序号或名称"
CHECK_HELP = "检查整个台账（计划和全部进度记录），逐条列出所有问题；有问题时退出码为 1。"
# Their one-line help in `minsheng --help` (the other commands' are in SHORT_HELP).
SHORT_HELP_READ = {"list": LIST_HELP, "show": SHOW_HELP, "check": CHECK_HELP}

# `show`: the unit column of a checklist, and the labels of a record's text in its history
SHOW_CHECKLIST_UNIT = "项"
SHOW_RECORD_LABELS = ("进展", "问题", "下步")

# `show`: each target's details (明细) — one table for every format; csv puts the whole project in it
HEADERS_DETAILS = ["指标", "明细", "内容", "状态", "日期"]
SHOW_DETAILS = "指标明细"
SHOW_PROJECT = "项目"
SHOW_QUOTE = "通知原文"
SHOW_NOTE = "说明"
SHOW_REQUIRED = "要求"
SHOW_REQUIRED_TEXT = "须完成{required}项（共{items}项）"
SHOW_REQUIRED_STATE = "已完成{done}项"
SHOW_ITEM = "事项"
SHOW_MILESTONE = "节点事项"
SHOW_STEP = "步骤"
SHOW_STEP_DUE = "（{due}前）"
SHOW_PLANNED = "节点目标"
SHOW_PLANNED_TEXT = "{date}应达到{value}{unit}"
SHOW_COUNTY = "县（市、区）"
SHOW_ALLOCATION = "：分配{value}{unit}"
SHOW_REVISION = "调整"
SHOW_REVISED_TARGET = "目标调整为{value}{unit}"
SHOW_REVISED_DUE = "期限调整为{due}"
SHOW_REVISED_MILESTONES = "节点目标调整"
SHOW_APPROVAL = "（批准：{approval}）"
SHOW_BASELINE_FROM_RECORD = "年初首条记录"
STATE_DONE = "已完成"
SHOW_ACTIONS = {"correct": "更正", "void": "作废"}
STATE_NOT_YET = "未完成"
STATE_IN_FORCE = "现行"
STATE_NOT_IN_FORCE = "未生效"

# --- help in Chinese, for every command (commands/help_format.py) ----------------------------------
HELP_USAGE_PREFIX = "用法："
HELP_HEADINGS = {"Usage": "用法", "Options": "选项", "Arguments": "参数", "Commands": "命令"}
HELP_HEADING = "{heading}："
HELP_USAGE_PIECES = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]...": "[参数]..."}
HELP_REQUIRED = "必填"
HELP_DEFAULT = "默认：{value}"
HELP_EXTRA_SEP = "；"
# an option's value by its type, where the option names none of its own
HELP_METAVARS = {"text": "文本", "path": "路径", "integer": "整数", "float": "数字", "file": "文件",
                 "filename": "文件", "boolean": "是/否", "directory": "目录"}
ARG_PROJECT = "项目"
ARG_TARGET = "指标"
ARG_VALUE = "数值"  # the same word as words.progress.ARG_VALUE (messages)
ARG_FILE = "文件"
ARG_DIR = "目录"
ARG_REV = "版本"
ARG_REV2 = "版本2"
# prompts: what a yes or a no may be written as (typer.confirm's y/n and ours)
CONFIRM_YES = ("是", "y", "yes", "好", "对", "确认")
CONFIRM_NO = ("否", "n", "no", "不")
CONFIRM_SUFFIX = " [是/否，默认{default}]："
CONFIRM_DEFAULT_YES = "是"
CONFIRM_DEFAULT_NO = "否"
CONFIRM_AGAIN = "请回答 是 或 否（y / n）。"

# --- -o FILE: the format its extension names (commands/options.py) ---------------------------------
OUT_UNKNOWN_EXTENSION = "-o「{path}」：不认识扩展名「{extension}」。可写的扩展名：{choices}（或用 -o - 输出到屏幕）"
OUT_CONTRADICTS = "-f {fmt} 与 -o「{path}」的扩展名（{extension} 即 {implied}）矛盾：去掉 -f，或把文件名改为 {suggested}"
OUT_NOT_SUPPORTED = "{command} 不能输出 {fmt} 格式（-o「{path}」）。可选：{choices}"
HELP_TYPER_OPTIONS = {
    "install_completion": "为当前 shell（bash、zsh、fish、PowerShell）安装命令补全，重开终端后按 Tab 补全命令和选项",
    "show_completion": "显示当前 shell 的补全脚本（可复制后自行安装）",
}
