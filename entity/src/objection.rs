//! An objection (异议) to a notice; the objector's contact is never public.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "objection")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub notice_id: i32,
    pub body: String,
    /// Sealed with the data key (never readable in the database).
    pub contact_name: String,
    /// Sealed with the data key.
    pub contact_phone: String,
    pub status: String,
    pub resolution: Option<String>,
    pub handled_by: Option<i32>,
    pub handled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// A keyed digest of the phone: one open objection per contact and notice.
    pub contact_key: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
