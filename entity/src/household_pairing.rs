//! A cadre paired with a household of a village's register (党员干部结对帮扶; private).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "household_pairing")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub household_id: i32,
    pub village_id: i32,
    /// The cadre's account (a help unit's or an office's).
    pub cadre_id: i32,
    pub from_date: Date,
    /// Set when the pairing ends; the row stays as history.
    pub to_date: Option<Date>,
    pub end_reason: Option<String>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
