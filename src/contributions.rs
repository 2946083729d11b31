//! Contributions: help delivered under an agreement, reported by the enterprise with evidence
//! files, confirmed (or disputed) by the village, verified by the office. An agreement completes
//! when every planned kind is met by verified contributions.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{agreement, contribution, evidence, pairing};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::evidence::{MAX_EVIDENCE_BYTES, PublicCopy, sniff};

use crate::accounts::FieldErrors;
use crate::audit::{self, Actor, Event};
use crate::auth::SessionUser;
use crate::domain::{AgreementStatus, ContributionKind, ContributionStatus};
use crate::error::{AppError, Result};
use crate::money::Money;
use crate::pairings::{self, Party};

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
    /// The id of the record this report corrects (empty for a new one).
    pub corrects: String,
    /// What was bought (purchases of produce).
    pub product: String,
    /// The market price per unit, in 元, to compare with the price paid (purchases).
    pub market_price_yuan: String,
    /// The programmes it counts for (none ticked: its agreement's).
    pub programmes: Vec<String>,
    /// The form's one-time key (see [`crate::submissions`]).
    pub submission: String,
    /// A correction: the corrected record's evidence files kept for the new record (their ids).
    pub keep: Vec<String>,
    /// Files came with a report refused for another field: the form asks for them again (shown
    /// on the page, never read from a form).
    #[serde(skip_deserializing)]
    pub files_dropped: bool,
}

impl ContributionForm {
    /// The form pre-filled from record `c`, to correct it.
    pub fn correcting(c: &contribution::Model) -> Self {
        let yuan = if c.amount_fen > 0 { Money(c.amount_fen).plain_yuan() } else { String::new() };
        let num = |n: i32| if n > 0 { n.to_string() } else { String::new() };
        Self {
            kind: c.kind.clone(),
            amount_yuan: yuan,
            quantity: c.quantity.map(|q| q.to_string()).unwrap_or_default(),
            unit: c.unit.clone().unwrap_or_default(),
            households: num(c.households),
            persons: num(c.persons),
            contributed_on: c.contributed_on.to_string(),
            description: c.description.clone(),
            corrects: c.id.to_string(),
            product: c.product.clone().unwrap_or_default(),
            market_price_yuan: c.market_price_fen.map(|f| Money(f).plain_yuan()).unwrap_or_default(),
            programmes: crate::programmes::Programme::read(c.programmes.as_deref())
                .into_iter()
                .map(|p| p.code().to_owned())
                .collect(),
            submission: crate::submissions::new_key(),
            keep: Vec::new(),
            files_dropped: false,
        }
    }
}

/// Why a report without evidence is refused (`corrects`: the record a correction replaces).
fn no_evidence(corrects: &str) -> &'static str {
    if corrects.trim().is_empty() {
        "请上传至少一份证明材料（照片、收据或清单，JPEG、PNG 或 PDF）"
    } else {
        "请勾选保留原记录的证明材料，或上传至少一份新的（照片、收据或清单，JPEG、PNG 或 PDF）"
    }
}

/// The form's fields, in order.
pub const FIELDS: &[&str] = &[
    "kind",
    "product",
    "amount_yuan",
    "quantity",
    "unit",
    "market_price_yuan",
    "households",
    "persons",
    "contributed_on",
    "description",
    "programmes",
    "files",
];

fn count(raw: &str, field: &str, errors: &mut FieldErrors) -> i32 {
    match raw.trim() {
        "" => 0,
        v => v.parse::<i32>().ok().filter(|n| (0..=1_000_000).contains(n)).unwrap_or_else(|| {
            errors.push((field.into(), "请填写 0 到 1,000,000 之间的整数".into()));
            0
        }),
    }
}

/// A step on a contribution. A correction is not a step here: it is a new report that
/// replaces the disputed one (see [`report`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The village confirms what was reported.
    Confirm,
    /// The village disputes it (with a reason).
    Dispute,
    /// The office verifies a confirmed record (with a reason when it is flagged).
    Verify,
    /// The enterprise withdraws a record not yet confirmed, or a disputed one.
    Withdraw,
    /// The office upholds the village's dispute: the record is not recognised.
    Uphold,
    /// The office overrules the dispute: the record is recognised and verified.
    Overrule,
}

