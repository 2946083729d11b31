//! qicun (企村): the platform of the 百企联百村 drive — enterprises' offers, villages' needs,
//! pairings, agreements, contributions, public notice and a tamper-evident audit trail.

pub mod accounts;
pub mod agreements;
pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod bench;
pub mod cache;
pub mod campaign;
pub mod cli;
pub mod clock;
pub mod cockpit;
pub mod config;
pub mod contributions;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod evidence;
pub mod export;
pub mod flags;
pub mod governance;
pub mod health;
pub mod import;
pub mod ledger;
pub mod listings;
pub mod matching;
pub mod money;
pub mod notices;
pub mod outbox;
pub mod pairings;
pub mod programmes;
pub use governance::plans;
pub mod radar;
pub mod ratelimit;
pub mod search;
pub mod sheet;
pub mod stats;
pub mod submissions;
pub mod text;
pub mod uscc;
pub mod web;

pub use app::{AppState, build_state, router, serve};
pub use config::Config;
