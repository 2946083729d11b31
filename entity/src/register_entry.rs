//! One village's 建档立卡 figures for one year.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "register_entry")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub village_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub households: i32,
    pub persons: i32,
    pub imported_by: i32,
    pub imported_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
