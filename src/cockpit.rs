//! The cockpit (数据驾驶舱) of a jurisdiction: coverage by county, verified contributions by
//! month and kind in a year, villages by the furthest state their help has reached, and the
//! enterprises that contributed most. Each table is drawn as a bar chart in SVG on the server
//! (no script, scales to a phone) with the numbers beside it, and downloads as XLSX.
//!
//! The charts are horizontal bars drawn here in a few lines rather than with a charting crate:
//! the crates looked at need a font back end to lay out text (or ship a script renderer),
//! while bars with labels need only rectangles and text the browser lays out.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entity::{agreement, contribution, organisation, pairing};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;

use crate::domain::{AgreementStatus, ContributionKind, ContributionStatus, PairingStatus};
use crate::radar::{agreements_in, villages_in};

/// A row of the coverage table.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageRow {
    pub county: String,
    pub villages: usize,
    pub partnered: usize,
    pub percent: i64,
}

/// A month of verified contributions, in 分 by kind, and persons.
#[derive(Clone, Debug, Serialize)]
pub struct MonthRow {
    pub month: u32,
    pub money_fen: i64,
    pub goods_fen: i64,
    pub produce_fen: i64,
    pub other_fen: i64,
    pub total_fen: i64,
    /// Running total of the year up to this month.
    pub cumulative_fen: i64,
    pub jobs: i64,
    pub trainees: i64,
}

/// How many villages have reached each state.
#[derive(Clone, Debug, Serialize)]
pub struct StateRow {
    pub state: &'static str,
    pub villages: usize,
}

/// An enterprise and its verified contributions in the year.
#[derive(Clone, Debug, Serialize)]
pub struct TopRow {
    pub enterprise: String,
    pub amount_fen: i64,
    pub contributions: usize,
}

/// The cockpit's tables.
#[derive(Clone, Debug, Serialize)]
pub struct Cockpit {
    pub year: i32,
    pub coverage: Vec<CoverageRow>,
    pub months: Vec<MonthRow>,
    pub states: Vec<StateRow>,
    pub top: Vec<TopRow>,
    pub year_total_fen: i64,
}

