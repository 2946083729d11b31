//! What an office decides on an assessed unit (考核结果运用): 通报表彰, 奖励, 通报批评, 诫勉谈话,
//! or 限期整改 with a deadline and a tracked closure. Each decision has a reason, is put on the
//! public list of outcomes and on public notice (公示, with the window in which anyone may
//! object, handled by the deciding office as any objection), and told to the unit (an
//! enterprise, the county's office, the office that recorded a help unit). A revoked outcome's
//! notice ends at once.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{assessment_outcome, organisation, region, responsibility};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::SessionUser;
use crate::domain::{OrgKind, OutcomeKind, SubjectKind};
use crate::error::{AppError, Result};

/// An assessed unit as outcomes name it.
#[derive(Clone, Debug)]
pub struct Subject {
    pub kind: SubjectKind,
    pub key: String,
    pub name: String,
    /// Where it is, for the office's jurisdiction.
    pub region_code: String,
    /// Who is told of a decision (organisations).
    pub told: Vec<i32>,
    /// Where an enterprise helps (its partner villages' regions): an office covering one of
    /// them reads and decides on it too.
    pub serves: Vec<String>,
    /// The longest jurisdiction prefix an office deciding on it may have: a county is judged
    /// from above (the city), a help unit by the level that recorded it or above, an enterprise
    /// by any covering office.
    pub decided_from: usize,
}

impl Subject {
    /// Whether an office `user` covers it (its region or, for an enterprise, a village it helps).
    pub fn covered_by(&self, user: &SessionUser) -> bool {
        user.covers(&self.region_code) || self.serves.iter().any(|r| user.covers(r))
    }

    /// Whether `user` may decide outcomes on it.
    pub fn decidable_by(&self, user: &SessionUser) -> bool {
        user.role == Role::Office
            && self.covered_by(user)
            && user
                .jurisdiction
                .as_deref()
                .is_some_and(|j| crate::auth::guard::region_prefix(j).len() <= self.decided_from)
    }
}

/// The regions of the villages an enterprise has approved pairings with.
async fn served<C: ConnectionTrait>(db: &C, enterprise: i32) -> Result<Vec<String>> {
    use entity::pairing;
    use sea_orm::sea_query::ExprTrait;
    let villages = sea_orm::sea_query::Query::select()
        .column(pairing::Column::VillageId)
        .from(pairing::Entity)
        .and_where(sea_orm::sea_query::Expr::col(pairing::Column::EnterpriseId).eq(enterprise))
        .and_where(
            sea_orm::sea_query::Expr::col(pairing::Column::Status).eq(crate::domain::PairingStatus::Approved.code()),
        )
        .to_owned();
    let mut regions: Vec<String> = organisation::Entity::find()
        .filter(organisation::Column::Id.in_subquery(villages))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.region_code)
        .collect();
    regions.sort();
    regions.dedup();
    Ok(regions)
}

