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
    let people = actor_names(&state, &events).await?;
    let title = archive::title(from, to, head.as_ref(), state.clock.now());
    let (bytes, mime, ext) = if q.format == "csv" {
        (archive::to_csv(&title, &events, &people)?, "text/csv; charset=utf-8", "csv")
    } else {
        (
            archive::to_xlsx(&title, &events, &people)?,
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
    changes: Vec<crate::audit::labels::Change>,
}

#[derive(Serialize)]
struct Choice {
    code: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct AuditView {
    events: Vec<EventRow>,
    action: String,
    entity: String,
    actions: Vec<Choice>,
    entities: Vec<Choice>,
    chain_ok: bool,
    chain_message: String,
    page: u64,
    has_next: bool,
    next_page: u64,
    /// The page before (1-based page number shown: `page + 1`), when there is one.
    has_prev: bool,
    prev_page: u64,
    shown_page: u64,
    pages: u64,
    /// The export form's default range: the last 30 days.
    export_from: String,
    export_to: String,
}

const PER_PAGE: u64 = 50;

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<AuditQuery>) -> Result<Response> {
    auth.require(&[Role::Auditor])?;
    let mut query = audit_event::Entity::find().order_by_desc(audit_event::Column::Id);
    if !q.action.is_empty() {
        query = query.filter(audit_event::Column::Action.eq(q.action.trim()));
    }
    if !q.entity.is_empty() {
        query = query.filter(audit_event::Column::Entity.eq(q.entity.trim()));
    }
    let page = q.page.unwrap_or(0);
    let paginator = query.paginate(&state.db, PER_PAGE);
    let pages = paginator.num_pages().await?;
    let found = paginator.fetch_page(page).await?;
    let people = actor_names(&state, &found).await?;
    use crate::audit::labels;
    let events = found
        .into_iter()
        .map(|e| EventRow {
            id: e.id,
            at: to_shanghai(e.occurred_at).format("%Y-%m-%d %H:%M:%S").to_string(),
            actor: crate::audit::archive::actor_words(&e, &people),
            changes: labels::changes(&e.entity, e.before.as_deref(), e.after.as_deref()),
            action: labels::action(&e.action),
            entity: labels::entity(&e.entity),
            entity_id: e.entity_id,
        })
        .collect();
    let (chain_ok, chain_message) = match audit::verify(&state.db).await? {
        Verification::Intact { events } => {
            // The chain holds; the signed checkpoints kept outside the database say whether its
            // end was cut off (events deleted from the end, new ones written after them).
            use crate::audit::anchor::{self, AnchorCheck, AnchorKey};
            let files = state.config.anchor_files();
            let checked = match AnchorKey::load_or_create(&files.key) {
                Ok(key) => anchor::check_latest(&state.db, &key, &files.checkpoints).await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match checked {
                Ok(AnchorCheck::Holds { .. } | AnchorCheck::NoCheckpoint) => {
                    (true, format!("哈希链完整，共 {events} 条记录；本节点的检查点一致，记录未被截断。"))
                }
                Ok(AnchorCheck::Missing { event_id, at }) => (
                    false,
                    format!(
                        "哈希链本身完整（{events} 条），但 {} 的检查点所记的第 {event_id} 条记录已不在或已被改动：记录被删除过。请运行 qicun verify-audit，并用备份核对被删的记录。",
                        to_shanghai(at).format("%Y-%m-%d %H:%M")
                    ),
                ),
                Ok(AnchorCheck::Forged { line }) => (
                    false,
                    format!(
                        "哈希链本身完整（{events} 条），但检查点文件第 {line} 行的签名不符：检查点文件被改动过。请运行 qicun verify-audit 核对。"
                    ),
                ),
                Err(e) => (false, format!("哈希链本身完整（{events} 条），但检查点无法核对：{e}")),
            }
        }
        Verification::Broken { event_id, reason } => (
            false,
            format!(
                "哈希链在第 {event_id} 条记录处断裂：{reason}。请运行 qicun verify-audit，并用备份核对这条及前后的记录。"
            ),
        ),
    };
    let choices = |table: &'static [(&'static str, &'static str)], current: &str| {
        table.iter().map(|(code, label)| Choice { code, label, selected: *code == current.trim() }).collect()
    };
    let view = AuditView {
        actions: choices(crate::audit::labels::ACTIONS, &q.action),
        entities: choices(crate::audit::labels::ENTITIES, &q.entity),
        events,
        action: q.action,
        entity: q.entity,
        chain_ok,
        chain_message,
        page,
        has_next: page + 1 < pages,
        next_page: page + 1,
        has_prev: page > 0,
        prev_page: page.saturating_sub(1),
        shown_page: page + 1,
        pages: pages.max(1),
        export_from: (state.clock.today() - chrono::Duration::days(30)).to_string(),
        export_to: state.clock.today().to_string(),
    };
    Ok(state.templates.page(&auth, "audit/list", "审计日志", &view)?.into_response())
}

/// Who acted in `events`, by user id: the person's name and their organisation's.
async fn actor_names(state: &AppState, events: &[audit_event::Model]) -> Result<crate::audit::archive::People> {
    let ids: Vec<i32> =
        events.iter().filter_map(|e| e.actor_user_id).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let mut users = Vec::new();
    for chunk in ids.chunks(500) {
        users.extend(
            entity::user::Entity::find().filter(entity::user::Column::Id.is_in(chunk.to_vec())).all(&state.db).await?,
        );
    }
    let orgs: Vec<i32> = users.iter().filter_map(|u| u.organisation_id).collect();
    let mut units = std::collections::HashMap::new();
    for chunk in orgs.chunks(500) {
        for o in entity::organisation::Entity::find()
            .filter(entity::organisation::Column::Id.is_in(chunk.to_vec()))
            .all(&state.db)
            .await?
        {
            units.insert(o.id, o.name);
        }
    }
    Ok(users
        .into_iter()
        .map(|u| {
            let name = match u.organisation_id.and_then(|o| units.get(&o)) {
                Some(unit) => format!("{}（{unit}）", u.display_name),
                None => u.display_name,
            };
            (u.id, name)
        })
        .collect())
}
