//! The 建档立卡 register at village level (issue 15): poor households and people per village and
//! year, imported from the office's Excel (XLSX or CSV) whole or not at all — every wrong cell
//! named by its line and column — and compared with the people the village's verified records
//! say they reached that year (more reached than registered is a supervision finding).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

use calamine::{Reader, Xlsx};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entity::{contribution, organisation, pairing, register_entry};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::SessionUser;
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// The columns, by their Chinese headings (or keys).
pub const HEADINGS: &[(&str, &str)] = &[
    ("region_code", "区划代码"),
    ("name", "村名"),
    ("year", "年度"),
    ("households", "建档立卡户数"),
    ("persons", "建档立卡人口"),
];

/// The largest file accepted.
pub const MAX_ROWS: usize = 200_000;

/// One row as read.
pub(crate) struct Row {
    pub(crate) line: usize,
    pub(crate) cells: BTreeMap<&'static str, String>,
}

/// The columns a file must have, by Chinese heading or key, and those it may leave out.
pub(crate) struct Layout {
    pub(crate) headings: &'static [(&'static str, &'static str)],
    pub(crate) optional: &'static [&'static str],
    /// Columns not named here refuse the file (personal data the register does not keep).
    pub(crate) strict: bool,
}

const VILLAGE_LEVEL: Layout = Layout { headings: HEADINGS, optional: &["name"], strict: false };

fn key_of(layout: &Layout, heading: &str) -> Option<&'static str> {
    let h = heading.trim();
    layout.headings.iter().find(|(k, zh)| *k == h || *zh == h).map(|(k, _)| *k)
}

fn rows_of(layout: &Layout, table: Vec<Vec<String>>) -> std::result::Result<Vec<Row>, Vec<String>> {
    let mut it = table.into_iter();
    let required =
        || layout.headings.iter().filter(|(k, _)| !layout.optional.contains(k)).map(|(_, zh)| *zh).collect::<Vec<_>>();
    let Some(head) = it.next() else {
        return Err(vec![format!("文件是空的：第一行应为标题（{}）", required().join("、"))]);
    };
    let keys: Vec<Option<&'static str>> = head.iter().map(|h| key_of(layout, h)).collect();
    let missing: Vec<&str> = layout
        .headings
        .iter()
        .filter(|(k, _)| !layout.optional.contains(k) && !keys.contains(&Some(*k)))
        .map(|(_, zh)| *zh)
        .collect();
    if !missing.is_empty() {
        return Err(vec![format!("第 1 行缺少列：{}", missing.join("、"))]);
    }
    if layout.strict {
        let unknown: Vec<&str> = head
            .iter()
            .zip(&keys)
            .filter(|(h, k)| k.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.trim())
            .collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = layout.headings.iter().map(|(_, zh)| *zh).collect();
            return Err(vec![format!(
                "第 1 行有本表不收的列：{}。只收{}，请删去其他列（身份证号、电话、银行或健康信息不要导入）",
                unknown.join("、"),
                known.join("、")
            )]);
        }
    }
    let mut out = Vec::new();
    for (i, cells) in it.enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut map = BTreeMap::new();
        for (k, v) in keys.iter().zip(cells) {
            if let Some(k) = k {
                map.insert(*k, v.trim().to_owned());
            }
        }
        out.push(Row { line: i + 2, cells: map });
    }
    if out.len() > MAX_ROWS {
        return Err(vec![format!("一次最多导入 {MAX_ROWS} 行，请分批导入")]);
    }
    Ok(out)
}

/// The file's rows: XLSX (the first sheet) or CSV (UTF-8), judged from the bytes.
pub(crate) fn read_as(layout: &Layout, bytes: &[u8]) -> std::result::Result<Vec<Row>, Vec<String>> {
    if bytes.starts_with(b"PK") {
        crate::sheet::check_zip(bytes).map_err(|e| vec![e])?;
        let mut book: Xlsx<_> =
            Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| vec![format!("不是有效的 XLSX 文件：{e}")])?;
        let Some(name) = book.sheet_names().first().cloned() else {
            return Err(vec!["XLSX 文件没有工作表".into()]);
        };
        crate::sheet::check_sheet(&mut book, &name).map_err(|e| vec![e])?;
        let range = book.worksheet_range(&name).map_err(|e| vec![format!("工作表 {name}：{e}")])?;
        let table = range.rows().map(|r| r.iter().map(crate::ledger::cell_text).collect()).collect();
        return rows_of(layout, table);
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| vec!["文件应为 XLSX，或 UTF-8 编码的 CSV".to_owned()])?;
    let table = text.lines().map(csv_cells).collect();
    rows_of(layout, table)
}

