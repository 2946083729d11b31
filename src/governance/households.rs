//! Household-level rows of the 建档立卡 register (issue 15), private by design (PIPL):
//!
//! - **Who sees them**: the village's own verified staff, the offices covering the village and
//!   auditors. Nobody else: no public page, no API for other roles, no export.
//! - **What is kept**: only what the register's purpose needs — the register's household number,
//!   the head's name (sealed at rest), the household's size and the years it was registered,
//!   lifted and left the register. No ID number, phone, bank or health data is accepted.
//! - **How long**: while the household is on the register (a lifted household stays: 常态化帮扶
//!   goes on watching and helping it); the head's name is erased [`RETENTION_YEARS`] full years
//!   after the household left the register (户销户, moved away); the counts stay.
//! - **What for**: the village's registered households and people when the office has not typed
//!   the village-level figure, so that the people the verified records say they reached can be
//!   checked against them.
//!
//! Imported from the office's Excel whole or not at all, every wrong cell named by its line and
//! column; a household already on the register (same village, same number) is updated, never
//! duplicated.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Utc};
use entity::{household, organisation};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::register::{Layout, rows_and_villages};
use crate::audit::{self, Actor, Event};
use crate::auth::Role;
use crate::auth::guard::SessionUser;
use crate::crypto::Sealer;
use crate::domain::{OrgKind, OrgStatus};
use crate::error::{AppError, Result};

/// The columns, by their Chinese headings (or keys).
pub const HEADINGS: &[(&str, &str)] = &[
    ("region_code", "区划代码"),
    ("code", "户编号"),
    ("head_name", "户主姓名"),
    ("members", "家庭人口"),
    ("registered_year", "识别年度"),
    ("lifted_year", "脱贫年度"),
    ("left_year", "退出年度"),
];

const LAYOUT: Layout = Layout { headings: HEADINGS, optional: &["lifted_year", "left_year"], strict: true };

/// Whether a 户编号 could be an identity card number or a phone number (the register keeps
/// neither).
fn looks_personal(code: &str) -> bool {
    let id = code.len() == 18
        && code[..17].chars().all(|c| c.is_ascii_digit())
        && code[17..].chars().all(|c| c.is_ascii_digit() || c == 'X' || c == 'x');
    id || crate::auth::contains_mobile(code)
}

/// Full years after a household left the register before its head's name is erased.
pub const RETENTION_YEARS: i32 = 5;

/// What an erased name reads.
pub const ERASED: &str = "（已按期删除）";

/// The largest household the register takes.
pub const MAX_MEMBERS: i32 = 30;

