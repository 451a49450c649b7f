"""Words of progress records: reading, recording, storing and checking them."""

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
    "received": "收到日期（如 2023-07-03）",
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
REC_COUNTY_NEEDS_TARGET = "--county 只能与指标一起使用（minsheng update 项目 指标 数值 --county 县）"
REC_CORRECT_AND_VOID = "--correct 和 --void 不能同时使用"
REC_REASON_REQUIRED = "{option} 必须同时用 --reason 说明原因"
REC_REASON_ALONE = "--reason 只能与 --correct 或 --void 一起使用"
REC_ACTION_NEEDS_TARGET = "--correct / --void 需要指明指标（minsheng update 项目 指标 …）"
REC_VOID_WITH_VALUE = "--void 作废记录时不要填写数值"
REC_VALUE_MISSING = "缺少数值：请填写指标的本期累计值，例如 minsheng update 1 new_places 6200"
REC_VOID_NOTHING = "--void：指标「{target}」{county}在 {date} 没有可作废的记录"
REC_ALREADY = "指标「{target}」{county}在 {date} 已有相同记录（{value}），未重复写入"
REC_ALREADY_NARRATIVE = "项目 {project} 在 {date} 已有相同的进展记录，未重复写入"
REC_DIFFERENT_VALUE = "指标「{target}」{county}在 {date} 已记录为 {old}（{where}），与本次的 {new} 不同"
REC_DIFFERENT_VALUE_WAY = "；如需更正，请运行：{command}"
REC_CORRECT_TAIL = ' --correct --reason "原因"'

REC_DECREASING = "数值 {value} 小于指标「{target}」{county}在 {date} 的累计值 {old}：累计数不应减少"
REC_DECREASING_WAY = "；如确需调低，请运行：{command}"
REC_LATER_LOWER = "数值 {value} 大于指标「{target}」{county}在之后 {date} 的累计值 {old}，会使累计数减少；请核对，或先更正 {date} 的记录"
# store
REC_APPEND_UNSAFE = "{path}：无法在文件末尾安全追加记录：文件被手工改成了别的写法，且其中的注释在改写时会丢失"
REC_APPEND_HINT = "把该文件改回每行一条记录（- {date: …, target: …, value: …}）的写法，或删去记录之间的注释，再重试；所有文件保持原样"
REC_WRITE_FAILED = "写入 {path} 失败：{error}；所有文件保持原样"
REC_FILE_BUSY = "{path} 正被其他程序占用，无法写入；请关闭占用该文件的程序后重试，所有文件保持原样"
# update
REC_HELP_UPDATE = "记录进度：minsheng update 项目 指标 数值 记一条；minsheng update 项目 --note … 记进展情况；只写项目时逐项询问。"
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
REC_CHECK_CONFLICT = (
    "指标 {target}在 {date} 有两个不同的值：第 {first} 行为 {old}，第 {second} 行为 {new}"
    "（常见于两个分支合并后）；两条都不计入"
)
REC_HINTS = {
    "text-too-long": "把文字压缩到要点（2000 字以内）；详细材料另行报送。",
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
    "conflict": (
        "核实哪个数正确后，用 minsheng update 项目 指标 正确值 --date 日期 --correct --reason \"原因\" 更正"
        "（或 --void --reason 作废该日的记录）；也可以删除报错的那一行。"
    ),
    "missing-reason": "补上 reason: \"原因\"。",
    "void-nothing": "删除这条作废记录，或改正其指标、县（市、区）和日期。",
    "merge-conflict": "保留正确的记录行，删除 <<<<<<<、=======、>>>>>>> 三行后再提交。",
    "encoding": "用 UTF-8 编码另存该文件。",
    "unreadable": "换成正常的进度文件：检查权限，删除同名的文件夹、管道或失效的符号链接。",
    "yaml-syntax": "每条记录一行，如 - {date: 2023-06-30, target: new_places, value: 6200}；含冒号、逗号或 # 的文本请加双引号。",
    "duplicate-key": "同一条记录中每个字段只能出现一次。",
    "yaml-tag": "进度文件只能包含日期、数字和文本。",
    "yaml-alias": "把 & 和 * 引用的内容直接写出来。",
    "yaml-depth": "删除层层嵌套的括号或缩进；每条记录写成一行 - {date: …, target: …, value: …}。",
    "bad-record": "每条记录须有 date，字段见 minsheng schema progress。",
}
REC_ASK_STATE = "完成情况"
REC_VOID_ITEM_NOTHING = "--void：指标「{target}」{county}在 {date} 及以前没有「{value}」的记录可作废"
HELP_OPTION = "显示本帮助并退出"
REC_NOTHING_TO_RECORD = "没有要记录的内容：请写明指标和数值，或用 --note / --problem / --next 记录进展"
REC_NUMBER_RANGE = "{argument}「{value}」超出可记录的范围：数值应小于 10 的 15 次方，小数不超过 6 位"
REC_VALUE_RANGE = "数值 {value} 超出可记录的范围（应小于 10 的 15 次方，小数不超过 6 位）"
REC_UNSOUND = "拒绝写入不合进度记录格式的记录（项目 {project}，{date}：{problems}），未改动任何文件"

REC_MILESTONE_DONE_CHOICE = "done（完成）"

# Dates after the plan (PRODUCT.md §4)
REC_AFTER_PLAN = "{argument} {date} 在计划期（{start} 至 {end}）之后：如是计划期后补记的完成情况，请加 --after-plan；如是年份写错，请改正日期"
REC_HELP_AFTER_PLAN = "允许记录计划期结束以后的日期（逾期完成的补记）"

# Plausible values (PRODUCT.md §4)
REC_DOUBT_OVER_TARGET = "{value} 超过年度目标 {target} {unit}的 {times} 倍"
REC_DOUBT_OVER_ALLOCATION = "{value} 超过分配给{county}的任务 {allocation} {unit}的 {times} 倍"
REC_DOUBT_OVER_CITY = "{value} 是{county}一地的数，却超过了全市的年度目标 {target} {unit}"
REC_DOUBT_JUMP = "{value} 超过上次累计 {previous}（{date}）的 {times} 倍"
REC_DOUBT_JUMP_BASELINE = "{value} 超过基数 {previous} 的 {times} 倍"
REC_DOUBT_FRACTION = "{value} 不是整数，而“{unit}”只能按整数计"
REC_DOUBT_SEP = "；"
REC_DOUBTFUL = "VALUE {value} 需核实：{reasons}。常见的是“万”字误写、县（市、区）填了全市的数或出现半户；核实无误请加 --confirm 重新记录"
REC_HELP_CONFIRM = "数值超过年度目标 3 倍、比上次累计猛增 10 倍以上或按整数计的单位出现小数时，核实无误后用它确认写入"
REC_ASK_DOUBT = "  需核实：{reasons}。核实无误，仍要记录？"
REC_COUNTY_TARGET_CHOICE = "--county「{county}」：项目 {project} 有多个由该县（市、区）填报的指标，请写明指标 T：{choices}"
REC_ALREADY_TARGET_NARRATIVE = "项目 {project} 指标 {target}{county}在 {date} 已有相同的进展记录，未重复写入"
REC_ASK_DOUBT_DECLINED = "未记录该数值"

REC_TEXT_LONG_REASON = "文字过长（{length} 字，上限 {limit} 字），请压缩到要点"
REC_TEXT_TOO_LONG = "{option}：{reason}。"
ARG_VALUE = "数值"  # how messages name update's VALUE argument (its metavar in --help)
