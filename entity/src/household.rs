//! One household of a village's 建档立卡 register (private; see the migration).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "household")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub village_id: i32,
    /// The register's own household number (户编号), unique in the village.
    pub code: String,
    /// The head of household's name, sealed at rest; erased after the retention period.
    #[serde(skip_serializing)]
    pub head_name: String,
    pub members: i32,
    pub registered_year: i32,
    pub lifted_year: Option<i32>,
    /// The year the household left the register (户销户, moved away); its name is erased some
    /// years after.
    pub left_year: Option<i32>,
    pub imported_by: i32,
    pub imported_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
