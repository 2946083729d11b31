//! Pairing pages: the caller's pairings, one pairing with its history and the next steps, each
//! step behind a confirmation page with a reason; and the inbox.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{audit_event, notification, organisation, pairing};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::extract::{CsrfForm, NoFields};
use super::{ANY_ROLE, Routes};
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::campaign::ReasonKind;
use crate::clock::to_shanghai;
use crate::domain::{PairingSource, PairingStatus};
use crate::error::{AppError, Result};
use crate::listings::Side;
use crate::pairings::{self, Act, Party};

/// Routes of this module.
pub fn routes() -> Routes {
    const PARTIES: &[Role] = &[Role::Enterprise, Role::Village, Role::Office, Role::Auditor];
    const ACTORS: &[Role] = &[Role::Enterprise, Role::Village, Role::Office];
    Routes::new()
        .get_as(PARTIES, "/pairings", list)
        .get_as(PARTIES, "/pairings/{id}", show)
        .get_as(ACTORS, "/pairings/{id}/confirm/{act}", confirm)
        .post_as(ACTORS, "/pairings/{id}/{act}", act)
        .get_as(ANY_ROLE, "/inbox", inbox)
        .post_as(ANY_ROLE, "/inbox/read", inbox_read)
}

#[derive(Serialize)]
struct Row {
    id: i32,
    enterprise: String,
    village: String,
    /// The titles of the offer and the need paired (empty when the pairing names none).
    offer: String,
    need: String,
    status: String,
    status_label: &'static str,
    source_label: &'static str,
    score_pct: String,
    updated: String,
}

#[derive(Serialize)]
struct Tab {
    code: &'static str,
    label: &'static str,
    count: u64,
    current: bool,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<Row>,
    tabs: Vec<Tab>,
    /// What an empty list means on this tab.
    empty: &'static str,
    tab: String,
    sorts: Vec<super::paging::SortChoice>,
    pager: super::paging::Pager,
    xlsx: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    status: String,
    tab: String,
    sort: String,
    page: Option<u64>,
    format: String,
}

const SORTS: &[(&str, &str)] =
    &[("updated", "最近更新在前"), ("new", "最新发起在前"), ("old", "最早发起在前"), ("score", "匹配度高在前")];

/// The tabs of the pairing list, each a set of states as the caller's role sees them:
/// (code, label, states, what an empty tab means).
fn tabs_for(role: Role) -> Vec<(&'static str, &'static str, Vec<PairingStatus>, &'static str)> {
    use PairingStatus as S;
    let (mine, theirs): (Vec<S>, Vec<S>) = match role {
        Role::Enterprise => (vec![S::Proposed, S::AcceptedByVillage], vec![S::AcceptedByEnterprise]),
        Role::Village => (vec![S::Proposed, S::AcceptedByEnterprise], vec![S::AcceptedByVillage]),
        Role::Office => (vec![S::PendingReview], vec![S::Proposed, S::AcceptedByEnterprise, S::AcceptedByVillage]),
        _ => (Vec::new(), vec![S::Proposed, S::AcceptedByEnterprise, S::AcceptedByVillage]),
    };
    let mut tabs = Vec::new();
    if !mine.is_empty() {
        let label = if role == Role::Office { "待我审核" } else { "待我处理" };
        tabs.push(("mine", label, mine, "没有等您处理的结对。"));
    }
    let theirs_label =
        if matches!(role, Role::Enterprise | Role::Village) { "待对方确认" } else { "待双方确认" };
    tabs.push(("theirs", theirs_label, theirs, "没有等待确认的结对。"));
    if role != Role::Office {
        tabs.push(("review", "待审核", vec![S::PendingReview], "没有等待扶贫办审核的结对。"));
    }
    tabs.push(("approved", "已通过", vec![S::Approved], "还没有审核通过的结对。"));
    tabs.push((
        "closed",
        "已结束",
        vec![S::Declined, S::Withdrawn, S::Rejected, S::Lapsed],
        "没有已结束的结对（婉拒、撤回、驳回或审核通过后逾期未签协议而失效的，会列在这里）。",
    ));
    tabs
}

fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    to_shanghai(t).format("%Y年%m月%d日 %H:%M").to_string()
}

async fn names(state: &AppState, ids: Vec<i32>) -> Result<std::collections::HashMap<i32, organisation::Model>> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}

