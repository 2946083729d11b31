//! Offers (by enterprises) and needs (by village committees): validated input, the lifecycle
//! draft → published → closed | withdrawn (expired past `valid_until`, everywhere), and the
//! queries behind the lists. Every change is one transaction with its audit event and outbox row.

pub mod query;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{need, offer, offer_region, organisation, region};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::{Role, SessionUser};
use crate::domain::{ListingKind, ListingStatus, OrgKind, OrgStatus};
use crate::error::{AppError, Result};
use crate::money::Money;
use crate::outbox;

/// Which side of the market a listing is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Offer,
    Need,
}

impl Side {
    /// The table and outbox entity name.
    pub fn table(self) -> &'static str {
        match self {
            Side::Offer => "offer",
            Side::Need => "need",
        }
    }

    /// The URL segment (`offers`, `needs`).
    pub fn plural(self) -> &'static str {
        match self {
            Side::Offer => "offers",
            Side::Need => "needs",
        }
    }

    /// What users call it.
    pub fn label(self) -> &'static str {
        match self {
            Side::Offer => "帮扶资源",
            Side::Need => "村级需求",
        }
    }

    /// The role that posts this side.
    pub fn owner_role(self) -> Role {
        match self {
            Side::Offer => Role::Enterprise,
            Side::Need => Role::Village,
        }
    }

    /// The organisation kind that posts this side.
    pub fn owner_kind(self) -> OrgKind {
        match self {
            Side::Offer => OrgKind::Enterprise,
            Side::Need => OrgKind::Village,
        }
    }
}

/// A listing of either side, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Listing {
    pub side: Side,
    pub id: i32,
    pub organisation_id: i32,
    pub kind: ListingKind,
    pub title: String,
    pub body: String,
    pub amount_fen: i64,
    pub quantity: Option<i64>,
    pub unit: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub status: ListingStatus,
    pub external_ref: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Needs: 1 (low) … 3 (urgent).
    pub urgency: Option<i16>,
    /// Offers: the region codes served (counties or the whole city).
    pub regions: Vec<String>,
}

impl Listing {
    /// Which saved state of the listing this is: its last change's time, to the microsecond.
    pub fn version(&self) -> String {
        self.updated_at.timestamp_micros().to_string()
    }

    /// Whether an offer serves the place `region_code` (a village's): one of its regions covers
    /// it. A listing without regions (a need) serves nowhere in particular: true.
    pub fn serves(&self, region_code: &str) -> bool {
        self.regions.is_empty() || self.regions.iter().any(|r| crate::auth::guard::jurisdiction_covers(r, region_code))
    }

    /// The status users see on `today`: a published listing past `valid_until` is expired.
    pub fn effective_status(&self, today: NaiveDate) -> ListingStatus {
        match (self.status, self.valid_until) {
            (ListingStatus::Published, Some(until)) if until < today => ListingStatus::Expired,
            (s, _) => s,
        }
    }

    pub(crate) fn from_offer(m: offer::Model, regions: Vec<String>) -> Self {
        Self {
            side: Side::Offer,
            id: m.id,
            organisation_id: m.organisation_id,
            kind: ListingKind::parse(&m.kind).unwrap_or(ListingKind::Donation),
            title: m.title,
            body: m.body,
            amount_fen: m.amount_fen,
            quantity: m.quantity,
            unit: m.unit,
            valid_from: m.valid_from,
            valid_until: m.valid_until,
            status: ListingStatus::parse(&m.status).unwrap_or(ListingStatus::Draft),
            external_ref: m.external_ref,
            published_at: m.published_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
            urgency: None,
            regions,
        }
    }

    pub(crate) fn from_need(m: need::Model) -> Self {
        Self {
            side: Side::Need,
            id: m.id,
            organisation_id: m.organisation_id,
            kind: ListingKind::parse(&m.kind).unwrap_or(ListingKind::Donation),
            title: m.title,
            body: m.body,
            amount_fen: m.amount_fen,
            quantity: m.quantity,
            unit: m.unit,
            valid_from: m.valid_from,
            valid_until: m.valid_until,
            status: ListingStatus::parse(&m.status).unwrap_or(ListingStatus::Draft),
            external_ref: m.external_ref,
            published_at: m.published_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
            urgency: Some(m.urgency),
            regions: Vec::new(),
        }
    }

