//! A success story an office published for the public portal.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "story")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub title: String,
    pub body: String,
    /// The re-encoded public photo's key in the file store (no metadata survives).
    pub photo_key: Option<String>,
    pub photo_type: Option<String>,
    pub created_by: i32,
    pub published_at: DateTimeUtc,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdraw_reason: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
