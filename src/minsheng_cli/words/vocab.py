"""Status, kind and continuing-target words: the code↔word vocabularies the rules read (PRODUCT.md §2)."""

STATUS = {
    "not_started": "未开始",
    "not_reported": "未报送",
    "completed": "已完成",
    "overdue": "未完成节点任务",  # during the plan period
    "overdue_after": "未按期完成",  # after the plan period
    "ahead": "超序时进度",
    "on_track": "序时推进",
    "lagging": "进度滞后",
    "seriously_lagging": "严重滞后",
}
FLAGS = {
    "stale": "未按时报送",
    "partial": "部分县（市、区）未报送",
    "weak_target": "单项指标严重滞后",
    "no_data": "缺少基数",
    "partial_targets": "部分指标未报送",
}
KIND = {
    "count": "数量",
    "level": "达到水平",
    "milestone": "节点事项",
    "checklist": "清单",
    "continuing": "持续实施",
}
CONTINUING_NORMAL, CONTINUING_INTERRUPTED = "正常", "中断"  # what a continuing target's record stores
CONTINUING_STORED = (CONTINUING_NORMAL, CONTINUING_INTERRUPTED)
CONTINUING_WORDS = {"正常": CONTINUING_NORMAL, "正常实施": CONTINUING_NORMAL, "中断": CONTINUING_INTERRUPTED}  # typed → stored
CONTINUING_VALUES = {"正常": "正常实施", "中断": "中断"}
DONE_WORDS = ("done", "完成", "已完成")