    fn audit_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// Loads one listing.
pub async fn find<C: ConnectionTrait>(db: &C, side: Side, id: i32) -> Result<Option<Listing>, DbErr> {
    Ok(match side {
        Side::Offer => match offer::Entity::find_by_id(id).one(db).await? {
            Some(m) => Some(Listing::from_offer(m, regions_of(db, id).await?)),
            None => None,
        },
        Side::Need => need::Entity::find_by_id(id).one(db).await?.map(Listing::from_need),
    })
}

/// How a listing row of `side` reaches its organisation (joined in the same query).
pub(crate) fn owner_of(side: Side) -> sea_orm::RelationDef {
    use sea_orm::EntityTrait as _;
    match side {
        Side::Offer => offer::Entity::belongs_to(organisation::Entity)
            .from(offer::Column::OrganisationId)
            .to(organisation::Column::Id)
            .into(),
        Side::Need => need::Entity::belongs_to(organisation::Entity)
            .from(need::Column::OrganisationId)
            .to(organisation::Column::Id)
            .into(),
    }
}

/// The listing `side`/`id` with its organisation, read in one query (and an offer's service
/// regions in a second).
pub async fn find_with_org<C: ConnectionTrait>(
    db: &C,
    side: Side,
    id: i32,
) -> Result<Option<(Listing, organisation::Model)>, DbErr> {
    use sea_orm::JoinType;
    Ok(match side {
        Side::Offer => {
            match offer::Entity::find_by_id(id)
                .join(JoinType::InnerJoin, owner_of(side))
                .select_also(organisation::Entity)
                .one(db)
                .await?
            {
                Some((m, Some(o))) => Some((Listing::from_offer(m, regions_of(db, id).await?), o)),
                _ => None,
            }
        }
        Side::Need => {
            match need::Entity::find_by_id(id)
                .join(JoinType::InnerJoin, owner_of(side))
                .select_also(organisation::Entity)
                .one(db)
                .await?
            {
                Some((m, Some(o))) => Some((Listing::from_need(m), o)),
                _ => None,
            }
        }
    })
}

/// The listings of `side` among `ids` (any status), loaded a few hundred at a time with the
/// offers' regions: one query per chunk, not per listing.
pub async fn find_many<C: ConnectionTrait>(db: &C, side: Side, ids: &[i32]) -> Result<Vec<Listing>, DbErr> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        match side {
            Side::Offer => {
                let rows = offer::Entity::find().filter(offer::Column::Id.is_in(chunk.to_vec())).all(db).await?;
                out.extend(with_regions(db, rows).await?);
            }
            Side::Need => {
                let rows = need::Entity::find().filter(need::Column::Id.is_in(chunk.to_vec())).all(db).await?;
                out.extend(rows.into_iter().map(Listing::from_need));
            }
        }
    }
    Ok(out)
}

/// Up to `limit` published listings of `side` with an id above `after`, in id order (a rebuild
/// walks the table with these, a page at a time).
pub async fn published_after<C: ConnectionTrait>(
    db: &C,
    side: Side,
    after: i32,
    limit: u64,
) -> Result<Vec<Listing>, DbErr> {
    let published = ListingStatus::Published.code();
    Ok(match side {
        Side::Offer => {
            let rows = offer::Entity::find()
                .filter(offer::Column::Id.gt(after))
                .filter(offer::Column::Status.eq(published))
                .order_by_asc(offer::Column::Id)
                .limit(limit)
                .all(db)
                .await?;
            with_regions(db, rows).await?
        }
        Side::Need => need::Entity::find()
            .filter(need::Column::Id.gt(after))
            .filter(need::Column::Status.eq(published))
            .order_by_asc(need::Column::Id)
            .limit(limit)
            .all(db)
            .await?
            .into_iter()
            .map(Listing::from_need)
            .collect(),
    })
}

/// The regions served by each of the offers `ids`, read as one aggregated row per few hundred
/// offers: the SQLite driver hands rows over one by one between threads, and a row per
/// (offer, region) made this read cost more than the index query it follows.
pub async fn regions_of_many<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<std::collections::HashMap<i32, Vec<String>>, DbErr> {
    let mut regions: std::collections::HashMap<i32, Vec<String>> = std::collections::HashMap::new();
    let backend = db.get_database_backend();
    for chunk in ids.chunks(500) {
        // Ids are integers, written into the statement as such.
        let list = chunk.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        let sql = match backend {
            sea_orm::DbBackend::Postgres => format!(
                "SELECT string_agg(offer_id::text || ':' || region_code, ',') AS pairs FROM offer_region WHERE offer_id IN ({list})"
            ),
            _ => format!(
                "SELECT group_concat(offer_id || ':' || region_code, ',') AS pairs FROM offer_region WHERE offer_id IN ({list})"
            ),
        };
        let row = db.query_one_raw(sea_orm::Statement::from_string(backend, sql)).await?;
        let pairs: Option<String> = match row {
            Some(r) => r.try_get("", "pairs")?,
            None => None,
        };
        for pair in pairs.as_deref().unwrap_or("").split(',') {
            if let Some((id, code)) = pair.split_once(':')
                && let Ok(id) = id.parse::<i32>()
            {
                regions.entry(id).or_default().push(code.to_owned());
            }
        }
    }
    Ok(regions)
}

