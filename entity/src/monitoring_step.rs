//! One recorded step of a monitoring case: its day, who recorded it and what they wrote; a help
//! measure (its kind, and the platform's offer it uses, if any).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "monitoring_step")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub step: String,
    pub done_on: Date,
    pub note: String,
    pub measure: Option<String>,
    pub offer_id: Option<i32>,
    pub user_id: i32,
    pub at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
