//! Plans (规划, issue 15): a county office writes its county's plan for a plan period (十五五 …)
//! with yearly targets per indicator and submits it; an office above it (the city) approves it
//! or sends it back with a reason. Progress against each target is counted from the verified
//! ledger with the 台账's definitions (one `export::bucket`, objected records excluded), so a
//! plan's figures and the ledger never disagree.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{contribution, offer, organisation, pairing, plan, plan_target};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, IntoIden, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::{SessionUser, region_prefix};
use crate::domain::{ContributionKind, ListingKind, PairingStatus, PlanIndicator, PlanStatus};
use crate::error::{AppError, Result};
use crate::money::Money;

/// The longest plan period, in years.
pub const MAX_YEARS: i32 = 10;

/// The county an office writes plans for: its jurisdiction when that is one county.
pub fn county_of(user: &SessionUser) -> Option<String> {
    let j = user.jurisdiction.as_deref()?;
    (user.role == Role::Office && region_prefix(j).len() == 6).then(|| format!("{}000000", &j[..6]))
}

/// Whether `user` may read plan `p`: an office whose jurisdiction covers its county, or the
/// auditor.
pub fn may_read(user: &SessionUser, p: &plan::Model) -> bool {
    user.role == Role::Auditor || user.covers(&p.county_code)
}

/// Whether `user` decides on plan `p`: an office covering its county from above (a city or
/// province office), never the office that wrote it.
pub fn may_decide(user: &SessionUser, p: &plan::Model) -> bool {
    user.covers(&p.county_code)
        && user.organisation_id != Some(p.office_id)
        && user.jurisdiction.as_deref().is_some_and(|j| region_prefix(j).len() < 6)
}

/// Whether `user` writes plan `p`: the county office that made it, while a draft or sent back.
pub fn may_edit(user: &SessionUser, p: &plan::Model) -> bool {
    user.role == Role::Office
        && user.organisation_id == Some(p.office_id)
        && matches!(PlanStatus::parse(&p.status), Some(PlanStatus::Draft | PlanStatus::Returned))
}

/// Creates a draft plan of the user's county for `period` from `start_year` to `end_year`.
pub async fn create(
    db: &DatabaseConnection,
    user: &SessionUser,
    period: &str,
    start_year: &str,
    end_year: &str,
    now: DateTime<Utc>,
) -> Result<plan::Model> {
    let county = county_of(user)
        .ok_or_else(|| AppError::Conflict("规划由县（市、区）扶贫办编制；市扶贫办审批各县的规划".into()))?;
    let mut errors = FieldErrors::new();
    let period = period.trim();
    if !(2..=20).contains(&period.chars().count()) {
        errors.push(("period".into(), "请填写规划期名称（2–20 字，如：十五五）".into()));
    }
    let year = |raw: &str, field: &str, errors: &mut FieldErrors| -> i32 {
        raw.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)).unwrap_or_else(|| {
            errors.push((field.into(), "请填写 2000 到 2100 之间的年份".into()));
            0
        })
    };
    let (start, end) = (year(start_year, "start_year", &mut errors), year(end_year, "end_year", &mut errors));
    if errors.is_empty() && (end < start || end - start >= MAX_YEARS) {
        errors.push(("end_year".into(), format!("结束年份须在开始年份之后，规划期最长 {MAX_YEARS} 年")));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let office = user.organisation_id.ok_or(AppError::Forbidden)?;
    let txn = crate::db::write(db).await?;
    let taken = plan::Entity::find()
        .filter(plan::Column::CountyCode.eq(county.clone()))
        .filter(plan::Column::Period.eq(period))
        .count(&txn)
        .await?
        > 0;
    if taken {
        return Err(AppError::field("period", format!("本县已有「{period}」规划，请在规划列表中打开它")));
    }
    let p = plan::ActiveModel {
        county_code: Set(county),
        period: Set(period.to_owned()),
        start_year: Set(start),
        end_year: Set(end),
        status: Set(PlanStatus::Draft.code().into()),
        office_id: Set(office),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "plan.create",
            entity: "plan",
            entity_id: p.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "period": p.period, "start_year": start, "end_year": end })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(p)
}