async fn with_regions<C: ConnectionTrait>(db: &C, rows: Vec<offer::Model>) -> Result<Vec<Listing>, DbErr> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut regions = regions_of_many(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let mut r = regions.remove(&m.id).unwrap_or_default();
            r.sort();
            Listing::from_offer(m, r)
        })
        .collect())
}

/// Loads the listings of `side` carrying the external refs `refs` (a query per 500), by ref.
pub async fn find_many_by_ref<C: ConnectionTrait>(
    db: &C,
    side: Side,
    refs: &[&str],
) -> Result<HashMap<String, Listing>, DbErr> {
    let mut out = HashMap::new();
    for chunk in refs.chunks(500) {
        let chunk: Vec<String> = chunk.iter().map(|r| (*r).to_owned()).collect();
        let found = match side {
            Side::Offer => {
                let rows = offer::Entity::find().filter(offer::Column::ExternalRef.is_in(chunk)).all(db).await?;
                with_regions(db, rows).await?
            }
            Side::Need => need::Entity::find()
                .filter(need::Column::ExternalRef.is_in(chunk))
                .all(db)
                .await?
                .into_iter()
                .map(Listing::from_need)
                .collect(),
        };
        for l in found {
            if let Some(r) = l.external_ref.clone() {
                out.insert(r, l);
            }
        }
    }
    Ok(out)
}

/// Loads one listing by its external ref.
pub async fn find_by_ref<C: ConnectionTrait>(db: &C, side: Side, r: &str) -> Result<Option<Listing>, DbErr> {
    Ok(match side {
        Side::Offer => match offer::Entity::find().filter(offer::Column::ExternalRef.eq(r)).one(db).await? {
            Some(m) => {
                let regions = regions_of(db, m.id).await?;
                Some(Listing::from_offer(m, regions))
            }
            None => None,
        },
        Side::Need => {
            need::Entity::find().filter(need::Column::ExternalRef.eq(r)).one(db).await?.map(Listing::from_need)
        }
    })
}

async fn regions_of<C: ConnectionTrait>(db: &C, offer_id: i32) -> Result<Vec<String>, DbErr> {
    let mut codes: Vec<String> = offer_region::Entity::find()
        .filter(offer_region::Column::OfferId.eq(offer_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.region_code)
        .collect();
    codes.sort();
    Ok(codes)
}

/// Validated content of a listing (everything the owner types).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListingInput {
    pub kind: ListingKind,
    pub title: String,
    pub body: String,
    pub amount: Money,
    pub quantity: Option<i64>,
    pub unit: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub urgency: i16,
    pub regions: Vec<String>,
}

/// A listing as typed in a form or sent as JSON (all text, so nothing typed is lost).
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ListingForm {
    /// employment | procurement | industry | donation | training | technical | infrastructure
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Amount in 元, e.g. "12500" or "12,500.50"; empty for none.
    pub amount_yuan: String,
    /// Whole number; empty for none.
    pub quantity: String,
    pub unit: String,
    /// YYYY-MM-DD; empty for today.
    pub valid_from: String,
    /// YYYY-MM-DD; empty for open-ended.
    pub valid_until: String,
    /// Needs: 1 (一般) … 3 (紧急).
    pub urgency: String,
    /// Offers: region codes served (counties, or the city for all of it).
    pub regions: Vec<String>,
    /// Pages only: "publish" when the 发布 button was pressed rather than 保存草稿.
    #[serde(skip_serializing)]
    #[schema(ignore)]
    pub then: String,
    /// Pages only: the version of the listing the edit page was opened on (see
    /// [`Listing::version`]); a save on an older one is refused.
    #[schema(ignore)]
    pub version: String,
    /// Pages only: the new-listing form's one-time key (see [`crate::submissions`]).
    #[schema(ignore)]
    pub submission: String,
}

