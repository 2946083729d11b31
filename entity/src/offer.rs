//! An enterprise's offer: jobs, produce purchase, investment, donation, training, technical help, infrastructure.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "offer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub amount_fen: i64,
    pub quantity: Option<i64>,
    pub unit: Option<String>,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub status: String,
    #[sea_orm(unique, column_name = "ref")]
    pub external_ref: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
