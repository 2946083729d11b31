//! Organisation profiles: the owner's edit page and the public page (phones masked).

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use entity::{industry, organisation, region};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use super::render::field_errors;
use crate::accounts::{self, PROFILE_FIELDS, ProfileForm};
use crate::app::AppState;
use crate::auth::guard::Auth;
use crate::auth::{Role, mask_phone};
use crate::clock::to_shanghai;
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(ORG_MEMBERS, "/profile", edit)
        .post_as(ORG_MEMBERS, "/profile", update)
        .get("/organisations/{id}", show)
}

/// Members of an enterprise or village committee.
const ORG_MEMBERS: &[Role] = &[Role::Enterprise, Role::Village];

/// The county and township codes above a village-level `code` (none for other codes).
fn ancestors(code: &str) -> Vec<String> {
    if code.len() == 12 && code.is_ascii() {
        [format!("{}000000", &code[..6]), format!("{}000", &code[..9])].into_iter().filter(|up| up != code).collect()
    } else {
        Vec::new()
    }
}

/// `own` after the names of the places above `code`, as `names` has them.
fn join_path(code: &str, names: &std::collections::HashMap<String, String>, own: &str) -> String {
    let mut path: Vec<&str> = ancestors(code).iter().filter_map(|up| names.get(up).map(String::as_str)).collect();
    // A name that already says where it is (慈化镇石桥村民委员会) is not told it twice.
    while path.last().is_some_and(|up| own.contains(up)) {
        path.pop();
    }
    path.push(own);
    path.join(" ")
}

/// Names of the regions `codes`, one query per 900.
async fn region_names(state: &AppState, codes: Vec<String>) -> Result<std::collections::HashMap<String, String>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut names = std::collections::HashMap::new();
    for chunk in codes.chunks(900) {
        for r in region::Entity::find().filter(region::Column::Code.is_in(chunk.to_vec())).all(&state.db).await? {
            names.insert(r.code, r.name);
        }
    }
    Ok(names)
}

/// The deployment's counties (those with villages among the imported region codes), by code:
/// (code, name). Each county is one probe of the region table's key range for a village, so
/// the cost follows the number of counties, not of villages.
pub(crate) async fn deployment_counties(state: &AppState) -> Result<Vec<(String, String)>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut counties: Vec<(String, String)> = region::Entity::find()
        .filter(region::Column::Level.eq(3))
        .filter(sea_orm::sea_query::Expr::cust(
            "EXISTS (SELECT 1 FROM region v WHERE v.code > region.code \
             AND v.code <= SUBSTR(region.code, 1, 6) || '999999' AND v.level = 5)",
        ))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    // Sorted here: a few thousand rows at most, and the level index gives them unsorted.
    counties.sort();
    Ok(counties)
}

/// County, township and `name` of the place with region `code` (`袁州区 西村镇 石桥村`).
pub(crate) async fn region_path(state: &AppState, code: &str, name: &str) -> Result<String> {
    let names = region_names(state, ancestors(code)).await?;
    Ok(join_path(code, &names, name))
}

/// [`region_path`] of many places at once, each with its own name from the region table.
pub(crate) async fn region_paths<'a>(
    state: &AppState,
    codes: impl Iterator<Item = &'a str>,
) -> Result<std::collections::HashMap<String, String>> {
    let codes: std::collections::BTreeSet<&str> = codes.collect();
    let wanted: std::collections::BTreeSet<String> =
        codes.iter().flat_map(|c| ancestors(c).into_iter().chain([(*c).to_owned()])).collect();
    let names = region_names(state, wanted.into_iter().collect()).await?;
    Ok(codes
        .into_iter()
        .map(|c| (c.to_owned(), join_path(c, &names, names.get(c).map_or(c, String::as_str))))
        .collect())
}

/// An organisation as pages show it; phones are masked unless `full` (owner, office, auditor).
#[derive(Serialize, utoipa::ToSchema)]
pub struct OrgView {
    pub id: i32,
    pub kind: String,
    pub kind_label: &'static str,
    pub is_enterprise: bool,
    pub is_village: bool,
    pub name: String,
    pub region: String,
    /// County, township and place (for a village: where it is, in words).
    pub region_path: String,
    pub status: String,
    pub status_label: &'static str,
    pub uscc: String,
    pub industry: String,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub population: String,
    pub poor_households: String,
    pub poor_population: String,
    pub registered_poor: bool,
    pub main_industries: String,
    pub first_secretary: String,
    pub first_secretary_phone: String,
    pub party_secretary: String,
    pub party_secretary_phone: String,
    pub verified_on: String,
    /// The office's word when it sent the registration back, refused or suspended it.
    pub review_note: String,
    /// A village's categories as its office filed them (脱贫村 …).
    pub categories: Vec<&'static str>,
}

