//! An enterprise, village committee or poverty office.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub name: String,
    pub region_code: String,
    pub status: String,
    #[sea_orm(unique, column_name = "ref")]
    pub external_ref: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub verified_by: Option<i32>,
    pub verified_at: Option<DateTimeUtc>,
    #[sea_orm(unique)]
    pub uscc: Option<String>,
    pub industry_code: Option<String>,
    pub address: Option<String>,
    pub size: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: Option<i32>,
    pub poor_households: Option<i32>,
    pub poor_population: Option<i32>,
    pub registered_poor: bool,
    pub main_industries: Option<String>,
    pub first_secretary: Option<String>,
    pub first_secretary_phone: Option<String>,
    pub party_secretary: Option<String>,
    pub party_secretary_phone: Option<String>,
    pub jurisdiction_code: Option<String>,
    /// The office's word when it sent the registration back, refused or suspended it.
    pub review_note: Option<String>,
    /// A village's categories as filed by its office, `,code,code,` (see `VillageCategory`).
    pub categories: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
