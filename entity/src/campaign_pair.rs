//! A pair of a campaign: proposed by the optimiser, or locked or excluded by the office.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "campaign_pair")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub campaign_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub village_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub enterprise_id: i32,
    pub state: String,
    pub score: Option<f64>,
    pub reason: String,
    pub need_id: Option<i32>,
    pub offer_id: Option<i32>,
    /// Why the office excluded it: far, capacity, product, record, other.
    pub reason_kind: Option<String>,
    /// The pairing it was issued as.
    pub pairing_id: Option<i32>,
    /// The kind of help behind the pair (the offer's), when it was proposed.
    pub help_kind: Option<String>,
    /// What the pair would take of the enterprise's budget for that kind (分), when known.
    pub cost_fen: Option<i64>,
}

impl ActiveModelBehavior for ActiveModel {}
