"""Words of the one name resolver (ledger/names.py): what a name may be, near misses, ambiguity."""

# 常见简称 → 全称: units and counties as people write them (a plan's settings.abbreviations
# replaces this list). An abbreviation whose full name is not in the plan is ignored.
DEFAULT_ABBREVIATIONS = {
    "卫健委": "市卫生健康委",
    "人社局": "市人力资源社会保障局",
    "住建局": "市住房城乡建设局",
    "发改委": "市发展改革委",
    "工信局": "市工业和信息化局",
    "自然资源局": "市自然资源和规划局",
    "文旅局": "市文化和旅游局",
    "城管局": "市城市管理局",
    "交通局": "市交通运输局",
    "审批局": "市行政审批服务局",
    "水务局": "市城乡水务局",
    "金融局": "市地方金融监管局",
    "经开区": "济宁经济技术开发区",
    "高新区": "济宁高新区",
}

WHAT_PROJECT = "项目"
WHAT_TARGET = "指标"
WHAT_UNIT = "单位"
WHAT_COUNTY = "县（市、区）"

SUGGEST = "您是否要找：{choices}？"
AMBIGUOUS = "「{key}」对应多个{what}：{choices}。请写得更完整些（或写序号 / 全称）。"
NOT_FOUND = "没有名为「{key}」的{what}。"
CHOICE_SEP = "、"
PROJECT_CHOICE = "{id} {name}"
TARGET_CHOICE = "{id}（{name}）"
