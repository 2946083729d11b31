//! What an enterprise can spend on one kind of help in a campaign (in 分): the optimiser keeps
//! the amounts of the pairs it proposes for that kind within it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "campaign_budget")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub campaign_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    pub amount_fen: i64,
}

impl ActiveModelBehavior for ActiveModel {}
