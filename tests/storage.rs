//! The data layer: migrations both ways, reference-data imports (official files), and the
//! hash-chained audit trail.

mod common;

use std::io::Write;

use common::{count, fresh_database, fresh_db, shared_data};
use indicatif::ProgressBar;
use migration::{Migrator, MigratorTrait};
use qicun::audit::{self, Verification};
use qicun::clock::Clock;
use sea_orm::{ConnectionTrait, Statement};

const TABLES: &[&str] = &[
    "region",
    "industry",
    "organisation",
    "user",
    "session",
    "api_token",
    "offer",
    "need",
    "offer_region",
    "pairing",
    "agreement",
    "milestone",
    "contribution",
    "evidence",
    "notice",
    "objection",
    "audit_event",
    "change",
    "notification",
];

async fn tables_present(db: &sea_orm::DatabaseConnection) -> Vec<&'static str> {
    let mut present = Vec::new();
    for t in TABLES {
        let sql = format!("SELECT 1 FROM \"{t}\" WHERE 1 = 0");
        if db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await.is_ok() {
            present.push(*t);
        }
    }
    present
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    let (url, _guard) = fresh_database().await;
    let db = qicun::db::connect_with(&url, 2).await.expect("connect");
    Migrator::up(&db, None).await.expect("up");
    assert_eq!(tables_present(&db).await, TABLES, "every table of the domain model exists after up");
    Migrator::down(&db, None).await.expect("down");
    assert!(tables_present(&db).await.is_empty(), "down removes every table");
    Migrator::up(&db, None).await.expect("up again");
    assert_eq!(tables_present(&db).await, TABLES);
}

fn import_bar() -> ProgressBar {
    ProgressBar::hidden()
}

#[tokio::test]
async fn importing_the_official_yichun_file_twice_gives_exactly_its_regions() {
    let Some(file) = shared_data("regions_yichun.csv") else { return };
    let db = fresh_db().await;
    let now = Clock::default().now();
    let first = qicun::import::regions(&db, &file, now, &import_bar()).await.expect("import");
    assert_eq!(first.inserted, 3024);
    assert_eq!(count(&db, "region", "level = 2").await, 1, "one city");
    assert_eq!(count(&db, "region", "level = 3").await, 10, "ten counties");
    assert_eq!(count(&db, "region", "level = 4").await, 219, "townships");
    assert_eq!(count(&db, "region", "level = 5").await, 2794, "villages");
    let second = qicun::import::regions(&db, &file, now, &import_bar()).await.expect("second import");
    assert_eq!((second.inserted, second.updated, second.unchanged), (0, 0, 3024));
    assert_eq!(count(&db, "region", "level = 5").await, 2794, "a second import adds nothing");
    assert_eq!(count(&db, "region", "code = '360902000000' AND name = '袁州区'").await, 1);
    assert_eq!(
        count(&db, "audit_event", "action = 'import.regions'").await,
        1,
        "an import that changed nothing is not an event"
    );
}

#[tokio::test]
async fn importing_the_national_county_list_creates_provinces_cities_and_counties() {
    let Some(file) = shared_data("regions_china_counties.csv") else { return };
    let db = fresh_db().await;
    let summary = qicun::import::regions(&db, &file, Clock::default().now(), &import_bar()).await.expect("import");
    assert_eq!(count(&db, "region", "level = 3").await, 2975);
    assert_eq!(count(&db, "region", "level = 1").await, 31, "31 provincial units of the mainland");
    assert!(count(&db, "region", "level = 2").await > 300);
    assert_eq!(summary.inserted as i64, count(&db, "region", "1 = 1").await);
    assert_eq!(
        count(&db, "region", "code = '360983000000' AND parent_code = '360900000000'").await,
        1,
        "高安市 under 宜春市"
    );
}

#[tokio::test]
async fn importing_the_industry_standard_is_idempotent() {
    let Some(file) = shared_data("industry_gbt4754_full.csv") else { return };
    let db = fresh_db().await;
    let now = Clock::default().now();
    let first = qicun::import::industries(&db, &file, now, &import_bar()).await.expect("import");
    assert_eq!(first.inserted, 1971);
    assert_eq!(count(&db, "industry", "level = 1").await, 20, "sections A–T");
    assert_eq!(count(&db, "industry", "level = 2").await, 97, "divisions");
    let second = qicun::import::industries(&db, &file, now, &import_bar()).await.expect("again");
    assert_eq!(second.inserted + second.updated, 0);
}

fn temp_csv(content: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().expect("temp file");
    f.write_all(content.as_bytes()).expect("write");
    f
}

#[tokio::test]
async fn a_region_file_with_a_broken_row_imports_nothing_and_names_the_line() {
    let db = fresh_db().await;
    let file = temp_csv(
        "code,name,level,parent_code\n\
         360900000000,宜春市,2,360000000000\n\
         360902000000,袁州区,3,360900000000\n\
         36090X000000,坏代码,3,360900000000\n\
         360921000000,奉新县,3,360900000000\n",
    );
    let err =
        qicun::import::regions(&db, file.path(), Clock::default().now(), &import_bar()).await.expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("第 4 行"), "names the line: {message}");
    assert!(message.contains("36090X000000"), "names the bad value: {message}");
    assert_eq!(count(&db, "region", "1 = 1").await, 0, "nothing imported");
    assert_eq!(count(&db, "audit_event", "1 = 1").await, 0);
}

