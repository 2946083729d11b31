//! The lists: public (live, published, from verified organisations), the owner's own, and an
//! office's jurisdiction (everything but drafts), with filters and pagination.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{need, offer, offer_region, organisation};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Deserialize;

use super::{Listing, Side};
use crate::auth::guard::region_prefix;
use crate::domain::{ListingKind, ListingStatus, OrgStatus};

/// Whose listings a list shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Live published listings of verified organisations.
    Public,
    /// Every listing of one organisation.
    Owner(i32),
    /// An office's jurisdiction (a region code): all but drafts.
    Office(String),
    /// Everything but drafts (auditors).
    All,
}

/// Filters from the query string (also used by the API).
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct Filter {
    /// A kind code (employment, procurement, …).
    pub kind: String,
    /// A 12-digit county code: offers serving it, needs of villages in it.
    pub county: String,
    /// "1": only listings whose validity has started and not ended.
    pub valid_now: String,
    /// A status code (owner and office lists).
    pub status: String,
    /// Page number from 1.
    pub page: String,
    /// Words to search for (public lists).
    pub q: String,
}

impl Filter {
    /// The page asked for (1 when absent or not a number).
    pub fn page_no(&self) -> u64 {
        self.page.trim().parse().unwrap_or(1)
    }
}

/// Items per page.
pub const PER_PAGE: u64 = 20;

/// One page of results.
pub struct Page {
    pub items: Vec<Listing>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

/// Condition: the listing's organisation is verified.
fn verified_orgs() -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(organisation::Column::Id)
        .from(organisation::Entity)
        .and_where(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .to_owned()
}

/// Condition: organisations located under `prefix`.
fn orgs_in(prefix: &str) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(organisation::Column::Id)
        .from(organisation::Entity)
        .and_where(organisation::Column::RegionCode.starts_with(prefix))
        .to_owned()
}

/// Region codes whose service area includes the county `county` (itself, its city, its province).
fn covering(county: &str) -> Vec<String> {
    let mut codes = vec![county.to_owned()];
    if county.len() == 12 {
        codes.push(format!("{:0<12}", &county[..4]));
        codes.push(format!("{:0<12}", &county[..2]));
    }
    codes
}

macro_rules! listing_page {
    ($name:ident, $m:ident, $convert:expr, $office_extra:expr, $county:expr) => {
        async fn $name<C: ConnectionTrait>(db: &C, scope: &Scope, f: &Filter, today: NaiveDate) -> Result<Page, DbErr> {
            use $m::Column as Col;
            let mut cond = Condition::all();
            let live = Condition::all()
                .add(Col::Status.eq(ListingStatus::Published.code()))
                .add(Condition::any().add(Col::ValidUntil.is_null()).add(Col::ValidUntil.gte(today)));
            match scope {
                Scope::Public => {
                    cond = cond.add(live.clone()).add(Col::OrganisationId.in_subquery(verified_orgs()));
                }
                Scope::Owner(org) => cond = cond.add(Col::OrganisationId.eq(*org)),
                Scope::Office(j) => {
                    let prefix = region_prefix(j).to_owned();
                    let extra: fn(&str) -> Condition = $office_extra;
                    cond = cond.add(Col::Status.ne(ListingStatus::Draft.code())).add(
                        Condition::any().add(Col::OrganisationId.in_subquery(orgs_in(&prefix))).add(extra(&prefix)),
                    );
                }
                Scope::All => cond = cond.add(Col::Status.ne(ListingStatus::Draft.code())),
            }
            if let Some(kind) = ListingKind::parse(f.kind.trim()) {
                cond = cond.add(Col::Kind.eq(kind.code()));
            }
            if let Some(status) = ListingStatus::parse(f.status.trim()).filter(|_| *scope != Scope::Public) {
                cond = match status {
                    ListingStatus::Expired => {
                        cond.add(Col::Status.eq(ListingStatus::Published.code())).add(Col::ValidUntil.lt(today))
                    }
                    ListingStatus::Published => cond.add(live.clone()),
                    s => cond.add(Col::Status.eq(s.code())),
                };
            }
            if f.valid_now == "1" {
                cond = cond
                    .add(Col::ValidFrom.lte(today))
                    .add(Condition::any().add(Col::ValidUntil.is_null()).add(Col::ValidUntil.gte(today)));
            }
            let county = f.county.trim();
            if county.len() == 12 && county.bytes().all(|b| b.is_ascii_digit()) {
                let by_county: fn(&str) -> Condition = $county;
                cond = cond.add(by_county(county));
            }
            let query = $m::Entity::find().filter(cond).order_by_desc(Col::PublishedAt).order_by_desc(Col::Id);
            let total = query.clone().count(db).await?;
            let pages = total.div_ceil(PER_PAGE).max(1);
            let page = f.page_no().clamp(1, pages);
            let rows = query.offset((page - 1) * PER_PAGE).limit(PER_PAGE).all(db).await?;
            let convert: fn($m::Model, &HashMap<i32, Vec<String>>) -> Listing = $convert;
            let regions = regions_for(db, rows.iter().map(|r| r.id).collect(), stringify!($m) == "offer").await?;
            Ok(Page { items: rows.into_iter().map(|r| convert(r, &regions)).collect(), total, page, pages })
        }
    };
}

