//! The cockpit (数据驾驶舱) of a jurisdiction: coverage by county, verified contributions by
//! month and kind in a year, villages by the furthest state their help has reached, and the
//! enterprises that contributed most. Each table is drawn as a bar chart in SVG on the server
//! (no script, scales to a phone) with the numbers beside it, and downloads as XLSX.
//!
//! The charts are horizontal bars drawn here in a few lines rather than with a charting crate:
//! the crates looked at need a font back end to lay out text (or ship a script renderer),
//! while bars with labels need only rectangles and text the browser lays out.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{contribution, organisation, pairing};
use sea_orm::sea_query::ExprTrait;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use serde::Serialize;

use crate::domain::{AgreementStatus, ContributionKind, ContributionStatus, OrgKind, OrgStatus, PairingStatus};
use crate::radar::agreements_in;

/// A row of the coverage table.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageRow {
    pub county: String,
    /// The area's own region code when it is wider than a county (its cockpit is a click away).
    pub drill: String,
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
    /// What the help left, beside the money (issue 17).
    pub outcomes: Outcomes,
}

/// Outcomes beyond inputs for the year: the villages' verified collective income and the
/// project assets handed over to their collectives.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Outcomes {
    /// Villages with a verified collective income for the year, their total, and how many reach
    /// the 10 万元 yardstick.
    pub income_villages: usize,
    pub income_total_fen: i64,
    pub income_at_threshold: usize,
    /// Project assets handed over by the end of the year: how many, their value, and the
    /// operating ones with no income this year or last (possibly idle).
    pub assets: usize,
    pub assets_value_fen: i64,
    pub assets_idle: usize,
    /// Households (and their people) whose risk of falling back was cleared in the year: the
    /// village visited and reported, the office decided the clearing (防返贫监测).
    pub lifted_households: usize,
    pub lifted_people: i64,
    /// Jobs placed in the year's verified records, and of them the people still in work six
    /// months on by the office's verified follow-up (稳岗).
    pub jobs_placed: i64,
    pub jobs_retained: i64,
    pub jobs_followed: i64,
    /// People in follow-ups the village reported that the office has not verified yet.
    pub jobs_awaiting: i64,
}

async fn outcomes(db: &DatabaseConnection, prefix: &str, year: i32) -> Result<Outcomes, DbErr> {
    use entity::{collective_income, project_asset};
    let to_err = |e: crate::error::AppError| DbErr::Custom(e.to_string());
    let incomes = collective_income::Entity::find()
        .filter(collective_income::Column::Year.eq(year))
        .filter(collective_income::Column::Status.eq(crate::domain::IncomeStatus::Verified.code()))
        .filter(collective_income::Column::VillageId.in_subquery(crate::radar::villages_in(prefix)))
        .all(db)
        .await?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let assets = project_asset::Entity::find()
        .filter(project_asset::Column::HandedOverOn.lte(end))
        .filter(project_asset::Column::VillageId.in_subquery(crate::radar::villages_in(prefix)))
        .all(db)
        .await?;
    let income = crate::governance::assets::incomes(db, &assets.iter().map(|a| a.id).collect::<Vec<_>>())
        .await
        .map_err(to_err)?;
    let (from, to) = (NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN), end);
    let lifted = entity::monitoring_case::Entity::find()
        .filter(entity::monitoring_case::Column::Stage.eq(crate::governance::monitoring::Stage::Cleared.code()))
        .filter(entity::monitoring_case::Column::ClosedOn.between(from, to))
        .filter(entity::monitoring_case::Column::VillageId.in_subquery(crate::radar::villages_in(prefix)))
        .all(db)
        .await?;
    let placements = verified_in(prefix)
        .filter(contribution::Column::Kind.eq(crate::domain::ContributionKind::Jobs.code()))
        .filter(contribution::Column::ContributedOn.between(from, to))
        .all(db)
        .await?;
    let followed: Vec<&contribution::Model> = placements.iter().filter(|c| c.retained_verified_at.is_some()).collect();
    Ok(Outcomes {
        lifted_households: lifted.len(),
        lifted_people: lifted.iter().map(|c| i64::from(c.members)).sum(),
        jobs_placed: placements.iter().map(|c| i64::from(c.persons)).sum(),
        jobs_followed: followed.iter().map(|c| i64::from(c.persons)).sum(),
        jobs_awaiting: placements
            .iter()
            .filter(|c| c.retained_reported_at.is_some() && c.retained_verified_at.is_none())
            .map(|c| i64::from(c.persons))
            .sum(),
        jobs_retained: followed.iter().map(|c| i64::from(c.retained_persons.unwrap_or(0))).sum(),
        income_villages: incomes.len(),
        income_total_fen: incomes.iter().map(|i| i.amount_fen).sum(),
        income_at_threshold: incomes
            .iter()
            .filter(|i| i.amount_fen >= crate::governance::income::THRESHOLD_FEN)
            .count(),
        assets: assets.len(),
        assets_value_fen: assets.iter().map(|a| a.value_fen).sum(),
        assets_idle: assets
            .iter()
            .filter(|a| {
                crate::governance::assets::looks_idle(
                    &a.kind,
                    a.handed_over_on,
                    income.get(&a.id).map_or(&[][..], Vec::as_slice),
                    end,
                )
            })
            .count(),
    })
}

