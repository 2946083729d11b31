//! Backup and restore drills through the command line: a backup taken while writers write is
//! restored elsewhere with the same rows, ledger totals and audit chain, and a search index
//! equal to the database; a restore over an old index leaves nothing of it; a copy that does
//! not match its manifest, or a live database without --force, is refused and left alone.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use axum::http::StatusCode;
use common::{Client, TestApp, count, fresh_database, on_postgres};
use qicun::demo::DEMO_PASSWORD;

/// Runs `qicun` on `data_dir` (and `url`, on PostgreSQL) with `args`.
fn qicun(data_dir: &Path, url: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"));
    cmd.arg("--data-dir").arg(data_dir).env_remove("DATABASE_URL");
    if let Some(u) = url {
        cmd.args(["--database-url", u]);
    }
    cmd.args(args).output().expect("run qicun")
}

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pg_url(app: &TestApp) -> Option<String> {
    on_postgres().then(|| app.state.config.effective_database_url())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_under_load_restores_elsewhere_with_the_same_ledger_audit_chain_and_search() {
    let app = Arc::new(TestApp::shared_with_demo().await);
    let (stop, written) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (app, stop, written) = (app.clone(), stop.clone(), written.clone());
        writers.push(tokio::spawn(async move {
            let mut c = Client::new(&app);
            c.login(["qiye01", "qiye04", "qiye05", "qiye14"][w], DEMO_PASSWORD).await;
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                let title = format!("备份期间发布的收购{w}-{i}");
                let res = c
                    .post(
                        "/offers",
                        &[
                            ("kind", "procurement"),
                            ("title", title.as_str()),
                            ("body", "备份进行时写入的收购信息，恢复后应一致。"),
                            ("regions", "360900000000"),
                            ("then", "publish"),
                        ],
                    )
                    .await;
                assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
                written.fetch_add(1, Ordering::SeqCst);
                i += 1;
            }
        }));
    }
    while written.load(Ordering::SeqCst) < 10 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let archive = app.data_dir.path().join("backup.zip");
    let url = pg_url(&app);
    let before = written.load(Ordering::SeqCst);
    let out = tokio::task::spawn_blocking({
        let (dir, archive, url) = (app.data_dir.path().to_owned(), archive.clone(), url.clone());
        move || qicun(&dir, url.as_deref(), &["backup", "--output", archive.to_str().expect("path")])
    })
    .await
    .expect("backup");
    let during = written.load(Ordering::SeqCst) - before;
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.await.expect("writer");
    }
    eprintln!("{}", ok(&out).trim());
    assert!(during > 0, "writers went on during the backup");

    // Restore elsewhere: a new folder (SQLite) or a new empty database (PostgreSQL).
    let target = tempfile::tempdir().expect("dir");
    let (target_url, _guard) =
        if on_postgres() { fresh_database().await } else { (String::new(), common::DbGuard::none()) };
    let target_url = (!target_url.is_empty()).then_some(target_url);
    let out = qicun(target.path(), target_url.as_deref(), &["restore", archive.to_str().expect("path")]);
    eprintln!("{}", ok(&out).trim());

    let manifest: qicun::backup::Manifest = {
        let f = std::fs::File::open(&archive).expect("archive");
        let mut zip = zip::ZipArchive::new(f).expect("zip");
        serde_json::from_reader(zip.by_name("manifest.json").expect("manifest")).expect("json")
    };
    assert!(manifest.tables["offer"] > 60, "the backup holds the demo and the new offers");
    let restored_url =
        target_url.clone().unwrap_or_else(|| format!("sqlite://{}?mode=rwc", target.path().join("qicun.db").display()));
    let db = qicun::db::connect(&restored_url).await.expect("restored db");
    let found = qicun::backup::manifest(&db).await.expect("manifest of the copy");
    for (t, n) in &manifest.tables {
        if t != "setting" {
            assert_eq!(found.tables.get(t), Some(n), "rows of {t}");
        }
    }
    assert_eq!(found.ledger, manifest.ledger, "the same ledger totals");
    assert!(!manifest.ledger.is_empty(), "precondition: the demo has verified help in the ledger");
    assert_eq!((found.audit_events, &found.audit_head), (manifest.audit_events, &manifest.audit_head));
    assert!(matches!(qicun::audit::verify(&db).await.expect("verify"), qicun::audit::Verification::Intact { .. }));
    assert_ne!(found.instance_id, manifest.instance_id, "a restore is a new installation");
    let (index, fresh) = qicun::search::SearchIndex::open(Some(&target.path().join("index"))).expect("index");
    assert!(!fresh, "the restore rebuilt the index");
    let cmp = index.compare(&db).await.expect("compare");
    assert!(cmp.is_equal() && cmp.expected > 60, "{cmp:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_over_an_old_index_leaves_none_of_its_documents() {
    let dir = tempfile::tempdir().expect("dir");
    let (url, _guard) = if on_postgres() { fresh_database().await } else { (String::new(), common::DbGuard::none()) };
    let url = (!url.is_empty()).then_some(url);
    let mut config = qicun::Config::new(dir.path());
    config.database_url = url.clone();
    let app = TestApp {
        state: qicun::app::build_state(config.clone()).await.expect("state"),
        data_dir: tempfile::tempdir().expect("d"),
        guard: common::DbGuard::none(),
    };
    qicun::demo::load(app.db(), app.state.clock.now()).await.expect("demo");
    app.state.search.catch_up(app.db()).await.expect("index");
    let archive = dir.path().join("before.zip");
    ok(&qicun(dir.path(), url.as_deref(), &["backup", "--output", archive.to_str().expect("p")]));

    // After the backup: an offer with a word nobody else uses, indexed.
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let form = |title: &'static str, body: &'static str| {
        vec![
            ("kind", "procurement"),
            ("title", title),
            ("body", body),
            ("regions", "360900000000"),
            ("then", "publish"),
        ]
    };
    let res = ent.post("/offers", &form("收购独一份的紫皮蒜", "只在备份之后出现的紫皮蒜收购信息。")).await;
    let old_id = common::location(&res).rsplit('/').next().and_then(|s| s.parse::<i32>().ok()).expect("id");
    app.state.search.catch_up(app.db()).await.expect("index");
    let q = |t: &str| qicun::search::SearchQuery { text: t.into(), limit: 10, ..Default::default() };
    assert_eq!(app.state.search.search(qicun::listings::Side::Offer, &q("紫皮蒜")).expect("search").len(), 1);
    let index_dir = app.state.config.index_dir.clone().expect("index dir");
    app.state.db.clone().close().await.expect("close");
    drop(ent);
    drop(app);

    // Back to the backup, over the same folder and its index.
    let refused = qicun(dir.path(), url.as_deref(), &["restore", archive.to_str().expect("p")]);
    assert!(!refused.status.success(), "a live database is not overwritten without --force");
    let (mut config, _second_guard) = (config, common::DbGuard::none());
    let _second_guard = if on_postgres() {
        // PostgreSQL: a database with data is never dropped, not even with --force; the restore
        // goes into a new empty database, with the same node's index folder.
        let forced = qicun(dir.path(), url.as_deref(), &["restore", "--force", archive.to_str().expect("p")]);
        assert!(!forced.status.success() && String::from_utf8_lossy(&forced.stderr).contains("createdb"));
        let (fresh, guard) = fresh_database().await;
        ok(&qicun(dir.path(), Some(&fresh), &["restore", archive.to_str().expect("p")]));
        config.database_url = Some(fresh);
        guard
    } else {
        assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
        ok(&qicun(dir.path(), url.as_deref(), &["restore", "--force", archive.to_str().expect("p")]));
        _second_guard
    };

    let app = TestApp {
        state: qicun::app::build_state(config).await.expect("state"),
        data_dir: tempfile::tempdir().expect("d"),
        guard: common::DbGuard::none(),
    };
    assert_eq!(count(app.db(), "offer", &format!("id = {old_id}")).await, 0, "the later offer is not in the backup");
    // A new offer may take the old one's id; none of the old words may point at it.
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let res = ent.post("/offers", &form("收购本地生姜", "恢复之后发布的生姜收购信息。")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    app.state.search.catch_up(app.db()).await.expect("index");
    assert!(
        app.state.search.search(qicun::listings::Side::Offer, &q("紫皮蒜")).expect("search").is_empty(),
        "no stale words"
    );
    let cmp = app.state.search.compare(app.db()).await.expect("compare");
    assert!(cmp.is_equal(), "{cmp:?}");
    assert_eq!(index_dir, app.state.config.index_dir.clone().expect("dir"), "the same index folder was reused");
}

#[tokio::test]
async fn a_copy_that_does_not_match_its_manifest_is_refused_and_nothing_is_replaced() {
    if on_postgres() {
        eprintln!("the tampered-archive check is the same code on both databases; run on SQLite");
    }
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, qicun::clock::Clock::default().now()).await.expect("demo");
    db.close().await.expect("close");
    let archive = dir.path().join("b.zip");
    ok(&qicun(dir.path(), None, &["backup", "--output", archive.to_str().expect("p")]));

    // The same archive with a manifest that claims one offer more.
    let tampered = dir.path().join("tampered.zip");
    {
        let mut zin = zip::ZipArchive::new(std::fs::File::open(&archive).expect("a")).expect("zip");
        let mut manifest: serde_json::Value =
            serde_json::from_reader(zin.by_name("manifest.json").expect("m")).expect("json");
        let n = manifest["tables"]["offer"].as_i64().expect("offers");
        manifest["tables"]["offer"] = serde_json::json!(n + 1);
        let mut zout = zip::ZipWriter::new(std::fs::File::create(&tampered).expect("t"));
        let opts = zip::write::SimpleFileOptions::default();
        zout.start_file("manifest.json", opts).expect("f");
        std::io::Write::write_all(&mut zout, manifest.to_string().as_bytes()).expect("w");
        zout.start_file("qicun.db", opts).expect("f");
        std::io::copy(&mut zin.by_name("qicun.db").expect("db"), &mut zout).expect("copy");
        zout.finish().expect("finish");
    }
    let target = tempfile::tempdir().expect("dir");
    let out = qicun(target.path(), None, &["restore", tampered.to_str().expect("p")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("与备份清单不符") && err.contains("offer"), "{err}");
    assert!(!target.path().join("qicun.db").exists(), "nothing was put in place");
}
