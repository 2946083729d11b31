//! The auditor's view of the audit trail: newest events first, filterable, with the result of
//! walking the hash chain.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use entity::audit_event;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use crate::app::AppState;
use crate::audit::{self, Verification};
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::clock::to_shanghai;
use crate::error::{AppError, Result};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new().get_as(&[Role::Auditor], "/audit", list).get_as(&[Role::Auditor], "/audit/export", export)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ExportQuery {
    from: String,
    to: String,
    format: String,
}

/// The events of a date range as an archive file (CSV or XLSX) headed by the chain's head.
async fn export(State(state): State<AppState>, auth: Auth, Query(q): Query<ExportQuery>) -> Result<Response> {
    use crate::audit::archive;
    auth.require(&[Role::Auditor])?;
    let date = |field: &str, v: &str| {
        chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::field(field, "请按 2026-12-01 的格式填写日期"))
    };
    let (from, to) = (date("from", &q.from)?, date("to", &q.to)?);
    if to < from {
        return Err(AppError::field("to", "结束日期不能早于开始日期"));
    }
    let n = archive::count(&state.db, from, to).await?;
    if n > archive::MAX_EVENTS {
        return Err(AppError::field(
            "to",
            format!("这段时间有 {n} 条记录，超过一次导出的上限 {}，请分段导出", archive::MAX_EVENTS),
        ));
    }
    let head = crate::audit::anchor::head(&state.db).await?;
    let events = archive::events(&state.db, from, to).await?;
    let title = archive::title(from, to, head.as_ref(), state.clock.now());
    let (bytes, mime, ext) = if q.format == "csv" {
        (archive::to_csv(&title, &events)?, "text/csv; charset=utf-8", "csv")
    } else {
        (
            archive::to_xlsx(&title, &events)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    };
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, mime.to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"audit-{from}-{to}.{ext}\"")),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    entity: String,
    #[serde(default)]
    page: Option<u64>,
}

#[derive(Serialize)]
struct EventRow {
    id: i64,
    at: String,
    actor: String,
    action: String,
    entity: String,
    entity_id: String,
    after: String,
}

#[derive(Serialize)]
struct AuditView {
    events: Vec<EventRow>,
    action: String,
    entity: String,
    chain_ok: bool,
    chain_message: String,
    page: u64,
    has_next: bool,
    next_page: u64,
    /// The export form's default range: the last 30 days.
    export_from: String,
    export_to: String,
}

const PER_PAGE: u64 = 50;

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<AuditQuery>) -> Result<Response> {
    auth.require(&[Role::Auditor])?;
    let mut query = audit_event::Entity::find().order_by_desc(audit_event::Column::Id);
    if !q.action.is_empty() {
        query = query.filter(audit_event::Column::Action.starts_with(q.action.trim()));
    }
    if !q.entity.is_empty() {
        query = query.filter(audit_event::Column::Entity.eq(q.entity.trim()));
    }
    let page = q.page.unwrap_or(0);
    let paginator = query.paginate(&state.db, PER_PAGE);
    let pages = paginator.num_pages().await?;
    let events = paginator
        .fetch_page(page)
        .await?
        .into_iter()
        .map(|e| EventRow {
            id: e.id,
            at: to_shanghai(e.occurred_at).format("%Y-%m-%d %H:%M:%S").to_string(),
            actor: e.actor,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            after: e.after.unwrap_or_default(),
        })
        .collect();
    let (chain_ok, chain_message) = match audit::verify(&state.db).await? {
        Verification::Intact { events } => (true, format!("哈希链完整，共 {events} 条记录。")),
        Verification::Broken { event_id, reason } => (false, format!("哈希链在第 {event_id} 条记录处断裂：{reason}")),
    };
    let view = AuditView {
        events,
        action: q.action,
        entity: q.entity,
        chain_ok,
        chain_message,
        page,
        has_next: page + 1 < pages,
        next_page: page + 1,
        export_from: (state.clock.today() - chrono::Duration::days(30)).to_string(),
        export_to: state.clock.today().to_string(),
    };
    Ok(state.templates.page(&auth, "audit/list", "审计日志", &view)?.into_response())
}
