//! Contributions: help delivered under an agreement, reported by the enterprise with evidence
//! files, confirmed (or disputed) by the village, verified by the office. An agreement completes
//! when every planned kind is met by verified contributions.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{agreement, contribution, evidence, pairing};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::SessionUser;
use crate::domain::{AgreementStatus, ContributionKind, ContributionStatus};
use crate::error::{AppError, Result};
use crate::money::Money;
use crate::pairings::{self, Party};

/// The largest evidence file accepted.
pub const MAX_EVIDENCE_BYTES: usize = 8 * 1024 * 1024;

/// What the bytes of a file are, judged from the bytes themselves (not the name or the
/// browser's word).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// A JPEG without its EXIF (APP1) segments, where cameras and phones put GPS coordinates; the
/// copy shown publicly. Other files are returned as they are.
pub fn without_exif(bytes: &[u8]) -> Vec<u8> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return bytes.to_vec();
    }
    let mut out = vec![0xFF, 0xD8];
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        // Start of scan: the compressed image follows to the end.
        if marker == 0xDA {
            break;
        }
        let len = usize::from(bytes[i + 2]) << 8 | usize::from(bytes[i + 3]);
        let end = (i + 2 + len).min(bytes.len());
        let is_exif = marker == 0xE1 && bytes.get(i + 4..i + 10) == Some(b"Exif\0\0".as_slice());
        if !is_exif {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
    out.extend_from_slice(&bytes[i.min(bytes.len())..]);
    out
}

/// Where evidence files are kept: a directory, by content hash (one small seam, so an object
/// store can take its place).
#[derive(Clone, Debug)]
pub struct EvidenceStore {
    dir: PathBuf,
}

impl EvidenceStore {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(key)
    }

    /// Stores `bytes` under `key` (idempotent: same hash, same content).
    pub fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path(key);
        if !path.exists() {
            let tmp = self.path(&format!("{key}.tmp"));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(tmp, path)?;
        }
        Ok(())
    }

    /// Reads the file under `key`.
    pub fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path(key))
    }
}

/// An uploaded file.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What the enterprise reports.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ContributionForm {
    pub kind: String,
    pub amount_yuan: String,
    pub quantity: String,
    pub unit: String,
    pub households: String,
    pub persons: String,
    pub contributed_on: String,
    pub description: String,
}

/// The form's fields, in order.
pub const FIELDS: &[&str] =
    &["kind", "amount_yuan", "quantity", "unit", "households", "persons", "contributed_on", "description", "files"];

fn count(raw: &str, field: &str, errors: &mut FieldErrors) -> i32 {
    match raw.trim() {
        "" => 0,
        v => v.parse::<i32>().ok().filter(|n| (0..=1_000_000).contains(n)).unwrap_or_else(|| {
            errors.push((field.into(), "请填写 0 到 1,000,000 之间的整数".into()));
            0
        }),
    }
}

/// A step on a contribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Confirm,
    Dispute,
    Verify,
}

impl Step {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "confirm" => Some(Self::Confirm),
            "dispute" => Some(Self::Dispute),
            "verify" => Some(Self::Verify),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Dispute => "dispute",
            Self::Verify => "verify",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Confirm => "确认属实",
            Self::Dispute => "提出异议",
            Self::Verify => "核实",
        }
    }
}

/// The status after `party` takes `step` from `from`, or why not.
pub fn next(from: ContributionStatus, party: Party, step: Step) -> Result<ContributionStatus, String> {
    use ContributionStatus as S;
    match (party, step, from) {
        (Party::Village, Step::Confirm, S::Reported) => Ok(S::Confirmed),
        (Party::Village, Step::Dispute, S::Reported) => Ok(S::Disputed),
        (Party::Office, Step::Verify, S::Confirmed) => Ok(S::Verified),
        (_, step, from) => Err(format!("帮扶记录当前为「{}」，不能{}", from.label(), step.label())),
    }
}

