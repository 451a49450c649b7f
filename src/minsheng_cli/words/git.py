"""Words of diff, --rev and log."""

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
LOG_HELP = "一个项目（或其中一个指标）的全部进度记录：日期、县（市、区）、数值及增减、填报人、进展情况，终端中附趋势图。"
LOG_HELP_PROJECT = "项目序号或名称"
LOG_HELP_TARGET = "指标 id 或名称（默认：项目的全部指标）"
LOG_HEADERS = ["日期", "县（市、区）", "数值", "增减", "合计", "说明", "进展情况", "存在问题", "下步打算", "填报人"]
LOG_HEADER_TARGET = "指标"
LOG_TITLE = "{project}. {name} — {target}"
LOG_TITLE_UNIT = "{project}. {name} — {target}（{unit}）"
LOG_PROJECT_NOTES = "项目进展"
LOG_FATES = {"replaced": "已被替换（更正）", "voided": "已作废", "void": "作废", "invalid": "无效，未计入"}
LOG_FATE_SEP = "；"
LOG_CORRECT = "更正"
LOG_WITH_REASON = "{what}：{reason}"
LOG_TREND = "趋势 {spark}  {first} → {last}{goal}"
LOG_GOAL = "（年度目标 {target}{unit}）"
LOG_NO_RECORDS = "项目 {project} 尚无进度记录。"
LOG_NO_TARGET_RECORDS = "指标「{target}」尚无进度记录。"
# The completion column of `diff -f csv`.
GIT_FIELD_COMPLETION = "完成率"
GIT_TEXT_CUT = "……（全文 {length} 字，超出上限，未显示完）"
