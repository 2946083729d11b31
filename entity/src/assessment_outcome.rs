//! What an office decided on an assessed unit for a year: 通报表彰, 奖励, 通报批评, 诫勉谈话 or
//! 限期整改 (with a deadline, closed when the rectification is done).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "assessment_outcome")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub year: i32,
    /// county | enterprise | unit.
    pub subject_kind: String,
    /// The county's code, the enterprise's id or the help unit's assignment id.
    pub subject_key: String,
    pub subject_name: String,
    /// commend | reward | criticise | admonish | rectify.
    pub kind: String,
    pub reason: String,
    pub deadline: Option<Date>,
    pub office_id: i32,
    pub decided_by: i32,
    pub decided_at: DateTimeUtc,
    pub closure_note: Option<String>,
    pub closed_by: Option<i32>,
    pub closed_at: Option<DateTimeUtc>,
    /// A mistaken decision taken back (it stays listed, marked revoked).
    pub revoke_reason: Option<String>,
    pub revoked_by: Option<i32>,
    pub revoked_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
