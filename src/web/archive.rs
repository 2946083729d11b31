//! The project archive (项目档案, issue 15): everything about one agreement in one file — its
//! terms and parties, milestones, every contribution with who reported, confirmed and verified
//! it and when, its evidence (name, size, SHA-256), disputes and rulings, the 公示 with each
//! objection and its outcome (never who objected), supervision findings and how they were
//! closed, and the audit trail of the agreement and its records. Printable as a page; as a ZIP
//! with the same page, every evidence file and a manifest of their SHA-256.

use std::collections::BTreeMap;
use std::io::Write;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use entity::{
    agreement, audit_event, contribution, evidence, milestone, notice, objection, pairing, supervision_check,
};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::Routes;
use crate::app::AppState;
use crate::auth::guard::Auth;
use crate::domain::{
    AgreementStatus, CheckOutcome, CheckRule, ContributionKind, ContributionStatus, NoticeStatus, ObjectionStatus,
};
use crate::error::{AppError, Result};
use crate::money::Money;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new().get_as(super::ANY_ROLE, "/agreements/{id}/archive", page).get_as(
        super::ANY_ROLE,
        "/agreements/{id}/archive.zip",
        zip,
    )
}

#[derive(Serialize)]
struct Evidence {
    /// Where the site serves it.
    id: i32,
    name: String,
    size: String,
    sha256: String,
    /// Where the file is in the ZIP.
    path: String,
}

#[derive(Serialize)]
struct Record {
    id: i32,
    kind: &'static str,
    amount: String,
    persons: i32,
    date: String,
    description: String,
    status: &'static str,
    steps: Vec<String>,
    dispute: String,
    resolution: String,
    evidence: Vec<Evidence>,
}

#[derive(Serialize)]
struct Objection {
    body: String,
    status: &'static str,
    resolution: String,
}

#[derive(Serialize)]
struct Notice {
    title: String,
    window: String,
    status: &'static str,
    objections: Vec<Objection>,
}

#[derive(Serialize)]
struct Finding {
    rule: &'static str,
    detail: String,
    outcome: String,
}

#[derive(Serialize)]
struct TrailRow {
    at: String,
    who: String,
    what: String,
}

