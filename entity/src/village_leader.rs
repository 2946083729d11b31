//! One member of a village's leadership (村班子), current or ended (history).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "village_leader")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub village_id: i32,
    /// party_secretary | first_secretary | work_team.
    pub role: String,
    pub name: String,
    /// The unit that sent them (first secretary, work team); may be empty for the party secretary.
    pub unit: String,
    /// Their place in the team (队长, 队员 …); may be empty.
    pub post: String,
    pub from_date: Date,
    /// The end of the planned term (任期至), if set.
    pub term_end: Option<Date>,
    /// Set when they left; the row stays.
    pub to_date: Option<Date>,
    pub end_reason: Option<String>,
    pub recorded_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
