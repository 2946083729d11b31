//! The office team page (队伍建设): an office's posts and reviewers in post, each reviewer's open
//! work with its age, work nobody holds, reassigning it; for a city (or wider) office, every
//! office under it with its staffing and backlog. The auditor reads every office's.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entity::organisation;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, SessionUser, region_prefix};
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};
use crate::governance::team::{self, Item, Pick, WorkKind};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office, Role::Auditor], "/office/team", page)
        .post_as(&[Role::Office], "/office/team/posts", set_posts)
        .post_as(&[Role::Office], "/office/team/assign", assign)
}

#[derive(Deserialize, Default, Serialize, Clone)]
#[serde(default)]
struct TeamQuery {
    /// Whose team (an office's id); the user's own when empty.
    office: String,
    /// Only the work this reviewer holds (an id), or `none` for work nobody holds.
    reviewer: String,
    /// `1`: only the user's own work.
    mine: String,
}

#[derive(Serialize)]
struct StaffRow {
    id: i32,
    name: String,
    last_login: String,
    held: usize,
    oldest: i64,
}

#[derive(Serialize)]
struct KindCount {
    label: &'static str,
    count: u64,
}

#[derive(Serialize)]
struct WorkRow {
    pick: String,
    ticked: bool,
    kind: &'static str,
    title: String,
    link: String,
    age: i64,
    holder: String,
}

#[derive(Serialize)]
struct OfficeRow {
    id: i32,
    name: String,
    posts: String,
    staff: usize,
    vacancies: String,
    backlog: u64,
    unassigned: usize,
    oldest: i64,
}

#[derive(Serialize)]
struct Choice {
    id: i32,
    label: String,
}

#[derive(Serialize)]
struct View {
    office_id: i32,
    office: String,
    posts: String,
    posts_value: String,
    staff_count: usize,
    vacancies: String,
    staff: Vec<StaffRow>,
    unassigned: usize,
    unassigned_oldest: i64,
    kinds: Vec<KindCount>,
    total: u64,
    work: Vec<WorkRow>,
    shown_of: usize,
    filter: String,
    can_act: bool,
    reviewers: Vec<Choice>,
    offices: Vec<OfficeRow>,
    posts_error: String,
    assign_error: String,
    refused: String,
    max_posts: i32,
    /// Viewing another office's team: the way back to one's own.
    back: bool,
}

/// The office whose team is shown: asked for, or the user's own; checked.
async fn office_of(state: &AppState, user: &SessionUser, q: &TeamQuery) -> Result<Option<organisation::Model>> {
    let id = match q.office.trim().parse::<i32>() {
        Ok(id) => Some(id),
        // An office asked for by something that is not a number is no office.
        Err(_) if !q.office.trim().is_empty() => return Err(AppError::NotFound),
        Err(_) if user.role == Role::Office => user.organisation_id,
        Err(_) => None,
    };
    let Some(id) = id else { return Ok(None) };
    let o = organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !team::may_see(user, &o) {
        return Err(AppError::NotFound);
    }
    Ok(Some(o))
}

/// What the user had typed or ticked, shown again with an error.
#[derive(Default)]
struct Typed {
    posts: Option<String>,
    ticked: Vec<String>,
}

