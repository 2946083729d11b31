//! One entry of a village's work log (optional; kept for the village).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "village_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub village_id: i32,
    /// Who wrote it (a member of the village's staff, e.g. its first secretary).
    pub user_id: i32,
    /// The day it is about.
    pub day: Date,
    pub body: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