/// The form field of the target of `indicator` in `year`.
pub fn field_name(year: i32, indicator: PlanIndicator) -> String {
    format!("t_{year}_{}", indicator.code())
}

/// Reads a typed target: money in 元 (to 分), counts as whole numbers; empty means none.
fn parse_target(raw: &str, indicator: PlanIndicator) -> std::result::Result<Option<i64>, String> {
    // Digits typed on a Chinese keyboard's full-width layout read as digits.
    let raw: String = crate::text::ascii_digits(raw.trim()).replace('．', ".");
    let raw = raw.as_str();
    if raw.is_empty() {
        return Ok(None);
    }
    if indicator.is_money() {
        return Money::parse_yuan(raw).map(|m| Some(m.0)).map_err(str::to_owned);
    }
    raw.replace([',', '，'], "")
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=100_000_000).contains(n))
        .map(Some)
        .ok_or_else(|| "请填写 0 或正整数".to_owned())
}

/// Replaces the targets of plan `id` with `typed` (field name → text, as the form posts them),
/// in one transaction with its audit event. Every cell wrong is named.
pub async fn save_targets(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    typed: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Vec<plan_target::Model>> {
    let txn = crate::db::write(db).await?;
    let p = plan::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    if !may_read(user, &p) {
        return Err(AppError::NotFound);
    }
    if !may_edit(user, &p) {
        return Err(AppError::Conflict(format!(
            "规划当前为「{}」，只有编制它的县扶贫办在草稿或退回修改时可以改",
            PlanStatus::parse(&p.status).map_or("未知", PlanStatus::label)
        )));
    }
    let mut errors = FieldErrors::new();
    let mut targets = Vec::new();
    for year in p.start_year..=p.end_year {
        for &ind in PlanIndicator::ALL {
            let field = field_name(year, ind);
            match parse_target(typed.get(&field).map_or("", String::as_str), ind) {
                Ok(Some(v)) => {
                    targets.push(plan_target::Model { plan_id: p.id, year, indicator: ind.code().into(), target: v })
                }
                Ok(None) => {}
                Err(m) => errors.push((field, format!("{year} 年{}：{m}", ind.label()))),
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let before = plan_target::Entity::find().filter(plan_target::Column::PlanId.eq(p.id)).all(&txn).await?;
    plan_target::Entity::delete_many().filter(plan_target::Column::PlanId.eq(p.id)).exec(&txn).await?;
    for t in &targets {
        plan_target::ActiveModel {
            plan_id: Set(t.plan_id),
            year: Set(t.year),
            indicator: Set(t.indicator.clone()),
            target: Set(t.target),
        }
        .insert(&txn)
        .await?;
    }
    let mut am: plan::ActiveModel = p.clone().into();
    am.updated_at = Set(now);
    am.update(&txn).await?;
    // In words, as the audit page shows them: 2026 年安置就业（人） 20；…
    let summary = |ts: &[plan_target::Model]| -> serde_json::Value {
        let words: Vec<String> = ts
            .iter()
            .filter_map(|t| {
                let ind = PlanIndicator::parse(&t.indicator)?;
                let v = if ind.is_money() { Money(t.target).display() } else { t.target.to_string() };
                Some(format!("{} 年{} {v}", t.year, ind.label()))
            })
            .collect();
        serde_json::json!({ "targets": words.join("；") })
    };
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "plan.targets",
            entity: "plan",
            entity_id: p.id.to_string(),
            before: Some(summary(&before)),
            after: Some(summary(&targets)),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(targets)
}

/// A step on a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Submit,
    Approve,
    Return,
}

impl Step {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "submit" => Some(Self::Submit),
            "approve" => Some(Self::Approve),
            "return" => Some(Self::Return),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Submit => "提交审批",
            Self::Approve => "批准",
            Self::Return => "退回修改",
        }
    }
}

/// Offices above county `county` that decide on its plans: the nearest staffed level above it
/// (the city before the province), by the rule that picks who handles events.
async fn deciders<C: ConnectionTrait>(db: &C, county: &str) -> Result<Vec<i32>> {
    Ok(crate::pairings::nearest_offices(db, county, &[2, 4]).await?)
}

/// Takes `step` on plan `id` (a reason is needed to send it back), decided on the locked row:
/// two offices acting at once end in one outcome, the other told the plan's state (409).
pub async fn step(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    step: Step,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<plan::Model> {
    let reason = reason.trim();
    if step == Step::Return && reason.chars().count() < 2 {
        return Err(AppError::field("reason", "请写明退回的理由和要改什么，县扶贫办会看到"));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "理由不超过 500 字"));
    }
    let txn = crate::db::write(db).await?;
    let p = plan::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    if !may_read(user, &p) {
        return Err(AppError::NotFound);
    }
    let from = PlanStatus::parse(&p.status);
    let to = match (step, from) {
        (Step::Submit, Some(PlanStatus::Draft | PlanStatus::Returned)) if may_edit(user, &p) => PlanStatus::Submitted,
        (Step::Approve, Some(PlanStatus::Submitted)) if may_decide(user, &p) => PlanStatus::Approved,
        (Step::Return, Some(PlanStatus::Submitted)) if may_decide(user, &p) => PlanStatus::Returned,
        _ => {
            return Err(AppError::Conflict(format!(
                "规划当前为「{}」，不能{}：提交由编制它的县扶贫办在草稿或退回修改时进行，批准和退回由上级（市）扶贫办在提交后进行",
                from.map_or("未知", PlanStatus::label),
                step.label()
            )));
        }
    };
    if step == Step::Submit
        && plan_target::Entity::find().filter(plan_target::Column::PlanId.eq(p.id)).count(&txn).await? == 0
    {
        return Err(AppError::Conflict("请先填写至少一项年度目标并保存，再提交审批".into()));
    }
    let mut am: plan::ActiveModel = p.clone().into();
    am.status = Set(to.code().into());
    am.updated_at = Set(now);
    match step {
        Step::Submit => am.submitted_at = Set(Some(now)),
        Step::Approve => {
            am.approved_by = Set(Some(user.id));
            am.approved_at = Set(Some(now));
            am.note = Set(Some(reason.to_owned()).filter(|r| !r.is_empty()));
        }
        Step::Return => am.note = Set(Some(reason.to_owned())),
    }
    let updated = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: match step {
                Step::Submit => "plan.submit",
                Step::Approve => "plan.approve",
                Step::Return => "plan.return",
            },
            entity: "plan",
            entity_id: p.id.to_string(),
            before: Some(serde_json::json!({ "status": p.status })),
            after: Some(serde_json::json!({ "status": updated.status, "reason": reason })),
        },
    )
    .await?;
    let county = organisation::Entity::find_by_id(p.office_id).one(&txn).await?.map(|o| o.name).unwrap_or_default();
    let link = format!("/office/plans/{}", p.id);
    match step {
        Step::Submit => {
            let to = deciders(&txn, &p.county_code).await?;
            let title = format!("{county}提交了「{}」规划，请审批", p.period);
            crate::pairings::notify(&txn, &to, &title, &link, now).await?;
        }
        Step::Approve => {
            let title = format!(
                "「{}」规划已批准{}",
                p.period,
                if reason.is_empty() { String::new() } else { format!("：{reason}") }
            );
            crate::pairings::notify(&txn, &[p.office_id], &title, &link, now).await?;
        }
        Step::Return => {
            let title = format!("「{}」规划被退回修改：{reason}", p.period);
            crate::pairings::notify(&txn, &[p.office_id], &title, &link, now).await?;
        }
    }
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// What was done towards an indicator in a year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actuals {
    pub by_indicator: BTreeMap<&'static str, i64>,
}

