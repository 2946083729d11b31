//! Cadre–household pairing (党员干部结对帮扶, issue 16): an office covering a village pairs a
//! cadre with a household of the village's register; the cadre logs visits and help measures.
//!
//! - **The register of cadres** is the accounts that may be paired: those of a help unit whose
//!   assignment (in force) includes the village, and the staff of the offices covering it. The
//!   system administrator makes a help unit's accounts, one per cadre.
//! - **One cadre per household at a time**, at most [`MAX_HOUSEHOLDS`] households per cadre;
//!   a pairing ends with its date and reason and stays as history.
//! - **Private** (PIPL): the household's record is read by the village, the paired cadre while
//!   paired, the offices covering the village and auditors; never public, never in the API or
//!   an export. A visit's note takes no number that could be a phone, an ID or a bank account;
//!   notes are erased with the head's name when the household has been off the register for
//!   the retention period.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{
    household, household_pairing, household_visit, organisation, responsibility, responsibility_village, user,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::households::ERASED;
use super::monitoring::{Measure, has_personal_number};
use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::{SessionUser, jurisdiction_covers};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// The most households one cadre is paired with at a time.
pub const MAX_HOUSEHOLDS: usize = 10;

/// A cadre who may be paired with households of a village.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Cadre {
    pub id: i32,
    pub name: String,
    /// The help unit's or the office's name.
    pub unit: String,
}