/// Whether `user` may read the households of `village`: its own verified staff, an office
/// covering it, an auditor.
pub fn may_read(user: &SessionUser, village: &organisation::Model) -> bool {
    if village.kind != OrgKind::Village.code() {
        return false;
    }
    match user.role {
        Role::Village => {
            user.organisation_id == Some(village.id) && user.organisation_status == Some(OrgStatus::Verified)
        }
        Role::Office => user.covers(&village.region_code),
        Role::Auditor => true,
        _ => false,
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
    pub villages: usize,
}

/// One checked row.
struct Checked {
    village: i32,
    code: String,
    head: String,
    members: i32,
    registered: i32,
    lifted: Option<i32>,
    left: Option<i32>,
}

/// A head's name as the register may hold it: 2–20 characters, no digits (an ID number or a
/// phone has no place here), no separators of a list.
pub(crate) fn name_ok(name: &str) -> bool {
    let n = name.chars().count();
    (2..=20).contains(&n)
        && !name.chars().any(char::is_numeric)
        && !name.contains(['@', ';', '；', ',', '，', '/', '\\'])
}

/// Imports a household file for the villages of `office`'s jurisdiction: checked whole, then
/// written in one transaction with its audit event (which counts rows and names no one).
pub async fn import(
    db: &DatabaseConnection,
    sealer: &Sealer,
    user: &SessionUser,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Imported> {
    let (rows, villages) = rows_and_villages(db, user, &LAYOUT, bytes, true).await?;
    let this_year = crate::clock::to_shanghai(now).year();
    let mut errors: Vec<String> = Vec::new();
    let mut seen: BTreeMap<(i32, String), usize> = BTreeMap::new();
    let mut checked: Vec<Checked> = Vec::new();
    for r in &rows {
        let at = |col: &str| format!("第 {} 行「{col}」", r.line);
        let cell = |k: &str| r.cells.get(k).cloned().unwrap_or_default();
        let code = cell("region_code");
        let village = match villages.get(&code) {
            None => {
                errors.push(format!("{}：找不到区划代码为 {code} 的已认证村", at("区划代码")));
                None
            }
            Some(v) if !user.covers(&v.region_code) => {
                errors.push(format!("{}：{} 不在本办辖区", at("区划代码"), v.name));
                None
            }
            Some(v) => Some(v),
        };
        let number = cell("code");
        if number.is_empty() || number.chars().count() > 32 {
            errors.push(format!("{}：应填写户编号（不超过 32 个字符）", at("户编号")));
        } else if looks_personal(&number) {
            errors.push(format!("{}：像是身份证号或电话号码；请填写台账自己的户编号", at("户编号")));
        }
        let head = cell("head_name");
        if !name_ok(&head) {
            errors.push(format!("{}：应为 2–20 个字的姓名，不含数字（身份证号、电话等不要填入）", at("户主姓名")));
        }
        let members = cell("members").parse::<i32>().ok().filter(|n| (1..=MAX_MEMBERS).contains(n));
        if members.is_none() {
            errors.push(format!("{}：应为 1 到 {MAX_MEMBERS} 的整数，而不是「{}」", at("家庭人口"), cell("members")));
        }
        let year = |k: &str| cell(k).trim_end_matches('年').parse::<i32>().ok();
        let registered = year("registered_year").filter(|y| (2014..=this_year).contains(y));
        if registered.is_none() {
            errors.push(format!("{}：应为 2014 到 {this_year} 之间的年份", at("识别年度")));
        }
        let lifted = if cell("lifted_year").is_empty() {
            Some(None)
        } else {
            match (year("lifted_year"), registered) {
                (Some(l), Some(r)) if l >= r && l <= this_year => Some(Some(l)),
                (Some(_), None) => None,
                _ => {
                    errors.push(format!("{}：应为识别年度到 {this_year} 之间的年份，未脱贫的留空", at("脱贫年度")));
                    None
                }
            }
        };
        let left = if cell("left_year").is_empty() {
            Some(None)
        } else {
            match (year("left_year"), registered) {
                (Some(l), Some(r)) if l >= r && l <= this_year => Some(Some(l)),
                (Some(_), None) => None,
                _ => {
                    errors.push(format!("{}：应为识别年度到 {this_year} 之间的年份，仍在册的留空", at("退出年度")));
                    None
                }
            }
        };
        if let (Some(Some(l)), Some(Some(x))) = (lifted, left)
            && x < l
        {
            errors.push(format!("{}：{x} 早于脱贫年度 {l}", at("退出年度")));
        }
        if let (Some(v), Some(m), Some(reg), Some(lifted), Some(left)) = (village, members, registered, lifted, left) {
            if let Some(first) = seen.get(&(v.id, number.clone())) {
                errors.push(format!("{}：{} 的户编号 {number} 与第 {first} 行重复", at("户编号"), v.name));
            } else {
                seen.insert((v.id, number.clone()), r.line);
            }
            checked.push(Checked { village: v.id, code: number, head, members: m, registered: reg, lifted, left });
        }
        if errors.len() >= 50 {
            errors.push("错误较多，只列出前 50 条；请改正后重新导入".into());
            break;
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors.into_iter().map(|m| ("file".to_owned(), m)).collect()));
    }
    let touched: BTreeSet<i32> = checked.iter().map(|c| c.village).collect();
    let txn = crate::db::write(db).await?;
    // Within the transaction: what is already on the register for these villages (in chunks: a
    // national file names more villages than one query may bind).
    let mut existing: HashMap<(i32, String), i32> = HashMap::new();
    for chunk in touched.iter().copied().collect::<Vec<_>>().chunks(10_000) {
        let found =
            household::Entity::find().filter(household::Column::VillageId.is_in(chunk.to_vec())).all(&txn).await?;
        existing.extend(found.into_iter().map(|h| ((h.village_id, h.code), h.id)));
    }
    let (mut added, mut updated) = (0, 0);
    let last_kept = this_year - RETENTION_YEARS - 1;
    for c in checked {
        // A household that left long enough ago keeps no name, imported again or not.
        let head = if c.left.is_some_and(|l| l <= last_kept) { ERASED.to_owned() } else { sealer.seal(&c.head) };
        let known = existing.get(&(c.village, c.code.clone())).copied();
        let row = household::ActiveModel {
            id: known.map_or(sea_orm::ActiveValue::NotSet, Set),
            village_id: Set(c.village),
            code: Set(c.code),
            head_name: Set(head),
            members: Set(c.members),
            registered_year: Set(c.registered),
            lifted_year: Set(c.lifted),
            left_year: Set(c.left),
            imported_by: Set(user.id),
            imported_at: Set(now),
            updated_at: Set(now),
        };
        if known.is_some() {
            row.update(&txn).await?;
            updated += 1;
        } else {
            row.insert(&txn).await?;
            added += 1;
        }
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "household.import",
            entity: "household",
            entity_id: String::new(),
            before: None,
            after: Some(serde_json::json!({ "added": added, "updated": updated, "village_count": touched.len() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(Imported { added, updated, villages: touched.len() })
}

/// One household as its readers see it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shown {
    pub id: i32,
    pub code: String,
    pub head: String,
    pub members: i32,
    pub registered_year: i32,
    pub lifted_year: Option<i32>,
    pub left_year: Option<i32>,
}

/// A stored head's name opened for a reader (the erased mark as it is).
pub fn open_name(sealed: &str, sealer: &Sealer) -> String {
    if sealed == ERASED {
        ERASED.to_owned()
    } else {
        sealer.open(sealed).unwrap_or_else(|| "（无法读取）".into())
    }
}

/// The households of `village`, by number, names opened — for a reader [`may_read`] allows.
pub async fn of_village<C: ConnectionTrait>(db: &C, sealer: &Sealer, village: i32) -> Result<Vec<Shown>> {
    Ok(household::Entity::find()
        .filter(household::Column::VillageId.eq(village))
        .order_by_asc(household::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|h| Shown {
            id: h.id,
            head: open_name(&h.head_name, sealer),
            code: h.code,
            members: h.members,
            registered_year: h.registered_year,
            lifted_year: h.lifted_year,
            left_year: h.left_year,
        })
        .collect())
}

/// Households and people on each village's household rows as of `year` (registered that year
/// or before, and not left the register before it).
pub async fn figures<C: ConnectionTrait>(db: &C, year: i32) -> Result<HashMap<i32, (i64, i64)>> {
    let stmt = Query::select()
        .column(household::Column::VillageId)
        .expr_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), Alias::new("households"))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(\"members\"), 0) AS BIGINT)"), Alias::new("persons"))
        .from(household::Entity)
        .and_where(household::Column::RegisteredYear.lte(year))
        .and_where(household::Column::LeftYear.is_null().or(household::Column::LeftYear.gte(year)))
        .group_by_col(household::Column::VillageId)
        .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all_raw(db.get_database_backend().build(&stmt)).await? {
        let v: i32 = row.try_get_by_index(0)?;
        out.insert(v, (row.try_get("", "households")?, row.try_get("", "persons")?));
    }
    Ok(out)
}

/// Erases the head's name of households that left the register more than [`RETENTION_YEARS`]
/// full years before `now`'s year; returns how many. The counts stay.
pub async fn erase_expired_names(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64> {
    let last_kept = crate::clock::to_shanghai(now).year() - RETENTION_YEARS - 1;
    let txn = crate::db::write(db).await?;
    let done = household::Entity::update_many()
        .col_expr(household::Column::HeadName, Expr::value(ERASED))
        .col_expr(household::Column::UpdatedAt, Expr::value(now))
        .filter(household::Column::LeftYear.lte(last_kept))
        .filter(household::Column::HeadName.ne(ERASED))
        .exec(&txn)
        .await?;
    // The paired cadres' notes on those households go with the names.
    super::cadres::erase_notes_of_erased(&txn).await?;
    if done.rows_affected > 0 {
        audit::record(
            &txn,
            now,
            &Actor::system("retention"),
            Event {
                action: "household.names_erased",
                entity: "household",
                entity_id: String::new(),
                before: None,
                after: Some(serde_json::json!({ "count": done.rows_affected, "left_by": last_kept })),
            },
        )
        .await?;
    }
    crate::db::commit(txn).await?;
    Ok(done.rows_affected)
}

/// Seals head names stored readable (written by the demo loader); run when a node starts.
/// Returns how many.
pub async fn seal_plain_names(db: &DatabaseConnection, sealer: &Sealer) -> Result<u64> {
    let plain: Vec<household::Model> = household::Entity::find()
        .filter(household::Column::HeadName.not_like("s1:%"))
        .filter(household::Column::HeadName.ne(ERASED))
        .all(db)
        .await?;
    if plain.is_empty() {
        return Ok(0);
    }
    let txn = crate::db::write(db).await?;
    for h in &plain {
        household::ActiveModel { id: Set(h.id), head_name: Set(sealer.seal(&h.head_name)), ..Default::default() }
            .update(&txn)
            .await?;
    }
    crate::db::commit(txn).await?;
    Ok(plain.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::super::register::read_as;
    use super::*;

    #[test]
    fn a_head_name_is_a_name_and_nothing_else() {
        assert!(name_ok("张三"));
        assert!(name_ok("欧阳秀英"));
        assert!(!name_ok("张"));
        assert!(!name_ok("张三13907950000"));
        assert!(!name_ok("李四 36090219800101123X"));
        assert!(!name_ok("王五；赵六"));
    }

    #[test]
    fn the_file_names_its_missing_columns() {
        let Err(e) = read_as(&LAYOUT, "区划代码,户编号,户主姓名\n1,2,3".as_bytes()) else {
            panic!("accepted")
        };
        assert!(e[0].contains("家庭人口") && e[0].contains("识别年度") && !e[0].contains("脱贫年度"), "{e:?}");
    }
}
