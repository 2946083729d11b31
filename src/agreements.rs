//! Agreements (帮扶协议) made from approved pairings: terms, planned amounts per kind, dates and
//! milestones; and the plan set against what has been verified.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{agreement, contribution, milestone, pairing};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::SessionUser;
use crate::domain::{AgreementStatus, ContributionKind, ContributionStatus, PairingStatus};
use crate::error::{AppError, Result};
use crate::money::Money;
use crate::pairings::{self, Party};

/// How many milestone rows the form offers.
pub const MILESTONE_ROWS: usize = 3;

/// The agreement form as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AgreementForm {
    pub title: String,
    pub terms: String,
    pub planned_money_yuan: String,
    pub planned_goods_yuan: String,
    pub planned_produce_yuan: String,
    pub planned_jobs: String,
    pub planned_trainees: String,
    pub starts_on: String,
    pub ends_on: String,
    pub milestone_title: Vec<String>,
    pub milestone_due: Vec<String>,
    pub milestone_yuan: Vec<String>,
    /// The programmes it counts for (codes; none ticked: the deployment's current one).
    pub programmes: Vec<String>,
}

/// The form's fields, in order.
pub const FIELDS: &[&str] = &[
    "title",
    "terms",
    "planned_money_yuan",
    "planned_goods_yuan",
    "planned_produce_yuan",
    "planned_jobs",
    "planned_trainees",
    "starts_on",
    "ends_on",
    "milestones",
    "programmes",
];

struct Input {
    title: String,
    terms: String,
    money: Money,
    goods: Money,
    produce: Money,
    jobs: i32,
    trainees: i32,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    milestones: Vec<(String, NaiveDate, Money)>,
}

fn yuan(raw: &str, field: &str, errors: &mut FieldErrors) -> Money {
    if raw.trim().is_empty() {
        return Money(0);
    }
    Money::parse_yuan(raw).unwrap_or_else(|m| {
        errors.push((field.into(), m.into()));
        Money(0)
    })
}

fn people(raw: &str, field: &str, errors: &mut FieldErrors) -> i32 {
    match raw.trim() {
        "" => 0,
        v => v.parse::<i32>().ok().filter(|n| (0..=1_000_000).contains(n)).unwrap_or_else(|| {
            errors.push((field.into(), "请填写 0 到 1,000,000 之间的整数".into()));
            0
        }),
    }
}

fn date(raw: &str, field: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push((field.into(), "日期格式应为 2026-12-31".into()));
            None
        }
    }
}

