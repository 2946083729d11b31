//! The audit trail in words: what each action and object is called, and a stored before/after
//! as a table of named fields with amounts in 元 and states in Chinese. The trail itself keeps
//! its codes (they are what the hash chain covers); only pages and exports translate.

use serde_json::Value;

use crate::domain::{
    AgreementStatus, ContributionKind, ContributionStatus, ListingKind, ListingStatus, ObjectionStatus, OrgKind,
    OrgStatus, PairingSource, PairingStatus, label_of,
};

/// Every action the product records, with its name.
pub const ACTIONS: &[(&str, &str)] = &[
    ("login.success", "登录"),
    ("login.failure", "登录失败"),
    ("login.refused", "登录被拒绝（账号已停用）"),
    ("login.throttled", "多次登录失败，延迟再试"),
    ("login.second_factor", "通过二次验证"),
    ("login.second_factor_failure", "二次验证失败"),
    ("login.recovery_code", "用恢复码登录"),
    ("logout", "退出登录"),
    ("organisation.register", "机构注册"),
    ("organisation.update", "修改机构资料"),
    ("organisation.verify", "机构认证通过"),
    ("organisation.return", "机构注册退回修改"),
    ("organisation.reject", "机构不予认证"),
    ("organisation.reopen", "机构重新受理"),
    ("organisation.categories", "设定村类别"),
    ("plan.create", "建立规划"),
    ("plan.targets", "填写规划目标"),
    ("plan.submit", "提交规划审批"),
    ("plan.approve", "批准规划"),
    ("plan.return", "退回规划"),
    ("responsibility.create", "登记帮扶责任"),
    ("responsibility.end", "结束帮扶责任"),
    ("agreement.rate", "评价帮扶效果"),
    ("assessment.outcome", "作出考核结果运用"),
    ("assessment.rectified", "整改销号"),
    ("assessment.revoke", "撤销考核结果"),
    ("supervision.scan", "监管检查发现线索"),
    ("supervision.close", "处理监管线索"),
    ("story.publish", "发布帮扶故事"),
    ("story.withdraw", "撤下帮扶故事"),
    ("register.import", "导入建档立卡台账"),
    ("household.import", "导入建档立卡户"),
    ("leader.create", "登记村班子成员"),
    ("leader.end", "登记村班子成员离任"),
    ("training.create", "登记村干部培训"),
    ("training.attendance", "登记培训出席"),
    ("household.names_erased", "按期删除户主姓名"),
    ("monitoring.file", "登记防返贫监测户"),
    ("monitoring.step", "办理防返贫监测步骤"),
    ("monitoring.erased", "按期删除已结束监测户的信息"),
    ("calendar.save", "保存节假日安排"),
    ("household_pairing.create", "安排干部结对帮扶建档立卡户"),
    ("household_pairing.end", "结束干部结对帮扶"),
    ("household_visit.create", "登记结对走访或帮扶措施"),
    ("office.posts", "登记扶贫办编制"),
    ("work.assign", "分配待办事项"),
    ("village_log.create", "记驻村工作日志"),
    ("asset.create", "登记项目资产"),
    ("asset.income", "登记项目资产收益"),
    ("programmes.declare", "设置开展的帮扶项目"),
    ("counties.categories", "设置县类别"),
    ("lexicon.local", "修改补充词库"),
    ("agreement.programmes", "调整协议计入的帮扶项目"),
    ("contribution.purchase", "记录采购付款并评价"),
    ("contribution.retention", "填报就业满 6 个月回访"),
    ("contribution.retention_verify", "核实就业满 6 个月回访"),
    ("income.report", "报告集体经济收入"),
    ("income.verify", "核实集体经济收入"),
    ("income.return", "退回集体经济收入"),
    ("organisation.suspend", "暂停机构"),
    ("organisation.import", "导入机构"),
    ("organisation.import_update", "导入更新机构"),
    ("offer.create", "新建帮扶资源（草稿）"),
    ("offer.create_published", "新建并发布帮扶资源"),
    ("offer.update", "修改帮扶资源"),
    ("offer.publish", "发布帮扶资源"),
    ("offer.close", "帮扶资源标记完成"),
    ("offer.withdraw", "撤回帮扶资源"),
    ("need.create", "新建村级需求（草稿）"),
    ("need.create_published", "新建并发布村级需求"),
    ("need.update", "修改村级需求"),
    ("need.publish", "发布村级需求"),
    ("need.close", "村级需求标记完成"),
    ("need.withdraw", "撤回村级需求"),
    ("listing.import", "导入帮扶信息"),
    ("listing.import_update", "导入更新帮扶信息"),
    ("pairing.propose", "发起结对"),
    ("pairing.accept", "接受结对"),
    ("pairing.decline", "婉拒结对"),
    ("pairing.withdraw", "撤回结对"),
    ("pairing.approve", "审核通过结对"),
    ("pairing.reject", "驳回结对"),
    ("pairing.lapse", "结对失效"),
    ("agreement.create", "起草帮扶协议"),
    ("agreement.countersign", "村委会会签协议"),
    ("agreement.return", "退回协议修改"),
    ("agreement.resubmit", "修改后重新提交协议"),
    ("agreement.file", "扶贫办备案协议"),
    ("agreement.complete", "协议完成"),
    ("agreement.reopen", "公示异议成立，协议恢复执行"),
    ("agreement.terminate", "终止协议"),
    ("contribution.report", "报告帮扶成效"),
    ("contribution.confirm", "村委会确认帮扶记录"),
    ("contribution.dispute", "村委会对帮扶记录提出异议"),
    ("contribution.verify", "扶贫办核实帮扶记录"),
    ("contribution.correct", "企业更正帮扶记录"),
    ("contribution.withdraw", "企业撤回帮扶记录"),
    ("contribution.uphold", "扶贫办认定异议成立"),
    ("contribution.overrule", "扶贫办驳回异议并核实"),
    ("objection.file", "提交公示异议"),
    ("objection.uphold", "公示异议成立"),
    ("objection.dismiss", "公示异议不成立"),
    ("objection.contacts_sealed", "加密异议人联系方式"),
    ("objection.contacts_erased", "删除过期的异议人联系方式"),
    ("campaign.create", "新建专项行动"),
    ("campaign.solve", "专项行动求解"),
    ("campaign.lock", "锁定结对方案"),
    ("campaign.exclude", "排除结对方案"),
    ("campaign.release", "恢复结对方案"),
    ("campaign.budget", "设定专项行动预算"),
    ("campaign.issue", "下发专项行动结对"),
    ("user.create", "新建账号"),
    ("user.disable", "停用账号"),
    ("user.enable", "启用账号"),
    ("user.password_issue", "发放初始密码"),
    ("user.password_reset", "重置密码"),
    ("user.password_change", "修改密码"),
    ("user.totp_enable", "启用二次验证"),
    ("user.totp_reset", "重置二次验证"),
    ("user.scope_change", "调整管辖范围"),
    ("user.unlock", "解除锁定"),
    ("api_token.create", "创建接口令牌"),
    ("api_token.revoke", "吊销接口令牌"),
    ("security.settings", "修改安全设置"),
    ("security.refusals", "拒绝访问汇总"),
    ("phones.sealed", "加密手机号"),
    ("demo.load", "载入演示数据"),
];

