//! The annual 稽查 report page: one county and year, to print or download as XLSX.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use entity::region;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::Routes;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::{Auth, region_prefix};
use crate::error::{AppError, Result};
use crate::export::Cell;
use crate::governance::inspection::{self, Section};

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new().get_as(&[Role::Office, Role::Auditor], "/office/inspection", page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InspectionQuery {
    county: String,
    year: Option<i32>,
    format: String,
}

#[derive(Serialize)]
struct View {
    county: String,
    county_name: String,
    year: i32,
    counties: Vec<(String, String, bool)>,
    years: Vec<(i32, bool)>,
    sections: Vec<Section>,
    xlsx: String,
}

async fn page(State(state): State<AppState>, auth: Auth, Query(q): Query<InspectionQuery>) -> Result<Response> {
    let user = auth.require(&[Role::Office, Role::Auditor])?;
    // The auditor reads every county; an office those of its jurisdiction.
    let prefix = if user.role == Role::Auditor {
        String::new()
    } else {
        region_prefix(user.jurisdiction.as_deref().unwrap_or("x")).to_owned()
    };
    let counties = region::Entity::find()
        .filter(region::Column::Code.starts_with(&prefix))
        .filter(region::Column::Code.like("______000000"))
        .filter(region::Column::Code.not_like("____00000000"))
        .order_by_asc(region::Column::Code)
        .all(&state.db)
        .await?;
    let wanted = q.county.trim();
    let Some(county) = counties.iter().find(|r| r.code[..6] == *wanted).or(counties.first()) else {
        return Err(AppError::Refused("辖区内没有县（市、区）：稽查报告按县编制".into()));
    };
    let this = state.clock.today().year();
    let year = q.year.filter(|y| (2015..=this).contains(y)).unwrap_or(this);
    let sections = inspection::report(&state.db, &county.code, year, state.clock.today()).await?;
    let code = county.code[..6].to_owned();
    if q.format == "xlsx" {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for s in &sections {
            rows.push(vec![Cell::Text(s.title.into())]);
            rows.push(s.headings.iter().map(|h| Cell::Text((*h).into())).collect());
            for l in &s.lines {
                let mut row = vec![Cell::Text(l.label.clone())];
                row.extend(l.figures.iter().map(|f| figure_cell(f)));
                rows.push(row);
            }
            rows.push(Vec::new());
        }
        let title = format!("{} {year} 年度帮扶稽查报告", county.name);
        let bytes = crate::export::table_xlsx("稽查报告", &title, &["项目", "", "", "", "", ""], &rows)?;
        return Ok(super::paging::xlsx_download(&format!("inspection-{code}-{year}.xlsx"), bytes));
    }
    let view = View {
        xlsx: format!("/office/inspection?county={code}&year={year}&format=xlsx"),
        counties: counties.iter().map(|r| (r.code[..6].to_owned(), r.name.clone(), r.code == county.code)).collect(),
        years: (2015..=this).rev().map(|y| (y, y == year)).collect(),
        county_name: county.name.clone(),
        county: code,
        year,
        sections,
    };
    let title = format!("{} {year} 年度稽查报告", view.county_name);
    Ok(state.templates.page(&auth, "inspection/index", &title, &view)?.into_response())
}

/// A figure of the report as the spreadsheet's number (counts, 元, shares) so that reviewers can
/// add them up; anything else stays text (an outside walk found 笔数, 金额 and 人数 as text).
fn figure_cell(f: &str) -> Cell {
    let t = f.trim();
    if let Some(Ok(m)) = t.strip_prefix('¥').or_else(|| t.strip_prefix("￥")).map(crate::money::Money::parse_yuan) {
        return Cell::Yuan(m.0);
    }
    if let Some(share) = t.strip_suffix('%').and_then(|p| p.trim().parse::<f64>().ok()) {
        return Cell::Percent(share / 100.0);
    }
    match t.replace(',', "").parse::<i64>() {
        Ok(n) if !t.is_empty() => Cell::Number(n),
        _ => Cell::Text(f.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_figures_become_numbers_in_the_workbook() {
        assert_eq!(figure_cell("8"), Cell::Number(8));
        assert_eq!(figure_cell("1,200"), Cell::Number(1200));
        assert_eq!(figure_cell("¥0.00"), Cell::Yuan(0));
        assert_eq!(figure_cell("¥12,500.50"), Cell::Yuan(1_250_050));
        assert_eq!(figure_cell("66%"), Cell::Percent(0.66));
        assert_eq!(figure_cell("达标"), Cell::Text("达标".into()));
    }
}
