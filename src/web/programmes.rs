//! Programme pages (issue 17): the deployment's programmes (`/admin/programmes`), an agreement's
//! tags, the buyer's payment and rating of a purchase, the six-month follow-up of jobs, and the
//! office's overview with each programme's ledger to download (`/office/programmes`).

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use entity::{agreement, contribution, organisation, pairing};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use super::listings::cn_date;
use super::render::field_errors;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::domain::{ContributionKind, ContributionStatus};
use crate::error::{AppError, Result};
use crate::money::Money;
use crate::pairings;
use crate::programmes::ledgers::{self, Table};
use crate::programmes::purchases::{self, PurchaseForm};
use crate::programmes::{self, Programme};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Admin, Role::Office, Role::Auditor], "/admin/programmes", declared_page)
        .post_as(&[Role::Admin], "/admin/programmes", declare)
        .post_as(&[Role::Admin], "/admin/programmes/counties", save_counties)
        .post_as(&[Role::Office], "/agreements/{id}/programmes", tag)
        .get_as(&[Role::Enterprise], "/contributions/{id}/purchase", purchase_form)
        .post_as(&[Role::Enterprise], "/contributions/{id}/purchase", purchase)
        .get_as(&[Role::Village], "/contributions/{id}/retention", retention_form)
        .post_as(&[Role::Village], "/contributions/{id}/retention", retention)
        .post_as(&[Role::Office], "/contributions/{id}/retention/verify", retention_verify)
        .get_as(READERS, "/contributions/{id}", contribution_page)
        .get_as(&[Role::Office, Role::Auditor], "/office/programmes", overview)
        .get_as(&[Role::Office, Role::Auditor], "/office/programmes/export", export)
}

/// Everyone who may read an agreement (its parties, covering offices, auditors).
const READERS: &[Role] = &[Role::Enterprise, Role::Village, Role::Office, Role::Auditor];