/// The objects the trail records actions on.
pub const ENTITIES: &[(&str, &str)] = &[
    ("user", "账号"),
    ("organisation", "机构"),
    ("offer", "帮扶资源"),
    ("need", "村级需求"),
    ("pairing", "结对"),
    ("agreement", "帮扶协议"),
    ("contribution", "帮扶记录"),
    ("objection", "公示异议"),
    ("campaign", "专项行动"),
    ("plan", "规划"),
    ("responsibility", "帮扶责任"),
    ("assessment_outcome", "考核结果"),
    ("supervision_check", "监管线索"),
    ("story", "帮扶故事"),
    ("register_entry", "建档立卡台账"),
    ("household", "建档立卡户"),
    ("village_leader", "村班子"),
    ("training_session", "村干部培训"),
    ("monitoring_case", "防返贫监测户"),
    ("household_pairing", "干部结对帮扶"),
    ("project_asset", "项目资产"),
    ("api_token", "接口令牌"),
    ("setting", "设置"),
    ("request", "请求"),
    ("demo", "演示数据"),
];

fn lookup(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// The name of action `code` (an unknown code is shown as 其他操作 with the code beside it).
pub fn action(code: &str) -> String {
    lookup(ACTIONS, code).map_or_else(|| format!("其他操作（{code}）"), str::to_owned)
}

/// The name of object kind `code`.
pub fn entity(code: &str) -> String {
    lookup(ENTITIES, code).map_or_else(|| code.to_owned(), str::to_owned)
}

/// What a stored field is called.
fn field(key: &str) -> String {
    let name = match key {
        "status" | "state" => "状态",
        "entry_lines" => "补充词条行数",
        "entries_added" => "新增词条",
        "entries_extended" => "补充了叫法的内置词条",
        "reason" => "理由",
        "name" => "名称",
        "title" => "标题",
        "body" | "description" => "说明",
        "kind" => "类型",
        "source" => "来源",
        "score" => "匹配度",
        "amount_fen" => "金额",
        "planned_money_fen" => "计划资金",
        "planned_goods_fen" => "计划物资",
        "planned_produce_fen" => "计划采购",
        "planned_jobs" => "计划就业（人）",
        "planned_trainees" => "计划培训（人）",
        "quantity" => "数量",
        "unit" => "单位",
        "households" => "受益户",
        "persons" => "受益人数",
        "contributed_on" => "帮扶日期",
        "starts_on" => "开始日期",
        "ends_on" => "结束日期",
        "valid_from" => "有效期自",
        "valid_until" => "有效期至",
        "region_code" => "区划代码",
        "organisation_id" => "机构编号",
        "enterprise_id" => "企业编号",
        "village_id" => "村编号",
        "offer_id" => "帮扶资源编号",
        "need_id" => "需求编号",
        "pairing_id" => "结对编号",
        "agreement_id" => "协议编号",
        "corrected_by" => "更正记录编号",
        "dispute_reason" => "异议理由",
        "resolution" => "处理结果",
        "review_reason" => "审核意见",
        "decline_reason" => "婉拒或撤回理由",
        "close_reason" => "结束理由",
        "terms" => "协议内容",
        "comment" => "修改意见",
        "role" => "角色",
        "jurisdiction" | "jurisdiction_code" => "管辖范围",
        "login" => "登录名",
        "display_name" => "姓名",
        "disabled" => "已停用",
        "contact_name" => "联系人",
        "address" => "地址",
        "population" => "总人口",
        "poor_households" => "建档立卡户",
        "poor_population" => "建档立卡人口",
        "main_industries" => "主导产业",
        "registered_poor" => "建档立卡村",
        "created_at" => "创建时间",
        "updated_at" => "更新时间",
        "published_at" => "发布时间",
        "reported_at" => "报告时间",
        "confirmed_at" => "确认时间",
        "verified_at" => "核实时间",
        "id" => "编号",
        "countersigned_at" => "会签时间",
        "filed_at" => "备案时间",
        "closed_at" => "结束时间",
        "supersedes_id" => "更正的原记录编号",
        "review_note" => "审核意见",
        "uscc" => "统一社会信用代码",
        "industry_code" => "行业代码",
        "first_secretary" => "第一书记",
        "party_secretary" => "村党组织书记",
        "verified_by" => "核实人编号",
        "confirmed_by" => "确认人编号",
        "reported_by" => "报告人编号",
        "external_ref" => "参考编号",
        "approved_at" => "审核通过时间",
        "enterprise_accepted_at" => "企业接受时间",
        "village_accepted_at" => "村委会接受时间",
        "reviewed_by" => "审核人编号",
        "reviewed_at" => "审核时间",
        "flags" => "当时的风险提示",
        "occurred_at" => "时间",
        "categories" => "村类别",
        "period" => "规划期",
        "start_year" => "开始年份",
        "end_year" => "结束年份",
        "targets" => "年度目标",
        "post" => "职务或单位性质",
        "villages" => "联系的村",
        "from_date" => "开始日期",
        "to_date" => "结束日期",
        "year" => "年度",
        "rating" => "评价",
        "deadline" => "整改期限",
        "closure_note" => "整改完成情况",
        "found" => "发现",
        "outcome" => "处理结果",
        "detail" => "线索",
        "photo" => "有照片",
        "rows" => "行数",
        "village_count" => "村数",
        "added" => "新增",
        "term_end" => "任期至",
        "village" => "村",
        "topic" => "培训主题",
        "hours" => "学时",
        "trainer" => "授课人",
        "place" => "地点",
        "updated" => "更新",
        "count" => "条数",
        "handled_before" => "处理早于",
        "left_by" => "退出年度不晚于",
        "budgets" => "预算项数",
        "proven_best" => "已证明最优",
        "total_score" => "总匹配度",
        "inherited_exclusions" => "沿用的排除",
        "one_to_one" => "一企一村",
        "max_km" => "最大距离（公里）",
        "per_village" => "每村最多结对企业数",
        "office_id" => "扶贫办编号",
        "as_of" => "评估日期",
        "channel" => "发现渠道",
        "on_register" => "在建档立卡名单",
        "signal_on" => "发现日期",
        "stage" => "办理阶段",
        "step" => "办理步骤",
        "done_on" => "办理日期",
        "category" => "监测对象类型",
        "measure" => "措施类别",
        "days" => "天数",
        "closed_before" => "结束早于",
        "visited_on" => "走访日期",
        "posts" => "编制数",
        "items" => "事项",
        "day" => "日期",
        "value_fen" => "资产价值",
        "handed_over_on" => "移交日期",
        "enterprises" => "企业数",
        "agreements" => "协议",
        "pairings" => "结对",
        "already_open" => "已有在办结对",
        "others" => "其他",
        "total" => "合计",
        "notice_id" | "notice" => "公示编号",
        "regions" => "服务地区",
        "side" => "信息类别",
        "corrects" => "更正的原记录编号",
        "value" => "内容",
        "contributions" => "帮扶记录",
        "needs" => "村级需求",
        "offers" => "帮扶资源",
        "pairs" => "结对",
        "uncovered" => "未覆盖的村",
        "organisations" => "机构",
        "users" => "账号",
        "urgency" => "紧急程度",
        "market_price_fen" => "市场价",
        "paid_fen" => "付款金额",
        "paid_on" => "付款日期",
        "product" => "产品",
        "programmes" => "计入项目",
        "rated_at" => "评价时间",
        "rating_comment" => "评价意见",
        "retained_persons" => "留岗人数",
        "retained_reported_at" => "留岗上报时间",
        "retained_verified_at" => "留岗核实时间",
        "objection_on" => "异议所涉帮扶记录",
        // A field no page names yet: said to be one, not shown as the code's own word.
        _ => "其他信息",
    };
    name.to_owned()
}

/// A stored value in words: 元 for amounts, states in Chinese, 是/否.
fn value(entity: &str, key: &str, v: &Value) -> String {
    match v {
        Value::Null => "（空）".into(),
        Value::Bool(b) => if *b { "是" } else { "否" }.into(),
        Value::Number(n) if key.ends_with("_fen") => crate::money::Money(n.as_i64().unwrap_or(0)).display(),
        Value::Number(n) if key == "score" => n.as_f64().map_or_else(|| n.to_string(), |s| format!("{:.0}", s * 100.0)),
        Value::Number(n) if key == "urgency" => match n.as_i64() {
            Some(1) => "一般".into(),
            Some(2) => "较急".into(),
            Some(3) => "紧急".into(),
            _ => n.to_string(),
        },
        Value::Number(n) if n.is_f64() => n.as_f64().map_or_else(|| n.to_string(), |x| format!("{x:.1}")),
        Value::String(s) if key == "side" => match s.as_str() {
            "offer" => "帮扶资源".into(),
            "need" => "村级需求".into(),
            other => other.into(),
        },
        // A list of numbers or words, as a list in words (结对 18、19、20).
        Value::Array(items) if items.iter().all(|i| i.is_number() || i.is_string()) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .take(50)
            .collect::<Vec<_>>()
            .join("、"),
        Value::Number(n) => n.to_string(),
        Value::String(s) if key == "status" || key == "state" => status(entity, s),
        Value::String(s) if key == "kind" => match entity {
            "organisation" => label_of(s, OrgKind::parse, OrgKind::label),
            "contribution" => label_of(s, ContributionKind::parse, ContributionKind::label),
            "project_asset" => crate::governance::assets::kind_label(s).to_owned(),
            _ => label_of(s, ListingKind::parse, ListingKind::label),
        },
        Value::String(s) if key == "source" => label_of(s, PairingSource::parse, PairingSource::label),
        Value::String(s) if entity == "monitoring_case" => crate::governance::monitoring::value_label(key, s),
        // Times as the day and minute in Shanghai, dates as written in Chinese.
        Value::String(s) if key.ends_with("_at") => chrono::DateTime::parse_from_rfc3339(s).map_or_else(
            |_| s.clone(),
            |t| crate::clock::to_shanghai(t.with_timezone(&chrono::Utc)).format("%Y年%-m月%-d日 %H:%M").to_string(),
        ),
        Value::String(s) if key.ends_with("_on") || key.ends_with("_date") || key.starts_with("valid_") => {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_or_else(|_| s.clone(), |d| d.format("%Y年%-m月%-d日").to_string())
        }
        Value::String(s) => s.chars().take(200).collect(),
        other => {
            let text = other.to_string();
            if text.chars().count() > 200 { format!("{}…", text.chars().take(200).collect::<String>()) } else { text }
        }
    }
}

fn status(entity: &str, s: &str) -> String {
    match entity {
        "pairing" => label_of(s, PairingStatus::parse, PairingStatus::label),
        "contribution" => label_of(s, ContributionStatus::parse, ContributionStatus::label),
        "agreement" => label_of(s, AgreementStatus::parse, AgreementStatus::label),
        "organisation" => label_of(s, OrgStatus::parse, OrgStatus::label),
        "objection" => label_of(s, ObjectionStatus::parse, ObjectionStatus::label),
        "offer" | "need" => label_of(s, ListingStatus::parse, ListingStatus::label),
        "campaign" => crate::campaign::status_label(s).to_owned(),
        "plan" => label_of(s, crate::domain::PlanStatus::parse, crate::domain::PlanStatus::label),
        _ => s.to_owned(),
    }
}

/// One changed field: its name, and its value before and after.
#[derive(Debug, serde::Serialize, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The stored before/after (JSON texts) of an event on `entity` as named fields, only those that
/// changed or were set (bookkeeping fields such as times of update left out).
pub fn changes(entity: &str, before: Option<&str>, after: Option<&str>) -> Vec<Change> {
    let parse = |t: Option<&str>| -> serde_json::Map<String, Value> {
        match t.and_then(|t| serde_json::from_str::<Value>(t).ok()) {
            Some(Value::Object(m)) => m,
            Some(other) => std::iter::once(("value".to_owned(), other)).collect(),
            None => serde_json::Map::new(),
        }
    };
    let (b, a) = (parse(before), parse(after));
    // The state first, then the other fields by name.
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort_by_key(|k| (!matches!(k.as_str(), "status" | "state"), k.as_str()));
    keys.dedup();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for k in keys {
        // Bookkeeping and machine-only fields (the matcher's components, claim keys) say nothing
        // to an auditor reading changes.
        let internal = matches!(k.as_str(), "updated_at" | "components" | "open_key" | "items" | "proposed_by");
        if !seen.insert(k.clone()) || internal || k.ends_with("_hash") || k.ends_with("_phone") {
            continue;
        }
        let (bv, av) = (b.get(k), a.get(k));
        if bv == av && before.is_some() {
            continue;
        }
        let show = |v: Option<&Value>| v.map_or_else(String::new, |v| value(entity, k, v));
        // The demo's counts are of villages loaded, not villages one answers for.
        let name = if entity == "demo" && k == "villages" { "村".to_owned() } else { field(k) };
        out.push(Change { field: name, before: show(bv), after: show(av) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_in_words_with_amounts_in_yuan() {
        let rows = changes(
            "contribution",
            Some(r#"{"status":"confirmed","amount_fen":1250000}"#),
            Some(r#"{"status":"verified","amount_fen":1250000,"reason":"电话回访属实"}"#),
        );
        assert_eq!(
            rows,
            vec![
                Change { field: "状态".into(), before: "村已确认".into(), after: "已核实".into() },
                Change { field: "理由".into(), before: String::new(), after: "电话回访属实".into() },
            ]
        );
        let made = changes("offer", None, Some(r#"{"amount_fen":1250000,"kind":"procurement"}"#));
        assert!(made.contains(&Change { field: "金额".into(), before: String::new(), after: "¥12,500.00".into() }));
        assert!(made.contains(&Change { field: "类型".into(), before: String::new(), after: "消费帮扶".into() }));
        assert_eq!(action("pairing.approve"), "审核通过结对");
        // What an outside walk read as code: English keys, lists in brackets, long decimals.
        let made = changes(
            "campaign",
            None,
            Some(
                r#"{"already_open":[9],"pairings":[18,19,20],"total_score":20.10450001687297,"side":"offer","zz_new":1}"#,
            ),
        );
        for c in &made {
            assert!(c.field.chars().all(|ch| !ch.is_ascii_alphabetic()), "{c:?}");
            assert!(!c.after.contains('[') && !c.after.contains("offer"), "{c:?}");
        }
        assert!(made.contains(&Change { field: "结对".into(), before: String::new(), after: "18、19、20".into() }));
        assert!(made.contains(&Change { field: "总匹配度".into(), before: String::new(), after: "20.1".into() }));
        assert!(action("x.y").contains("其他操作"));
    }

    /// Fields an outside walk saw as 其他信息: a listing's urgency, a purchase's payment, the
    /// programmes a record counts for, a retention.
    #[test]
    fn the_fields_of_listings_and_purchases_are_named() {
        let rows = changes(
            "contribution",
            Some(r#"{"status":"verified"}"#),
            Some(
                r#"{"status":"verified","paid_fen":100,"paid_on":"2026-11-01","market_price_fen":250,"product":"大米","programmes":["wqxwc"],"rating_comment":"好","retained_persons":3}"#,
            ),
        );
        assert!(rows.len() >= 7 && rows.iter().all(|c| c.field != "其他信息"), "{rows:?}");
        let need = changes("need", None, Some(r#"{"urgency":2,"title":"稻谷找买家"}"#));
        assert!(need.contains(&Change { field: "紧急程度".into(), before: String::new(), after: "较急".into() }));
    }

    #[test]
    fn every_action_the_code_records_has_a_name() {
        // The actions written in the source, found by their form in the source text.
        let sources = [
            include_str!("../accounts/mod.rs"),
            include_str!("../accounts/staff.rs"),
            include_str!("../contributions.rs"),
            include_str!("../agreements.rs"),
            include_str!("../notices.rs"),
            include_str!("../campaign/mod.rs"),
            include_str!("../ledger.rs"),
            include_str!("../radar.rs"),
            include_str!("../auth/login.rs"),
        ];
        for src in sources {
            for part in src.split('"').skip(1).step_by(2) {
                let looks_like_action = part.split_once('.').is_some_and(|(a, b)| {
                    ["organisation", "contribution", "agreement", "objection", "campaign", "user", "login", "pairing"]
                        .contains(&a)
                        && !b.is_empty()
                        && b.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                });
                if looks_like_action {
                    assert!(lookup(ACTIONS, part).is_some(), "no name for action {part}");
                }
            }
        }
    }
}
