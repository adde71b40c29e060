"""Checks of the activity log: filed by month, and deeds recorded only by office holders who pledged."""

from __future__ import annotations

from ..problems import Problem, error
from .common import check_month_matches_file, in_month


def activity_problems(month, ctx) -> list[Problem]:
    """One month's activities: dates in the month; a deed is an office holder keeping a pledge."""
    path = month.src.path
    problems = check_month_matches_file(month, "活动记录")
    for activity in month.activities:
        at = activity.src.at
        if not in_month(activity.date, month.month):
            problems.append(error(path, at("date"), "E-DATE-MONTH",
                                  f"日期 {activity.date} 不在 {month.month} 月内；请放到对应月份的文件里"))
        if activity.kind != "deed":
            continue
        holder = ctx.pledge_holder(activity.by, activity.date)
        if holder == "unknown":
            problems.append(error(path, at("by"), "E-DEED",
                                  f"践诺（deed）要写兑现承诺的任职人员：{activity.by} 在 {activity.date} 不在任何名册里；"
                                  "请核对姓名，或把 kind 改成 volunteer 等"))
        elif holder == "no-pledge":
            problems.append(error(path, at("by"), "E-DEED",
                                  f"{activity.by} 在名册里没有写公开承诺（pledge），记不了践诺；"
                                  "请先在名册里给这位成员写上 pledge，或把 kind 改成 volunteer 等"))
    return problems