/// The cadres who may be paired with households of `village`: accounts of help units whose
/// assignment in force includes it, and staff of the offices covering it (not disabled).
pub async fn eligible<C: ConnectionTrait>(db: &C, village: &organisation::Model) -> Result<Vec<Cadre>> {
    let units: HashMap<i32, String> = responsibility::Entity::find()
        .filter(responsibility::Column::ToDate.is_null())
        .filter(
            responsibility::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(responsibility_village::Column::ResponsibilityId)
                    .from(responsibility_village::Entity)
                    .and_where(Expr::col(responsibility_village::Column::VillageId).eq(village.id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let offices: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .all(db)
        .await?
        .into_iter()
        .filter(|o| jurisdiction_covers(super::team::jurisdiction_of(o), &village.region_code))
        .map(|o| (o.id, o.name))
        .collect();
    let mut out = Vec::new();
    let users = user::Entity::find()
        .filter(user::Column::Disabled.eq(false))
        .filter(
            sea_orm::Condition::any()
                .add(
                    user::Column::Role
                        .eq(Role::HelpUnit.code())
                        .and(user::Column::UnitId.is_in(units.keys().copied().collect::<Vec<_>>())),
                )
                .add(
                    user::Column::Role
                        .eq(Role::Office.code())
                        .and(user::Column::OrganisationId.is_in(offices.keys().copied().collect::<Vec<_>>())),
                ),
        )
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    for u in users {
        let unit = match (u.unit_id.and_then(|i| units.get(&i)), u.organisation_id.and_then(|i| offices.get(&i))) {
            (Some(n), _) | (None, Some(n)) => n.clone(),
            (None, None) => continue,
        };
        out.push(Cadre { id: u.id, name: u.display_name, unit });
    }
    Ok(out)
}

/// Whether `user` may read pairing `p` of `village` (its household's record and visits): the
/// village, its offices and auditors (as the register), and the paired cadre while paired.
pub fn may_read(user: &SessionUser, village: &organisation::Model, p: &household_pairing::Model) -> bool {
    super::households::may_read(user, village) || (p.cadre_id == user.id && p.to_date.is_none())
}

/// Pairs cadre `cadre` with household `household`, from `from` (today when empty): the office
/// must cover the household's village; the household on the register (not left, not erased)
/// and without a cadre; the cadre eligible and under [`MAX_HOUSEHOLDS`]. One transaction with
/// its audit event (which names no one).
pub async fn pair(
    db: &DatabaseConnection,
    office: &SessionUser,
    household: i32,
    cadre: &str,
    now: DateTime<Utc>,
) -> Result<household_pairing::Model> {
    if office.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    let h = household::Entity::find_by_id(household).one(db).await?.ok_or(AppError::NotFound)?;
    let village = organisation::Entity::find_by_id(h.village_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !office.covers(&village.region_code) {
        return Err(AppError::NotFound);
    }
    if h.left_year.is_some() || h.head_name == ERASED {
        return Err(AppError::Conflict("这一户已退出建档立卡，不再结对".into()));
    }
    let Some(cadre) = cadre.trim().parse::<i32>().ok() else {
        return Err(AppError::field("cadre", "请选择结对的干部"));
    };
    let Some(who) = eligible(db, &village).await?.into_iter().find(|c| c.id == cadre) else {
        return Err(AppError::field("cadre", "这位干部不在联系本村的帮扶单位或主管扶贫办名单中"));
    };
    let today = crate::clock::to_shanghai(now).date_naive();
    let txn = crate::db::write(db).await?;
    // Under the write lock: the household's pairing and the cadre's load as they are now.
    let open: Vec<household_pairing::Model> = household_pairing::Entity::find()
        .filter(household_pairing::Column::ToDate.is_null())
        .filter(household_pairing::Column::HouseholdId.eq(h.id).or(household_pairing::Column::CadreId.eq(cadre)))
        .all(&txn)
        .await?;
    if let Some(p) = open.iter().find(|p| p.household_id == h.id) {
        let name = user::Entity::find_by_id(p.cadre_id).one(&txn).await?.map(|u| u.display_name).unwrap_or_default();
        return Err(AppError::Conflict(format!(
            "这一户已由{name}结对帮扶（{} 起）；先结束那次结对，再换人",
            p.from_date
        )));
    }
    if open.iter().filter(|p| p.cadre_id == cadre).count() >= MAX_HOUSEHOLDS {
        return Err(AppError::field("cadre", format!("{}已结对 {MAX_HOUSEHOLDS} 户，请选择其他干部", who.name)));
    }
    let p = household_pairing::ActiveModel {
        household_id: Set(h.id),
        village_id: Set(village.id),
        cadre_id: Set(cadre),
        from_date: Set(today),
        to_date: Set(None),
        end_reason: Set(None),
        created_by: Set(office.id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(office.id, &office.login),
        Event {
            action: "household_pairing.create",
            entity: "household_pairing",
            entity_id: p.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "village_id": village.id, "from_date": today.to_string() })),
        },
    )
    .await?;
    crate::pairings::notify_users(
        &txn,
        &user::Entity::find_by_id(cadre).all(&txn).await?,
        &format!("您已与{}的一户建档立卡户结对帮扶", village.name),
        &format!("/cadre/pairings/{}", p.id),
        now,
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(p)
}

/// Ends pairing `id` with its reason, once: a conditional update (of two offices ending it at
/// once, the second is told when and why it ended).
pub async fn end(
    db: &DatabaseConnection,
    office: &SessionUser,
    id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<household_pairing::Model> {
    let p = household_pairing::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let village = organisation::Entity::find_by_id(p.village_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !office.covers(&village.region_code) {
        return Err(AppError::NotFound);
    }
    let reason = reason.trim();
    if !(2..=200).contains(&reason.chars().count()) || has_personal_number(reason) {
        return Err(AppError::field("reason", "请写明结束结对的原因（2–200 字，不写电话、证件号）"));
    }
    let today = crate::clock::to_shanghai(now).date_naive();
    let txn = crate::db::write(db).await?;
    let done = household_pairing::Entity::update_many()
        .col_expr(household_pairing::Column::ToDate, Expr::value(today))
        .col_expr(household_pairing::Column::EndReason, Expr::value(reason))
        .col_expr(household_pairing::Column::UpdatedAt, Expr::value(now))
        .filter(household_pairing::Column::Id.eq(id))
        .filter(household_pairing::Column::ToDate.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        drop(txn);
        let now_p = household_pairing::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
        return Err(AppError::Conflict(format!(
            "这次结对已于 {} 结束（{}）",
            now_p.to_date.map(|d| d.to_string()).unwrap_or_default(),
            now_p.end_reason.unwrap_or_default()
        )));
    }
    crate::pairings::notify_users(
        &txn,
        &user::Entity::find_by_id(p.cadre_id).all(&txn).await?,
        &format!("您与{}一户建档立卡户的结对已结束：{reason}", village.name),
        "/cadre",
        now,
    )
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(office.id, &office.login),
        Event {
            action: "household_pairing.end",
            entity: "household_pairing",
            entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "to_date": today.to_string(), "reason": reason })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    household_pairing::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// What a cadre types to log a visit.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct VisitForm {
    pub visited_on: String,
    /// `visit` or `measure`.
    pub kind: String,
    pub measure: String,
    pub note: String,
}

/// The visit form's fields, in order.
pub const VISIT_FIELDS: &[&str] = &["visited_on", "kind", "measure", "note"];

/// Logs a visit or measure of pairing `id` by its cadre (only while paired).
pub async fn visit(
    db: &DatabaseConnection,
    cadre: &SessionUser,
    id: i32,
    form: &VisitForm,
    now: DateTime<Utc>,
) -> Result<household_visit::Model> {
    let p = household_pairing::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if p.cadre_id != cadre.id {
        return Err(AppError::NotFound);
    }
    if let Some(to) = p.to_date {
        return Err(AppError::Conflict(format!("这次结对已于 {to} 结束，不能再登记走访")));
    }
    let today = crate::clock::to_shanghai(now).date_naive();
    let mut errors = FieldErrors::new();
    let on = crate::listings::parse_date(&form.visited_on, "visited_on", &mut errors);
    match on {
        None if form.visited_on.trim().is_empty() => errors.push(("visited_on".into(), "请填写日期".into())),
        Some(d) if d > today || d < p.from_date => {
            errors.push(("visited_on".into(), format!("日期应在结对之日 {} 到今天之间", p.from_date)));
        }
        _ => {}
    }
    let kind = form.kind.trim();
    if !matches!(kind, "visit" | "measure") {
        errors.push(("kind".into(), "请选择走访或帮扶措施".into()));
    }
    let measure = Measure::parse(form.measure.trim());
    if kind == "measure" && measure.is_none() {
        errors.push(("measure".into(), "请选择措施类别".into()));
    }
    let note = form.note.trim().to_owned();
    if !(4..=300).contains(&note.chars().count()) {
        errors.push(("note".into(), "请填写走访情况或措施内容（4–300 字）".into()));
    } else if has_personal_number(&note) {
        errors.push(("note".into(), "请不要写入身份证号、电话或银行卡号".into()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let Some(on) = on else { return Err(AppError::field("visited_on", "请填写日期")) };
    let txn = crate::db::write(db).await?;
    // The same visit sent twice (a double click, a page sent again) is kept once.
    let same = household_visit::Entity::find()
        .filter(household_visit::Column::PairingId.eq(p.id))
        .filter(household_visit::Column::VisitedOn.eq(on))
        .filter(household_visit::Column::Kind.eq(kind))
        .filter(household_visit::Column::Note.eq(note.as_str()))
        .one(&txn)
        .await?;
    if same.is_some() {
        return Err(AppError::Conflict(format!("{on} 的这条记录已经登记过，没有重复登记")));
    }
    let v = household_visit::ActiveModel {
        pairing_id: Set(p.id),
        visited_on: Set(on),
        kind: Set(kind.to_owned()),
        measure: Set(if kind == "measure" { measure.map(|m| m.code().to_owned()) } else { None }),
        note: Set(note),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(cadre.id, &cadre.login),
        Event {
            action: "household_visit.create",
            entity: "household_pairing",
            entity_id: p.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "visited_on": on.to_string(), "kind": kind })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(v)
}

/// The pairings of `households` (ids), newest first, each with its cadre's name.
pub async fn of_households<C: ConnectionTrait>(
    db: &C,
    households: Vec<i32>,
) -> Result<Vec<(household_pairing::Model, String)>> {
    let pairings = household_pairing::Entity::find()
        .filter(household_pairing::Column::HouseholdId.is_in(households))
        .order_by_desc(household_pairing::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(pairings.iter().map(|p| p.cadre_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(pairings
        .into_iter()
        .map(|p| {
            let n = names.get(&p.cadre_id).cloned().unwrap_or_default();
            (p, n)
        })
        .collect())
}

/// Erases the notes of visits to households whose name the retention rule erased.
pub async fn erase_notes_of_erased<C: ConnectionTrait>(db: &C) -> Result<u64> {
    let done = household_visit::Entity::update_many()
        .col_expr(household_visit::Column::Note, Expr::value(ERASED))
        .filter(household_visit::Column::Note.ne(ERASED))
        .filter(
            household_visit::Column::PairingId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(household_pairing::Column::Id)
                    .from(household_pairing::Entity)
                    .and_where(
                        Expr::col(household_pairing::Column::HouseholdId).in_subquery(
                            sea_orm::sea_query::Query::select()
                                .column(household::Column::Id)
                                .from(household::Entity)
                                .and_where(Expr::col(household::Column::HeadName).eq(ERASED))
                                .to_owned(),
                        ),
                    )
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