async fn render(
    state: &AppState,
    auth: &Auth,
    q: &TeamQuery,
    errors: (&str, &str, &str),
    typed: Typed,
) -> Result<Response> {
    let ticked = typed.ticked;
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let now = state.clock.now();
    let office = office_of(state, user, q).await?;
    let mut view = View {
        office_id: 0,
        office: String::new(),
        posts: String::new(),
        posts_value: String::new(),
        staff_count: 0,
        vacancies: String::new(),
        staff: Vec::new(),
        unassigned: 0,
        unassigned_oldest: 0,
        kinds: Vec::new(),
        total: 0,
        work: Vec::new(),
        shown_of: 0,
        filter: String::new(),
        can_act: false,
        reviewers: Vec::new(),
        offices: Vec::new(),
        posts_error: errors.0.to_owned(),
        assign_error: errors.1.to_owned(),
        refused: errors.2.to_owned(),
        max_posts: team::MAX_POSTS,
        back: !q.office.trim().is_empty() && q.office.trim().parse::<i32>().ok() != user.organisation_id,
    };
    // Every office's jurisdiction: work under an office below is that office's, not counted
    // again above it.
    let all_offices = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Office.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .order_by_asc(organisation::Column::RegionCode)
        .all(&state.db)
        .await?;
    let prefixes: Vec<String> =
        all_offices.iter().map(|o| region_prefix(team::jurisdiction_of(o)).to_owned()).collect();
    // The offices just under the one shown (or, for the auditor with none chosen, every office).
    let scope = office.as_ref().map(|o| region_prefix(team::jurisdiction_of(o)).to_owned());
    let under = |o: &organisation::Model| -> bool {
        let own = region_prefix(team::jurisdiction_of(o));
        match &scope {
            Some(p) => {
                own.starts_with(p.as_str())
                    && own.len() > p.len()
                    // Not under another office that is itself under the one shown.
                    && !prefixes.iter().any(|q| q.len() > p.len() && q.len() < own.len() && q.starts_with(p.as_str()) && own.starts_with(q.as_str()))
            }
            None => true,
        }
    };
    let subs: Vec<&organisation::Model> =
        all_offices.iter().filter(|o| Some(o.id) != office.as_ref().map(|x| x.id) && under(o)).collect();
    for o in subs.into_iter().take(200) {
        let prefix = region_prefix(team::jurisdiction_of(o)).to_owned();
        let items = team::own_items(team::open_work(&state.db, &prefix).await?, &prefix, &prefixes);
        let staff = team::staff(&state.db, o.id).await?.len();
        let posts = team::posts(&state.db, o.id).await?;
        view.offices.push(OfficeRow {
            id: o.id,
            name: o.name.clone(),
            posts: posts.map_or_else(|| "未登记".into(), |p| p.to_string()),
            vacancies: posts.map(|p| Ord::max(p - staff as i32, 0).to_string()).unwrap_or_default(),
            staff,
            backlog: items.len() as u64,
            unassigned: items.iter().filter(|i| i.reviewer.is_none()).count(),
            oldest: items.iter().map(|i| i.age(now)).max().unwrap_or(0),
        });
    }
    let Some(office) = office else {
        return Ok(state.templates.page(auth, "office/team", "队伍建设", &view)?.into_response());
    };
    let prefix = region_prefix(team::jurisdiction_of(&office)).to_owned();
    let items = team::own_items(team::open_work(&state.db, &prefix).await?, &prefix, &prefixes);
    let mut counts: std::collections::BTreeMap<&'static str, u64> = std::collections::BTreeMap::new();
    for i in &items {
        *counts.entry(i.kind.code()).or_default() += 1;
    }
    let staff = team::staff(&state.db, office.id).await?;
    let posts = team::posts(&state.db, office.id).await?;
    let names: HashMap<i32, String> = entity::user::Entity::find()
        .filter(entity::user::Column::Id.is_in(items.iter().filter_map(|i| i.reviewer).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    view.office_id = office.id;
    view.office = office.name.clone();
    view.posts = posts.map_or_else(|| "未登记".into(), |p| p.to_string());
    view.posts_value = typed.posts.unwrap_or_else(|| posts.map(|p| p.to_string()).unwrap_or_default());
    view.staff_count = staff.len();
    view.vacancies = posts.map(|p| Ord::max(p - staff.len() as i32, 0).to_string()).unwrap_or_default();
    view.staff = staff
        .iter()
        .map(|u| {
            let held: Vec<&Item> = items.iter().filter(|i| i.reviewer == Some(u.id)).collect();
            StaffRow {
                id: u.id,
                name: u.display_name.clone(),
                last_login: u
                    .last_login_at
                    .map(|t| crate::clock::to_shanghai(t).format("%Y-%m-%d").to_string())
                    .unwrap_or_else(|| "从未登录".into()),
                held: held.len(),
                oldest: held.iter().map(|i| i.age(now)).max().unwrap_or(0),
            }
        })
        .collect();
    // Work of this office held by someone of another office (a city reviewer, say).
    let mut others: Vec<i32> =
        items.iter().filter_map(|i| i.reviewer).filter(|r| !staff.iter().any(|u| u.id == *r)).collect();
    others.sort_unstable();
    others.dedup();
    for id in others {
        let held: Vec<&Item> = items.iter().filter(|i| i.reviewer == Some(id)).collect();
        let holder = entity::user::Entity::find_by_id(id).one(&state.db).await?;
        let org = match holder.as_ref().and_then(|u| u.organisation_id) {
            Some(o) => super::org_name(state, o).await?,
            None => String::new(),
        };
        view.staff.push(StaffRow {
            id,
            name: format!("{}（{org}）", holder.map(|u| u.display_name).unwrap_or_default()),
            last_login: "—".into(),
            held: held.len(),
            oldest: held.iter().map(|i| i.age(now)).max().unwrap_or(0),
        });
    }
    let nobody: Vec<&Item> = items.iter().filter(|i| i.reviewer.is_none()).collect();
    view.unassigned = nobody.len();
    view.unassigned_oldest = nobody.iter().map(|i| i.age(now)).max().unwrap_or(0);
    view.kinds = WorkKind::ALL
        .iter()
        .map(|k| KindCount { label: k.label(), count: counts.get(k.code()).copied().unwrap_or(0) })
        .collect();
    view.total = counts.values().sum();
    let mine = q.mine == "1";
    let wanted: Option<Option<i32>> = if mine {
        Some(Some(user.id))
    } else if q.reviewer == "none" {
        Some(None)
    } else {
        q.reviewer.trim().parse::<i32>().ok().map(Some)
    };
    view.filter = match wanted {
        Some(None) => "只看无人负责的事项".into(),
        Some(Some(id)) => format!(
            "只看{}负责的事项",
            names
                .get(&id)
                .cloned()
                .or_else(|| staff.iter().find(|u| u.id == id).map(|u| u.display_name.clone()))
                .unwrap_or_default()
        ),
        None => String::new(),
    };
    let mut shown: Vec<&Item> = items.iter().filter(|i| wanted.is_none_or(|w| i.reviewer == w)).collect();
    shown.sort_by_key(|i| (std::cmp::Reverse(i.age(now)), i.kind.code(), i.id));
    view.shown_of = shown.len();
    view.work = shown
        .into_iter()
        .take(300)
        .map(|i| WorkRow {
            ticked: ticked.contains(&format!("{}:{}:{}", i.kind.code(), i.id, i.reviewer.unwrap_or(0))),
            pick: format!("{}:{}:{}", i.kind.code(), i.id, i.reviewer.unwrap_or(0)),
            kind: i.kind.label(),
            title: i.title.clone(),
            // The auditor does not open an organisation's verification page.
            link: if i.kind == WorkKind::Org && user.role != Role::Office { String::new() } else { i.link.clone() },
            age: i.age(now),
            holder: i.reviewer.and_then(|r| names.get(&r).cloned()).unwrap_or_else(|| "本办（未指定）".into()),
        })
        .collect();
    view.can_act = user.role == Role::Office && team::may_see(user, &office);
    if view.can_act {
        // Reviewers of this office, and (for work of a county seen by its city) the city's own.
        let mut reviewers: Vec<Choice> = staff
            .iter()
            .map(|u| Choice { id: u.id, label: format!("{}（{}）", u.display_name, office.name) })
            .collect();
        if let Some(own) = user.organisation_id.filter(|o| *o != office.id) {
            let own_name = super::org_name(state, own).await?;
            reviewers.extend(
                team::staff(&state.db, own)
                    .await?
                    .into_iter()
                    .map(|u| Choice { id: u.id, label: format!("{}（{own_name}）", u.display_name) }),
            );
        }
        view.reviewers = reviewers;
    }
    let status = if !view.refused.is_empty() {
        StatusCode::CONFLICT
    } else if view.posts_error.is_empty() && view.assign_error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, state.templates.page(auth, "office/team", "队伍建设", &view)?).into_response())
}

