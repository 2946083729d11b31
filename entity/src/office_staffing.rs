//! An office's posts (编制): how many reviewers it is meant to have.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "office_staffing")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub office_id: i32,
    pub posts: i32,
    pub updated_by: i32,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
