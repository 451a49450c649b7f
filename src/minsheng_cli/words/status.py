"""Words of `minsheng status` (报送: who has reported for a period, on time or late; 催报) and of
importing many sheets in one run."""

STATUS_HELP = (
    "报送情况：各牵头单位某月的项目是否已报送、是否按时（次月 report_due_day 日前，默认5日），"
    "报送及时率，以及可直接复制发送的催报名单。"
)
STATUS_SHORT = "报送情况：按时、逾期、未报送，报送及时率和催报名单。"
STATUS_HELP_MONTH = "报送的月份，如 2023-06（默认上个月；计划结束后为计划的最后一个月）"
STATUS_HELP_AS_OF = "按这一天的情况判断（默认今天）：此后才收到或提交的记录视为尚未报送，如 2023-07-06"

STATES = {"on_time": "按时报送", "late": "逾期报送", "missing": "未报送"}
EVIDENCE = {"received": "收到日期", "committed": "提交日期", "uncommitted": "未提交（按今天计）"}
EXEMPT = {"completed": "已完成，免报", "not_started": "尚未开始，免报"}

MONTH_LABEL = "{year}年{month}月"
TITLE = "{title}　{month}报送情况（报送截止日：{due}）"
UNIT_HEADERS = ["牵头单位", "应报项目", "按时报送", "逾期报送", "未报送", "报送及时率", "未报送项目"]
PROJECT_TITLE = "各项目报送情况"
PROJECT_HEADERS = ["牵头单位", "序号", "项目名称", "报送情况", "报送日期", "依据"]
EXEMPT_TITLE = "免报项目"
EXEMPT_HEADERS = ["序号", "项目名称", "牵头单位", "说明"]
OVERALL = "合计"
NO_RATE = "—"

SUMMARY = (
    "{month}应报送项目{due_count}个，按时报送{on_time}个，逾期报送{late}个，未报送{missing}个，"
    "报送及时率{rate}{exempt}。"
)
SUMMARY_EXEMPT = "（另有{count}个项目已完成或尚未开始，免报）"
SUMMARY_NONE = "{month}没有应报送的项目。"

REMINDER_TITLE = "催报名单"
REMINDER_OVERDUE = (
    "截至{as_of}，{units}未按时报送{month}“重点民生实事”进展情况（报送截止日为{due}），"
    "请上述单位于收到本通知后立即报送市政府督查室。"
)
REMINDER_PENDING = (
    "截至{as_of}，{units}尚未报送{month}“重点民生实事”进展情况，请于{due}前报送市政府督查室。"
)
REMINDER_NONE = "截至{as_of}，各牵头单位均已报送{month}“重点民生实事”进展情况。"
REMINDER_UNIT = "{unit}（{projects}）"
REMINDER_PROJECT = "{id}.{name}"
LIST_SEP = "、"

BAD_MONTH = "--month：{value} 不在计划期内（{start}—{end}）"

# import of many files
IMP_HELP_MANY = "可以一次导入多个文件或一个文件夹（其中全部 .xlsx 和 .csv）：所有文件为一个事务，任何一个文件有错误都一条不写，并逐个文件列出错误。"
IMP_HELP_FILES = "填好的填报表或 CSV/XLSX 文件，可以写多个，或写一个文件夹（导入其中全部 .xlsx 和 .csv）；- 为标准输入"
IMP_HELP_RECEIVED = "收到填报表的日期（默认今天），记入每条导入的记录，minsheng status 据此判断是否按时报送，如 2023-07-03"
IMP_RECEIVED_FUTURE = "--received：{value} 晚于今天"
IMP_FOLDER_EMPTY = "{path}：文件夹中没有 .xlsx 或 .csv 文件"
IMP_STDIN_ALONE = "- （标准输入）只能单独导入，不能与其他文件一起"
IMP_FILES_REJECTED = "{total} 个文件中有 {count} 个有错误，未写入任何记录（全部无误才写入）："
IMP_FILES_REJECTED_HINT = "改正列出的文件后，重新导入全部文件；已无误的文件不必改动。"
IMP_FILE_ERROR = "{path}：{message}"
IMP_FILE_LINE = "  {line}"
IMP_FILE_SUMMARY = "{path}：{written} 条{verb}，{same} 条已有相同记录跳过"
IMP_FILE_WRITTEN = "写入"
IMP_FILE_WOULD = "将写入"
IMP_FILES_SUMMARY = "共 {files} 个文件：已写入 {written} 条记录{where}，跳过 {skipped} 条。"
IMP_FILES_DRY_RUN = "试导入（--dry-run）：共 {files} 个文件，将写入 {written} 条记录{where}，跳过 {skipped} 条；未写入任何文件。"
IMP_FILES_WHERE = "（{count} 个进度文件）"
IMP_PROGRESS = "导入"
AS_OF_BEFORE_MONTH = "--as-of {as_of} 早于{month}（{start} 起）：那时这个月还没开始，无从判断报送情况；请写该月开始以后的日期"