/// The unit `kind`/`key` names, if it exists.
pub async fn subject<C: ConnectionTrait>(db: &C, kind: SubjectKind, key: &str) -> Result<Option<Subject>> {
    Ok(match kind {
        SubjectKind::County => {
            let code = format!("{key}000000");
            if key.len() != 6 || !key.chars().all(|c| c.is_ascii_digit()) {
                return Ok(None);
            }
            match region::Entity::find_by_id(code.clone()).one(db).await? {
                Some(r) => Some(Subject {
                    kind,
                    key: key.to_owned(),
                    name: r.name,
                    // The county's own office (the nearest staffed one when it has none).
                    told: crate::pairings::nearest_offices(db, &code, &[2, 4, 6]).await?,
                    region_code: code,
                    serves: Vec::new(),
                    decided_from: 4,
                }),
                None => None,
            }
        }
        SubjectKind::Enterprise => {
            let found = match key.parse::<i32>() {
                Ok(id) => organisation::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .filter(|o| o.kind == OrgKind::Enterprise.code() && o.id.to_string() == key),
                Err(_) => None,
            };
            match found {
                Some(o) => Some(Subject {
                    kind,
                    key: key.to_owned(),
                    serves: served(db, o.id).await?,
                    name: o.name,
                    region_code: o.region_code,
                    told: vec![o.id],
                    decided_from: 12,
                }),
                None => None,
            }
        }
        SubjectKind::Unit => {
            let found = match key.parse::<i32>() {
                Ok(id) => responsibility::Entity::find_by_id(id).one(db).await?.filter(|r| r.id.to_string() == key),
                Err(_) => None,
            };
            match found {
                Some(r) => {
                    let level = organisation::Entity::find_by_id(r.office_id)
                        .one(db)
                        .await?
                        .and_then(|o| o.jurisdiction_code)
                        .map_or(4, |j| crate::auth::guard::region_prefix(&j).len());
                    Some(Subject {
                        kind,
                        key: key.to_owned(),
                        name: r.name,
                        region_code: r.county_code,
                        told: vec![r.office_id],
                        serves: Vec::new(),
                        decided_from: level,
                    })
                }
                None => None,
            }
        }
    })
}

/// What the office typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Decision {
    pub year: String,
    pub kind: String,
    pub reason: String,
    pub deadline: String,
}

/// The fields of the decision form.
pub const FIELDS: &[&str] = &["year", "kind", "reason", "deadline"];

