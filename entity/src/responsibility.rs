//! A responsibility assignment (责任机制): a leader or a help unit responsible for a county and
//! villages (see `responsibility_village`) from a date; ended assignments are kept as history.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "responsibility")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// city_leader (市领导挂县联村) | county_leader (县（处）级领导挂村联组) | help_unit (定点帮扶单位).
    pub kind: String,
    /// The leader's name or the unit's name.
    pub name: String,
    /// The leader's post, or what kind of body the unit is.
    pub post: String,
    /// The county (12-digit region code).
    pub county_code: String,
    pub from_date: Date,
    /// Set when the assignment ends; the row stays.
    pub to_date: Option<Date>,
    pub end_reason: Option<String>,
    /// The office that recorded it.
    pub office_id: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
