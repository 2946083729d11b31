//! Database migrations for qicun: one schema change per file, each with `up` and `down`.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_reference;
mod m20261127_000002_create_accounts;
mod m20261127_000003_create_listings;
mod m20261127_000004_create_pairing_workflow;
mod m20261127_000005_create_notices;
mod m20261127_000006_create_audit_and_outbox;
mod m20261127_000007_create_notifications;
mod m20261201_000008_add_pairing_open_key;
mod m20261201_000009_create_setting;
mod m20261201_000010_create_rate_limit;
mod m20261201_000011_create_evidence_blob;
mod m20261202_000012_add_password_and_token_rules;
mod m20261202_000013_add_second_factor;
mod m20261202_000014_add_objection_contact_key;
mod m20261202_000015_widen_sealed_phones;
mod m20261202_000016_index_listing_order;
mod m20261204_000017_create_campaign;
mod m20261204_000018_add_campaign_issue;
mod m20261205_000019_add_contribution_resolution;
mod m20261205_000020_add_review_notes;
mod m20261206_000021_add_milestone_reminder;
mod m20261206_000022_add_village_categories;
mod m20261206_000023_create_plan;
mod m20261207_000024_create_responsibility;
mod m20261207_000025_create_assessment;
mod m20261207_000026_create_supervision_check;
mod m20261207_000027_create_story;
mod m20261207_000028_create_register_entry;
mod m20261207_000029_create_collective_income;
mod m20261207_000030_create_campaign_budget;
mod m20261208_000031_create_household;
mod m20261208_000032_add_user_unit;
mod m20261208_000033_create_village_leader;
mod m20261208_000034_create_training;
mod m20261209_000035_create_monitoring;
mod m20261209_000036_create_household_pairing;
mod m20261209_000037_create_office_team;
mod m20261209_000038_create_village_log;
mod m20261209_000039_create_project_asset;
mod m20261210_000040_add_programmes;
mod m20261210_000041_create_county_category;
mod m20261211_000042_create_submission;
mod util;

/// Runs every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_reference::Migration),
            Box::new(m20261127_000002_create_accounts::Migration),
            Box::new(m20261127_000003_create_listings::Migration),
            Box::new(m20261127_000004_create_pairing_workflow::Migration),
            Box::new(m20261127_000005_create_notices::Migration),
            Box::new(m20261127_000006_create_audit_and_outbox::Migration),
            Box::new(m20261127_000007_create_notifications::Migration),
            Box::new(m20261201_000008_add_pairing_open_key::Migration),
            Box::new(m20261201_000009_create_setting::Migration),
            Box::new(m20261201_000010_create_rate_limit::Migration),
            Box::new(m20261201_000011_create_evidence_blob::Migration),
            Box::new(m20261202_000012_add_password_and_token_rules::Migration),
            Box::new(m20261202_000013_add_second_factor::Migration),
            Box::new(m20261202_000014_add_objection_contact_key::Migration),
            Box::new(m20261202_000015_widen_sealed_phones::Migration),
            Box::new(m20261202_000016_index_listing_order::Migration),
            Box::new(m20261204_000017_create_campaign::Migration),
            Box::new(m20261204_000018_add_campaign_issue::Migration),
            Box::new(m20261205_000019_add_contribution_resolution::Migration),
            Box::new(m20261205_000020_add_review_notes::Migration),
            Box::new(m20261206_000021_add_milestone_reminder::Migration),
            Box::new(m20261206_000022_add_village_categories::Migration),
            Box::new(m20261206_000023_create_plan::Migration),
            Box::new(m20261207_000024_create_responsibility::Migration),
            Box::new(m20261207_000025_create_assessment::Migration),
            Box::new(m20261207_000026_create_supervision_check::Migration),
            Box::new(m20261207_000027_create_story::Migration),
            Box::new(m20261207_000028_create_register_entry::Migration),
            Box::new(m20261207_000029_create_collective_income::Migration),
            Box::new(m20261207_000030_create_campaign_budget::Migration),
            Box::new(m20261208_000031_create_household::Migration),
            Box::new(m20261208_000032_add_user_unit::Migration),
            Box::new(m20261208_000033_create_village_leader::Migration),
            Box::new(m20261208_000034_create_training::Migration),
            Box::new(m20261209_000035_create_monitoring::Migration),
            Box::new(m20261209_000036_create_household_pairing::Migration),
            Box::new(m20261209_000037_create_office_team::Migration),
            Box::new(m20261209_000038_create_village_log::Migration),
            Box::new(m20261209_000039_create_project_asset::Migration),
            Box::new(m20261210_000040_add_programmes::Migration),
            Box::new(m20261210_000041_create_county_category::Migration),
            Box::new(m20261211_000042_create_submission::Migration),
        ]
    }
}
