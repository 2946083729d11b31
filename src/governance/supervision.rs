//! Supervision (监管): a scan for the signs of 假项目/空项目 — an agreement in force for months
//! with no help reported, a confirmed record without evidence, evidence reused across projects,
//! verified totals beyond the agreement's plan, a record confirmed within a minute or by the
//! one who reported it, a village reaching more people than its register counts, an
//! enterprise whose amounts are mostly whole 万元, an operating project asset with no income a
//! year after handover. Each finding is kept once per rule and record and worked through by the
//! covering office, closed with an outcome and a reason (once: the second office gets 409). A
//! closed finding is not raised again. The scan runs in the daily round and on the office's
//! asking.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use entity::{agreement, contribution, evidence, organisation, pairing, supervision_check};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::{SessionUser, region_prefix};
use crate::domain::{AgreementStatus, CheckOutcome, CheckRule, ContributionKind, ContributionStatus};
use crate::error::{AppError, Result};
use crate::money::Money;

/// Months an agreement in force may go without any help reported before it is raised.
pub const IDLE_MONTHS: i64 = 3;

struct Finding {
    rule: CheckRule,
    entity: &'static str,
    entity_id: i32,
    agreement_id: i32,
    detail: String,
}

/// Looks for new findings and records them (one transaction with one audit event when any is
/// new). Returns how many were new.
pub async fn scan(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize> {
    let mut found: Vec<Finding> = Vec::new();
    // Agreements in force long enough, and which of them have any help reported.
    let cutoff = now - Duration::days(30 * IDLE_MONTHS);
    let active = agreement::Entity::find()
        .filter(agreement::Column::Status.eq(AgreementStatus::Active.code()))
        .order_by_asc(agreement::Column::Id)
        .all(db)
        .await?;
    let with_help: BTreeSet<i32> = {
        let stmt = Query::select()
            .column(contribution::Column::AgreementId)
            .distinct()
            .from(contribution::Entity)
            .and_where(Expr::col(contribution::Column::AgreementId).is_in(active.iter().map(|a| a.id)))
            .to_owned();
        let backend = db.get_database_backend();
        let mut set = BTreeSet::new();
        for row in db.query_all_raw(backend.build(&stmt)).await? {
            set.insert(row.try_get_by_index::<i32>(0)?);
        }
        set
    };
    for a in &active {
        let since = a.filed_at.unwrap_or(a.created_at);
        if since < cutoff && !with_help.contains(&a.id) {
            found.push(Finding {
                rule: CheckRule::IdleAgreement,
                entity: "agreement",
                entity_id: a.id,
                agreement_id: a.id,
                detail: format!(
                    "协议「{}」自 {} 生效，超过 {IDLE_MONTHS} 个月没有报告任何帮扶",
                    a.title,
                    crate::clock::to_shanghai(since).format("%Y-%m-%d")
                ),
            });
        }
    }
    // Confirmed or verified records without evidence.
    let counted = [ContributionStatus::Confirmed.code(), ContributionStatus::Verified.code()];
    let bare = contribution::Entity::find()
        .filter(contribution::Column::Status.is_in(counted))
        .filter(contribution::Column::Id.not_in_subquery(
            Query::select().column(evidence::Column::ContributionId).from(evidence::Entity).to_owned(),
        ))
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await?;
    for c in &bare {
        found.push(Finding {
            rule: CheckRule::NoEvidence,
            entity: "contribution",
            entity_id: c.id,
            agreement_id: c.agreement_id,
            detail: format!(
                "帮扶记录 {} 号（{}，{}）没有上传证明材料",
                c.id,
                Money(c.amount_fen).display(),
                ContributionStatus::parse(&c.status).map_or("已确认", ContributionStatus::label)
            ),
        });
    }
    // The same file behind records of different agreements.
    let shared_hashes: Vec<String> = {
        let stmt = Query::select()
            .column(evidence::Column::Sha256)
            .from(evidence::Entity)
            .group_by_col(evidence::Column::Sha256)
            .and_having(Expr::cust("COUNT(DISTINCT \"contribution_id\") > 1"))
            .to_owned();
        let backend = db.get_database_backend();
        let mut v = Vec::new();
        for row in db.query_all_raw(backend.build(&stmt)).await? {
            v.push(row.try_get_by_index::<String>(0)?);
        }
        v
    };
    if !shared_hashes.is_empty() {
        let files = evidence::Entity::find().filter(evidence::Column::Sha256.is_in(shared_hashes)).all(db).await?;
        let records: HashMap<i32, contribution::Model> = contribution::Entity::find()
            .filter(contribution::Column::Id.is_in(files.iter().map(|e| e.contribution_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let mut by_hash: BTreeMap<&str, BTreeSet<i32>> = BTreeMap::new();
        for e in &files {
            by_hash.entry(e.sha256.as_str()).or_default().insert(e.contribution_id);
        }
        for ids in by_hash.values() {
            let Some(&first) = ids.iter().next() else { continue };
            let Some(original) = records.get(&first) else { continue };
            for id in ids.iter().skip(1) {
                let Some(c) = records.get(id) else { continue };
                // A correction carries the photo of the record it replaces; same project is fine.
                if c.agreement_id == original.agreement_id || c.supersedes_id == Some(first) {
                    continue;
                }
                found.push(Finding {
                    rule: CheckRule::ReusedEvidence,
                    entity: "contribution",
                    entity_id: c.id,
                    agreement_id: c.agreement_id,
                    detail: format!("帮扶记录 {} 号的证明材料与另一协议的帮扶记录 {} 号的文件完全相同", c.id, first),
                });
            }
        }
    }
    // Verified money, goods and produce beyond what the agreement planned.
    let verified = contribution::Entity::find()
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .filter(contribution::Column::AgreementId.is_in(active.iter().map(|a| a.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let mut totals: BTreeMap<i32, i64> = BTreeMap::new();
    for c in &verified {
        if matches!(
            ContributionKind::parse(&c.kind),
            Some(ContributionKind::Money | ContributionKind::Goods | ContributionKind::Produce)
        ) {
            *totals.entry(c.agreement_id).or_default() += c.amount_fen;
        }
    }
    for a in &active {
        let planned = a.planned_money_fen + a.planned_goods_fen + a.planned_produce_fen;
        let done = totals.get(&a.id).copied().unwrap_or(0);
        if done > planned {
            found.push(Finding {
                rule: CheckRule::BeyondPlan,
                entity: "agreement",
                entity_id: a.id,
                agreement_id: a.id,
                detail: format!(
                    "协议「{}」已核实 {}，超过计划的 {}",
                    a.title,
                    Money(done).display(),
                    Money(planned).display()
                ),
            });
        }
    }
    // Confirmed within a minute of the report, or by the one who reported it (the last year).
    let recent = contribution::Entity::find()
        .filter(contribution::Column::ConfirmedAt.is_not_null())
        .filter(contribution::Column::ReportedAt.gte(now - Duration::days(400)))
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await?;
    for c in &recent {
        let same = c.reported_by.is_some() && c.reported_by == c.confirmed_by;
        let fast = c.confirmed_at.is_some_and(|t| t - c.reported_at < Duration::minutes(1));
        if same || fast {
            found.push(Finding {
                rule: CheckRule::QuickConfirm,
                entity: "contribution",
                entity_id: c.id,
                agreement_id: c.agreement_id,
                detail: format!(
                    "帮扶记录 {} 号{}",
                    c.id,
                    if same { "由报告人本人确认" } else { "报告后一分钟内即被村委会确认" }
                ),
            });
        }
    }
    // More people reached this year than the village's register counts.
    {
        use chrono::Datelike;
        let year = crate::clock::to_shanghai(now).year();
        // The village-level figures, or else the sum of the village's household rows.
        let registered = crate::governance::register::registered(db, year).await?;
        if !registered.is_empty() {
            let reached = crate::governance::register::reached(db, year).await?;
            for (village, n) in reached {
                let Some(persons) = registered.get(&village).map(|r| r.persons) else { continue };
                if n <= persons {
                    continue;
                }
                // Linked to the village's latest verified record of the year.
                let latest = contribution::Entity::find()
                    .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
                    .filter(
                        contribution::Column::AgreementId.in_subquery(
                            Query::select()
                                .column((agreement::Entity, agreement::Column::Id))
                                .from(agreement::Entity)
                                .inner_join(
                                    pairing::Entity,
                                    Expr::col((pairing::Entity, pairing::Column::Id))
                                        .equals((agreement::Entity, agreement::Column::PairingId)),
                                )
                                .and_where(Expr::col((pairing::Entity, pairing::Column::VillageId)).eq(village))
                                .to_owned(),
                        ),
                    )
                    .order_by_desc(contribution::Column::Id)
                    .one(db)
                    .await?;
                let Some(latest) = latest else { continue };
                let name = organisation::Entity::find_by_id(village).one(db).await?.map(|o| o.name).unwrap_or_default();
                found.push(Finding {
                    rule: CheckRule::BeyondRegister,
                    entity: "village_year",
                    entity_id: village * 10_000 + year,
                    agreement_id: latest.agreement_id,
                    detail: format!("{name} {year} 年的帮扶记录带动 {n} 人，超过建档立卡人口 {persons} 人"),
                });
            }
        }
    }
    // An enterprise whose recognised amounts are mostly whole 万元 (the rule of the flag on
    // each record, here once per enterprise): estimates or made-up figures more often than
    // receipts. Linked to the agreement of its latest round record.
    {
        let stmt = Query::select()
            .column((pairing::Entity, pairing::Column::EnterpriseId))
            .column((contribution::Entity, contribution::Column::Id))
            .column((contribution::Entity, contribution::Column::AgreementId))
            .column((contribution::Entity, contribution::Column::AmountFen))
            .from(contribution::Entity)
            .inner_join(
                agreement::Entity,
                Expr::col((agreement::Entity, agreement::Column::Id))
                    .equals((contribution::Entity, contribution::Column::AgreementId)),
            )
            .inner_join(
                pairing::Entity,
                Expr::col((pairing::Entity, pairing::Column::Id))
                    .equals((agreement::Entity, agreement::Column::PairingId)),
            )
            .and_where(Expr::col((contribution::Entity, contribution::Column::AmountFen)).gt(0))
            .and_where(Expr::col((contribution::Entity, contribution::Column::Status)).is_not_in([
                ContributionStatus::Withdrawn.code(),
                ContributionStatus::Corrected.code(),
                ContributionStatus::Rejected.code(),
            ]))
            .to_owned();
        let backend = db.get_database_backend();
        /// An enterprise's amounts, and its latest round record (id, agreement).
        type Amounts = (Vec<i64>, Option<(i32, i32)>);
        let mut of: BTreeMap<i32, Amounts> = BTreeMap::new();
        for row in db.query_all_raw(backend.build(&stmt)).await? {
            let (enterprise, id, agreement_id, fen): (i32, i32, i32, i64) = (
                row.try_get_by_index(0)?,
                row.try_get_by_index(1)?,
                row.try_get_by_index(2)?,
                row.try_get_by_index(3)?,
            );
            let e = of.entry(enterprise).or_default();
            e.0.push(fen);
            if fen % crate::flags::ROUND_FEN == 0 && e.1.is_none_or(|(latest, _)| id > latest) {
                e.1 = Some((id, agreement_id));
            }
        }
        for (enterprise, (amounts, latest)) in of {
            let Some((_, agreement_id)) = latest.filter(|_| crate::flags::mostly_round(&amounts)) else { continue };
            let round = amounts.iter().filter(|f| **f % crate::flags::ROUND_FEN == 0).count();
            found.push(Finding {
                rule: CheckRule::RoundAmounts,
                entity: "organisation",
                entity_id: enterprise,
                agreement_id,
                detail: format!(
                    "该企业报告的 {} 笔金额中有 {round} 笔是整万元，可能是估报而非按票据填报，请核对票据",
                    amounts.len()
                ),
            });
        }
    }
    // Operating project assets a year after handover with no income this year or last.
    let today = crate::clock::to_shanghai(now).date_naive();
    for a in super::assets::idle(db, today).await? {
        found.push(Finding {
            rule: CheckRule::IdleAsset,
            entity: "project_asset",
            entity_id: a.id,
            agreement_id: a.agreement_id,
            detail: format!(
                "资产「{}」（{}，价值 {}）{} 移交给村集体，今年和去年都没有收益（没有登记或登记为零），请核实是否闲置",
                a.name,
                super::assets::kind_label(&a.kind),
                Money(a.value_fen).display(),
                a.handed_over_on
            ),
        });
    }
    if found.is_empty() {
        return Ok(0);
    }
    // Where each agreement's village is.
    let agreements: Vec<i32> = found.iter().map(|f| f.agreement_id).collect::<BTreeSet<_>>().into_iter().collect();
    let agreement_rows = agreement::Entity::find().filter(agreement::Column::Id.is_in(agreements)).all(db).await?;
    let pairing_of: HashMap<i32, i32> = agreement_rows.iter().map(|a| (a.id, a.pairing_id)).collect();
    let title_of: HashMap<i32, &str> = agreement_rows.iter().map(|a| (a.id, a.title.as_str())).collect();
    let pairings_found = pairing::Entity::find()
        .filter(pairing::Column::Id.is_in(pairing_of.values().copied().collect::<Vec<_>>()))
        .all(db)
        .await?;
    let village_of: HashMap<i32, i32> = pairings_found.iter().map(|p| (p.id, p.village_id)).collect();
    let enterprise_of: HashMap<i32, i32> = pairings_found.iter().map(|p| (p.id, p.enterprise_id)).collect();
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(
            organisation::Column::Id
                .is_in(village_of.values().chain(enterprise_of.values()).copied().collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let region_of: HashMap<i32, String> = orgs.iter().map(|(id, o)| (*id, o.region_code.clone())).collect();
    let name = |id: Option<&i32>| id.and_then(|i| orgs.get(i)).map_or("", |o| o.name.as_str());
    // Who and which project, in front of what was found.
    let context = |agreement: i32| -> String {
        let p = pairing_of.get(&agreement);
        format!(
            "【{} 帮扶 {}，协议「{}」】",
            name(p.and_then(|p| enterprise_of.get(p))),
            name(p.and_then(|p| village_of.get(p))),
            title_of.get(&agreement).copied().unwrap_or_default()
        )
    };
    let txn = crate::db::write(db).await?;
    // Under the write lock: what is already recorded (open or closed) is not raised again.
    let known: BTreeSet<(String, String, i32)> = supervision_check::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| (c.rule, c.entity, c.entity_id))
        .collect();
    let mut new = 0;
    let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    for f in found {
        if known.contains(&(f.rule.code().to_owned(), f.entity.to_owned(), f.entity_id)) {
            continue;
        }
        let region = pairing_of
            .get(&f.agreement_id)
            .and_then(|p| village_of.get(p))
            .and_then(|v| region_of.get(v))
            .cloned()
            .unwrap_or_default();
        supervision_check::ActiveModel {
            rule: Set(f.rule.code().into()),
            entity: Set(f.entity.into()),
            entity_id: Set(f.entity_id),
            agreement_id: Set(f.agreement_id),
            region_code: Set(region),
            detail: Set(format!("{}{}", context(f.agreement_id), f.detail)),
            found_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        new += 1;
        *by_rule.entry(f.rule.label()).or_default() += 1;
    }
    if new > 0 {
        let words: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r} {n} 条")).collect();
        audit::record(
            &txn,
            now,
            &Actor::system("supervision"),
            Event {
                action: "supervision.scan",
                entity: "supervision_check",
                entity_id: "scan".into(),
                before: None,
                after: Some(serde_json::json!({ "found": words.join("；") })),
            },
        )
        .await?;
    }
    crate::db::commit(txn).await?;
    Ok(new)
}

/// Whether `user` may read finding `c`: the auditor, or an office covering its village.
pub fn may_read(user: &SessionUser, c: &supervision_check::Model) -> bool {
    user.role == Role::Auditor || user.covers(&c.region_code)
}

/// The findings `user` may read, open or closed, optionally of one rule; newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    user: &SessionUser,
    open: bool,
    rule: Option<CheckRule>,
) -> Result<Vec<supervision_check::Model>> {
    let mut q = supervision_check::Entity::find().order_by_desc(supervision_check::Column::Id);
    q = if open {
        q.filter(supervision_check::Column::ClosedAt.is_null())
    } else {
        q.filter(supervision_check::Column::ClosedAt.is_not_null())
    };
    if user.role != Role::Auditor {
        q = q.filter(
            supervision_check::Column::RegionCode
                .starts_with(region_prefix(user.jurisdiction.as_deref().unwrap_or("x"))),
        );
    }
    if let Some(r) = rule {
        q = q.filter(supervision_check::Column::Rule.eq(r.code()));
    }
    Ok(q.all(db).await?)
}

/// Closes finding `id` with `outcome` and `reason`: a conditional update, so two offices at
/// once end in one closure and the other is told how it was closed (409).
pub async fn close(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    outcome: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<supervision_check::Model> {
    let mut errors = crate::accounts::FieldErrors::new();
    let outcome = CheckOutcome::parse(outcome.trim());
    if outcome.is_none() {
        errors.push(("outcome".into(), "请选择处理结果".into()));
    }
    let reason = reason.trim();
    if !(4..=500).contains(&reason.chars().count()) {
        errors.push(("close_reason".into(), "请写明核查情况和理由（4–500 字）".into()));
    }
    let txn = crate::db::write(db).await?;
    let c = supervision_check::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !may_read(user, &c) {
        return Err(AppError::NotFound);
    }
    if user.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    let refused = |c: &supervision_check::Model| {
        AppError::Conflict(format!(
            "这条线索已于 {} 处理为「{}」：{}",
            c.closed_at.map(|t| crate::clock::to_shanghai(t).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default(),
            c.outcome.as_deref().and_then(CheckOutcome::parse).map_or("", CheckOutcome::label),
            c.close_reason.as_deref().unwrap_or_default()
        ))
    };
    if c.closed_at.is_some() {
        return Err(refused(&c));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let Some(outcome) = outcome else { return Err(AppError::field("outcome", "请选择处理结果")) };
    let done = supervision_check::Entity::update_many()
        .col_expr(supervision_check::Column::Outcome, Expr::val(outcome.code()))
        .col_expr(supervision_check::Column::CloseReason, Expr::val(reason))
        .col_expr(supervision_check::Column::ClosedBy, Expr::val(user.id))
        .col_expr(supervision_check::Column::ClosedAt, Expr::val(now))
        .filter(supervision_check::Column::Id.eq(id))
        .filter(supervision_check::Column::ClosedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        let now_closed = supervision_check::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
        return Err(refused(&now_closed));
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "supervision.close",
            entity: "supervision_check",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({ "detail": c.detail })),
            after: Some(serde_json::json!({ "outcome": outcome.label(), "reason": reason })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    let saved = supervision_check::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(saved)
}