#[tokio::test]
async fn region_rows_that_contradict_their_code_are_refused() {
    let db = fresh_db().await;
    for (content, expected) in [
        ("code,name,level\n360902000000,袁州区,4\n", "level 4"),
        ("code,name,level,parent_code\n360902001000,灵泉街道,4,360921000000\n", "不是 360902001000 的上级"),
        ("code,name\n360902000000,\n", "name 不能为空"),
        ("code,name\n360902000000,袁州区,多余\n", "第 2 行"),
        ("name\n袁州区\n", "缺少列：code"),
    ] {
        let file = temp_csv(content);
        let err =
            qicun::import::regions(&db, file.path(), Clock::default().now(), &import_bar()).await.expect_err(content);
        assert!(err.to_string().contains(expected), "{content:?} → {err}");
    }
    assert_eq!(count(&db, "region", "1 = 1").await, 0);
}

#[tokio::test]
async fn the_command_line_import_reports_the_bad_line_and_exits_with_failure() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = temp_csv("code,name\n360902000000,袁州区\n3609,短代码\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .args(["--data-dir"])
        .arg(dir.path())
        .args(["import", "regions"])
        .arg(bad.path())
        .env_remove("DATABASE_URL")
        .output()
        .expect("run qicun");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("第 3 行") && stderr.contains("未导入任何数据"), "{stderr}");

    let good = temp_csv("code,name\n360902000000,袁州区\n360921,奉新县\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .args(["--data-dir"])
        .arg(dir.path())
        .args(["import", "regions"])
        .arg(good.path())
        .env_remove("DATABASE_URL")
        .output()
        .expect("run qicun");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("新增 2"));
    assert!(dir.path().join("qicun.db").exists(), "the default database is a SQLite file in --data-dir");
}

#[tokio::test]
async fn the_audit_chain_verifies_and_names_the_first_edited_event() {
    let db = fresh_db().await;
    let now = Clock::default().now();
    qicun::demo::load(&db, now).await.expect("demo");
    let file = temp_csv("code,name\n360921101000,甘坊镇\n");
    qicun::import::regions(&db, file.path(), now, &import_bar()).await.expect("import");
    let file = temp_csv("code,name\n360921101201,上坊村\n");
    qicun::import::regions(&db, file.path(), now, &import_bar()).await.expect("import");
    assert_eq!(audit::verify(&*db).await.expect("verify"), Verification::Intact { events: 3 });

    // Someone edits the middle event directly in the database.
    let second: i64 = {
        let sql = "SELECT id FROM audit_event ORDER BY id LIMIT 1 OFFSET 1";
        let row =
            db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("q").expect("row");
        row.try_get("", "id").expect("id")
    };
    let sql = format!("UPDATE audit_event SET after = '{{\"file\":\"forged.csv\"}}' WHERE id = {second}");
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("tamper");
    match audit::verify(&*db).await.expect("verify") {
        Verification::Broken { event_id, .. } => assert_eq!(event_id, second),
        other => panic!("tampering not detected: {other:?}"),
    }
}

/// `qicun verify-audit` on the data directory `dir` (its SQLite file, key and checkpoints).
fn verify_audit(dir: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .arg("--data-dir")
        .arg(dir)
        .arg("verify-audit")
        .env_remove("DATABASE_URL")
        .env_remove("QICUN_AUDIT_KEY_FILE")
        .output()
        .expect("run qicun")
}

#[tokio::test]
async fn verify_audit_on_the_command_line_names_the_edited_event() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, Clock::default().now()).await.expect("demo");
    let run = || verify_audit(dir.path());
    let ok = run();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("哈希链无断裂"));
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE audit_event SET actor = 'someone-else' WHERE id = 1",
    ))
    .await
    .expect("tamper");
    db.close().await.expect("close");
    let broken = run();
    assert!(!broken.status.success());
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("第 1 条记录处断裂"),
        "{}",
        String::from_utf8_lossy(&broken.stderr)
    );
}

#[tokio::test]
async fn verify_audit_on_the_command_line_catches_a_trail_cut_after_its_checkpoint() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, Clock::default().now()).await.expect("demo");
    let run = || verify_audit(dir.path());
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("还没有检查点"));
    // The node's key was made beside the data; a serving node takes checkpoints with it.
    let files = qicun::audit::anchor::AnchorFiles::in_dir(dir.path(), None);
    let key = qicun::audit::anchor::AnchorKey::load_or_create(&files.key).expect("key");
    let c = qicun::audit::anchor::take(&db, &key, &files.checkpoints, Clock::default().now(), false)
        .await
        .expect("take")
        .expect("checkpoint");
    let ok = run();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains(&format!("最近一个指向第 {} 条记录", c.event_id)));
    let sql = format!("DELETE FROM audit_event WHERE id = {}", c.event_id);
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("cut");
    db.close().await.expect("close");
    let cut = run();
    assert!(!cut.status.success());
    let said = String::from_utf8_lossy(&cut.stderr);
    assert!(said.contains(&format!("第 {} 条审计记录", c.event_id)) && said.contains("已不在或已被改动"), "{said}");
}
