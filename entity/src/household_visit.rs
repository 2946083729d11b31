//! A visit or help measure a paired cadre logged for a household (private).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "household_visit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pairing_id: i32,
    pub visited_on: Date,
    /// `visit` (走访) or `measure` (帮扶措施).
    pub kind: String,
    /// A measure's kind (see `governance::monitoring::Measure`).
    pub measure: Option<String>,
    pub note: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