impl OrgView {
    /// Builds the view, looking up region and industry names.
    pub async fn build(state: &AppState, o: &organisation::Model, full: bool) -> Result<Self> {
        let region = region::Entity::find_by_id(o.region_code.clone())
            .one(&state.db)
            .await?
            .map_or_else(|| o.region_code.clone(), |r| r.name);
        let industry = match &o.industry_code {
            Some(code) => industry::Entity::find_by_id(code.clone())
                .one(&state.db)
                .await?
                .map_or_else(|| code.clone(), |i| i.name),
            None => String::new(),
        };
        // Sealed at rest: opened here, and masked unless the reader may see it whole.
        let phone = |p: &Option<String>| {
            state.sealer.open_opt(p.as_deref()).map(|p| if full { p } else { mask_phone(&p) }).unwrap_or_default()
        };
        let num = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
        Ok(Self {
            region_path: region_path(state, &o.region_code, &region).await?,
            id: o.id,
            kind: o.kind.clone(),
            kind_label: OrgKind::parse(&o.kind).map_or("机构", OrgKind::label),
            is_enterprise: o.kind == OrgKind::Enterprise.code(),
            is_village: o.kind == OrgKind::Village.code(),
            name: o.name.clone(),
            region,
            status: o.status.clone(),
            status_label: OrgStatus::parse(&o.status).map_or("未知", OrgStatus::label),
            uscc: o.uscc.clone().unwrap_or_default(),
            industry,
            address: o.address.clone().unwrap_or_default(),
            contact_name: o.contact_name.clone().unwrap_or_default(),
            contact_phone: phone(&o.contact_phone),
            population: num(o.population),
            poor_households: num(o.poor_households),
            poor_population: num(o.poor_population),
            registered_poor: o.registered_poor,
            main_industries: o.main_industries.clone().unwrap_or_default(),
            first_secretary: o.first_secretary.clone().unwrap_or_default(),
            first_secretary_phone: phone(&o.first_secretary_phone),
            party_secretary: o.party_secretary.clone().unwrap_or_default(),
            party_secretary_phone: phone(&o.party_secretary_phone),
            verified_on: o.verified_at.map(|t| to_shanghai(t).format("%Y年%m月%d日").to_string()).unwrap_or_default(),
            review_note: if full { o.review_note.clone().unwrap_or_default() } else { String::new() },
            categories: crate::domain::VillageCategory::read(o.categories.as_deref())
                .into_iter()
                .map(crate::domain::VillageCategory::label)
                .collect(),
        })
    }
}

#[derive(Serialize)]
struct ProfileView<'a> {
    org: OrgView,
    form: &'a ProfileForm,
    errors: BTreeMap<String, String>,
    notice: &'static str,
    /// The office that reviews this organisation, by name (the nearest one with staff).
    office: String,
    /// An enterprise not yet verified: its name and credit code are in the form.
    correcting: bool,
}

#[derive(Deserialize, Default)]
struct ProfileQuery {
    #[serde(default)]
    registered: Option<String>,
    #[serde(default)]
    saved: Option<String>,
}

async fn own_org(state: &AppState, auth: &Auth) -> Result<organisation::Model> {
    let user = auth.require(&[Role::Enterprise, Role::Village])?;
    let id = user.organisation_id.ok_or(AppError::NotFound)?;
    organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)
}

async fn profile_page(
    state: &AppState,
    auth: &Auth,
    org: &organisation::Model,
    form: &ProfileForm,
    errors: &[(String, String)],
    notice: &'static str,
) -> Result<Response> {
    let view = ProfileView {
        org: OrgView::build(state, org, true).await?,
        form,
        errors: field_errors(PROFILE_FIELDS, errors),
        notice,
        correcting: org.kind == OrgKind::Enterprise.code()
            && matches!(OrgStatus::parse(&org.status), Some(OrgStatus::Pending | OrgStatus::Returned)),
        office: {
            let ids = crate::pairings::offices_covering(&state.db, &org.region_code).await?;
            let mut names = Vec::new();
            for id in ids {
                names.push(super::org_name(state, id).await?);
            }
            if names.is_empty() { "所在县（市、区）扶贫办".to_owned() } else { names.join("、") }
        },
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "organisations/profile", "本单位资料", &view)?).into_response())
}

async fn edit(State(state): State<AppState>, auth: Auth, Query(q): Query<ProfileQuery>) -> Result<Response> {
    let org = own_org(&state, &auth).await?;
    let notice = if q.registered.is_some() {
        "注册成功！请等待扶贫办审核认证，认证通过后即可发布信息、接受结对。"
    } else if q.saved.is_some() {
        "资料已保存。"
    } else {
        ""
    };
    profile_page(&state, &auth, &org, &ProfileForm::of(&org, &state.sealer), &[], notice).await
}

