//! The office's home (what waits for me, then the figures of its jurisdiction) and the full
//! coverage radar; enterprises and villages get their own home (`/my`) with what waits for
//! them. Each waiting thing links to the page where its next step is taken.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use entity::{agreement, contribution, milestone, need, offer, pairing};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use super::Routes;
use crate::app::AppState;
use crate::auth::guard::{Auth, region_prefix};
use crate::auth::{Role, SessionUser};
use crate::domain::{AgreementStatus, ContributionStatus, ListingStatus, PairingStatus};
use crate::error::{AppError, Result};
use crate::radar::{self, Radar};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(&[Role::Office], "/office", office_home)
        .get_as(&[Role::Office, Role::Auditor], "/office/radar", radar_page)
        .get_as(&[Role::Office, Role::Auditor], "/office/dashboard", cockpit)
        .get_as(&[Role::Office, Role::Auditor], "/office/dashboard.xlsx", cockpit_xlsx)
        .get_as(&[Role::Enterprise, Role::Village], "/my", my_home)
}

/// The region an office (or the auditor: everywhere) looks at.
pub fn scope_of(user: &SessionUser) -> String {
    match user.role {
        Role::Office => region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned(),
        _ => String::new(),
    }
}

/// The caller's region narrowed to `region` (a province, city or county code inside it), or
/// the whole of it when none is asked; a region outside it is not found.
fn narrowed(user: &SessionUser, region: &str) -> Result<String> {
    let scope = scope_of(user);
    let region = region.trim();
    if region.is_empty() {
        return Ok(scope);
    }
    let ok = region.len() <= 12 && region.chars().all(|c| c.is_ascii_digit());
    let prefix = region_prefix(&format!("{region:0<12}")).to_owned();
    if ok && prefix.starts_with(&scope) { Ok(prefix) } else { Err(AppError::NotFound) }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct RegionQuery {
    region: String,
}

/// One line of a to-do list: how many, and where to act.
#[derive(Serialize)]
struct Waiting {
    label: &'static str,
    count: u64,
    link: String,
}

#[derive(Serialize)]
struct CampaignLine {
    id: i32,
    name: String,
    status_label: &'static str,
}

#[derive(Serialize)]
struct OfficeHome {
    waiting: Vec<Waiting>,
    nothing_waits: bool,
    radar: Radar,
    campaigns: Vec<CampaignLine>,
}

async fn office_home(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let user = auth.require(&[Role::Office])?;
    let r = radar::build(&state.db, &scope_of(user), state.clock.now(), radar::Detail::Counts, true).await?;
    let waiting = vec![
        Waiting {
            label: "在本辖区注册、待认证的企业和村",
            count: r.pending_orgs.count,
            link: "/office/organisations?status=pending".into(),
        },
        Waiting {
            label: "待审核的结对",
            count: r.pending_review.count,
            link: "/pairings?status=pending_review".into(),
        },
        Waiting { label: "待核实的帮扶记录", count: r.to_verify.count, link: "/office/radar#to-verify".into() },
        Waiting {
            label: "村委会有异议的帮扶记录", count: r.disputes.count, link: "/office/radar#disputes".into()
        },
        Waiting { label: "待处理的公示异议", count: r.objections.count, link: "/office/objections".into() },
        Waiting { label: "待处理的监管线索", count: r.open_findings, link: "/office/supervision".into() },
        Waiting {
            label: "村委会已会签、待备案的协议",
            count: agreement::Entity::find()
                .filter(agreement::Column::Status.eq(AgreementStatus::PendingFiling.code()))
                .filter(agreement::Column::Id.in_subquery(radar::agreements_in(&scope_of(user))))
                .count(&state.db)
                .await?,
            link: "/agreements?status=pending_filing".into(),
        },
        Waiting {
            label: "各县提交、待本办审批的规划",
            // Plans of counties under this office waiting for a decision (a county office has
            // none to decide: its own plans wait for the office above).
            count: if user.jurisdiction.as_deref().is_some_and(|j| region_prefix(j).len() < 6) {
                entity::plan::Entity::find()
                    .filter(entity::plan::Column::Status.eq(crate::domain::PlanStatus::Submitted.code()))
                    .filter(entity::plan::Column::CountyCode.starts_with(scope_of(user)))
                    .count(&state.db)
                    .await?
            } else {
                0
            },
            link: "/office/plans".into(),
        },
        Waiting {
            label: "通过后未签协议的结对",
            count: r.no_agreement.count,
            link: "/office/radar#no-agreement".into(),
        },
        Waiting {
            label: "停滞 30 天以上的结对", count: r.stuck_pairings.count, link: "/office/radar#stuck".into()
        },
        Waiting {
            label: "逾期的防返贫监测步骤",
            count: r.monitoring_overdue.count,
            link: "/office/radar#monitoring".into(),
        },
        Waiting {
            label: "逾期的协议节点", count: r.overdue_milestones.count, link: "/office/radar#overdue".into()
        },
        Waiting {
            label: "发布 30 天仍无人响应的需求", count: r.unmet_needs.count, link: "/office/radar#unmet".into()
        },
    ];
    let campaigns = crate::campaign::steer::list(&state.db, user, 3)
        .await?
        .into_iter()
        .map(|(c, _)| CampaignLine { id: c.id, status_label: crate::campaign::status_label(&c.status), name: c.name })
        .collect();
    let view = OfficeHome { nothing_waits: waiting.iter().all(|w| w.count == 0), waiting, radar: r, campaigns };
    Ok(state.templates.page(&auth, "office/home", "工作台", &view)?.into_response())
}

#[derive(Serialize)]
struct RadarView {
    #[serde(flatten)]
    radar: Radar,
    /// Back to the whole jurisdiction when narrowed to a part of it.
    wider: bool,
}

async fn radar_page(
    State(state): State<AppState>,
    auth: Auth,
    axum::extract::Query(q): axum::extract::Query<RegionQuery>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let region = narrowed(user, &q.region)?;
    let for_office = user.role == Role::Office;
    let r = radar::build(&state.db, &region, state.clock.now(), radar::Detail::Lists, for_office).await?;
    let view = RadarView { radar: r, wider: region != scope_of(user) };
    Ok(state.templates.page(&auth, "office/radar", "覆盖雷达", &view)?.into_response())
}

#[derive(Serialize)]
struct Line {
    title: String,
    detail: String,
    link: String,
    action: &'static str,
}

#[derive(Serialize)]
struct MyHome {
    is_enterprise: bool,
    verified: bool,
    /// Where the unit's registration stands when it is not verified, with the office's words.
    status_note: String,
    proposals: Vec<Line>,
    waiting_other: u64,
    to_confirm: Vec<Line>,
    to_sign: Vec<Line>,
    due: Vec<Line>,
    nothing_waits: bool,
    live_listings: u64,
    approved: u64,
    active_agreements: u64,
    verified_fen: i64,
}

/// The home of an enterprise's or a village's staff: proposals to answer, contributions to
/// confirm (village), agreements to draft and milestones due (enterprise), then the figures.
async fn my_home(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let user = auth.require(&[Role::Enterprise, Role::Village])?;
    let org = user.organisation_id.ok_or(AppError::Forbidden)?;
    let today = state.clock.today();
    let is_enterprise = user.role == Role::Enterprise;
    let (mine, theirs, my_col) = if is_enterprise {
        (PairingStatus::AcceptedByVillage, PairingStatus::AcceptedByEnterprise, pairing::Column::EnterpriseId)
    } else {
        (PairingStatus::AcceptedByEnterprise, PairingStatus::AcceptedByVillage, pairing::Column::VillageId)
    };
    let to_answer = pairing::Entity::find()
        .filter(my_col.eq(org))
        .filter(pairing::Column::Status.is_in([PairingStatus::Proposed.code(), mine.code()]))
        .order_by_asc(pairing::Column::CreatedAt)
        .limit(50)
        .all(&state.db)
        .await?;
    let waiting_other = pairing::Entity::find()
        .filter(my_col.eq(org))
        .filter(pairing::Column::Status.is_in([theirs.code(), PairingStatus::PendingReview.code()]))
        .count(&state.db)
        .await?;
    let ids: Vec<i32> = to_answer.iter().flat_map(|p| [p.enterprise_id, p.village_id]).collect();
    let names: std::collections::HashMap<i32, String> = entity::organisation::Entity::find()
        .filter(entity::organisation::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let proposals = to_answer
        .iter()
        .map(|p| {
            let other = if is_enterprise { p.village_id } else { p.enterprise_id };
            let source = crate::domain::PairingSource::parse(&p.source).map_or("", crate::domain::PairingSource::label);
            Line {
                title: format!("与{}的结对 #{}", names.get(&other).cloned().unwrap_or_default(), p.id),
                detail: format!("{source} · 等待本单位答复"),
                link: format!("/pairings/{}", p.id),
                action: "答复",
            }
        })
        .collect();
    let my_pairings = Query::select()
        .column(pairing::Column::Id)
        .from(pairing::Entity)
        .and_where(Expr::col(my_col).eq(org))
        .to_owned();
    let my_agreements = Query::select()
        .column(agreement::Column::Id)
        .from(agreement::Entity)
        .and_where(Expr::col(agreement::Column::PairingId).in_subquery(my_pairings.clone()))
        .to_owned();
    let to_confirm: Vec<Line> = if is_enterprise {
        // Records the village disputed: the enterprise corrects or withdraws them.
        contribution::Entity::find()
            .filter(contribution::Column::Status.eq(ContributionStatus::Disputed.code()))
            .filter(contribution::Column::AgreementId.in_subquery(my_agreements.clone()))
            .order_by_asc(contribution::Column::ReportedAt)
            .limit(50)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|c| Line {
                title: c.description.chars().take(40).collect(),
                detail: format!(
                    "村委会有异议：{}。请更正或撤回，扶贫办也会裁定",
                    c.dispute_reason.unwrap_or_default().trim_end_matches('。')
                ),
                link: format!("/agreements/{}#c{}", c.agreement_id, c.id),
                action: "处理",
            })
            .collect()
    } else {
        contribution::Entity::find()
            .filter(contribution::Column::Status.eq(ContributionStatus::Reported.code()))
            .filter(contribution::Column::AgreementId.in_subquery(my_agreements.clone()))
            .order_by_asc(contribution::Column::ReportedAt)
            .limit(50)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|c| Line {
                title: c.description.chars().take(40).collect(),
                detail: format!(
                    "企业报告的帮扶，{}，请核对后确认或提出异议",
                    crate::money::Money(c.amount_fen).display()
                ),
                link: format!("/agreements/{}#c{}", c.agreement_id, c.id),
                action: "确认",
            })
            .collect()
    };
    // Agreements waiting for this unit: the village countersigns a draft; the enterprise
    // changes one that was sent back.
    let waiting_state = if is_enterprise { AgreementStatus::Returned } else { AgreementStatus::PendingVillage };
    let drafts: Vec<Line> = agreement::Entity::find()
        .filter(agreement::Column::Status.eq(waiting_state.code()))
        .filter(agreement::Column::Id.in_subquery(my_agreements.clone()))
        .order_by_asc(agreement::Column::UpdatedAt)
        .limit(50)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| Line {
            detail: if is_enterprise {
                format!("协议被退回修改：{}", a.comment.clone().unwrap_or_default())
            } else {
                "企业起草的帮扶协议，请查看条款后会签或退回修改".to_owned()
            },
            title: a.title,
            link: format!("/agreements/{}", a.id),
            action: if is_enterprise { "修改协议" } else { "会签" },
        })
        .collect();
    // Approved pairings without an agreement: the enterprise drafts it.
    let mut to_sign: Vec<Line> = if is_enterprise {
        pairing::Entity::find()
            .filter(pairing::Column::EnterpriseId.eq(org))
            .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
            .filter(pairing::Column::Id.not_in_subquery(
                Query::select().column(agreement::Column::PairingId).from(agreement::Entity).to_owned(),
            ))
            .limit(50)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|p| Line {
                title: format!("结对 #{} 已通过审核", p.id),
                detail: format!(
                    "请在审核通过后 {} 天内签订帮扶协议，逾期 {} 天后结对失效",
                    radar::AGREEMENT_DAYS,
                    radar::LAPSE_DAYS
                ),
                link: format!("/pairings/{}", p.id),
                action: "起草协议",
            })
            .collect()
    } else {
        Vec::new()
    };
    to_sign.extend(drafts);
    // Milestones of running agreements due within 30 days or overdue: a report is due.
    let due = milestone::Entity::find()
        .filter(milestone::Column::DoneAt.is_null())
        .filter(milestone::Column::DueOn.lte(today + chrono::Duration::days(30)))
        .filter(
            milestone::Column::AgreementId.in_subquery(
                my_agreements
                    .clone()
                    .and_where(Expr::col(agreement::Column::Status).eq(AgreementStatus::Active.code()))
                    .to_owned(),
            ),
        )
        .order_by_asc(milestone::Column::DueOn)
        .limit(50)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| Line {
            detail: if m.due_on < today {
                format!("应于 {} 完成，已逾期", super::listings::cn_date(m.due_on))
            } else {
                format!("应于 {} 完成", super::listings::cn_date(m.due_on))
            },
            title: m.title,
            link: format!("/agreements/{}", m.agreement_id),
            action: if is_enterprise { "报告进展" } else { "查看" },
        })
        .collect::<Vec<_>>();
    let live_listings = if is_enterprise {
        offer::Entity::find()
            .filter(offer::Column::OrganisationId.eq(org))
            .filter(offer::Column::Status.eq(ListingStatus::Published.code()))
            .filter(Condition::any().add(offer::Column::ValidUntil.is_null()).add(offer::Column::ValidUntil.gte(today)))
            .count(&state.db)
            .await?
    } else {
        need::Entity::find()
            .filter(need::Column::OrganisationId.eq(org))
            .filter(need::Column::Status.eq(ListingStatus::Published.code()))
            .filter(Condition::any().add(need::Column::ValidUntil.is_null()).add(need::Column::ValidUntil.gte(today)))
            .count(&state.db)
            .await?
    };
    let approved = pairing::Entity::find()
        .filter(my_col.eq(org))
        .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
        .count(&state.db)
        .await?;
    let active_agreements = agreement::Entity::find()
        .filter(agreement::Column::Status.eq(AgreementStatus::Active.code()))
        .filter(agreement::Column::PairingId.in_subquery(my_pairings))
        .count(&state.db)
        .await?;
    let verified_fen: i64 = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::AmountFen)
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .filter(sea_orm::sea_query::Expr::cust(format!(
            "id NOT IN ({})",
            crate::notices::suspended_sql("contribution")
        )))
        .filter(contribution::Column::AgreementId.in_subquery(my_agreements))
        .into_tuple::<i64>()
        .all(&state.db)
        .await?
        .into_iter()
        .sum();
    let own = entity::organisation::Entity::find_by_id(org).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let note = own.review_note.clone().unwrap_or_default();
    let status_note = match crate::domain::OrgStatus::parse(&own.status) {
        Some(crate::domain::OrgStatus::Returned) => {
            format!("扶贫办退回了本单位的注册信息：{note}。请到“本单位”按意见修改并保存。")
        }
        Some(crate::domain::OrgStatus::Rejected) => format!("扶贫办不予认证本单位：{note}。"),
        Some(crate::domain::OrgStatus::Suspended) => format!("本单位已被扶贫办暂停，信息暂不公开。{note}"),
        Some(crate::domain::OrgStatus::Pending) => {
            "本单位正在等待扶贫办审核：认证前可以完善资料和保存草稿，通过后才能发布和结对。".into()
        }
        _ => String::new(),
    };
    let view = MyHome {
        status_note: status_note.replace("。。", "。"),
        is_enterprise,
        verified: user.is_verified(),
        nothing_waits: to_answer.is_empty() && to_confirm.is_empty() && to_sign.is_empty() && due.is_empty(),
        proposals,
        waiting_other,
        to_confirm,
        to_sign,
        due,
        live_listings,
        approved,
        active_agreements,
        verified_fen,
    };
    Ok(state.templates.page(&auth, "my/home", "我的工作台", &view)?.into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CockpitQuery {
    year: Option<i32>,
    table: String,
    region: String,
}

#[derive(Serialize)]
struct CockpitView {
    cockpit: crate::cockpit::Cockpit,
    coverage_chart: String,
    months_chart: String,
    states_chart: String,
    top_chart: String,
    /// None in the drive's first year (2015): there is no year before it.
    previous_year: Option<i32>,
    next_year: Option<i32>,
    /// The narrower region asked for (empty: the whole jurisdiction).
    region: String,
}

fn year_of(state: &AppState, q: &CockpitQuery) -> Result<i32> {
    use chrono::Datelike;
    let this = state.clock.today().year();
    match q.year {
        None => Ok(this),
        Some(y) if (2015..=this).contains(&y) => Ok(y),
        Some(_) => Err(AppError::field("year", format!("年份应在 2015 到 {this} 之间"))),
    }
}

fn wan_yuan(fen: f64) -> String {
    format!("{:.1} 万元", fen / 1_000_000.0)
}

/// The cockpit of the caller's jurisdiction (the auditor: everywhere) for a year.
async fn cockpit(
    State(state): State<AppState>,
    auth: Auth,
    axum::extract::Query(q): axum::extract::Query<CockpitQuery>,
) -> Result<Response> {
    use crate::cockpit::bars;
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let year = year_of(&state, &q)?;
    let region = narrowed(user, &q.region)?;
    let c = crate::cockpit::build(&state.db, &region, year).await?;
    let coverage: Vec<(String, Vec<f64>)> = c
        .coverage
        .iter()
        .map(|r| (r.county.clone(), vec![r.partnered as f64, (r.villages - r.partnered) as f64]))
        .collect();
    let months: Vec<(String, Vec<f64>)> = c
        .months
        .iter()
        .map(|m| {
            (
                format!("{}月", m.month),
                vec![m.money_fen as f64, m.goods_fen as f64, m.produce_fen as f64, m.other_fen as f64],
            )
        })
        .collect();
    let states: Vec<(String, Vec<f64>)> =
        c.states.iter().map(|s| (s.state.to_owned(), vec![s.villages as f64])).collect();
    let top: Vec<(String, Vec<f64>)> =
        c.top.iter().map(|t| (t.enterprise.clone(), vec![t.amount_fen as f64])).collect();
    use chrono::Datelike;
    let this = state.clock.today().year();
    let view = CockpitView {
        coverage_chart: bars("各县村的结对覆盖", &coverage, &["有结对", "尚无结对"], |v| {
            format!("{v:.0} 个村")
        }),
        months_chart: bars(
            &format!("{year}年已核实帮扶金额（按月）"),
            &months,
            &["资金", "物资", "采购农产品", "其他"],
            wan_yuan,
        ),
        states_chart: bars("村的帮扶进度", &states, &[], |v| format!("{v:.0} 个村")),
        top_chart: bars(&format!("{year}年已核实帮扶金额前十的企业"), &top, &[], wan_yuan),
        previous_year: (year > 2015).then_some(year - 1),
        next_year: (year < this).then_some(year + 1),
        region: if region == scope_of(user) { String::new() } else { region.clone() },
        cockpit: c,
    };
    Ok(state.templates.page(&auth, "office/cockpit", "数据驾驶舱", &view)?.into_response())
}

/// The cockpit's tables as an XLSX download (all, or `table`).
async fn cockpit_xlsx(
    State(state): State<AppState>,
    auth: Auth,
    axum::extract::Query(q): axum::extract::Query<CockpitQuery>,
) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    let year = year_of(&state, &q)?;
    let table = match q.table.as_str() {
        "" => None,
        t @ ("coverage" | "months" | "states" | "top") => Some(t),
        _ => return Err(AppError::field("table", "表格应为 coverage、months、states 或 top")),
    };
    let region = narrowed(user, &q.region)?;
    let c = crate::cockpit::build(&state.db, &region, year).await?;
    let wanted = table.map(str::to_owned);
    // Building a workbook is CPU work: off the request threads.
    let bytes = tokio::task::spawn_blocking(move || crate::cockpit::to_xlsx(&c, wanted.as_deref()))
        .await
        .map_err(|e| AppError::Other(anyhow::anyhow!("xlsx task: {e}")))?
        .map_err(|e| AppError::Other(anyhow::anyhow!("xlsx: {e}")))?;
    let name = format!("cockpit-{year}{}.xlsx", table.map(|t| format!("-{t}")).unwrap_or_default());
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}
