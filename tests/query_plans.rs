//! The queries behind the public lists, search and matching use indexes that fit them: SQLite's
//! plan for each (the same statements the app builds, written out) may not scan a whole large
//! table or sort it (issue 11). Checked on SQLite; PostgreSQL plans small test tables by
//! scanning whatever indexes exist, so its plans say nothing at this size.

mod common;

use common::TestApp;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// SQLite's plan for `sql`, with its `LIMIT n` bound as a parameter the way the app's queries
/// bind it (the connections plan from the statement's text, not from bound values).
async fn plan(app: &TestApp, sql: &str) -> String {
    let (text, values) = match sql.rsplit_once("LIMIT ") {
        Some((head, tail)) => {
            let digits = tail.find(|c: char| !c.is_ascii_digit()).unwrap_or(tail.len());
            let n: i64 = tail[..digits].parse().expect("a number after LIMIT");
            (format!("{head}LIMIT ?{}", &tail[digits..]), vec![sea_orm::Value::from(n)])
        }
        None => (sql.to_owned(), Vec::new()),
    };
    assert_eq!(text.contains("LIMIT ?"), sql.contains("LIMIT "), "the limit is bound: {text}");
    let rows = app
        .db()
        .query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, format!("EXPLAIN QUERY PLAN {text}"), values))
        .await
        .expect("explain");
    rows.iter().map(|r| r.try_get::<String>("", "detail").expect("detail")).collect::<Vec<_>>().join("\n")
}

#[tokio::test]
async fn list_search_and_match_queries_use_fitting_indexes() {
    if common::on_postgres() {
        eprintln!("skipped: query plans are checked on SQLite");
        return;
    }
    let app = TestApp::with_demo().await;
    let today = "2026-12-01";
    let verified = "SELECT id FROM organisation WHERE status = 'verified'";
    let owner_ok = |t: &str| {
        format!(
            "EXISTS (SELECT 1 FROM organisation AS o WHERE o.id = \"{t}\".organisation_id AND o.status = 'verified')"
        )
    };
    let live = |t: &str| {
        format!("status = 'published' AND (valid_until IS NULL OR valid_until >= '{today}') AND {}", owner_ok(t))
    };
    let cases = [
        (
            "public offer list, newest first",
            format!("SELECT * FROM offer WHERE {} ORDER BY published_at DESC, id DESC LIMIT 20", live("offer")),
        ),
        (
            "public need list, newest first",
            format!("SELECT * FROM need WHERE {} ORDER BY published_at DESC, id DESC LIMIT 20", live("need")),
        ),
        (
            "public offer list, counted to the cap",
            format!(
                "SELECT COUNT(*) FROM (SELECT id FROM offer WHERE {} ORDER BY published_at DESC, id DESC LIMIT 1001) AS counted",
                live("offer")
            ),
        ),
        (
            "public need list, a page after a cursor",
            format!(
                "SELECT * FROM need WHERE {} AND (published_at, id) < ('2026-11-30T00:00:00+00:00', 40) \
                 ORDER BY published_at DESC, id DESC LIMIT 21",
                live("need")
            ),
        ),
        ("the newest audit event (the cache's version)", "SELECT MAX(id) FROM audit_event".to_owned()),
        (
            "re-check of search hits by id, with their organisations",
            "SELECT * FROM offer JOIN organisation ON offer.organisation_id = organisation.id \
             WHERE offer.id IN (3, 17, 42, 99)"
                .to_owned(),
        ),
        ("verified organisations", verified.to_owned()),
        (
            "an API token with its user and the user's organisation",
            "SELECT * FROM api_token JOIN \"user\" ON api_token.user_id = \"user\".id \
             LEFT JOIN organisation ON \"user\".organisation_id = organisation.id \
             WHERE api_token.token_hash = 'ab12' AND api_token.revoked_at IS NULL"
                .to_owned(),
        ),
        (
            "a listing with its organisation",
            "SELECT * FROM need JOIN organisation ON need.organisation_id = organisation.id WHERE need.id = 5 LIMIT 1"
                .to_owned(),
        ),
        (
            "completion records of the hits' enterprises",
            "SELECT pairing.enterprise_id, agreement.status FROM agreement \
             JOIN pairing ON agreement.pairing_id = pairing.id \
             WHERE pairing.enterprise_id IN (1, 2, 3) AND pairing.status = 'approved' \
             AND agreement.status IN ('completed', 'terminated')"
                .to_owned(),
        ),
        (
            "the deployment's counties (registration and need filters)",
            "SELECT * FROM region WHERE level = 3 AND EXISTS (SELECT 1 FROM region v WHERE v.code > region.code \
             AND v.code <= SUBSTR(region.code, 1, 6) || '999999' AND v.level = 5)"
                .to_owned(),
        ),
    ];
    for (what, sql) in cases {
        let p = plan(&app, &sql).await;
        assert!(!p.is_empty(), "{what}: a plan");
        for line in p.lines() {
            let full_scan = [
                "SCAN offer",
                "SCAN need",
                "SCAN organisation",
                "SCAN audit_event",
                "SCAN api_token",
                "SCAN user",
                "SCAN pairing",
                "SCAN agreement",
                "SCAN region",
                "SCAN v",
            ]
            .iter()
            .any(|t| line.trim_start_matches(['|', '`', '-', ' ']).starts_with(t))
                && !line.contains("USING COVERING INDEX ix_organisation_status");
            assert!(!full_scan, "{what} scans a whole table:\n{p}");
            assert!(!line.contains("TEMP B-TREE"), "{what} sorts the table:\n{p}");
        }
    }
}
