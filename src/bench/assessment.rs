//! `qicun bench assessment`: the yearly assessment at national scale. A fresh SQLite database is
//! filled (in the database, by recursive SQL, so generating is quick) with counties, villages and
//! enterprises, approved pairings with agreements in force, verified contributions, milestones,
//! the villages' ratings, help units with their villages, approved county plans and needs; then
//! `assessment::compute` — what `/office/assessment`, each unit's page and `qicun assess` read —
//! is timed, with the process's peak memory. Prints figures; asserts nothing.

use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// The size of the generated country.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub counties: usize,
    pub villages: usize,
    pub enterprises: usize,
    pub pairings: usize,
    pub contributions: usize,
    pub units: usize,
    pub villages_per_unit: usize,
}

/// One statement over the numbers 1..=n (`i`).
fn series(n: usize, insert: &str, select: &str) -> String {
    format!(
        "INSERT INTO {insert} WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) {select} FROM s"
    )
}

/// A timestamp in the year, `days` after 1 January (the format the application writes).
fn ts(year: i32, days: &str) -> String {
    format!("strftime('%Y-%m-%dT%H:%M:%S+00:00', '{year}-01-01', '+' || ({days}) || ' days')")
}

async fn fill(db: &DatabaseConnection, s: Scale, year: i32) -> anyhow::Result<()> {
    let (c, v, e, p) = (s.counties, s.villages, s.enterprises, s.pairings);
    let now = ts(year, "0");
    let county = |of: &str| format!("printf('%06d', 360000 + (({of}) % {c}) + 1)");
    let statements = vec![
        series(c, "region (code, name, level)", &format!("SELECT {} || '000000', '县' || i, 3", county("i"))),
        "INSERT INTO region (code, name, level) VALUES ('000000000000', '全国', 1)".to_owned(),
        series(v, "region (code, name, level)", &format!("SELECT {} || printf('%06d', i), '村' || i, 5", county("i"))),
        format!(
            "INSERT INTO organisation (id, kind, name, region_code, status, registered_poor, jurisdiction_code, \
             created_at, updated_at) VALUES (1, 'office', '全国测试扶贫办', '000000000000', 'verified', FALSE, \
             '000000000000', {now}, {now})"
        ),
        format!(
            "INSERT INTO \"user\" (id, organisation_id, role, login, display_name, password_hash, created_at) \
             VALUES (1, 1, 'office', 'bench', '测试', '', {now})"
        ),
        series(
            v,
            "organisation (id, kind, name, region_code, status, registered_poor, created_at, updated_at)",
            &format!(
                "SELECT 1 + i, 'village', '村' || i, {} || printf('%06d', i), 'verified', (i % 3 = 0), {now}, {now}",
                county("i")
            ),
        ),
        series(
            e,
            "organisation (id, kind, name, region_code, status, registered_poor, created_at, updated_at)",
            &format!(
                "SELECT 1 + {v} + i, 'enterprise', '企业' || i, {} || '000000', 'verified', FALSE, {now}, {now}",
                county("i * 7")
            ),
        ),
        // Pairing i and need i are in the same village.
        series(
            p,
            "need (id, organisation_id, kind, title, body, valid_from, status, published_at, created_at, updated_at)",
            &format!(
                "SELECT i, 1 + 1 + ((i * 104729) % {v}), 'money', '需求' || i, '', '{year}-01-01', 'published', {}, \
                 {now}, {now}",
                ts(year, "i % 300")
            ),
        ),
        series(
            p,
            "pairing (id, enterprise_id, village_id, need_id, source, status, created_at, updated_at, reviewed_at)",
            &format!(
                "SELECT i, 1 + {v} + 1 + ((i * 7919) % {e}), 1 + 1 + ((i * 104729) % {v}), \
                 CASE WHEN i % 2 = 0 THEN i END, 'office', 'approved', {now}, {now}, {}",
                ts(year, "i % 300")
            ),
        ),
        series(
            p,
            "agreement (id, pairing_id, title, terms, starts_on, ends_on, status, created_at, updated_at)",
            &format!("SELECT i, i, '协议' || i, '', '{year}-01-01', '{year}-12-31', 'active', {now}, {now}"),
        ),
        series(
            s.contributions,
            "contribution (agreement_id, kind, amount_fen, persons, contributed_on, description, status, reported_at, \
             verified_at)",
            &format!(
                "SELECT 1 + ((i * 31) % {p}), 'money', 100000 + ((i * 37) % 1000000), i % 7, \
                 date('{year}-01-01', '+' || (i % 330) || ' days'), '', 'verified', {}, {}",
                ts(year, "i % 330"),
                ts(year, "(i % 330) + (i % 20)")
            ),
        ),
        series(
            p,
            "milestone (agreement_id, title, due_on, done_at)",
            &format!(
                "SELECT i, '里程碑', date('{year}-01-01', '+' || (i % 300) || ' days'), \
                 CASE WHEN i % 3 > 0 THEN {} END",
                ts(year, "(i % 300) + (i % 5) - 1")
            ),
        ),
        series(
            p / 2,
            "satisfaction (agreement_id, year, rating, rated_by, rated_at)",
            &format!("SELECT i * 2, {year}, 1 + (i % 5), 1, {now}"),
        ),
        series(
            s.units,
            "responsibility (id, kind, name, post, county_code, from_date, office_id, created_at, updated_at)",
            &format!(
                "SELECT i, 'help_unit', '帮扶单位' || i, '机关', {} || '000000', '{year}-01-01', 1, {now}, {now}",
                county("i")
            ),
        ),
        series(
            s.units * s.villages_per_unit,
            "responsibility_village (responsibility_id, village_id)",
            &format!("SELECT 1 + ((i - 1) / {}), 1 + 1 + ((i * 7) % {v})", s.villages_per_unit),
        ),
        series(
            c,
            "plan (id, county_code, period, start_year, end_year, status, office_id, created_at, updated_at)",
            &format!(
                "SELECT i, {} || '000000', '十五五', {year}, {}, 'approved', 1, {now}, {now}",
                county("i"),
                year + 4
            ),
        ),
    ];
    for sql in statements {
        db.execute_unprepared(&sql).await?;
    }
    for (k, ind) in crate::domain::PlanIndicator::ALL.iter().enumerate() {
        db.execute_unprepared(&series(
            c,
            "plan_target (plan_id, year, indicator, target)",
            &format!("SELECT i, {year}, '{}', 1000 * ({k} + 1) * (1 + i % 9)", ind.code()),
        ))
        .await?;
    }
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

/// Fills a fresh database at `scale` and times the assessment of its year.
pub async fn run(scale: Scale) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
    let db = crate::db::connect_and_migrate(&url).await?;
    let today = crate::clock::Clock::default().today();
    let year = today.year();
    println!(
        "assessment at scale: {} counties, {} villages, {} enterprises, {} pairings/agreements/needs, \
         {} contributions, {} help units × {} villages; SQLite",
        scale.counties,
        scale.villages,
        scale.enterprises,
        scale.pairings,
        scale.contributions,
        scale.units,
        scale.villages_per_unit
    );
    let t = Instant::now();
    fill(&db, scale, year).await?;
    let size = std::fs::metadata(dir.path().join("bench.db")).map_or(0, |m| m.len()) as f64 / 1e6;
    println!(
        "  generated in {:.1} s; database file {size:.0} MB (SQLite maps up to 1 GB of it, which counts in RSS)",
        t.elapsed().as_secs_f64()
    );
    let as_of = NaiveDate::from_ymd_opt(year, 12, 1).unwrap_or(today);
    let before = super::peak_rss_mb().unwrap_or(0.0);
    for run in 1..=2 {
        let t = Instant::now();
        let all = crate::governance::assessment::compute(&db, year, as_of).await?;
        let secs = t.elapsed().as_secs_f64();
        let of = |k| all.iter().filter(|a| a.kind == k).count();
        use crate::domain::SubjectKind as K;
        println!(
            "  compute run {run}: {secs:.2} s — {} counties, {} enterprises, {} help units assessed; \
             peak RSS {:.0} MB (before: {before:.0} MB)",
            of(K::County),
            of(K::Enterprise),
            of(K::Unit),
            super::peak_rss_mb().unwrap_or(0.0)
        );
    }
    Ok(())
}
