//! A household watched for relapse (防止返贫致贫监测对象), from the first signal to leaving
//! monitoring (private; see the migration).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "monitoring_case")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub village_id: i32,
    /// The household's row on the village's register, when it is on it (an edge household
    /// (边缘户) may not be).
    pub household_id: Option<i32>,
    /// The head's name, sealed, for a household not on the register; empty otherwise (read
    /// from the register).
    #[serde(skip_serializing)]
    pub head_name: String,
    pub members: i32,
    /// How the risk came to light: `application`, `village_check` or `data_alert`.
    pub channel: String,
    /// The kind of risk (private: it may say 因病).
    pub risk: String,
    /// The day of the first signal.
    pub signal_on: Date,
    /// The home visit is due by this day (5 working days after the signal).
    pub visit_due: Date,
    /// The county's decision is due by this day (15 days after the signal).
    pub decide_due: Date,
    /// Help measures are due by this day, once the household is taken into monitoring.
    pub measures_due: Option<Date>,
    /// Where the case stands (see `governance::monitoring::Stage`).
    pub stage: String,
    /// The first day of the village notice.
    pub notice_from: Option<Date>,
    /// The county's category, once taken in.
    pub category: Option<String>,
    pub closed_on: Option<Date>,
    /// The stage whose overdue warning has been sent (once per stage); the erased mark once a
    /// closed case's details are erased after the retention period.
    pub warned: Option<String>,
    pub filed_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
