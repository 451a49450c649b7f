"""The 通报's words (`minsheng notice`), the office's own layer (supervision/YYYY-MM.yaml) and the
escalation ladder's suggestions, as the office writes them (domain.md: a monthly 通报's shape)."""

# --- the command ---------------------------------------------------------------------------------
NOTICE_HELP = (
    "生成月度通报（Word 文档，按 GB/T 9704-2012 排版：A4、版心 156×225 毫米、每页 22 行×28 字、"
    "仿宋正文、页码“— 1 —”）：导语、一、总体情况、二、分类进展、三、存在问题、四、下步工作，附件为完成情况表"
    "（横向 A4）。数据与 minsheng report 相同；督查室自己的意见、期号、下步工作要求取自 supervision/YYYY-MM.yaml。"
)
NOTICE_SHORT_HELP = "生成月度通报（Word 文档，GB/T 9704 公文格式，附完成情况表）。"
NOTICE_HELP_MONTH = "通报的月份，如 2023-06（截至该月底；计划设了 report_cutoff_day 时截至当月该日）"
NOTICE_HELP_OUTPUT = "输出的 Word 文件，须以 .docx 结尾，如 通报.docx"
NOTICE_HELP_FORCE = "台账有 check 报出的错误时仍生成通报，并在文首写明错误数"
NOTICE_HELP_HEADER = "版头：issue（督查通报〔2023〕第N期）或 red（红头：发文机关标志和文号）；默认取 supervision 文件或计划的设置"
NOTICE_HELP_FONTS = "字体：official（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312，默认）或 free（思源/Noto CJK，LibreOffice 常备）；默认取计划 settings.notice.fonts"
NOTICE_BAD_FONTS = "--fonts「{value}」无效，可选：official（公文字体）、free（Noto CJK）"
NOTICE_NOT_DOCX = "--output「{path}」须以 .docx 结尾：通报是 Word 文档"
NOTICE_NOT_DOCX_HINT = "如 -o 通报.docx"
NOTICE_NEEDS_OUTPUT = "通报是 Word 文档，须用 --output（-o）写明文件名"
NOTICE_PATH_HINT = "换一个文件名或文件夹，例如 -o 通报.docx（通报只能写成 Word 文件，不能输出到屏幕）"
NOTICE_AFTER_PLAN = "--month {month} 在计划期（{start} 至 {end}）之后：通报按计划期内的月份生成；计划结束后的情况请用 minsheng report --as-of 查看"
NOTICE_BAD_HEADER = "--header「{value}」无效，可选：issue（督查通报）、red（红头）"
NOTICE_WRITTEN = "已写入 {path}"

# --- defaults (plan settings.notice, supervision file) ------------------------------------------
DEFAULT_ISSUER = "市政府督查室"
DEFAULT_RECIPIENTS = "各县（市、区）人民政府，各功能区管委会，市政府各部门、各直属机构："
ISSUE_MARK = "督查通报"
ISSUE_NUMBER = "〔{year}〕第{issue}期"
RED_MARK = "{issuer}文件"

