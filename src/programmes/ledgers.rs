//! One entry, many reports: each programme's ledger drawn from the same verified records.
//! A record tagged for two programmes appears in both ledgers and once in the deduplicated
//! total. Records taken off by an upheld objection count nowhere (as in the 台账).
//!
//! - 万企兴万村 兴村项目台账: per project (agreement) — firm, project, village, money invested
//!   (funds and goods), jobs, and the village collective's income from the project's assets.
//! - 消费帮扶台账: per purchase — buyer, product, quantity, amount, county of origin.
//! - 东西部协作汇总: per pair of the helping city and the helped county.
//! - The 万企帮万村 台账 keeps its shape (`export::rows`), limited to a programme if asked.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use entity::{agreement, asset_income, contribution, offer, organisation, pairing, project_asset, region};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{Declared, Programme};
use crate::auth::guard::jurisdiction_covers;
use crate::domain::{ContributionKind, ContributionStatus, ListingKind};
use crate::export::{Bucket, Cell, bucket, inert_cell};

/// One verified record with what the ledgers need of it.
#[derive(Clone, Debug)]
pub struct Record {
    pub c: contribution::Model,
    pub agreement: agreement::Model,
    pub enterprise: organisation::Model,
    pub village: organisation::Model,
    pub offer_kind: Option<ListingKind>,
    pub programmes: Vec<Programme>,
}

/// The verified records of `year` (by the day of the help), of villages under `scope` if given.
pub async fn records<C: ConnectionTrait>(db: &C, year: i32, scope: Option<&str>) -> crate::error::Result<Vec<Record>> {
    let declared = super::declared(db).await?;
    let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Ok(Vec::new());
    };
    let verified = contribution::Entity::find()
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .filter(contribution::Column::ContributedOn.between(from, to))
        .filter(sea_orm::sea_query::Expr::cust(format!(
            "id NOT IN ({})",
            crate::notices::suspended_sql("contribution")
        )))
        .all(db)
        .await?;
    let ids: BTreeSet<i32> = verified.iter().map(|c| c.agreement_id).collect();
    let agreements: HashMap<i32, agreement::Model> = agreement::Entity::find()
        .filter(agreement::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let pids: BTreeSet<i32> = agreements.values().map(|a| a.pairing_id).collect();
    let pairings: HashMap<i32, pairing::Model> = pairing::Entity::find()
        .filter(pairing::Column::Id.is_in(pids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let orgs: BTreeSet<i32> = pairings.values().flat_map(|p| [p.enterprise_id, p.village_id]).collect();
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(orgs))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let oids: BTreeSet<i32> = pairings.values().filter_map(|p| p.offer_id).collect();
    let offers: HashMap<i32, Option<ListingKind>> = offer::Entity::find()
        .filter(offer::Column::Id.is_in(oids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, ListingKind::parse(&o.kind)))
        .collect();
    let mut out = Vec::new();
    for c in verified {
        let Some(a) = agreements.get(&c.agreement_id) else { continue };
        let Some(p) = pairings.get(&a.pairing_id) else { continue };
        let (Some(e), Some(v)) = (orgs.get(&p.enterprise_id), orgs.get(&p.village_id)) else { continue };
        if scope.is_some_and(|j| !jurisdiction_covers(j, &v.region_code)) {
            continue;
        }
        let programmes = declared.effective(c.programmes.as_deref(), a.programmes.as_deref());
        out.push(Record {
            offer_kind: p.offer_id.and_then(|id| offers.get(&id).copied().flatten()),
            programmes,
            agreement: a.clone(),
            enterprise: e.clone(),
            village: v.clone(),
            c,
        });
    }
    out.sort_by_key(|r| (r.c.contributed_on, r.c.id));
    Ok(out)
}

/// Figures of a set of records.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub records: i64,
    pub agreements: i64,
    pub industry_fen: i64,
    pub charity_fen: i64,
    /// Purchases of produce (消费帮扶), part of 产业投入.
    pub purchase_fen: i64,
    pub jobs: i64,
    pub trainees: i64,
}

