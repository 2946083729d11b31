//! The yearly assessment (考核, issue 15) of counties, enterprises and help units, by a published
//! formula kept here as versioned configuration: each indicator has a weight and a data source,
//! is scored 0–100 from the verified ledger, plan progress and the villages' ratings, and comes
//! with the records behind its number. An indicator with nothing to measure (no ratings, no
//! milestone due, no approved target) is left out and its weight shared among the others, as
//! the formula page says. Relative indicators (money) compare with the largest of the same kind
//! in the whole deployment, so every reader and `qicun assess` see the same figures.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    agreement, contribution, milestone, need, organisation, pairing, plan, plan_target, region, responsibility,
    responsibility_village, satisfaction,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use crate::auth::Role;
use crate::auth::guard::{SessionUser, region_prefix};
use crate::domain::{
    AgreementStatus, ListingStatus, OrgKind, OrgStatus, PairingStatus, PlanIndicator, PlanStatus, Rating,
    ResponsibilityKind, SubjectKind,
};
use crate::error::Result;
use crate::money::Money;

/// One indicator of the formula.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct IndicatorDef {
    pub code: &'static str,
    pub label: &'static str,
    /// Points out of 100 when every indicator applies.
    pub weight: u32,
    /// How it is scored and from which records.
    pub source: &'static str,
}

/// The formula of one version.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Formula {
    pub version: &'static str,
    pub effective: &'static str,
    /// The last day it was in force (empty: in force).
    pub until: &'static str,
    pub county: &'static [IndicatorDef],
    pub enterprise: &'static [IndicatorDef],
    pub unit: &'static [IndicatorDef],
}

impl Formula {
    pub fn of(&self, kind: SubjectKind) -> &'static [IndicatorDef] {
        match kind {
            SubjectKind::County => self.county,
            SubjectKind::Enterprise => self.enterprise,
            SubjectKind::Unit => self.unit,
        }
    }
}

/// Days within which a reported record counts as verified on time.
pub const PROMPT_DAYS: i64 = 15;

/// Class hours a year a village cadre is expected to train (人均学时): reaching them scores 100.
pub const TRAINING_HOURS: i64 = 16;

/// The formula in force. A change is a new version: the old ones stay readable in
/// [`EARLIER`].
pub const FORMULA: Formula = Formula {
    version: "2026 年第 2 版",
    effective: "2026-12-05",
    until: "",
    county: &[
        IndicatorDef {
            code: "plan", label: "规划年度目标完成率", weight: 35, source: FORMULA_2026_1.county[0].source
        },
        IndicatorDef {
            code: "coverage", label: "村结对覆盖率", weight: 25, source: FORMULA_2026_1.county[1].source
        },
        IndicatorDef {
            code: "satisfaction", label: "群众满意度", weight: 15, source: FORMULA_2026_1.county[2].source
        },
        IndicatorDef {
            code: "prompt",
            label: "帮扶记录核实及时率",
            weight: 15,
            source: FORMULA_2026_1.county[3].source,
        },
        IndicatorDef {
            code: "training",
            label: "村干部培训",
            weight: 10,
            source: "本县当年在岗的村干部（村党组织书记、驻村第一书记、驻村工作队员，按村班子登记）参加当年县级培训的学时：每人达到 16 学时按 100 分计，不足按比例，取平均。本县没有登记村班子时不计入。",
        },
    ],
    enterprise: FORMULA_2026_1.enterprise,
    unit: FORMULA_2026_1.unit,
};

/// Earlier versions, newest first (readable on the formula page).
pub const EARLIER: &[Formula] = &[FORMULA_2026_1];

/// The first formula of 2026 (in force until the second added cadre training).
pub const FORMULA_2026_1: Formula = Formula {
    version: "2026 年第 1 版",
    effective: "2026-01-01",
    until: "2026-12-04",
    county: &[
        IndicatorDef {
            code: "plan",
            label: "规划年度目标完成率",
            weight: 40,
            source: "经市扶贫办批准的本县规划当年各项目标：每项完成数除以目标（超过按 100% 计），取平均；完成数按台账口径由已核实的帮扶记录统计（有异议成立的不计）。没有批准的当年目标时不计入。",
        },
        IndicatorDef {
            code: "coverage",
            label: "村结对覆盖率",
            weight: 25,
            source: "本县已认证的村中，年底前有审核通过结对的村所占比例。",
        },
        IndicatorDef {
            code: "satisfaction",
            label: "群众满意度",
            weight: 20,
            source: "本县各村当年对帮扶协议的评价（很不满意 0 分、不满意 25 分、一般 50 分、满意 75 分、很满意 100 分）的平均分。当年没有评价时不计入。",
        },
        IndicatorDef {
            code: "prompt",
            label: "帮扶记录核实及时率",
            weight: 15,
            source: "当年已核实的帮扶记录中，报告后 15 天内由扶贫办核实的比例。当年没有核实的记录时不计入。",
        },
    ],
    enterprise: &[
        IndicatorDef {
            code: "money",
            label: "帮扶投入",
            weight: 40,
            source: "当年已核实的帮扶记录金额合计（有异议成立的不计），除以全部参评企业中的最高额，乘以 100。",
        },
        IndicatorDef {
            code: "milestones",
            label: "协议里程碑按期完成率",
            weight: 30,
            source: "本企业协议中当年到期（截至评估日）的里程碑，在到期日当天或之前完成的比例。当年没有到期的里程碑时不计入。",
        },
        IndicatorDef {
            code: "satisfaction",
            label: "群众满意度",
            weight: 30,
            source: "受帮扶村当年对本企业协议的评价平均分（计分同县）。当年没有评价时不计入。",
        },
    ],
    unit: &[
        IndicatorDef {
            code: "coverage",
            label: "联系村结对率",
            weight: 40,
            source: "本单位联系的村中，年底前有审核通过结对的村所占比例。",
        },
        IndicatorDef {
            code: "money",
            label: "联系村获得帮扶",
            weight: 30,
            source: "联系村当年已核实的帮扶金额合计，除以全部参评帮扶单位中的最高额，乘以 100。",
        },
        IndicatorDef {
            code: "needs",
            label: "联系村需求对接率",
            weight: 30,
            source: "联系村当年发布的需求中，已有审核通过结对的比例。当年没有发布需求时不计入。",
        },
    ],
};

