"""The commented template of a new ledger."""

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
  report_due_day: 5        # 报送截止日：每月的填报表须在次月这一天前报送（minsheng status）
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

# What a writer leaves only while it runs (or after a kill): never committed.
INIT_GITIGNORE = """# minsheng 写入时的临时文件：锁、意图日志、临时文件（被中断时可能留下，下一次写入会清理）
progress/.lock
progress/.journal
progress/**/.*.tmp
"""