impl Totals {
    fn of<'a>(records: impl Iterator<Item = &'a Record>) -> Self {
        let mut t = Totals::default();
        let mut agreements = BTreeSet::new();
        for r in records {
            t.records += 1;
            agreements.insert(r.agreement.id);
            match bucket(ContributionKind::parse(&r.c.kind), r.offer_kind) {
                Some(Bucket::Industry) => t.industry_fen += r.c.amount_fen,
                Some(Bucket::Charity) => t.charity_fen += r.c.amount_fen,
                Some(Bucket::Jobs) => t.jobs += i64::from(r.c.persons),
                Some(Bucket::Trainees) => t.trainees += i64::from(r.c.persons),
                None => {}
            }
            if r.c.kind == ContributionKind::Produce.code() {
                t.purchase_fen += r.c.amount_fen;
            }
        }
        t.agreements = agreements.len() as i64;
        t
    }
}

/// The overview of a year: each programme's figures, and the total where a record counted
/// for several programmes counts once.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Summary {
    pub rows: Vec<(Programme, Totals)>,
    pub total: Totals,
    /// Records that count for more than one programme.
    pub shared: i64,
}

/// The overview of `records` over the programmes the deployment runs.
pub fn summary(records: &[Record], declared: &Declared) -> Summary {
    let rows = declared
        .enabled
        .iter()
        .map(|p| (*p, Totals::of(records.iter().filter(|r| r.programmes.contains(p)))))
        .collect();
    Summary {
        rows,
        total: Totals::of(records.iter()),
        shared: records.iter().filter(|r| r.programmes.len() > 1).count() as i64,
    }
}

/// A ledger to download: its title, headings and rows (the last row is the total).
pub struct Table {
    pub file: &'static str,
    pub sheet: &'static str,
    pub title: String,
    pub headings: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as CSV with the BOM Excel needs (amounts in 元 with two decimals).
    pub fn csv(&self) -> anyhow::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
        w.write_record(self.headings)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => inert_cell(s),
                Cell::Number(n) => n.to_string(),
                Cell::Yuan(f) => format!("{}{}.{:02}", if *f < 0 { "-" } else { "" }, f.abs() / 100, f.abs() % 100),
                Cell::Percent(x) => format!("{:.1}%", x * 100.0),
                Cell::Score(x) => format!("{x:.1}"),
                Cell::Time(t) => t.format("%Y-%m-%d %H:%M").to_string(),
                Cell::Day(d) => d.format("%Y-%m-%d").to_string(),
            }))?;
        }
        w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
    }

    /// The table as an XLSX workbook.
    pub fn xlsx(&self) -> anyhow::Result<Vec<u8>> {
        crate::export::table_xlsx(self.sheet, &self.title, self.headings, &self.rows)
    }
}

/// The county (its name) a region code lies in.
fn county_of(regions: &HashMap<String, String>, code: &str) -> String {
    let c = format!("{:0<12}", &code[..6.min(code.len())]);
    regions.get(&c).cloned().unwrap_or(c)
}

/// The city (its name) a region code lies in.
fn city_of(regions: &HashMap<String, String>, code: &str) -> String {
    let c = format!("{:0<12}", &code[..4.min(code.len())]);
    regions.get(&c).cloned().unwrap_or(c)
}

async fn region_names<C: ConnectionTrait>(db: &C) -> Result<HashMap<String, String>, DbErr> {
    Ok(region::Entity::find()
        .filter(region::Column::Level.lte(3))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect())
}

pub const REVITALISE_HEADINGS: &[&str] =
    &["县（市、区）", "企业", "兴村项目", "村", "投入资金（元）", "带动就业（人）", "村集体增收（元）"];

