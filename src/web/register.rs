//! The 建档立卡 register page (offices and the auditor): the villages of the jurisdiction with
//! their registered households and people for a year beside the people their verified records
//! reached; the office uploads its Excel (all or nothing, every problem named). Household-level
//! rows are read only by the village itself, its covering offices and auditors.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use entity::{household, organisation};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::Upload;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};
use crate::governance::{households, register};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/register", page)
        .post_as(&[Role::Office], "/office/register", upload)
        .post_as(&[Role::Office], "/office/register/households", upload_households)
        .get_as(&[Role::Office, Role::Auditor], "/office/register/villages/{id}/households", village_households)
        .get_as(&[Role::Village], "/my/households", my_households)
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
    /// The village's region code (the import files name villages by it).
    code: String,
    households: String,
    persons: String,
    reached: i64,
    over: bool,
    /// Counted from the village's household rows.
    by_household: bool,
    /// The village has household rows (of any year) to open.
    has_households: bool,
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
    household_errors: Vec<String>,
}

/// Which of the two upload forms came back with errors.
enum Refused {
    None,
    Villages(Vec<String>),
    Households(Vec<String>),
}

async fn render(state: &AppState, auth: &Auth, year: Option<i32>, refused: Refused) -> Result<Response> {
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
    let entries = register::registered(&state.db, year).await?;
    let with_households: std::collections::HashSet<i32> = household::Entity::find()
        .select_only()
        .column(household::Column::VillageId)
        .distinct()
        .into_tuple::<i32>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let reached = register::reached(&state.db, year).await?;
    let rows: Vec<Row> = villages
        .into_iter()
        .map(|v| {
            let e = entries.get(&v.id);
            let n = reached.get(&v.id).copied().unwrap_or(0);
            Row {
                over: e.is_some_and(|e| n > e.persons),
                households: e.map_or_else(|| "未登记".into(), |e| e.households.to_string()),
                persons: e.map_or_else(|| "未登记".into(), |e| e.persons.to_string()),
                by_household: e.is_some_and(|e| e.by_household),
                has_households: with_households.contains(&v.id),
                reached: n,
                id: v.id,
                code: v.region_code,
                name: v.name,
            }
        })
        .collect();
    let (errors, household_errors) = match refused {
        Refused::None => (Vec::new(), Vec::new()),
        Refused::Villages(e) => (e, Vec::new()),
        Refused::Households(e) => (Vec::new(), e),
    };
    let status = if errors.is_empty() && household_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = View {
        year,
        years: (2014..=this).rev().map(|y| (y, y == year)).collect(),
        registered: rows.iter().filter(|r| r.households != "未登记").count(),
        over: rows.iter().filter(|r| r.over).count(),
        rows,
        can_upload: user.role == Role::Office,
        errors,
        household_errors,
    };
    Ok((status, state.templates.page(auth, "register/index", "建档立卡台账", &view)?).into_response())
}

async fn page(State(state): State<AppState>, auth: Auth, Query(q): Query<RegisterQuery>) -> Result<Response> {
    render(&state, &auth, q.year, Refused::None).await
}

/// The file of a multipart upload (`_csrf` first, then `file`), or what to say when none was
/// chosen or the one chosen is empty.
async fn file_of(auth: &Auth, mp: Upload) -> Result<std::result::Result<Vec<u8>, String>> {
    Ok(match super::extract::upload_file(auth, mp).await? {
        None => Err(CHOOSE_A_FILE.to_owned()),
        Some((name, bytes)) if bytes.is_empty() => Err(super::extract::empty_file(&name)),
        Some((_, bytes)) => Ok(bytes),
    })
}

const CHOOSE_A_FILE: &str = "请选择要导入的 XLSX 或 CSV 文件";

/// The village-level upload.
async fn upload(State(state): State<AppState>, auth: Auth, mp: Upload) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let file = match file_of(&auth, mp).await? {
        Ok(file) => file,
        Err(why) => return render(&state, &auth, None, Refused::Villages(vec![why])).await,
    };
    match register::import(&state.db, user, &file, state.clock.now()).await {
        Ok(done) => Ok(super::flash::redirect(
            &format!("/office/register?year={}", done.years.1),
            &format!(
                "已导入 {} 行（{} 个村，{}–{} 年）。带动人数超过建档立卡人口的村会列入监管线索。",
                done.rows, done.villages, done.years.0, done.years.1
            ),
        )),
        Err(AppError::Invalid(errors)) => {
            render(&state, &auth, None, Refused::Villages(errors.into_iter().map(|(_, m)| m).collect())).await
        }
        Err(e) => Err(e),
    }
}