impl Actuals {
    pub fn get(&self, i: PlanIndicator) -> i64 {
        self.by_indicator.get(i.code()).copied().unwrap_or(0)
    }
}

/// What the villages of county `county` received in `year`, counted in the database with the
/// 台账's definitions: verified records dated in the year, none taken off by an upheld
/// objection; villages paired = villages with a pairing approved by the end of the year.
pub async fn actuals<C: ConnectionTrait>(db: &C, county: &str, year: i32) -> Result<Actuals> {
    let key = format!("{:0<12}", region_prefix(county).get(..6).unwrap_or_default());
    Ok(actuals_by_county(db, region_prefix(county), year).await?.remove(&key).unwrap_or_default())
}

/// [`actuals`] of every county under `prefix` at once (keyed by the county's 12-digit code),
/// each figure grouped by county in the database: three queries however many counties.
pub async fn actuals_by_county<C: ConnectionTrait>(
    db: &C,
    prefix: &str,
    year: i32,
) -> Result<BTreeMap<String, Actuals>> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let v = Alias::new("v");
    let county_expr = || Expr::cust("SUBSTR(\"v\".\"region_code\", 1, 6)");
    let village_join = |q: &mut sea_orm::sea_query::SelectStatement,
                        village: (sea_orm::sea_query::DynIden, sea_orm::sea_query::DynIden)| {
        q.join_as(
            sea_orm::sea_query::JoinType::InnerJoin,
            organisation::Entity,
            Alias::new("v"),
            Expr::col((Alias::new("v"), organisation::Column::Id)).equals(village),
        );
    };
    let mut out: BTreeMap<String, Actuals> = BTreeMap::new();
    let key = |c: String| format!("{c:0<12}");
    let mut stmt = Query::select();
    stmt.expr_as(county_expr(), Alias::new("county"))
        .column((contribution::Entity, contribution::Column::Kind))
        .column((offer::Entity, offer::Column::Kind))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"amount_fen\"), 0) AS BIGINT)"), Alias::new("fen"))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"persons\"), 0) AS BIGINT)"), Alias::new("persons"))
        .from(contribution::Entity)
        .apply(|q| crate::cockpit::joined_to_pairing(q, prefix, from, to))
        .left_join(
            offer::Entity,
            Expr::col((offer::Entity, offer::Column::Id)).equals((pairing::Entity, pairing::Column::OfferId)),
        );
    village_join(&mut stmt, (pairing::Entity.into_iden(), pairing::Column::VillageId.into_iden()));
    stmt.add_group_by([county_expr()])
        .group_by_col((contribution::Entity, contribution::Column::Kind))
        .group_by_col((offer::Entity, offer::Column::Kind));
    for row in db.query_all_raw(db.get_database_backend().build(&stmt)).await? {
        let county: String = row.try_get("", "county")?;
        let kind: String = row.try_get_by_index(1)?;
        let offer_kind: Option<String> = row.try_get_by_index(2)?;
        let fen: i64 = row.try_get("", "fen")?;
        let persons: i64 = row.try_get("", "persons")?;
        let out = out.entry(key(county)).or_default();
        let mut add = |i: PlanIndicator, v: i64| *out.by_indicator.entry(i.code()).or_default() += v;
        match crate::export::bucket(ContributionKind::parse(&kind), offer_kind.as_deref().and_then(ListingKind::parse))
        {
            Some(crate::export::Bucket::Industry) => add(PlanIndicator::IndustryFen, fen),
            Some(crate::export::Bucket::Charity) => add(PlanIndicator::CharityFen, fen),
            Some(crate::export::Bucket::Jobs) => add(PlanIndicator::Jobs, persons),
            Some(crate::export::Bucket::Trainees) => add(PlanIndicator::Trainees, persons),
            None => {}
        }
        add(PlanIndicator::Reached, persons);
    }
    // Villages paired: with a pairing approved by the end of the year, as the lapse rule reads
    // it (approved then, or last changed then when the time is missing).
    let year_end = crate::clock::shanghai_midnight(to + chrono::Duration::days(1));
    let mut paired = Query::select();
    paired
        .expr_as(county_expr(), Alias::new("county"))
        .expr_as(Expr::cust("CAST(COUNT(DISTINCT \"pairing\".\"village_id\") AS BIGINT)"), Alias::new("n"))
        .from(pairing::Entity)
        .and_where(Expr::col((pairing::Entity, pairing::Column::Status)).eq(PairingStatus::Approved.code()))
        .cond_where(
            sea_orm::Condition::any().add(Expr::col((pairing::Entity, pairing::Column::ReviewedAt)).lt(year_end)).add(
                sea_orm::Condition::all()
                    .add(Expr::col((pairing::Entity, pairing::Column::ReviewedAt)).is_null())
                    .add(Expr::col((pairing::Entity, pairing::Column::UpdatedAt)).lt(year_end)),
            ),
        )
        .and_where(Expr::col((v.clone(), organisation::Column::Kind)).eq(crate::domain::OrgKind::Village.code()))
        .and_where(Expr::col((v.clone(), organisation::Column::RegionCode)).like(format!("{prefix}%")));
    village_join(&mut paired, (pairing::Entity.into_iden(), pairing::Column::VillageId.into_iden()));
    paired.add_group_by([county_expr()]);
    // Villages whose verified collective income reached the threshold.
    let mut above = Query::select();
    above
        .expr_as(county_expr(), Alias::new("county"))
        .expr_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), Alias::new("n"))
        .from(entity::collective_income::Entity)
        .and_where(Expr::col((entity::collective_income::Entity, entity::collective_income::Column::Year)).eq(year))
        .and_where(
            Expr::col((entity::collective_income::Entity, entity::collective_income::Column::Status))
                .eq(crate::domain::IncomeStatus::Verified.code()),
        )
        .and_where(
            Expr::col((entity::collective_income::Entity, entity::collective_income::Column::AmountFen))
                .gte(crate::governance::income::THRESHOLD_FEN),
        )
        .and_where(Expr::col((v.clone(), organisation::Column::Kind)).eq(crate::domain::OrgKind::Village.code()))
        .and_where(Expr::col((v, organisation::Column::RegionCode)).like(format!("{prefix}%")));
    village_join(
        &mut above,
        (entity::collective_income::Entity.into_iden(), entity::collective_income::Column::VillageId.into_iden()),
    );
    above.add_group_by([county_expr()]);
    for (stmt, indicator) in [(paired, PlanIndicator::VillagesPaired), (above, PlanIndicator::IncomeAbove)] {
        for row in db.query_all_raw(db.get_database_backend().build(&stmt)).await? {
            let county: String = row.try_get("", "county")?;
            let n: i64 = row.try_get("", "n")?;
            out.entry(key(county)).or_default().by_indicator.insert(indicator.code(), n);
        }
    }
    for a in out.values_mut() {
        for i in [PlanIndicator::VillagesPaired, PlanIndicator::IncomeAbove] {
            a.by_indicator.entry(i.code()).or_insert(0);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_in_yuan_or_as_counts_and_empty_means_none() {
        assert_eq!(parse_target("1,200.50", PlanIndicator::IndustryFen), Ok(Some(120_050)));
        assert_eq!(parse_target("", PlanIndicator::Jobs), Ok(None));
        assert_eq!(parse_target("1,500", PlanIndicator::Jobs), Ok(Some(1_500)));
        assert!(parse_target("-3", PlanIndicator::Jobs).is_err());
        assert!(parse_target("十个", PlanIndicator::VillagesPaired).is_err());
        assert!(parse_target("abc", PlanIndicator::CharityFen).is_err());
        assert_eq!(parse_target("５０００", PlanIndicator::Jobs), Ok(Some(5_000)));
        assert_eq!(parse_target("１２．５", PlanIndicator::IndustryFen), Ok(Some(1_250)));
    }
}