async fn agreement_and_pairing<C: ConnectionTrait>(
    db: &C,
    agreement_id: i32,
) -> Result<(agreement::Model, pairing::Model)> {
    let a = agreement::Entity::find_by_id(agreement_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((a, p))
}

/// The enterprise reports a contribution under an active agreement, with its evidence files.
pub async fn report(
    db: &DatabaseConnection,
    store: &EvidenceStore,
    user: &SessionUser,
    agreement_id: i32,
    form: &ContributionForm,
    files: Vec<Upload>,
    now: DateTime<Utc>,
) -> Result<contribution::Model> {
    let (a, p) = agreement_and_pairing(db, agreement_id).await?;
    if pairings::party_of(db, user, &p).await? != Party::Enterprise {
        return Err(AppError::NotFound);
    }
    if a.status != AgreementStatus::Active.code() {
        return Err(AppError::Conflict("协议已结束，不能再报告".into()));
    }
    let mut errors = FieldErrors::new();
    let kind = ContributionKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.push(("kind".into(), "请选择帮扶类别".into()));
    }
    let amount = match form.amount_yuan.trim() {
        "" => Money(0),
        v => Money::parse_yuan(v).unwrap_or_else(|m| {
            errors.push(("amount_yuan".into(), m.into()));
            Money(0)
        }),
    };
    let quantity = match form.quantity.trim() {
        "" => None,
        v => v.parse::<i64>().ok().filter(|q| *q >= 0).or_else(|| {
            errors.push(("quantity".into(), "数量应为非负整数".into()));
            None
        }),
    };
    let households = count(&form.households, "households", &mut errors);
    let persons = count(&form.persons, "persons", &mut errors);
    if matches!(kind, Some(ContributionKind::Money | ContributionKind::Goods | ContributionKind::Produce))
        && amount.0 == 0
    {
        errors.push(("amount_yuan".into(), "资金、物资和采购农产品须填写金额".into()));
    }
    if matches!(kind, Some(ContributionKind::Jobs | ContributionKind::Trainees)) && persons == 0 {
        errors.push(("persons".into(), "安置就业和技能培训须填写人数".into()));
    }
    let contributed_on = NaiveDate::parse_from_str(form.contributed_on.trim(), "%Y-%m-%d").ok();
    if contributed_on.is_none() {
        errors.push(("contributed_on".into(), "日期格式应为 2026-12-31".into()));
    }
    let description = form.description.trim().to_owned();
    if !(4..=2000).contains(&description.chars().count()) {
        errors.push(("description".into(), "请用 4–2000 字说明这次帮扶".into()));
    }
    if files.is_empty() {
        errors.push(("files".into(), "请上传至少一份证明材料（照片、收据或清单，JPEG、PNG 或 PDF）".into()));
    }
    let mut checked = Vec::new();
    for f in &files {
        if f.bytes.len() > MAX_EVIDENCE_BYTES {
            errors.push(("files".into(), format!("「{}」超过 8 MB", f.name)));
        } else if let Some(media) = sniff(&f.bytes) {
            checked.push((f, media, hex::encode(Sha256::digest(&f.bytes))));
        } else {
            errors.push(("files".into(), format!("「{}」不是 JPEG、PNG 或 PDF 文件", f.name)));
        }
    }
    let (Some(kind), Some(contributed_on), true) = (kind, contributed_on, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    // Files first (content-addressed, so a rolled-back report leaves only harmless orphans).
    for (f, _, hash) in &checked {
        store.put(hash, &f.bytes).map_err(anyhow::Error::from)?;
        store.put(&format!("{hash}.public"), &without_exif(&f.bytes)).map_err(anyhow::Error::from)?;
    }
    let txn = db.begin().await?;
    let c = contribution::ActiveModel {
        agreement_id: Set(a.id),
        kind: Set(kind.code().into()),
        amount_fen: Set(amount.0),
        quantity: Set(quantity),
        unit: Set(Some(form.unit.trim().to_owned()).filter(|u| !u.is_empty())),
        households: Set(households),
        persons: Set(persons),
        contributed_on: Set(contributed_on),
        description: Set(description),
        status: Set(ContributionStatus::Reported.code().into()),
        reported_by: Set(Some(user.id)),
        reported_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (f, media, hash) in checked {
        evidence::ActiveModel {
            contribution_id: Set(c.id),
            file_name: Set(f.name.chars().take(200).collect()),
            media_type: Set(media.into()),
            size_bytes: Set(f.bytes.len() as i64),
            sha256: Set(hash.clone()),
            storage_key: Set(hash),
            uploaded_by: Set(Some(user.id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "contribution.report",
            entity: "contribution",
            entity_id: c.id.to_string(),
            before: None,
            after: serde_json::to_value(&c).ok(),
        },
    )
    .await?;
    pairings::notify(
        &txn,
        &[p.village_id],
        &format!("帮扶记录待确认：{}", c.description.chars().take(40).collect::<String>()),
        &format!("/agreements/{}", a.id),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

/// The village confirms or disputes, or the office verifies, contribution `id`.
pub async fn step(
    db: &DatabaseConnection,
    user: &SessionUser,
    id: i32,
    step: Step,
    reason: &str,
    now: DateTime<Utc>,
    notice_days: i64,
) -> Result<contribution::Model> {
    let reason = reason.trim();
    if step == Step::Dispute && reason.chars().count() < 2 {
        return Err(AppError::field("reason", "请写明异议理由"));
    }
    let txn = db.begin().await?;
    let c = contribution::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let (a, p) = agreement_and_pairing(&txn, c.agreement_id).await?;
    let party = pairings::party_of(&txn, user, &p).await?;
    let from = ContributionStatus::parse(&c.status).ok_or_else(|| AppError::Conflict("状态无法识别".into()))?;
    let to = next(from, party, step).map_err(AppError::Conflict)?;
    let mut am: contribution::ActiveModel = c.clone().into();
    am.status = Set(to.code().into());
    match step {
        Step::Confirm => {
            am.confirmed_by = Set(Some(user.id));
            am.confirmed_at = Set(Some(now));
        }
        Step::Dispute => am.dispute_reason = Set(Some(reason.to_owned())),
        Step::Verify => {
            am.verified_by = Set(Some(user.id));
            am.verified_at = Set(Some(now));
        }
    }
    let updated = am.update(&txn).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: &format!("contribution.{}", step.code()),
            entity: "contribution",
            entity_id: id.to_string(),
            before: Some(serde_json::json!({ "status": c.status })),
            after: Some(serde_json::json!({ "status": updated.status, "reason": reason })),
        },
    )
    .await?;
    if step == Step::Verify {
        complete_if_met(&txn, &a, user, now).await?;
        let village =
            entity::organisation::Entity::find_by_id(p.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        let ent =
            entity::organisation::Entity::find_by_id(p.enterprise_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        let what = ContributionKind::parse(&c.kind).map_or("帮扶", ContributionKind::label);
        let amount = if c.amount_fen > 0 { Money(c.amount_fen).display() } else { format!("{} 人", c.persons) };
        let summary = format!(
            "{}向{}提供{}：{}。{}（经村委会确认、扶贫办核实）",
            ent.name, village.name, what, amount, c.description
        );
        let title = format!("帮扶成效公示：{}", ent.name);
        let n = crate::notices::Notice {
            entity: "contribution",
            id: c.id,
            title: &title,
            summary: &summary,
            region_code: &village.region_code,
        };
        crate::notices::publish(&txn, n, now, notice_days).await?;
    }
    let others: Vec<i32> =
        [p.enterprise_id, p.village_id].into_iter().filter(|o| Some(*o) != user.organisation_id).collect();
    pairings::notify(&txn, &others, &format!("帮扶记录 #{id}：{}", to.label()), &format!("/agreements/{}", a.id), now)
        .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Marks the agreement completed when verified contributions meet every planned kind.
async fn complete_if_met<C: ConnectionTrait>(
    db: &C,
    a: &agreement::Model,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<()> {
    let verified = contribution::Entity::find()
        .filter(contribution::Column::AgreementId.eq(a.id))
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .all(db)
        .await?;
    let money = |k: ContributionKind| verified.iter().filter(|c| c.kind == k.code()).map(|c| c.amount_fen).sum::<i64>();
    let persons =
        |k: ContributionKind| verified.iter().filter(|c| c.kind == k.code()).map(|c| i64::from(c.persons)).sum::<i64>();
    let met = money(ContributionKind::Money) >= a.planned_money_fen
        && money(ContributionKind::Goods) >= a.planned_goods_fen
        && money(ContributionKind::Produce) >= a.planned_produce_fen
        && persons(ContributionKind::Jobs) >= i64::from(a.planned_jobs)
        && persons(ContributionKind::Trainees) >= i64::from(a.planned_trainees);
    if met && a.status == AgreementStatus::Active.code() {
        let mut am: agreement::ActiveModel = a.clone().into();
        am.status = Set(AgreementStatus::Completed.code().into());
        am.closed_at = Set(Some(now));
        am.close_reason = Set(Some("计划全部完成（经扶贫办核实）".into()));
        am.updated_at = Set(now);
        am.update(db).await?;
        audit::record(
            db,
            now,
            &Actor::user(user.id, &user.login),
            Event {
                action: "agreement.complete",
                entity: "agreement",
                entity_id: a.id.to_string(),
                before: Some(serde_json::json!({ "status": a.status })),
                after: Some(serde_json::json!({ "status": AgreementStatus::Completed.code() })),
            },
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_judged_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"<html>not a photo</html>"), None);
    }

    #[test]
    fn exif_is_removed_from_the_public_copy() {
        let mut jpeg = vec![0xFF, 0xD8];
        let exif = b"Exif\0\0GPS 28.1N 114.5E";
        jpeg.extend_from_slice(&[0xFF, 0xE1, 0, (exif.len() + 2) as u8]);
        jpeg.extend_from_slice(exif);
        jpeg.extend_from_slice(&[0xFF, 0xDB, 0, 4, 1, 2]);
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0, 2, 9, 9, 0xFF, 0xD9]);
        let public = without_exif(&jpeg);
        assert!(!public.windows(4).any(|w| w == b"Exif"));
        assert!(public.ends_with(&[0xFF, 0xDA, 0, 2, 9, 9, 0xFF, 0xD9]), "the image itself is kept");
        assert!(public.windows(4).any(|w| w == [0xFF, 0xDB, 0, 4]));
    }

    #[test]
    fn the_village_confirms_and_the_office_verifies() {
        use ContributionStatus as S;
        assert_eq!(next(S::Reported, Party::Village, Step::Confirm), Ok(S::Confirmed));
        assert_eq!(next(S::Confirmed, Party::Office, Step::Verify), Ok(S::Verified));
        assert!(next(S::Reported, Party::Office, Step::Verify).is_err(), "not before the village confirms");
        assert!(next(S::Reported, Party::Enterprise, Step::Confirm).is_err(), "not by the reporter");
        assert!(next(S::Verified, Party::Village, Step::Dispute).is_err());
    }
}
