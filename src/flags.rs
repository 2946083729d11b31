//! Anti-fraud flags for offices and auditors (严防假项目、空项目): signs that a contribution may
//! not be what it claims. A flag is a reason to look, not a verdict.

use chrono::Duration;
use entity::{agreement, contribution, evidence, pairing};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::domain::ContributionKind;

/// Round amounts: multiples of 10,000 元.
pub const ROUND_FEN: i64 = 1_000_000;

/// Whether amounts (分, each above 0) are mostly round: at least three, four in five.
pub fn mostly_round(amounts: &[i64]) -> bool {
    let round = amounts.iter().filter(|f| **f % ROUND_FEN == 0).count();
    round >= 3 && round * 5 >= amounts.len() * 4
}

/// The flags of one contribution, in Chinese.
pub async fn of_contribution<C: ConnectionTrait>(db: &C, c: &contribution::Model) -> Result<Vec<String>, DbErr> {
    let mut flags = Vec::new();
    let hashes: Vec<String> = evidence::Entity::find()
        .filter(evidence::Column::ContributionId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.sha256)
        .collect();
    if hashes.is_empty() {
        flags.push("没有证明材料".into());
    } else {
        // A correction keeps the photos of the record it replaces (and may be corrected in
        // turn): the records of one chain of corrections share files by design.
        let mut shared = evidence::Entity::find()
            .filter(evidence::Column::Sha256.is_in(hashes))
            .filter(evidence::Column::ContributionId.ne(c.id))
            .all(db)
            .await?;
        if !shared.is_empty() {
            let chain = correction_chain(db, c).await?;
            shared.retain(|e| !chain.contains(&e.contribution_id));
        }
        if let Some(other) = shared.first() {
            flags.push(format!("证明材料与帮扶记录 #{} 的文件相同", other.contribution_id));
        }
    }
    if c.reported_by.is_some() && c.reported_by == c.confirmed_by {
        flags.push("报告人与确认人是同一人".into());
    }
    if let Some(confirmed) = c.confirmed_at
        && confirmed - c.reported_at < Duration::minutes(1)
    {
        flags.push("报告后一分钟内即被确认".into());
    }
    flags.extend(crate::programmes::purchases::flags(c));
    if let Some(a) = agreement::Entity::find_by_id(c.agreement_id).one(db).await? {
        let planned = match ContributionKind::parse(&c.kind) {
            Some(ContributionKind::Money) => a.planned_money_fen,
            Some(ContributionKind::Goods) => a.planned_goods_fen,
            Some(ContributionKind::Produce) => a.planned_produce_fen,
            _ => -1,
        };
        if planned >= 0 && c.amount_fen > 0 && c.amount_fen > planned.max(0) * 2 {
            flags.push(if planned == 0 {
                "协议未计划此类投入".into()
            } else {
                "金额超过协议计划的两倍".into()
            });
        }
        if c.amount_fen > 0 && c.amount_fen % ROUND_FEN == 0 && round_habit(db, &a).await? {
            flags.push("该企业的金额多为整万元".into());
        }
    }
    Ok(flags)
}

/// The records of `c`'s chain of corrections: those it replaced and those that replaced it.
async fn correction_chain<C: ConnectionTrait>(db: &C, c: &contribution::Model) -> Result<Vec<i32>, DbErr> {
    let all = contribution::Entity::find().filter(contribution::Column::AgreementId.eq(c.agreement_id)).all(db).await?;
    let mut chain = vec![c.id];
    // Each link joins a record and the one it replaced; a chain is short, so a few passes over
    // the agreement's records find all of it.
    loop {
        let before = chain.len();
        for r in &all {
            let Some(replaced) = r.supersedes_id else { continue };
            match (chain.contains(&r.id), chain.contains(&replaced)) {
                (true, false) => chain.push(replaced),
                (false, true) => chain.push(r.id),
                _ => {}
            }
        }
        if chain.len() == before {
            return Ok(chain);
        }
    }
}

/// Whether the agreement's enterprise reports mostly round amounts (at least three, four in five).
async fn round_habit<C: ConnectionTrait>(db: &C, a: &agreement::Model) -> Result<bool, DbErr> {
    let Some(p) = pairing::Entity::find_by_id(a.pairing_id).one(db).await? else { return Ok(false) };
    let pairings: Vec<i32> = pairing::Entity::find()
        .filter(pairing::Column::EnterpriseId.eq(p.enterprise_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let agreements: Vec<i32> = agreement::Entity::find()
        .filter(agreement::Column::PairingId.is_in(pairings))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    // Records withdrawn, corrected or not recognised are not the enterprise's word any more:
    // taking them back must not change the flags on the others.
    let amounts: Vec<i64> = contribution::Entity::find()
        .filter(contribution::Column::AgreementId.is_in(agreements))
        .filter(contribution::Column::Status.is_not_in([
            crate::domain::ContributionStatus::Withdrawn.code(),
            crate::domain::ContributionStatus::Corrected.code(),
            crate::domain::ContributionStatus::Rejected.code(),
        ]))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.amount_fen)
        .filter(|f| *f > 0)
        .collect();
    Ok(mostly_round(&amounts))
}
