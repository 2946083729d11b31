//! sea-orm entities of the qicun schema, one module per table (no business logic here).
#![expect(
    clippy::disallowed_methods,
    reason = "the derived ActiveModelEx helpers open their own transactions; the app begins its write transactions in db::write"
)]

pub mod agreement;
pub mod api_token;
pub mod assessment_outcome;
pub mod asset_income;
pub mod audit_event;
pub mod campaign;
pub mod campaign_budget;
pub mod campaign_member;
pub mod campaign_pair;
pub mod change;
pub mod collective_income;
pub mod contribution;
pub mod county_category;
pub mod evidence;
pub mod evidence_blob;
pub mod household;
pub mod household_pairing;
pub mod household_visit;
pub mod industry;
pub mod milestone;
pub mod monitoring_case;
pub mod monitoring_step;
pub mod need;
pub mod notice;
pub mod notification;
pub mod objection;
pub mod offer;
pub mod offer_region;
pub mod office_staffing;
pub mod organisation;
pub mod pairing;
pub mod password_history;
pub mod plan;
pub mod plan_target;
pub mod project_asset;
pub mod rate_limit;
pub mod region;
pub mod register_entry;
pub mod responsibility;
pub mod responsibility_village;
pub mod satisfaction;
pub mod session;
pub mod setting;
pub mod story;
pub mod submission;
pub mod supervision_check;
pub mod training_attendance;
pub mod training_session;
pub mod user;
pub mod village_leader;
pub mod village_log;
pub mod work_assignment;