/// A record's own address: its place on its agreement's page (where a refused step links back).
async fn contribution_page(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let c = contribution::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let a = agreement::Entity::find_by_id(c.agreement_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !pairings::may_read(&state.db, auth.user()?, &p).await? {
        return Err(AppError::NotFound);
    }
    Ok(axum::response::Redirect::to(&format!("/agreements/{}#c{id}", a.id)).into_response())
}

// ---- the deployment's programmes ----

#[derive(Serialize)]
struct DeclaredView {
    choices: Vec<DeclaredChoice>,
    can_edit: bool,
    current: &'static str,
    errors: BTreeMap<String, String>,
    /// The declared counties (name, code, categories) and the list as the administrator edits it.
    counties: Vec<(String, String, String)>,
    counties_text: String,
    county_errors: Vec<String>,
}

#[derive(Serialize)]
struct DeclaredChoice {
    code: &'static str,
    label: &'static str,
    period: &'static str,
    wording: &'static str,
    enabled: bool,
    current: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DeclareForm {
    enabled: Vec<String>,
    current: String,
}

async fn declared_view(
    state: &AppState,
    auth: &Auth,
    typed: Option<&DeclareForm>,
    errors: &[(String, String)],
) -> Result<Response> {
    counties_view(state, auth, typed, errors, None, Vec::new()).await
}

async fn counties_view(
    state: &AppState,
    auth: &Auth,
    typed: Option<&DeclareForm>,
    errors: &[(String, String)],
    typed_counties: Option<String>,
    county_errors: Vec<String>,
) -> Result<Response> {
    let user = auth.require(&[Role::Admin, Role::Office, Role::Auditor])?;
    let d = programmes::declared(&state.db).await?;
    let declared_counties = programmes::counties(&state.db).await?;
    let names: std::collections::HashMap<String, String> = entity::region::Entity::find()
        .filter(entity::region::Column::Code.is_in(declared_counties.keys().cloned().collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let (enabled, current): (Vec<Programme>, Option<Programme>) = match typed {
        Some(f) => (Programme::read(Some(&f.enabled.join(","))), Programme::parse(f.current.trim())),
        None => (d.enabled.clone(), Some(d.current)),
    };
    let view = DeclaredView {
        choices: Programme::ALL
            .iter()
            .map(|p| DeclaredChoice {
                code: p.code(),
                label: p.label(),
                period: p.period(),
                wording: p.wording(),
                enabled: enabled.contains(p),
                current: current == Some(*p),
            })
            .collect(),
        can_edit: user.role == Role::Admin,
        current: d.current.label(),
        errors: field_errors(&["enabled", "current"], errors),
        counties_text: match typed_counties {
            Some(t) => t,
            None => crate::db::setting(&state.db, programmes::COUNTIES_TEXT).await?.unwrap_or_else(|| {
                declared_counties
                    .iter()
                    .map(|(code, cats)| {
                        format!("{} {}\n", &code[..6.min(code.len())], programmes::CountyCategory::words(cats))
                    })
                    .collect()
            }),
        },
        counties: declared_counties
            .iter()
            .map(|(code, cats)| {
                (
                    names.get(code).cloned().unwrap_or_else(|| code.clone()),
                    code[..6.min(code.len())].to_owned(),
                    programmes::CountyCategory::words(cats),
                )
            })
            .collect(),
        county_errors,
    };
    let status = if errors.is_empty() && view.county_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, state.templates.page(auth, "admin/programmes", "帮扶项目", &view)?).into_response())
}

async fn declared_page(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    declared_view(&state, &auth, None, &[]).await
}

async fn declare(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<DeclareForm>) -> Result<Response> {
    let user = auth.require(&[Role::Admin])?;
    let saved = programmes::declare(&state.db, user, &form.enabled, &form.current, state.clock.now()).await;
    state.programmes.forget();
    match saved {
        Ok(d) => Ok(super::flash::redirect(
            "/admin/programmes",
            &format!(
                "已保存：开展 {}；当前项目为「{}」，未标注项目的协议和记录计入它。",
                Programme::words(&d.enabled),
                d.current.label()
            ),
        )),
        Err(AppError::Invalid(errors)) => declared_view(&state, &auth, Some(&form), &errors).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CountiesForm {
    counties: String,
}

async fn save_counties(
    State(state): State<AppState>,
    auth: Auth,
    CsrfForm(form): CsrfForm<CountiesForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Admin])?;
    match programmes::save_counties(&state.db, user, &form.counties, state.clock.now()).await {
        Ok(0) => Ok(super::flash::redirect("/admin/programmes#counties", "已清空县类别名单：现在没有登记任何县类别。")),
        Ok(n) => Ok(super::flash::redirect(
            "/admin/programmes#counties",
            &format!("已保存县类别：共 {n} 个县；各项目台账和消费帮扶按它统计来自重点帮扶县的采购。"),
        )),
        Err(AppError::Invalid(errors)) => {
            let lines = errors.into_iter().map(|(_, m)| m).collect();
            counties_view(&state, &auth, None, &[], Some(form.counties), lines).await
        }
        Err(e) => Err(e),
    }
}

// ---- an agreement's programmes ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct TagForm {
    programmes: Vec<String>,
}

async fn tag(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<TagForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let list = programmes::tag_agreement(&state.db, user, id, &form.programmes, state.clock.now()).await?;
    Ok(super::flash::redirect(
        &format!("/agreements/{id}"),
        &format!("已保存：这份协议计入 {}；各项目台账随之更新。", Programme::words(&list)),
    ))
}

// ---- a purchase's payment and rating ----

#[derive(Serialize)]
struct PurchaseView<'a> {
    id: i32,
    agreement_id: i32,
    product: String,
    amount: String,
    delivered: String,
    form: &'a PurchaseForm,
    errors: BTreeMap<String, String>,
    ratings: Vec<(i32, &'static str, bool)>,
}

/// The purchase `id` if the caller is its buyer, with its agreement.
async fn bought(state: &AppState, auth: &Auth, id: i32) -> Result<(contribution::Model, agreement::Model)> {
    let c = contribution::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let a = agreement::Entity::find_by_id(c.agreement_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if pairings::party_of(&state.db, auth.user()?, &p).await? != pairings::Party::Enterprise {
        return Err(AppError::NotFound);
    }
    Ok((c, a))
}

async fn purchase_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    form: &PurchaseForm,
    errors: &[(String, String)],
) -> Result<Response> {
    let (c, a) = bought(state, auth, id).await?;
    if let Some(why) = purchases::refusal(&c) {
        return Err(AppError::Conflict(why));
    }
    let rating = form.rating.trim().parse::<i32>().ok();
    let view = PurchaseView {
        id,
        agreement_id: a.id,
        product: format!(
            "{} {} {}",
            c.product.clone().unwrap_or_default(),
            c.quantity.unwrap_or(0),
            c.unit.clone().unwrap_or_default()
        ),
        amount: Money(c.amount_fen).display(),
        delivered: match c.confirmed_at {
            Some(t) => format!("村委会已于 {} 确认交货", cn_date(crate::clock::to_shanghai(t).date_naive())),
            None => "村委会尚未确认交货：可以先记录付款和评价，交货确认后扶贫办才能核实".into(),
        },
        form,
        errors: field_errors(purchases::FIELDS, errors),
        ratings: purchases::RATINGS.iter().map(|(n, w)| (*n, *w, rating == Some(*n))).collect(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "programmes/purchase", "记录付款并评价", &view)?).into_response())
}