/// 万企兴万村 兴村项目台账 of `year`: each project (agreement) with records counted for 万企兴万村;
/// money invested is funds and goods, jobs the persons placed, and the collective's income the
/// year's reported income of the project's assets.
pub async fn revitalise<C: ConnectionTrait>(db: &C, records: &[Record], year: i32) -> Result<Table, DbErr> {
    let regions = region_names(db).await?;
    let mut by_project: BTreeMap<i32, (Vec<&Record>, i64)> = BTreeMap::new();
    for r in records.iter().filter(|r| r.programmes.contains(&Programme::Revitalise)) {
        by_project.entry(r.agreement.id).or_default().0.push(r);
    }
    let assets = project_asset::Entity::find()
        .filter(project_asset::Column::AgreementId.is_in(by_project.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?;
    let incomes = asset_income::Entity::find()
        .filter(asset_income::Column::AssetId.is_in(assets.iter().map(|a| a.id).collect::<Vec<_>>()))
        .filter(asset_income::Column::Year.eq(year))
        .all(db)
        .await?;
    for a in &assets {
        let income: i64 = incomes.iter().filter(|i| i.asset_id == a.id).map(|i| i.income_fen).sum();
        if let Some(entry) = by_project.get_mut(&a.agreement_id) {
            entry.1 += income;
        }
    }
    let mut rows: Vec<(String, Vec<Cell>)> = Vec::new();
    let (mut money, mut jobs, mut income) = (0, 0, 0);
    for (list, added) in by_project.values() {
        let first = list[0];
        let m: i64 = list
            .iter()
            .filter(|r| {
                matches!(ContributionKind::parse(&r.c.kind), Some(ContributionKind::Money | ContributionKind::Goods))
            })
            .map(|r| r.c.amount_fen)
            .sum();
        let j: i64 =
            list.iter().filter(|r| r.c.kind == ContributionKind::Jobs.code()).map(|r| i64::from(r.c.persons)).sum();
        money += m;
        jobs += j;
        income += added;
        let county = county_of(&regions, &first.village.region_code);
        rows.push((
            format!("{county}{}{}", first.enterprise.name, first.agreement.id),
            vec![
                county.into(),
                first.enterprise.name.clone().into(),
                first.agreement.title.clone().into(),
                first.village.name.clone().into(),
                Cell::Yuan(m),
                Cell::Number(j),
                Cell::Yuan(*added),
            ],
        ));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rows: Vec<Vec<Cell>> = rows.into_iter().map(|(_, r)| r).collect();
    rows.push(vec![
        "合计".into(),
        "".into(),
        "".into(),
        "".into(),
        Cell::Yuan(money),
        Cell::Number(jobs),
        Cell::Yuan(income),
    ]);
    Ok(Table {
        file: "xingcun",
        sheet: "兴村项目",
        title: format!("{year} 年万企兴万村兴村项目台账"),
        headings: REVITALISE_HEADINGS,
        rows,
    })
}

pub const CONSUMPTION_HEADINGS: &[&str] =
    &["采购日期", "购买单位", "产品", "数量", "单位", "金额（元）", "产地（县）", "产地县类别", "村", "买方评价（分）"];

/// The county (12-digit code) a region code lies in.
pub fn county_code(code: &str) -> String {
    format!("{:0<12}", &code[..6.min(code.len())])
}

/// 消费帮扶台账 of the year: each purchase of produce counted for 消费帮扶 (delivered, paid and
/// rated before the office verified it).
pub async fn consumption<C: ConnectionTrait>(db: &C, records: &[Record], year: i32) -> Result<Table, DbErr> {
    let regions = region_names(db).await?;
    let categories = super::counties(db).await?;
    let mut rows = Vec::new();
    let (mut quantity, mut amount) = (0, 0);
    for r in records
        .iter()
        .filter(|r| r.programmes.contains(&Programme::Consumption) && r.c.kind == ContributionKind::Produce.code())
    {
        quantity += r.c.quantity.unwrap_or(0);
        amount += r.c.amount_fen;
        rows.push(vec![
            r.c.contributed_on.to_string().into(),
            r.enterprise.name.clone().into(),
            r.c.product.clone().unwrap_or_else(|| r.c.description.chars().take(20).collect()).into(),
            Cell::Number(r.c.quantity.unwrap_or(0)),
            r.c.unit.clone().unwrap_or_default().into(),
            Cell::Yuan(r.c.amount_fen),
            county_of(&regions, &r.village.region_code).into(),
            categories
                .get(&county_code(&r.village.region_code))
                .map_or_else(String::new, |c| super::CountyCategory::words(c))
                .into(),
            r.village.name.clone().into(),
            r.c.rating.map_or(Cell::Text(String::new()), |n| Cell::Number(i64::from(n))),
        ]);
    }
    rows.push(vec![
        "合计".into(),
        "".into(),
        "".into(),
        Cell::Number(quantity),
        "".into(),
        Cell::Yuan(amount),
        "".into(),
        "".into(),
        "".into(),
        "".into(),
    ]);
    Ok(Table {
        file: "xiaofei",
        sheet: "消费帮扶",
        title: format!("{year} 年消费帮扶台账"),
        headings: CONSUMPTION_HEADINGS,
        rows,
    })
}

pub const EAST_WEST_HEADINGS: &[&str] =
    &["帮扶方（市）", "受帮扶县", "协议数", "资金物资（元）", "消费帮扶（元）", "安置就业（人）", "技能培训（人）"];

/// 东西部协作汇总 of the year: records counted for 东西部协作, by the helping firm's city and the
/// helped village's county.
pub async fn east_west<C: ConnectionTrait>(db: &C, records: &[Record], year: i32) -> Result<Table, DbErr> {
    let regions = region_names(db).await?;
    let mut groups: BTreeMap<(String, String), Vec<&Record>> = BTreeMap::new();
    for r in records.iter().filter(|r| r.programmes.contains(&Programme::EastWest)) {
        let key = (city_of(&regions, &r.enterprise.region_code), county_of(&regions, &r.village.region_code));
        groups.entry(key).or_default().push(r);
    }
    let mut rows = Vec::new();
    let mut all: Vec<&Record> = Vec::new();
    let line = |a: Cell, b: Cell, list: &[&Record]| {
        let agreements: BTreeSet<i32> = list.iter().map(|r| r.agreement.id).collect();
        let sum = |k: &[ContributionKind]| -> Vec<&Record> {
            list.iter()
                .copied()
                .filter(|r| ContributionKind::parse(&r.c.kind).is_some_and(|x| k.contains(&x)))
                .collect()
        };
        vec![
            a,
            b,
            Cell::Number(agreements.len() as i64),
            Cell::Yuan(sum(&[ContributionKind::Money, ContributionKind::Goods]).iter().map(|r| r.c.amount_fen).sum()),
            Cell::Yuan(sum(&[ContributionKind::Produce]).iter().map(|r| r.c.amount_fen).sum()),
            Cell::Number(sum(&[ContributionKind::Jobs]).iter().map(|r| i64::from(r.c.persons)).sum()),
            Cell::Number(sum(&[ContributionKind::Trainees]).iter().map(|r| i64::from(r.c.persons)).sum()),
        ]
    };
    for ((city, county), list) in &groups {
        rows.push(line(city.clone().into(), county.clone().into(), list));
        all.extend(list.iter().copied());
    }
    rows.push(line("合计".into(), "".into(), &all));
    Ok(Table {
        file: "dongxi",
        sheet: "东西部协作",
        title: format!("{year} 年东西部协作帮扶汇总"),
        headings: EAST_WEST_HEADINGS,
        rows,
    })
}

pub const SUMMARY_HEADINGS: &[&str] = &[
    "帮扶项目",
    "协议数",
    "记录数",
    "产业投入（元）",
    "其中消费帮扶采购（元）",
    "公益投入（元）",
    "安置就业（人）",
    "技能培训（人）",
];

/// The overview as a table: one row a programme, then the deduplicated total.
pub fn summary_table(s: &Summary, year: i32) -> Table {
    let line = |label: String, t: &Totals| {
        vec![
            Cell::Text(label),
            Cell::Number(t.agreements),
            Cell::Number(t.records),
            Cell::Yuan(t.industry_fen),
            Cell::Yuan(t.purchase_fen),
            Cell::Yuan(t.charity_fen),
            Cell::Number(t.jobs),
            Cell::Number(t.trainees),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = s.rows.iter().map(|(p, t)| line(p.label().to_owned(), t)).collect();
    rows.push(line("合计（同一记录只计一次）".into(), &s.total));
    Table {
        file: "programmes",
        sheet: "各项目汇总",
        title: format!("{year} 年各帮扶项目汇总"),
        headings: SUMMARY_HEADINGS,
        rows,
    }
}
