//! The drive's governance (issue 15): plans with yearly targets, responsibility for counties
//! and villages, and the assessment built on the verified ledger.

pub mod assessment;
pub mod assets;
pub mod cadres;
pub mod households;
pub mod income;
pub mod inspection;
pub mod leaders;
pub mod monitoring;
pub mod outcomes;
pub mod plans;
pub mod publicity;
pub mod register;
pub mod responsibility;
pub mod satisfaction;
pub mod supervision;
pub mod team;
pub mod training;
pub mod workdays;
