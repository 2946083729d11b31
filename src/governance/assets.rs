//! Project assets (项目资产, issue 17): what an industry or infrastructure project (an agreement)
//! left to the village collective — its kind (经营性 / 公益性 / 到户类), value and handover day —
//! recorded by the office covering the village; for an operating asset, its income by year,
//! reported by the village. An operating asset handed over a year ago or more with no income in
//! the last two years is raised by the supervision scan as possibly idle (闲置).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::{agreement, asset_income, organisation, pairing, project_asset};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::SessionUser;
use crate::domain::{AgreementStatus, OrgStatus, vocabulary};
use crate::error::{AppError, Result};
use crate::money::Money;

/// Days after handover from which an operating asset is expected to earn.
pub const IDLE_DAYS: i64 = 365;

/// The largest value or yearly income an asset may be recorded with (10 亿元).
const MAX_FEN: i64 = 100_000_000_000;

vocabulary!(
    /// What kind of asset a project left.
    AssetKind {
        Operating = "operating", "经营性资产";
        Public = "public", "公益性资产";
        Household = "household", "到户类资产";
    }
);

/// What the office types to record an asset.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetForm {
    pub agreement: String,
    pub name: String,
    pub kind: String,
    pub value: String,
    pub handed_over_on: String,
}

/// The asset form's fields, in order.
pub const ASSET_FIELDS: &[&str] = &["agreement", "name", "kind", "value", "handed_over_on"];

/// The village of an agreement.
async fn village_of<C: ConnectionTrait>(db: &C, a: &agreement::Model) -> Result<Option<organisation::Model>> {
    let Some(p) = pairing::Entity::find_by_id(a.pairing_id).one(db).await? else { return Ok(None) };
    Ok(organisation::Entity::find_by_id(p.village_id).one(db).await?)
}

/// Whether `user` may read the assets of `village`: its own verified staff, an office covering
/// it, the auditor.
pub fn may_read(user: &SessionUser, village: &organisation::Model) -> bool {
    match user.role {
        Role::Village => {
            user.organisation_id == Some(village.id) && user.organisation_status == Some(OrgStatus::Verified)
        }
        Role::Office => user.covers(&village.region_code),
        Role::Auditor => true,
        _ => false,
    }
}

/// Records an asset of an agreement in force or completed, by an office covering its village;
/// every wrong field named, nothing written. One transaction with its audit event.
pub async fn record(
    db: &DatabaseConnection,
    user: &SessionUser,
    form: &AssetForm,
    now: DateTime<Utc>,
) -> Result<project_asset::Model> {
    if user.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    let today = crate::clock::to_shanghai(now).date_naive();
    let mut errors = FieldErrors::new();
    let agreement = match form.agreement.trim().parse::<i32>() {
        Ok(id) => agreement::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    };
    let village = match &agreement {
        Some(a) => village_of(db, a).await?,
        None => None,
    };
    let usable = agreement
        .as_ref()
        .is_some_and(|a| a.status == AgreementStatus::Active.code() || a.status == AgreementStatus::Completed.code());
    match &village {
        Some(v) if usable && user.covers(&v.region_code) => {}
        _ => errors.push(("agreement".into(), "请选择本辖区内执行中或已完成的帮扶协议".into())),
    }
    let name = form.name.trim().to_owned();
    if !(2..=100).contains(&name.chars().count()) {
        errors.push(("name".into(), "请填写资产名称（2–100 字）".into()));
    }
    let kind = AssetKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.push(("kind".into(), "请选择资产类别".into()));
    }
    let value = match Money::parse_yuan(&form.value) {
        Ok(m) if m.0 > 0 && m.0 <= MAX_FEN => Some(m),
        Ok(m) if m.0 > MAX_FEN => {
            errors.push(("value".into(), "金额过大：一项资产不超过 10 亿元".into()));
            None
        }
        _ => {
            errors.push(("value".into(), "资产价值应为大于 0 的金额（元），如 120000 或 120000.50".into()));
            None
        }
    };
    let day = crate::listings::parse_date(&form.handed_over_on, "handed_over_on", &mut errors);
    match (day, &agreement) {
        (None, _) if form.handed_over_on.trim().is_empty() => {
            errors.push(("handed_over_on".into(), "请填写移交日期".into()));
        }
        (Some(d), Some(a)) if d > today || d < a.starts_on => {
            errors.push(("handed_over_on".into(), format!("移交日期应在协议开始（{}）到今天之间", a.starts_on)));
        }
        _ => {}
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(a), Some(v), Some(kind), Some(value), Some(day)) = (agreement, village, kind, value, day) else {
        return Err(AppError::field("_form", "表单内容不完整"));
    };
    let txn = crate::db::write(db).await?;
    // The same asset recorded twice (a double click, a page sent again) is kept once.
    let same = project_asset::Entity::find()
        .filter(project_asset::Column::AgreementId.eq(a.id))
        .filter(project_asset::Column::Name.eq(name.as_str()))
        .one(&txn)
        .await?;
    if let Some(s) = same {
        return Err(AppError::Conflict(format!(
            "协议「{}」已登记过资产「{}」（{} 移交），没有重复登记",
            a.title, s.name, s.handed_over_on
        )));
    }
    let asset = project_asset::ActiveModel {
        agreement_id: Set(a.id),
        village_id: Set(v.id),
        name: Set(name),
        kind: Set(kind.code().to_owned()),
        value_fen: Set(value.0),
        handed_over_on: Set(day),
        recorded_by: Set(user.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "asset.create",
            entity: "project_asset",
            entity_id: asset.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "agreement_id": a.id, "village_id": v.id, "name": asset.name, "kind": kind.code(),
                "value_fen": value.0, "handed_over_on": day.to_string(),
            })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(asset)
}