async fn regions_for<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
    offers: bool,
) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    let mut map: HashMap<i32, Vec<String>> = HashMap::new();
    if offers && !ids.is_empty() {
        for r in offer_region::Entity::find().filter(offer_region::Column::OfferId.is_in(ids)).all(db).await? {
            map.entry(r.offer_id).or_default().push(r.region_code);
        }
    }
    Ok(map)
}

/// Offers served in regions matching `spec`: `=CODE` for one region, or a prefix.
fn offer_served(spec: &str) -> Condition {
    let sub = Query::select()
        .column(offer_region::Column::OfferId)
        .from(offer_region::Entity)
        .and_where(match spec.strip_prefix('=') {
            Some(code) => offer_region::Column::RegionCode.eq(code),
            None => offer_region::Column::RegionCode.starts_with(spec),
        })
        .to_owned();
    Condition::all().add(offer::Column::Id.in_subquery(sub))
}

/// Offers whose service area includes the county (it, its city or its province).
fn offer_in_county(county: &str) -> Condition {
    covering(county).iter().fold(Condition::any(), |c, code| c.add(offer_served(&format!("={code}"))))
}

fn need_nothing(_: &str) -> Condition {
    // Needs belong to their village only; the organisation test covers them.
    Condition::all().add(Expr::cust("1 = 0"))
}

/// Needs of villages in the county.
fn need_in_county(county: &str) -> Condition {
    Condition::all().add(need::Column::OrganisationId.in_subquery(orgs_in(region_prefix(county))))
}

listing_page!(
    offer_page,
    offer,
    |m, regions| {
        let id = m.id;
        let mut r = regions.get(&id).cloned().unwrap_or_default();
        r.sort();
        Listing::from_offer(m, r)
    },
    offer_served,
    offer_in_county
);
listing_page!(need_page, need, |m, _| Listing::from_need(m), need_nothing, need_in_county);

/// One page of listings of `side` in `scope`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    side: Side,
    scope: &Scope,
    f: &Filter,
    today: NaiveDate,
) -> Result<Page, DbErr> {
    match side {
        Side::Offer => offer_page(db, scope, f, today).await,
        Side::Need => need_page(db, scope, f, today).await,
    }
}

macro_rules! live_by_ids {
    ($name:ident, $m:ident, $convert:expr) => {
        async fn $name<C: ConnectionTrait>(db: &C, ids: &[i32], today: NaiveDate) -> Result<Vec<Listing>, DbErr> {
            use $m::Column as Col;
            let mut out = Vec::new();
            // In chunks, to stay under the databases' parameter limits.
            for chunk in ids.chunks(500) {
                // By primary key only, the rest checked here: with the status in the query a
                // planner may walk every published listing instead of looking up a few hundred.
                let rows: Vec<$m::Model> = $m::Entity::find()
                    .filter(Col::Id.is_in(chunk.to_vec()))
                    .all(db)
                    .await?
                    .into_iter()
                    .filter(|r| r.status == ListingStatus::Published.code() && r.valid_until.is_none_or(|d| d >= today))
                    .collect();
                let orgs: std::collections::HashSet<i32> = rows.iter().map(|r| r.organisation_id).collect();
                let verified = verified_among(db, orgs.into_iter().collect()).await?;
                let rows: Vec<$m::Model> = rows.into_iter().filter(|r| verified.contains(&r.organisation_id)).collect();
                let convert: fn($m::Model, &HashMap<i32, Vec<String>>) -> Listing = $convert;
                let regions = regions_for(db, rows.iter().map(|r| r.id).collect(), stringify!($m) == "offer").await?;
                out.extend(rows.into_iter().map(|r| convert(r, &regions)));
            }
            Ok(out)
        }
    };
}

/// The verified organisations among `ids` (looked up by primary key).
async fn verified_among<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<std::collections::HashSet<i32>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::Status)
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .filter(|(_, status)| status == OrgStatus::Verified.code())
        .map(|(id, _)| id)
        .collect())
}

live_by_ids!(live_offers_by_ids, offer, |m, regions| {
    let id = m.id;
    let mut r = regions.get(&id).cloned().unwrap_or_default();
    r.sort();
    Listing::from_offer(m, r)
});
live_by_ids!(live_needs_by_ids, need, |m, _| Listing::from_need(m));

/// The live public listings among `ids` — the database re-checks whatever the index found, so
/// a listing withdrawn a moment ago is never shown.
pub async fn live_by_ids<C: ConnectionTrait>(
    db: &C,
    side: Side,
    ids: &[i32],
    today: NaiveDate,
) -> Result<Vec<Listing>, DbErr> {
    match side {
        Side::Offer => live_offers_by_ids(db, ids, today).await,
        Side::Need => live_needs_by_ids(db, ids, today).await,
    }
}

/// Region codes whose service area includes `county` (it, its city, its province).
pub fn covering_codes(county: &str) -> Vec<String> {
    covering(county)
}

/// Names of organisations by id.
pub async fn org_names<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<HashMap<i32, (String, String)>, DbErr> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, (o.name, o.region_code)))
        .collect())
}
