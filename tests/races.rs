//! Two people acting on the same row at once end in one clear outcome: the loser gets 409 with
//! the current state, nothing is doubled, nothing acknowledged is overwritten, and a busy
//! database makes writers wait instead of failing. Run on a database shared by several
//! connections (a SQLite file, or PostgreSQL), each race several times.

mod common;

use axum::http::StatusCode;
use chrono::Utc;
use common::{Client, TestApp, TestResponse, count};
use entity::{contribution, organisation, pairing, user};
use qicun::demo::DEMO_PASSWORD;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const ROUNDS: usize = 6;

async fn org_of(app: &TestApp, login: &str) -> organisation::Model {
    let u = user::Entity::find().filter(user::Column::Login.eq(login)).one(app.db()).await.expect("q").expect("user");
    organisation::Entity::find_by_id(u.organisation_id.expect("org")).one(app.db()).await.expect("q").expect("org")
}

/// A pairing between `ent` and `vil` in `status`, made directly (the race is what is tested).
async fn pairing_in(app: &TestApp, ent: i32, vil: i32, status: &str, tag: &str) -> i32 {
    let now = Utc::now();
    pairing::ActiveModel {
        enterprise_id: Set(ent),
        village_id: Set(vil),
        source: Set("office".into()),
        status: Set(status.into()),
        enterprise_accepted_at: Set(matches!(status, "pending_review" | "accepted_by_enterprise").then_some(now)),
        village_accepted_at: Set((status == "pending_review").then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        open_key: Set(Some(format!("race:{tag}"))),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .expect("pairing")
    .id
}

async fn status(app: &TestApp, id: i32) -> pairing::Model {
    pairing::Entity::find_by_id(id).one(app.db()).await.expect("q").expect("pairing")
}

async fn logged_in<'a>(app: &'a TestApp, login: &str) -> Client<'a> {
    let mut c = Client::new(app);
    let res = c.login(login, DEMO_PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{login} logs in");
    c
}

fn ok(r: &TestResponse) -> bool {
    r.status == StatusCode::SEE_OTHER
}

fn no_server_error(what: &str, r: &TestResponse) {
    assert!(!r.status.is_server_error(), "{what}: {} {}", r.status, r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_offices_approving_and_rejecting_at_once_end_in_one_decision() {
    let app = TestApp::shared_with_demo().await;
    let ent = org_of(&app, "qiye01").await;
    let vil = org_of(&app, "cun01").await;
    assert!(vil.region_code.starts_with("360902"), "both offices cover 袁州区: {}", vil.region_code);
    let mut county = logged_in(&app, "yuanzhou-fpb").await;
    let mut city = logged_in(&app, "yichun-fpb").await;
    let mut approved = 0;
    for round in 0..ROUNDS {
        let id = pairing_in(&app, ent.id, vil.id, "pending_review", &format!("review{round}")).await;
        let (pa, pr) = (format!("/pairings/{id}/approve"), format!("/pairings/{id}/reject"));
        let (a, r) = tokio::join!(
            county.post(&pa, &[("reason", "同意结对")]),
            city.post(&pr, &[("reason", "不同意结对"), ("reason_kind", "other")])
        );
        no_server_error("approve", &a);
        no_server_error("reject", &r);
        assert!(ok(&a) != ok(&r), "exactly one decision wins (round {round}: {} / {})", a.status, r.status);
        let loser = if ok(&a) { &r } else { &a };
        assert_eq!(loser.status, StatusCode::CONFLICT);
        let p = status(&app, id).await;
        let current = if ok(&a) { "已通过" } else { "已驳回" };
        assert!(loser.body.contains(current), "the loser is told the current state: {}", loser.body);
        assert_eq!(p.status, if ok(&a) { "approved" } else { "rejected" });
        let events = count(
            app.db(),
            "audit_event",
            &format!("action IN ('pairing.approve','pairing.reject') AND entity_id = '{id}'"),
        )
        .await;
        assert_eq!(events, 1, "one decision recorded");
        let notices = count(app.db(), "notice", &format!("entity = 'pairing' AND entity_id = {id}")).await;
        assert_eq!(notices, i64::from(p.status == "approved"), "公示 only for an approval");
        approved += usize::from(ok(&a));
    }
    eprintln!("approve won {approved} of {ROUNDS} rounds");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_acknowledged_withdrawal_is_never_overwritten_by_an_acceptance() {
    let app = TestApp::shared_with_demo().await;
    let ent = org_of(&app, "qiye01").await;
    let vil = org_of(&app, "cun01").await;
    let mut e = logged_in(&app, "qiye01").await;
    let mut v = logged_in(&app, "cun01").await;
    for round in 0..ROUNDS {
        let id = pairing_in(&app, ent.id, vil.id, "accepted_by_enterprise", &format!("withdraw{round}")).await;
        let (pw, pa) = (format!("/pairings/{id}/withdraw"), format!("/pairings/{id}/accept"));
        let (w, a) = tokio::join!(e.post(&pw, &[("reason", "企业另有安排")]), v.post(&pa, &[]));
        no_server_error("withdraw", &w);
        no_server_error("accept", &a);
        assert!(ok(&w), "a withdrawal of an open pairing always goes through: {}", w.body);
        let p = status(&app, id).await;
        assert_eq!(p.status, "withdrawn", "round {round}: the acknowledged withdrawal stands");
        assert!(p.open_key.is_none(), "an ended pairing frees its key");
        if !ok(&a) {
            assert_eq!(a.status, StatusCode::CONFLICT);
            assert!(a.body.contains("已撤回"), "{}", a.body);
        }
        let accepts =
            count(app.db(), "audit_event", &format!("action = 'pairing.accept' AND entity_id = '{id}'")).await;
        assert_eq!(accepts, i64::from(ok(&a)), "an acceptance is recorded exactly when it was answered as done");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_sides_accepting_an_office_proposal_at_once_send_it_to_review() {
    let app = TestApp::shared_with_demo().await;
    let ent = org_of(&app, "qiye01").await;
    let vil = org_of(&app, "cun01").await;
    let mut e = logged_in(&app, "qiye01").await;
    let mut v = logged_in(&app, "cun01").await;
    for round in 0..ROUNDS {
        let id = pairing_in(&app, ent.id, vil.id, "proposed", &format!("accept{round}")).await;
        let (pa, pb) = (format!("/pairings/{id}/accept"), format!("/pairings/{id}/accept"));
        let (a, b) = tokio::join!(e.post(&pa, &[]), v.post(&pb, &[]));
        assert!(ok(&a) && ok(&b), "round {round}: both acceptances go through ({} / {})", a.status, b.status);
        let p = status(&app, id).await;
        assert_eq!(p.status, "pending_review", "round {round}: both acceptances count");
        assert!(p.enterprise_accepted_at.is_some() && p.village_accepted_at.is_some());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn offering_help_twice_at_once_makes_one_pairing() {
    let app = TestApp::shared_with_demo().await;
    let today = app.state.clock.today();
    let ent = org_of(&app, "qiye01").await;
    let needs: Vec<entity::need::Model> = entity::need::Entity::find()
        .filter(entity::need::Column::Status.eq("published"))
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .filter(|n| n.valid_until.is_none_or(|u| u >= today) && n.valid_from <= today)
        .take(ROUNDS)
        .collect();
    assert_eq!(needs.len(), ROUNDS, "the demo has live needs to help");
    let mut a = logged_in(&app, "qiye01").await;
    let mut b = logged_in(&app, "qiye01").await;
    for n in &needs {
        let before = count(app.db(), "pairing", &format!("need_id = {} AND enterprise_id = {}", n.id, ent.id)).await;
        let (px, py) = (format!("/needs/{}/help", n.id), format!("/needs/{}/help", n.id));
        let (x, y) = tokio::join!(a.post(&px, &[("own", "")]), b.post(&py, &[("own", "")]));
        no_server_error("first", &x);
        no_server_error("second", &y);
        let after = count(app.db(), "pairing", &format!("need_id = {} AND enterprise_id = {}", n.id, ent.id)).await;
        if before == 0 {
            assert!(ok(&x) != ok(&y), "one of the two goes through ({} / {})", x.status, y.status);
            assert_eq!(after, 1, "need {}: one pairing, not two", n.id);
            let loser = if ok(&x) { &y } else { &x };
            assert_eq!(loser.status, StatusCode::CONFLICT);
            assert!(loser.body.contains("已有相同的结对"), "{}", loser.body);
        } else {
            assert_eq!(after, before, "an existing open pairing is not doubled");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_drafts_of_one_agreement_give_the_loser_a_conflict() {
    let app = TestApp::shared_with_demo().await;
    let today = app.state.clock.today();
    let ent = org_of(&app, "qiye01").await;
    let vil = org_of(&app, "cun01").await;
    let mut e = logged_in(&app, "qiye01").await;
    let mut office = logged_in(&app, "yichun-fpb").await;
    let (start, end) = (today.to_string(), (today + chrono::Duration::days(90)).to_string());
    let form = [
        ("title", "大米收购协议"),
        ("terms", "甲方按保护价收购乙方富硒大米，货到付款。"),
        ("planned_produce_yuan", "50000"),
        ("starts_on", start.as_str()),
        ("ends_on", end.as_str()),
    ];
    for round in 0..ROUNDS {
        let id = pairing_in(&app, ent.id, vil.id, "approved", &format!("agreement{round}")).await;
        e.get(&format!("/pairings/{id}/agreement/new")).await;
        office.get(&format!("/pairings/{id}/agreement/new")).await;
        let (px, py) = (format!("/pairings/{id}/agreement"), format!("/pairings/{id}/agreement"));
        let (x, y) = tokio::join!(e.post(&px, &form), office.post(&py, &form));
        no_server_error("enterprise draft", &x);
        no_server_error("office draft", &y);
        assert!(ok(&x) != ok(&y), "round {round}: one draft wins ({} / {})", x.status, y.status);
        let loser = if ok(&x) { &y } else { &x };
        assert_eq!(loser.status, StatusCode::CONFLICT);
        assert!(loser.body.contains("已有协议"), "{}", loser.body);
        assert_eq!(count(app.db(), "agreement", &format!("pairing_id = {id}")).await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn verifying_two_contributions_of_one_agreement_at_once_verifies_both() {
    let app = TestApp::shared_with_demo().await;
    let a = entity::agreement::Entity::find_by_id(1).one(app.db()).await.expect("q").expect("demo agreement 1");
    assert_eq!(a.status, "active", "precondition: the demo's first agreement is active");
    let mut office = logged_in(&app, "yichun-fpb").await;
    let mut office2 = logged_in(&app, "yichun-fpb").await;
    for round in 0..ROUNDS {
        let mut ids = Vec::new();
        for _ in 0..2 {
            let c = contribution::ActiveModel {
                agreement_id: Set(a.id),
                kind: Set("money".into()),
                amount_fen: Set(100),
                households: Set(1),
                persons: Set(1),
                contributed_on: Set(Utc::now().date_naive()),
                description: Set(format!("第 {round} 轮 捐款")),
                status: Set("confirmed".into()),
                reported_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(app.db())
            .await
            .expect("contribution");
            ids.push(c.id);
        }
        let (px, py) = (format!("/contributions/{}/verify", ids[0]), format!("/contributions/{}/verify", ids[1]));
        let why = [("reason", "电话回访属实")];
        let (x, y) = tokio::join!(office.post(&px, &why), office2.post(&py, &why));
        assert!(ok(&x) && ok(&y), "round {round}: both verified ({} {} / {} {})", x.status, x.body, y.status, y.body);
        for id in &ids {
            assert_eq!(count(app.db(), "contribution", &format!("id = {id} AND status = 'verified'")).await, 1);
        }
    }
    assert!(
        count(app.db(), "audit_event", &format!("action = 'agreement.complete' AND entity_id = '{}'", a.id)).await <= 1,
        "an agreement completes once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_busy_database_makes_writers_wait_instead_of_failing() {
    let app = TestApp::shared_with_demo().await;
    let ent = org_of(&app, "qiye01").await;
    let vil = org_of(&app, "cun01").await;
    // Eight background writers keep the database's write lock busy.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..8 {
        let (db, stop) = (app.state.db.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let txn = qicun::db::write(&db).await.expect("background write lock");
                qicun::outbox::record(&txn, Utc::now(), "background", w, "noop").await.expect("background write");
                qicun::db::commit(txn).await.expect("background commit");
                n += 1;
            }
            n
        }));
    }
    let mut v = logged_in(&app, "cun01").await;
    let mut answered = 0;
    for round in 0..20 {
        let id = pairing_in(&app, ent.id, vil.id, "accepted_by_enterprise", &format!("busy{round}")).await;
        let r = v.post(&format!("/pairings/{id}/accept"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "round {round}: accepted while the database is busy: {}", r.body);
        answered += 1;
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut background = 0;
    for w in writers {
        background += w.await.expect("writer");
    }
    assert!(background > 20, "the background writers really wrote ({background})");
    eprintln!("{answered} acceptances answered beside {background} background writes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_command_line_import_waits_for_a_busy_server_and_then_succeeds() {
    let app = TestApp::shared_with_demo().await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..8 {
        let (db, stop) = (app.state.db.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let txn = qicun::db::write(&db).await.expect("server write");
                qicun::outbox::record(&txn, Utc::now(), "background", w, "noop").await.expect("write");
                // A request's worth of work while holding the lock.
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                qicun::db::commit(txn).await.expect("commit");
                n += 1;
            }
            n
        }));
    }
    // The writers are busy before the import starts.
    while count(app.db(), "change", "entity = 'background'").await < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger.json");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"));
    cmd.arg("--data-dir").arg(app.data_dir.path()).env_remove("DATABASE_URL");
    if common::on_postgres() {
        cmd.args(["--database-url", &app.state.config.effective_database_url()]);
    }
    cmd.args(["import", "ledger"]).arg(&fixture);
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("run qicun")).await.expect("import");
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut background = 0;
    for w in writers {
        background += w.await.expect("writer");
    }
    assert!(
        out.status.success(),
        "the import waited its turn: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(background > 20, "the server really wrote meanwhile ({background})");
    assert!(count(app.db(), "organisation", "ref = 'yc-ent-001'").await == 1, "the ledger is in");
}

/// A budget set while the campaign is being solved: either the solve sees it (the proposal
/// keeps it), or the solve is refused (409, solve again), or the budget lands after the solve
/// and the campaign reads as changed (it cannot be issued before a new solve). Never a
/// proposal that breaks the budget and may be issued as it is.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_budget_set_during_a_solve_is_never_lost() {
    let app = TestApp::shared_with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("index");
    let actor = qicun::audit::Actor::system("race");
    let draft = qicun::campaign::Draft {
        name: "预算竞争".into(),
        villages: (1..=3).map(|i| format!("demo-village-{i:02}")).collect(),
        enterprises: ["demo-enterprise-01", "demo-enterprise-02", "demo-enterprise-18"].map(String::from).to_vec(),
        as_of: app.state.clock.today(),
        capacity: 1,
        one_to_one: true,
        per_village: 1,
        max_km: None,
        office: None,
        budgets: Vec::new(),
    };
    let c = qicun::campaign::create(app.db(), &draft, &actor, Utc::now()).await.expect("draft");
    let kind = qicun::domain::ListingKind::Procurement;
    let ent = "demo-enterprise-01";
    let ent_id = org_of(&app, "qiye01").await.id;
    let (mut seen, mut refused, mut stale) = (0, 0, 0);
    for round in 0..ROUNDS {
        // A proposal without the budget first: enterprise 01 buys from a village for more
        // than the budget about to be set.
        if round > 0 {
            qicun::campaign::set_budget(app.db(), c.id, ent, kind, None, &actor, Utc::now()).await.expect("off");
        }
        qicun::campaign::solve_campaign(app.db(), &app.state.search, c.id, &actor, Utc::now()).await.expect("solve");
        let dear = count(
            app.db(),
            "campaign_pair",
            &format!(
                "campaign_id = {} AND enterprise_id = {ent_id} AND help_kind = 'procurement' AND cost_fen > 5000000",
                c.id
            ),
        )
        .await;
        assert_eq!(dear, 1, "without the budget the enterprise takes a purchase dearer than the budget");
        let (solved, budget) = tokio::join!(
            qicun::campaign::solve_campaign(app.db(), &app.state.search, c.id, &actor, Utc::now()),
            qicun::campaign::set_budget(app.db(), c.id, ent, kind, Some(5_000_000), &actor, Utc::now()),
        );
        budget.expect("the budget is stored");
        let row = entity::campaign::Entity::find_by_id(c.id).one(app.db()).await.expect("q").expect("campaign");
        let is_stale = qicun::campaign::steer::is_stale(&row);
        match solved {
            Err(e) => {
                assert_eq!(e.status(), StatusCode::CONFLICT, "{e:?}");
                refused += 1;
            }
            Ok(_) if is_stale => stale += 1,
            Ok(_) => {
                // The solve saw the budget: what it proposes of that kind keeps within it.
                let spent: i64 = entity::campaign_pair::Entity::find()
                    .filter(entity::campaign_pair::Column::CampaignId.eq(c.id))
                    .filter(entity::campaign_pair::Column::EnterpriseId.eq(ent_id))
                    .filter(entity::campaign_pair::Column::HelpKind.eq(kind.code()))
                    .all(app.db())
                    .await
                    .expect("q")
                    .iter()
                    .filter(|p| p.state == "proposed" || p.state == "locked")
                    .filter_map(|p| p.cost_fen)
                    .sum();
                assert!(spent <= 5_000_000, "round {round}: a fresh proposal breaks the budget ({spent})");
                seen += 1;
            }
        }
        if is_stale {
            let refusal = qicun::campaign::steer::issue_refusal(&row, 1);
            assert!(refusal.is_some_and(|r| r.contains("重新求解")), "a stale campaign is not issued");
        }
    }
    assert_eq!(seen + refused + stale, ROUNDS);
}
