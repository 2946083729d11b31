//! The audit trail as an archive for auditors: the events of a date range (Asia/Shanghai days)
//! as CSV or XLSX, headed by the chain's head at export time, so a copy kept elsewhere can be
//! compared with the live chain later. Nothing deletes audit events: the trail is kept whole,
//! far beyond the 180 days 等保 asks for, and a deleted row would break the chain.

use chrono::{DateTime, NaiveDate, Utc};
use entity::audit_event;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::clock::to_shanghai;
use crate::export::inert_cell;

/// The most events one archive file holds (a longer range is asked for in parts).
pub const MAX_EVENTS: u64 = 200_000;

/// The columns: first in words as the auditor's page shows them, then the stored values the
/// chain's hashes are computed over (to check a copy against the live chain).
const HEADINGS: [&str; 14] = [
    "序号",
    "时间（北京时间）",
    "操作人",
    "操作",
    "对象",
    "对象编号",
    "变更内容",
    "原始值：操作人编号",
    "原始值：操作人",
    "原始值：操作",
    "原始值：对象",
    "原始值：变更前",
    "原始值：变更后",
    "哈希",
];

/// The columns written as numbers in a workbook (序号, 操作人编号).
const NUMBERS: [usize; 2] = [0, 7];

/// Who acted, in words, by user id (see [`actor_words`]).
pub type People = std::collections::HashMap<i32, String>;

/// The actor of `e` as the auditor's page names it: the person and their organisation, a
/// visitor, or the system.
pub fn actor_words(e: &audit_event::Model, people: &People) -> String {
    match e.actor_user_id.and_then(|id| people.get(&id)) {
        Some(name) => name.clone(),
        None if e.actor.starts_with("anonymous") => "未登录的访客".to_owned(),
        None => "系统".to_owned(),
    }
}

/// The UTC instants that bound the Shanghai days `from` ..= `to`.
fn bounds(from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start =
        |d: NaiveDate| d.and_hms_opt(0, 0, 0).map_or_else(Utc::now, |t| t.and_utc()) - chrono::Duration::hours(8);
    (start(from), start(to + chrono::Duration::days(1)))
}

/// How many events the range holds.
pub async fn count<C: ConnectionTrait>(db: &C, from: NaiveDate, to: NaiveDate) -> Result<u64, DbErr> {
    let (a, b) = bounds(from, to);
    audit_event::Entity::find()
        .filter(audit_event::Column::OccurredAt.gte(a))
        .filter(audit_event::Column::OccurredAt.lt(b))
        .count(db)
        .await
}

/// The events of the range, oldest first.
pub async fn events<C: ConnectionTrait>(
    db: &C,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<audit_event::Model>, DbErr> {
    let (a, b) = bounds(from, to);
    audit_event::Entity::find()
        .filter(audit_event::Column::OccurredAt.gte(a))
        .filter(audit_event::Column::OccurredAt.lt(b))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
}

fn cells(e: &audit_event::Model, people: &People) -> [String; 14] {
    use crate::audit::labels;
    let changes = labels::changes(&e.entity, e.before.as_deref(), e.after.as_deref())
        .into_iter()
        .map(|c| match (c.before.is_empty(), c.after.is_empty()) {
            (true, _) => format!("{}：{}", c.field, c.after),
            (false, true) => format!("{}：{}（清除）", c.field, c.before),
            (false, false) => format!("{}：{} → {}", c.field, c.before, c.after),
        })
        .collect::<Vec<_>>()
        .join("；");
    [
        e.id.to_string(),
        to_shanghai(e.occurred_at).format("%Y-%m-%d %H:%M:%S").to_string(),
        inert_cell(&actor_words(e, people)),
        inert_cell(&labels::action(&e.action)),
        inert_cell(&labels::entity(&e.entity)),
        inert_cell(&e.entity_id),
        inert_cell(&changes),
        e.actor_user_id.map(|i| i.to_string()).unwrap_or_default(),
        inert_cell(&e.actor),
        inert_cell(&e.action),
        inert_cell(&e.entity),
        inert_cell(e.before.as_deref().unwrap_or_default()),
        inert_cell(e.after.as_deref().unwrap_or_default()),
        e.hash.clone(),
    ]
}

/// The line that heads an archive: what it covers and the chain's head when it was made.
pub fn title(from: NaiveDate, to: NaiveDate, head: Option<&(i64, String)>, now: DateTime<Utc>) -> String {
    let head = head.map_or_else(|| "（无记录）".to_owned(), |(id, h)| format!("第 {id} 条，哈希 {h}"));
    format!("审计日志 {from} 至 {to}；导出于 {}，此时哈希链末条：{head}", to_shanghai(now).format("%Y-%m-%d %H:%M:%S"))
}

/// CSV with a UTF-8 BOM: the title line, the headings, one line per event.
pub fn to_csv(title: &str, events: &[audit_event::Model], people: &People) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::from("\u{feff}".as_bytes()));
    w.write_record([title])?;
    w.write_record(HEADINGS)?;
    for e in events {
        w.write_record(cells(e, people))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// An XLSX workbook with one sheet 审计日志: text cells but for the numbers (nothing a
/// spreadsheet would run), the headings frozen and filterable.
pub fn to_xlsx(title: &str, events: &[audit_event::Model], people: &People) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("审计日志")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, title, &bold)?;
    for (c, h) in HEADINGS.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &bold)?;
    }
    for (i, e) in events.iter().enumerate() {
        for (c, text) in cells(e, people).iter().enumerate() {
            let r = i as u32 + 2;
            match text.parse::<f64>() {
                Ok(n) if NUMBERS.contains(&c) => sheet.write_number(r, c as u16, n)?,
                _ => sheet.write_string(r, c as u16, text.as_str())?,
            };
        }
    }
    sheet.set_freeze_panes(2, 0)?;
    if !events.is_empty() {
        sheet.autofilter(1, 0, events.len() as u32 + 1, HEADINGS.len() as u16 - 1)?;
    }
    for (c, w) in [(1, 20), (2, 24), (3, 16), (6, 40), (11, 40), (12, 40)] {
        sheet.set_column_width(c, w)?;
    }
    Ok(book.save_to_buffer()?)
}