/// The cells of one CSV line: commas inside double quotes stay in the cell, `""` is a quote.
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_owned());
    cells
}

/// The most values bound in one query (SQLite allows 32,766; PostgreSQL 65,535).
const CHUNK: usize = 10_000;

/// The rows of an office's register file in `layout` and the villages they name by region code
/// (`verified_only`: refused and pending villages are not taken) — for an office only.
pub(crate) async fn rows_and_villages(
    db: &DatabaseConnection,
    user: &SessionUser,
    layout: &Layout,
    bytes: &[u8],
    verified_only: bool,
) -> Result<(Vec<Row>, BTreeMap<String, organisation::Model>)> {
    if user.role != Role::Office {
        return Err(AppError::Forbidden);
    }
    let rows = read_as(layout, bytes)
        .map_err(|e| AppError::Invalid(e.into_iter().map(|m| ("file".to_owned(), m)).collect()))?;
    if rows.is_empty() {
        return Err(AppError::field("file", "文件里没有数据行"));
    }
    let codes: Vec<String> =
        rows.iter().filter_map(|r| r.cells.get("region_code").cloned()).collect::<BTreeSet<_>>().into_iter().collect();
    let mut villages = BTreeMap::new();
    for chunk in codes.chunks(CHUNK) {
        let mut q = organisation::Entity::find()
            .filter(organisation::Column::Kind.eq(OrgKind::Village.code()))
            .filter(organisation::Column::RegionCode.is_in(chunk.to_vec()));
        q = if verified_only {
            q.filter(organisation::Column::Status.eq(OrgStatus::Verified.code()))
        } else {
            q.filter(organisation::Column::Status.ne(OrgStatus::Rejected.code()))
        };
        villages.extend(q.all(db).await?.into_iter().map(|v| (v.region_code.clone(), v)));
    }
    Ok((rows, villages))
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub rows: usize,
    pub villages: usize,
    pub years: (i32, i32),
}

