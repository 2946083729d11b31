//! The audit trail beyond its hash chain (issue 10, 等保 安全审计): refused requests recorded a
//! minute at a time, checkpoints outside the database that catch a cut-off trail, and the
//! archive export for auditors.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Client, TestApp, count};
use qicun::audit::anchor::{self, AnchorCheck, AnchorKey};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

async fn newest_refusals(app: &TestApp) -> serde_json::Value {
    let e = entity::audit_event::Entity::find()
        .order_by_desc(entity::audit_event::Column::Id)
        .one(app.db())
        .await
        .expect("q")
        .expect("an event");
    assert_eq!(e.action, "security.refusals");
    serde_json::from_str(&e.after.expect("counts")).expect("json")
}

#[tokio::test]
async fn refused_requests_are_audited_a_minute_at_a_time_and_a_flood_stays_one_row() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    for _ in 0..3 {
        assert_eq!(c.get("/admin/users").await.status, StatusCode::FORBIDDEN);
    }
    let res = c.post_raw("/profile", &[("contact_name", "改名")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "no CSRF token");
    for _ in 0..2 {
        let req = Request::get("/api/v1/offers").header("authorization", "Bearer qc_not_a_token").body(Body::empty());
        assert_eq!(app.request(req.expect("request")).await.status, StatusCode::UNAUTHORIZED);
    }
    let before = count(app.db(), "audit_event", "1=1").await;
    let flushed = app.state.refusals.flush(app.db(), app.state.clock.now()).await.expect("flush");
    assert_eq!(flushed, 6);
    assert_eq!(count(app.db(), "audit_event", "1=1").await, before + 1, "one event for all of them");
    let counts = newest_refusals(&app).await;
    let item = |kind: &str, who: &str, path: &str| {
        counts["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["kind"] == kind && i["who"] == who && i["path"] == path)
            .map(|i| i["count"].as_u64().unwrap_or(0))
    };
    assert_eq!(item("forbidden", "qiye01", "/admin/users"), Some(3));
    assert_eq!(item("csrf", "qiye01", "/profile"), Some(1));
    assert_eq!(item("token", "anonymous", "/api/v1/offers"), Some(2));
    assert_eq!(
        qicun::audit::verify(app.db()).await.expect("verify"),
        qicun::audit::Verification::Intact { events: u64::try_from(before + 1).expect("count") }
    );
    // Nothing new: nothing written.
    assert_eq!(app.state.refusals.flush(app.db(), app.state.clock.now()).await.expect("flush"), 0);
    assert_eq!(count(app.db(), "audit_event", "1=1").await, before + 1);
    // A flood of distinct refusals is still one row of bounded size.
    for i in 0..5000 {
        app.state.refusals.note("forbidden", "anonymous", &format!("/probe/{i}"));
    }
    assert_eq!(app.state.refusals.flush(app.db(), app.state.clock.now()).await.expect("flush"), 5000);
    let counts = newest_refusals(&app).await;
    assert_eq!(counts["total"], 5000);
    assert_eq!(counts["items"].as_array().expect("items").len(), 100);
    assert_eq!(counts["others"], 4900);
}

#[tokio::test]
async fn cutting_off_the_newest_events_is_caught_by_a_signed_checkpoint_kept_outside_the_database() {
    let app = TestApp::with_demo().await;
    let dir = tempfile::tempdir().expect("dir");
    let files = anchor::AnchorFiles::in_dir(dir.path(), None);
    let key = AnchorKey::load_or_create(&files.key).expect("key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files.key).expect("key file").permissions().mode();
        assert_eq!(mode & 0o077, 0, "the key is readable by its owner only");
    }
    assert_eq!(anchor::check(app.db(), &key, &files.checkpoints).await.expect("check"), AnchorCheck::NoCheckpoint);
    let now = app.state.clock.now();
    let first = anchor::take(app.db(), &key, &files.checkpoints, now, false).await.expect("take").expect("taken");
    assert!(
        anchor::take(app.db(), &key, &files.checkpoints, now, false).await.expect("take").is_none(),
        "no change, no line"
    );
    // More happens, another checkpoint.
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let second = anchor::take(app.db(), &key, &files.checkpoints, now, false).await.expect("take").expect("taken");
    assert!(second.event_id > first.event_id);
    assert!(matches!(
        anchor::check(app.db(), &key, &files.checkpoints).await.expect("check"),
        AnchorCheck::Holds { checkpoints: 2, .. }
    ));

    // Someone with the database deletes the newest events: the chain that is left still holds…
    let sql = format!("DELETE FROM audit_event WHERE id > {}", first.event_id);
    app.db().execute_unprepared(&sql).await.expect("delete");
    assert!(matches!(qicun::audit::verify(app.db()).await.expect("verify"), qicun::audit::Verification::Intact { .. }));
    // …but the checkpoint names an event that is gone.
    let found = anchor::check(app.db(), &key, &files.checkpoints).await.expect("check");
    assert!(matches!(found, AnchorCheck::Missing { event_id, .. } if event_id == second.event_id), "{found:?}");

    // Editing the checkpoint file to match is seen too: the signature no longer fits.
    let text = std::fs::read_to_string(&files.checkpoints).expect("read");
    let forged =
        text.replace(&format!("\"event_id\":{}", second.event_id), &format!("\"event_id\":{}", first.event_id));
    let forged = forged.replace(&second.hash, &first.hash);
    std::fs::write(&files.checkpoints, forged).expect("write");
    assert_eq!(
        anchor::check(app.db(), &key, &files.checkpoints).await.expect("check"),
        AnchorCheck::Forged { line: 2 }
    );
    // A key other than the one that signed fails every line.
    let other = AnchorKey::load_or_create(&dir.path().join("other.key")).expect("key");
    std::fs::write(&files.checkpoints, text).expect("write back");
    assert_eq!(
        anchor::check(app.db(), &other, &files.checkpoints).await.expect("check"),
        AnchorCheck::Forged { line: 1 }
    );
    // A restore gives up what followed on purpose, and says so in a signed line.
    anchor::take(app.db(), &key, &files.checkpoints, now, true).await.expect("take").expect("restore marker");
    assert!(matches!(
        anchor::check(app.db(), &key, &files.checkpoints).await.expect("check"),
        AnchorCheck::Holds { checkpoints: 1, .. }
    ));
}

/// An outside walk deleted ten events from the end, and the server went on: new events chained
/// after the cut, and the next minute's checkpoint signed the cut trail, so every check said it
/// held. Now the node refuses to sign a head that does not follow its last checkpoint, every
/// checkpoint since the last restore is checked, and the auditor's page says what was found.
#[tokio::test]
async fn events_cut_from_the_end_stay_caught_after_new_events_follow_the_cut() {
    let app = TestApp::with_demo().await;
    let files = app.state.config.anchor_files();
    let key = AnchorKey::load_or_create(&files.key).expect("key");
    let now = app.state.clock.now();
    let first = anchor::take(app.db(), &key, &files.checkpoints, now, false).await.expect("take").expect("taken");
    let mut c = Client::new(&app);
    c.login("qiye01", DEMO_PASSWORD).await;
    let second = anchor::take(app.db(), &key, &files.checkpoints, now, false).await.expect("take").expect("taken");
    assert!(second.event_id > first.event_id);

    // The newest events are deleted, then the server goes on writing new ones after the cut.
    let sql = format!("DELETE FROM audit_event WHERE id > {}", first.event_id);
    app.db().execute_unprepared(&sql).await.expect("delete");
    let mut v = Client::new(&app);
    v.login("cun01", DEMO_PASSWORD).await;
    let (head, _) = anchor::head(app.db()).await.expect("q").expect("head");
    assert!(head > first.event_id, "new events follow the cut");
    assert!(matches!(qicun::audit::verify(app.db()).await.expect("verify"), qicun::audit::Verification::Intact { .. }));

    // The node does not sign the cut trail; its file keeps the two checkpoints it had.
    let refused = anchor::take(app.db(), &key, &files.checkpoints, now, false).await.expect_err("refused");
    assert!(refused.to_string().contains(&format!("第 {} 条审计记录", second.event_id)), "{refused}");
    assert_eq!(anchor::read(&files.checkpoints).expect("read").len(), 2);
    let found = anchor::check(app.db(), &key, &files.checkpoints).await.expect("check");
    assert!(matches!(found, AnchorCheck::Missing { event_id, .. } if event_id == second.event_id), "{found:?}");

    // The auditor's page says the records were deleted, and what to do.
    let mut a = Client::new(&app);
    a.login("auditor", DEMO_PASSWORD).await;
    let page = a.get("/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("记录被删除过"), "{}", page.body);
    assert!(page.body.contains("qicun verify-audit"));
    assert!(!page.body.contains("记录未被截断"));
}

#[tokio::test]
async fn an_auditor_exports_a_date_range_of_the_trail_headed_by_the_chain_head() {
    use calamine::Reader;
    let app = TestApp::with_demo().await;
    let mut a = Client::new(&app);
    a.login("auditor", DEMO_PASSWORD).await;
    let page = a.get("/audit").await;
    assert!(page.body.contains("导出存档"));
    // In words: action names, objects, people by name; no codes, no raw JSON.
    assert!(
        page.body.contains("<td data-label=\"操作\">登录</td>") && page.body.contains("载入演示数据"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(">login.success<") && !page.body.contains("{&quot;"), "{}", page.body);
    let filtered = a.get("/audit?action=login.success").await;
    assert!(filtered.body.contains("<option value=\"login.success\" selected>登录</option>"));
    assert!(!filtered.body.contains("载入演示数据</td>"), "only logins");
    let (events, head) = {
        let n = count(app.db(), "audit_event", "1=1").await;
        let head = anchor::head(app.db()).await.expect("q").expect("head");
        (n, head)
    };
    assert!(events >= 2, "the demo and the login left a trail");
    let res = a.get("/audit/export?from=2000-01-01&to=2100-12-31&format=csv").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.headers["content-type"].to_str().expect("h").starts_with("text/csv"));
    assert!(res.body.contains(&head.1), "headed by the head hash");
    let lines = res.body.lines().count() as i64;
    assert_eq!(lines, events + 2, "title, headings and one line per event");
    let res = a.get("/audit/export?from=2000-01-01&to=2100-12-31&format=xlsx").await;
    assert_eq!(res.status, StatusCode::OK);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(res.bytes)).expect("xlsx");
    let sheet = book.worksheet_range("审计日志").expect("sheet");
    assert_eq!(sheet.height() as i64, events + 2);
    {
        // In words first (the person, the action, the object), numbers as numbers; the stored
        // values after them, to check against the chain.
        use calamine::DataType;
        let rows: Vec<_> = sheet.rows().collect();
        assert_eq!(rows[1][2].to_string(), "操作人");
        assert!(rows[1][7].to_string().starts_with("原始值"), "{:?}", rows[1]);
        assert!(rows.iter().skip(2).all(|r| r[0].as_f64().is_some()), "序号 is a number");
        let login = rows.iter().skip(2).find(|r| r[9] == "login.success").expect("the login");
        assert_eq!(login[3].to_string(), "登录");
        assert!(login[2].to_string().contains("审计"), "the auditor by name: {:?}", login);
        assert_ne!(login[2].to_string(), login[8].to_string(), "not the stored actor");
    }
    // A day with nothing, and bad dates that name their field.
    let empty = a.get("/audit/export?from=2001-01-01&to=2001-01-02&format=csv").await;
    assert_eq!(empty.body.lines().count(), 2);
    let bad = a.get("/audit/export?from=2026-13-01&to=2026-12-01").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("2026-12-01 的格式"));
    let backwards = a.get("/audit/export?from=2026-12-01&to=2026-01-01").await;
    assert!(backwards.body.contains("结束日期不能早于开始日期"));
}

/// Every field the demo's events record is named in words on the auditor's page and in the
/// archive (an outside walk saw 其他信息 for a need's urgency and for the demo's counts).
#[tokio::test]
async fn every_field_the_demo_records_is_named() {
    let app = TestApp::with_demo().await;
    let events = entity::audit_event::Entity::find().all(app.db()).await.expect("q");
    assert!(!events.is_empty(), "the demo leaves a trail");
    let mut unnamed = std::collections::BTreeSet::new();
    let mut fields = 0;
    for e in &events {
        for c in qicun::audit::labels::changes(&e.entity, e.before.as_deref(), e.after.as_deref()) {
            fields += 1;
            if c.field == "其他信息" {
                unnamed.insert(format!("{} {:?}", e.entity, e.after));
            }
        }
    }
    assert!(fields >= 5, "fields read: {fields}");
    assert!(unnamed.is_empty(), "{unnamed:?}");
}
