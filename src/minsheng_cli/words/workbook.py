"""Words of the documents that print: the xlsx report's lagging table and notes, the template's
signature fields and print layout."""

# --- the xlsx report -------------------------------------------------------------------------------
FONT = "宋体"  # every cell, header and footer (Excel and WPS have it; LibreOffice maps it to a CJK font)
LAG_COLUMNS = {
    "number": "序号", "name": "项目", "lead": "牵头单位", "status": "状态", "completion": "完成率",
    "expected": "序时进度", "gap": "差距", "streak": "连续滞后月数", "problem": "存在问题", "next": "下步打算",
}
LAG_STREAK_UNIT = "个月"
LAG_NOT_SAID = "本期未报送"
PRINCIPAL_REMARK = "首项：{name}，共{count}项"  # the footnote says once what 首项 stands for
LAG_NOTE = "注：差距为完成率与序时进度之差（个百分点）；连续滞后月数从本期起逐月向前计算（每月按月末台账判断）。"

# --- the template ------------------------------------------------------------------------------------
SIGN_FIELDS = ("填报人", "联系电话", "审核人（分管负责人）")  # the first is exchange.IMP_BY_LABEL
COUNTY_SHEET = "分县填报"  # the template's one sheet of by-county targets, a row per county
PAGE_FOOTER = "第 &P 页，共 &N 页"