async fn update(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<ProfileForm>) -> Result<Response> {
    let org = own_org(&state, &auth).await?;
    match accounts::update_profile(&state.db, &state.sealer, auth.user()?, &form, state.clock.now()).await {
        Ok(saved) => {
            let message = if saved.status == OrgStatus::Pending.code() && org.status == OrgStatus::Returned.code() {
                "资料已保存，并已重新提交扶贫办审核。"
            } else {
                "资料已保存。"
            };
            Ok(super::flash::redirect("/profile", message))
        }
        Err(AppError::Invalid(errors)) => profile_page(&state, &auth, &org, &form, &errors, "").await,
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct ShowView {
    org: OrgView,
    /// Its live offers (an enterprise) or needs (a village): (link, title, kind).
    listings: Vec<(String, String, &'static str)>,
    /// Its approved pairings: (the other side's public page, its name).
    partners: Vec<(String, String)>,
    /// A village: who answers for it now (kind, name, post, since) — names and units only.
    responsible: Vec<(&'static str, String, String, String)>,
    /// A village's leadership in post (role, name, unit and post, since) — never phones.
    leaders: Vec<(&'static str, String, String, String)>,
    /// The reader may open the leadership's full record (offices covering it, the auditor).
    leaders_link: bool,
}

/// The public page of a verified enterprise or village; others see 404 unless they may read it.
async fn show(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let org = organisation::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let insider = auth.user.as_ref().is_some_and(|u| u.may_read_org(&org));
    let public = org.status == OrgStatus::Verified.code() && org.kind != OrgKind::Office.code();
    if !public && !insider {
        return Err(AppError::NotFound);
    }
    // The page is public: phones stay masked here even for insiders, who see them in full on
    // their own pages.
    use crate::listings::{Side, query};
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    let today = state.clock.today();
    let side = if org.kind == OrgKind::Enterprise.code() { Side::Offer } else { Side::Need };
    let live = if org.kind == OrgKind::Office.code() {
        Vec::new()
    } else {
        let f = query::Filter { status: "published".into(), ..Default::default() };
        query::page(&state.db, side, &query::Scope::Owner(org.id), &f, today).await?.items
    };
    let listings = live
        .into_iter()
        .filter(|l| l.effective_status(today) == crate::domain::ListingStatus::Published)
        .map(|l| (format!("/{}/{}", side.plural(), l.id), l.title, l.kind.label()))
        .collect();
    let approved = entity::pairing::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(entity::pairing::Column::EnterpriseId.eq(org.id))
                .add(entity::pairing::Column::VillageId.eq(org.id)),
        )
        .filter(entity::pairing::Column::Status.eq(crate::domain::PairingStatus::Approved.code()))
        .filter(sea_orm::sea_query::Expr::cust(format!("id NOT IN ({})", crate::notices::suspended_sql("pairing"))))
        .order_by_desc(entity::pairing::Column::Id)
        .limit(50)
        .all(&state.db)
        .await?;
    let others: Vec<i32> =
        approved.iter().map(|p| if p.enterprise_id == org.id { p.village_id } else { p.enterprise_id }).collect();
    let mut partners: Vec<(String, String)> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(others))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (format!("/organisations/{}", o.id), o.name))
        .collect();
    partners.sort();
    let responsible = if org.kind == OrgKind::Village.code() {
        crate::governance::responsibility::of_village(&state.db, &org, today)
            .await?
            .into_iter()
            .map(|(r, named)| {
                let kind = if named {
                    crate::domain::ResponsibilityKind::parse(&r.kind)
                        .map_or("帮扶责任", crate::domain::ResponsibilityKind::label)
                } else {
                    "市领导挂点本县"
                };
                (kind, r.name, r.post, r.from_date.to_string())
            })
            .collect()
    } else {
        Vec::new()
    };
    let (leaders, leaders_link) = if org.kind == OrgKind::Village.code() {
        let (now, _) = crate::governance::leaders::of_village(&state.db, org.id).await?;
        let shown = now
            .into_iter()
            .map(|l| {
                let unit = [l.unit, l.post].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("，");
                (
                    crate::domain::LeaderRole::parse(&l.role).map_or("", crate::domain::LeaderRole::label),
                    l.name,
                    unit,
                    l.from_date.to_string(),
                )
            })
            .collect();
        (shown, auth.user.as_ref().is_some_and(|u| crate::governance::leaders::may_read(u, &org)))
    } else {
        (Vec::new(), false)
    };
    let view = ShowView {
        org: OrgView::build(&state, &org, false).await?,
        listings,
        partners,
        responsible,
        leaders,
        leaders_link,
    };
    let title = view.org.name.clone();
    Ok(state.templates.page(&auth, "organisations/show", &title, &view)?.into_response())
}
