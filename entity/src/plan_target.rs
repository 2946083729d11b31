//! One yearly target of a plan: for `year`, `indicator` (see `PlanIndicator`) should reach
//! `target` (money in 分, people and villages as counts).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "plan_target")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub plan_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub indicator: String,
    pub target: i64,
}

impl ActiveModelBehavior for ActiveModel {}