# --- the document --------------------------------------------------------------------------------
TITLE = "关于{year}年{months}全市重点民生实事\n推进情况的通报"  # two lines, each a whole phrase (GB/T 9704: 词意完整)
MONTHS_RANGE = "1—{month}月"
MONTHS_ONE = "1月"
LEAD = "根据{document}文件部署，{issuer}对{title}{months}推进情况进行了调度，现将有关情况通报如下："
LEAD_NO_DOCUMENT = "{issuer}对{title}{months}推进情况进行了调度，现将有关情况通报如下："
LABEL_LINE = "（{label}）"
H_OVERALL = "一、总体情况"
H_CATEGORIES = "二、分类进展"
H_PROBLEMS = "三、存在问题"
H_NEXT = "四、下步工作"
SUB_HEADING = "（{numeral}）{text}。"
CATEGORY_LEAD = "（{numeral}）{name}。"
CATEGORY_TALLY = "{tally}。"
PROJECT_BRIEF = "{name}（{lead}）完成年度目标的{percent}，{status}"
PROJECT_BRIEF_NONE = "{name}（{lead}）{status}"
BRIEF_SEP = "；"
PROBLEMS_NONE = "截至{date}，无进度滞后项目。"
PROBLEMS_INTRO = "截至{date}，共有{count}个项目（指标）进度滞后，具体如下："
PROBLEM_NAME = "{name}（{lead}）"
PROBLEM_FIGURES = "完成年度目标的{completion}，序时进度{expected}，{gap}"
PROBLEM_STREAK = "已连续{months}个月滞后"
PROBLEM_CAUSE = "原因：{text}"
PROBLEM_CAUSE_NONE = "本期未报送存在问题"
PROBLEM_NEXT = "下步打算：{text}"
UNREPORTED = "另有{count}项未报送：{names}。"
NEXT_DEFAULT = (
    "各牵头单位要对照年度目标和序时进度，压实工作责任，加快推进实施；进度滞后的项目要逐项分析原因，"
    "制定整改措施，明确完成时限和责任领导，确保按期完成年度目标任务。",
    "各牵头单位要按时报送进展情况，每月5日前将上月进展情况报市政府督查室。",
)
NEXT_SUGGESTED = "对照督办规则，{list}。以上为台账按连续滞后月数提出的建议，由{issuer}研究确定。"
NEXT_SUGGESTED_ITEM = "{rung}：{names}"
NEXT_SUGGESTED_SEP = "；"
ATTACHMENT_NOTE = "附件：{title}"
ATTACHMENT_MARK = "附件"
ATTACHMENT_TITLE = "{title}"
STAMP_LINE = "{line}"

# --- what the office wrote (supervision file) and the ladder, under a project -------------------
RUNGS = {
    "reminder": "建议提醒",
    "order": "建议下发督办单",
    "listing": "建议挂牌督办",
}
RUNG_SHORT = {"reminder": "提醒", "order": "督办单", "listing": "挂牌督办"}
STREAK = "连续滞后{months}个月"
LADDER_LINE = "督办建议：{streak}，{rung}"
VERIFIED = "核实意见：{text}"
URGED = "督办意见：{text}"
LISTED = "已挂牌督办（{date}）：{reason}"
INSTRUCTION = "领导批示（{who}，{date}）：{text}"
CLOSED = "已销号（{date}）"
CLOSED_NOTE = "已销号（{date}）：{text}"
OFFICE_SEP = "；"
TEXT_STOP = "。"
TRAILING_STOPS = "。；;，,"

# --- supervision/YYYY-MM.yaml: messages of check -------------------------------------------------
SUP_BAD_NAME = "督查文件名「{name}」应为 YYYY-MM.yaml（如 2023-06.yaml），月份在计划期内（{start}—{end}）"
SUP_NOT_MAPPING = "督查文件应是一个映射（issue、requirements、projects 等键）"
SUP_UNKNOWN_PROJECT = "没有序号为 {project} 的项目"
SUP_DUPLICATE_PROJECT = "项目 {project} 在本文件中出现了不止一次"
SUP_INVALID = "督查文件 {path} 有 {count} 处错误（运行 minsheng check 查看）"
SUP_BAD_DATE = "日期「{text}」不存在"
SUP_HINTS = {
    "supervision-name": "改名为 YYYY-MM.yaml，月份即通报的月份",
    "unknown-field": "检查拼写；可用字段见 minsheng schema supervision。",
    "missing-field": "补上该字段，字段说明见 minsheng schema supervision。",
    "bad-value": "日期写成 2023-06-30；期号、项目序号写数字；其余写文字。字段说明见 minsheng schema supervision。",
    "unknown-project": "project 写项目序号，见 minsheng list",
    "duplicate-project": "同一项目的意见写在一处",
}