impl Step {
    pub const ALL: [Step; 6] =
        [Self::Confirm, Self::Dispute, Self::Verify, Self::Withdraw, Self::Uphold, Self::Overrule];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.code() == s)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::Dispute => "dispute",
            Self::Verify => "verify",
            Self::Withdraw => "withdraw",
            Self::Uphold => "uphold",
            Self::Overrule => "overrule",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Confirm => "确认属实",
            Self::Dispute => "提出异议",
            Self::Verify => "核实",
            Self::Withdraw => "撤回记录",
            Self::Uphold => "认定异议成立",
            Self::Overrule => "驳回异议并核实",
        }
    }

    /// What the reason field is called on the step's form (empty: the step takes none).
    pub fn reason_label(self) -> &'static str {
        match self {
            Self::Confirm => "",
            Self::Dispute => "异议理由（企业和扶贫办会看到）",
            Self::Verify => "核实说明",
            Self::Withdraw => "撤回原因（可不填）",
            Self::Uphold | Self::Overrule => "裁定理由（双方会看到）",
        }
    }

    /// Whether the step always needs a reason.
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Dispute | Self::Uphold | Self::Overrule)
    }

    /// What happens next, said after the step is taken.
    pub fn outcome(self) -> &'static str {
        match self {
            Self::Confirm => "已确认属实，等待扶贫办核实。",
            Self::Dispute => "异议已提交：企业可以更正或撤回，扶贫办也会裁定。",
            Self::Verify => "已核实，记录进入公示并计入帮扶成效。",
            Self::Withdraw => "记录已撤回，不计入帮扶成效。",
            Self::Uphold => "已认定异议成立：该记录不予认定，不计入帮扶成效。",
            Self::Overrule => "已驳回异议：该记录经核实，进入公示并计入帮扶成效。",
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
        (Party::Enterprise, Step::Withdraw, S::Reported | S::Disputed) => Ok(S::Withdrawn),
        (Party::Office, Step::Uphold, S::Disputed) => Ok(S::Rejected),
        (Party::Office, Step::Overrule, S::Disputed) => Ok(S::Verified),
        (_, step, from) => Err(format!("帮扶记录当前为「{}」，不能{}", from.label(), step.label())),
    }
}

/// Whether the enterprise may correct a record in `status` (by a new report replacing it),
/// `suspended` when an upheld objection took it off public notice: a verified record then comes
/// back to the enterprise to set right (a new report, confirmed and verified again).
pub fn correctable(status: ContributionStatus, suspended: bool) -> bool {
    matches!(status, ContributionStatus::Reported | ContributionStatus::Disputed)
        || (suspended && status == ContributionStatus::Verified)
}

/// What is said of a record that cannot be corrected.
pub fn not_correctable(status: ContributionStatus) -> String {
    format!(
        "这条记录当前为「{}」，不能再更正（待确认、有异议，或公示异议成立而暂停公示的记录可以更正）",
        status.label()
    )
}

/// [`correctable`] for record `c` as the database has it now.
pub async fn may_correct<C: ConnectionTrait>(db: &C, c: &contribution::Model) -> Result<bool, sea_orm::DbErr> {
    let status = ContributionStatus::parse(&c.status).unwrap_or(ContributionStatus::Verified);
    let suspended = crate::notices::suspended_among(db, "contribution", vec![c.id]).await?.contains(&c.id);
    Ok(correctable(status, suspended))
}