async fn page(State(state): State<AppState>, auth: Auth, Query(q): Query<TeamQuery>) -> Result<Response> {
    render(&state, &auth, &q, ("", "", ""), Typed::default()).await
}

fn back_to(office: i32) -> String {
    format!("/office/team?office={office}")
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PostsForm {
    office: String,
    posts: String,
}

async fn set_posts(State(state): State<AppState>, auth: Auth, CsrfForm(f): CsrfForm<PostsForm>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let q = TeamQuery { office: f.office.clone(), ..Default::default() };
    let office = office_of(&state, user, &q).await?.ok_or(AppError::NotFound)?;
    match team::set_posts(&state.db, user, &office, &f.posts, state.clock.now()).await {
        Ok(n) => Ok(super::flash::redirect(&back_to(office.id), &format!("已登记{}的编制 {n} 人。", office.name))),
        Err(AppError::Invalid(e)) => {
            let why = e.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            render(&state, &auth, &q, (&why, "", ""), Typed { posts: Some(f.posts.clone()), ..Default::default() })
                .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AssignForm {
    office: String,
    item: Vec<String>,
    to: String,
}

async fn assign(State(state): State<AppState>, auth: Auth, CsrfForm(f): CsrfForm<AssignForm>) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let q = TeamQuery { office: f.office.clone(), ..Default::default() };
    let office = office_of(&state, user, &q).await?.ok_or(AppError::NotFound)?;
    let Some(picks) = f.item.iter().map(|r| Pick::parse(r)).collect::<Option<Vec<_>>>() else {
        return render(&state, &auth, &q, ("", "勾选的事项无法识别，请刷新后重新勾选", ""), Typed::default()).await;
    };
    let to = match f.to.trim() {
        "0" => None,
        raw => match raw.parse::<i32>() {
            Ok(id) => Some(id),
            Err(_) => {
                let typed = Typed { ticked: f.item.clone(), ..Default::default() };
                return render(&state, &auth, &q, ("", "请选择分配给谁", ""), typed).await;
            }
        },
    };
    match team::assign(&state.db, user, &picks, to, state.clock.now()).await {
        Ok(n) => Ok(super::flash::redirect(
            &back_to(office.id),
            &match to {
                Some(id) if id == user.id => format!("已把 {n} 项分配给您自己。"),
                Some(_) => format!("已分配 {n} 项；对方会收到消息。"),
                None => format!("已把 {n} 项退回本办，不指定负责人。"),
            },
        )),
        Err(AppError::Invalid(e)) => {
            let why = e.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            let typed = Typed { ticked: f.item.clone(), ..Default::default() };
            render(&state, &auth, &q, ("", &why, ""), typed).await
        }
        Err(AppError::Conflict(why)) => render(&state, &auth, &q, ("", "", &why), Typed::default()).await,
        Err(e) => Err(e),
    }
}
