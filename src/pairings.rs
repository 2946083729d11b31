//! The pairing workflow: each side accepts or declines, then an office whose jurisdiction
//! covers the village approves or rejects. Transitions are one pure function (`next`), so every
//! illegal move is refused in one place; each step is one transaction with its audit event and
//! the inbox messages for the users it concerns.

use chrono::{DateTime, Utc};
use entity::{notification, organisation, pairing, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set,
};

use crate::audit::{self, Actor, Event};
use crate::auth::{Role, SessionUser};
use crate::domain::{OrgKind, PairingStatus};
use crate::error::{AppError, Result};

/// Who acts on a pairing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    Enterprise,
    Village,
    Office,
}

/// What they do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Accept,
    Decline,
    Withdraw,
    Approve,
    Reject,
}

impl Act {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "accept" => Some(Self::Accept),
            "decline" => Some(Self::Decline),
            "withdraw" => Some(Self::Withdraw),
            "approve" => Some(Self::Approve),
            "reject" => Some(Self::Reject),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Decline => "decline",
            Self::Withdraw => "withdraw",
            Self::Approve => "approve",
            Self::Reject => "reject",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Accept => "接受结对",
            Self::Decline => "婉拒",
            Self::Withdraw => "撤回",
            Self::Approve => "审核通过",
            Self::Reject => "驳回",
        }
    }

    /// Whether the act needs a reason (shown to the other side and kept).
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Decline | Self::Withdraw | Self::Reject)
    }
}

/// The status after `party` does `act` on a pairing in `from`, or why not.
pub fn next(from: PairingStatus, party: Party, act: Act) -> Result<PairingStatus, String> {
    use PairingStatus as S;
    let to = match (party, act, from) {
        (Party::Enterprise, Act::Accept, S::Proposed) => S::AcceptedByEnterprise,
        (Party::Enterprise, Act::Accept, S::AcceptedByVillage) => S::PendingReview,
        (Party::Village, Act::Accept, S::Proposed) => S::AcceptedByVillage,
        (Party::Village, Act::Accept, S::AcceptedByEnterprise) => S::PendingReview,
        (Party::Enterprise, Act::Decline, S::Proposed | S::AcceptedByVillage) => S::Declined,
        (Party::Village, Act::Decline, S::Proposed | S::AcceptedByEnterprise) => S::Declined,
        // Withdrawing takes back one's own yes; a side that has not said yes declines instead.
        (Party::Enterprise, Act::Withdraw, S::AcceptedByEnterprise | S::PendingReview) => S::Withdrawn,
        (Party::Village, Act::Withdraw, S::AcceptedByVillage | S::PendingReview) => S::Withdrawn,
        (Party::Office, Act::Approve, S::PendingReview) => S::Approved,
        (Party::Office, Act::Reject, S::PendingReview) => S::Rejected,
        (party, act, from) => {
            let who = match party {
                Party::Enterprise => "企业",
                Party::Village => "村委会",
                Party::Office => "扶贫办",
            };
            return Err(format!("结对当前为「{}」，{who}不能{}", from.label(), act.label()));
        }
    };
    Ok(to)
}

/// The caller's part in `p`, if any: its enterprise, its village, or an office covering the
/// village. Others (and another office) get 404.
pub async fn party_of<C: ConnectionTrait>(db: &C, user: &SessionUser, p: &pairing::Model) -> Result<Party> {
    match user.role {
        Role::Enterprise if user.organisation_id == Some(p.enterprise_id) => Ok(Party::Enterprise),
        Role::Village if user.organisation_id == Some(p.village_id) => Ok(Party::Village),
        Role::Office => {
            let village = organisation::Entity::find_by_id(p.village_id).one(db).await?.ok_or(AppError::NotFound)?;
            if user.covers(&village.region_code) { Ok(Party::Office) } else { Err(AppError::NotFound) }
        }
        _ => Err(AppError::NotFound),
    }
}