/// Decides an outcome on `subject` in one transaction with its audit event, its public notice
/// (`notice_days`) and the messages. The same outcome for the same unit and year is decided
/// once (409 after).
pub async fn decide(
    db: &DatabaseConnection,
    user: &SessionUser,
    subject: &Subject,
    d: &Decision,
    today: NaiveDate,
    now: DateTime<Utc>,
    notice_days: i64,
) -> Result<assessment_outcome::Model> {
    if user.role != Role::Office || !subject.covered_by(user) {
        return Err(AppError::Forbidden);
    }
    if !subject.decidable_by(user) {
        return Err(AppError::Conflict(match subject.kind {
            SubjectKind::County => "对县（市、区）的考核结果由市扶贫办或更上级作出，县扶贫办不能对本县作出".to_owned(),
            _ => "这个帮扶单位由上级扶贫办登记，考核结果由登记它的扶贫办或更上级作出".to_owned(),
        }));
    }
    let office = user.organisation_id.ok_or(AppError::Forbidden)?;
    let mut errors = FieldErrors::new();
    use chrono::Datelike;
    let year = d.year.trim().parse::<i32>().ok().filter(|y| (FIRST_YEAR..=today.year()).contains(y));
    if year.is_none() {
        errors.push(("year".into(), format!("请选择已经开始的考核年度（{FIRST_YEAR}–{} 年）", today.year())));
    }
    let kind = OutcomeKind::parse(d.kind.trim());
    if kind.is_none() {
        errors.push(("kind".into(), "请选择结果运用方式".into()));
    }
    let reason = d.reason.trim();
    if !(4..=500).contains(&reason.chars().count()) {
        errors.push(("reason".into(), "请写明依据和理由（4–500 字），将随结果一并公示".into()));
    }
    let deadline = crate::listings::parse_date(&d.deadline, "deadline", &mut errors);
    match (kind, deadline) {
        (Some(OutcomeKind::Rectify), None) if d.deadline.trim().is_empty() => {
            errors.push(("deadline".into(), "限期整改须填写整改期限".into()))
        }
        (Some(OutcomeKind::Rectify), Some(day)) if day <= today => {
            errors.push(("deadline".into(), "整改期限应在今天之后".into()))
        }
        (Some(k), Some(_)) if k != OutcomeKind::Rectify => {
            errors.push(("deadline".into(), "只有限期整改需要期限，其他方式请留空".into()))
        }
        _ => {}
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(year), Some(kind)) = (year, kind) else { return Err(AppError::field("_form", "表单内容不完整")) };
    let txn = crate::db::write(db).await?;
    // Under the write lock: what stands for the unit and year (revoked ones do not).
    let standing = assessment_outcome::Entity::find()
        .filter(assessment_outcome::Column::Year.eq(year))
        .filter(assessment_outcome::Column::SubjectKind.eq(subject.kind.code()))
        .filter(assessment_outcome::Column::SubjectKey.eq(subject.key.clone()))
        .filter(assessment_outcome::Column::RevokedAt.is_null())
        .all(&txn)
        .await?;
    for o in &standing {
        let Some(theirs) = OutcomeKind::parse(&o.kind) else { continue };
        if theirs == kind {
            return Err(AppError::Conflict(format!(
                "{}的 {year} 年度考核已作出「{}」，同一结果不重复作出；如需更正，请先撤销原结果",
                subject.name,
                kind.label()
            )));
        }
        if theirs.is_praise() != kind.is_praise() {
            return Err(AppError::Conflict(format!(
                "{}的 {year} 年度考核已作出「{}」，不能同时作出「{}」；如需更正，请先撤销原结果",
                subject.name,
                theirs.label(),
                kind.label()
            )));
        }
    }
    let saved = assessment_outcome::ActiveModel {
        year: Set(year),
        subject_kind: Set(subject.kind.code().into()),
        subject_key: Set(subject.key.clone()),
        subject_name: Set(subject.name.clone()),
        kind: Set(kind.code().into()),
        reason: Set(reason.to_owned()),
        deadline: Set(deadline.filter(|_| kind == OutcomeKind::Rectify)),
        office_id: Set(office),
        decided_by: Set(user.id),
        decided_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "assessment.outcome",
            entity: "assessment_outcome",
            entity_id: saved.id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "name": subject.name,
                "year": year,
                "kind": kind.label(),
                "reason": reason,
                "deadline": saved.deadline.map(|d| d.to_string()),
            })),
        },
    )
    .await?;
    let title = match saved.deadline {
        Some(day) => format!("{year} 年度考核：{}「{}」，期限 {day}：{reason}", subject.name, kind.label()),
        None => format!("{year} 年度考核：{}「{}」：{reason}", subject.name, kind.label()),
    };
    // On notice in the deciding office's jurisdiction: objections come to it.
    let notice_title = format!("考核结果公示：{}（{year} 年度）{}", subject.name, kind.label());
    let summary = match saved.deadline {
        Some(day) => format!(
            "{}对{}作出「{}」，整改期限 {day}。理由：{reason}",
            user_office_name(&txn, office).await?,
            subject.name,
            kind.label()
        ),
        None => format!(
            "{}对{}作出「{}」。理由：{reason}",
            user_office_name(&txn, office).await?,
            subject.name,
            kind.label()
        ),
    };
    let region = user.jurisdiction.clone().unwrap_or_else(|| subject.region_code.clone());
    let notice = crate::notices::Notice {
        entity: NOTICE_ENTITY,
        id: saved.id,
        title: &notice_title,
        summary: &summary,
        region_code: &region,
    };
    crate::notices::publish(&txn, notice, now, notice_days).await?;
    let link = format!("/assessment/{}/{}?year={year}", subject.kind.code(), subject.key);
    tell(&txn, subject, office, &title, &link, now).await?;
    crate::db::commit(txn).await?;
    Ok(saved)
}

/// The name of office `id`.
async fn user_office_name<C: ConnectionTrait>(db: &C, id: i32) -> Result<String> {
    Ok(organisation::Entity::find_by_id(id).one(db).await?.map(|o| o.name).unwrap_or_default())
}

/// Who hears of a decision: the unit's side, not the office that made it.
fn told(subject: &Subject, office: i32) -> Vec<i32> {
    subject.told.iter().copied().filter(|&o| o != office).collect()
}

