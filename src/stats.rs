//! The campaign figures on the home page, read from the database.

use chrono::NaiveDate;
use entity::{agreement, contribution, need, offer, organisation, pairing};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::domain::{
    AgreementStatus, ContributionStatus, ListingKind, ListingStatus, OrgKind, OrgStatus, PairingStatus,
};

/// The headline numbers of the drive.
#[derive(Debug, Serialize)]
pub struct Figures {
    pub enterprises: u64,
    pub villages: u64,
    pub registered_poor_villages: u64,
    pub offers: u64,
    pub needs: u64,
    pub approved_pairings: u64,
    /// Villages with at least one approved pairing (not taken off by an upheld objection).
    pub paired_villages: u64,
    pub active_agreements: u64,
    pub verified_contributions: u64,
    /// Sum of verified contributions, in fen.
    pub contributed_fen: i64,
    pub persons_benefiting: i64,
    /// Of the approved pairings, those with an objection still open (counted, and marked).
    pub disputed_pairings: u64,
    /// Of the verified contributions, those with an objection still open, and their sum.
    pub disputed_contributions: u64,
    pub disputed_fen: i64,
}

/// Verified organisations of `kind`: a registration still waiting for its office (which anyone
/// can make) counts in no figure.
fn live_org(kind: OrgKind) -> Condition {
    Condition::all()
        .add(organisation::Column::Kind.eq(kind.code()))
        .add(organisation::Column::Status.eq(OrgStatus::Verified.code()))
}

/// Published and not past `valid_until` on `today`.
fn live_listing<C: ColumnTrait>(status: C, valid_until: C, today: NaiveDate) -> Condition {
    Condition::all()
        .add(status.eq(ListingStatus::Published.code()))
        .add(Condition::any().add(valid_until.is_null()).add(valid_until.gte(today)))
}

/// Reads every figure (a handful of indexed counts).
pub async fn figures<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<Figures, DbErr> {
    let enterprises = organisation::Entity::find().filter(live_org(OrgKind::Enterprise)).count(db).await?;
    let villages = organisation::Entity::find().filter(live_org(OrgKind::Village)).count(db).await?;
    let registered_poor_villages = organisation::Entity::find()
        .filter(live_org(OrgKind::Village))
        .filter(organisation::Column::RegisteredPoor.eq(true))
        .count(db)
        .await?;
    let offers = offer::Entity::find()
        .filter(live_listing(offer::Column::Status, offer::Column::ValidUntil, today))
        .count(db)
        .await?;
    let needs = need::Entity::find()
        .filter(live_listing(need::Column::Status, need::Column::ValidUntil, today))
        .count(db)
        .await?;
    // Records taken off by an upheld objection count in no total. Those with an objection still
    // open count, and are shown as 有异议 beside the totals: invented objections cannot empty them.
    let approved = pairing::Entity::find()
        .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
        .filter(Expr::cust(format!("id NOT IN ({})", crate::notices::suspended_sql("pairing"))));
    let approved_pairings = approved.clone().count(db).await?;
    let paired_villages =
        approved.clone().select_only().column(pairing::Column::VillageId).distinct().count(db).await?;
    let disputed_pairings =
        approved.filter(Expr::cust(format!("id IN ({})", crate::notices::disputed_sql("pairing")))).count(db).await?;
    let active_agreements = agreement::Entity::find()
        .filter(agreement::Column::Status.eq(AgreementStatus::Active.code()))
        .count(db)
        .await?;
    let verified = contribution::Entity::find()
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .filter(Expr::cust(format!("id NOT IN ({})", crate::notices::suspended_sql("contribution"))));
    let verified_contributions = verified.clone().count(db).await?;
    let sums = |q: sea_orm::Select<contribution::Entity>| async move {
        // SUM of a bigint is numeric on PostgreSQL: cast back so both backends decode an i64.
        q.select_only()
            .column_as(Expr::cust("CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT)"), "fen")
            .column_as(Expr::cust("CAST(COALESCE(SUM(persons), 0) AS BIGINT)"), "persons")
            .into_tuple::<(i64, i64)>()
            .one(db)
            .await
            .map(|r| r.unwrap_or((0, 0)))
    };
    let (contributed_fen, persons_benefiting) = sums(verified.clone()).await?;
    let disputed = verified.filter(Expr::cust(format!("id IN ({})", crate::notices::disputed_sql("contribution"))));
    let disputed_contributions = disputed.clone().count(db).await?;
    let (disputed_fen, _) = sums(disputed).await?;
    Ok(Figures {
        enterprises,
        villages,
        registered_poor_villages,
        offers,
        needs,
        approved_pairings,
        paired_villages,
        active_agreements,
        verified_contributions,
        contributed_fen,
        persons_benefiting,
        disputed_pairings,
        disputed_contributions,
        disputed_fen,
    })
}

/// A listing as a small card.
#[derive(Debug, Serialize)]
pub struct ListingCard {
    pub id: i32,
    pub kind: &'static str,
    pub kind_code: String,
    pub title: String,
    pub organisation: String,
    pub amount_fen: i64,
}

async fn org_names<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<std::collections::HashMap<i32, String>, DbErr> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::Name)
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

fn card(
    id: i32,
    kind: &str,
    title: String,
    org: i32,
    amount_fen: i64,
    names: &std::collections::HashMap<i32, String>,
) -> ListingCard {
    ListingCard {
        id,
        kind: ListingKind::parse(kind).map_or("其他", ListingKind::label),
        kind_code: kind.to_owned(),
        title,
        organisation: names.get(&org).cloned().unwrap_or_default(),
        amount_fen,
    }
}

/// The most recently published live offers.
pub async fn latest_offers<C: ConnectionTrait>(db: &C, today: NaiveDate, n: u64) -> Result<Vec<ListingCard>, DbErr> {
    let rows = offer::Entity::find()
        .filter(live_listing(offer::Column::Status, offer::Column::ValidUntil, today))
        .order_by_desc(offer::Column::PublishedAt)
        .order_by_desc(offer::Column::Id)
        .limit(n)
        .all(db)
        .await?;
    let names = org_names(db, rows.iter().map(|r| r.organisation_id).collect()).await?;
    Ok(rows.into_iter().map(|r| card(r.id, &r.kind, r.title, r.organisation_id, r.amount_fen, &names)).collect())
}

/// The most recently published live needs.
pub async fn latest_needs<C: ConnectionTrait>(db: &C, today: NaiveDate, n: u64) -> Result<Vec<ListingCard>, DbErr> {
    let rows = need::Entity::find()
        .filter(live_listing(need::Column::Status, need::Column::ValidUntil, today))
        .order_by_desc(need::Column::PublishedAt)
        .order_by_desc(need::Column::Id)
        .limit(n)
        .all(db)
        .await?;
    let names = org_names(db, rows.iter().map(|r| r.organisation_id).collect()).await?;
    Ok(rows.into_iter().map(|r| card(r.id, &r.kind, r.title, r.organisation_id, r.amount_fen, &names)).collect())
}
