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
}

impl ActiveModelBehavior for ActiveModel {}
