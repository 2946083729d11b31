//! Importing reference data: official NBS region files and GB/T 4754 industry files (CSV).
//! A file is read and checked whole first; then it is written in one transaction with its audit
//! event, so a bad row imports nothing. Re-importing the same file changes nothing.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use entity::{industry, region};
use indicatif::ProgressBar;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Serialize;

use crate::audit::{self, Actor, Event};

/// A problem with one line of an import file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("第 {line} 行：{message}")]
    Line { line: u64, message: String },
    #[error("文件格式不对：{0}")]
    Format(String),
    #[error("无法读取文件：{0}")]
    Io(#[from] std::io::Error),
    #[error("数据库错误：{0}")]
    Db(#[from] sea_orm::DbErr),
}

/// What an import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "共 {} 条：新增 {}，更新 {}，未变 {}", self.rows, self.inserted, self.updated, self.unchanged)
    }
}

/// One reference row (region or industry) after parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RefRow {
    code: String,
    name: String,
    level: i16,
    parent: Option<String>,
}

fn line_err(line: u64, message: impl Into<String>) -> ImportError {
    ImportError::Line { line, message: message.into() }
}

struct Table {
    headers: HashMap<String, usize>,
    records: Vec<(u64, csv::StringRecord)>,
}

impl Table {
    fn read(bytes: &[u8]) -> Result<Self, ImportError> {
        // Excel writes a UTF-8 BOM; accept it.
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| ImportError::Format(format!("无法读取表头：{e}")))?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
            .collect();
        let mut records = Vec::new();
        for result in reader.records() {
            let record = result.map_err(|e| {
                let line = e.position().map_or(0, csv::Position::line);
                match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        line_err(line, format!("应有 {expected_len} 列，实际 {len} 列"))
                    }
                    csv::ErrorKind::Utf8 { .. } => line_err(line, "不是 UTF-8 编码（请在 Excel 中另存为“CSV UTF-8”）"),
                    _ => line_err(line, e.to_string()),
                }
            })?;
            let line = record.position().map_or(0, csv::Position::line);
            records.push((line, record));
        }
        Ok(Self { headers, records })
    }

    fn has(&self, col: &str) -> bool {
        self.headers.contains_key(col)
    }

    fn require(&self, cols: &[&str]) -> Result<(), ImportError> {
        let missing: Vec<&str> = cols.iter().copied().filter(|c| !self.has(c)).collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(ImportError::Format(format!("缺少列：{}", missing.join(", "))))
        }
    }

    fn get<'r>(&self, record: &'r csv::StringRecord, col: &str) -> &'r str {
        self.headers.get(col).and_then(|i| record.get(*i)).map_or("", str::trim)
    }
}

/// Normalises a 6- or 12-digit region code to 12 digits.
fn region_code(raw: &str, line: u64, what: &str) -> Result<String, ImportError> {
    if !raw.bytes().all(|b| b.is_ascii_digit()) || !(raw.len() == 6 || raw.len() == 12) {
        return Err(line_err(line, format!("{what}「{raw}」不是 6 位或 12 位数字区划代码")));
    }
    Ok(format!("{raw:0<12}"))
}

/// The level a 12-digit code implies: 1 province … 5 village.
fn level_of(code: &str) -> i16 {
    if code[2..].bytes().all(|b| b == b'0') {
        1
    } else if code[4..].bytes().all(|b| b == b'0') {
        2
    } else if code[6..].bytes().all(|b| b == b'0') {
        3
    } else if code[9..].bytes().all(|b| b == b'0') {
        4
    } else {
        5
    }
}

/// The code of the level above, from the code's own structure.
fn parent_of(code: &str) -> Option<String> {
    match level_of(code) {
        1 => None,
        2 => Some(format!("{:0<12}", &code[..2])),
        3 => Some(format!("{:0<12}", &code[..4])),
        4 => Some(format!("{:0<12}", &code[..6])),
        _ => Some(format!("{:0<12}", &code[..9])),
    }
}

