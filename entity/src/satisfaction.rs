//! A village's rating of the help it received under one agreement in one year (群众满意度).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "satisfaction")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agreement_id: i32,
    pub year: i32,
    /// 1 (很不满意) … 5 (很满意).
    pub rating: i16,
    pub comment: Option<String>,
    pub rated_by: i32,
    pub rated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