/// Tells the subject's organisations (not the deciding `office`) and, for a help unit, its own
/// accounts.
async fn tell<C: ConnectionTrait>(
    txn: &C,
    subject: &Subject,
    office: i32,
    title: &str,
    link: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    crate::pairings::notify(txn, &told(subject, office), title, link, now).await?;
    if subject.kind == SubjectKind::Unit
        && let Ok(unit) = subject.key.parse::<i32>()
    {
        let accounts = entity::user::Entity::find()
            .filter(entity::user::Column::UnitId.eq(unit))
            .filter(entity::user::Column::Disabled.eq(false))
            .all(txn)
            .await?;
        crate::pairings::notify_users(txn, &accounts, title, link, now).await?;
    }
    Ok(())
}

/// Outcome `id`, its row locked, with its unit — for an office that may decide on that unit.
async fn locked<C: ConnectionTrait>(
    txn: &C,
    user: &SessionUser,
    id: i32,
) -> Result<(assessment_outcome::Model, SubjectKind, Subject)> {
    let o = assessment_outcome::Entity::find_by_id(id).lock_exclusive().one(txn).await?.ok_or(AppError::NotFound)?;
    let Some(kind) = SubjectKind::parse(&o.subject_kind) else { return Err(AppError::NotFound) };
    let Some(subject) = subject(txn, kind, &o.subject_key).await? else { return Err(AppError::NotFound) };
    if !subject.decidable_by(user) {
        return Err(AppError::Forbidden);
    }
    Ok((o, kind, subject))
}

/// What a notice of an outcome names as its record (the notice's entity column is short).
pub const NOTICE_ENTITY: &str = "outcome";

/// The first year a decision may be about (the drive began in 2015).
pub const FIRST_YEAR: i32 = 2015;

