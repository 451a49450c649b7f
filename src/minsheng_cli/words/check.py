"""Words of `check` and of the plan's rules."""

CHECK_OK = "台账检查通过：计划 {projects} 项、指标 {targets} 个，进度记录 {records} 条，未发现问题。"
CHECK_FAILED = "发现 {count} 处问题。"
CHECK_LINE = "{path}:{line}:{column}: 错误[{code}]: {message}"
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
DUE_DAY = "report_due_day 应为 1–28 之间的整数"
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
    "yaml-depth": "删除层层嵌套的括号或缩进；每条记录写成一行 - {date: …, target: …, value: …}。",
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