fn parse_regions(table: &Table) -> Result<Vec<RefRow>, ImportError> {
    let mut rows = Vec::new();
    if table.has("province_name") {
        // The national county list: each row also names its prefecture and province.
        table.require(&["code", "name", "parent_code", "city_name", "province_code", "province_name"])?;
        for (line, r) in &table.records {
            let line = *line;
            let code = region_code(table.get(r, "code"), line, "code")?;
            let city = region_code(table.get(r, "parent_code"), line, "parent_code")?;
            let province = region_code(table.get(r, "province_code"), line, "province_code")?;
            for (name, col) in [
                (table.get(r, "name"), "name"),
                (table.get(r, "city_name"), "city_name"),
                (table.get(r, "province_name"), "province_name"),
            ] {
                if name.is_empty() {
                    return Err(line_err(line, format!("{col} 不能为空")));
                }
            }
            if !code.starts_with(&province[..2]) || !code.starts_with(&city[..4]) {
                return Err(line_err(line, format!("代码 {code} 不属于上级 {city} / {province}")));
            }
            rows.push(RefRow {
                code: province.clone(),
                name: table.get(r, "province_name").into(),
                level: 1,
                parent: None,
            });
            if city != province {
                rows.push(RefRow {
                    code: city.clone(),
                    name: table.get(r, "city_name").into(),
                    level: 2,
                    parent: Some(province),
                });
            }
            rows.push(RefRow { code, name: table.get(r, "name").into(), level: 3, parent: Some(city) });
        }
    } else {
        table.require(&["code", "name"])?;
        for (line, r) in &table.records {
            let line = *line;
            let code = region_code(table.get(r, "code"), line, "code")?;
            let name = table.get(r, "name");
            if name.is_empty() {
                return Err(line_err(line, "name 不能为空"));
            }
            if name.chars().count() > 100 {
                return Err(line_err(line, "name 超过 100 个字"));
            }
            let implied = level_of(&code);
            let level = match table.get(r, "level") {
                "" => implied,
                raw => raw
                    .parse::<i16>()
                    .ok()
                    .filter(|l| (1..=5).contains(l))
                    .ok_or_else(|| line_err(line, format!("level「{raw}」应为 1–5")))?,
            };
            if level != implied {
                return Err(line_err(line, format!("level {level} 与代码 {code} 的层级 {implied} 不符")));
            }
            let parent = match table.get(r, "parent_code") {
                "" => parent_of(&code),
                raw => Some(region_code(raw, line, "parent_code")?),
            };
            if let Some(p) = &parent
                && (level_of(p) >= level || parent_of(&code).as_deref() != Some(p.as_str()))
            {
                return Err(line_err(line, format!("parent_code {p} 不是 {code} 的上级")));
            }
            rows.push(RefRow { code, name: name.into(), level, parent });
        }
    }
    dedupe(rows)
}

/// Rows repeated with identical content are merged (the county list repeats each city);
/// the same code with different content is an error.
fn dedupe(rows: Vec<RefRow>) -> Result<Vec<RefRow>, ImportError> {
    let mut seen: HashMap<String, RefRow> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        match seen.get(&row.code) {
            Some(prev) if prev == &row => {}
            Some(prev) => {
                return Err(ImportError::Format(format!(
                    "代码 {} 出现多次且内容不同（「{}」与「{}」）",
                    row.code, prev.name, row.name
                )));
            }
            None => {
                seen.insert(row.code.clone(), row.clone());
                out.push(row);
            }
        }
    }
    Ok(out)
}

fn parse_industries(table: &Table) -> Result<Vec<RefRow>, ImportError> {
    table.require(&["code", "name"])?;
    let mut rows = Vec::new();
    for (line, r) in &table.records {
        let line = *line;
        let code = table.get(r, "code");
        let implied = match code.len() {
            1 if code.bytes().all(|b| b.is_ascii_uppercase()) => 1,
            2..=4 if code.bytes().all(|b| b.is_ascii_digit()) => code.len() as i16,
            _ => return Err(line_err(line, format!("code「{code}」不是 GB/T 4754 门类字母或 2–4 位数字代码"))),
        };
        let name = table.get(r, "name");
        if name.is_empty() {
            return Err(line_err(line, "name 不能为空"));
        }
        if let raw @ ("1" | "2" | "3" | "4" | "") = table.get(r, "level") {
            if !raw.is_empty() && raw.parse::<i16>().ok() != Some(implied) {
                return Err(line_err(line, format!("level {raw} 与代码 {code} 不符")));
            }
        } else {
            return Err(line_err(line, format!("level「{}」应为 1–4", table.get(r, "level"))));
        }
        let parent = match table.get(r, "parent") {
            "" if implied == 1 => None,
            "" => return Err(line_err(line, format!("{code} 缺少 parent"))),
            p if implied > 2 && !code.starts_with(p) => {
                return Err(line_err(line, format!("parent {p} 不是 {code} 的上级")));
            }
            p => Some(p.to_owned()),
        };
        rows.push(RefRow { code: code.into(), name: name.into(), level: implied, parent });
    }
    let known: HashSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    for (row, (line, _)) in rows.iter().zip(&table.records) {
        if let Some(p) = &row.parent
            && !known.contains(p.as_str())
        {
            return Err(line_err(*line, format!("parent {p} 不在文件中")));
        }
    }
    dedupe(rows)
}

/// Imports a region file (the NBS village-level layout or the national county list).
pub async fn regions(
    db: &DatabaseConnection,
    path: &Path,
    at: DateTime<Utc>,
    progress: &ProgressBar,
) -> Result<ImportSummary, ImportError> {
    let bytes = std::fs::read(path)?;
    let rows = parse_regions(&Table::read(&bytes)?)?;
    write_rows::<RegionTable>(db, rows, "import.regions", path, at, progress).await
}

