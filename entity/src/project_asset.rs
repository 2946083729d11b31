//! An asset a project left to the village collective (项目资产).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "project_asset")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The agreement (project) that created it.
    pub agreement_id: i32,
    /// The village whose collective owns it.
    pub village_id: i32,
    pub name: String,
    /// `operating` (经营性), `public` (公益性) or `household` (到户类).
    pub kind: String,
    pub value_fen: i64,
    pub handed_over_on: Date,
    pub recorded_by: i32,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
