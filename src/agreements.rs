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
                "至少填写一项计划（资金、物资、采购农产品、安置就业或技能培训）".into(),
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
            let m = yuan(amount, "milestones", &mut errors);
            milestones.push((t.chars().take(100).collect(), d, m));
        }
        match (starts_on, ends_on) {
            (Some(starts_on), Some(ends_on)) if errors.is_empty() => {
                Ok(Input { title, terms, money, goods, produce, jobs, trainees, starts_on, ends_on, milestones })
            }
            _ => Err(AppError::Invalid(errors)),
        }
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
    let input = form.parse()?;
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
        status: Set(AgreementStatus::Active.code().into()),
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
    for (title, due_on, amount) in input.milestones {
        milestone::ActiveModel {
            agreement_id: Set(a.id),
            title: Set(title),
            due_on: Set(due_on),
            planned_amount_fen: Set(amount.0),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
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
    pairings::notify(&txn, &others, &format!("帮扶协议 #{}：{}", a.id, a.title), &format!("/agreements/{}", a.id), now)
        .await?;
    crate::db::commit(txn).await?;
    Ok(a)
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
    let verified = contribution::Entity::find()
        .filter(contribution::Column::AgreementId.eq(a.id))
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
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
    if a.status != AgreementStatus::Active.code() {
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