/// Imports a register file for the villages of `user`'s jurisdiction: checked whole (every
/// problem named by line and column), then written in one transaction with its audit event
/// (a village's figures for a year replace those imported before).
pub async fn import(db: &DatabaseConnection, user: &SessionUser, bytes: &[u8], now: DateTime<Utc>) -> Result<Imported> {
    let (rows, villages) = rows_and_villages(db, user, &VILLAGE_LEVEL, bytes, false).await?;
    let this_year = crate::clock::to_shanghai(now).year();
    let mut errors: Vec<String> = Vec::new();
    let mut seen: BTreeSet<(i32, i32)> = BTreeSet::new();
    let mut entries: Vec<(i32, i32, i32, i32)> = Vec::new();
    for r in &rows {
        let at = |col: &str| format!("第 {} 行「{col}」", r.line);
        let code = r.cells.get("region_code").cloned().unwrap_or_default();
        let village = villages.get(&code);
        match village {
            None => {
                errors.push(format!("{}：找不到区划代码为 {code} 的村（先在平台注册或导入这个村）", at("区划代码")))
            }
            Some(v) if !user.covers(&v.region_code) => {
                errors.push(format!("{}：{} 不在本办辖区", at("区划代码"), v.name))
            }
            Some(v) => {
                if let Some(name) = r.cells.get("name").filter(|n| !n.is_empty())
                    && !v.name.contains(name.as_str())
                {
                    errors.push(format!("{}：区划代码 {code} 是「{}」，与「{name}」不符", at("村名"), v.name));
                }
            }
        }
        let number = |col: &'static str, zh: &str, errors: &mut Vec<String>| -> Option<i32> {
            let raw = r.cells.get(col).cloned().unwrap_or_default();
            let n = raw.replace([',', '，'], "").parse::<i32>().ok().filter(|n| *n >= 0 && *n <= 1_000_000);
            if n.is_none() {
                errors.push(format!("{}：应为 0 或正整数，而不是「{raw}」", at(zh)));
            }
            n
        };
        let year = r.cells.get("year").and_then(|y| y.trim_end_matches('年').parse::<i32>().ok());
        let year = match year {
            Some(y) if (2014..=this_year).contains(&y) => Some(y),
            _ => {
                errors.push(format!("{}：应为 2014 到 {this_year} 之间的年份", at("年度")));
                None
            }
        };
        let households = number("households", "建档立卡户数", &mut errors);
        let persons = number("persons", "建档立卡人口", &mut errors);
        if let (Some(h), Some(p)) = (households, persons)
            && p < h
        {
            errors.push(format!("{}：人口 {p} 少于户数 {h}", at("建档立卡人口")));
        }
        if let (Some(v), Some(y), Some(h), Some(p)) = (village, year, households, persons) {
            if !seen.insert((v.id, y)) {
                errors.push(format!("第 {} 行：{} {y} 年在文件中出现了两次", r.line, v.name));
            }
            entries.push((v.id, y, h, p));
        }
        if errors.len() >= 50 {
            errors.push("错误较多，只列出前 50 条；请改正后重新导入".into());
            break;
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors.into_iter().map(|m| ("file".to_owned(), m)).collect()));
    }
    let txn = crate::db::write(db).await?;
    for &(village, year, households, persons) in &entries {
        register_entry::Entity::delete_many()
            .filter(register_entry::Column::VillageId.eq(village))
            .filter(register_entry::Column::Year.eq(year))
            .exec(&txn)
            .await?;
        register_entry::ActiveModel {
            village_id: Set(village),
            year: Set(year),
            households: Set(households),
            persons: Set(persons),
            imported_by: Set(user.id),
            imported_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    let years = (
        entries.iter().map(|e| e.1).min().unwrap_or(this_year),
        entries.iter().map(|e| e.1).max().unwrap_or(this_year),
    );
    let village_count = entries.iter().map(|e| e.0).collect::<BTreeSet<_>>().len();
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "register.import",
            entity: "register_entry",
            entity_id: format!("{}-{}", years.0, years.1),
            before: None,
            after: Some(serde_json::json!({ "rows": entries.len(), "village_count": village_count })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(Imported { rows: entries.len(), villages: village_count, years })
}

/// A village's register for a year: the village-level figures the office imported, or else the
/// sum of its household rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registered {
    pub households: i64,
    pub persons: i64,
    /// Counted from household rows (no village-level figure for the year).
    pub by_household: bool,
}

/// Each registered village's figures for `year`.
pub async fn registered<C: ConnectionTrait>(db: &C, year: i32) -> Result<std::collections::HashMap<i32, Registered>> {
    let mut out: std::collections::HashMap<i32, Registered> = super::households::figures(db, year)
        .await?
        .into_iter()
        .map(|(v, (households, persons))| (v, Registered { households, persons, by_household: true }))
        .collect();
    for e in register_entry::Entity::find().filter(register_entry::Column::Year.eq(year)).all(db).await? {
        out.insert(
            e.village_id,
            Registered { households: e.households.into(), persons: e.persons.into(), by_household: false },
        );
    }
    Ok(out)
}

/// People the verified records of each village reached in `year` (records taken off by an
/// upheld objection excluded).
pub async fn reached<C: ConnectionTrait>(db: &C, year: i32) -> Result<BTreeMap<i32, i64>> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let stmt = Query::select()
        .column((pairing::Entity, pairing::Column::VillageId))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"contribution\".\"persons\"), 0) AS BIGINT)"), Alias::new("persons"))
        .from(contribution::Entity)
        .apply(|q| crate::cockpit::joined_to_pairing(q, "", from, to))
        .group_by_col((pairing::Entity, pairing::Column::VillageId))
        .to_owned();
    let mut out = BTreeMap::new();
    for row in db.query_all_raw(db.get_database_backend().build(&stmt)).await? {
        let v: i32 = row.try_get_by_index(0)?;
        let n: i64 = row.try_get("", "persons")?;
        out.insert(v, n);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_keep_quoted_commas() {
        assert_eq!(csv_cells(r#"a,"张,三", "说""好"" ",b"#), vec!["a", "张,三", "说\"好\"", "b"]);
        assert_eq!(csv_cells(""), vec![""]);
    }

    #[test]
    fn a_file_needs_its_headings_and_reads_chinese_or_keys() {
        assert!(read_as(&VILLAGE_LEVEL, b"a,b\n1,2").is_err());
        let rows =
            read_as(&VILLAGE_LEVEL, "区划代码,年度,建档立卡户数,建档立卡人口\n360902101201,2026,12,40\n\n".as_bytes())
                .expect("rows");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].cells.get("persons").map(String::as_str), Some("40"));
        let keys = read_as(&VILLAGE_LEVEL, b"region_code,year,households,persons\n1,2,3,4").expect("keys");
        assert_eq!(keys[0].cells.get("year").map(String::as_str), Some("2"));
    }
}