/// Verified contributions on agreements of the region's villages, none taken off by an upheld
/// objection (as in every total).
fn verified_in(prefix: &str) -> sea_orm::Select<contribution::Entity> {
    contribution::Entity::find()
        .filter(contribution::Column::Status.eq(ContributionStatus::Verified.code()))
        .filter(Expr::cust(format!(
            "\"contribution\".\"id\" NOT IN ({})",
            crate::notices::suspended_sql("contribution")
        )))
        .filter(contribution::Column::AgreementId.in_subquery(agreements_in(prefix)))
}

/// Joins verified records (from `contribution`) to their agreement and pairing and keeps those
/// counted in every total: verified, dated `from`–`to`, not taken off by an upheld objection, for
/// villages of region `prefix`. The cockpit's top list and the plans' figures start from here.
pub(crate) fn joined_to_pairing(
    q: &mut sea_orm::sea_query::SelectStatement,
    prefix: &str,
    from: NaiveDate,
    to: NaiveDate,
) {
    q.inner_join(
        entity::agreement::Entity,
        Expr::col((entity::agreement::Entity, entity::agreement::Column::Id))
            .equals((contribution::Entity, contribution::Column::AgreementId)),
    )
    .inner_join(
        pairing::Entity,
        Expr::col((pairing::Entity, pairing::Column::Id))
            .equals((entity::agreement::Entity, entity::agreement::Column::PairingId)),
    )
    .and_where(Expr::col((contribution::Entity, contribution::Column::Status)).eq(ContributionStatus::Verified.code()))
    .and_where(Expr::col((contribution::Entity, contribution::Column::ContributedOn)).between(from, to))
    .and_where(Expr::cust(format!(
        "\"contribution\".\"id\" NOT IN ({})",
        crate::notices::suspended_sql("contribution")
    )))
    .and_where(Expr::col((pairing::Entity, pairing::Column::VillageId)).in_subquery(crate::radar::villages_in(prefix)));
}