/// A record behind a figure, with where to read it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Record {
    pub text: String,
    pub link: String,
}

/// The most records kept per indicator (the figure counts them all).
pub const MAX_RECORDS: usize = 200;

/// One indicator's result for one unit.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Value {
    pub code: &'static str,
    pub label: &'static str,
    pub weight: u32,
    /// Whether there was anything to measure.
    pub applies: bool,
    /// 0–100.
    pub score: f64,
    /// The number in words ("12 / 15 个村").
    pub figure: String,
    pub records: Vec<Record>,
    pub record_count: usize,
}

/// One assessed unit.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Assessed {
    pub kind: SubjectKind,
    /// The county's code, the enterprise's id, the assignment's id.
    pub key: String,
    pub name: String,
    /// Where it is (a region code), for reading by jurisdiction.
    pub region_code: String,
    /// An enterprise: the regions of the villages it helped in the year (an office covering one
    /// of them reads its assessment too).
    pub serves: Vec<String>,
    /// 0–100, to one decimal.
    pub total: f64,
    /// 1 = best among its kind.
    pub rank: usize,
    pub values: Vec<Value>,
}

/// Weighted total over the indicators that apply, rounded to one decimal.
pub fn total(values: &[Value]) -> f64 {
    let (sum, weights) = values
        .iter()
        .filter(|v| v.applies)
        .fold((0.0, 0u32), |(s, w), v| (s + v.score * f64::from(v.weight), w + v.weight));
    if weights == 0 { 0.0 } else { (sum / f64::from(weights) * 10.0).round() / 10.0 }
}

/// A rating's points: 1 → 0 … 5 → 100.
pub fn rating_points(rating: i16) -> f64 {
    f64::from(rating.clamp(1, 5) - 1) * 25.0
}

fn ratio(done: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { done as f64 * 100.0 / of as f64 }
}

fn value(def: &IndicatorDef, applies: bool, score: f64, figure: String, mut records: Vec<Record>) -> Value {
    let record_count = records.len();
    records.truncate(MAX_RECORDS);
    Value {
        code: def.code,
        label: def.label,
        weight: def.weight,
        applies,
        score: if applies { (score.clamp(0.0, 100.0) * 10.0).round() / 10.0 } else { 0.0 },
        figure,
        records,
        record_count,
    }
}

fn def(kind: SubjectKind, code: &str) -> &'static IndicatorDef {
    FORMULA.of(kind).iter().find(|d| d.code == code).unwrap_or(&FORMULA.county[0])
}

struct Contribution {
    id: i32,
    agreement: i32,
    enterprise: i32,
    village: i32,
    fen: i64,
    reported_at: DateTime<Utc>,
    verified_at: Option<DateTime<Utc>>,
}

struct Rated {
    agreement: i32,
    title: String,
    enterprise: i32,
    village: i32,
    rating: i16,
}

/// Everything the year's assessment reads, loaded once.
struct Facts {
    contributions: Vec<Contribution>,
    ratings: Vec<Rated>,
    villages: Vec<organisation::Model>,
    /// Villages with an approved pairing by the end of the year.
    partnered: BTreeSet<i32>,
}

