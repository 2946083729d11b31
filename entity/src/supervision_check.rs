//! One finding of the supervision scan, open until an office closes it with a reason.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "supervision_check")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// See `CheckRule`.
    pub rule: String,
    /// agreement | contribution.
    pub entity: String,
    pub entity_id: i32,
    /// The agreement it belongs to (for the link).
    pub agreement_id: i32,
    /// The village's region, for the offices' jurisdictions.
    pub region_code: String,
    pub detail: String,
    pub found_at: DateTimeUtc,
    /// See `CheckOutcome`.
    pub outcome: Option<String>,
    pub close_reason: Option<String>,
    pub closed_by: Option<i32>,
    pub closed_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
