//! Help delivered under an agreement: reported, confirmed by the village, verified by the office.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "contribution")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agreement_id: i32,
    pub kind: String,
    pub amount_fen: i64,
    pub quantity: Option<i64>,
    pub unit: Option<String>,
    pub households: i32,
    pub persons: i32,
    pub contributed_on: Date,
    pub description: String,
    pub status: String,
    pub reported_by: Option<i32>,
    pub reported_at: DateTimeUtc,
    pub confirmed_by: Option<i32>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub verified_by: Option<i32>,
    pub verified_at: Option<DateTimeUtc>,
    pub dispute_reason: Option<String>,
    /// The disputed record this one corrects.
    pub supersedes_id: Option<i32>,
    /// The office's ruling on a dispute, or the enterprise's reason for withdrawing.
    pub resolution: Option<String>,
    /// The programmes it counts for, stored `,code,code,` (none: its agreement's).
    pub programmes: Option<String>,
    /// What was bought (a purchase of produce, 消费帮扶).
    pub product: Option<String>,
    /// The market price per unit the buyer entered, to compare with what was paid.
    pub market_price_fen: Option<i64>,
    /// The buyer's payment (消费帮扶 counts a purchase only when it is paid).
    pub paid_on: Option<Date>,
    pub paid_fen: Option<i64>,
    /// The buyer's rating of the goods, 1–5, with an optional comment.
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<DateTimeUtc>,
    /// Jobs: how many were still in work six months on (reported by the village, verified by
    /// the office).
    pub retained_persons: Option<i32>,
    pub retained_reported_at: Option<DateTimeUtc>,
    pub retained_verified_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