/// The titles of the offers and needs of `found`, by id.
async fn titles(
    state: &AppState,
    found: &[pairing::Model],
) -> Result<(std::collections::HashMap<i32, String>, std::collections::HashMap<i32, String>)> {
    use entity::{need, offer};
    let offers = id_titles::<offer::Entity>(
        state,
        found.iter().filter_map(|p| p.offer_id),
        offer::Column::Id,
        offer::Column::Title,
    );
    let needs =
        id_titles::<need::Entity>(state, found.iter().filter_map(|p| p.need_id), need::Column::Id, need::Column::Title);
    Ok((offers.await?, needs.await?))
}

/// The titles of the rows of `E` with `ids`, by id, read in slices a database takes in one list.
async fn id_titles<E: EntityTrait>(
    state: &AppState,
    ids: impl Iterator<Item = i32>,
    id: E::Column,
    title: E::Column,
) -> Result<std::collections::HashMap<i32, String>> {
    let ids: Vec<i32> = ids.collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(900) {
        let rows = E::find()
            .select_only()
            .column(id)
            .column(title)
            .filter(id.is_in(chunk.to_vec()))
            .into_tuple::<(i32, String)>()
            .all(&state.db)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

async fn list(State(state): State<AppState>, auth: Auth, Query(q): Query<ListQuery>) -> Result<Response> {
    let user = auth.user()?;
    let mut query = pairing::Entity::find();
    query = match user.role {
        Role::Enterprise => query.filter(pairing::Column::EnterpriseId.eq(user.organisation_id.unwrap_or(-1))),
        Role::Village => query.filter(pairing::Column::VillageId.eq(user.organisation_id.unwrap_or(-1))),
        Role::Office => {
            let prefix = region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned();
            let villages = sea_orm::sea_query::Query::select()
                .column(organisation::Column::Id)
                .from(organisation::Entity)
                .and_where(organisation::Column::RegionCode.starts_with(&prefix))
                .to_owned();
            query.filter(Condition::all().add(pairing::Column::VillageId.in_subquery(villages)))
        }
        _ => query,
    };
    // How many in each state, counted in the database, for the tabs.
    let counts: std::collections::HashMap<String, i64> =
        super::paging::count_by(&state.db, query.clone(), pairing::Column::Status).await?;
    let defs = tabs_for(user.role);
    // An old link by state (?status=pending_review) opens the tab that holds it.
    let wanted = match PairingStatus::parse(q.status.trim()) {
        Some(s) => defs.iter().find(|t| t.2.contains(&s)).map_or("", |t| t.0),
        None => q.tab.trim(),
    };
    let current = defs.iter().find(|t| t.0 == wanted);
    let all: u64 = counts.values().map(|n| *n as u64).sum();
    let mut tabs: Vec<Tab> = defs
        .iter()
        .map(|(code, label, states, _)| Tab {
            code,
            label,
            count: states.iter().map(|s| counts.get(s.code()).copied().unwrap_or(0) as u64).sum(),
            current: current.is_some_and(|c| c.0 == *code),
        })
        .collect();
    tabs.insert(0, Tab { code: "", label: "全部", count: all, current: current.is_none() });
    let shown = match current {
        Some(t) => {
            query = query.filter(pairing::Column::Status.is_in(t.2.iter().map(|s| s.code())));
            tabs.iter().find(|x| x.current).map_or(0, |x| x.count)
        }
        None => all,
    };
    let empty = current.map_or("还没有结对。在帮扶资源或需求的详情页查看“推荐”，点“发起结对”即可。", |t| t.3);
    let (sort, sorts) = super::paging::sort_choices(SORTS, &q.sort);
    query = match sort {
        "new" => query.order_by_desc(pairing::Column::CreatedAt),
        "old" => query.order_by_asc(pairing::Column::CreatedAt),
        // Pairings without a matcher score come last on both databases.
        "score" => query.order_by_with_nulls(
            pairing::Column::Score,
            sea_orm::Order::Desc,
            sea_orm::sea_query::NullOrdering::Last,
        ),
        _ => query.order_by_desc(pairing::Column::UpdatedAt),
    }
    .order_by_desc(pairing::Column::Id);
    let tab = current.map_or("", |t| t.0);
    if q.format == "xlsx" {
        return export(&state, query, shown).await;
    }
    let keep = [("tab", tab), ("sort", sort)];
    let pager = super::paging::Pager::new("/pairings", &keep, q.page, shown, super::paging::PER_PAGE);
    let xlsx = super::paging::link("/pairings", &[&keep[..], &[("format", "xlsx")]].concat());
    let found = query.offset(pager.offset()).limit(pager.per()).all(&state.db).await?;
    let orgs = names(&state, found.iter().flat_map(|p| [p.enterprise_id, p.village_id]).collect()).await?;
    let name = |id: i32| orgs.get(&id).map(|o| o.name.clone()).unwrap_or_default();
    let (offers, needs) = titles(&state, &found).await?;
    let rows = found
        .iter()
        .map(|p| Row {
            id: p.id,
            enterprise: name(p.enterprise_id),
            village: name(p.village_id),
            offer: p.offer_id.and_then(|i| offers.get(&i).cloned()).unwrap_or_default(),
            need: p.need_id.and_then(|i| needs.get(&i).cloned()).unwrap_or_default(),
            status: p.status.clone(),
            status_label: PairingStatus::parse(&p.status).map_or("未知", PairingStatus::label),
            source_label: PairingSource::parse(&p.source).map_or("", PairingSource::label),
            score_pct: p.score.map(|s| format!("{:.0}", s * 100.0)).unwrap_or_default(),
            updated: when(p.updated_at),
        })
        .collect();
    let view = ListView { rows, tabs, empty, tab: tab.to_owned(), sorts, pager, xlsx };
    Ok(state.templates.page(&auth, "pairings/list", "结对", &view)?.into_response())
}

/// The pairings of the list's tab, in its order, as an XLSX file.
async fn export(state: &AppState, query: sea_orm::Select<pairing::Entity>, n: u64) -> Result<Response> {
    use crate::export::Cell;
    if n > super::paging::MAX_EXPORT {
        return Err(AppError::field(
            "format",
            format!("这一栏有 {n} 个结对，超过一次导出的上限 {}，请换一栏导出", super::paging::MAX_EXPORT),
        ));
    }
    let found = query.limit(super::paging::MAX_EXPORT).all(&state.db).await?;
    let mut orgs = std::collections::HashMap::new();
    let ids: std::collections::BTreeSet<i32> = found.iter().flat_map(|p| [p.enterprise_id, p.village_id]).collect();
    for chunk in ids.into_iter().collect::<Vec<_>>().chunks(900) {
        orgs.extend(names(state, chunk.to_vec()).await?);
    }
    let paths = super::organisations::region_paths(state, orgs.values().map(|o| o.region_code.as_str())).await?;
    let name = |id: i32| orgs.get(&id).map(|o| o.name.clone()).unwrap_or_default();
    let place = |id: i32| orgs.get(&id).and_then(|o| paths.get(&o.region_code).cloned()).unwrap_or_default();
    let day = |t: chrono::DateTime<chrono::Utc>| Cell::Time(to_shanghai(t).naive_local());
    let (offers, needs) = titles(state, &found).await?;
    let title = |titles: &std::collections::HashMap<i32, String>, id: Option<i32>| {
        Cell::from(id.and_then(|i| titles.get(&i).cloned()).unwrap_or_default())
    };
    let headings = [
        "编号",
        "企业",
        "村",
        "村所在地",
        "帮扶资源",
        "村级需求",
        "状态",
        "来源",
        "匹配度（%）",
        "发起时间",
        "最近更新",
    ];
    let rows: Vec<Vec<Cell>> = found
        .iter()
        .map(|p| {
            vec![
                Cell::Number(p.id.into()),
                Cell::from(name(p.enterprise_id)),
                Cell::from(name(p.village_id)),
                Cell::from(place(p.village_id)),
                title(&offers, p.offer_id),
                title(&needs, p.need_id),
                Cell::from(PairingStatus::parse(&p.status).map_or("未知", PairingStatus::label)),
                Cell::from(PairingSource::parse(&p.source).map_or("", PairingSource::label)),
                p.score.map_or(Cell::from(""), |s| Cell::Number((s * 100.0).round() as i64)),
                day(p.created_at),
                day(p.updated_at),
            ]
        })
        .collect();
    let today = state.clock.today();
    let bytes = crate::export::table_xlsx(
        "结对",
        &format!("结对名单（{today} 导出，共 {} 个）", rows.len()),
        &headings,
        &rows,
    )?;
    Ok(super::paging::xlsx_download(&format!("pairings-{today}.xlsx"), bytes))
}

#[derive(Serialize)]
struct Step {
    act: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
struct HistoryRow {
    at: String,
    actor: String,
    action: String,
}

#[derive(Serialize)]
struct ShowView {
    id: i32,
    enterprise: String,
    enterprise_id: i32,
    village: String,
    village_id: i32,
    offer_link: String,
    need_link: String,
    status: String,
    status_label: &'static str,
    source_label: &'static str,
    score_pct: String,
    reason: String,
    review_reason: String,
    steps: Vec<Step>,
    history: Vec<HistoryRow>,
    /// The campaign that issued it and its reason (empty for other pairings).
    campaign: String,
    agreement_link: String,
    can_draft: bool,
    facts: PairFacts,
}

/// One side of a pairing as the deciding page shows it.
#[derive(Serialize, Default)]
struct ListingFacts {
    link: String,
    title: String,
    kind: &'static str,
    amount_fen: i64,
    quantity: String,
    until: String,
}

/// What a decision on a pairing rests on: both listings, why they were matched, the village's
/// 建档立卡 figures and the enterprise's record.
#[derive(Serialize, Default)]
struct PairFacts {
    offer: Option<ListingFacts>,
    need: Option<ListingFacts>,
    match_reason: String,
    population: String,
    poor_households: String,
    poor_population: String,
    registered_poor: bool,
    main_industries: String,
    record: String,
    /// The offer does not serve the village's county: the areas it serves, and the county.
    outside_area: (String, String),
}

async fn listing_facts(state: &AppState, side: Side, id: Option<i32>) -> Result<Option<ListingFacts>> {
    let Some(id) = id else { return Ok(None) };
    let Some(l) = crate::listings::find(&state.db, side, id).await? else { return Ok(None) };
    Ok(Some(ListingFacts {
        link: format!("/{}/{}", side.plural(), l.id),
        kind: l.kind.label(),
        amount_fen: l.amount_fen,
        quantity: l
            .quantity
            .map(|q| {
                format!("{} {}", crate::money::group_thousands(q.unsigned_abs()), l.unit.clone().unwrap_or_default())
            })
            .unwrap_or_default(),
        until: l.valid_until.map(crate::web::listings::cn_date).unwrap_or_else(|| "长期".into()),
        title: l.title,
    }))
}

/// Whether a pairing in state `s` still waits for one side or the office to decide.
fn awaits_decision(s: PairingStatus) -> bool {
    use PairingStatus as S;
    matches!(s, S::Proposed | S::AcceptedByEnterprise | S::AcceptedByVillage | S::PendingReview)
}

async fn pair_facts(
    state: &AppState,
    p: &pairing::Model,
    orgs: &std::collections::HashMap<i32, organisation::Model>,
    with_reason: bool,
) -> Result<PairFacts> {
    let today = state.clock.today();
    // Why the two were matched, as the matcher says it today (when both are still live): while a
    // decision is still to be taken; once taken, the pairing's page shows the score kept with it.
    let match_reason = match (p.need_id, p.offer_id) {
        _ if !with_reason => p.score.map(|s| format!("匹配度 {:.0}（发起结对时）", s * 100.0)),
        (Some(need), Some(offer)) => {
            // Worked out from the side it was proposed from (the enterprise's offer or the
            // village's need), as the number kept with it was: the same pair may score a little
            // differently from the other side, where other candidates are weighed against it.
            let proposer_org = match p.proposed_by {
                Some(u) => entity::user::Entity::find_by_id(u).one(&state.db).await?.and_then(|u| u.organisation_id),
                None => None,
            };
            let (side, anchor, other) = if proposer_org == Some(p.enterprise_id) {
                (Side::Offer, offer, need)
            } else {
                (Side::Need, need, offer)
            };
            let found = match crate::listings::find(&state.db, side, anchor).await {
                Ok(Some(l)) => crate::matching::among_matches(&state.db, &state.search, &l, other, today).await.ok(),
                _ => None,
            };
            found.flatten().map(|m| format!("按当前信息重新计算，匹配度 {:.0}：{}", m.score * 100.0, m.reason))
        }
        _ => None,
    }
    .unwrap_or_default();
    let village = orgs.get(&p.village_id);
    // A village may ask for an offer that does not serve it: the enterprise decides knowing so.
    let outside_area = match (p.offer_id, village) {
        (Some(offer), Some(v)) => match crate::listings::find(&state.db, Side::Offer, offer).await? {
            Some(o) if !o.serves(&v.region_code) => {
                let county = format!("{}000000", v.region_code.get(..6).unwrap_or_default());
                let mut codes = o.regions.clone();
                codes.push(county.clone());
                let names = crate::web::listings::region_names(&state.db, codes).await?;
                let served = o
                    .regions
                    .iter()
                    .map(|c| names.get(c).cloned().unwrap_or_else(|| c.clone()))
                    .collect::<Vec<_>>()
                    .join("、");
                (served, names.get(&county).cloned().unwrap_or_default())
            }
            _ => Default::default(),
        },
        _ => Default::default(),
    };
    let figure = |v: Option<i32>, unit: &str| {
        v.map(|n| format!("{} {unit}", crate::money::group_thousands(n.unsigned_abs() as u64)))
            .unwrap_or_else(|| "未填".into())
    };
    // The enterprise's record: its agreements by state and the help verified so far, counted
    // in the database.
    use sea_orm::sea_query::{Expr, ExprTrait, Query as Sql};
    let its_pairings = Sql::select()
        .column(pairing::Column::Id)
        .from(pairing::Entity)
        .and_where(Expr::col(pairing::Column::EnterpriseId).eq(p.enterprise_id))
        .to_owned();
    let by_state: std::collections::HashMap<String, i64> = entity::agreement::Entity::find()
        .filter(entity::agreement::Column::PairingId.in_subquery(its_pairings.clone()))
        .select_only()
        .column(entity::agreement::Column::Status)
        .column_as(entity::agreement::Column::Id.count(), "n")
        .group_by(entity::agreement::Column::Status)
        .into_tuple::<(String, i64)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let its_agreements = Sql::select()
        .column(entity::agreement::Column::Id)
        .from(entity::agreement::Entity)
        .and_where(Expr::col(entity::agreement::Column::PairingId).in_subquery(its_pairings))
        .to_owned();
    let verified: i64 = entity::contribution::Entity::find()
        .filter(entity::contribution::Column::AgreementId.in_subquery(its_agreements))
        .filter(entity::contribution::Column::Status.eq(crate::domain::ContributionStatus::Verified.code()))
        .filter(Expr::cust(format!("id NOT IN ({})", crate::notices::suspended_sql("contribution"))))
        .select_only()
        .column_as(Expr::cust("CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT)"), "fen")
        .into_tuple::<i64>()
        .one(&state.db)
        .await?
        .unwrap_or(0);
    let by = |s: crate::domain::AgreementStatus| by_state.get(s.code()).copied().unwrap_or(0);
    use crate::domain::AgreementStatus as A;
    let in_force = by(A::Completed) + by(A::Active) + by(A::Terminated);
    let drafts = by(A::PendingVillage) + by(A::Returned) + by(A::PendingFiling);
    let record = if in_force + drafts == 0 {
        "还没有帮扶协议（新参与的企业）".to_owned()
    } else {
        format!(
            "生效的帮扶协议 {in_force} 份：已完成 {}，执行中 {}，终止 {}{}；经核实的帮扶金额 {}",
            by(A::Completed),
            by(A::Active),
            by(A::Terminated),
            if drafts > 0 { format!("；另有 {drafts} 份待会签或备案") } else { String::new() },
            crate::money::Money(verified).display()
        )
    };
    Ok(PairFacts {
        offer: listing_facts(state, Side::Offer, p.offer_id).await?,
        need: listing_facts(state, Side::Need, p.need_id).await?,
        match_reason,
        population: figure(village.and_then(|v| v.population), "人"),
        poor_households: figure(village.and_then(|v| v.poor_households), "户"),
        poor_population: figure(village.and_then(|v| v.poor_population), "人"),
        registered_poor: village.is_some_and(|v| v.registered_poor),
        main_industries: village.and_then(|v| v.main_industries.clone()).unwrap_or_default(),
        record,
        outside_area,
    })
}

fn party_acts(party: Party) -> &'static [Act] {
    match party {
        Party::Office => &[Act::Approve, Act::Reject],
        Party::Enterprise | Party::Village => &[Act::Accept, Act::Decline, Act::Withdraw],
    }
}

async fn show(State(state): State<AppState>, auth: Auth, Path(id): Path<i32>) -> Result<Response> {
    let user = auth.user()?;
    let p = pairing::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    if !pairings::may_read(&state.db, user, &p).await? {
        return Err(AppError::NotFound);
    }
    let status = PairingStatus::parse(&p.status);
    let steps = match (pairings::party_of(&state.db, user, &p).await, status) {
        (Ok(party), Some(s)) => party_acts(party)
            .iter()
            .filter(|a| pairings::next(s, party, **a).is_ok())
            .map(|a| Step { act: a.code(), label: a.label() })
            .collect(),
        _ => Vec::new(),
    };
    let orgs = names(&state, vec![p.enterprise_id, p.village_id]).await?;
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Entity.eq("pairing"))
        .filter(audit_event::Column::EntityId.eq(id.to_string()))
        .order_by_asc(audit_event::Column::Id)
        .all(&state.db)
        .await?;
    // Who acted, as users know them: the person's name and unit, never a login name.
    let users: std::collections::HashMap<i32, entity::user::Model> = entity::user::Entity::find()
        .filter(entity::user::Column::Id.is_in(events.iter().filter_map(|e| e.actor_user_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let units = names(&state, users.values().filter_map(|u| u.organisation_id).collect()).await?;
    let history = events
        .into_iter()
        .map(|e| {
            let actor = match e.actor_user_id.and_then(|id| users.get(&id)) {
                Some(u) => match u.organisation_id.and_then(|o| units.get(&o)) {
                    Some(unit) => format!("{}（{}）", unit.name, u.display_name),
                    None => u.display_name.clone(),
                },
                None => "系统".to_owned(),
            };
            let action = match e.action.as_str() {
                "pairing.propose" => "发起结对建议",
                "pairing.accept" => "接受结对",
                "pairing.decline" => "婉拒",
                "pairing.withdraw" => "撤回",
                "pairing.approve" => "审核通过",
                "pairing.reject" => "驳回",
                "pairing.lapse" => "审核通过后长期未签协议，结对失效",
                _ => "其他操作",
            };
            HistoryRow { at: when(e.occurred_at), actor, action: action.to_owned() }
        })
        .collect();
    // A pairing issued by a campaign says which, and why it was proposed.
    let campaign = match entity::campaign_pair::Entity::find()
        .filter(entity::campaign_pair::Column::PairingId.eq(id))
        .one(&state.db)
        .await?
    {
        Some(cp) => entity::campaign::Entity::find_by_id(cp.campaign_id)
            .one(&state.db)
            .await?
            .map(|c| format!("来自专项行动「{}」。推荐理由：{}", c.name, cp.reason)),
        None => None,
    }
    .unwrap_or_default();
    let view = ShowView {
        id,
        enterprise: orgs.get(&p.enterprise_id).map(|o| o.name.clone()).unwrap_or_default(),
        enterprise_id: p.enterprise_id,
        village: orgs.get(&p.village_id).map(|o| o.name.clone()).unwrap_or_default(),
        village_id: p.village_id,
        offer_link: p.offer_id.map(|o| format!("/offers/{o}")).unwrap_or_default(),
        need_link: p.need_id.map(|n| format!("/needs/{n}")).unwrap_or_default(),
        status: p.status.clone(),
        status_label: status.map_or("未知", PairingStatus::label),
        source_label: PairingSource::parse(&p.source).map_or("", PairingSource::label),
        score_pct: p.score.map(|s| format!("{:.0}", s * 100.0)).unwrap_or_default(),
        reason: p.decline_reason.clone().unwrap_or_default(),
        review_reason: p.review_reason.clone().unwrap_or_default(),
        steps,
        history,
        campaign,
        agreement_link: entity::agreement::Entity::find()
            .filter(entity::agreement::Column::PairingId.eq(id))
            .one(&state.db)
            .await?
            .map(|a| format!("/agreements/{}", a.id))
            .unwrap_or_default(),
        can_draft: crate::agreements::check_may_create(&state.db, user, &p).await.is_ok(),
        // While the pairing waits for a decision, its page says why the two were matched (as
        // the matcher says it today), as the pages where the decision is taken do.
        facts: pair_facts(&state, &p, &orgs, PairingStatus::parse(&p.status).is_some_and(awaits_decision)).await?,
    };
    Ok(state.templates.page(&auth, "pairings/show", &format!("结对 #{id}"), &view)?.into_response())
}

#[derive(Serialize)]
struct KindChoice {
    code: &'static str,
    label: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct ConfirmView {
    /// What an approval or rejection rests on (none for the parties' steps).
    facts: Option<PairFacts>,
    /// The two sides and their listings, in words.
    between: String,
    id: i32,
    act: &'static str,
    label: &'static str,
    needs_reason: bool,
    /// Declining and rejecting say why from a list (the office's campaigns learn from it).
    needs_kind: bool,
    kinds: Vec<KindChoice>,
    reason: String,
    error: String,
    /// The refusal's kind was not chosen (shown under the list).
    kind_error: String,
    /// Who learns from the reason: the office's later campaigns.
    is_office: bool,
    is_village: bool,
}

/// The answer to a refusal without its kind (shown under the list).
const KIND_MISSING: &str = "请选择原因";

/// The reasons `party` may choose from when it refuses: an enterprise does not declare its
/// own record poor (企业履约记录不佳 is the village's and the office's to say).
/// The reasons a party may give: the enterprise does not judge its own record, and a village
/// cannot know the enterprise's places (企业名额不足 is the enterprise's or the office's to say).
fn reason_kinds(party: Party) -> Vec<ReasonKind> {
    ReasonKind::ALL
        .into_iter()
        .filter(|k| match party {
            Party::Enterprise => *k != ReasonKind::Record,
            Party::Village => *k != ReasonKind::Capacity,
            Party::Office => true,
        })
        .collect()
}

/// Whether `a` refuses a pairing, so that its reason is chosen from the list.
fn refuses(a: Act) -> bool {
    matches!(a, Act::Decline | Act::Reject)
}

async fn confirm_page(
    state: &AppState,
    auth: &Auth,
    id: i32,
    a: Act,
    (kind, reason): (&str, &str),
    error: &str,
) -> Result<Response> {
    // Only the pairing's parties see its step pages (also when a refused step comes back here).
    let p = pairing::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let party = pairings::party_of(&state.db, auth.user()?, &p).await?;
    let orgs = names(state, vec![p.enterprise_id, p.village_id]).await?;
    // The office decides on the facts, with the matcher's reason worked out now.
    let facts =
        if matches!(a, Act::Approve | Act::Reject) { Some(pair_facts(state, &p, &orgs, true).await?) } else { None };
    // Whom the step concerns, so that a party answering from its inbox knows which pair it is.
    let (offers, needs) = titles(state, std::slice::from_ref(&p)).await?;
    let side = |org: i32, title: Option<&String>| {
        let name = orgs.get(&org).map(|o| o.name.clone()).unwrap_or_default();
        match title {
            Some(t) => format!("{name}「{t}」"),
            None => name,
        }
    };
    let between = format!(
        "{} 与 {}",
        side(p.enterprise_id, p.offer_id.and_then(|i| offers.get(&i))),
        side(p.village_id, p.need_id.and_then(|i| needs.get(&i)))
    );
    let view = ConfirmView {
        facts,
        between,
        id,
        act: a.code(),
        label: a.label(),
        needs_reason: a.needs_reason() || a == Act::Approve,
        needs_kind: refuses(a),
        kinds: reason_kinds(party)
            .iter()
            .map(|k| KindChoice { code: k.code(), label: k.label(), selected: k.code() == kind })
            .collect(),
        reason: reason.to_owned(),
        kind_error: if error == KIND_MISSING { error.to_owned() } else { String::new() },
        error: if error == KIND_MISSING { String::new() } else { error.to_owned() },
        is_office: auth.user.as_ref().is_some_and(|u| u.role == crate::auth::Role::Office),
        is_village: party == Party::Village,
    };
    let status = if error.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, state.templates.page(auth, "pairings/confirm", "确认操作", &view)?).into_response())
}

async fn confirm(State(state): State<AppState>, auth: Auth, Path((id, a)): Path<(i32, String)>) -> Result<Response> {
    let a = Act::parse(&a).ok_or(AppError::NotFound)?;
    let p = pairing::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let party = pairings::party_of(&state.db, auth.user()?, &p).await?;
    // A step this party cannot take now is refused here, with why, not after the form.
    let from = PairingStatus::parse(&p.status).ok_or_else(|| AppError::Conflict("状态无法识别".into()))?;
    pairings::next(from, party, a).map_err(AppError::Conflict)?;
    confirm_page(&state, &auth, id, a, ("", ""), "").await
}

#[derive(Deserialize)]
struct ActForm {
    #[serde(default)]
    reason: String,
    /// far | capacity | product | record | other (declining and rejecting).
    #[serde(default)]
    reason_kind: String,
}

async fn act(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, a)): Path<(i32, String)>,
    CsrfForm(f): CsrfForm<ActForm>,
) -> Result<Response> {
    let a = Act::parse(&a).ok_or(AppError::NotFound)?;
    let typed = (f.reason_kind.as_str(), f.reason.as_str());
    // A refusal's reason: its kind from the list, then the words (which only 距离太远 and
    // 企业名额不足 may leave out).
    let reason = if refuses(a) {
        let p = pairing::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
        let party = pairings::party_of(&state.db, auth.user()?, &p).await?;
        let Some(kind) = ReasonKind::parse(&f.reason_kind).filter(|k| reason_kinds(party).contains(k)) else {
            return confirm_page(&state, &auth, id, a, typed, KIND_MISSING).await;
        };
        match f.reason.trim() {
            "" if matches!(kind, ReasonKind::Far | ReasonKind::Capacity) => kind.label().to_owned(),
            "" => String::new(),
            words => format!("{}：{words}", kind.label()),
        }
    } else {
        f.reason.clone()
    };
    match pairings::act(&state.db, auth.user()?, id, a, &reason, state.clock.now(), state.config.notice_days).await {
        Ok(p) => {
            let now = crate::domain::PairingStatus::parse(&p.status).map_or("", crate::domain::PairingStatus::label);
            let office = super::reviewing_office(&state, p.village_id).await?;
            let waiting = format!("双方都已接受，等待{office}审核。");
            let next = match crate::domain::PairingStatus::parse(&p.status) {
                Some(crate::domain::PairingStatus::PendingReview) => waiting.as_str(),
                Some(
                    crate::domain::PairingStatus::AcceptedByEnterprise
                    | crate::domain::PairingStatus::AcceptedByVillage,
                ) => "等待对方确认。",
                Some(crate::domain::PairingStatus::Approved) => "双方已收到通知，可以签订帮扶协议。",
                _ => "对方已收到通知。",
            };
            Ok(super::flash::redirect(
                &format!("/pairings/{id}"),
                &format!("已{}：结对现为「{now}」，{next}", a.label()),
            ))
        }
        Err(AppError::Invalid(fields)) => {
            let message = fields.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            confirm_page(&state, &auth, id, a, typed, &message).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Serialize)]
struct InboxRow {
    title: String,
    link: String,
    at: String,
    unread: bool,
}

#[derive(Serialize)]
struct InboxView {
    rows: Vec<InboxRow>,
    unread: usize,
    marked: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InboxQuery {
    marked: Option<String>,
}

/// The caller's messages, newest first. Reading the page changes nothing (a GET may be
/// prefetched or replayed); the user marks them read with a button.
async fn inbox(State(state): State<AppState>, auth: Auth, Query(q): Query<InboxQuery>) -> Result<Response> {
    let user = auth.user()?;
    let found = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user.id))
        .order_by_desc(notification::Column::Id)
        .limit(100)
        .all(&state.db)
        .await?;
    let rows: Vec<InboxRow> = found
        .into_iter()
        .map(|n| InboxRow { unread: n.read_at.is_none(), title: n.title, link: n.link, at: when(n.created_at) })
        .collect();
    let unread = rows.iter().filter(|r| r.unread).count();
    let view = InboxView { rows, unread, marked: q.marked.is_some() };
    Ok(state.templates.page(&auth, "pairings/inbox", "消息", &view)?.into_response())
}

/// Marks all of the caller's messages read.
async fn inbox_read(State(state): State<AppState>, auth: Auth, CsrfForm(_): CsrfForm<NoFields>) -> Result<Response> {
    let user = auth.user()?;
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(Some(state.clock.now())))
        .filter(notification::Column::UserId.eq(user.id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(Redirect::to("/inbox?marked=1").into_response())
}