/// What the village types to report an operating asset's income for a year.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IncomeForm {
    pub year: String,
    pub income: String,
}

/// Reports (or corrects) an operating asset's income for a year: its village (offices read it).
/// The year runs from the handover's to this one; zero is a valid answer (the
/// asset earned nothing). One transaction with its audit event (before and after).
pub async fn report_income(
    db: &DatabaseConnection,
    user: &SessionUser,
    asset: i32,
    form: &IncomeForm,
    now: DateTime<Utc>,
) -> Result<(project_asset::Model, i32, Money, Option<Money>)> {
    let a = project_asset::Entity::find_by_id(asset).one(db).await?.ok_or(AppError::NotFound)?;
    let village = organisation::Entity::find_by_id(a.village_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !may_read(user, &village) {
        return Err(AppError::NotFound);
    }
    if user.role != Role::Village {
        return Err(AppError::Forbidden);
    }
    if a.kind != AssetKind::Operating.code() {
        return Err(AppError::Conflict(format!("「{}」是{}，不登记收益", a.name, kind_label(&a.kind))));
    }
    let this_year = crate::clock::to_shanghai(now).year();
    let mut errors = FieldErrors::new();
    let year = form.year.trim().trim_end_matches('年').parse::<i32>().ok();
    let first = a.handed_over_on.year();
    let year = match year {
        Some(y) if (first..=this_year).contains(&y) => Some(y),
        _ => {
            errors.push(("year".into(), format!("年度应在移交当年 {first} 到 {this_year} 之间")));
            None
        }
    };
    let income = match Money::parse_yuan(&form.income) {
        Ok(m) if m.0 >= 0 && m.0 <= MAX_FEN => Some(m),
        Ok(m) if m.0 > MAX_FEN => {
            errors.push(("income".into(), "金额过大：一年的收益不超过 10 亿元".into()));
            None
        }
        _ => {
            errors.push(("income".into(), "收益应为不小于 0 的金额（元）；当年没有收益填 0".into()));
            None
        }
    };
    let (Some(year), Some(income)) = (year, income) else { return Err(AppError::Invalid(errors)) };
    let txn = crate::db::write(db).await?;
    let before = asset_income::Entity::find_by_id((a.id, year)).one(&txn).await?;
    let row = asset_income::ActiveModel {
        asset_id: Set(a.id),
        year: Set(year),
        income_fen: Set(income.0),
        reported_by: Set(user.id),
        reported_at: Set(now),
    };
    if before.is_some() {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "asset.income",
            entity: "project_asset",
            entity_id: a.id.to_string(),
            before: before.as_ref().map(|b| serde_json::json!({ "year": b.year, "amount_fen": b.income_fen })),
            after: Some(serde_json::json!({ "year": year, "amount_fen": income.0 })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok((a, year, income, before.map(|b| Money(b.income_fen))))
}

/// A kind's word.
pub fn kind_label(code: &str) -> &'static str {
    AssetKind::parse(code).map_or("", AssetKind::label)
}

/// Every asset's income by year.
pub async fn incomes<C: ConnectionTrait>(db: &C, assets: &[i32]) -> Result<HashMap<i32, Vec<(i32, i64)>>> {
    let mut out: HashMap<i32, Vec<(i32, i64)>> = HashMap::new();
    for chunk in assets.chunks(10_000) {
        for r in asset_income::Entity::find()
            .filter(asset_income::Column::AssetId.is_in(chunk.to_vec()))
            .order_by_asc(asset_income::Column::Year)
            .all(db)
            .await?
        {
            out.entry(r.asset_id).or_default().push((r.year, r.income_fen));
        }
    }
    Ok(out)
}

/// Whether an operating asset handed over on `handed` with `income` by year looks idle on
/// `today`: a year or more since handover and no income above zero this year or last.
pub fn looks_idle(kind: &str, handed: NaiveDate, income: &[(i32, i64)], today: NaiveDate) -> bool {
    kind == AssetKind::Operating.code()
        && handed <= today - Duration::days(IDLE_DAYS)
        && !income.iter().any(|(y, fen)| *y >= today.year() - 1 && *fen > 0)
}

/// Operating assets that look idle on `today` (for the supervision scan).
pub async fn idle<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<Vec<project_asset::Model>> {
    let candidates = project_asset::Entity::find()
        .filter(project_asset::Column::Kind.eq(AssetKind::Operating.code()))
        .filter(project_asset::Column::HandedOverOn.lte(today - Duration::days(IDLE_DAYS)))
        .all(db)
        .await?;
    let income = incomes(db, &candidates.iter().map(|a| a.id).collect::<Vec<_>>()).await?;
    Ok(candidates
        .into_iter()
        .filter(|a| looks_idle(&a.kind, a.handed_over_on, income.get(&a.id).map_or(&[][..], Vec::as_slice), today))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operating_asset_with_no_recent_income_a_year_after_handover_looks_idle() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date");
        let today = d("2026-12-05");
        assert!(looks_idle("operating", d("2025-10-01"), &[], today));
        assert!(looks_idle("operating", d("2024-10-01"), &[(2024, 50_000), (2025, 0)], today));
        assert!(!looks_idle("operating", d("2024-10-01"), &[(2025, 50_000)], today), "earned last year");
        assert!(!looks_idle("operating", d("2026-01-10"), &[], today), "less than a year");
        assert!(!looks_idle("public", d("2020-01-01"), &[], today), "a road earns nothing by design");
    }
}