/// Revokes outcome `id` (a mistaken decision) with a reason, decided on the locked row: it stays
/// on the public list marked revoked; revoked once (409 after).
pub async fn revoke(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<assessment_outcome::Model> {
    let reason = reason.trim();
    let txn = crate::db::write(db).await?;
    let (o, kind, subject) = locked(&txn, user, id).await?;
    if let Some(at) = o.revoked_at {
        return Err(AppError::Conflict(format!(
            "这项结果已于 {} 撤销（{}），不能重复撤销",
            crate::clock::to_shanghai(at).format("%Y-%m-%d"),
            o.revoke_reason.as_deref().unwrap_or_default()
        )));
    }
    if !(4..=500).contains(&reason.chars().count()) {
        return Err(AppError::field("revoke_reason", "请写明撤销的理由（4–500 字），将随撤销一并公示"));
    }
    let saved = revoke_locked(&txn, user, o, kind, &subject, reason, now).await?;
    crate::db::commit(txn).await?;
    Ok(saved)
}

/// The outcome a notice of an outcome is about, if that notice is one and the outcome still
/// stands: an upheld objection to it revokes it (see [`crate::notices::handle`]).
pub async fn revoke_upheld<C: ConnectionTrait>(
    txn: &C,
    user: &SessionUser,
    notice: &entity::notice::Model,
    resolution: &str,
    now: DateTime<Utc>,
) -> Result<Option<assessment_outcome::Model>> {
    if notice.entity != NOTICE_ENTITY {
        return Ok(None);
    }
    let Some(o) = assessment_outcome::Entity::find_by_id(notice.entity_id).lock_exclusive().one(txn).await? else {
        return Ok(None);
    };
    if o.revoked_at.is_some() {
        return Ok(None);
    }
    let Some(kind) = SubjectKind::parse(&o.subject_kind) else { return Ok(None) };
    let Some(subject) = subject(txn, kind, &o.subject_key).await? else { return Ok(None) };
    // The office that handles the objection covers the notice's region, which is the deciding
    // office's jurisdiction; the reason is the published resolution.
    let reason: String = format!("公示期间异议成立：{resolution}").chars().take(500).collect();
    Ok(Some(revoke_locked(txn, user, o, kind, &subject, &reason, now).await?))
}

/// Marks locked outcome `o` revoked, ends its notice, audits and notifies — inside the caller's
/// transaction.
async fn revoke_locked<C: ConnectionTrait>(
    txn: &C,
    user: &SessionUser,
    o: assessment_outcome::Model,
    kind: SubjectKind,
    subject: &Subject,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<assessment_outcome::Model> {
    let mut am: assessment_outcome::ActiveModel = o.clone().into();
    am.revoke_reason = Set(Some(reason.to_owned()));
    am.revoked_by = Set(Some(user.id));
    am.revoked_at = Set(Some(now));
    let saved = am.update(txn).await?;
    // Its notice (if still open) ends now: a revoked outcome is not on notice any more.
    entity::notice::Entity::update_many()
        .col_expr(entity::notice::Column::WindowEnd, sea_orm::sea_query::Expr::value(now))
        .filter(entity::notice::Column::Entity.eq(NOTICE_ENTITY))
        .filter(entity::notice::Column::EntityId.eq(o.id))
        .filter(entity::notice::Column::WindowEnd.gt(now))
        .exec(txn)
        .await?;
    audit::record(
        txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "assessment.revoke",
            entity: "assessment_outcome",
            entity_id: o.id.to_string(),
            before: Some(serde_json::json!({ "revoked_at": null })),
            after: Some(serde_json::json!({ "reason": reason })),
        },
    )
    .await?;
    let title = format!(
        "{} 年度考核对{}的「{}」已撤销：{reason}",
        o.year,
        subject.name,
        OutcomeKind::parse(&o.kind).map_or("", OutcomeKind::label)
    );
    let link = format!("/assessment/{}/{}?year={}", kind.code(), o.subject_key, o.year);
    let office = user.organisation_id.unwrap_or_default();
    tell(txn, subject, office, &title, &link, now).await?;
    Ok(saved)
}

/// Closes rectification `id` with what was done, decided on the locked row: closed once (409
/// after, with when).
pub async fn close(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    note: &str,
    now: DateTime<Utc>,
) -> Result<assessment_outcome::Model> {
    let note = note.trim();
    let txn = crate::db::write(db).await?;
    let (o, kind, subject) = locked(&txn, user, id).await?;
    if o.revoked_at.is_some() {
        return Err(AppError::Conflict("这项结果已撤销，无需销号".into()));
    }
    if o.kind != OutcomeKind::Rectify.code() {
        return Err(AppError::Conflict("只有限期整改需要销号".into()));
    }
    if let Some(at) = o.closed_at {
        return Err(AppError::Conflict(format!(
            "这项整改已于 {} 销号（{}），不能重复销号",
            crate::clock::to_shanghai(at).format("%Y-%m-%d"),
            o.closure_note.as_deref().unwrap_or_default()
        )));
    }
    if !(4..=500).contains(&note.chars().count()) {
        return Err(AppError::field("closure_note", "请写明整改完成情况（4–500 字）"));
    }
    let mut am: assessment_outcome::ActiveModel = o.clone().into();
    am.closure_note = Set(Some(note.to_owned()));
    am.closed_by = Set(Some(user.id));
    am.closed_at = Set(Some(now));
    let saved = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "assessment.rectified",
            entity: "assessment_outcome",
            entity_id: o.id.to_string(),
            before: Some(serde_json::json!({ "closed_at": null })),
            after: Some(serde_json::json!({ "closure_note": note })),
        },
    )
    .await?;
    let title = format!("{} 年度考核的限期整改已销号：{}：{note}", o.year, subject.name);
    let link = format!("/assessment/{}/{}?year={}", kind.code(), o.subject_key, o.year);
    tell(&txn, &subject, user.organisation_id.unwrap_or_default(), &title, &link, now).await?;
    crate::db::commit(txn).await?;
    Ok(saved)
}
