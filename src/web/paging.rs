//! Long lists: one page of rows with links to the pages around it (keeping the list's filters),
//! the sort orders a list offers, and the same rows as an XLSX download.

use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Rows on one page of an office's list.
pub const PER_PAGE: u64 = 30;

/// The most rows one XLSX download holds; a larger list is narrowed by its filters first.
pub const MAX_EXPORT: u64 = 20_000;

/// Where a page is in its list, and the links to move.
#[derive(Serialize, Default, Debug)]
pub struct Pager {
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    pub prev: String,
    pub next: String,
    pub first: String,
    pub last: String,
    #[serde(skip)]
    per: u64,
}

/// `base?k=v&…` with empty values left out.
pub fn link(base: &str, keep: &[(&str, &str)]) -> String {
    let pairs: Vec<(&str, &str)> = keep.iter().copied().filter(|(_, v)| !v.is_empty()).collect();
    if pairs.is_empty() {
        return base.to_owned();
    }
    format!("{base}?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}

impl Pager {
    /// Page `page` (1 when absent; past the end means the last page) of `total` rows; the
    /// links keep the parameters `keep`.
    pub fn new(base: &str, keep: &[(&str, &str)], page: Option<u64>, total: u64, per: u64) -> Self {
        let pages = total.div_ceil(per).max(1);
        let page = page.unwrap_or(1).clamp(1, pages);
        let to = |p: u64| {
            let p = p.to_string();
            let mut params = keep.to_vec();
            params.push(("page", &p));
            link(base, &params)
        };
        Self {
            page,
            pages,
            total,
            prev: if page > 1 { to(page - 1) } else { String::new() },
            next: if page < pages { to(page + 1) } else { String::new() },
            first: if page > 2 { to(1) } else { String::new() },
            last: if page + 1 < pages { to(pages) } else { String::new() },
            per,
        }
    }

    /// Rows to skip before this page.
    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.per
    }

    /// Rows on a page.
    pub fn per(&self) -> u64 {
        self.per
    }
}

/// One sort order a list offers.
#[derive(Serialize, Debug)]
pub struct SortChoice {
    pub code: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

/// The order asked for (the first of `options` when the request names none or an unknown one)
/// and the choices to show.
pub fn sort_choices(options: &[(&'static str, &'static str)], asked: &str) -> (&'static str, Vec<SortChoice>) {
    let chosen = options.iter().find(|(c, _)| *c == asked).unwrap_or(&options[0]).0;
    let choices = options.iter().map(|&(code, label)| SortChoice { code, label, selected: code == chosen }).collect();
    (chosen, choices)
}

/// How many rows of `query` are in each state of the column `status`, counted in the database
/// (for a list's tabs).
pub async fn count_by<E: sea_orm::EntityTrait>(
    db: &sea_orm::DatabaseConnection,
    query: sea_orm::Select<E>,
    status: E::Column,
) -> Result<std::collections::HashMap<String, i64>, sea_orm::DbErr> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::Expr;
    Ok(query
        .select_only()
        .column(status)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .group_by(status)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// An XLSX file as a download named `name`.
pub fn xlsx_download(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_the_filters_and_stop_at_the_ends() {
        let p = Pager::new("/x", &[("status", "pending"), ("q", "")], Some(3), 95, 30);
        assert_eq!((p.page, p.pages, p.offset()), (3, 4, 60));
        assert_eq!(p.prev, "/x?status=pending&page=2");
        assert_eq!(p.next, "/x?status=pending&page=4");
        assert_eq!(p.first, "/x?status=pending&page=1");
        assert_eq!(p.last, "");
        let end = Pager::new("/x", &[], Some(99), 95, 30);
        assert_eq!((end.page, end.next.as_str(), end.offset()), (4, "", 90));
        let empty = Pager::new("/x", &[], None, 0, 30);
        assert_eq!((empty.page, empty.pages, empty.prev.as_str(), empty.next.as_str()), (1, 1, "", ""));
    }

    #[test]
    fn an_unknown_sort_falls_back_to_the_first() {
        let options = [("new", "最新"), ("name", "名称")];
        assert_eq!(sort_choices(&options, "name").0, "name");
        let (chosen, choices) = sort_choices(&options, "drop table");
        assert_eq!(chosen, "new");
        assert!(choices[0].selected && !choices[1].selected);
    }
}
