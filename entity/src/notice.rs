//! A 公示 of a pairing, agreement or contribution during its objection window.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "notice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entity: String,
    pub entity_id: i32,
    pub title: String,
    pub summary: String,
    pub region_code: String,
    pub window_start: DateTimeUtc,
    pub window_end: DateTimeUtc,
    pub status: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