async fn agreement_and_pairing<C: ConnectionTrait>(
    db: &C,
    agreement_id: i32,
) -> Result<(agreement::Model, pairing::Model)> {
    let a = agreement::Entity::find_by_id(agreement_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((a, p))
}

/// Why nothing can be reported under an agreement in `status` (not in force).
fn not_in_force(status: &str) -> AppError {
    match AgreementStatus::parse(status) {
        Some(AgreementStatus::PendingVillage | AgreementStatus::Returned | AgreementStatus::PendingFiling) => {
            AppError::Conflict("协议还未生效：村委会会签、扶贫办备案后才能报告帮扶成效".into())
        }
        _ => AppError::Conflict("协议已结束，不能再报告".into()),
    }
}

/// The enterprise reports a contribution under an active agreement, with its evidence files.
pub async fn report(
    db: &DatabaseConnection,
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
        return Err(not_in_force(&a.status));
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
    // Who benefited cannot outnumber the village: each household is one person at least, and
    // the people are at most the village's population on file.
    if persons > 0 && households > persons {
        errors.push(("households".into(), format!("受益户数（{households} 户）不能多于受益人数（{persons} 人）")));
    }
    let village = entity::organisation::Entity::find_by_id(p.village_id).one(db).await?;
    if let Some(population) = village.as_ref().and_then(|v| v.population).filter(|n| *n > 0) {
        let name = village.as_ref().map_or("", |v| v.name.as_str());
        if persons > population {
            errors.push((
                "persons".into(),
                format!("受益人数（{persons} 人）超过{name}的户籍人口（{population} 人），请核对"),
            ));
        } else if households > population {
            errors.push((
                "households".into(),
                format!("受益户数（{households} 户）超过{name}的户籍人口（{population} 人），请核对"),
            ));
        }
    }
    if matches!(kind, Some(ContributionKind::Money | ContributionKind::Goods | ContributionKind::Produce))
        && amount.0 == 0
    {
        errors.push(("amount_yuan".into(), "资金、物资和采购农产品须填写金额".into()));
    }
    if matches!(kind, Some(ContributionKind::Jobs | ContributionKind::Trainees)) && persons == 0 {
        errors.push(("persons".into(), "安置就业和技能培训须填写人数".into()));
    }
    let contributed_on = NaiveDate::parse_from_str(form.contributed_on.trim(), "%Y-%m-%d").ok();
    match contributed_on {
        None => errors.push(("contributed_on".into(), "日期格式应为 2026-12-31".into())),
        Some(d) if d < a.starts_on => errors.push((
            "contributed_on".into(),
            format!("协议自 {} 起执行，之前的帮扶不能记在这份协议下", a.starts_on.format("%Y年%-m月%-d日")),
        )),
        Some(d) if d > now.date_naive() + chrono::Duration::days(1) => {
            errors.push(("contributed_on".into(), "日期不能晚于今天：请在帮扶完成后报告".into()))
        }
        Some(_) => {}
    }
    let description = form.description.trim().to_owned();
    if !(4..=2000).contains(&description.chars().count()) {
        errors.push(("description".into(), "请用 4–2000 字说明这次帮扶".into()));
    } else if let Some(problem) = crate::auth::public_text_problem(&description) {
        // The description goes on 公示 once verified.
        errors.push(("description".into(), problem.into()));
    }
    if form.unit.trim().chars().count() > 16 {
        errors.push(("unit".into(), "单位不超过 16 字，例如：公斤、头、人".into()));
    }
    // A purchase of produce (消费帮扶) names its product and how much was bought, so its price
    // can be compared with the market's.
    let product = form.product.trim().to_owned();
    let market_price = match form.market_price_yuan.trim() {
        "" => None,
        v => match Money::parse_yuan(v) {
            Ok(m) if m.0 > 0 => Some(m.0),
            Ok(_) => {
                errors.push(("market_price_yuan".into(), "市场价应大于 0（不清楚可不填）".into()));
                None
            }
            Err(m) => {
                errors.push(("market_price_yuan".into(), m.into()));
                None
            }
        },
    };
    if kind == Some(ContributionKind::Produce) {
        if !(1..=40).contains(&product.chars().count()) {
            errors.push(("product".into(), "请写明采购的产品（40 字以内），例如：富硒大米".into()));
        }
        if quantity.is_none_or(|q| q == 0) && errors.iter().all(|(f, _)| f != "quantity") {
            errors.push(("quantity".into(), "采购农产品须填写数量，以便与市场价比较".into()));
        }
        if form.unit.trim().is_empty() {
            errors.push(("unit".into(), "采购农产品须填写单位，例如：公斤".into()));
        }
    } else if product.chars().count() > 40 {
        errors.push(("product".into(), "产品名称不超过 40 字".into()));
    }
    let declared = crate::programmes::declared(db).await?;
    let programmes = match declared.picks(&form.programmes, "programmes") {
        Ok(list) => list,
        Err(AppError::Invalid(e)) => {
            errors.extend(e);
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    // A correction may keep the corrected record's files (checked under the lock below).
    let keep: Vec<i32> = form.keep.iter().filter_map(|k| k.trim().parse().ok()).collect();
    if files.is_empty() && (keep.is_empty() || form.corrects.trim().is_empty()) {
        errors.push(("files".into(), no_evidence(&form.corrects).into()));
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
    // The copies the public may see, re-encoded from the pixels (off the async threads).
    let mut public = Vec::new();
    for (f, media, _) in &checked {
        let (bytes, media) = (f.bytes.clone(), media.to_string());
        match tokio::task::spawn_blocking(move || crate::evidence::public_copy(&bytes, &media)).await {
            Ok(Ok(copy)) => public.push(copy),
            Ok(Err(why)) => errors.push(("files".into(), format!("「{}」{why}", f.name))),
            Err(e) => return Err(AppError::Other(e.into())),
        }
    }
    let corrects = match form.corrects.trim() {
        "" => None,
        v => v.parse::<i32>().ok().or_else(|| {
            errors.push(("corrects".into(), "要更正的记录编号无效：请从协议页面的“更正”进入".into()));
            None
        }),
    };
    let (Some(kind), Some(contributed_on), true) = (kind, contributed_on, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let txn = crate::db::write(db).await?;
    // The agreement as it is now: a report never lands on one an office has just closed.
    let a = agreement::Entity::find_by_id(a.id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    if a.status != AgreementStatus::Active.code() {
        return Err(not_in_force(&a.status));
    }
    // A correction replaces a record of this agreement that is still open to correction, read
    // under the agreement's lock: it is replaced once, and never after the village confirmed it.
    let replaced = match corrects {
        Some(old) => {
            let o = contribution::Entity::find_by_id(old)
                .lock_exclusive()
                .one(&txn)
                .await?
                .filter(|o| o.agreement_id == a.id)
                .ok_or(AppError::NotFound)?;
            if !may_correct(&txn, &o).await? {
                let status = ContributionStatus::parse(&o.status).unwrap_or(ContributionStatus::Verified);
                return Err(AppError::Conflict(not_correctable(status)));
            }
            Some(o)
        }
        None => None,
    };
    // The corrected record's files that are kept: only its own.
    let kept = match &replaced {
        Some(o) if !keep.is_empty() => {
            evidence::Entity::find()
                .filter(evidence::Column::ContributionId.eq(o.id))
                .filter(evidence::Column::Id.is_in(keep))
                .all(&txn)
                .await?
        }
        _ => Vec::new(),
    };
    if checked.is_empty() && kept.is_empty() {
        return Err(AppError::field("files", no_evidence(&form.corrects)));
    }
    // The files are saved with the report, in the same transaction: all or nothing.
    for ((f, _, hash), copy) in checked.iter().zip(&public) {
        crate::evidence::put(&txn, hash, &f.bytes, now).await?;
        if let PublicCopy::Image(bytes) = copy {
            crate::evidence::put(&txn, &crate::evidence::public_key(hash), bytes, now).await?;
        }
    }
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
        supersedes_id: Set(replaced.as_ref().map(|o| o.id)),
        programmes: Set(crate::programmes::Programme::store(&programmes)),
        product: Set(Some(product).filter(|p| !p.is_empty() && kind == ContributionKind::Produce)),
        market_price_fen: Set(market_price.filter(|_| kind == ContributionKind::Produce)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::submissions::claim(&txn, &form.submission, &format!("帮扶记录 #{}", c.id), now).await?;
    if let Some(o) = &replaced {
        let mut am: contribution::ActiveModel = o.clone().into();
        am.status = Set(ContributionStatus::Corrected.code().into());
        am.resolution = Set(Some(format!("已由帮扶记录 #{} 更正", c.id)));
        am.update(&txn).await?;
        audit::record(
            &txn,
            now,
            &Actor::user(user.id, &user.login),
            Event {
                action: "contribution.correct",
                entity: "contribution",
                entity_id: o.id.to_string(),
                before: Some(serde_json::json!({ "status": o.status })),
                after: Some(
                    serde_json::json!({ "status": ContributionStatus::Corrected.code(), "corrected_by": c.id }),
                ),
            },
        )
        .await?;
    }
    for e in kept {
        evidence::ActiveModel {
            contribution_id: Set(c.id),
            file_name: Set(e.file_name),
            media_type: Set(e.media_type),
            size_bytes: Set(e.size_bytes),
            sha256: Set(e.sha256),
            storage_key: Set(e.storage_key),
            uploaded_by: Set(e.uploaded_by),
            created_at: Set(e.created_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (f, media, hash) in checked {
        evidence::ActiveModel {
            contribution_id: Set(c.id),
            file_name: Set(f.name.chars().filter(|c| !c.is_control()).take(200).collect()),
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
    let head =
        if replaced.is_some() { "企业更正了帮扶记录，请重新确认" } else { "帮扶记录待确认" };
    pairings::notify(
        &txn,
        &[p.village_id],
        &format!("{head}：{}", c.description.chars().take(40).collect::<String>()),
        &format!("/agreements/{}", a.id),
        now,
    )
    .await?;
    crate::db::commit(txn).await?;
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
    if step.needs_reason() && reason.chars().count() < 2 {
        let what =
            if step == Step::Dispute { "请写明异议理由" } else { "请写明裁定理由，双方都会看到" };
        return Err(AppError::field("reason", what));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "理由不超过 500 字"));
    }
    let txn = crate::db::write(db).await?;
    let c = contribution::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    // Agreement first, then the contribution, always in that order: verifying two
    // contributions of one agreement at once completes it exactly once.
    let a =
        agreement::Entity::find_by_id(c.agreement_id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let c = contribution::Entity::find_by_id(id).lock_exclusive().one(&txn).await?.ok_or(AppError::NotFound)?;
    let party = pairings::party_of(&txn, user, &p).await?;
    let from = ContributionStatus::parse(&c.status).ok_or_else(|| AppError::Conflict("状态无法识别".into()))?;
    let to = next(from, party, step).map_err(AppError::Conflict)?;
    // The flags as the office saw them when it decided: kept with the decision in the trail.
    let flags = if matches!(step, Step::Verify | Step::Overrule) {
        crate::flags::of_contribution(&txn, &c).await?
    } else {
        Vec::new()
    };
    // A purchase (消费帮扶) counts only when delivered, paid and rated (the 832 platform's rule).
    // The office's ruling on a dispute stands in for the village's confirmation of delivery.
    let mut lacking = crate::programmes::purchases::missing(&c);
    if step == Step::Overrule {
        lacking.retain(|m| *m != crate::programmes::purchases::DELIVERY);
    }
    if matches!(step, Step::Verify | Step::Overrule) && !lacking.is_empty() {
        return Err(AppError::Conflict(format!(
            "采购农产品须村委会确认交货、买方记录付款并评价后才能核实：还缺{}。",
            lacking.join("、")
        )));
    }
    if step == Step::Verify && reason.chars().count() < 2 && !flags.is_empty() {
        return Err(AppError::field("reason", "这条记录有风险提示：请写明核实了什么（如电话回访、现场查看）"));
    }
    let mut am: contribution::ActiveModel = c.clone().into();
    am.status = Set(to.code().into());
    match step {
        Step::Confirm => {
            am.confirmed_by = Set(Some(user.id));
            am.confirmed_at = Set(Some(now));
        }
        Step::Dispute => am.dispute_reason = Set(Some(reason.to_owned())),
        Step::Verify | Step::Overrule => {
            am.verified_by = Set(Some(user.id));
            am.verified_at = Set(Some(now));
            if !reason.is_empty() {
                am.resolution = Set(Some(reason.to_owned()));
            }
        }
        Step::Withdraw | Step::Uphold => {
            am.resolution = Set(Some(reason.to_owned()).filter(|r| !r.is_empty()));
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
            after: Some(if flags.is_empty() {
                serde_json::json!({ "status": updated.status, "reason": reason })
            } else {
                serde_json::json!({ "status": updated.status, "reason": reason, "flags": flags.join("；") })
            }),
        },
    )
    .await?;
    if to == ContributionStatus::Verified {
        complete_if_met(&txn, &a, p.enterprise_id, user, now).await?;
        let village =
            entity::organisation::Entity::find_by_id(p.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        let ent =
            entity::organisation::Entity::find_by_id(p.enterprise_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        let what = ContributionKind::parse(&c.kind).map_or("帮扶", ContributionKind::label);
        let summary = crate::notices::contribution_summary(
            &ent.name,
            &village.name,
            what,
            c.amount_fen,
            c.persons,
            &c.description,
        );
        let title = crate::notices::contribution_title(
            &ent.name,
            &village.name,
            what,
            c.amount_fen,
            c.persons,
            c.contributed_on,
        );
        let n = crate::notices::Notice {
            entity: "contribution",
            id: c.id,
            title: &title,
            summary: &summary,
            region_code: &village.region_code,
        };
        crate::notices::publish(&txn, n, now, notice_days).await?;
    }
    let mut others: Vec<i32> =
        [p.enterprise_id, p.village_id].into_iter().filter(|o| Some(*o) != user.organisation_id).collect();
    // The office is told of a dispute (it rules on it) and of a disputed record withdrawn.
    // … and of a record confirmed by the village, which now waits for its verification.
    if step == Step::Dispute || step == Step::Confirm || step == Step::Withdraw && from == ContributionStatus::Disputed
    {
        let village =
            entity::organisation::Entity::find_by_id(p.village_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        others.extend(pairings::offices_covering(&txn, &village.region_code).await?);
    }
    let what: String = c.description.chars().take(30).collect();
    let reason = reason.trim_end_matches(['。', '.', '！', '!']);
    let title = match step {
        Step::Dispute => format!("村委会对帮扶记录「{what}」有异议：{reason}。企业可更正或撤回，扶贫办裁定"),
        Step::Uphold | Step::Overrule => {
            format!("扶贫办对帮扶记录「{what}」的异议作出裁定：{}。理由：{reason}", to.label())
        }
        Step::Confirm => format!("村委会已确认帮扶记录「{what}」，待扶贫办核实"),
        _ => format!("帮扶记录「{what}」：{}", to.label()),
    };
    pairings::notify(&txn, &others, &title, &format!("/agreements/{}", a.id), now).await?;
    crate::db::commit(txn).await?;
    Ok(updated)
}

/// The verified contributions of agreement `a` that count: not those an upheld objection took
/// off public notice.
async fn counted<C: ConnectionTrait>(db: &C, a: &agreement::Model) -> Result<Vec<contribution::Model>> {
    let verified = contribution::Entity::find()
        .filter(contribution::Column::AgreementId.eq(a.id))
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .all(db)
        .await?;
    let off = crate::notices::suspended_among(db, "contribution", verified.iter().map(|c| c.id).collect()).await?;
    Ok(verified.into_iter().filter(|c| !off.contains(&c.id)).collect())
}

/// Whether `verified` meet every planned kind of `a`.
fn plan_met(a: &agreement::Model, verified: &[contribution::Model]) -> bool {
    let money = |k: ContributionKind| verified.iter().filter(|c| c.kind == k.code()).map(|c| c.amount_fen).sum::<i64>();
    let persons =
        |k: ContributionKind| verified.iter().filter(|c| c.kind == k.code()).map(|c| i64::from(c.persons)).sum::<i64>();
    money(ContributionKind::Money) >= a.planned_money_fen
        && money(ContributionKind::Goods) >= a.planned_goods_fen
        && money(ContributionKind::Produce) >= a.planned_produce_fen
        && persons(ContributionKind::Jobs) >= i64::from(a.planned_jobs)
        && persons(ContributionKind::Trainees) >= i64::from(a.planned_trainees)
}

/// Why an agreement is completed when its verified contributions meet the plan.
const PLAN_MET: &str = "计划全部完成（经扶贫办核实）";

/// Marks the agreement completed when verified contributions meet every planned kind.
async fn complete_if_met<C: ConnectionTrait>(
    db: &C,
    a: &agreement::Model,
    enterprise: i32,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<()> {
    let verified = counted(db, a).await?;
    mark_milestones(db, a.id, &verified, now).await?;
    let met = plan_met(a, &verified);
    if met && a.status == AgreementStatus::Active.code() {
        let after = serde_json::json!({ "status": AgreementStatus::Completed.code() });
        move_agreement(
            db,
            a,
            (AgreementStatus::Completed, Some(PLAN_MET)),
            ("agreement.complete", after),
            enterprise,
            user,
            now,
        )
        .await?;
    }
    Ok(())
}

/// After an upheld objection took contribution `id` off: milestones it had reached are open
/// again, and an agreement that its verification completed and whose plan is no longer met
/// without it is in force again, so that the enterprise can set the record right (one
/// transaction with the objection's decision).
pub async fn reopen_if_unmet<C: ConnectionTrait>(
    db: &C,
    id: i32,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(c) = contribution::Entity::find_by_id(id).one(db).await? else { return Ok(()) };
    let Some(a) = agreement::Entity::find_by_id(c.agreement_id).lock_exclusive().one(db).await? else {
        return Ok(());
    };
    let verified = counted(db, &a).await?;
    unmark_milestones(db, a.id, &verified).await?;
    if a.status != AgreementStatus::Completed.code() || a.close_reason.as_deref() != Some(PLAN_MET) {
        return Ok(());
    }
    if plan_met(&a, &verified) {
        return Ok(());
    }
    let Some(p) = pairing::Entity::find_by_id(a.pairing_id).one(db).await? else { return Ok(()) };
    let after = serde_json::json!({ "status": AgreementStatus::Active.code(), "objection_on": id });
    move_agreement(db, &a, (AgreementStatus::Active, None), ("agreement.reopen", after), p.enterprise_id, user, now)
        .await?;
    Ok(())
}

/// Moves agreement `a` to `to` — closed with the reason given, or in force again without one —
/// with its audit event, and tells the index that `enterprise`'s completion record changed.
async fn move_agreement<C: ConnectionTrait>(
    db: &C,
    a: &agreement::Model,
    (to, reason): (AgreementStatus, Option<&str>),
    (action, after): (&'static str, serde_json::Value),
    enterprise: i32,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut am: agreement::ActiveModel = a.clone().into();
    am.status = Set(to.code().into());
    am.closed_at = Set(reason.map(|_| now));
    am.close_reason = Set(reason.map(str::to_owned));
    am.updated_at = Set(now);
    am.update(db).await?;
    audit::record(
        db,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action,
            entity: "agreement",
            entity_id: a.id.to_string(),
            before: Some(serde_json::json!({ "status": a.status })),
            after: Some(after),
        },
    )
    .await?;
    // The enterprise's completion record (kept beside the search index) changed.
    crate::outbox::record(db, now, "record", enterprise, "agreement").await?;
    Ok(())
}

/// Marks done each open milestone of agreement `agreement` that the verified records reach:
/// their money (funds, goods and produce together) at least its planned amount and their
/// people (jobs and trainees) at least its planned number; a milestone that plans neither is
/// reached by the first verified record. A milestone's amount is cumulative (what should have
/// been delivered by its date), as the agreement form asks for it.
async fn mark_milestones<C: ConnectionTrait>(
    db: &C,
    agreement: i32,
    verified: &[contribution::Model],
    now: DateTime<Utc>,
) -> Result<()> {
    use entity::milestone;
    if verified.is_empty() {
        return Ok(());
    }
    let (money, people) = reached(verified);
    let open = milestone::Entity::find()
        .filter(milestone::Column::AgreementId.eq(agreement))
        .filter(milestone::Column::DoneAt.is_null())
        .all(db)
        .await?;
    for m in open {
        if money < m.planned_amount_fen || people < m.planned_quantity.unwrap_or(0) {
            continue;
        }
        let mut am: milestone::ActiveModel = m.into();
        am.done_at = Set(Some(now));
        am.update(db).await?;
    }
    Ok(())
}

/// What `verified` records add up to towards milestones: money (all but people's kinds), and
/// persons (jobs and trainees).
pub(crate) fn reached(verified: &[contribution::Model]) -> (i64, i64) {
    let people_kind = |c: &contribution::Model| {
        matches!(ContributionKind::parse(&c.kind), Some(ContributionKind::Jobs | ContributionKind::Trainees))
    };
    let money = verified.iter().filter(|c| !people_kind(c)).map(|c| c.amount_fen).sum();
    let people = verified.iter().filter(|c| people_kind(c)).map(|c| i64::from(c.persons)).sum();
    (money, people)
}

/// Milestones of `agreement` marked 已完成 that the counted records no longer reach (one was
/// taken off by an upheld objection) are open again.
async fn unmark_milestones<C: ConnectionTrait>(db: &C, agreement: i32, verified: &[contribution::Model]) -> Result<()> {
    use entity::milestone;
    let (money, people) = reached(verified);
    let done = milestone::Entity::find()
        .filter(milestone::Column::AgreementId.eq(agreement))
        .filter(milestone::Column::DoneAt.is_not_null())
        .all(db)
        .await?;
    for m in done {
        if money >= m.planned_amount_fen && people >= m.planned_quantity.unwrap_or(0) {
            continue;
        }
        let mut am: milestone::ActiveModel = m.into();
        am.done_at = Set(None);
        am.update(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
