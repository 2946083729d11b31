//! Purchases that count (消费帮扶), after the rule of the national 832 platform: a purchase of
//! produce counts only when the village (or its cooperative) has confirmed the delivery, the
//! buyer has recorded the payment and rated the goods. Until then the office cannot verify it.
//! A purchase paid more than 30 % above the market price the buyer entered, and one the buyer
//! rated poor, are flagged for the office (价高质次).

use chrono::{DateTime, NaiveDate, Utc};
use entity::{agreement, contribution, organisation, pairing};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};
use serde::{Deserialize, Serialize};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::SessionUser;
use crate::domain::{ContributionKind, ContributionStatus};
use crate::error::{AppError, Result};
use crate::money::Money;
use crate::pairings::{self, Party};

/// A price above the market price by more than this share (percent) is flagged.
pub const HIGH_PRICE_PERCENT: i64 = 130;
/// A rating at or below this says the quality was poor.
pub const POOR_RATING: i32 = 2;

/// The delivery the village confirms, as [`missing`] names it.
pub const DELIVERY: &str = "村委会确认交货";

/// What a purchase still lacks before it counts (empty: it counts once verified).
pub fn missing(c: &contribution::Model) -> Vec<&'static str> {
    if ContributionKind::parse(&c.kind) != Some(ContributionKind::Produce) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if c.confirmed_at.is_none() {
        out.push(DELIVERY);
    }
    if c.paid_on.is_none() {
        out.push("买方记录付款");
    }
    if c.rating.is_none() {
        out.push("买方评价");
    }
    out
}

/// The purchase's unit price in 分 (its amount over its quantity), when both are known.
pub fn unit_price_fen(c: &contribution::Model) -> Option<i64> {
    c.quantity.filter(|q| *q > 0).map(|q| c.amount_fen / q)
}

/// The purchase's 价高质次 flags, in Chinese.
pub fn flags(c: &contribution::Model) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(market), Some(q)) = (c.market_price_fen.filter(|m| *m > 0), c.quantity.filter(|q| *q > 0))
        && i128::from(c.amount_fen) * 100 > i128::from(market) * i128::from(q) * i128::from(HIGH_PRICE_PERCENT)
    {
        let unit = c.unit.clone().unwrap_or_else(|| "单位".into());
        out.push(format!(
            "价高：每{unit} {}，高于所填市场价 {} 的 30% 以上",
            Money(c.amount_fen / q).display(),
            Money(market).display()
        ));
    }
    if let Some(r) = c.rating.filter(|r| *r <= POOR_RATING) {
        let why = c.rating_comment.as_deref().filter(|s| !s.is_empty()).map(|s| format!("：{s}")).unwrap_or_default();
        out.push(format!("质次：买方评价 {r} 分（满分 5 分）{why}"));
    }
    if let (Some(paid), true) = (c.paid_fen, c.paid_on.is_some())
        && paid != c.amount_fen
    {
        out.push(format!("付款 {} 与采购金额 {} 不一致", Money(paid).display(), Money(c.amount_fen).display()));
    }
    out
}

/// A purchase in words: product, quantity and the market price entered (empty for other kinds).
pub fn describe(c: &contribution::Model) -> String {
    if ContributionKind::parse(&c.kind) != Some(ContributionKind::Produce) {
        return String::new();
    }
    let unit = c.unit.clone().unwrap_or_default();
    let mut words = c.product.clone().unwrap_or_default();
    if let Some(q) = c.quantity {
        words.push_str(&format!(" {} {unit}", crate::money::group_thousands(q.unsigned_abs())));
    }
    if let Some(m) = c.market_price_fen {
        words.push_str(&format!("，市场价每{unit} {}", Money(m).display()));
    }
    words
}

/// The buyer's payment and rating in words (empty until recorded).
pub fn payment_words(c: &contribution::Model) -> String {
    match (c.paid_on, c.paid_fen, c.rating) {
        (Some(on), Some(paid), Some(r)) => format!(
            "{} 付款 {}；买方评价 {r} 分{}",
            on.format("%Y年%m月%d日"),
            Money(paid).display(),
            c.rating_comment.as_deref().map(|t| format!("：{t}")).unwrap_or_default()
        ),
        _ => String::new(),
    }
}

/// Why the buyer cannot record payment and rating on `c` (None: it can, if the record is still
/// open): the page and the step say the same.
pub fn refusal(c: &contribution::Model) -> Option<String> {
    if ContributionKind::parse(&c.kind) != Some(ContributionKind::Produce) {
        return Some("只有采购农产品（消费帮扶）的记录需要记录付款和评价".into());
    }
    c.rated_at.map(|at| {
        format!(
            "这笔采购已于 {} 记录付款和评价（{} 分），不能再改",
            crate::clock::to_shanghai(at).format("%Y年%m月%d日"),
            c.rating.unwrap_or(0)
        )
    })
}

/// The buyer's payment and rating.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PurchaseForm {
    pub paid_on: String,
    pub paid_yuan: String,
    pub rating: String,
    pub rating_comment: String,
}

/// The form's fields, in order.
pub const FIELDS: &[&str] = &["paid_on", "paid_yuan", "rating", "rating_comment"];

/// The rating words, best first.
pub const RATINGS: &[(i32, &str)] =
    &[(5, "5 分：很好"), (4, "4 分：好"), (3, "3 分：一般"), (2, "2 分：较差"), (1, "1 分：很差")];

