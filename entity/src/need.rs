//! A village committee's need, of the same kinds as offers, with an urgency 1–3.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "need")]
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
    pub urgency: i16,
}

impl ActiveModelBehavior for ActiveModel {}
