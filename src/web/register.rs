//! The 建档立卡 register page (offices and the auditor): the villages of the jurisdiction with
//! their registered households and people for a year beside the people their verified records
//! reached; the office uploads its Excel (all or nothing, every problem named).

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use entity::{organisation, register_entry};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::csrf_ok;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};
use crate::governance::register;

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new().get_as(&[Role::Office, Role::Auditor], "/office/register", page).post_as(
        &[Role::Office],
        "/office/register",
        upload,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RegisterQuery {
    year: Option<i32>,
}

#[derive(Serialize)]
struct Row {
    id: i32,
    name: String,
    households: String,
    persons: String,
    reached: i64,
    over: bool,
}

#[derive(Serialize)]
struct View {
    year: i32,
    years: Vec<(i32, bool)>,
    rows: Vec<Row>,
    registered: usize,
    over: usize,
    can_upload: bool,
    errors: Vec<String>,
}

async fn render(state: &AppState, auth: &Auth, year: Option<i32>, errors: Vec<String>) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let this = state.clock.today().year();
    let year = year.filter(|y| (2014..=this).contains(y)).unwrap_or(this);
    let mut q = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .order_by_asc(organisation::Column::RegionCode);
    if user.role == Role::Office {
        q = q.filter(
            organisation::Column::RegionCode.starts_with(region_prefix(user.jurisdiction.as_deref().unwrap_or("x"))),
        );
    }
    let villages = q.all(&state.db).await?;
    let entries: std::collections::HashMap<i32, register_entry::Model> = register_entry::Entity::find()
        .filter(register_entry::Column::Year.eq(year))
        .filter(register_entry::Column::VillageId.is_in(villages.iter().map(|v| v.id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| (e.village_id, e))
        .collect();
    let reached = register::reached(&state.db, year).await?;
    let rows: Vec<Row> = villages
        .into_iter()
        .map(|v| {
            let e = entries.get(&v.id);
            let n = reached.get(&v.id).copied().unwrap_or(0);
            Row {
                over: e.is_some_and(|e| n > i64::from(e.persons)),
                households: e.map_or_else(|| "未登记".into(), |e| e.households.to_string()),
                persons: e.map_or_else(|| "未登记".into(), |e| e.persons.to_string()),
                reached: n,
                id: v.id,
                name: v.name,
            }
        })
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let view = View {
        year,
        years: (2014..=this).rev().map(|y| (y, y == year)).collect(),
        registered: entries.len(),
        over: rows.iter().filter(|r| r.over).count(),
        rows,
        can_upload: user.role == Role::Office,
        errors,
    };
    Ok((status, state.templates.page(auth, "register/index", "建档立卡台账", &view)?).into_response())
}

async fn page(State(state): State<AppState>, auth: Auth, Query(q): Query<RegisterQuery>) -> Result<Response> {
    render(&state, &auth, q.year, Vec::new()).await
}

/// The multipart upload: `_csrf` first, then `file`.
async fn upload(
    State(state): State<AppState>,
    auth: Auth,
    mp: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let mut mp = mp.map_err(|_| AppError::field("file", "请通过页面上的表单上传文件（multipart/form-data）"))?;
    let (mut csrf, mut file) = (String::new(), Vec::new());
    while let Some(field) = mp.next_field().await.map_err(|e| AppError::field("file", format!("上传失败：{e}")))? {
        let name = field.name().unwrap_or("").to_owned();
        if name != "_csrf" && !csrf_ok(&auth, &csrf) {
            return Err(AppError::Csrf);
        }
        match name.as_str() {
            "_csrf" => csrf = field.text().await.unwrap_or_default(),
            "file" => file = field.bytes().await.map_err(|_| AppError::field("file", "文件过大或上传中断"))?.to_vec(),
            _ => {}
        }
    }
    if !csrf_ok(&auth, &csrf) {
        return Err(AppError::Csrf);
    }
    if file.is_empty() {
        return render(&state, &auth, None, vec!["请选择要导入的 XLSX 或 CSV 文件".into()]).await;
    }
    match register::import(&state.db, user, &file, state.clock.now()).await {
        Ok(done) => Ok(super::flash::redirect(
            &format!("/office/register?year={}", done.years.1),
            &format!(
                "已导入 {} 行（{} 个村，{}–{} 年）。带动人数超过建档立卡人口的村会列入监管线索。",
                done.rows, done.villages, done.years.0, done.years.1
            ),
        )),
        Err(AppError::Invalid(errors)) => {
            render(&state, &auth, None, errors.into_iter().map(|(_, m)| m).collect()).await
        }
        Err(e) => Err(e),
    }
}