/// The household-level upload.
async fn upload_households(State(state): State<AppState>, auth: Auth, mp: Upload) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let file = match file_of(&auth, mp).await? {
        Ok(file) => file,
        Err(why) => return render(&state, &auth, None, Refused::Households(vec![why])).await,
    };
    match households::import(&state.db, &state.sealer, user, &file, state.clock.now()).await {
        Ok(done) => Ok(super::flash::redirect(
            "/office/register",
            &format!(
                "已导入建档立卡户：新增 {} 户，更新 {} 户（{} 个村）。没有村级数字的年度按户统计。",
                done.added, done.updated, done.villages
            ),
        )),
        Err(AppError::Invalid(errors)) => {
            render(&state, &auth, None, Refused::Households(errors.into_iter().map(|(_, m)| m).collect())).await
        }
        Err(e) => Err(e),
    }
}

/// A household with its cadre in post, if any.
#[derive(Serialize)]
struct HouseholdRow {
    #[serde(flatten)]
    shown: households::Shown,
    cadre: String,
    pairing: i32,
    since: String,
    /// An ended pairing to open for the history (when none is current).
    history: i32,
}

#[derive(Serialize)]
struct HouseholdsView {
    village: String,
    village_id: i32,
    rows: Vec<HouseholdRow>,
    /// Cadres an office may pair (empty for other readers).
    cadres: Vec<crate::governance::cadres::Cadre>,
    can_pair: bool,
    refused: String,
    count: usize,
    persons: i64,
    /// On the register now (not left): what the register page counts.
    on_register: usize,
    persons_on_register: i64,
    lifted: usize,
    retention_years: i32,
    /// Where "back" goes for this reader.
    back: &'static str,
    back_label: &'static str,
}

pub(super) async fn households_page(
    state: &AppState,
    auth: &Auth,
    village: organisation::Model,
    refused: &str,
    status: StatusCode,
) -> Result<Response> {
    let user = auth.user()?;
    if !households::may_read(user, &village) {
        return Err(AppError::NotFound);
    }
    let shown = households::of_village(&state.db, &state.sealer, village.id).await?;
    let pairings = crate::governance::cadres::of_households(&state.db, shown.iter().map(|h| h.id).collect()).await?;
    let rows: Vec<HouseholdRow> = shown
        .into_iter()
        .map(|h| {
            let open = pairings.iter().find(|(p, _)| p.household_id == h.id && p.to_date.is_none());
            // The newest pairing, ended or not: its page keeps the household's history.
            let latest = pairings.iter().find(|(p, _)| p.household_id == h.id);
            HouseholdRow {
                cadre: open.map(|(_, n)| n.clone()).unwrap_or_default(),
                pairing: open.map_or(0, |(p, _)| p.id),
                since: open.map(|(p, _)| p.from_date.to_string()).unwrap_or_default(),
                history: if open.is_none() { latest.map_or(0, |(p, _)| p.id) } else { 0 },
                shown: h,
            }
        })
        .collect();
    let can_pair = user.role == Role::Office && user.covers(&village.region_code);
    let cadres = if can_pair { crate::governance::cadres::eligible(&state.db, &village).await? } else { Vec::new() };
    let (back, back_label) = if user.role == Role::Village {
        ("/my", "返回我的工作台")
    } else {
        ("/office/register", "返回建档立卡台账")
    };
    let view = HouseholdsView {
        persons: rows.iter().map(|r| i64::from(r.shown.members)).sum(),
        lifted: rows.iter().filter(|r| r.shown.lifted_year.is_some()).count(),
        count: rows.len(),
        on_register: rows.iter().filter(|r| r.shown.left_year.is_none()).count(),
        persons_on_register: rows
            .iter()
            .filter(|r| r.shown.left_year.is_none())
            .map(|r| i64::from(r.shown.members))
            .sum(),
        cadres,
        can_pair,
        refused: refused.to_owned(),
        village: village.name,
        village_id: village.id,
        rows,
        retention_years: households::RETENTION_YEARS,
        back,
        back_label,
    };
    Ok((status, state.templates.page(auth, "register/households", "建档立卡户", &view)?).into_response())
}

async fn village_households(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    auth.require(&[Role::Office, Role::Auditor])?;
    let village = organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    households_page(&state, &auth, village, "", StatusCode::OK).await
}

async fn my_households(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let user = auth.require(&[Role::Village])?;
    let id = user.organisation_id.ok_or(AppError::NotFound)?;
    let village = organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if user.organisation_status != Some(OrgStatus::Verified) {
        return Err(AppError::Conflict("本村通过扶贫办认证后才能查看建档立卡户".into()));
    }
    households_page(&state, &auth, village, "", StatusCode::OK).await
}