async fn purchase_form(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let form = PurchaseForm { paid_on: state.clock.today().to_string(), ..Default::default() };
    purchase_page(&state, &auth, id, &form, &[]).await
}

async fn purchase(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<PurchaseForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Enterprise])?;
    match purchases::record(&state.db, user, id, &form, state.clock.now()).await {
        Ok(c) => {
            // Whole sentences, so that a page in today's words finds them (乡村振兴局, not 扶贫办).
            let left = purchases::missing(&c);
            let rating = c.rating.unwrap_or(0);
            let message = if left.is_empty() {
                format!("已记录付款和评价（{rating} 分）。村委会已确认交货，等待扶贫办核实后计入消费帮扶。")
            } else {
                format!("已记录付款和评价（{rating} 分）。还缺：{}，之后由扶贫办核实。", left.join("、"))
            };
            Ok(super::flash::redirect(&format!("/agreements/{}#c{id}", c.agreement_id), &message))
        }
        Err(AppError::Invalid(errors)) => purchase_page(&state, &auth, id, &form, &errors).await,
        Err(e) => Err(e),
    }
}

// ---- the six-month follow-up of jobs ----

#[derive(Serialize)]
struct RetentionView {
    id: i32,
    agreement_id: i32,
    placed: i32,
    since: String,
    retained: String,
    error: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RetentionForm {
    retained: String,
}

async fn retention_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    typed: &str,
    error: Option<String>,
) -> Result<Response> {
    let c = contribution::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let a = agreement::Entity::find_by_id(c.agreement_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(a.pairing_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if pairings::party_of(&state.db, auth.user()?, &p).await? != pairings::Party::Village {
        return Err(AppError::NotFound);
    }
    if let Some(why) = programmes::retention::refusal(&c, state.clock.today()) {
        return Err(AppError::Conflict(why));
    }
    let view = RetentionView {
        id,
        agreement_id: a.id,
        placed: c.persons,
        since: cn_date(c.contributed_on),
        retained: typed.to_owned(),
        error: error.clone().unwrap_or_default(),
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, state.templates.page(auth, "programmes/retention", "满 6 个月回访", &view)?).into_response())
}

async fn retention_form(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    retention_page(&state, &auth, id, "", None).await
}

async fn retention(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<RetentionForm>,
) -> Result<Response> {
    let user = auth.require(&[Role::Village])?;
    match programmes::retention::report(&state.db, user, id, &form.retained, state.clock.now()).await {
        Ok(c) => Ok(super::flash::redirect(
            &format!("/agreements/{}#c{id}", c.agreement_id),
            &format!(
                "已报告满 6 个月回访：安置 {} 人，仍在岗 {} 人；扶贫办核实后计入稳定就业。",
                c.persons,
                c.retained_persons.unwrap_or(0)
            ),
        )),
        Err(AppError::Invalid(errors)) => {
            let message = errors.into_iter().map(|(_, m)| m).next().unwrap_or_default();
            retention_page(&state, &auth, id, &form.retained, Some(message)).await
        }
        Err(e) => Err(e),
    }
}

async fn retention_verify(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    CsrfForm(_): CsrfForm<super::extract::NoFields>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let c = programmes::retention::verify(&state.db, user, id, state.clock.now()).await?;
    Ok(super::flash::redirect(
        &format!("/agreements/{}#c{id}", c.agreement_id),
        &format!("已核实满 6 个月回访：仍在岗 {} 人，计入稳定就业。", c.retained_persons.unwrap_or(0)),
    ))
}

// ---- the office's overview and ledgers ----

#[derive(Deserialize, Default)]
#[serde(default)]
struct YearQuery {
    year: Option<i32>,
    ledger: String,
    format: String,
}

fn year_of(state: &AppState, asked: Option<i32>) -> Result<i32> {
    use chrono::Datelike;
    let this = state.clock.today().year();
    match asked {
        None => Ok(this),
        Some(y) if (2015..=this).contains(&y) => Ok(y),
        Some(_) => Err(AppError::field("year", format!("年份应在 2015 到 {this} 之间"))),
    }
}

fn scope_of(auth: &Auth) -> Result<Option<String>> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    Ok(if user.role == Role::Office { user.jurisdiction.clone().or(Some("x".into())) } else { None })
}

