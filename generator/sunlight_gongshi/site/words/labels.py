"""The words for the site's coded values (a status, a body, a kind), and counts of each.

Records hold codes (`status: decided`); pages show these words for them, in the site's
language (`render` looks each table up once per language).  A value that is not a code here is
the committee's own text and is shown as written.
"""

from __future__ import annotations

from ...marks import N_
from .catalogues import Nn_, Np_

LABELS = {
    "status": {"proposed": N_("征求意见中"), "decided": N_("已决定"), "rejected": N_("未通过"),
               "in_progress": N_("实施中"), "done": N_("已完成")},
    "decision_body": {"committee": N_("业主委员会"), "owners_assembly": N_("业主大会"),
                      "joint_meeting": N_("联席会议"), "council": N_("居民议事会")},
    "matter": {"ordinary": N_("一般事项"), "major": N_("重大事项（须四分之三同意）")},
    "matter_rule": {"ordinary": N_("一般事项：参与表决的户数和面积都要达到全体的三分之二，同意的户数和面积都要超过参与的一半。"),
                    "major": N_("重大事项（筹集维修资金，改建、重建建筑物，改变共有部分的用途或者利用共有部分从事经营活动）：参与表决的户数和面积都要达到全体的三分之二，"
                                "同意的户数和面积都要达到参与的四分之三。")},
    "account_kind": {"operating": N_("日常经费"), "maintenance_fund": N_("专项维修资金"), "public_revenue": N_("公共收益"),
                     "campaign": N_("众筹")},
    "body": {"committee": Np_("body", "业主委员会"), "supervisors": Np_("body", "业主监督委员会"),
             "party_branch": Np_("body", "党支部"), "unit_heads": Np_("body", "楼栋长、单元长"),
             "volunteers": Np_("body", "志愿者"), "other": Np_("body", "其他组织")},
    "role": {"chair": N_("主任"), "vice_chair": N_("副主任"), "member": N_("委员"), "secretary": N_("秘书"),
             "head": N_("楼栋长/单元长"), "volunteer": N_("志愿者")},
    "meeting_body": {"committee": N_("业委会会议"), "supervisors": N_("监委会会议"), "owners_assembly": N_("业主大会"),
                     "joint_meeting": N_("联席会议"), "council": N_("议事会"), "scoring_panel": N_("评分小组会议"),
                     "other": N_("其他会议")},
    "request_status": {"open": N_("未处理"), "in_progress": N_("处理中"), "resolved": N_("已解决"),
                       "declined": N_("不予处理")},
    "activity_kind": {"volunteer": N_("志愿服务"), "mediation": N_("调解纠纷"), "event": N_("活动"),
                      "publicity": N_("宣传"), "inspection": N_("巡查"), "deed": N_("践诺"), "other": N_("其他")},
    # the audit page: a field of an entry that a change touched, and what happened to the entry
    "entry_field": {"date": N_("日期"), "account": N_("账户"), "transfer": N_("转账"), "amount": N_("金额"),
                    "category": N_("类别"), "counterparty": N_("对方"), "memo": N_("摘要"), "decision": N_("决议"),
                    "receipt": N_("凭证"), "closing": N_("月末余额")},
    "change": {"added": N_("新增"), "removed": N_("删除"), "changed": N_("修改")},
    # the supervisors' review of the books: its opinion, and the body that reviewed, as a sentence names it
    "opinion": {"clean": N_("无保留意见"), "qualified": N_("保留意见"), "adverse": N_("否定意见")},
    "reviewer": {"supervisors": N_("监委会"), "party_branch": N_("党支部"), "other": N_("审查小组")},
}

CONTEXTS = {"body": "body"}   # the kinds whose words are marked with a context (a body, not a person: 志愿者)

COUNTED = {
    # a year's report: the work of one kind done that year, e.g. 开展志愿服务 12 次 ({count} may be "300 余")
    "activity_done": {
        "volunteer": Nn_("开展志愿服务 {count} 次", "开展志愿服务 {count} 次"),
        "mediation": Nn_("化解矛盾纠纷 {count} 起", "化解矛盾纠纷 {count} 起"),
        "event": Nn_("举办活动 {count} 场", "举办活动 {count} 场"),
        "publicity": Nn_("开展宣传 {count} 次", "开展宣传 {count} 次"),
        "inspection": Nn_("开展巡查 {count} 次", "开展巡查 {count} 次"),
        "deed": Nn_("践行承诺 {count} 件", "践行承诺 {count} 件"),
        "other": Nn_("其他工作 {count} 次", "其他工作 {count} 次"),
    },
    # meetings of one body in a year, e.g. 业委会会议 5 次
    "meetings": {
        "committee": Nn_("业委会会议 {count} 次", "业委会会议 {count} 次"),
        "supervisors": Nn_("监委会会议 {count} 次", "监委会会议 {count} 次"),
        "owners_assembly": Nn_("业主大会 {count} 次", "业主大会 {count} 次"),
        "joint_meeting": Nn_("联席会议 {count} 次", "联席会议 {count} 次"),
        "council": Nn_("议事会 {count} 次", "议事会 {count} 次"),
        "scoring_panel": Nn_("评分小组会议 {count} 次", "评分小组会议 {count} 次"),
        "other": Nn_("其他会议 {count} 次", "其他会议 {count} 次"),
    },
    # the same, said on a printed report's list: 召开业委会会议 5 次
    "meetings_held": {
        "committee": Nn_("召开业委会会议 {count} 次", "召开业委会会议 {count} 次"),
        "supervisors": Nn_("召开监委会会议 {count} 次", "召开监委会会议 {count} 次"),
        "owners_assembly": Nn_("召开业主大会 {count} 次", "召开业主大会 {count} 次"),
        "joint_meeting": Nn_("召开联席会议 {count} 次", "召开联席会议 {count} 次"),
        "council": Nn_("召开议事会 {count} 次", "召开议事会 {count} 次"),
        "scoring_panel": Nn_("召开评分小组会议 {count} 次", "召开评分小组会议 {count} 次"),
        "other": Nn_("召开其他会议 {count} 次", "召开其他会议 {count} 次"),
    },
}

# The five deliberations (五议) most communities name a decision's stages by.  A stage is record
# text: a Chinese site shows it as the committee wrote it, any other language says these five
# in its own words (context "stage"); any other stage is shown as written.
STAGES = (Np_("stage", "提议"), Np_("stage", "商议"), Np_("stage", "审议"), Np_("stage", "决议"),
          Np_("stage", "公示"))
