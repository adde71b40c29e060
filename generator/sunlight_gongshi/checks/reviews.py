"""Checks of the supervisors' reviews of the books (records/reviews/, record format 1.2).

Where the rule comes from: the estates Sunlight is modelled on elect a supervisory committee (监委会)
beside the owners' committee, and it takes part in 经费审查 and 民主理财: it checks the books and signs
its opinion.  That is these communities' practice, not an article of national law, so the messages
say so and cite the record format.  A review is signed by at least two serving members of the
reviewing body, never by the committee whose books it checks (`by` cannot be committee); it covers
books that are closed (`through` is before the month it was signed in) and whose closing balance it
can point to (a closing line in `through`'s month for each account it reviewed); a reservation or
an adverse opinion says what was found.
"""

from __future__ import annotations

import difflib

from ..compute.committee import serving
from ..compute.reviews import reviewed_accounts
from ..model.kinds import ACCOUNTS, FINANCE_MONTH
from ..problems import Problem, error, warning
from .common import duplicate_ids, file_ref_problem, name_key, same_page_ids

BODY = {"supervisors": "监委会（业主监督委员会）", "party_branch": "党支部", "other": "审查机构"}
OPINION = {"qualified": "保留意见", "adverse": "否定意见"}
SOURCE = "（阳光公示记录格式 1.2：监委会参与经费审查、民主理财，审查意见由它的成员签字；这是小区的做法，不是国家法律的条文）"


def check_reviews(records, ctx) -> list[Problem]:
    reviews = sorted(records.reviews, key=lambda r: (r.src.path, r.src.line))
    problems = duplicate_ids(reviews, lambda r: r.id, "审查", lambda r: (r.src.path, r.src.at("id")))
    problems += same_page_ids(reviews, lambda r: r.id, "审查", lambda r: (r.src.path, r.src.at("id")))
    problems += _repeats(reviews)
    for review in reviews:
        problems += _signer_problems(review, records.rosters)
        problems += _through_problems(review, ctx.today)
        problems += _account_problems(review, records)
        if review.opinion != "clean" and not (review.findings or "").strip():
            problems.append(error(review.src.path, review.src.at("opinion"), "E-REVIEW-FINDINGS",
                                  f"审查意见是{OPINION[review.opinion]}（opinion: {review.opinion}），要在 findings 里写明发现了什么问题、"
                                  "涉及哪些账目，居民才知道保留或否定的是什么；只有无保留意见（clean）可以不写"))
        for document in review.documents:
            message = file_ref_problem(document, records)
            if message:
                problems.append(error(review.src.path, review.src.at("documents"), "E-FILE", message))
    return problems


def _serving(rosters, body: str, day) -> dict[str, str]:
    """Who serves in a body of kind `body` on `day`, by name as it reads."""
    return {name_key(m.name): m.name for r in rosters
            if r.body == body and r.term.start <= day <= r.term.end for m in serving(r, day)}


def _signer_problems(review, rosters) -> list[Problem]:
    """Every signer serves in a body of kind `by` on the review's day, and at least two different ones sign;
    a signer who sits on the committee that day checks their own books (a warning)."""
    path, line, body = review.src.path, review.src.at("signed"), BODY[review.by]
    members = _serving(rosters, review.by, review.date)
    committee = _serving(rosters, "committee", review.date)
    if not members:
        return [error(path, line, "E-REVIEW-SIGNED",
                      f"{review.date} 名册里没有在任的{body}（roster/ 下 body: {review.by} 的名册），签字的 "
                      f"{'、'.join(review.signed) or '（无）'} 都不是它的成员；请先登记{body}的名册和任期，"
                      f"或核对 by 和 date{SOURCE}")]
    problems = []
    valid: set[str] = set()
    for name in review.signed:
        key = name_key(name)
        if key in members:
            valid.add(key)
            if key in committee:
                problems.append(warning(path, line, "W-REVIEW-INDEPENDENT",
                                        f"签字的 {name} 在 {review.date} 同时是业委会委员：审查的是业委会管的账，"
                                        "自己审自己的账不算独立审查；请由不在业委会任职的成员签字，或核对名册的任期"))
            continue
        close = difflib.get_close_matches(name, sorted(members.values()), n=1)
        hint = f"是不是 {close[0]}？" if close else ""
        own = "，业委会不能审查自己管的账" if key in committee else ""
        problems.append(error(path, line, "E-REVIEW-SIGNED",
                              f"签字的 {name} 在 {review.date} 不是{body}的在任成员{own}；{hint}"
                              f"signed 只写审查那天在任的{body}成员"))
    if len(valid) < 2:
        twice = "（同一人写了两次只算一人）" if len({name_key(n) for n in review.signed}) < len(review.signed) else ""
        problems.append(error(path, line, "E-REVIEW-SIGNED",
                              f"审查意见要由{body}至少两名在任成员签字，现在在任的签字人只有 {len(valid)} 名{twice}；"
                              f"请补上签字的成员{SOURCE}"))
    return problems


