//! An operating asset's income for one year, reported by the village.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "asset_income")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub asset_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub income_fen: i64,
    pub reported_by: i32,
    pub reported_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