/// The fields of a listing form, in order.
pub const FIELDS: &[&str] =
    &["kind", "title", "body", "amount_yuan", "quantity", "unit", "valid_from", "valid_until", "urgency", "regions"];

pub(crate) fn parse_date(raw: &str, field: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(raw, "%Y/%m/%d")) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push((field.into(), "日期格式应为 2026-12-31".into()));
            None
        }
    }
}

impl ListingForm {
    /// The form filled from a stored listing (for editing).
    pub fn of(l: &Listing) -> Self {
        Self {
            kind: l.kind.code().into(),
            title: l.title.clone(),
            body: l.body.clone(),
            amount_yuan: if l.amount_fen == 0 { String::new() } else { crate::money::Money(l.amount_fen).plain_yuan() },
            quantity: l.quantity.map(|q| q.to_string()).unwrap_or_default(),
            unit: l.unit.clone().unwrap_or_default(),
            valid_from: l.valid_from.to_string(),
            valid_until: l.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            urgency: l.urgency.map(|u| u.to_string()).unwrap_or_default(),
            regions: l.regions.clone(),
            then: String::new(),
            version: l.version(),
            submission: String::new(),
        }
    }

    /// Checks every field (regions against the database) and returns the input or all the
    /// problems, each naming its field.
    pub async fn parse<C: ConnectionTrait>(&self, db: &C, side: Side, today: NaiveDate) -> Result<ListingInput> {
        self.parse_with(db, side, today, &mut HashMap::new()).await
    }

