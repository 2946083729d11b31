//! A training session a county runs for village cadres (培训).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "training_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The county (12-digit region code) whose cadres it trains.
    pub county_code: String,
    /// The office that runs it.
    pub office_id: i32,
    pub topic: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// Class hours (学时).
    pub hours: i32,
    pub trainer: String,
    pub place: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    /// When attendance was last recorded.
    pub attendance_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