/// The tables of region `prefix` for `year`, each counted or summed in the database.
pub async fn build(db: &DatabaseConnection, prefix: &str, year: i32) -> Result<Cockpit, DbErr> {
    let coverage = crate::radar::coverage(db, prefix)
        .await?
        .into_iter()
        .map(|c| CoverageRow {
            drill: if c.drill.is_empty() { String::new() } else { c.code.clone() },
            county: c.name,
            villages: c.villages,
            partnered: c.partnered,
            percent: c.percent,
        })
        .collect();

    // Each month's verified contributions, summed by kind.
    let mut months = Vec::with_capacity(12);
    let mut running = 0;
    for month in 1..=12u32 {
        let from = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
        let to = from.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(from);
        let sums: Vec<(String, i64, i64)> = verified_in(prefix)
            .select_only()
            .column(contribution::Column::Kind)
            .column_as(Expr::cust("CAST(COALESCE(SUM(\"amount_fen\"), 0) AS BIGINT)"), "fen")
            .column_as(Expr::cust("CAST(COALESCE(SUM(\"persons\"), 0) AS BIGINT)"), "persons")
            .filter(contribution::Column::ContributedOn.between(from, to))
            .group_by(contribution::Column::Kind)
            .into_tuple()
            .all(db)
            .await?;
        let mut m = MonthRow {
            month,
            money_fen: 0,
            goods_fen: 0,
            produce_fen: 0,
            other_fen: 0,
            total_fen: 0,
            cumulative_fen: 0,
            jobs: 0,
            trainees: 0,
        };
        for (kind, fen, persons) in sums {
            match ContributionKind::parse(&kind) {
                Some(ContributionKind::Money) => m.money_fen += fen,
                Some(ContributionKind::Goods) => m.goods_fen += fen,
                Some(ContributionKind::Produce) => m.produce_fen += fen,
                Some(ContributionKind::Jobs) => {
                    m.jobs += persons;
                    m.other_fen += fen;
                }
                Some(ContributionKind::Trainees) => {
                    m.trainees += persons;
                    m.other_fen += fen;
                }
                None => m.other_fen += fen,
            }
            m.total_fen += fen;
        }
        running += m.total_fen;
        m.cumulative_fen = running;
        months.push(m);
    }

    // The ten enterprises with the most verified money in the year.
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    // contribution → agreement → pairing, summed by the pairing's enterprise.
    use sea_orm::sea_query::{Alias, Order};
    let stmt = Query::select()
        .column((pairing::Entity, pairing::Column::EnterpriseId))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"amount_fen\"), 0) AS BIGINT)"), Alias::new("fen"))
        .expr_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), Alias::new("n"))
        .from(contribution::Entity)
        .apply(|q| joined_to_pairing(q, prefix, from, to))
        .group_by_col((pairing::Entity, pairing::Column::EnterpriseId))
        .order_by(Alias::new("fen"), Order::Desc)
        .limit(10)
        .to_owned();
    let mut sums: Vec<(i32, i64, i64)> = Vec::new();
    for row in db.query_all_raw(db.get_database_backend().build(&stmt)).await? {
        sums.push((row.try_get("", "enterprise_id")?, row.try_get("", "fen")?, row.try_get("", "n")?));
    }
    let names: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(sums.iter().map(|(e, _, _)| *e).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut top: Vec<TopRow> = sums
        .into_iter()
        .map(|(e, amount_fen, n)| TopRow {
            enterprise: names.get(&e).cloned().unwrap_or_default(),
            amount_fen,
            contributions: usize::try_from(n).unwrap_or(0),
        })
        .collect();
    top.sort_by(|a, b| b.amount_fen.cmp(&a.amount_fen).then(a.enterprise.cmp(&b.enterprise)));

    // Villages by the furthest state their help reached, each level counted once: a village
    // counts at its highest level only.
    let pairings_where = |cond: &str| {
        Query::select()
            .column(pairing::Column::VillageId)
            .from(pairing::Entity)
            .and_where(Expr::cust(cond.to_owned()))
            .to_owned()
    };
    let agreement_villages = |status: AgreementStatus| {
        pairings_where(&format!(
            "\"id\" IN (SELECT \"pairing_id\" FROM \"agreement\" WHERE \"status\" = '{}')",
            status.code()
        ))
    };
    let open_codes: Vec<String> = [
        PairingStatus::Proposed,
        PairingStatus::AcceptedByEnterprise,
        PairingStatus::AcceptedByVillage,
        PairingStatus::PendingReview,
    ]
    .iter()
    .map(|s| format!("'{}'", s.code()))
    .collect();
    // Help in progress first: a village with an agreement in force is 协议执行中 even when an
    // earlier agreement (of 2015, say) was completed; 协议已完成 is a village whose agreements
    // are all done.
    let levels = [
        agreement_villages(AgreementStatus::Active),
        agreement_villages(AgreementStatus::Completed),
        pairings_where(&format!("\"status\" = '{}'", PairingStatus::Approved.code())),
        pairings_where(&format!("\"status\" IN ({})", open_codes.join(", "))),
    ];
    let villages = || {
        organisation::Entity::find()
            .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
            .filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
            .filter(organisation::Column::RegionCode.starts_with(prefix))
    };
    let total = villages().count(db).await?;
    // From the highest level down: those at this level and at none above it.
    let mut counts = Vec::new();
    for (i, level) in levels.iter().enumerate() {
        let mut q = villages().filter(organisation::Column::Id.in_subquery(level.clone()));
        for above in &levels[..i] {
            q = q.filter(organisation::Column::Id.not_in_subquery(above.clone()));
        }
        counts.push(q.count(db).await?);
    }
    let reached: u64 = counts.iter().sum();
    let labels = ["协议执行中", "协议已完成", "结对已通过", "结对进行中"];
    let mut states: Vec<StateRow> = vec![StateRow { state: "尚无结对", villages: (total - reached) as usize }];
    // Shown from the least reached to the most: 结对进行中, 结对已通过, 协议执行中, 协议已完成.
    for i in [3, 2, 0, 1] {
        states.push(StateRow { state: labels[i], villages: counts[i] as usize });
    }
    let outcomes = outcomes(db, prefix, year).await?;
    Ok(Cockpit { year, coverage, year_total_fen: running, months, states, top, outcomes })
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
    use crate::web::i18n::tr;
    const ROW: f64 = 26.0;
    // About how wide a text is drawn at 13 px: a Chinese character 13, a letter 7.
    let drawn = |t: &str| t.chars().map(|c| if c.is_ascii() { 7.0 } else { 13.0 }).sum::<f64>();
    // The labels' column fits the longest label (150 to 250 of the 640), the bars the rest.
    let labels: Vec<String> = rows.iter().map(|(l, _)| tr(l).into_owned()).collect();
    let widest = labels.iter().map(|l| drawn(l)).fold(0.0_f64, f64::max);
    let label_width = (widest + 12.0).clamp(150.0, 250.0);
    let bar_width = 510.0 - label_width;
    let top = if legend.len() > 1 { 28.0 } else { 6.0 };
    let height = top + ROW * rows.len() as f64 + 6.0;
    let max = rows.iter().map(|(_, v)| v.iter().sum::<f64>()).fold(0.0_f64, f64::max);
    let mut out = format!(
        "<svg class=\"chart\" viewBox=\"0 0 640 {height:.0}\" role=\"img\" aria-label=\"{t}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{t}</title>",
        t = escape(&tr(title))
    );
    if legend.len() > 1 {
        let mut x = 10.0;
        for (i, name) in legend.iter().enumerate() {
            let name = tr(name);
            let next = x + 16.0 + drawn(&name) + 18.0;
            out.push_str(&format!(
                "<rect x=\"{x:.0}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.0}\" y=\"17\" font-size=\"13\" fill=\"#1f2328\">{}</text>",
                COLOURS[i % COLOURS.len()],
                x + 16.0,
                escape(&name)
            ));
            x = next;
        }
    }
    for (i, ((_, values), label)) in rows.iter().zip(&labels).enumerate() {
        let y = top + ROW * i as f64;
        // What fits before the bars; a longer label is cut with …
        let shown: String = if drawn(label) > label_width - 6.0 {
            let mut used = 0.0;
            label
                .chars()
                .take_while(|c| {
                    used += drawn(c.encode_utf8(&mut [0; 4]));
                    used <= label_width - 6.0 - 13.0
                })
                .chain(std::iter::once('…'))
                .collect()
        } else {
            label.clone()
        };
        out.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1f2328\">{}</text>",
            label_width - 6.0,
            y + 17.0,
            escape(&shown)
        ));
        let mut x = label_width;
        for (k, v) in values.iter().enumerate() {
            let w = if max > 0.0 { bar_width * v / max } else { 0.0 };
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
            escape(&tr(&fmt(values.iter().sum())))
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
