//! A 帮扶协议 made from one approved pairing, with planned amounts per kind.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "agreement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub pairing_id: i32,
    pub title: String,
    pub terms: String,
    pub planned_money_fen: i64,
    pub planned_goods_fen: i64,
    pub planned_produce_fen: i64,
    pub planned_jobs: i32,
    pub planned_trainees: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub status: String,
    pub closed_at: Option<DateTimeUtc>,
    pub close_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Why the village or the office sent the draft back.
    pub comment: Option<String>,
    pub countersigned_at: Option<DateTimeUtc>,
    /// When the covering office filed it (备案): from then on it is in force.
    pub filed_at: Option<DateTimeUtc>,
    /// The programmes it counts for, stored `,code,code,` (none: the deployment's current one).
    pub programmes: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
