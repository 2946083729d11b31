//! A county's plan (规划) for a plan period (十五五 …), with yearly targets in `plan_target`.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The county (12-digit region code) the plan is for.
    pub county_code: String,
    pub period: String,
    pub start_year: i32,
    pub end_year: i32,
    /// draft → submitted → approved, or returned (to be changed and submitted again).
    pub status: String,
    /// The county office that wrote it.
    pub office_id: i32,
    /// The city office's word when it sent the plan back.
    pub note: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub approved_by: Option<i32>,
    pub approved_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
