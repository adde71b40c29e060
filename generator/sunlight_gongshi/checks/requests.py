"""Checks of residents' requests: filed in the month received, resolved in order, pointing at real things."""

from __future__ import annotations

from ..model.activity import CLOSED_STATUSES
from ..problems import Problem, error
from .common import check_month_matches_file, duplicate_ids, in_month


def check_request_ids(records, ctx) -> list[Problem]:
    """Request ids are unique across every month's file."""
    ids = [(s.path, ident, line) for s in records.request_ids for ident, line in zip(s.ids, s.id_lines)]
    return duplicate_ids(ids, lambda i: i[1], "诉求", lambda i: (i[0], i[2]))


def request_problems(month, ctx) -> list[Problem]:
    """One month's requests: received that month, resolved exactly when closed, references real."""
    path = month.src.path
    problems = check_month_matches_file(month, "诉求")
    units = ctx.units()
    for request in month.requests:
        at = request.src.at
        if not in_month(request.received, month.month):
            problems.append(error(path, at("received"), "E-DATE-MONTH",
                                  f"收到日期 {request.received} 不在 {month.month} 月内；诉求按收到的月份归档，"
                                  "请放到对应月份的文件里"))
        closed = request.status in CLOSED_STATUSES
        if closed and request.resolved is None:
            problems.append(error(path, at("status"), "E-REQUEST-RESOLVED",
                                  f"诉求 {request.id} 的状态是 {request.status}，要写上解决或答复的日期：resolved: YYYY-MM-DD"))
        elif not closed and request.resolved is not None:
            problems.append(error(path, at("resolved"), "E-REQUEST-RESOLVED",
                                  f"诉求 {request.id} 的状态是 {request.status}（还没办完），却写了 resolved 日期；"
                                  "办完了请把 status 改成 resolved 或 declined，没办完请删掉 resolved"))
        elif closed and request.resolved < request.received:
            problems.append(error(path, at("resolved"), "E-REQUEST-RESOLVED",
                                  f"解决日期 {request.resolved} 早于收到日期 {request.received}；请核对"))
        if request.unit is not None and units and request.unit not in units:
            problems.append(error(path, at("unit"), "E-UNKNOWN-UNIT", f"units.yml 里没有单元 {request.unit}"))
        if request.entry is not None and not ctx.entry_exists(request.entry):
            problems.append(error(path, at("entry"), "E-ENTRY-REF",
                                  f"找不到流水 {request.entry}；请核对编号（在 finance/ 的月度账目里）"))
        if request.decision is not None and ctx.decision(request.decision) is None:
            problems.append(error(path, at("decision"), "E-DECISION-REF",
                                  f"找不到决议 {request.decision}；请核对编号，或先在 decisions/ 下登记这项决议"))
    return problems