/// Imports a GB/T 4754 industry file.
pub async fn industries(
    db: &DatabaseConnection,
    path: &Path,
    at: DateTime<Utc>,
    progress: &ProgressBar,
) -> Result<ImportSummary, ImportError> {
    let bytes = std::fs::read(path)?;
    let rows = parse_industries(&Table::read(&bytes)?)?;
    write_rows::<IndustryTable>(db, rows, "import.industries", path, at, progress).await
}

/// The two reference tables share one writer.
trait RefTable {
    const ENTITY: &'static str;
    async fn existing<C: sea_orm::ConnectionTrait>(
        db: &C,
        codes: Vec<String>,
    ) -> Result<HashMap<String, RefRow>, sea_orm::DbErr>;
    async fn insert<C: sea_orm::ConnectionTrait>(db: &C, rows: &[RefRow]) -> Result<(), sea_orm::DbErr>;
    async fn update<C: sea_orm::ConnectionTrait>(db: &C, row: &RefRow) -> Result<(), sea_orm::DbErr>;
}

struct RegionTable;
struct IndustryTable;

macro_rules! ref_table {
    ($ty:ident, $entity:literal, $module:ident) => {
        impl RefTable for $ty {
            const ENTITY: &'static str = $entity;

            async fn existing<C: sea_orm::ConnectionTrait>(
                db: &C,
                codes: Vec<String>,
            ) -> Result<HashMap<String, RefRow>, sea_orm::DbErr> {
                Ok($module::Entity::find()
                    .filter($module::Column::Code.is_in(codes))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|m| {
                        (m.code.clone(), RefRow { code: m.code, name: m.name, level: m.level, parent: m.parent_code })
                    })
                    .collect())
            }

            async fn insert<C: sea_orm::ConnectionTrait>(db: &C, rows: &[RefRow]) -> Result<(), sea_orm::DbErr> {
                if rows.is_empty() {
                    return Ok(());
                }
                $module::Entity::insert_many(rows.iter().map(|r| $module::ActiveModel {
                    code: Set(r.code.clone()),
                    name: Set(r.name.clone()),
                    level: Set(r.level),
                    parent_code: Set(r.parent.clone()),
                }))
                .exec_without_returning(db)
                .await?;
                Ok(())
            }

            async fn update<C: sea_orm::ConnectionTrait>(db: &C, r: &RefRow) -> Result<(), sea_orm::DbErr> {
                $module::Entity::update($module::ActiveModel {
                    code: Set(r.code.clone()),
                    name: Set(r.name.clone()),
                    level: Set(r.level),
                    parent_code: Set(r.parent.clone()),
                })
                .exec(db)
                .await?;
                Ok(())
            }
        }
    };
}

ref_table!(RegionTable, "region", region);
ref_table!(IndustryTable, "industry", industry);

const CHUNK: usize = 500;

async fn write_rows<T: RefTable>(
    db: &DatabaseConnection,
    rows: Vec<RefRow>,
    action: &str,
    path: &Path,
    at: DateTime<Utc>,
    progress: &ProgressBar,
) -> Result<ImportSummary, ImportError> {
    progress.set_length(rows.len() as u64);
    let txn = crate::db::write(db).await?;
    let mut summary = ImportSummary { rows: rows.len() as u64, ..Default::default() };
    for chunk in rows.chunks(CHUNK) {
        let existing = T::existing(&txn, chunk.iter().map(|r| r.code.clone()).collect()).await?;
        let mut fresh = Vec::new();
        for row in chunk {
            match existing.get(&row.code) {
                None => fresh.push(row.clone()),
                Some(old) if old == row => summary.unchanged += 1,
                Some(_) => {
                    T::update(&txn, row).await?;
                    summary.updated += 1;
                }
            }
        }
        summary.inserted += fresh.len() as u64;
        T::insert(&txn, &fresh).await?;
        progress.inc(chunk.len() as u64);
    }
    if summary.inserted + summary.updated > 0 {
        let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        audit::record(
            &txn,
            at,
            &Actor::system("import"),
            Event {
                action,
                entity: T::ENTITY,
                entity_id: file.clone(),
                before: None,
                after: Some(serde_json::json!({ "file": file, "summary": summary })),
            },
        )
        .await?;
    }
    crate::db::commit(txn).await?;
    progress.finish_and_clear();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_parents_follow_the_code() {
        assert_eq!(level_of("360000000000"), 1);
        assert_eq!(level_of("360900000000"), 2);
        assert_eq!(level_of("360902000000"), 3);
        assert_eq!(level_of("360902001000"), 4);
        assert_eq!(level_of("360902001001"), 5);
        assert_eq!(parent_of("360902001001").as_deref(), Some("360902001000"));
        assert_eq!(parent_of("360902000000").as_deref(), Some("360900000000"));
        assert_eq!(region_code("360902", 2, "code").ok().as_deref(), Some("360902000000"));
        assert!(region_code("36090X", 2, "code").is_err());
    }
}