#[derive(Serialize)]
struct SummaryRow {
    label: String,
    wording: &'static str,
    agreements: i64,
    records: i64,
    industry: String,
    purchase: String,
    charity: String,
    jobs: i64,
    trainees: i64,
}

#[derive(Serialize)]
struct FlaggedPurchase {
    id: i32,
    agreement_id: i32,
    buyer: String,
    village: String,
    product: String,
    amount: String,
    status: &'static str,
    flags: Vec<String>,
}

#[derive(Serialize)]
struct OverviewView {
    year: i32,
    years: Vec<(i32, bool)>,
    rows: Vec<SummaryRow>,
    total: SummaryRow,
    shared: i64,
    ledgers: Vec<(&'static str, String)>,
    flagged: Vec<FlaggedPurchase>,
    retained: i64,
    placed: i64,
    /// 消费帮扶 purchases from counties of each category (words and amount).
    from_counties: Vec<(&'static str, String)>,
}

fn summary_row(label: String, wording: &'static str, t: &ledgers::Totals) -> SummaryRow {
    SummaryRow {
        label,
        wording,
        agreements: t.agreements,
        records: t.records,
        industry: Money(t.industry_fen).display(),
        purchase: Money(t.purchase_fen).display(),
        charity: Money(t.charity_fen).display(),
        jobs: t.jobs,
        trainees: t.trainees,
    }
}

async fn overview(State(state): State<AppState>, auth: Auth, Query(q): Query<YearQuery>) -> Result<Response> {
    use chrono::Datelike;
    let scope = scope_of(&auth)?;
    let year = year_of(&state, q.year)?;
    let declared = programmes::declared(&state.db).await?;
    let records = ledgers::records(&state.db, year, scope.as_deref()).await?;
    let s = ledgers::summary(&records, &declared);
    // Purchases flagged 价高质次 that are still open or counted, in the caller's scope.
    let mut flagged = Vec::new();
    let live = [
        ContributionStatus::Reported.code(),
        ContributionStatus::Confirmed.code(),
        ContributionStatus::Disputed.code(),
        ContributionStatus::Verified.code(),
    ];
    // Only purchases that can carry a flag (a market price, a rating or a payment) are read, with
    // their agreements, pairings and parties in three more queries.
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
    );
    let candidates: Vec<(contribution::Model, Vec<String>)> = contribution::Entity::find()
        .filter(contribution::Column::Kind.eq(ContributionKind::Produce.code()))
        .filter(contribution::Column::Status.is_in(live))
        .filter(contribution::Column::ContributedOn.between(from, to))
        .filter(
            sea_orm::Condition::any()
                .add(contribution::Column::MarketPriceFen.is_not_null())
                .add(contribution::Column::Rating.is_not_null())
                .add(contribution::Column::PaidFen.is_not_null()),
        )
        .order_by_desc(contribution::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| {
            let flags = purchases::flags(&c);
            (c, flags)
        })
        .filter(|(_, flags)| !flags.is_empty())
        .collect();
    let agreements: HashMap<i32, agreement::Model> = agreement::Entity::find()
        .filter(agreement::Column::Id.is_in(candidates.iter().map(|(c, _)| c.agreement_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let pairs: HashMap<i32, pairing::Model> = pairing::Entity::find()
        .filter(pairing::Column::Id.is_in(agreements.values().map(|a| a.pairing_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(pairs.values().flat_map(|p| [p.enterprise_id, p.village_id])))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    for (c, flags) in candidates {
        let Some(a) = agreements.get(&c.agreement_id) else { continue };
        let Some(p) = pairs.get(&a.pairing_id) else { continue };
        let (Some(buyer), Some(village)) = (orgs.get(&p.enterprise_id), orgs.get(&p.village_id)) else { continue };
        if scope.as_deref().is_some_and(|j| !crate::auth::guard::jurisdiction_covers(j, &village.region_code)) {
            continue;
        }
        flagged.push(FlaggedPurchase {
            id: c.id,
            agreement_id: a.id,
            buyer: buyer.name.clone(),
            village: village.name.clone(),
            product: c.product.clone().unwrap_or_default(),
            amount: Money(c.amount_fen).display(),
            status: ContributionStatus::parse(&c.status).map_or("未知", ContributionStatus::label),
            flags,
        });
    }
    let placed =
        records.iter().filter(|r| r.c.kind == ContributionKind::Jobs.code()).map(|r| i64::from(r.c.persons)).sum();
    let retained = records
        .iter()
        .filter(|r| r.c.retained_verified_at.is_some())
        .map(|r| i64::from(r.c.retained_persons.unwrap_or(0)))
        .sum();
    let categories = programmes::counties(&state.db).await?;
    let from_counties = programmes::CountyCategory::ALL
        .iter()
        .map(|cat| {
            let fen: i64 = records
                .iter()
                .filter(|r| {
                    r.c.kind == ContributionKind::Produce.code() && r.programmes.contains(&Programme::Consumption)
                })
                .filter(|r| {
                    categories.get(&ledgers::county_code(&r.village.region_code)).is_some_and(|c| c.contains(cat))
                })
                .map(|r| r.c.amount_fen)
                .sum();
            (cat.label(), Money(fen).display())
        })
        .collect();
    let this = state.clock.today().year();
    // Excel by default; the page adds `&format=csv` for the CSV link.
    let link = |ledger: &str| format!("/office/programmes/export?year={year}&ledger={ledger}");
    let mut ledgers_links = vec![("各项目汇总", link("summary"))];
    for (p, name, code) in [
        (Programme::Hundred, "万企帮万村台账", "taizhang"),
        (Programme::Revitalise, "万企兴万村兴村项目台账", "xingcun"),
        (Programme::Consumption, "消费帮扶台账", "xiaofei"),
        (Programme::EastWest, "东西部协作汇总", "dongxi"),
    ] {
        if declared.enabled.contains(&p) {
            ledgers_links.push((name, link(code)));
        }
    }
    let view = OverviewView {
        year,
        years: (2015..=this).rev().map(|y| (y, y == year)).collect(),
        rows: s.rows.iter().map(|(p, t)| summary_row(p.label().to_owned(), p.wording(), t)).collect(),
        total: summary_row("合计（同一记录只计一次）".into(), "", &s.total),
        shared: s.shared,
        ledgers: ledgers_links,
        flagged,
        retained,
        placed,
        from_counties,
    };
    Ok(state.templates.page(&auth, "programmes/overview", "各帮扶项目", &view)?.into_response())
}

async fn export(State(state): State<AppState>, auth: Auth, Query(q): Query<YearQuery>) -> Result<Response> {
    let scope = scope_of(&auth)?;
    let year = year_of(&state, q.year)?;
    if !matches!(q.format.as_str(), "" | "xlsx" | "csv") {
        return Err(AppError::field("format", "下载格式应为 Excel（xlsx）或 CSV"));
    }
    let declared = programmes::declared(&state.db).await?;
    let records = ledgers::records(&state.db, year, scope.as_deref()).await?;
    let table: Table = match q.ledger.as_str() {
        "summary" => ledgers::summary_table(&ledgers::summary(&records, &declared), year),
        "xingcun" => ledgers::revitalise(&state.db, &records, year).await?,
        "xiaofei" => ledgers::consumption(&state.db, &records, year).await?,
        "dongxi" => ledgers::east_west(&state.db, &records, year).await?,
        "taizhang" => {
            let rows = crate::export::rows(&state.db, year, scope.as_deref(), Some(Programme::Hundred)).await?;
            let (bytes, mime, ext) = if q.format == "csv" {
                (crate::export::to_csv(&rows)?, "text/csv; charset=utf-8", "csv")
            } else {
                (
                    crate::export::to_xlsx(&rows, &crate::export::ledger_title(year, Some(Programme::Hundred)))?,
                    XLSX,
                    "xlsx",
                )
            };
            return Ok(download(bytes, mime, &format!("taizhang-{year}.{ext}")));
        }
        _ => {
            return Err(AppError::field(
                "ledger",
                "请选择要下载的台账：各项目汇总、万企帮万村台账、兴村项目、消费帮扶或东西部协作",
            ));
        }
    };
    let (bytes, mime, ext) = if q.format == "csv" {
        (table.csv()?, "text/csv; charset=utf-8", "csv")
    } else {
        (table.xlsx()?, XLSX, "xlsx")
    };
    Ok(download(bytes, mime, &format!("{}-{year}.{ext}", table.file)))
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn download(bytes: Vec<u8>, mime: &str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}
