//! Working days (工作日) for deadlines set in working days: Monday to Friday, except the public
//! holidays of the year's official arrangement, plus the weekend days it makes working days
//! (调休上班). The arrangement is published once a year; the system administrator enters it on
//! `/admin/calendar` (kept in the `calendar.days` setting) — the product does not ship it. With
//! no entry for a period, weekends alone are days off.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::audit::{self, Actor, Event};
use crate::auth::guard::SessionUser;
use crate::error::{AppError, Result};

/// The setting that keeps the arrangement as the administrator wrote it (notes kept).
pub const SETTING: &str = "calendar.days";

/// The most lines the arrangement may have (a few years of holidays).
const MAX_LINES: usize = 400;

/// The year's arrangement: days off on weekdays (`false`) and working weekend days (`true`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, bool>,
}

impl Calendar {
    /// Reads the arrangement: a line is `2026-10-01 休` or `2026-10-10 班`, with anything after
    /// `#` a comment; empty lines are skipped. Each wrong line is named.
    pub fn parse(text: &str) -> std::result::Result<Calendar, Vec<String>> {
        let mut days = BTreeMap::new();
        let mut seen: BTreeMap<NaiveDate, (usize, bool)> = BTreeMap::new();
        let mut errors = Vec::new();
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > MAX_LINES {
            return Err(vec![format!("最多 {MAX_LINES} 行")]);
        }
        for (i, line) in lines.iter().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(day), Some(kind), None) = (parts.next(), parts.next(), parts.next()) else {
                errors.push(format!("第 {} 行：应为「日期 休」或「日期 班」，如 2026-10-01 休", i + 1));
                continue;
            };
            let Ok(day) = NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
                errors.push(format!("第 {} 行：「{day}」不是有效的日期（写作 2026-10-01 这样）", i + 1));
                continue;
            };
            if !(2000..=2100).contains(&day.year()) {
                errors.push(format!("第 {} 行：{day} 的年份应在 2000 到 2100 之间", i + 1));
                continue;
            }
            // In Chinese as the notices of the State Council write them; in English as the page
            // in English explains them.
            let working = match kind {
                "休" | "off" | "OFF" | "Off" => false,
                "班" | "work" | "WORK" | "Work" => true,
                _ => {
                    errors.push(format!("第 {} 行：「{kind}」应为「休」（放假）或「班」（调休上班）", i + 1));
                    continue;
                }
            };
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            if let Some((first, _)) = seen.get(&day) {
                errors.push(format!("第 {} 行：{day} 在第 {first} 行已经写过", i + 1));
            } else if working && !weekend {
                errors.push(format!("第 {} 行：{day} 是工作日，不必写「班」", i + 1));
            } else if !working && weekend {
                errors.push(format!("第 {} 行：{day} 是周末，本就休息，不必写「休」", i + 1));
            } else {
                days.insert(day, working);
            }
            seen.insert(day, (i + 1, working));
        }
        if errors.is_empty() { Ok(Calendar { days }) } else { Err(errors) }
    }

    /// The arrangement as it is written (sorted, one day a line).
    pub fn text(&self) -> String {
        self.days.iter().map(|(d, w)| format!("{d} {}\n", if *w { "班" } else { "休" })).collect()
    }

    /// How many days it names.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    /// Whether it names no day.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// Whether `day` is a working day.
    pub fn is_working(&self, day: NaiveDate) -> bool {
        self.days.get(&day).copied().unwrap_or(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// The `n`th working day after `day` (the day itself does not count).
    pub fn add_working_days(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut d = day;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_working(d) {
                left -= 1;
            }
        }
        d
    }
}

/// The arrangement in force (empty when none was entered or the stored text no longer reads).
pub async fn load<C: ConnectionTrait>(db: &C) -> Result<Calendar> {
    let text = crate::db::setting(db, SETTING).await?.unwrap_or_default();
    Ok(Calendar::parse(&text).unwrap_or_default())
}

/// Replaces the arrangement with `text` (checked whole; every wrong line named under the
/// field), in one transaction with its audit event.
pub async fn save(db: &DatabaseConnection, user: &SessionUser, text: &str, now: DateTime<Utc>) -> Result<Calendar> {
    let calendar = Calendar::parse(text)
        .map_err(|e| AppError::Invalid(e.into_iter().map(|m| ("days".to_owned(), m)).collect()))?;
    let txn = crate::db::write(db).await?;
    let before = load(&txn).await?;
    let written: String = text.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    crate::db::put_setting(&txn, SETTING, written.trim_end(), now).await?;
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "calendar.save",
            entity: "setting",
            entity_id: SETTING.to_owned(),
            before: Some(serde_json::json!({ "days": before.len() })),
            after: Some(serde_json::json!({ "days": calendar.len() })),
        },
    )
    .await?;
    crate::db::commit(txn).await?;
    Ok(calendar)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("reads")
    }

    #[test]
    fn weekends_and_the_arrangement_decide_working_days() {
        let plain = Calendar::default();
        // Friday 2026-09-25 + 5 working days = Friday 2026-10-02 without holidays.
        assert_eq!(plain.add_working_days(d("2026-09-25"), 5), d("2026-10-02"));
        let c = Calendar::parse(
            "# 国庆\n2026-10-01 休\n2026-10-02 休\n2026-10-05 休\n2026-10-06 休\n2026-10-07 休\n2026-10-10 班\n",
        )
        .expect("reads");
        assert!(!c.is_working(d("2026-10-01")));
        assert!(c.is_working(d("2026-10-10")), "a Saturday made a working day");
        assert!(!c.is_working(d("2026-10-11")));
        // Mon 28, Tue 29, Wed 30 September, then Thu 8, Fri 9 October.
        assert_eq!(c.add_working_days(d("2026-09-25"), 5), d("2026-10-09"));
        assert_eq!(c.add_working_days(d("2026-09-25"), 6), d("2026-10-10"));
        assert_eq!(c.add_working_days(d("2026-09-25"), 0), d("2026-09-25"));
    }

    #[test]
    fn every_wrong_line_is_named() {
        let e = Calendar::parse("2026-10-01 休\n2026-13-01 休\n2026-10-03 休\n2026-10-08 班\n2026-10-01 休\nx\n")
            .expect_err("refused");
        assert_eq!(e.len(), 5, "{e:?}");
        assert!(e[0].starts_with("第 2 行") && e[1].starts_with("第 3 行") && e[2].starts_with("第 4 行"), "{e:?}");
        assert!(e[3].contains("在第 1 行已经写过") && e[4].starts_with("第 6 行"), "{e:?}");
        let far = Calendar::parse("9999-12-31 休\n1970-01-01 休\n").expect_err("refused");
        assert!(far.iter().all(|m| m.contains("年份应在 2000 到 2100 之间")), "{far:?}");
        let round = Calendar::parse("2026-10-10 班\n2026-10-01 休\n").expect("reads");
        assert_eq!(Calendar::parse(&round.text()).expect("reads"), round);
        // Written from the page in English: the same calendar, kept in Chinese.
        let english = Calendar::parse("2026-10-10 work\n2026-10-01 off\n").expect("reads");
        assert_eq!(english, round);
        assert!(english.text().contains("2026-10-01 休"));
        assert_eq!(Calendar::parse("2026-10-01 holiday\n").expect_err("refused").len(), 1);
    }
}