impl AgreementForm {
    fn parse(&self) -> Result<Input> {
        let mut errors = FieldErrors::new();
        let title = self.title.trim().to_owned();
        if !(4..=100).contains(&title.chars().count()) {
            errors.push(("title".into(), "协议名称 4–100 字".into()));
        }
        let terms = self.terms.trim().to_owned();
        if !(10..=5000).contains(&terms.chars().count()) {
            errors.push(("terms".into(), "请用至少 10 个字写明双方的责任和帮扶内容".into()));
        }
        let money = yuan(&self.planned_money_yuan, "planned_money_yuan", &mut errors);
        let goods = yuan(&self.planned_goods_yuan, "planned_goods_yuan", &mut errors);
        let produce = yuan(&self.planned_produce_yuan, "planned_produce_yuan", &mut errors);
        let jobs = people(&self.planned_jobs, "planned_jobs", &mut errors);
        let trainees = people(&self.planned_trainees, "planned_trainees", &mut errors);
        if money.0 + goods.0 + produce.0 == 0 && jobs + trainees == 0 && errors.is_empty() {
            errors.push((
                "planned_money_yuan".into(),
                "至少填写一项计划（资金、物资、采购农产品、安置就业或技能培训/技术指导）".into(),
            ));
        }
        let starts_on = date(&self.starts_on, "starts_on", &mut errors);
        let ends_on = date(&self.ends_on, "ends_on", &mut errors);
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            errors.push(("ends_on".into(), "结束日期不能早于开始日期".into()));
        }
        let mut milestones = Vec::new();
        for i in 0..MILESTONE_ROWS {
            let t = self.milestone_title.get(i).map_or("", |s| s.trim());
            let due = self.milestone_due.get(i).map_or("", |s| s.trim());
            let amount = self.milestone_yuan.get(i).map_or("", |s| s.trim());
            if t.is_empty() && due.is_empty() && amount.is_empty() {
                continue;
            }
            let (Some(d), false) = (NaiveDate::parse_from_str(due, "%Y-%m-%d").ok(), t.is_empty()) else {
                errors
                    .push(("milestones".into(), format!("第 {} 个节点须同时填写名称和到期日期（2026-12-31）", i + 1)));
                continue;
            };
            if let (Some(s), Some(e)) = (starts_on, ends_on)
                && (d < s || d > e)
            {
                errors
                    .push(("milestones".into(), format!("第 {} 个节点的到期日期须在协议期限内（{s} 至 {e}）", i + 1)));
                continue;
            }
            let m = yuan(amount, "milestones", &mut errors);
            milestones.push((t.chars().take(100).collect(), d, m));
        }
        // A milestone's amount is what is due in all by its date (到期时累计金额): in date order
        // the amounts do not fall, and none is above the plan.
        let planned = money.0 + goods.0 + produce.0;
        if errors.is_empty() {
            let mut by_date: Vec<(usize, &(String, NaiveDate, Money))> = milestones.iter().enumerate().collect();
            by_date.sort_by_key(|(_, (_, d, _))| *d);
            let mut before: Option<(usize, i64)> = None;
            for (i, (_, _, m)) in by_date {
                if m.0 == 0 {
                    continue;
                }
                if m.0 > planned {
                    errors.push((
                        "milestones".into(),
                        format!(
                            "第 {} 个节点的累计金额 {} 超过协议计划的资金、物资和采购农产品合计 {}：请核对节点金额或协议计划",
                            i + 1,
                            Money(m.0).display(),
                            Money(planned).display()
                        ),
                    ));
                    break;
                }
                if let Some((j, earlier)) = before
                    && m.0 < earlier
                {
                    errors.push((
                        "milestones".into(),
                        format!(
                            "节点金额是到期时的累计金额，不能比更早的节点少：第 {} 个节点 {} 少于第 {} 个节点 {}",
                            i + 1,
                            Money(m.0).display(),
                            j + 1,
                            Money(earlier).display()
                        ),
                    ));
                    break;
                }
                before = Some((i, m.0));
            }
        }
        match (starts_on, ends_on) {
            (Some(starts_on), Some(ends_on)) if errors.is_empty() => {
                Ok(Input { title, terms, money, goods, produce, jobs, trainees, starts_on, ends_on, milestones })
            }
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// The form read whole, with the programmes it ticks (each one the deployment runs): every
/// wrong field named at once.
async fn read_form<C: ConnectionTrait>(db: &C, form: &AgreementForm) -> Result<(Input, Option<String>)> {
    let declared = crate::programmes::declared(db).await?;
    match (form.parse(), declared.picks(&form.programmes, "programmes")) {
        (Ok(input), Ok(tags)) => Ok((input, crate::programmes::Programme::store(&tags))),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.extend(b);
            Err(AppError::Invalid(a))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Who may draft the agreement of `p`: its enterprise or a covering office, once approved and
/// while it has none.
pub async fn check_may_create<C: ConnectionTrait>(db: &C, user: &SessionUser, p: &pairing::Model) -> Result<()> {
    let party = pairings::party_of(db, user, p).await?;
    if party == Party::Village {
        return Err(AppError::Conflict("协议由企业或扶贫办起草，村委会在协议页面查看".into()));
    }
    if p.status != PairingStatus::Approved.code() {
        return Err(AppError::Conflict("结对审核通过后才能签订协议".into()));
    }
    if agreement::Entity::find().filter(agreement::Column::PairingId.eq(p.id)).count(db).await? > 0 {
        return Err(AppError::Conflict("该结对已有协议".into()));
    }
    Ok(())
}

/// Writes the milestones of agreement `id`.
async fn insert_milestones<C: ConnectionTrait>(db: &C, id: i32, rows: Vec<(String, NaiveDate, Money)>) -> Result<()> {
    for (title, due_on, amount) in rows {
        milestone::ActiveModel {
            agreement_id: Set(id),
            title: Set(title),
            due_on: Set(due_on),
            planned_amount_fen: Set(amount.0),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Creates the agreement of pairing `pairing_id` with its milestones, in one transaction.
pub async fn create(
    db: &DatabaseConnection,
    user: &SessionUser,
    pairing_id: i32,
    form: &AgreementForm,
    now: DateTime<Utc>,
) -> Result<agreement::Model> {
    // Who may draft is decided before the form is read: others learn nothing from its errors.
    let p = pairing::Entity::find_by_id(pairing_id).one(db).await?.ok_or(AppError::NotFound)?;
    check_may_create(db, user, &p).await?;
    let (input, tags) = read_form(db, form).await?;
    let txn = crate::db::write(db).await?;
    // Again under the lock: of two drafts sent at once, the second finds the first.
    let p = pairing::Entity::find_by_id(pairing_id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    check_may_create(&txn, user, &p).await?;
    let a = agreement::ActiveModel {
        pairing_id: Set(pairing_id),
        title: Set(input.title),
        terms: Set(input.terms),
        planned_money_fen: Set(input.money.0),
        planned_goods_fen: Set(input.goods.0),
        planned_produce_fen: Set(input.produce.0),
        planned_jobs: Set(input.jobs),
        planned_trainees: Set(input.trainees),
        starts_on: Set(input.starts_on),
        ends_on: Set(input.ends_on),
        // In force only once the village has countersigned and the office has filed it.
        status: Set(AgreementStatus::PendingVillage.code().into()),
        programmes: Set(tags),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match crate::db::fault(&e) {
        Some(crate::db::Fault::Conflict) => AppError::Conflict("该结对已有协议".into()),
        _ => e.into(),
    })?;
    insert_milestones(&txn, a.id, input.milestones).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "agreement.create",
            entity: "agreement",
            entity_id: a.id.to_string(),
            before: None,
            after: serde_json::to_value(&a).ok(),
        },
    )
    .await?;
    let others: Vec<i32> =
        [p.enterprise_id, p.village_id].into_iter().filter(|o| Some(*o) != user.organisation_id).collect();
    let title = format!("帮扶协议「{}」待村委会会签：请查看条款，会签或退回修改", a.title);
    pairings::notify(&txn, &others, &title, &format!("/agreements/{}", a.id), now).await?;
    crate::db::commit(txn).await?;
    Ok(a)
}

/// A step that brings a drafted agreement into force, or sends it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The village accepts the terms (会签).
    Countersign,
    /// The village (before countersigning) or the office (before filing) sends it back with a
    /// comment.
    SendBack,
    /// The covering office files it (备案): it is in force.
    File,
}

impl Step {
    pub const ALL: [Step; 3] = [Self::Countersign, Self::SendBack, Self::File];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.code() == s)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Countersign => "countersign",
            Self::SendBack => "return",
            Self::File => "file",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Countersign => "会签协议",
            Self::SendBack => "退回修改",
            Self::File => "备案",
        }
    }

    /// What happens next, said after the step.
    pub fn outcome(self) -> &'static str {
        match self {
            Self::Countersign => "已会签，等待扶贫办备案；备案后协议开始执行。",
            Self::SendBack => "已退回，企业修改后会重新提交。",
            Self::File => "已备案，协议开始执行，企业可以报告帮扶成效。",
        }
    }
}

/// The state after `party` takes `step` from `from`, or why not.
pub fn next(from: AgreementStatus, party: Party, step: Step) -> std::result::Result<AgreementStatus, String> {
    use AgreementStatus as S;
    match (party, step, from) {
        (Party::Village, Step::Countersign, S::PendingVillage) => Ok(S::PendingFiling),
        (Party::Village, Step::SendBack, S::PendingVillage) | (Party::Office, Step::SendBack, S::PendingFiling) => {
            Ok(S::Returned)
        }
        (Party::Office, Step::File, S::PendingFiling) => Ok(S::Active),
        (_, step, from) => Err(format!("协议当前为「{}」，不能{}", from.label(), step.label())),
    }
}

/// `user` takes `step` on agreement `id` (a comment is needed to send it back).
pub async fn step(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    step: Step,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<agreement::Model> {
    let comment = comment.trim();
    let txn = crate::db::write(db).await?;
    let a = agreement::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let party = pairings::party_of(&txn, user, &p).await?;
    let from = AgreementStatus::parse(&a.status).ok_or_else(|| AppError::Conflict("状态无法识别".into()))?;
    let to = next(from, party, step).map_err(AppError::Conflict)?;
    if step == Step::SendBack && comment.chars().count() < 2 {
        return Err(AppError::field("comment", "请写明要修改什么，企业会看到"));
    }
    if comment.chars().count() > 1000 {
        return Err(AppError::field("comment", "意见不超过 1000 字"));
    }
    let mut am: agreement::ActiveModel = a.clone().into();
    am.status = Set(to.code().into());
    am.updated_at = Set(now);
    match step {
        Step::Countersign => am.countersigned_at = Set(Some(now)),
        Step::File => am.filed_at = Set(Some(now)),
        Step::SendBack => {
            am.comment = Set(Some(comment.to_owned()));
            am.countersigned_at = Set(None);
        }
    }
    let updated = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: match step {
                Step::Countersign => "agreement.countersign",
                Step::SendBack => "agreement.return",
                Step::File => "agreement.file",
            },
            entity: "agreement",
            entity_id: a.id.to_string(),
            before: Some(serde_json::json!({ "status": a.status })),
            after: Some(serde_json::json!({ "status": updated.status, "reason": comment })),
        },
    )
    .await?;
    let village = entity::organisation::Entity::find_by_id(p.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let (told, title): (Vec<i32>, String) = match step {
        Step::Countersign => {
            let mut told = vec![p.enterprise_id];
            told.extend(pairings::offices_covering(&txn, &village.region_code).await?);
            (told, format!("{}已会签帮扶协议「{}」，待扶贫办备案", village.name, a.title))
        }
        Step::SendBack => {
            // The drafter changes it: the enterprise, or a covering office that drafted it.
            let mut told: Vec<i32> =
                [p.enterprise_id, p.village_id].into_iter().filter(|o| Some(*o) != user.organisation_id).collect();
            if party == Party::Village {
                told.extend(pairings::offices_covering(&txn, &village.region_code).await?);
            }
            (told, format!("帮扶协议「{}」被退回修改：{comment}", a.title))
        }
        Step::File => (vec![p.enterprise_id, p.village_id], format!("帮扶协议「{}」已备案，开始执行", a.title)),
    };
    pairings::notify(&txn, &told, &title, &format!("/agreements/{}", a.id), now).await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// The form pre-filled from agreement `a` (to change a draft sent back).
pub async fn form_of<C: ConnectionTrait>(db: &C, a: &agreement::Model) -> Result<AgreementForm> {
    let yuan = |fen: i64| if fen > 0 { Money(fen).plain_yuan() } else { String::new() };
    let num = |n: i32| if n > 0 { n.to_string() } else { String::new() };
    let ms = milestone::Entity::find().filter(milestone::Column::AgreementId.eq(a.id)).all(db).await?;
    Ok(AgreementForm {
        title: a.title.clone(),
        terms: a.terms.clone(),
        planned_money_yuan: yuan(a.planned_money_fen),
        planned_goods_yuan: yuan(a.planned_goods_fen),
        planned_produce_yuan: yuan(a.planned_produce_fen),
        planned_jobs: num(a.planned_jobs),
        planned_trainees: num(a.planned_trainees),
        starts_on: a.starts_on.to_string(),
        ends_on: a.ends_on.to_string(),
        milestone_title: ms.iter().map(|m| m.title.clone()).collect(),
        milestone_due: ms.iter().map(|m| m.due_on.to_string()).collect(),
        milestone_yuan: ms.iter().map(|m| yuan(m.planned_amount_fen)).collect(),
        programmes: crate::programmes::Programme::read(a.programmes.as_deref())
            .into_iter()
            .map(|p| p.code().to_owned())
            .collect(),
    })
}

/// Its drafter changes an agreement that was sent back and submits it to the village again.
pub async fn resubmit(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    form: &AgreementForm,
    now: DateTime<Utc>,
) -> Result<agreement::Model> {
    let a = agreement::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(db).await?.ok_or(AppError::NotFound)?;
    if pairings::party_of(db, user, &p).await? == Party::Village {
        return Err(AppError::NotFound);
    }
    let (input, tags) = read_form(db, form).await?;
    let txn = crate::db::write(db).await?;
    let a = agreement::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    if a.status != AgreementStatus::Returned.code() {
        let now_label = AgreementStatus::parse(&a.status).map_or("未知", AgreementStatus::label);
        return Err(AppError::Conflict(format!("协议当前为「{now_label}」，只有退回修改的协议可以修改后重新提交")));
    }
    let mut am: agreement::ActiveModel = a.clone().into();
    am.title = Set(input.title);
    am.terms = Set(input.terms);
    am.planned_money_fen = Set(input.money.0);
    am.planned_goods_fen = Set(input.goods.0);
    am.planned_produce_fen = Set(input.produce.0);
    am.planned_jobs = Set(input.jobs);
    am.planned_trainees = Set(input.trainees);
    am.starts_on = Set(input.starts_on);
    am.ends_on = Set(input.ends_on);
    am.programmes = Set(tags);
    am.status = Set(AgreementStatus::PendingVillage.code().into());
    am.updated_at = Set(now);
    // The comment was answered (it stays in the audit trail).
    am.comment = Set(None);
    let updated = am.update(&txn).await?;
    milestone::Entity::delete_many().filter(milestone::Column::AgreementId.eq(a.id)).exec(&txn).await?;
    insert_milestones(&txn, a.id, input.milestones).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "agreement.resubmit",
            entity: "agreement",
            entity_id: a.id.to_string(),
            before: serde_json::to_value(&a).ok(),
            after: serde_json::to_value(&updated).ok(),
        },
    )
    .await?;
    let title = format!("帮扶协议「{}」已按意见修改，请重新会签", updated.title);
    pairings::notify(&txn, &[p.village_id], &title, &format!("/agreements/{}", a.id), now).await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// One line of the plan against what was verified.
#[derive(Debug, Serialize)]
pub struct Progress {
    pub kind: &'static str,
    pub money: bool,
    pub planned: i64,
    pub verified: i64,
    pub percent: i64,
}

/// Planned vs verified per kind (money in fen, jobs and trainees in persons).
pub async fn progress(db: &DatabaseConnection, a: &agreement::Model) -> Result<Vec<Progress>> {
    // A record an upheld objection took off counts nowhere, here neither.
    let verified = contribution::Entity::find()
        .filter(contribution::Column::AgreementId.eq(a.id))
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .filter(sea_orm::sea_query::Expr::cust(format!(
            "id NOT IN ({})",
            crate::notices::suspended_sql("contribution")
        )))
        .all(db)
        .await?;
    let sum = |kind: ContributionKind, by_persons: bool| -> i64 {
        verified
            .iter()
            .filter(|c| c.kind == kind.code())
            .map(|c| if by_persons { i64::from(c.persons) } else { c.amount_fen })
            .sum()
    };
    let line = |kind: ContributionKind, money: bool, planned: i64| {
        let done = sum(kind, !money);
        Progress {
            kind: kind.label(),
            money,
            planned,
            verified: done,
            percent: if planned > 0 { (done * 100 / planned).min(999) } else { 0 },
        }
    };
    Ok([
        line(ContributionKind::Money, true, a.planned_money_fen),
        line(ContributionKind::Goods, true, a.planned_goods_fen),
        line(ContributionKind::Produce, true, a.planned_produce_fen),
        line(ContributionKind::Jobs, false, i64::from(a.planned_jobs)),
        line(ContributionKind::Trainees, false, i64::from(a.planned_trainees)),
    ]
    .into_iter()
    .filter(|p| p.planned > 0 || p.verified > 0)
    .collect())
}

/// An office covering the village closes an active agreement: completed (plan met in its
/// judgement) or terminated, with the reason kept and shown.
pub async fn close(
    db: &DatabaseConnection,
    user: &SessionUser,
    agreement_id: i32,
    completed: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<agreement::Model> {
    let reason = reason.trim();
    let txn = crate::db::write(db).await?;
    let a = agreement::Entity::find_by_id(agreement_id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if pairings::party_of(&txn, user, &p).await? != Party::Office {
        return Err(AppError::NotFound);
    }
    let draft = matches!(
        AgreementStatus::parse(&a.status),
        Some(AgreementStatus::PendingVillage | AgreementStatus::Returned | AgreementStatus::PendingFiling)
    );
    // A draft that goes nowhere (never countersigned, never resubmitted) is a dead end unless
    // the office can end it: terminated with a reason, never completed.
    if draft && completed {
        return Err(AppError::Conflict("协议还未生效，不能标记为完成；可以终止".into()));
    }
    if a.status != AgreementStatus::Active.code() && !draft {
        return Err(AppError::Conflict("协议已结束".into()));
    }
    if reason.chars().count() < 4 {
        return Err(AppError::field("reason", "请写明结束的理由"));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "理由不超过 500 字"));
    }
    let to = if completed { AgreementStatus::Completed } else { AgreementStatus::Terminated };
    let mut am: agreement::ActiveModel = a.clone().into();
    am.status = Set(to.code().into());
    am.closed_at = Set(Some(now));
    am.close_reason = Set(Some(reason.into()));
    am.updated_at = Set(now);
    let updated = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: if completed { "agreement.complete" } else { "agreement.terminate" },
            entity: "agreement",
            entity_id: a.id.to_string(),
            before: Some(serde_json::json!({ "status": a.status })),
            after: Some(serde_json::json!({ "status": updated.status, "reason": reason })),
        },
    )
    .await?;
    // The enterprise's completion record (kept beside the search index) changed.
    crate::outbox::record(&txn, now, "record", p.enterprise_id, "agreement").await?;
    pairings::notify(
        &txn,
        &[p.enterprise_id, p.village_id],
        &format!("帮扶协议 #{}：{}", a.id, to.label()),
        &format!("/agreements/{}", a.id),
        now,
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::AgreementForm;

    fn form(amounts: [&str; 3]) -> AgreementForm {
        AgreementForm {
            title: "山茶油收购协议".into(),
            terms: "甲方按市场价收购乙方山茶油五千公斤，乙方保证品质。".into(),
            planned_money_yuan: String::new(),
            planned_goods_yuan: String::new(),
            planned_produce_yuan: "1000".into(),
            planned_jobs: String::new(),
            planned_trainees: String::new(),
            starts_on: "2026-12-01".into(),
            ends_on: "2027-11-30".into(),
            milestone_title: vec!["一批".into(), "二批".into(), "三批".into()],
            milestone_due: vec!["2027-01-01".into(), "2027-04-01".into(), "2027-08-01".into()],
            milestone_yuan: amounts.iter().map(|a| (*a).to_owned()).collect(),
            programmes: Vec::new(),
        }
    }

    /// Milestones are running totals: rising to the plan is right, above it or falling is not.
    #[test]
    fn milestone_amounts_are_running_totals_up_to_the_plan() {
        assert!(form(["300", "600", "1000"]).parse().is_ok());
        assert!(form(["300", "", "1000"]).parse().is_ok(), "a milestone without an amount");
        assert!(form(["300", "600", "1001"]).parse().is_err());
        assert!(form(["300", "600", "500"]).parse().is_err());
    }
}