# --- JSON Schema (minsheng schema supervision) --------------------------------------------------
SCH_TITLE = "重点民生实事督查室文件（supervision/YYYY-MM.yaml）"
SCH_DESCRIPTION = "督查室自己的一层：期号、下步工作要求、各项目的核实意见、督办意见、挂牌督办、领导批示和销号。牵头单位不编辑此文件。由 minsheng schema supervision 生成。"
SCHEMA_DOCS = {
    "Supervision": "督查室本月的文件：通报的期号与版头、下步工作要求和对各项目的意见",
    "Supervision.issue": "期号：督查通报〔2023〕第N期",
    "Supervision.date": "成文日期（落款日期）",
    "Supervision.header": "版头：issue（督查通报）或 red（红头），不写时取计划 settings.notice.header",
    "Supervision.document": "文号（红头用），如 济政督字〔2023〕6号",
    "Supervision.requirements": "四、下步工作：督查室的要求，每项一段（如“一是……”）",
    "Supervision.projects": "对各项目的意见",
    "ProjectSupervision": "对一个项目的意见",
    "ProjectSupervision.project": "项目序号",
    "ProjectSupervision.verified": "核实意见",
    "ProjectSupervision.urged": "督办意见",
    "ProjectSupervision.listed": "挂牌督办：日期和原因",
    "ProjectSupervision.instructions": "领导批示",
    "ProjectSupervision.closed": "销号：督办事项已回到序时进度",
    "Listing": "挂牌督办",
    "Listing.date": "挂牌日期",
    "Listing.reason": "挂牌原因",
    "Instruction": "一条领导批示",
    "Instruction.who": "批示领导",
    "Instruction.date": "批示日期",
    "Instruction.text": "批示内容",
    "Closure": "销号",
    "Closure.date": "销号日期",
    "Closure.note": "说明",
    "Escalation": "督办规则：滞后 → 提醒；连续 order 个月滞后或严重滞后 → 督办单；连续 listing 个月滞后 → 建议挂牌督办",
    "Escalation.order": "连续滞后多少个月建议下发督办单（默认 2）",
    "Escalation.listing": "连续滞后多少个月建议挂牌督办（默认 3）",
    "NoticeSettings": "月度通报（minsheng notice）的版头",
    "NoticeSettings.header": "版头：issue（督查通报〔2023〕第N期，默认）或 red（红头：发文机关标志和文号）",
    "NoticeSettings.issuer": "发文机关（默认 市政府督查室）",
    "NoticeSettings.recipients": "主送机关",
    "NoticeSettings.fonts": "字体：official（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312，默认）或 free（思源/Noto CJK）",
    "Settings.escalation": "督办规则（连续滞后月数）",
    "Settings.notice": "月度通报的版头",
}

# --- the document's fonts and style names (rendering/docx.py) ----------------------------------
# GB/T 9704 names the official fonts (on the office's Windows / WPS PCs); `settings.notice.fonts:
# free` (or `--fonts free`) names the free ones instead (思源 / Noto CJK, which LibreOffice on Linux
# has). With the official names the font table still gives each its free fallback (w:altName),
# which Word uses; LibreOffice ignores altName and falls back through fontconfig.
FONTS = {
    "title": ("方正小标宋简体", "Noto Serif CJK SC"),
    "body": ("仿宋_GB2312", "Noto Serif CJK SC"),
    "heading": ("黑体", "Noto Sans CJK SC"),
    "subheading": ("楷体_GB2312", "Noto Serif CJK SC"),
    "page": ("宋体", "Noto Serif CJK SC"),
}
STYLE_NAMES = {
    "body": "通报正文",
    "title": "通报标题",
    "heading": "通报一级标题",
    "mark": "通报版头",
    "table": "通报表格",
    "footer": "通报页码",
}
PAGE_NUMBER_DASH = "— "
PAGE_NUMBER_DASH_AFTER = " —"
