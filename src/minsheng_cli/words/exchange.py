"""Words of the template and import."""

IMP_HELP_TEMPLATE = "生成牵头单位填报用的 Excel 表：预填项目、指标、年度目标和上次累计，只开放本期累计、日期、进展情况、存在问题、下步打算和表头的填报人、联系电话、审核人；分县统计的指标集中在「分县填报」一张表，每县一行；A4 横向，可直接打印。"
IMP_HELP_IMPORT = "导入填好的填报表，或任意含 project、target、value、date 等列的 CSV/XLSX；全部行无误才写入，逐行列出所有错误。"
IMP_HELP_UNIT = "牵头单位名称，如 市卫生健康委（可写名称的一部分，须只对应一个单位）"
IMP_HELP_ALL = "为每个牵头单位各生成一个文件"
IMP_HELP_MONTH = "填报月份，如 2023-06（默认：本月）"
IMP_HELP_DATE = "预填的日期（默认：月末），如每周填报时写 2023-06-16"
IMP_HELP_OUTPUT = "文件名（只用于 --unit）"
IMP_HELP_OUTPUT_DIR = "存放文件的文件夹（默认：当前文件夹）"
IMP_HELP_FILE = "填好的 .xlsx 填报表，或 .csv / .xlsx 表格；写 - 则从标准输入读取（管道、重定向）"
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
    "只填写黄色单元格：本期累计、日期、进展情况、存在问题、下步打算，并在上方填写填报人、联系电话和审核人（分管负责人）；其他单元格已锁定，请勿增删行列或改动工作表名称。",
    "本期累计：填写截至所填日期、年初以来的累计完成数（不是当月新增数），按“单位”列的基本单位只填数字，如 12000；本表不接受“1.2万”这样的写法，也不要带单位文字。累计数不应小于上次累计；已报数字需要更正的，请在“存在问题”中说明，由市政府督查室更正。",
    "节点事项类：全部完成选“完成”，完成其中某一步骤选该步骤；清单类：每个事项一行，已完成的选“完成”；持续实施类：选“正常”或“中断”（中断的请在“存在问题”中说明原因）。",
    "日期：已预填为本月最后一天；月底前报送的，请改为实际统计日期（不能晚于报送当天）。",
    "本月没有新进展的指标可以留空；进度滞后的指标请写明存在问题和下步打算。",
]
IMP_INSTRUCTION_COUNTIES = "分县（市、区）统计的指标，在「分县填报」工作表中每个县（市、区）一行填写（见窗口下方的工作表标签）。"
IMP_INSTRUCTION_SEND = "填好后直接保存（保持 .xlsx 格式，不要另存为其他格式），按原渠道报送市政府督查室。"
IMP_COUNTY_INSTRUCTIONS = [
    "填报方法同「全市」工作表：只填黄色单元格；每个县（市、区）一行，本期累计填写该县（市、区）截至所填日期的累计数，只填数字；没有进展的留空。",
    "“年度目标”为分配给该县（市、区）的任务数；未分解到县的指标此列为空。填报人、联系电话、审核人填在「全市」工作表。",
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
# (template / import, continued)
IMP_COLUMN_REF = "「{column}」列"
IMP_FILES = "（{files}）"
IMP_FILES_MANY = "（{first} 至 {last} 等 {count} 个进度文件）"  # a year's sheet writes hundreds: not every name
IMP_REJECTED_HINT = "改正有错误的行后重新导入整个文件（全部无误才写入）；已记录的数值确需更正的，按该行给出的命令更正。"
IMP_SHEETS_CHANGED = "{path}：填报表的工作表被改名、删除或新增了（缺少：{missing}；多出：{extra}），请用原表填写，或重新生成填报表"
IMP_BAD_CSV_ROW = "{path}：第{line}行附近的引号没有成对（CSV 格式错误），请检查该行"
IMP_STDIN = "标准输入"
IMP_STDIN_HINT = "要从管道或重定向导入，用 minsheng import -（读标准输入）。"
IMP_XLSX_TOO_BIG = "{path}：文件解压后过大或压缩比异常（上限 {limit} MB），不是正常的填报表，未读取。"
IMP_TOO_MANY_ROWS = "工作表「{sheet}」超过 {limit} 行，不是正常的填报表，未读取。请分成几个文件导入。"
IMP_NOT_XLSX_FILE = "{path}：无法作为 Excel（.xlsx）文件打开，文件可能已损坏或不是 .xlsx 格式"
IMP_UNKNOWN_COLUMNS = "{path}：表头中有无法识别的列 {columns}，为免漏导数据，请改正列名或删除该列。可用的列：{known}"
IMP_KNOWN_COLUMNS = "project（项目）、target（指标）、value（本期累计）、date（日期）、county（县（市、区））、note（进展情况）、problem（存在问题）、next（下步打算）、by（填报人）"

# The template's column headers (key → header), its main sheet, and words it reads back
IMP_COLUMN_TITLES = {
    "project": "项目序号",
    "project_name": "项目名称",
    "target_name": "指标",
    "kind": "类型",
    "unit": "单位",
    "annual": "年度目标",
    "last_value": "上次累计",
    "last_date": "上次日期",
    "value": "本期累计",
    "date": "日期",
    "note": "进展情况",
    "problem": "存在问题",
    "next": "下步打算",
    "target_id": "指标代码",
    "item": "清单事项",
    "county": "县（市、区）",
}
IMP_BY_LABEL = "填报人"
IMP_MAIN_SHEET = "全市"
IMP_DONE = "完成"
IMP_NONE = "无"
# The columns of a free-form file and the header spellings accepted for each
IMP_HEADER_ALIASES = {
    "project": ("project", "项目", "项目序号", "项目名称"),
    "target": ("target", "指标", "指标名称", "指标代码"),
    "value": ("value", "本期累计", "数值", "累计完成", "累计", "完成值"),
    "date": ("date", "日期", "统计日期", "截至日期"),
    "county": ("county", "县（市、区）", "县市区", "县区", "县"),
    "note": ("note", "进展情况", "工作进展"),
    "problem": ("problem", "存在问题"),
    "next": ("next", "下步打算", "下一步打算", "下步工作"),
    "by": ("by", "填报人"),
}
IMP_HELP_AFTER_PLAN = "允许导入日期在计划期结束以后的行（逾期完成的补记）"

# Plausible values, units' own projects, base units in template cells (PRODUCT.md §4)
IMP_HELP_ACCEPT_OUTLIERS = "接受需核实的数值（超过年度目标 3 倍、比上次累计猛增 10 倍以上、按整数计的单位出现小数），核实无误后使用"
IMP_HELP_ANY_UNIT = "允许填报表中填报其他单位牵头或协办的项目（督查室代为汇总时使用）"
IMP_DOUBT_ROW = "需核实：{row}"
IMP_DOUBT_SEP = "；"
IMP_REJECTED_DOUBTS = "{path}：{doubtful} 行数值需核实，未写入任何记录。常见的是“万”字误写、县（市、区）填了全市的数或出现半户："
IMP_DOUBTS_HINT = "改正数值后重新导入整个文件；逐行核实无误的，加 --accept-outliers 重新导入。"
IMP_REJECTED_BOTH = "{path}：{count} 行有错误，另有 {doubtful} 行数值需核实，未写入任何记录。请改正后重新导入："
IMP_REJECTED_BOTH_HINT = "有错误的行改正后重新导入整个文件；需核实的数值核实无误的，加 --accept-outliers。已记录的数值确需更正的，按该行给出的命令更正。"
IMP_DOUBTS_ACCEPTED = "以下 {count} 行数值需核实，已按 --accept-outliers 接受："
IMP_OTHER_UNIT = "项目 {project}「{name}」不由{unit}牵头或协办，而本表是为{unit}生成的（表中隐藏的项目列可能被改动）；确需导入的，请加 --any-unit"
IMP_NO_MULTIPLIER = "「{value}」：填报表的本期累计只填基本单位的数字，不接受“{multiplier}”，请换算后填写（如 9.9万 填 99000）"
IMP_HELP_TEMPLATE_FORCE = "与 --all 一起用：覆盖已存在的同名填报表（默认不覆盖，以免丢失已填写的表）"
IMP_TEMPLATE_EXISTS = "已有 {count} 个同名填报表，未生成任何文件：{paths}{more}"
IMP_TEMPLATE_EXISTS_HINT = "确需覆盖时运行：{command}（或用 --output-dir 换一个文件夹）"
IMP_NEEDS_CORRECTION = "。导入不会更正已记录的数值：请核对本行，改正后重新导入；确是更正已报数值的，从表中删去本行并运行 {command}，再重新导入"
IMP_ODS = "{path}：不支持 OpenDocument 表格（.ods）"
IMP_ODS_HINT = "请在 LibreOffice / WPS 中「另存为」Excel（.xlsx）后再导入，或运行：soffice --headless --convert-to xlsx {path}"
IMP_FORMULA_NO_VALUE = "{path}：单元格 {cell} 是公式（{formula}）但没有保存计算结果，无法导入"
IMP_FORMULA_NO_VALUE_HINT = "请在 Excel 或 WPS 中打开该文件并保存（保存时会算出公式的结果），或把公式改为数值后重新导入。"
IMP_DATE_OUTSIDE_SHEET = "日期 {date} 不在本表的填报期（{label}：{first} 至 {last}）内：填报表只报本月的进度，请核对日期；其他月份的进度请用那个月的填报表"