def _repeats(reviews) -> list[Problem]:
    """Two files of one review: the same body, day and month reviewed up to, with an account in common
    (a review done again after a correction is signed on a later day, and is its own record)."""
    problems, seen = [], {}
    for review in reviews:
        key = (review.by, review.date, review.through)
        for first in seen.get(key, ()):
            if not first.accounts or not review.accounts or set(first.accounts) & set(review.accounts):
                problems.append(error(review.src.path, review.src.at("id"), "E-REVIEW-REPEAT",
                                      f"这份审查和 {first.src.path}（{first.id}）是同一天（{review.date}）、同一机构、"
                                      f"审查到同一个月（{review.through}）的同一批账户，像是同一份审查写了两个文件；"
                                      "请删掉多余的一份，或把两份合成一份"))
                break
        seen.setdefault(key, []).append(review)
    return problems


def _through_problems(review, today) -> list[Problem]:
    problems = []
    if review.date > today:
        problems.append(error(review.src.path, review.src.at("date"), "E-REVIEW-DATE",
                              f"签署日期 {review.date} 在网站的参照日期 {today}（最新一次提交的日期）之后：还没签的审查不能公示；"
                              "请核对 date，写实际签字的那一天"))
    signed_month = review.date.isoformat()[:7]
    if review.through < signed_month:
        return problems
    when = "还在审查到的那个月里" if review.through == signed_month else "在审查到的那个月结束之前"
    return problems + [error(review.src.path, review.src.at("through"), "E-REVIEW-THROUGH",
                             f"审查到 {review.through}（through），签署日期 {review.date} 却{when}：一个月的账要到月底结账以后"
                             f"才能审查，through 必须早于签署的月份 {signed_month}；请核对 through 和 date")]


def _account_problems(review, records) -> list[Problem]:
    """The accounts named exist, and each account reviewed has a closing line in `through`'s month."""
    if ACCOUNTS.place.path in records.broken:
        return []   # accounts.yml could not be read: its own error says why
    path = review.src.path
    line = review.src.at("accounts") if review.accounts else review.src.at("through")
    ids = [a.id for a in records.accounts]
    problems = []
    for account in sorted({a for a in review.accounts if review.accounts.count(a) > 1}):
        problems.append(error(path, line, "E-REVIEW-ACCOUNT", f"账户 {account} 在 accounts 里写了两次；每个账户写一次"))
    for account in dict.fromkeys(review.accounts):
        if account not in ids:
            close = difflib.get_close_matches(account, ids, n=1)
            hint = f"是不是 {close[0]}？" if close else f"已有的账户：{'、'.join(ids) or '无'}"
            problems.append(error(path, line, "E-REVIEW-ACCOUNT",
                                  f"账户 {account} 不在 finance/accounts.yml 里（{hint}）；accounts 写审查过的账户编号"))
    books = records.books
    covered = [a for a in reviewed_accounts(review, ids, books) if a in ids]
    if not review.accounts and not covered:
        return problems + [error(path, line, "E-REVIEW-ACCOUNT",
                                 f"到 {review.through} 为止还没有哪个账户写过月末余额（closing），没有可审查的账目；"
                                 "请核对 through，或先登记那时的账目")]
    file = FINANCE_MONTH.place.path_of(review.through)
    month = next((b for b in books if b.month == review.through), None)
    if month is None and file in records.present:
        return problems   # the month's file is there but could not be read: its own error says why
    closed = {account for account, _amount, _line in month.closings} if month else set()
    missing = [a for a in covered if a not in closed]
    if missing:
        named = "、".join(missing)
        default = "" if review.accounts else "（没写 accounts，就审查到那时写过月末余额的每个账户）"
        where = f"{file} 的 closing 里没有 {named} 的月末余额" if month else f"还没有 {file}"
        problems.append(error(path, line, "E-REVIEW-ACCOUNT",
                              f"审查到 {review.through} 的账户{default}要有那个月的月末余额，审查意见才有核对过的数字可依：{where}；"
                              f"请在那个月的 closing 里写上（当月没有收支也要写），或在 accounts 里只写审查过的账户"))
    return problems