/// Whether `user` may read `p` (its parties, covering offices, auditors).
pub async fn may_read<C: ConnectionTrait>(db: &C, user: &SessionUser, p: &pairing::Model) -> Result<bool> {
    Ok(user.role == Role::Auditor || party_of(db, user, p).await.is_ok())
}

/// Sends an inbox message to every user of the organisations in `orgs`.
pub async fn notify<C: ConnectionTrait>(
    db: &C,
    orgs: &[i32],
    title: &str,
    link: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let users = user::Entity::find()
        .filter(user::Column::OrganisationId.is_in(orgs.to_vec()))
        .filter(user::Column::Disabled.eq(false))
        .all(db)
        .await?;
    notify_users(db, &users, title, link, now).await
}

/// Puts a message in the inbox of each of `users`.
pub async fn notify_users<C: ConnectionTrait>(
    db: &C,
    users: &[user::Model],
    title: &str,
    link: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for u in users {
        notification::ActiveModel {
            user_id: Set(u.id),
            title: Set(title.chars().take(200).collect()),
            link: Set(link.to_owned()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The offices that handle what happens at `region_code`: of those whose jurisdiction covers it,
/// the nearest.
pub(crate) async fn offices_covering<C: ConnectionTrait>(db: &C, region_code: &str) -> Result<Vec<i32>, DbErr> {
    nearest_offices(db, region_code, &[2, 4, 6, 9]).await
}

/// Of the staffed offices whose jurisdiction is the region `region_code` cut to one of `levels`
/// digits (2 province, 4 city, 6 county, 9 township) and covers it, the nearest ones.
pub(crate) async fn nearest_offices<C: ConnectionTrait>(
    db: &C,
    region_code: &str,
    levels: &[usize],
) -> Result<Vec<i32>, DbErr> {
    let ancestors: Vec<String> = levels
        .iter()
        .filter(|&&n| n <= region_code.len() && region_code.is_ascii())
        .map(|&n| format!("{:0<12}", &region_code[..n]))
        .collect();
    // Only offices someone can read messages at (an office whose accounts are all disabled
    // passes the word up to the next level).
    let staffed = sea_orm::sea_query::Query::select()
        .column(entity::user::Column::OrganisationId)
        .from(entity::user::Entity)
        .and_where(entity::user::Column::Disabled.eq(false))
        .and_where(entity::user::Column::OrganisationId.is_not_null())
        .to_owned();
    let covering: Vec<(i32, usize)> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .filter(organisation::Column::JurisdictionCode.is_in(ancestors))
        .filter(organisation::Column::Id.in_subquery(staffed))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| {
            let j = o.jurisdiction_code?;
            crate::auth::guard::jurisdiction_covers(&j, region_code)
                .then(|| (o.id, crate::auth::guard::region_prefix(&j).len()))
        })
        .collect();
    // The office nearest the place handles it (the county before the city before the
    // province); the ones above read their dashboards rather than every message.
    let nearest = covering.iter().map(|(_, depth)| *depth).max();
    Ok(covering.into_iter().filter(|(_, depth)| Some(*depth) == nearest).map(|(id, _)| id).collect())
}

/// `user` does `act` on pairing `id` with `reason`.
pub async fn act(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    act: Act,
    reason: &str,
    now: DateTime<Utc>,
    notice_days: i64,
) -> Result<pairing::Model> {
    let reason = reason.trim();
    if act.needs_reason() && reason.chars().count() < 2 {
        return Err(AppError::field("reason", "请填写理由，对方会看到"));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "理由不超过 500 字"));
    }
    // The write lock (and the row lock) make the status read here the one the update replaces:
    // of two offices approving and rejecting at once, the second sees the first's decision.
    let txn = crate::db::write(db).await?;
    let p = pairing::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let party = party_of(&txn, user, &p).await?;
    if party != Party::Office && act == Act::Accept && !user.is_verified() {
        return Err(AppError::Conflict("本单位通过扶贫办认证后才能接受结对".into()));
    }
    let from = PairingStatus::parse(&p.status).ok_or_else(|| AppError::Conflict("结对状态无法识别".into()))?;
    let to = next(from, party, act).map_err(AppError::Conflict)?;
    let mut am: pairing::ActiveModel = p.clone().into();
    am.status = Set(to.code().into());
    am.updated_at = Set(now);
    if !to.is_open() {
        am.open_key = Set(None);
    }
    match (party, act) {
        (Party::Enterprise, Act::Accept) => am.enterprise_accepted_at = Set(Some(now)),
        (Party::Village, Act::Accept) => am.village_accepted_at = Set(Some(now)),
        (_, Act::Decline | Act::Withdraw) => am.decline_reason = Set(Some(reason.to_owned())),
        (Party::Office, Act::Approve | Act::Reject) => {
            am.reviewed_by = Set(Some(user.id));
            am.reviewed_at = Set(Some(now));
            am.review_reason = Set(Some(reason.to_owned()).filter(|r| !r.is_empty()));
        }
        _ => {}
    }
    // Updated only from the status it was read in; no row means someone else moved it first.
    let updated = pairing::Entity::update(am)
        .validate()?
        .filter(pairing::Column::Status.eq(p.status.clone()))
        .exec(&txn)
        .await
        .map_err(|e| match e {
            DbErr::RecordNotUpdated => AppError::Conflict("结对刚被他人处理，请刷新页面查看当前状态".into()),
            e => e.into(),
        })?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: &format!("pairing.{}", act.code()),
            entity: "pairing",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({ "status": p.status })),
            after: Some(serde_json::json!({ "status": updated.status, "reason": reason })),
        },
    )
    .await?;
    if to == PairingStatus::Approved {
        let ent = organisation::Entity::find_by_id(p.enterprise_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        let village = organisation::Entity::find_by_id(p.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        let summary = crate::notices::pairing_summary(&ent.name, &village.name, reason);
        let title = crate::notices::pairing_title(&ent.name, &village.name);
        let n = crate::notices::Notice {
            entity: "pairing",
            id,
            title: &title,
            summary: &summary,
            region_code: &village.region_code,
        };
        crate::notices::publish(&txn, n, now, notice_days).await?;
    }
    let link = format!("/pairings/{id}");
    let title = format!("结对 #{id}：{}（{}）", to.label(), act.label());
    let mut told = vec![p.enterprise_id, p.village_id];
    if to == PairingStatus::PendingReview {
        let village = organisation::Entity::find_by_id(p.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        told.extend(offices_covering(&txn, &village.region_code).await?);
    }
    told.retain(|o| Some(*o) != user.organisation_id);
    notify(&txn, &told, &title, &link, now).await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// The key that is unique among open pairings: enterprise, village, offer and need.
pub fn open_key(enterprise: i32, village: i32, offer: Option<i32>, need: Option<i32>) -> String {
    let part = |v: Option<i32>| v.map_or_else(|| "-".to_owned(), |id| id.to_string());
    format!("{enterprise}:{village}:{}:{}", part(offer), part(need))
}

/// Tells the parties of a new pairing (called in the proposal's transaction).
pub async fn announce<C: ConnectionTrait>(
    db: &C,
    p: &pairing::Model,
    by: &SessionUser,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let others: Vec<i32> =
        [p.enterprise_id, p.village_id].into_iter().filter(|o| Some(*o) != by.organisation_id).collect();
    notify(
        db,
        &others,
        // Who proposed and what is asked of the one told (an outside walk read "企业已接受" on
        // a proposal the enterprise made).
        &match by.role {
            Role::Enterprise => format!("企业向你村发起了结对 #{}，请在结对页接受或婉拒", p.id),
            Role::Village => format!("村委会向你单位发起了结对 #{}，请在结对页接受或婉拒", p.id),
            _ => format!("扶贫办建议了结对 #{}，请在结对页接受或婉拒", p.id),
        },
        &format!("/pairings/{}", p.id),
        now,
    )
    .await
}

/// Both parties must be verified now (one suspended meanwhile takes no new pairings), and an
/// office proposes only for villages of its own jurisdiction (another one's answers 404, as if
/// it did not exist). Read inside the proposal's transaction.
async fn check_parties<C: ConnectionTrait>(db: &C, user: &SessionUser, enterprise: i32, village: i32) -> Result<()> {
    let ent = organisation::Entity::find_by_id(enterprise).one(db).await?.ok_or(AppError::NotFound)?;
    let vil = organisation::Entity::find_by_id(village).one(db).await?.ok_or(AppError::NotFound)?;
    if user.role == Role::Office && !user.covers(&vil.region_code) {
        return Err(AppError::NotFound);
    }
    for org in [&ent, &vil] {
        if org.status != crate::domain::OrgStatus::Verified.code() {
            return Err(AppError::Conflict(format!("「{}」目前未通过认证或已被暂停，不能与其结对", org.name)));
        }
    }
    Ok(())
}

/// Inserts a proposed pairing (`row` carries the parties, listings, source and any score) with
/// its audit event and the other side's inbox message. A party proposing counts as that party's
/// acceptance; an office's proposal waits for both.
pub async fn insert_proposal<C: ConnectionTrait>(
    db: &C,
    mut row: pairing::ActiveModel,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<pairing::Model> {
    let status = match user.role {
        Role::Enterprise => PairingStatus::AcceptedByEnterprise,
        Role::Village => PairingStatus::AcceptedByVillage,
        _ => PairingStatus::Proposed,
    };
    row.status = Set(status.code().into());
    row.enterprise_accepted_at = Set((user.role == Role::Enterprise).then_some(now));
    row.village_accepted_at = Set((user.role == Role::Village).then_some(now));
    row.proposed_by = Set(Some(user.id));
    row.created_at = Set(now);
    row.updated_at = Set(now);
    let key = |v: &sea_orm::ActiveValue<Option<i32>>| match v {
        Set(Some(id)) | sea_orm::ActiveValue::Unchanged(Some(id)) => Some(*id),
        _ => None,
    };
    let (ent, vil) = match (&row.enterprise_id, &row.village_id) {
        (Set(e), Set(v)) => (*e, *v),
        _ => return Err(AppError::Other(anyhow::anyhow!("proposal without its parties"))),
    };
    check_parties(db, user, ent, vil).await?;
    row.open_key = Set(Some(open_key(ent, vil, key(&row.offer_id), key(&row.need_id))));
    // The unique open key makes a second open pairing of the same four impossible, however
    // close together two proposals arrive.
    let row = row.insert(db).await.map_err(|e| match crate::db::fault(&e) {
        Some(crate::db::Fault::Conflict) => AppError::Conflict("已有相同的结对，不能重复发起".into()),
        _ => e.into(),
    })?;
    audit::record(
        db,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "pairing.propose",
            entity: "pairing",
            entity_id: row.id.to_string(),
            before: None,
            after: serde_json::to_value(&row).ok(),
        },
    )
    .await?;
    announce(db, &row, user, now).await?;
    Ok(row)
}

/// A pairing proposed directly by one side from the other side's listing: an enterprise says
/// 我要帮扶 on a need (with one of its offers, or none), a village 申请帮扶 on an offer (with one
/// of its needs, or none). The proposer's side counts as accepted.
pub async fn propose_direct(
    db: &DatabaseConnection,
    user: &SessionUser,
    (side, id): (crate::listings::Side, i32),
    own: Option<i32>,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> Result<pairing::Model> {
    use crate::domain::{ListingStatus, PairingSource};
    use crate::listings::{self, Side};
    let (role, own_side) = match side {
        Side::Need => (Role::Enterprise, Side::Offer),
        Side::Offer => (Role::Village, Side::Need),
    };
    user.require(&[role])?;
    if !user.is_verified() {
        return Err(AppError::Conflict("本单位通过扶贫办认证后才能发起结对".into()));
    }
    let target = listings::find(db, side, id).await?.ok_or(AppError::NotFound)?;
    if target.effective_status(today) != ListingStatus::Published {
        return Err(AppError::NotFound);
    }
    let mine = match own {
        Some(own_id) => {
            let l = listings::owned(db, user, own_side, own_id).await?;
            if l.effective_status(today) != ListingStatus::Published {
                return Err(AppError::field("own", "只能关联本单位已发布、仍在有效期内的信息"));
            }
            Some(l)
        }
        None => None,
    };
    let (offer, need) = match side {
        Side::Need => (mine.as_ref(), Some(&target)),
        Side::Offer => (Some(&target), mine.as_ref()),
    };
    if let (Some(o), Some(n)) = (offer, need)
        && crate::matching::score::kind_fit(n.kind, o.kind) <= 0.0
    {
        return Err(AppError::field("own", format!("「{}」帮不上「{}」：类型不相符", o.kind.label(), n.kind.label())));
    }
    let org = user.organisation_id.ok_or(AppError::Forbidden)?;
    let (enterprise_id, village_id) = match side {
        Side::Need => (org, target.organisation_id),
        Side::Offer => (target.organisation_id, org),
    };
    let txn = crate::db::write(db).await?;
    let open = pairing::Entity::find()
        .filter(pairing::Column::EnterpriseId.eq(enterprise_id))
        .filter(pairing::Column::VillageId.eq(village_id))
        .filter(pairing::Column::Status.is_not_in([
            PairingStatus::Declined.code(),
            PairingStatus::Withdrawn.code(),
            PairingStatus::Rejected.code(),
            PairingStatus::Lapsed.code(),
        ]))
        .all(&txn)
        .await?
        .into_iter()
        .any(|p| p.offer_id == offer.map(|o| o.id) && p.need_id == need.map(|n| n.id));
    if open {
        return Err(AppError::Conflict("已有相同的结对，不能重复发起".into()));
    }
    let source = match side {
        Side::Need => PairingSource::Enterprise,
        Side::Offer => PairingSource::Village,
    };
    let row = pairing::ActiveModel {
        enterprise_id: Set(enterprise_id),
        village_id: Set(village_id),
        offer_id: Set(offer.map(|o| o.id)),
        need_id: Set(need.map(|n| n.id)),
        source: Set(source.code().into()),
        ..Default::default()
    };
    let row = insert_proposal(&txn, row, user, now).await?;
    crate::db::commit(txn).await?;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PairingStatus as S;

    #[test]
    fn both_sides_accept_then_the_office_decides() {
        assert_eq!(next(S::Proposed, Party::Village, Act::Accept), Ok(S::AcceptedByVillage));
        assert_eq!(next(S::AcceptedByVillage, Party::Enterprise, Act::Accept), Ok(S::PendingReview));
        assert_eq!(next(S::PendingReview, Party::Office, Act::Approve), Ok(S::Approved));
        assert_eq!(next(S::PendingReview, Party::Office, Act::Reject), Ok(S::Rejected));
    }

    #[test]
    fn illegal_moves_are_refused() {
        assert!(next(S::Proposed, Party::Office, Act::Approve).is_err(), "not before both accept");
        assert!(next(S::AcceptedByVillage, Party::Village, Act::Accept).is_err(), "twice");
        assert!(next(S::PendingReview, Party::Enterprise, Act::Approve).is_err(), "only offices approve");
        assert!(next(S::Approved, Party::Enterprise, Act::Withdraw).is_err(), "approved is final here");
        assert!(next(S::Declined, Party::Village, Act::Accept).is_err());
        assert!(
            next(S::AcceptedByEnterprise, Party::Enterprise, Act::Decline).is_err(),
            "decline is for the other side"
        );
        // One way out each: the side asked declines, the side that said yes withdraws.
        assert!(next(S::AcceptedByEnterprise, Party::Village, Act::Withdraw).is_err());
        assert_eq!(next(S::AcceptedByEnterprise, Party::Village, Act::Decline), Ok(S::Declined));
        assert_eq!(next(S::AcceptedByEnterprise, Party::Enterprise, Act::Withdraw), Ok(S::Withdrawn));
        assert!(next(S::Proposed, Party::Enterprise, Act::Withdraw).is_err(), "nothing to take back yet");
        assert_eq!(next(S::PendingReview, Party::Village, Act::Withdraw), Ok(S::Withdrawn));
    }
}
