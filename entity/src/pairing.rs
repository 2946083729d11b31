//! A proposed enterprise–village pairing and its review.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "pairing")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub enterprise_id: i32,
    pub village_id: i32,
    pub offer_id: Option<i32>,
    pub need_id: Option<i32>,
    pub source: String,
    pub score: Option<f64>,
    pub components: Option<Json>,
    pub status: String,
    pub proposed_by: Option<i32>,
    pub enterprise_accepted_at: Option<DateTimeUtc>,
    pub village_accepted_at: Option<DateTimeUtc>,
    pub decline_reason: Option<String>,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub review_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Enterprise, village, offer and need while the pairing is open (unique); cleared when it ends.
    pub open_key: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
