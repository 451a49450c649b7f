"""Words of the ledger's files: locating a ledger, look-ups, YAML, dates, operating-system errors."""

UNEXPECTED = "内部错误：{error}。请加 --debug 重新运行以查看详细信息，并报告此问题。"
INTERRUPTED = "已中断，未写入任何文件。"
ERROR_PREFIX = "错误："
HINT_PREFIX = "提示："
NO_LEDGER = "找不到台账目录：当前目录及其上级目录中没有 data/projects.yaml。"
NO_LEDGER_HINT = "用 --data 指定台账目录，或设置环境变量 MINSHENG_DATA。"
LEDGER_NOT_FOUND = "台账目录不存在或缺少 projects.yaml：{path}"
FILE_DANGLING_LINK = "{path} 是符号链接，指向的文件不存在或无法读取。请把它换成真正的进度文件。"
FILE_READ_ONLY = "{path} 是只读文件，未写入任何记录。确需写入时先去掉只读属性（chmod u+w）。"
LINK_IN_LEDGER = "{path} 是符号链接：写入时不跟随台账里的链接（它可能指向台账以外），未写入任何记录。"
LINK_IN_LEDGER_HINT = "把链接换成真正的文件夹或文件（git 中删除该链接，再把内容放回原处）。"
LOCK_NOT_A_FILE = "{path} 不是普通文件（是文件夹或符号链接），无法作为写入锁。请删除它后重试（没有其他人正在写入时）。"
JOURNAL_UNREADABLE = "{path}：上次写入中断后留下的日志无法读取（{error}）。请检查 progress/ 下的文件（git status），确认无误后删除该日志。"
YAML_TOO_DEEP = "嵌套层数过多（超过{limit}层），不是台账的正常内容。"
FILE_NOT_REGULAR = "{path}：不是普通文件（可能是管道、设备或文件夹），不读取。"
FILE_TOO_LARGE = "{path}：文件过大（{size} 字节，上限 {limit} 字节）。"
FILE_NOT_UTF8 = "{path}：不是 UTF-8 编码的文本文件，请以 UTF-8 保存。"
LEDGER_READ_ONLY = "台账目录不可写：{path}"
LOCK_TIMEOUT = "台账正被其他程序写入（{path}），请稍后重试。"
PLAN_INVALID = "计划文件有 {count} 处错误，请运行 minsheng check 查看。"
UNKNOWN_PROJECT = "没有序号或名称为「{key}」的项目（共 {count} 项，序号 1–{count}）。"
UNKNOWN_TARGET = "项目 {project} 没有名为「{key}」的指标。可用指标：{choices}"
UNKNOWN_CATEGORY = "没有「{key}」这一类别。"
UNKNOWN_UNIT = "没有牵头或协办单位为「{key}」的项目。"
UNKNOWN_FORMAT = "不支持的输出格式「{fmt}」，可选：{choices}"
YAML_SYNTAX = "YAML 语法错误：{detail}"
YAML_DUPLICATE_KEY = "重复的键「{key}」"
YAML_TAG = "不允许使用 YAML 对象标签（!!python 等）"
YAML_ALIAS = "不允许使用 YAML 锚点和别名（& 与 *）"
MERGE_CONFLICT = "文件中有未解决的合并冲突标记（<<<<<<< ======= >>>>>>>）"
BAD_DATE = "{argument}「{value}」不是有效日期，请写成 2023-06-30"
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
# the YAML parser's words for the common mistakes, in Chinese (first match wins)
YAML_PROBLEMS = [
    ("found character that cannot start any token", "这里有不能出现在开头的字符（如制表符 Tab、@ 或 `），文本请加引号"),
    ("found a tab character", "用了制表符 Tab，请改用空格"),
    ("did not find expected ',' or '}'", "花括号 { } 没有成对，或两项之间缺少逗号"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有成对，或两项之间缺少逗号"),
    ("found unexpected ':'", "文本中有未加引号的冒号“:”，请给整段文字加上引号"),
    ("mapping values are not allowed here", "这里不能出现“键: 值”：可能是缩进不对，或文本中的冒号未加引号"),
    ("mapping values are not allowed in this context", "这里不能出现“键: 值”：可能是缩进不对，或文本中的冒号未加引号"),
    ("did not find expected node content", "这里缺少内容：括号没有闭合，或“- ”“: ”后面没有写值"),
    ("expected <document start>", "这一行的写法接不上前文（列表和“键: 值”混写，或有多余的“...”）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("did not find expected key", "缩进不对，或缺少键名"),
    ("did not find expected '-' indicator", "列表的缩进不对（每项以“- ”开头并对齐）"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了"),
    ("found unknown escape character", "双引号文本中有无效的转义符“\\”"),
    ("control characters are not allowed", "含有不允许的控制字符"),
    ("expected <block end>, but found", "缩进不对"),
    ("found undefined alias", "引用了未定义的别名（*）"),
]

# Dates in official prose
DATE_CN = "{year}年{month}月{day}日"
DATE_CN_MONTH_END = "{year}年{month}月底"