/// The buyer records the payment of purchase `id` and rates it, once, before the office
/// verifies it. One conditional update with its audit event: a second record (or one racing
/// the office) gets 409 with what is there.
/// The most one payment may be (10 亿元), as for a listing's amount.
const MOST_PAID_FEN: i64 = 100_000_000_000;

pub async fn record(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    form: &PurchaseForm,
    now: DateTime<Utc>,
) -> Result<contribution::Model> {
    let c = contribution::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let a = agreement::Entity::find_by_id(c.agreement_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(db).await?.ok_or(AppError::NotFound)?;
    if pairings::party_of(db, user, &p).await? != Party::Enterprise {
        return Err(AppError::NotFound);
    }
    if let Some(why) = refusal(&c) {
        return Err(AppError::Conflict(why));
    }
    let mut errors = FieldErrors::new();
    let today = crate::clock::to_shanghai(now).date_naive();
    let paid_on = NaiveDate::parse_from_str(form.paid_on.trim(), "%Y-%m-%d").ok();
    match paid_on {
        None if form.paid_on.trim().is_empty() => {
            errors.push(("paid_on".into(), "请填写付款日期，例如 2026-12-31".into()))
        }
        None => errors.push(("paid_on".into(), "付款日期格式应为 2026-12-31".into())),
        Some(d) if d > today => errors.push(("paid_on".into(), "付款日期不能晚于今天：付款后再记录".into())),
        Some(d) if d < a.starts_on => errors.push((
            "paid_on".into(),
            format!("付款日期不能早于协议开始执行的 {}", a.starts_on.format("%Y年%-m月%-d日")),
        )),
        Some(_) => {}
    }
    let paid = match form.paid_yuan.trim() {
        "" => {
            errors.push(("paid_yuan".into(), "请填写实际付款金额（元）".into()));
            Money(0)
        }
        v => match Money::parse_yuan(v) {
            Ok(m) if m.0 <= MOST_PAID_FEN => m,
            // A figure too large says what the most is.
            Ok(_) | Err("金额过大") => {
                errors.push(("paid_yuan".into(), "付款金额不能超过 10 亿元".into()));
                Money(0)
            }
            Err(m) => {
                errors.push(("paid_yuan".into(), m.into()));
                Money(0)
            }
        },
    };
    if paid.0 == 0 && !form.paid_yuan.trim().is_empty() && errors.iter().all(|(f, _)| f != "paid_yuan") {
        errors.push(("paid_yuan".into(), "付款金额应大于 0".into()));
    }
    let rating = form.rating.trim().parse::<i32>().ok().filter(|r| (1..=5).contains(r));
    if rating.is_none() {
        errors.push(("rating".into(), "请为这批农产品的质量打分（1 到 5 分）".into()));
    }
    let comment = form.rating_comment.trim().to_owned();
    if comment.chars().count() > 200 {
        errors.push(("rating_comment".into(), "评价说明不超过 200 字".into()));
    } else if let Some(problem) = crate::auth::public_text_problem(&comment) {
        errors.push(("rating_comment".into(), problem.into()));
    } else if rating.is_some_and(|r| r <= POOR_RATING) && comment.chars().count() < 2 {
        errors.push(("rating_comment".into(), "评分较低时请写明质量问题，扶贫办会核查".into()));
    }
    let (Some(paid_on), Some(rating), true) = (paid_on, rating, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let txn = crate::db::write(db).await?;
    let open = [
        ContributionStatus::Reported.code(),
        ContributionStatus::Confirmed.code(),
        ContributionStatus::Disputed.code(),
    ];
    let done = contribution::Entity::update_many()
        .col_expr(contribution::Column::PaidOn, Expr::value(paid_on))
        .col_expr(contribution::Column::PaidFen, Expr::value(paid.0))
        .col_expr(contribution::Column::Rating, Expr::value(rating))
        .col_expr(contribution::Column::RatingComment, Expr::value(Some(comment.clone()).filter(|s| !s.is_empty())))
        .col_expr(contribution::Column::RatedAt, Expr::value(now))
        .filter(contribution::Column::Id.eq(id))
        .filter(contribution::Column::RatedAt.is_null())
        .filter(contribution::Column::Status.is_in(open))
        .exec(&txn)
        .await?;
    let after = contribution::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if done.rows_affected == 0 {
        return Err(AppError::Conflict(refusal(&after).unwrap_or_else(|| {
            format!(
                "帮扶记录当前为「{}」，不能再记录付款和评价",
                ContributionStatus::parse(&after.status).map_or("未知", ContributionStatus::label)
            )
        })));
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "contribution.purchase",
            entity: "contribution",
            entity_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "paid_on": paid_on, "paid_fen": paid.0, "rating": rating, "rating_comment": comment
            })),
        },
    )
    .await?;
    let village = organisation::Entity::find_by_id(p.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let what: String = after.product.clone().unwrap_or_else(|| after.description.chars().take(20).collect());
    let link = format!("/agreements/{}", a.id);
    pairings::notify(&txn, &[p.village_id], &format!("买方已付款并评价「{what}」：{rating} 分"), &link, now).await?;
    let offices = pairings::offices_covering(&txn, &village.region_code).await?;
    let flagged = flags(&after);
    if !flagged.is_empty() {
        let title = format!("消费帮扶采购「{what}」（{}）需要核查：{}", village.name, flagged.join("；"));
        pairings::notify(&txn, &offices, &title, &link, now).await?;
    }
    crate::db::commit(txn).await?;
    Ok(after)
}
