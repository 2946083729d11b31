//! A dated step of an agreement.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "milestone")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agreement_id: i32,
    pub title: String,
    pub due_on: Date,
    pub planned_amount_fen: i64,
    pub planned_quantity: Option<i64>,
    pub done_at: Option<DateTimeUtc>,
    /// When both parties were told it falls due (once).
    pub reminded_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