/// The tables of region `prefix` for `year`.
pub async fn build(db: &DatabaseConnection, prefix: &str, year: i32, now: DateTime<Utc>) -> Result<Cockpit, DbErr> {
    let radar = crate::radar::build(db, prefix, now).await?;
    let coverage = radar
        .counties
        .iter()
        .map(|c| CoverageRow {
            county: c.name.clone(),
            villages: c.villages,
            partnered: c.partnered,
            percent: c.percent,
        })
        .collect();

    // Verified contributions of the year, on agreements of the region's villages.
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let rows = contribution::Entity::find()
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .filter(contribution::Column::ContributedOn.between(from, to))
        .filter(contribution::Column::AgreementId.in_subquery(agreements_in(prefix)))
        .all(db)
        .await?;
    let mut months: Vec<MonthRow> = (1..=12)
        .map(|month| MonthRow {
            month,
            money_fen: 0,
            goods_fen: 0,
            produce_fen: 0,
            other_fen: 0,
            total_fen: 0,
            cumulative_fen: 0,
            jobs: 0,
            trainees: 0,
        })
        .collect();
    for c in &rows {
        let m = &mut months[c.contributed_on.month0() as usize];
        match ContributionKind::parse(&c.kind) {
            Some(ContributionKind::Money) => m.money_fen += c.amount_fen,
            Some(ContributionKind::Goods) => m.goods_fen += c.amount_fen,
            Some(ContributionKind::Produce) => m.produce_fen += c.amount_fen,
            Some(ContributionKind::Jobs) => {
                m.jobs += i64::from(c.persons);
                m.other_fen += c.amount_fen;
            }
            Some(ContributionKind::Trainees) => {
                m.trainees += i64::from(c.persons);
                m.other_fen += c.amount_fen;
            }
            None => m.other_fen += c.amount_fen,
        }
        m.total_fen += c.amount_fen;
    }
    let mut running = 0;
    for m in &mut months {
        running += m.total_fen;
        m.cumulative_fen = running;
    }

    // Top enterprises by verified amount in the year.
    let agreements: HashMap<i32, i32> = agreement::Entity::find()
        .select_only()
        .column(agreement::Column::Id)
        .column(agreement::Column::PairingId)
        .filter(agreement::Column::Id.is_in(rows.iter().map(|c| c.agreement_id).collect::<HashSet<_>>()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let enterprises: HashMap<i32, i32> = pairing::Entity::find()
        .select_only()
        .column(pairing::Column::Id)
        .column(pairing::Column::EnterpriseId)
        .filter(pairing::Column::Id.is_in(agreements.values().copied().collect::<HashSet<_>>()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut by_enterprise: HashMap<i32, (i64, usize)> = HashMap::new();
    for c in &rows {
        if let Some(e) = agreements.get(&c.agreement_id).and_then(|p| enterprises.get(p)) {
            let t = by_enterprise.entry(*e).or_default();
            t.0 += c.amount_fen;
            t.1 += 1;
        }
    }
    let names: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(by_enterprise.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut top: Vec<TopRow> = by_enterprise
        .into_iter()
        .map(|(id, (amount_fen, contributions))| TopRow {
            enterprise: names.get(&id).cloned().unwrap_or_default(),
            amount_fen,
            contributions,
        })
        .collect();
    top.sort_by(|a, b| b.amount_fen.cmp(&a.amount_fen).then(a.enterprise.cmp(&b.enterprise)));
    top.truncate(10);

    // Villages by the furthest state their help has reached.
    let village_ids: Vec<i32> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Id.in_subquery(villages_in(prefix)))
        .filter(organisation::Column::Status.eq(crate::domain::OrgStatus::Verified.code()))
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let pairings: Vec<(i32, i32, String)> = pairing::Entity::find()
        .select_only()
        .column(pairing::Column::Id)
        .column(pairing::Column::VillageId)
        .column(pairing::Column::Status)
        .filter(pairing::Column::VillageId.in_subquery(villages_in(prefix)))
        .into_tuple::<(i32, i32, String)>()
        .all(db)
        .await?;
    let village_of: HashMap<i32, i32> = pairings.iter().map(|(id, v, _)| (*id, *v)).collect();
    let agreement_states: Vec<(i32, String)> = agreement::Entity::find()
        .select_only()
        .column(agreement::Column::PairingId)
        .column(agreement::Column::Status)
        .filter(agreement::Column::Id.in_subquery(agreements_in(prefix)))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?;
    // 0 none, 1 proposed, 2 approved, 3 agreement, 4 completed
    let mut level: HashMap<i32, u8> = HashMap::new();
    let mut raise = |v: i32, l: u8| {
        let e = level.entry(v).or_default();
        *e = (*e).max(l);
    };
    for (_, v, status) in &pairings {
        match PairingStatus::parse(status) {
            Some(PairingStatus::Approved) => raise(*v, 2),
            Some(s) if s.is_open() => raise(*v, 1),
            _ => {}
        }
    }
    for (p, status) in &agreement_states {
        if let Some(v) = village_of.get(p) {
            match AgreementStatus::parse(status) {
                Some(AgreementStatus::Completed) => raise(*v, 4),
                Some(AgreementStatus::Active) => raise(*v, 3),
                _ => {}
            }
        }
    }
    let labels = ["尚无结对", "结对进行中", "结对已通过", "协议执行中", "协议已完成"];
    let mut counts = [0usize; 5];
    for v in &village_ids {
        counts[usize::from(level.get(v).copied().unwrap_or(0))] += 1;
    }
    let states = labels.iter().zip(counts).map(|(state, villages)| StateRow { state, villages }).collect();
    Ok(Cockpit { year, coverage, year_total_fen: running, months, states, top })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Colours of the series (also readable in grey print).
const COLOURS: [&str; 5] = ["#b3261e", "#0b4fa8", "#1b6b2b", "#8a4b00", "#5b2aa0"];

/// A horizontal bar chart: one row per label, each bar stacked from its series' values, the
/// total written after it (`fmt` turns a total into words). `legend` names the series when
/// there are several.
pub fn bars(title: &str, rows: &[(String, Vec<f64>)], legend: &[&str], fmt: impl Fn(f64) -> String) -> String {
    const LABEL: f64 = 150.0;
    const BAR: f64 = 360.0;
    const ROW: f64 = 26.0;
    let top = if legend.len() > 1 { 28.0 } else { 6.0 };
    let height = top + ROW * rows.len() as f64 + 6.0;
    let max = rows.iter().map(|(_, v)| v.iter().sum::<f64>()).fold(0.0_f64, f64::max);
    let mut out = format!(
        "<svg class=\"chart\" viewBox=\"0 0 640 {height:.0}\" role=\"img\" aria-label=\"{t}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{t}</title>",
        t = escape(title)
    );
    if legend.len() > 1 {
        for (i, name) in legend.iter().enumerate() {
            let x = 10.0 + 110.0 * i as f64;
            out.push_str(&format!(
                "<rect x=\"{x:.0}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.0}\" y=\"17\" font-size=\"13\" fill=\"#1f2328\">{}</text>",
                COLOURS[i % COLOURS.len()],
                x + 16.0,
                escape(name)
            ));
        }
    }
    for (i, (label, values)) in rows.iter().enumerate() {
        let y = top + ROW * i as f64;
        let shown: String = label.chars().take(11).collect();
        out.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1f2328\">{}</text>",
            LABEL - 6.0,
            y + 17.0,
            escape(&shown)
        ));
        let mut x = LABEL;
        for (k, v) in values.iter().enumerate() {
            let w = if max > 0.0 { BAR * v / max } else { 0.0 };
            if w > 0.0 {
                out.push_str(&format!(
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"18\" fill=\"{}\"/>",
                    y + 4.0,
                    COLOURS[k % COLOURS.len()]
                ));
            }
            x += w;
        }
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"#1f2328\">{}</text>",
            x + 6.0,
            y + 17.0,
            escape(&fmt(values.iter().sum()))
        ));
    }
    out.push_str("</svg>");
    out
}

/// The cockpit's tables as an XLSX workbook: all four, or the one named (coverage, months,
/// states, top).
pub fn to_xlsx(c: &Cockpit, table: Option<&str>) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let yuan = Format::new().set_num_format("#,##0.00");
    let wanted = |name: &str| table.is_none_or(|t| t == name);
    let to_yuan = |fen: i64| fen as f64 / 100.0;
    if wanted("coverage") {
        let s = book.add_worksheet().set_name("结对覆盖")?;
        for (col, h) in ["县（市、区）", "已认证的村", "有已通过结对的村", "覆盖率（%）"].iter().enumerate()
        {
            s.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        for (i, r) in c.coverage.iter().enumerate() {
            let row = i as u32 + 1;
            s.write_string(row, 0, &r.county)?;
            s.write_number(row, 1, r.villages as f64)?;
            s.write_number(row, 2, r.partnered as f64)?;
            s.write_number(row, 3, r.percent as f64)?;
        }
        s.set_column_width(0, 18)?;
    }
    if wanted("months") {
        let s = book.add_worksheet().set_name(format!("{}年帮扶按月", c.year))?;
        let heads = [
            "月份",
            "资金（元）",
            "物资（元）",
            "采购农产品（元）",
            "其他（元）",
            "合计（元）",
            "累计（元）",
            "安置就业（人）",
            "技能培训（人）",
        ];
        for (col, h) in heads.iter().enumerate() {
            s.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        for (i, m) in c.months.iter().enumerate() {
            let row = i as u32 + 1;
            s.write_string(row, 0, format!("{}月", m.month))?;
            for (col, fen) in
                [m.money_fen, m.goods_fen, m.produce_fen, m.other_fen, m.total_fen, m.cumulative_fen].iter().enumerate()
            {
                s.write_number_with_format(row, col as u16 + 1, to_yuan(*fen), &yuan)?;
            }
            s.write_number(row, 7, m.jobs as f64)?;
            s.write_number(row, 8, m.trainees as f64)?;
        }
        s.set_column_width(0, 8)?;
    }
    if wanted("states") {
        let s = book.add_worksheet().set_name("村的帮扶进度")?;
        s.write_string_with_format(0, 0, "进度", &bold)?;
        s.write_string_with_format(0, 1, "村数", &bold)?;
        for (i, r) in c.states.iter().enumerate() {
            s.write_string(i as u32 + 1, 0, r.state)?;
            s.write_number(i as u32 + 1, 1, r.villages as f64)?;
        }
        s.set_column_width(0, 14)?;
    }
    if wanted("top") {
        let s = book.add_worksheet().set_name("帮扶企业前十")?;
        for (col, h) in ["企业", "已核实金额（元）", "帮扶记录（条）"].iter().enumerate() {
            s.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        for (i, r) in c.top.iter().enumerate() {
            let row = i as u32 + 1;
            s.write_string(row, 0, &r.enterprise)?;
            s.write_number_with_format(row, 1, to_yuan(r.amount_fen), &yuan)?;
            s.write_number(row, 2, r.contributions as f64)?;
        }
        s.set_column_width(0, 30)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::bars;

    #[test]
    fn a_chart_escapes_its_labels_and_scales_its_bars_to_the_largest() {
        let rows = vec![("<b>甲</b>".to_owned(), vec![2.0, 2.0]), ("乙".to_owned(), vec![1.0, 0.0])];
        let svg = bars("图", &rows, &["资金", "物资"], |v| format!("{v:.0} 元"));
        assert!(svg.contains("&lt;b&gt;甲&lt;/b&gt;") && !svg.contains("<b>"));
        // The largest total spans the whole bar area (360); the other is a quarter of it.
        assert!(svg.contains("width=\"180.0\""), "{svg}");
        assert!(svg.contains("width=\"90.0\""), "{svg}");
        assert!(svg.contains(">4 元<") && svg.contains(">1 元<"));
        assert!(svg.contains(">资金<") && svg.contains(">物资<"), "a legend for two series");
    }
}
