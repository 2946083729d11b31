//! A village collective's income for one year, as reported and (once checked) verified.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "collective_income")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub village_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub amount_fen: i64,
    /// reported | verified | returned (see `IncomeStatus`).
    pub status: String,
    /// The office's word when it sent the figure back.
    pub note: Option<String>,
    pub reported_by: i32,
    pub reported_at: DateTimeUtc,
    pub verified_by: Option<i32>,
    pub verified_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
