//! The 万企帮万村 ledger (台账): per county, each enterprise–village pair with verified
//! contributions in a year, the money split into 产业投入 and 公益投入, persons placed in jobs
//! and trained, and poor people reached; county subtotals and a grand total. As CSV (UTF-8 with
//! the BOM Excel needs) or XLSX.

use std::collections::BTreeMap;

use chrono::Datelike;
use entity::{agreement, contribution, offer, organisation, pairing, region};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;

use crate::auth::guard::jurisdiction_covers;
use crate::domain::{ContributionKind, ContributionStatus, ListingKind};

/// The column headings, in order.
pub const HEADINGS: &[&str] = &[
    "县（市、区）",
    "企业",
    "村",
    "是否贫困村",
    "项目数",
    "产业投入（元）",
    "公益投入（元）",
    "安置就业（人）",
    "技能培训（人）",
    "带动贫困人口（人）",
];

/// One line of the ledger (a pair, a county subtotal or the total).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LedgerRow {
    pub county: String,
    pub enterprise: String,
    pub village: String,
    pub registered_poor: String,
    pub projects: i64,
    pub industry_fen: i64,
    pub charity_fen: i64,
    pub jobs: i64,
    pub trainees: i64,
    pub poor_reached: i64,
}

impl LedgerRow {
    fn add(&mut self, o: &LedgerRow) {
        self.projects += o.projects;
        self.industry_fen += o.industry_fen;
        self.charity_fen += o.charity_fen;
        self.jobs += o.jobs;
        self.trainees += o.trainees;
        self.poor_reached += o.poor_reached;
    }
}

/// Where a verified contribution counts in the ledger (and in plans, which use the same
/// definitions): money under a productive pairing (industry, produce, technical help) and every
/// purchase of produce is 产业投入; other money and goods are 公益投入; jobs and trainees count
/// their persons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    Industry,
    Charity,
    Jobs,
    Trainees,
}

/// The [`Bucket`] of a contribution of `kind` under a pairing whose offer is of `offer_kind`.
pub fn bucket(kind: Option<ContributionKind>, offer_kind: Option<ListingKind>) -> Option<Bucket> {
    let productive =
        matches!(offer_kind, Some(ListingKind::Industry | ListingKind::Procurement | ListingKind::Technical));
    match kind? {
        ContributionKind::Produce => Some(Bucket::Industry),
        ContributionKind::Money if productive => Some(Bucket::Industry),
        ContributionKind::Money | ContributionKind::Goods => Some(Bucket::Charity),
        ContributionKind::Jobs => Some(Bucket::Jobs),
        ContributionKind::Trainees => Some(Bucket::Trainees),
    }
}

/// The ledger of `year`, limited to villages under `scope` (an office's jurisdiction) if given,
/// and to the records counted for `programme` if given.
pub async fn rows<C: ConnectionTrait>(
    db: &C,
    year: i32,
    scope: Option<&str>,
    programme: Option<crate::programmes::Programme>,
) -> Result<Vec<LedgerRow>, DbErr> {
    let declared = match programme {
        Some(_) => crate::programmes::declared(db).await?,
        None => crate::programmes::Declared::default(),
    };
    // Records taken off by an upheld objection count in no total (one with an objection still
    // open counts, as on the home page).
    let verified = contribution::Entity::find()
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .filter(sea_orm::sea_query::Expr::cust(format!(
            "id NOT IN ({})",
            crate::notices::suspended_sql("contribution")
        )))
        .all(db)
        .await?;
    let mut pairs: BTreeMap<(String, String, String), (LedgerRow, std::collections::BTreeSet<i32>)> = BTreeMap::new();
    let orgs: std::collections::HashMap<i32, organisation::Model> =
        organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let regions: std::collections::HashMap<String, String> =
        region::Entity::find().all(db).await?.into_iter().map(|r| (r.code, r.name)).collect();
    for c in verified.into_iter().filter(|c| c.contributed_on.year() == year) {
        let Some(a) = agreement::Entity::find_by_id(c.agreement_id).one(db).await? else { continue };
        if programme.is_some_and(|p| !declared.effective(c.programmes.as_deref(), a.programmes.as_deref()).contains(&p))
        {
            continue;
        }
        let Some(p) = pairing::Entity::find_by_id(a.pairing_id).one(db).await? else { continue };
        let (Some(ent), Some(village)) = (orgs.get(&p.enterprise_id), orgs.get(&p.village_id)) else { continue };
        if scope.is_some_and(|j| !jurisdiction_covers(j, &village.region_code)) {
            continue;
        }
        let offer_kind = match p.offer_id {
            Some(id) => offer::Entity::find_by_id(id).one(db).await?.and_then(|o| ListingKind::parse(&o.kind)),
            None => None,
        };
        let county_code = format!("{:0<12}", &village.region_code[..6.min(village.region_code.len())]);
        let county = regions.get(&county_code).cloned().unwrap_or(county_code);
        let entry = pairs.entry((county.clone(), ent.name.clone(), village.name.clone())).or_insert_with(|| {
            (
                LedgerRow {
                    county,
                    enterprise: ent.name.clone(),
                    village: village.name.clone(),
                    registered_poor: if village.registered_poor { "是" } else { "否" }.into(),
                    ..Default::default()
                },
                Default::default(),
            )
        });
        entry.1.insert(a.id);
        let row = &mut entry.0;
        match bucket(ContributionKind::parse(&c.kind), offer_kind) {
            Some(Bucket::Industry) => row.industry_fen += c.amount_fen,
            Some(Bucket::Charity) => row.charity_fen += c.amount_fen,
            Some(Bucket::Jobs) => row.jobs += i64::from(c.persons),
            Some(Bucket::Trainees) => row.trainees += i64::from(c.persons),
            None => {}
        }
        row.poor_reached += i64::from(c.persons);
    }
    let mut out = Vec::new();
    let mut total = LedgerRow { county: "合计".into(), ..Default::default() };
    let mut by_county: BTreeMap<String, Vec<LedgerRow>> = BTreeMap::new();
    for ((county, _, _), (mut row, agreements)) in pairs {
        row.projects = agreements.len() as i64;
        by_county.entry(county).or_default().push(row);
    }
    for (county, rows) in by_county {
        let mut sub = LedgerRow { county: format!("{county} 小计"), ..Default::default() };
        for r in &rows {
            sub.add(r);
        }
        total.add(&sub);
        out.extend(rows);
        out.push(sub);
    }
    out.push(total);
    Ok(out)
}

fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// A text cell as a spreadsheet will not run it: one starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (a formula to Excel and its kin) gets a leading apostrophe.
pub fn inert_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

fn cells(r: &LedgerRow) -> [String; 10] {
    [
        inert_cell(&r.county),
        inert_cell(&r.enterprise),
        inert_cell(&r.village),
        inert_cell(&r.registered_poor),
        r.projects.to_string(),
        yuan(r.industry_fen),
        yuan(r.charity_fen),
        r.jobs.to_string(),
        r.trainees.to_string(),
        r.poor_reached.to_string(),
    ]
}

/// CSV with a UTF-8 BOM, so Excel opens the Chinese correctly.
pub fn to_csv(rows: &[LedgerRow]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    w.write_record(HEADINGS)?;
    for r in rows {
        w.write_record(cells(r))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// What a ledger file holds, said in its title: every verified record, or those counted for
/// one programme (the same layout, so two downloads are told apart by their titles).
pub fn ledger_title(year: i32, programme: Option<crate::programmes::Programme>) -> String {
    match programme {
        None => format!("{year} 年帮扶台账（万企帮万村台账格式，含各项目全部已核实的帮扶记录）"),
        Some(p) => format!("{year} 年{}台账：只含计入该项目的已核实记录", p.label()),
    }
}

/// An XLSX workbook with one sheet 台账, headed by `title` ([`ledger_title`]); amounts as
/// numbers in 元.
pub fn to_xlsx(rows: &[LedgerRow], title: &str) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("台账")?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    sheet.write_string_with_format(0, 0, title, &bold)?;
    for (c, h) in HEADINGS.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        for (c, text) in [&r.county, &r.enterprise, &r.village, &r.registered_poor].iter().enumerate() {
            sheet.write_string(row, c as u16, text.as_str())?;
        }
        sheet.write_number(row, 4, r.projects as f64)?;
        sheet.write_number_with_format(row, 5, r.industry_fen as f64 / 100.0, &money)?;
        sheet.write_number_with_format(row, 6, r.charity_fen as f64 / 100.0, &money)?;
        sheet.write_number(row, 7, r.jobs as f64)?;
        sheet.write_number(row, 8, r.trainees as f64)?;
        sheet.write_number(row, 9, r.poor_reached as f64)?;
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 30)?;
    sheet.set_column_width(2, 24)?;
    Ok(book.save_to_buffer()?)
}

/// One cell of an exported list.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(i64),
    /// An amount in 分, written as 元.
    Yuan(i64),
    /// A share (0.5 is 50 %), written as a percentage Excel can compute with.
    Percent(f64),
    /// A score with one decimal (92.5).
    Score(f64),
    /// A time on the wall clock of Asia/Shanghai, written as a date Excel sorts and filters
    /// (2026-12-08 09:30).
    Time(chrono::NaiveDateTime),
    /// A day (2026-12-08).
    Day(chrono::NaiveDate),
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

/// A list as an XLSX workbook: one sheet named `sheet`, `title` in the first row, the bold
/// `headings` in the second (frozen, with filters), then the rows (text stays text: nothing is
/// read as a formula; times and days are dates).
pub fn table_xlsx(sheet: &str, title: &str, headings: &[&str], rows: &[Vec<Cell>]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet)?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let percent = Format::new().set_num_format("0.0%");
    let score = Format::new().set_num_format("0.0");
    let minute = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let excel = |d: chrono::NaiveDate| {
        use chrono::Datelike;
        rust_xlsxwriter::ExcelDateTime::from_ymd(
            u16::try_from(d.year()).unwrap_or(1900),
            u8::try_from(d.month()).unwrap_or(1),
            u8::try_from(d.day()).unwrap_or(1),
        )
    };
    ws.write_string_with_format(0, 0, title, &bold)?;
    for (c, h) in headings.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, (h.chars().count() * 2 + 4).max(12) as f64)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(r, c, s.as_str())?,
                Cell::Number(n) => ws.write_number(r, c, *n as f64)?,
                Cell::Yuan(fen) => ws.write_number_with_format(r, c, *fen as f64 / 100.0, &money)?,
                Cell::Percent(share) => ws.write_number_with_format(r, c, *share, &percent)?,
                Cell::Score(x) => ws.write_number_with_format(r, c, *x, &score)?,
                Cell::Time(t) => {
                    use chrono::Timelike;
                    let at = excel(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second())?;
                    ws.write_datetime_with_format(r, c, &at, &minute)?
                }
                Cell::Day(d) => ws.write_datetime_with_format(r, c, &excel(*d)?, &day)?,
            };
        }
    }
    // The headings stay in sight while scrolling, and each column filters.
    ws.set_freeze_panes(2, 0)?;
    if !rows.is_empty() && !headings.is_empty() {
        ws.autofilter(1, 0, rows.len() as u32 + 1, headings.len() as u16 - 1)?;
    }
    Ok(book.save_to_buffer()?)
}