    /// `parse`, remembering in `served` whether each region code may be served (a ledger
    /// checks a hundred thousand offers against a few dozen codes).
    pub async fn parse_with<C: ConnectionTrait>(
        &self,
        db: &C,
        side: Side,
        today: NaiveDate,
        served: &mut HashMap<String, bool>,
    ) -> Result<ListingInput> {
        let mut errors = FieldErrors::new();
        let kind = ListingKind::parse(self.kind.trim())
            .or_else(|| ListingKind::ALL.iter().copied().find(|k| k.label() == self.kind.trim()));
        if kind.is_none() {
            errors.push(("kind".into(), "请选择帮扶类型".into()));
        }
        let title = self.title.trim().to_owned();
        match title.chars().count() {
            0 => errors.push(("title".into(), "请填写标题".into())),
            1..=3 => errors.push(("title".into(), "标题至少 4 个字".into())),
            61.. => errors.push(("title".into(), "标题不超过 60 个字".into())),
            _ => {}
        }
        let body = self.body.trim().to_owned();
        match body.chars().count() {
            0..=9 => errors.push(("body".into(), "请用至少 10 个字说明具体内容".into())),
            2001.. => errors.push(("body".into(), "详细说明不超过 2000 字".into())),
            _ => {}
        }
        // Listings are public: a phone typed into them would be shown whole.
        for (field, text) in [("title", &title), ("body", &body)] {
            if let Some(problem) = crate::auth::public_text_problem(text) {
                errors.push((field.into(), problem.into()));
            }
        }
        let amount = if self.amount_yuan.trim().is_empty() {
            Money(0)
        } else {
            match Money::parse_yuan(&self.amount_yuan) {
                Ok(m) if m.0 <= 100_000_000_000 => m,
                Ok(_) => {
                    errors.push(("amount_yuan".into(), "金额不能超过 10 亿元".into()));
                    Money(0)
                }
                // A figure too large for the register says what the most is.
                Err(m) if m.starts_with("金额过大") => {
                    errors.push(("amount_yuan".into(), "金额不能超过 10 亿元".into()));
                    Money(0)
                }
                Err(m) => {
                    errors.push(("amount_yuan".into(), m.into()));
                    Money(0)
                }
            }
        };
        // Full-width digits (１５００) as typed with a Chinese input method are digits.
        let typed: String =
            crate::text::ascii_digits(self.quantity.trim()).chars().filter(|c| !matches!(c, ',' | '，')).collect();
        let quantity = match typed {
            q if q.is_empty() => None,
            q => match q.parse::<i64>() {
                Ok(0) => {
                    errors.push(("quantity".into(), "数量应大于 0；说不准可以不填".into()));
                    None
                }
                Ok(n) if (1..=1_000_000_000).contains(&n) => Some(n),
                _ if q.contains('.') || q.contains('。') => {
                    errors.push((
                        "quantity".into(),
                        "数量请填整数；有小数时换成更小的单位，例如 1.5 吨写成 1500 公斤".into(),
                    ));
                    None
                }
                _ if !q.starts_with('-') && q.chars().any(|c| !c.is_ascii_digit()) => {
                    errors
                        .push(("quantity".into(), "数量只填数字，单位填在下一格（例如 数量 1500、单位 公斤）".into()));
                    None
                }
                _ => {
                    errors.push(("quantity".into(), "数量应为 1 到 10 亿之间的整数".into()));
                    None
                }
            },
        };
        let unit = Some(self.unit.trim().to_owned()).filter(|u| !u.is_empty());
        if unit.as_ref().is_some_and(|u| u.chars().count() > 8) {
            errors.push(("unit".into(), "单位不超过 8 个字，例如：公斤、人、亩".into()));
        }
        if quantity.is_some() && unit.is_none() {
            errors.push(("unit".into(), "填写了数量，请同时填写单位".into()));
        }
        // A unit that cannot measure the kind of help (a job counted in 吨, rice in 人) is a slip:
        // the matcher compares quantities in the unit's own family.
        if let (Some(k), Some(u)) = (kind, unit.as_deref()) {
            use crate::matching::units::{Family, measure};
            let family = measure(1, u).map(|m| m.family);
            let people = matches!(k, ListingKind::Employment | ListingKind::Training);
            if family == Some(Family::Money) {
                errors.push(("unit".into(), "钱数请填在“金额”一栏；这里的单位写 公斤、人、亩 等".into()));
            } else if people && family.is_some_and(|f| !matches!(f, Family::People | Family::Households)) {
                errors.push(("unit".into(), format!("{}按人数计，单位请写 人 或 名，不能用“{u}”", k.label())));
            } else if k == ListingKind::Procurement && family == Some(Family::People) {
                errors.push(("unit".into(), format!("消费帮扶按产品的数量计，单位请写 公斤、吨、箱 等，不能用“{u}”")));
            }
        }
        let valid_from = parse_date(&self.valid_from, "valid_from", &mut errors).unwrap_or(today);
        let valid_until = parse_date(&self.valid_until, "valid_until", &mut errors);
        if let Some(until) = valid_until {
            if until < valid_from {
                errors.push(("valid_until".into(), "截止日期不能早于开始日期".into()));
            } else if until > valid_from + chrono::Duration::days(3 * 366) {
                errors.push(("valid_until".into(), "有效期最长 3 年".into()));
            }
        }
        let mut urgency = 2;
        let mut regions = Vec::new();
        match side {
            Side::Need => match self.urgency.trim() {
                "" => {}
                u => match u.parse::<i16>() {
                    Ok(n @ 1..=3) => urgency = n,
                    _ => errors.push(("urgency".into(), "紧急程度为 1（一般）、2（较急）或 3（紧急）".into())),
                },
            },
            Side::Offer => {
                let mut codes: Vec<String> =
                    self.regions.iter().map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()).collect();
                codes.sort();
                codes.dedup();
                if codes.is_empty() {
                    errors.push(("regions".into(), "请至少选择一个服务地区（县、市、区或全市）".into()));
                }
                for code in &codes {
                    let ok = match served.get(code) {
                        Some(ok) => *ok,
                        None => {
                            let ok = region::Entity::find_by_id(code.clone())
                                .one(db)
                                .await?
                                .is_some_and(|r| (1..=3).contains(&r.level));
                            served.insert(code.clone(), ok);
                            ok
                        }
                    };
                    if !ok {
                        errors.push(("regions".into(), format!("服务地区「{code}」不是已导入的省、市或县级区划")));
                    }
                }
                regions = codes;
            }
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(ListingInput {
                kind,
                title,
                body,
                amount,
                quantity,
                unit,
                valid_from,
                valid_until,
                urgency,
                regions,
            }),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// The organisation of the caller, which must be of the kind that posts `side`.
pub fn owner_org(user: &SessionUser, side: Side) -> Result<i32> {
    user.require(&[side.owner_role()])?;
    user.organisation_id.ok_or(AppError::Forbidden)
}

/// Whether `user` may read a listing in any status (its owner, an office covering the
/// village or the enterprise, an auditor). Public readers see only live published ones.
pub async fn may_read_all<C: ConnectionTrait>(db: &C, user: Option<&SessionUser>, l: &Listing) -> Result<bool, DbErr> {
    let Some(user) = user else { return Ok(false) };
    if user.organisation_id == Some(l.organisation_id) || user.role == Role::Auditor {
        return Ok(true);
    }
    if user.role == Role::Office && l.status != ListingStatus::Draft {
        let Some(org) = organisation::Entity::find_by_id(l.organisation_id).one(db).await? else { return Ok(false) };
        return Ok(may_read_all_of(Some(user), l, &org));
    }
    Ok(false)
}

/// [`may_read_all`] when the listing's organisation `org` has already been read.
pub fn may_read_all_of(user: Option<&SessionUser>, l: &Listing, org: &organisation::Model) -> bool {
    let Some(user) = user else { return false };
    if user.organisation_id == Some(l.organisation_id) || user.role == Role::Auditor {
        return true;
    }
    user.role == Role::Office
        && l.status != ListingStatus::Draft
        && org.id == l.organisation_id
        && (user.covers(&org.region_code) || l.regions.iter().any(|r| user.covers(r)))
}

async fn record_change<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    before: Option<&Listing>,
    after: &Listing,
) -> Result<(), DbErr> {
    outbox::record(db, at, after.side.table(), after.id, "upsert").await?;
    audit::record(
        db,
        at,
        actor,
        Event {
            action,
            entity: after.side.table(),
            entity_id: after.id.to_string(),
            before: before.map(Listing::audit_json),
            after: Some(after.audit_json()),
        },
    )
    .await?;
    Ok(())
}

/// The columns offers and needs share, from a checked input (`write` and `insert_many`).
macro_rules! listing_model {
    ($m:ident, $owner:expr, $input:expr, $status:expr, $now:expr) => {
        $m::ActiveModel {
            organisation_id: Set($owner),
            kind: Set($input.kind.code().into()),
            title: Set($input.title.clone()),
            body: Set($input.body.clone()),
            amount_fen: Set($input.amount.0),
            quantity: Set($input.quantity),
            unit: Set($input.unit.clone()),
            valid_from: Set($input.valid_from),
            valid_until: Set($input.valid_until),
            status: Set($status.code().into()),
            updated_at: Set($now),
            ..Default::default()
        }
    };
}

/// Writes `input` as a new draft (`id` None) or over an existing listing, inside `db`.
#[expect(clippy::too_many_arguments, reason = "the row's identity and state, shared by pages and the ledger import")]
pub async fn write<C: ConnectionTrait>(
    db: &C,
    side: Side,
    id: Option<i32>,
    organisation_id: i32,
    input: &ListingInput,
    status: ListingStatus,
    external_ref: Option<String>,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let published_at = (status != ListingStatus::Draft).then_some(now);
    let id = match side {
        Side::Offer => {
            let mut am = listing_model!(offer, organisation_id, input, status, now);
            let saved = match id {
                Some(id) => {
                    am.id = Set(id);
                    am.update(db).await?
                }
                None => {
                    am.external_ref = Set(external_ref);
                    am.published_at = Set(published_at);
                    am.created_at = Set(now);
                    am.insert(db).await?
                }
            };
            offer_region::Entity::delete_many().filter(offer_region::Column::OfferId.eq(saved.id)).exec(db).await?;
            if input.regions.is_empty() {
                return Ok(saved.id);
            }
            offer_region::Entity::insert_many(
                input
                    .regions
                    .iter()
                    .map(|r| offer_region::ActiveModel { offer_id: Set(saved.id), region_code: Set(r.clone()) }),
            )
            .exec_without_returning(db)
            .await?;
            saved.id
        }
        Side::Need => {
            let mut am = listing_model!(need, organisation_id, input, status, now);
            am.urgency = Set(input.urgency);
            match id {
                Some(id) => {
                    am.id = Set(id);
                    am.update(db).await?.id
                }
                None => {
                    am.external_ref = Set(external_ref);
                    am.published_at = Set(published_at);
                    am.created_at = Set(now);
                    am.insert(db).await?.id
                }
            }
        }
    };
    Ok(id)
}

/// Inserts new listings of `side` — (owner, input, status, external ref) each — in one statement
/// per few hundred, with their regions; returns them as stored. For bulk loads (a ledger): the
/// caller records their outbox rows and audit events.
pub async fn insert_many<C: ConnectionTrait>(
    db: &C,
    side: Side,
    items: &[(i32, &ListingInput, ListingStatus, String)],
    now: DateTime<Utc>,
) -> Result<Vec<Listing>, DbErr> {
    let mut out = Vec::with_capacity(items.len());
    for part in items.chunks(300) {
        let by_ref: HashMap<&str, &ListingInput> = part.iter().map(|(_, i, _, r)| (r.as_str(), *i)).collect();
        match side {
            Side::Offer => {
                let rows = offer::Entity::insert_many(part.iter().map(|(owner, input, status, r)| {
                    let mut am = listing_model!(offer, *owner, input, status, now);
                    am.external_ref = Set(Some(r.clone()));
                    am.published_at = Set((*status != ListingStatus::Draft).then_some(now));
                    am.created_at = Set(now);
                    am
                }))
                .exec_with_returning(db)
                .await?;
                let regions_of = |m: &offer::Model| {
                    m.external_ref.as_deref().and_then(|r| by_ref.get(r)).map(|i| i.regions.clone()).unwrap_or_default()
                };
                let served: Vec<offer_region::ActiveModel> = rows
                    .iter()
                    .flat_map(|m| {
                        regions_of(m)
                            .into_iter()
                            .map(|code| offer_region::ActiveModel { offer_id: Set(m.id), region_code: Set(code) })
                    })
                    .collect();
                for chunk in served.chunks(1000) {
                    offer_region::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
                }
                out.extend(rows.into_iter().map(|m| {
                    let mut regions = regions_of(&m);
                    regions.sort();
                    Listing::from_offer(m, regions)
                }));
            }
            Side::Need => {
                let rows = need::Entity::insert_many(part.iter().map(|(owner, input, status, r)| {
                    let mut am = listing_model!(need, *owner, input, status, now);
                    am.urgency = Set(input.urgency);
                    am.external_ref = Set(Some(r.clone()));
                    am.published_at = Set((*status != ListingStatus::Draft).then_some(now));
                    am.created_at = Set(now);
                    am
                }))
                .exec_with_returning(db)
                .await?;
                out.extend(rows.into_iter().map(Listing::from_need));
            }
        }
    }
    Ok(out)
}

/// Creates a listing for the caller's organisation: a draft, or published at once when
/// `publish` (refused, with nothing saved, unless publishing is allowed). A form's one-time
/// `key` (see [`crate::submissions`]) creates it once however often the form is sent.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &DatabaseConnection,
    user: &SessionUser,
    side: Side,
    input: &ListingInput,
    publish: bool,
    key: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Listing> {
    let org = owner_org(user, side)?;
    let status = if publish {
        Transition::Publish
            .apply(ListingStatus::Draft, user.is_verified(), input.valid_until, today)
            .map_err(AppError::Conflict)?
    } else {
        ListingStatus::Draft
    };
    let txn = crate::db::write(db).await?;
    let id = write(&txn, side, None, org, input, status, None, now).await?;
    let created = find(&txn, side, id).await?.ok_or(AppError::NotFound)?;
    crate::submissions::claim(&txn, key, &format!("{}「{}」", side.label(), created.title), now).await?;
    let action = if publish { "create_published" } else { "create" };
    record_change(&txn, now, &Actor::user(user.id, &user.login), &format!("{}.{action}", side.table()), None, &created)
        .await?;
    crate::db::commit(txn).await?;
    Ok(created)
}

/// Loads a listing the caller owns (another organisation's answers 404).
pub async fn owned<C: ConnectionTrait>(db: &C, user: &SessionUser, side: Side, id: i32) -> Result<Listing> {
    let org = owner_org(user, side)?;
    find(db, side, id).await?.filter(|l| l.organisation_id == org).ok_or(AppError::NotFound)
}

/// Saves the owner's edits; closed and withdrawn listings are final. With `opened` (the
/// [`Listing::version`] the edit began on), a listing saved since then by someone else (a
/// colleague, another tab) is not overwritten: the later save is refused and told what changed.
pub async fn update(
    db: &DatabaseConnection,
    user: &SessionUser,
    side: Side,
    id: i32,
    input: &ListingInput,
    opened: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Listing> {
    let txn = crate::db::write(db).await?;
    let before = owned(&txn, user, side, id).await?;
    if !matches!(before.status, ListingStatus::Draft | ListingStatus::Published) {
        return Err(AppError::Conflict(format!("「{}」的{}不能再修改", before.status.label(), side.label())));
    }
    if opened.is_some_and(|v| v.trim() != before.version()) {
        return Err(AppError::Conflict(format!(
            "这条{}在你打开修改页之后已被修改并保存（{}，标题现为「{}」），你这次的修改没有保存，以免覆盖对方的修改。请回到详情页看当前内容，再打开修改页重新修改。",
            side.label(),
            crate::clock::to_shanghai(before.updated_at).format("%m-%d %H:%M:%S"),
            before.title
        )));
    }
    write(&txn, side, Some(id), before.organisation_id, input, before.status, None, now).await?;
    let after = find(&txn, side, id).await?.ok_or(AppError::NotFound)?;
    record_change(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        &format!("{}.update", side.table()),
        Some(&before),
        &after,
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(after)
}

/// A lifecycle step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    Publish,
    Close,
    Withdraw,
}

impl Transition {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "publish" => Some(Self::Publish),
            "close" => Some(Self::Close),
            "withdraw" => Some(Self::Withdraw),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Close => "close",
            Self::Withdraw => "withdraw",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Publish => "发布",
            Self::Close => "标记完成",
            Self::Withdraw => "撤回",
        }
    }

