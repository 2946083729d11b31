//! Which reviewer holds an open piece of an office's work (absent: the office's, unassigned).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "work_assignment")]
pub struct Model {
    /// What kind of work (see `governance::team::WorkKind`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: i32,
    pub reviewer_id: i32,
    pub assigned_by: i32,
    pub assigned_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