async fn load<C: ConnectionTrait>(db: &C, year: i32) -> Result<Facts> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let backend = db.get_database_backend();
    let stmt = Query::select()
        .column((contribution::Entity, contribution::Column::Id))
        .column((contribution::Entity, contribution::Column::AgreementId))
        .column((pairing::Entity, pairing::Column::EnterpriseId))
        .column((pairing::Entity, pairing::Column::VillageId))
        .column((contribution::Entity, contribution::Column::AmountFen))
        .column((contribution::Entity, contribution::Column::ReportedAt))
        .column((contribution::Entity, contribution::Column::VerifiedAt))
        .from(contribution::Entity)
        .apply(|q| crate::cockpit::joined_to_pairing(q, "", from, to))
        .order_by((contribution::Entity, contribution::Column::Id), sea_orm::Order::Asc)
        .to_owned();
    let mut contributions = Vec::new();
    for row in db.query_all_raw(backend.build(&stmt)).await? {
        contributions.push(Contribution {
            id: row.try_get_by_index(0)?,
            agreement: row.try_get_by_index(1)?,
            enterprise: row.try_get_by_index(2)?,
            village: row.try_get_by_index(3)?,
            fen: row.try_get_by_index(4)?,
            reported_at: row.try_get_by_index(5)?,
            verified_at: row.try_get_by_index(6)?,
        });
    }
    let stmt = Query::select()
        .column((satisfaction::Entity, satisfaction::Column::AgreementId))
        .column((agreement::Entity, agreement::Column::Title))
        .column((pairing::Entity, pairing::Column::EnterpriseId))
        .column((pairing::Entity, pairing::Column::VillageId))
        .column((satisfaction::Entity, satisfaction::Column::Rating))
        .from(satisfaction::Entity)
        .inner_join(
            agreement::Entity,
            Expr::col((agreement::Entity, agreement::Column::Id))
                .equals((satisfaction::Entity, satisfaction::Column::AgreementId)),
        )
        .inner_join(
            pairing::Entity,
            Expr::col((pairing::Entity, pairing::Column::Id)).equals((agreement::Entity, agreement::Column::PairingId)),
        )
        .and_where(Expr::col((satisfaction::Entity, satisfaction::Column::Year)).eq(year))
        .order_by((satisfaction::Entity, satisfaction::Column::Id), sea_orm::Order::Asc)
        .to_owned();
    let mut ratings = Vec::new();
    for row in db.query_all_raw(backend.build(&stmt)).await? {
        ratings.push(Rated {
            agreement: row.try_get_by_index(0)?,
            title: row.try_get_by_index(1)?,
            enterprise: row.try_get_by_index(2)?,
            village: row.try_get_by_index(3)?,
            rating: row.try_get_by_index(4)?,
        });
    }
    let villages = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .order_by_asc(organisation::Column::RegionCode)
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?;
    let year_end = crate::clock::shanghai_midnight(to + chrono::Duration::days(1));
    let partnered = pairing::Entity::find()
        .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
        .filter(
            sea_orm::Condition::any().add(pairing::Column::ReviewedAt.lt(year_end)).add(
                sea_orm::Condition::all()
                    .add(pairing::Column::ReviewedAt.is_null())
                    .add(pairing::Column::UpdatedAt.lt(year_end)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.village_id)
        .collect();
    Ok(Facts { contributions, ratings, villages, partnered })
}

fn satisfaction_value(kind: SubjectKind, ratings: &[&Rated]) -> Value {
    let d = def(kind, "satisfaction");
    let records: Vec<Record> = ratings
        .iter()
        .map(|r| Record {
            text: format!(
                "协议「{}」：{}",
                r.title,
                Rating::parse(&r.rating.to_string()).map_or("未知", Rating::label)
            ),
            link: format!("/agreements/{}", r.agreement),
        })
        .collect();
    let avg = if ratings.is_empty() {
        0.0
    } else {
        ratings.iter().map(|r| rating_points(r.rating)).sum::<f64>() / ratings.len() as f64
    };
    let figure = if ratings.is_empty() {
        "当年没有评价".into()
    } else {
        format!("{} 项评价，平均 {avg:.1} 分", ratings.len())
    };
    value(d, !ratings.is_empty(), avg, figure, records)
}

/// A county's village cadres in post during the year (the hours each trained that year) and
/// the year's sessions it ran.
#[derive(Default)]
struct Training {
    hours: Vec<i64>,
    sessions: Vec<Record>,
}

/// Every county's cadres and their training hours in `year`, in three queries whatever the size.
async fn training_by_county<C: ConnectionTrait>(
    db: &C,
    year: i32,
    today: NaiveDate,
    county_of_village: &HashMap<i32, String>,
) -> Result<HashMap<String, Training>> {
    use entity::{training_attendance, training_session, village_leader};
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    // Sessions to come count once they have begun.
    let begun = Ord::min(to, today);
    let cadres: Vec<(i32, i32)> = village_leader::Entity::find()
        .select_only()
        .column(village_leader::Column::Id)
        .column(village_leader::Column::VillageId)
        .filter(village_leader::Column::FromDate.lte(to))
        .filter(village_leader::Column::ToDate.is_null().or(village_leader::Column::ToDate.gte(from)))
        .into_tuple()
        .all(db)
        .await?;
    let sessions: Vec<training_session::Model> = training_session::Entity::find()
        .filter(training_session::Column::StartsOn.gte(from))
        .filter(training_session::Column::StartsOn.lte(begun))
        .order_by_asc(training_session::Column::StartsOn)
        .all(db)
        .await?;
    let hours_of_session: HashMap<i32, i64> = sessions.iter().map(|s| (s.id, i64::from(s.hours))).collect();
    let mut hours: HashMap<i32, i64> = HashMap::new();
    let mut attended: HashMap<i32, usize> = HashMap::new();
    if !sessions.is_empty() {
        let in_year = Query::select()
            .column(training_session::Column::Id)
            .from(training_session::Entity)
            .and_where(training_session::Column::StartsOn.gte(from))
            .and_where(training_session::Column::StartsOn.lte(begun))
            .to_owned();
        let rows: Vec<(i32, i32)> = training_attendance::Entity::find()
            .select_only()
            .column(training_attendance::Column::SessionId)
            .column(training_attendance::Column::LeaderId)
            .filter(training_attendance::Column::SessionId.in_subquery(in_year))
            .into_tuple()
            .all(db)
            .await?;
        for (session, leader) in rows {
            *hours.entry(leader).or_default() += hours_of_session.get(&session).copied().unwrap_or(0);
            *attended.entry(session).or_default() += 1;
        }
    }
    let mut out: HashMap<String, Training> = HashMap::new();
    for (leader, village) in cadres {
        if let Some(county) = county_of_village.get(&village) {
            out.entry(county.clone()).or_default().hours.push(hours.get(&leader).copied().unwrap_or(0));
        }
    }
    for s in sessions {
        if let Some(t) = out.get_mut(&s.county_code) {
            t.sessions.push(Record {
                text: format!(
                    "{} 「{}」{} 学时，{} 人出席",
                    s.starts_on,
                    s.topic,
                    s.hours,
                    attended.get(&s.id).copied().unwrap_or(0)
                ),
                link: format!("/office/training/{}", s.id),
            });
        }
    }
    Ok(out)
}

fn training_value(kind: SubjectKind, t: Option<Training>) -> Value {
    let d = def(kind, "training");
    let Some(t) = t.filter(|t| !t.hours.is_empty()) else {
        return value(d, false, 0.0, "没有登记村班子".into(), Vec::new());
    };
    let per_cadre: Vec<f64> = t.hours.iter().map(|h| (*h as f64 * 100.0 / TRAINING_HOURS as f64).min(100.0)).collect();
    let avg = per_cadre.iter().sum::<f64>() / per_cadre.len() as f64;
    let reached = t.hours.iter().filter(|h| **h >= TRAINING_HOURS).count();
    let total_hours: i64 = t.hours.iter().sum();
    value(
        d,
        true,
        avg,
        format!(
            "{} 名村干部，{reached} 人达到 {TRAINING_HOURS} 学时，人均 {:.1} 学时",
            t.hours.len(),
            total_hours as f64 / t.hours.len() as f64
        ),
        t.sessions,
    )
}

fn coverage_value(kind: SubjectKind, villages: &[&organisation::Model], partnered: &BTreeSet<i32>) -> Value {
    let d = def(kind, "coverage");
    let done = villages.iter().filter(|v| partnered.contains(&v.id)).count();
    let records = villages
        .iter()
        .map(|v| Record {
            text: format!("{}：{}", v.name, if partnered.contains(&v.id) { "已结对" } else { "未结对" }),
            link: format!("/organisations/{}", v.id),
        })
        .collect();
    value(d, true, ratio(done, villages.len()), format!("{done} / {} 个村", villages.len()), records)
}

fn money_records(cs: &[&Contribution]) -> Vec<Record> {
    cs.iter()
        .map(|c| Record {
            text: format!("帮扶记录 {} 号：{}", c.id, Money(c.fen).display()),
            link: format!("/agreements/{}#c{}", c.agreement, c.id),
        })
        .collect()
}

/// The assessment of `year` for every county, enterprise and help unit, ranked within each
/// kind (best first). `today` bounds what is due (milestones).
pub async fn compute<C: ConnectionTrait>(db: &C, year: i32, today: NaiveDate) -> Result<Vec<Assessed>> {
    let facts = load(db, year).await?;
    let mut out = Vec::new();
    out.extend(counties(db, year, today, &facts).await?);
    out.extend(enterprises(db, year, today, &facts).await?);
    out.extend(units(db, year, &facts).await?);
    for kind in SubjectKind::ALL {
        let mut of_kind: Vec<&mut Assessed> = out.iter_mut().filter(|a| a.kind == *kind).collect();
        of_kind.sort_by(|a, b| b.total.total_cmp(&a.total).then_with(|| a.key.cmp(&b.key)));
        for (i, a) in of_kind.into_iter().enumerate() {
            a.rank = i + 1;
        }
    }
    out.sort_by_key(|a| (a.kind as u8, a.rank));
    Ok(out)
}

fn county_of(code: &str) -> String {
    format!("{:0<12}", code.get(..6).unwrap_or_default())
}

async fn counties<C: ConnectionTrait>(db: &C, year: i32, today: NaiveDate, facts: &Facts) -> Result<Vec<Assessed>> {
    let kind = SubjectKind::County;
    let mut by_county: BTreeMap<String, Vec<&organisation::Model>> = BTreeMap::new();
    for v in &facts.villages {
        by_county.entry(county_of(&v.region_code)).or_default().push(v);
    }
    let county_of_village: HashMap<i32, String> =
        facts.villages.iter().map(|v| (v.id, county_of(&v.region_code))).collect();
    let mut training_of = training_by_county(db, year, today, &county_of_village).await?;
    // Approved plans with targets for the year.
    let plans: Vec<plan::Model> = plan::Entity::find()
        .filter(plan::Column::Status.eq(PlanStatus::Approved.code()))
        .filter(plan::Column::StartYear.lte(year))
        .filter(plan::Column::EndYear.gte(year))
        .order_by_asc(plan::Column::Id)
        .all(db)
        .await?;
    // Each county's ratings and verified records, grouped once (not a scan per county), and the
    // counties' names in one query.
    let mut ratings_of: HashMap<&str, Vec<&Rated>> = HashMap::new();
    for r in &facts.ratings {
        if let Some(c) = county_of_village.get(&r.village) {
            ratings_of.entry(c.as_str()).or_default().push(r);
        }
    }
    let mut verified_of: HashMap<&str, Vec<&Contribution>> = HashMap::new();
    for c in facts.contributions.iter().filter(|c| c.verified_at.is_some()) {
        if let Some(county) = county_of_village.get(&c.village) {
            verified_of.entry(county.as_str()).or_default().push(c);
        }
    }
    let names: HashMap<String, String> = region::Entity::find()
        .filter(region::Column::Level.eq(3))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let plan_of: HashMap<&str, &plan::Model> = plans.iter().rev().map(|p| (p.county_code.as_str(), p)).collect();
    // The year's targets of those plans, and every county's progress, each in one query.
    let approved = Query::select()
        .column(plan::Column::Id)
        .from(plan::Entity)
        .and_where(plan::Column::Status.eq(PlanStatus::Approved.code()))
        .and_where(plan::Column::StartYear.lte(year))
        .and_where(plan::Column::EndYear.gte(year))
        .to_owned();
    let mut targets_of: HashMap<i32, Vec<plan_target::Model>> = HashMap::new();
    for t in plan_target::Entity::find()
        .filter(plan_target::Column::Year.eq(year))
        .filter(plan_target::Column::PlanId.in_subquery(approved))
        .all(db)
        .await?
    {
        targets_of.entry(t.plan_id).or_default().push(t);
    }
    let mut actuals_of =
        if targets_of.is_empty() { BTreeMap::new() } else { crate::plans::actuals_by_county(db, "", year).await? };
    let mut out = Vec::new();
    for (county, villages) in by_county {
        let name = names.get(&county).cloned().unwrap_or_else(|| county.clone());
        // Plan completion.
        let d = def(kind, "plan");
        let mut plan_value = value(d, false, 0.0, "没有批准的当年目标".into(), Vec::new());
        if let Some(p) = plan_of.get(county.as_str()) {
            let targets = targets_of.remove(&p.id).unwrap_or_default();
            if !targets.is_empty() {
                let actuals = actuals_of.remove(&county).unwrap_or_default();
                let mut rates = Vec::new();
                let mut records = Vec::new();
                for t in &targets {
                    let Some(ind) = PlanIndicator::parse(&t.indicator) else { continue };
                    let done = actuals.get(ind);
                    let rate = if t.target <= 0 { 100.0 } else { (done as f64 * 100.0 / t.target as f64).min(100.0) };
                    rates.push(rate);
                    let show = |v: i64| if ind.is_money() { Money(v).display() } else { v.to_string() };
                    records.push(Record {
                        text: format!("{}：目标 {}，完成 {}（{rate:.0}%）", ind.label(), show(t.target), show(done)),
                        link: format!("/office/plans/{}", p.id),
                    });
                }
                if !rates.is_empty() {
                    let avg = rates.iter().sum::<f64>() / rates.len() as f64;
                    plan_value = value(
                        d,
                        true,
                        avg,
                        format!("「{}」规划 {} 项目标，平均完成 {avg:.1}%", p.period, rates.len()),
                        records,
                    );
                }
            }
        }
        let ratings: Vec<&Rated> = ratings_of.remove(county.as_str()).unwrap_or_default();
        let verified: Vec<&Contribution> = verified_of.remove(county.as_str()).unwrap_or_default();
        let d = def(kind, "prompt");
        let days = |c: &Contribution| c.verified_at.map_or(i64::MAX, |v| (v - c.reported_at).num_days());
        let on_time = verified.iter().filter(|c| days(c) <= PROMPT_DAYS).count();
        let prompt = value(
            d,
            !verified.is_empty(),
            ratio(on_time, verified.len()),
            if verified.is_empty() {
                "当年没有核实的记录".into()
            } else {
                format!("{on_time} / {} 条在 {PROMPT_DAYS} 天内核实", verified.len())
            },
            verified
                .iter()
                .map(|c| Record {
                    text: format!("帮扶记录 {} 号：报告后 {} 天核实", c.id, days(c)),
                    link: format!("/agreements/{}#c{}", c.agreement, c.id),
                })
                .collect(),
        );
        let values = vec![
            plan_value,
            coverage_value(kind, &villages, &facts.partnered),
            satisfaction_value(kind, &ratings),
            prompt,
            training_value(kind, training_of.remove(county.as_str())),
        ];
        out.push(Assessed {
            kind,
            total: total(&values),
            key: county[..6].to_owned(),
            name,
            region_code: county,
            serves: Vec::new(),
            rank: 0,
            values,
        });
    }
    Ok(out)
}

async fn enterprises<C: ConnectionTrait>(db: &C, year: i32, today: NaiveDate, facts: &Facts) -> Result<Vec<Assessed>> {
    let kind = SubjectKind::Enterprise;
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    // Agreements in force at some time in the year, with their enterprise.
    let agreements = agreement::Entity::find()
        .filter(agreement::Column::Status.is_in([
            AgreementStatus::Active.code(),
            AgreementStatus::Completed.code(),
            AgreementStatus::Terminated.code(),
        ]))
        .filter(agreement::Column::StartsOn.lte(to))
        .filter(agreement::Column::EndsOn.gte(from))
        .all(db)
        .await?;
    // The same agreements as a subquery: at national scale their ids are too many to bind.
    let in_force = Query::select()
        .column(agreement::Column::Id)
        .from(agreement::Entity)
        .and_where(agreement::Column::Status.is_in([
            AgreementStatus::Active.code(),
            AgreementStatus::Completed.code(),
            AgreementStatus::Terminated.code(),
        ]))
        .and_where(agreement::Column::StartsOn.lte(to))
        .and_where(agreement::Column::EndsOn.gte(from))
        .to_owned();
    let pairings_in_force = Query::select()
        .column(agreement::Column::PairingId)
        .from(agreement::Entity)
        .and_where(Expr::col(agreement::Column::Id).in_subquery(in_force.clone()))
        .to_owned();
    let pairings_found =
        pairing::Entity::find().filter(pairing::Column::Id.in_subquery(pairings_in_force)).all(db).await?;
    let enterprise_of_pairing: HashMap<i32, i32> = pairings_found.iter().map(|p| (p.id, p.enterprise_id)).collect();
    // Where each enterprise helps: its agreements' and its records' villages.
    let region_of_village: HashMap<i32, &str> = facts.villages.iter().map(|v| (v.id, v.region_code.as_str())).collect();
    let mut serves: BTreeMap<i32, BTreeSet<String>> = BTreeMap::new();
    for (e, v) in pairings_found
        .iter()
        .map(|p| (p.enterprise_id, p.village_id))
        .chain(facts.contributions.iter().map(|c| (c.enterprise, c.village)))
    {
        if let Some(r) = region_of_village.get(&v) {
            serves.entry(e).or_default().insert((*r).to_owned());
        }
    }
    let enterprise_of: HashMap<i32, i32> =
        agreements.iter().filter_map(|a| enterprise_of_pairing.get(&a.pairing_id).map(|e| (a.id, *e))).collect();
    let mut ids: BTreeSet<i32> = enterprise_of.values().copied().collect();
    ids.extend(facts.contributions.iter().map(|c| c.enterprise));
    let orgs: BTreeMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Enterprise.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        .all(db)
        .await?
        .into_iter()
        .filter(|o| ids.contains(&o.id))
        .map(|o| (o.id, o))
        .collect();
    let titles: HashMap<i32, &str> = agreements.iter().map(|a| (a.id, a.title.as_str())).collect();
    let due_until = Ord::min(today, to);
    let milestones = if due_until < from {
        Vec::new()
    } else {
        milestone::Entity::find()
            .filter(milestone::Column::AgreementId.in_subquery(in_force))
            .filter(milestone::Column::DueOn.between(from, due_until))
            .order_by_asc(milestone::Column::DueOn)
            .order_by_asc(milestone::Column::Id)
            .all(db)
            .await?
    };
    let mut money: BTreeMap<i32, i64> = BTreeMap::new();
    let mut records_of: HashMap<i32, Vec<&Contribution>> = HashMap::new();
    for c in &facts.contributions {
        *money.entry(c.enterprise).or_default() += c.fen;
        records_of.entry(c.enterprise).or_default().push(c);
    }
    let mut due_of: HashMap<i32, Vec<&milestone::Model>> = HashMap::new();
    for m in &milestones {
        if let Some(e) = enterprise_of.get(&m.agreement_id) {
            due_of.entry(*e).or_default().push(m);
        }
    }
    let mut rated_of: HashMap<i32, Vec<&Rated>> = HashMap::new();
    for r in &facts.ratings {
        rated_of.entry(r.enterprise).or_default().push(r);
    }
    let max = orgs.keys().filter_map(|id| money.get(id)).copied().max().unwrap_or(0);
    let mut out = Vec::new();
    for (id, org) in &orgs {
        let mine: Vec<&Contribution> = records_of.remove(id).unwrap_or_default();
        let fen = money.get(id).copied().unwrap_or(0);
        let money_value = value(
            def(kind, "money"),
            true,
            if max > 0 { fen as f64 * 100.0 / max as f64 } else { 0.0 },
            format!("{}（参评企业最高 {}）", Money(fen).display(), Money(max).display()),
            money_records(&mine),
        );
        let due: Vec<&milestone::Model> = due_of.remove(id).unwrap_or_default();
        let on_time = |m: &milestone::Model| {
            m.done_at.is_some_and(|t| t < crate::clock::shanghai_midnight(m.due_on + chrono::Duration::days(1)))
        };
        let done = due.iter().filter(|m| on_time(m)).count();
        let milestone_value = value(
            def(kind, "milestones"),
            !due.is_empty(),
            ratio(done, due.len()),
            if due.is_empty() {
                "当年没有到期的里程碑".into()
            } else {
                format!("{done} / {} 个按期完成", due.len())
            },
            due.iter()
                .map(|m| Record {
                    text: format!(
                        "协议「{}」里程碑「{}」（{} 到期）：{}",
                        titles.get(&m.agreement_id).copied().unwrap_or_default(),
                        m.title,
                        m.due_on,
                        if on_time(m) {
                            "按期完成"
                        } else if m.done_at.is_some() {
                            "逾期完成"
                        } else {
                            "未完成"
                        }
                    ),
                    link: format!("/agreements/{}", m.agreement_id),
                })
                .collect(),
        );
        let ratings: Vec<&Rated> = rated_of.remove(id).unwrap_or_default();
        let values = vec![money_value, milestone_value, satisfaction_value(kind, &ratings)];
        out.push(Assessed {
            kind,
            total: total(&values),
            key: id.to_string(),
            name: org.name.clone(),
            region_code: org.region_code.clone(),
            serves: serves.get(id).map(|s| s.iter().cloned().collect()).unwrap_or_default(),
            rank: 0,
            values,
        });
    }
    Ok(out)
}

async fn units<C: ConnectionTrait>(db: &C, year: i32, facts: &Facts) -> Result<Vec<Assessed>> {
    let kind = SubjectKind::Unit;
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let assignments = responsibility::Entity::find()
        .filter(responsibility::Column::Kind.eq(ResponsibilityKind::HelpUnit.code()))
        .filter(responsibility::Column::FromDate.lte(to))
        .filter(
            sea_orm::Condition::any()
                .add(responsibility::Column::ToDate.is_null())
                .add(responsibility::Column::ToDate.gte(from)),
        )
        .order_by_asc(responsibility::Column::Id)
        .all(db)
        .await?;
    // Every link, kept for the assignments of the year (their ids may be too many to bind).
    let assigned: BTreeSet<i32> = assignments.iter().map(|a| a.id).collect();
    let links: Vec<responsibility_village::Model> = responsibility_village::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|l| assigned.contains(&l.responsibility_id))
        .collect();
    let village_by_id: HashMap<i32, &organisation::Model> = facts.villages.iter().map(|v| (v.id, v)).collect();
    let mut villages_of: BTreeMap<i32, Vec<&organisation::Model>> = BTreeMap::new();
    for l in &links {
        if let Some(v) = village_by_id.get(&l.village_id) {
            villages_of.entry(l.responsibility_id).or_default().push(v);
        }
    }
    // Needs the units' villages published in the year, and which of them got an approved pairing.
    let all_villages: BTreeSet<i32> = links.iter().map(|l| l.village_id).collect();
    let (start, end) =
        (crate::clock::shanghai_midnight(from), crate::clock::shanghai_midnight(to + chrono::Duration::days(1)));
    // Only the columns the indicator names, of villages some unit is linked to.
    let needs: Vec<(i32, i32, String)> = need::Entity::find()
        .select_only()
        .column(need::Column::Id)
        .column(need::Column::OrganisationId)
        .column(need::Column::Title)
        .filter(need::Column::Status.is_in([
            ListingStatus::Published.code(),
            ListingStatus::Closed.code(),
            ListingStatus::Expired.code(),
        ]))
        .filter(need::Column::PublishedAt.gte(start))
        .filter(need::Column::PublishedAt.lt(end))
        .filter(
            need::Column::OrganisationId.in_subquery(
                Query::select()
                    .column(responsibility_village::Column::VillageId)
                    .from(responsibility_village::Entity)
                    .to_owned(),
            ),
        )
        .order_by_asc(need::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let met: BTreeSet<i32> = pairing::Entity::find()
        .select_only()
        .column(pairing::Column::NeedId)
        .filter(pairing::Column::NeedId.is_not_null())
        .filter(pairing::Column::Status.eq(PairingStatus::Approved.code()))
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let mut needs_of: HashMap<i32, Vec<&(i32, i32, String)>> = HashMap::new();
    for n in needs.iter().filter(|n| all_villages.contains(&n.1)) {
        needs_of.entry(n.1).or_default().push(n);
    }
    let mut records_of: HashMap<i32, Vec<&Contribution>> = HashMap::new();
    for c in facts.contributions.iter().filter(|c| all_villages.contains(&c.village)) {
        records_of.entry(c.village).or_default().push(c);
    }
    let money_of = |vs: &[&organisation::Model]| -> (i64, Vec<&Contribution>) {
        let mut cs: Vec<&Contribution> =
            vs.iter().flat_map(|v| records_of.get(&v.id).into_iter().flatten().copied()).collect();
        cs.sort_by_key(|c| c.id);
        (cs.iter().map(|c| c.fen).sum(), cs)
    };
    let empty = Vec::new();
    let max = assignments.iter().map(|a| money_of(villages_of.get(&a.id).unwrap_or(&empty)).0).max().unwrap_or(0);
    let mut out = Vec::new();
    for a in &assignments {
        let vs = villages_of.get(&a.id).unwrap_or(&empty);
        let (fen, cs) = money_of(vs);
        let money_value = value(
            def(kind, "money"),
            true,
            if max > 0 { fen as f64 * 100.0 / max as f64 } else { 0.0 },
            format!("{}（参评单位最高 {}）", Money(fen).display(), Money(max).display()),
            money_records(&cs),
        );
        let mut theirs: Vec<&(i32, i32, String)> =
            vs.iter().flat_map(|v| needs_of.get(&v.id).into_iter().flatten().copied()).collect();
        theirs.sort_by_key(|n| n.0);
        let answered = theirs.iter().filter(|n| met.contains(&n.0)).count();
        let needs_value = value(
            def(kind, "needs"),
            !theirs.is_empty(),
            ratio(answered, theirs.len()),
            if theirs.is_empty() {
                "当年没有发布需求".into()
            } else {
                format!("{answered} / {} 项需求已对接", theirs.len())
            },
            theirs
                .iter()
                .map(|(id, _, title)| Record {
                    text: format!("需求「{title}」：{}", if met.contains(id) { "已对接" } else { "未对接" }),
                    link: format!("/needs/{id}"),
                })
                .collect(),
        );
        let values = vec![coverage_value(kind, vs, &facts.partnered), money_value, needs_value];
        out.push(Assessed {
            kind,
            total: total(&values),
            key: a.id.to_string(),
            name: a.name.clone(),
            region_code: a.county_code.clone(),
            serves: Vec::new(),
            rank: 0,
            values,
        });
    }
    Ok(out)
}

/// The assessment as JSON: the formula's version and, per unit, its total, rank and each
/// indicator's score and figure.
pub fn to_json(year: i32, all: &[Assessed]) -> serde_json::Value {
    serde_json::json!({
        "year": year,
        "formula": FORMULA.version,
        "units": all.iter().map(|a| serde_json::json!({
            "kind": a.kind.code(),
            "key": a.key,
            "name": a.name,
            "rank": a.rank,
            "total": a.total,
            "indicators": a.values.iter().map(|v| serde_json::json!({
                "code": v.code,
                "weight": v.weight,
                "applies": v.applies,
                "score": v.score,
                "figure": v.figure,
                "records": v.record_count,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// The assessment as text, one block per kind, each unit's total then its indicators.
pub fn to_table(year: i32, all: &[Assessed]) -> String {
    use std::fmt::Write;
    let mut out = format!("{year} 年度考核（公式：{}）\n", FORMULA.version);
    for kind in SubjectKind::ALL {
        let _ = writeln!(out, "\n{}", kind.label());
        let mut any = false;
        for a in all.iter().filter(|a| a.kind == *kind) {
            any = true;
            let _ = writeln!(out, "  {:>3}. {}  {:.1} 分", a.rank, a.name, a.total);
            for v in &a.values {
                let score = if v.applies { format!("{:.1}", v.score) } else { "不计入".to_owned() };
                let _ = writeln!(out, "       {}（权重 {}）：{}  {}", v.label, v.weight, score, v.figure);
            }
        }
        if !any {
            out.push_str("  （无参评对象）\n");
        }
    }
    out
}

/// Whether `user` may read the assessment of `a`: the auditor every one; an office those in its
/// jurisdiction; an enterprise its own.
pub fn may_read(user: &SessionUser, a: &Assessed) -> bool {
    match user.role {
        Role::Auditor => true,
        Role::Office => user.covers(&a.region_code) || a.serves.iter().any(|r| user.covers(r)),
        Role::Enterprise => {
            a.kind == SubjectKind::Enterprise && user.organisation_id.map(|id| id.to_string()) == Some(a.key.clone())
        }
        _ => false,
    }
}

/// The prefix of region codes an office reads.
pub fn jurisdiction(user: &SessionUser) -> String {
    region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(weight: u32, applies: bool, score: f64) -> Value {
        Value {
            code: "x",
            label: "x",
            weight,
            applies,
            score,
            figure: String::new(),
            records: Vec::new(),
            record_count: 0,
        }
    }

    #[test]
    fn the_weights_of_each_kind_add_up_to_100() {
        for kind in SubjectKind::ALL {
            assert_eq!(FORMULA.of(*kind).iter().map(|d| d.weight).sum::<u32>(), 100, "{kind:?}");
        }
    }

    #[test]
    fn an_indicator_with_nothing_to_measure_shares_its_weight_among_the_others() {
        // 40 × 50 + 30 × 100 over 70 (the 30 left out) = 71.4.
        assert_eq!(total(&[v(40, true, 50.0), v(30, true, 100.0), v(30, false, 0.0)]), 71.4);
        assert_eq!(total(&[v(40, true, 50.0), v(30, true, 100.0), v(30, true, 0.0)]), 50.0);
        assert_eq!(total(&[v(100, false, 0.0)]), 0.0);
        assert_eq!(rating_points(1), 0.0);
        assert_eq!(rating_points(4), 75.0);
        assert_eq!(rating_points(5), 100.0);
    }
}