    /// The status this step leads to from `from`, or why it is refused. Publishing also needs a
    /// verified organisation and a listing still valid on `today`.
    pub fn apply(
        self,
        from: ListingStatus,
        verified: bool,
        valid_until: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<ListingStatus, String> {
        match (self, from) {
            (Self::Publish, ListingStatus::Draft) if !verified => Err("本单位通过扶贫办认证后才能发布".into()),
            (Self::Publish, ListingStatus::Draft) if valid_until.is_some_and(|u| u < today) => {
                Err("有效期已过，请先修改截止日期".into())
            }
            (Self::Publish, ListingStatus::Draft) => Ok(ListingStatus::Published),
            (Self::Close, ListingStatus::Published) => Ok(ListingStatus::Closed),
            (Self::Withdraw, ListingStatus::Draft | ListingStatus::Published) => Ok(ListingStatus::Withdrawn),
            (step, from) => Err(format!("「{}」状态下不能{}", from.label(), step.label())),
        }
    }
}

/// Applies a lifecycle step to one of the caller's listings.
pub async fn transition(
    db: &DatabaseConnection,
    user: &SessionUser,
    side: Side,
    id: i32,
    step: Transition,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Listing> {
    let txn = crate::db::write(db).await?;
    let before = owned(&txn, user, side, id).await?;
    let to = step.apply(before.status, user.is_verified(), before.valid_until, today).map_err(AppError::Conflict)?;
    let published_at = if step == Transition::Publish { Some(now) } else { before.published_at };
    match side {
        Side::Offer => {
            offer::ActiveModel {
                id: Set(id),
                status: Set(to.code().into()),
                published_at: Set(published_at),
                updated_at: Set(now),
                ..Default::default()
            }
            .update(&txn)
            .await?;
        }
        Side::Need => {
            need::ActiveModel {
                id: Set(id),
                status: Set(to.code().into()),
                published_at: Set(published_at),
                updated_at: Set(now),
                ..Default::default()
            }
            .update(&txn)
            .await?;
        }
    }
    let after = find(&txn, side, id).await?.ok_or(AppError::NotFound)?;
    record_change(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        &format!("{}.{}", side.table(), step.code()),
        Some(&before),
        &after,
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(after)
}

/// Whether `user` (or the public, for `None`) may see listing `l` on `today`: anyone when it is
/// live and its organisation verified; otherwise those of [`may_read_all`].
pub async fn visible<C: ConnectionTrait>(
    db: &C,
    user: Option<&SessionUser>,
    l: &Listing,
    today: NaiveDate,
) -> Result<bool, DbErr> {
    let public = l.effective_status(today) == ListingStatus::Published
        && organisation::Entity::find_by_id(l.organisation_id).one(db).await?.is_some_and(|o| org_may_publish(&o));
    Ok(public || may_read_all(db, user, l).await?)
}

/// Whether organisation `org` may publish (verified, not suspended).
pub fn org_may_publish(org: &organisation::Model) -> bool {
    org.status == OrgStatus::Verified.code()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_refuse_illegal_moves() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
        use ListingStatus as S;
        use Transition as T;
        assert_eq!(T::Publish.apply(S::Draft, true, None, today), Ok(S::Published));
        assert!(T::Publish.apply(S::Draft, false, None, today).is_err(), "unverified");
        assert!(T::Publish.apply(S::Draft, true, Some(today - chrono::Duration::days(1)), today).is_err(), "expired");
        assert!(T::Publish.apply(S::Published, true, None, today).is_err());
        assert_eq!(T::Close.apply(S::Published, true, None, today), Ok(S::Closed));
        assert!(T::Close.apply(S::Draft, true, None, today).is_err());
        assert_eq!(T::Withdraw.apply(S::Draft, true, None, today), Ok(S::Withdrawn));
        assert!(T::Withdraw.apply(S::Closed, true, None, today).is_err());
        assert!(T::Publish.apply(S::Withdrawn, true, None, today).is_err());
    }
}
