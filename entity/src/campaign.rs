//! A campaign (专项行动) of an office: villages and enterprises paired at once.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "campaign")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub name: String,
    pub as_of: Date,
    pub one_to_one: bool,
    pub status: String,
    pub solved_at: Option<DateTimeUtc>,
    /// The villages the last solve could not cover, with the reason (JSON list).
    pub uncovered: Option<String>,
    pub issued_at: Option<DateTimeUtc>,
    /// No pair farther apart than this (km), where both places are known.
    pub max_km: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// What the last solve says of itself when it could not prove its answer the best.
    pub solve_note: Option<String>,
    /// How many enterprises a village may be paired with (多企一村 above 1).
    pub per_village: i32,
}

impl ActiveModelBehavior for ActiveModel {}