#[derive(Serialize)]
struct Archive {
    id: i32,
    title: String,
    terms: String,
    enterprise: String,
    village: String,
    period: String,
    status: &'static str,
    planned: Vec<(&'static str, String)>,
    signed: Vec<(&'static str, String)>,
    close_reason: String,
    milestones: Vec<(String, String, String, String)>,
    records: Vec<Record>,
    notices: Vec<Notice>,
    findings: Vec<Finding>,
    trail: Vec<TrailRow>,
    generated: String,
    files: usize,
    record_count: usize,
    /// Rendered for the ZIP (files linked inside it) rather than the site.
    in_zip: bool,
}

fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::clock::to_shanghai(t).format("%Y-%m-%d %H:%M").to_string()
}

/// The archive of agreement `id` as the caller may read it, and its evidence files.
async fn build(state: &AppState, auth: &Auth, id: i32) -> Result<(Archive, Vec<(String, Vec<u8>)>, Vec<String>)> {
    let user = auth.user()?;
    let a = agreement::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !crate::pairings::may_read(&state.db, user, &p).await? {
        return Err(AppError::NotFound);
    }
    let mut names: BTreeMap<i32, String> = BTreeMap::new();
    // A step whose person was not recorded (records imported from a ledger, or entered before
    // people were) names the party that took it.
    let party = async |org: i32| -> Result<String> {
        Ok(entity::organisation::Entity::find_by_id(org)
            .one(&state.db)
            .await?
            .map_or_else(|| "（未记录）".to_owned(), |o| o.name))
    };
    let (firm, village) = (party(p.enterprise_id).await?, party(p.village_id).await?);
    let mut name_of = async |uid: Option<i32>, fallback: &str| -> Result<String> {
        let Some(uid) = uid else { return Ok(fallback.to_owned()) };
        if let Some(n) = names.get(&uid) {
            return Ok(n.clone());
        }
        let n = entity::user::Entity::find_by_id(uid).one(&state.db).await?.map(|u| u.display_name).unwrap_or_default();
        names.insert(uid, n.clone());
        Ok(n)
    };
    let today = state.clock.today();
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::AgreementId.eq(a.id))
        .order_by_asc(milestone::Column::DueOn)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| {
            let state = match m.done_at {
                Some(t) => format!("已完成（{}）", when(t)),
                None if m.due_on < today => "已逾期".into(),
                None => "未到期".into(),
            };
            (m.title, m.due_on.to_string(), Money(m.planned_amount_fen).display(), state)
        })
        .collect();
    let contributions = contribution::Entity::find()
        .filter(contribution::Column::AgreementId.eq(a.id))
        .order_by_asc(contribution::Column::Id)
        .all(&state.db)
        .await?;
    let ids: Vec<i32> = contributions.iter().map(|c| c.id).collect();
    let files = evidence::Entity::find()
        .filter(evidence::Column::ContributionId.is_in(ids.clone()))
        .order_by_asc(evidence::Column::Id)
        .all(&state.db)
        .await?;
    let mut blobs = Vec::new();
    let mut manifest = Vec::new();
    let mut records = Vec::new();
    for c in &contributions {
        let mut steps = vec![format!("{} 由 {} 报告", when(c.reported_at), name_of(c.reported_by, &firm).await?)];
        if let Some(t) = c.confirmed_at {
            steps.push(format!("{} 由 {} 确认（村委会）", when(t), name_of(c.confirmed_by, &village).await?));
        }
        if let Some(t) = c.verified_at {
            steps.push(format!("{} 由 {} 核实（扶贫办）", when(t), name_of(c.verified_by, "扶贫办").await?));
        }
        let mut evidence = Vec::new();
        for e in files.iter().filter(|e| e.contribution_id == c.id) {
            // A plain name inside the ZIP: the record, the file's number, its own name without
            // any path.
            let safe: String = e
                .file_name
                .chars()
                .map(|ch| if ch.is_alphanumeric() || matches!(ch, '.' | '-' | '_') { ch } else { '_' })
                .collect();
            let path = format!("evidence/{}-{}-{safe}", c.id, e.id);
            if let Some(bytes) = crate::evidence::get(&state.db, &e.storage_key).await? {
                manifest.push(format!("{}  {path}", e.sha256));
                blobs.push((path.clone(), bytes));
            }
            evidence.push(Evidence {
                id: e.id,
                name: e.file_name.clone(),
                size: format!("{:.1} KB", e.size_bytes as f64 / 1024.0),
                sha256: e.sha256.clone(),
                path,
            });
        }
        records.push(Record {
            id: c.id,
            kind: ContributionKind::parse(&c.kind).map_or("其他", ContributionKind::label),
            amount: Money(c.amount_fen).display(),
            persons: c.persons,
            date: c.contributed_on.to_string(),
            description: c.description.clone(),
            status: ContributionStatus::parse(&c.status).map_or("未知", ContributionStatus::label),
            steps,
            dispute: c.dispute_reason.clone().unwrap_or_default(),
            resolution: c.resolution.clone().unwrap_or_default(),
            evidence,
        });
    }
    // 公示 of the pairing, the agreement and its records, with each objection (not who filed it).
    let posted = notice::Entity::find()
        .filter(
            Condition::any()
                .add(Condition::all().add(notice::Column::Entity.eq("pairing")).add(notice::Column::EntityId.eq(p.id)))
                .add(
                    Condition::all().add(notice::Column::Entity.eq("agreement")).add(notice::Column::EntityId.eq(a.id)),
                )
                .add(
                    Condition::all()
                        .add(notice::Column::Entity.eq("contribution"))
                        .add(notice::Column::EntityId.is_in(ids.clone())),
                ),
        )
        .order_by_asc(notice::Column::Id)
        .all(&state.db)
        .await?;
    let mut notices = Vec::new();
    for n in posted {
        let objections = objection::Entity::find()
            .filter(objection::Column::NoticeId.eq(n.id))
            .order_by_asc(objection::Column::Id)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|o| Objection {
                body: o.body,
                status: ObjectionStatus::parse(&o.status).map_or("未知", ObjectionStatus::label),
                resolution: o.resolution.unwrap_or_default(),
            })
            .collect();
        notices.push(Notice {
            title: n.title,
            window: format!("{} 至 {}", when(n.window_start), when(n.window_end)),
            status: NoticeStatus::parse(&n.status).map_or("未知", NoticeStatus::label),
            objections,
        });
    }
    let findings = supervision_check::Entity::find()
        .filter(supervision_check::Column::AgreementId.eq(a.id))
        .order_by_asc(supervision_check::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|f| Finding {
            rule: CheckRule::parse(&f.rule).map_or("其他", CheckRule::label),
            outcome: match (f.outcome.as_deref().and_then(CheckOutcome::parse), f.closed_at) {
                (Some(o), Some(t)) => {
                    format!("{} {}：{}", when(t), o.label(), f.close_reason.clone().unwrap_or_default())
                }
                _ => "待处理".into(),
            },
            detail: f.detail,
        })
        .collect();
    let record_ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let events = audit_event::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(audit_event::Column::Entity.eq("agreement"))
                        .add(audit_event::Column::EntityId.eq(a.id.to_string())),
                )
                .add(
                    Condition::all()
                        .add(audit_event::Column::Entity.eq("pairing"))
                        .add(audit_event::Column::EntityId.eq(p.id.to_string())),
                )
                .add(
                    Condition::all()
                        .add(audit_event::Column::Entity.eq("contribution"))
                        .add(audit_event::Column::EntityId.is_in(record_ids)),
                ),
        )
        .order_by_asc(audit_event::Column::Id)
        .all(&state.db)
        .await?;
    let mut trail = Vec::new();
    for e in events {
        let who = match e.actor_user_id {
            Some(_) => name_of(e.actor_user_id, "系统").await?,
            None => "系统".into(),
        };
        trail.push(TrailRow {
            at: when(e.occurred_at),
            who,
            what: format!("{}（{}）", crate::audit::labels::action(&e.action), crate::audit::labels::entity(&e.entity)),
        });
    }
    let signed = [("村委会会签", a.countersigned_at), ("扶贫办备案", a.filed_at), ("结束", a.closed_at)]
        .into_iter()
        .filter_map(|(what, t)| t.map(|t| (what, when(t))))
        .collect();
    let archive = Archive {
        id: a.id,
        enterprise: super::org_name(state, p.enterprise_id).await?,
        village: super::org_name(state, p.village_id).await?,
        period: format!("{} 至 {}", a.starts_on, a.ends_on),
        status: AgreementStatus::parse(&a.status).map_or("未知", AgreementStatus::label),
        // Only the lines the agreement plans.
        planned: [
            ("资金", a.planned_money_fen, Money(a.planned_money_fen).display()),
            ("物资", a.planned_goods_fen, Money(a.planned_goods_fen).display()),
            ("采购农产品", a.planned_produce_fen, Money(a.planned_produce_fen).display()),
            ("安置就业", i64::from(a.planned_jobs), format!("{} 人", a.planned_jobs)),
            ("技能培训", i64::from(a.planned_trainees), format!("{} 人", a.planned_trainees)),
        ]
        .into_iter()
        .filter(|(_, n, _)| *n > 0)
        .map(|(what, _, shown)| (what, shown))
        .collect(),
        signed,
        close_reason: a.close_reason.clone().unwrap_or_default(),
        milestones,
        notices,
        findings,
        trail,
        generated: when(state.clock.now()),
        files: blobs.len(),
        record_count: records.len(),
        in_zip: false,
        records,
        title: a.title,
        terms: a.terms,
    };
    Ok((archive, blobs, manifest))
}

async fn page(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let (archive, _, _) = build(&state, &auth, id).await?;
    let title = format!("项目档案：{}", archive.title);
    Ok(state.templates.page(&auth, "agreements/archive", &title, &archive)?.into_response())
}

async fn zip(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let (mut archive, blobs, manifest) = build(&state, &auth, id).await?;
    archive.in_zip = true;
    let html = state.templates.bare("agreements/archive_file", &archive)?;
    let bytes = (|| -> anyhow::Result<Vec<u8>> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        out.start_file("档案.html", opts)?;
        out.write_all(html.as_bytes())?;
        let page_hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(html.as_bytes()));
        for (path, data) in &blobs {
            out.start_file(path.as_str(), opts)?;
            out.write_all(data)?;
        }
        out.start_file("manifest-sha256.txt", opts)?;
        let mut lines = vec![format!("{page_hash}  档案.html")];
        lines.extend(manifest.iter().cloned());
        out.write_all(format!("{}\n", lines.join("\n")).as_bytes())?;
        Ok(out.finish()?.into_inner())
    })()?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"agreement-{id}-archive.zip\"")),
        ],
        bytes,
    )
        .into_response())
}
