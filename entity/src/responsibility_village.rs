//! A village an assignment of responsibility covers.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "responsibility_village")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub responsibility_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub village_id: i32,
}

impl ActiveModelBehavior for ActiveModel {}
