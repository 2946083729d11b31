//! Campaigns from the command line: `qicun bench campaign` solves generated instances exactly
//! and prints its figures against a greedy assignment; `qicun campaign create|solve` drafts and
//! solves a campaign of the demo's villages and enterprises.

mod common;

#[test]
fn the_campaign_bench_solves_both_instances_and_covers_at_least_what_greedy_covers() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .args(["bench", "campaign", "--villages", "40", "--enterprises", "30", "--large", "300", "--candidates", "6"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("40 村 × 30 企业，每对都评分（1200 个候选结对"), "{text}");
    assert!(text.contains("300 村 × 300 企业，每村最好的 6 个候选（1800 个候选结对"), "{text}");
    // 40 villages and 30 enterprises taking one each: 30 covered at most, and the optimiser
    // reaches it.
    assert!(text.contains("覆盖村数 30 / 40"), "{text}");
    assert_eq!(text.matches("求解（最小费用最大流").count(), 2, "{text}");
}

fn qicun(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_qicun"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run qicun")
}

fn refs(prefix: &str, n: usize) -> String {
    (1..=n).map(|i| format!("{prefix}-{i:02}")).collect::<Vec<_>>().join(",")
}

/// A campaign of the demo's 29 villages and 19 enterprises drafted and solved from the command
/// line: every village covered when each enterprise takes two, within the capacities, each pair
/// with its reason; one-to-one leaves ten villages out and says why; an excluded pair is never
/// proposed again; a wrong ref changes nothing and names the option.
#[tokio::test]
async fn a_campaign_is_drafted_and_solved_from_the_command_line() {
    use sea_orm::EntityTrait;
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("qicun.db").display());
    let db = qicun::db::connect_and_migrate(&url).await.expect("db");
    qicun::demo::load(&db, qicun::clock::Clock::default().now()).await.expect("demo");
    let villages = refs("demo-village", 29);
    let enterprises = refs("demo-enterprise", 19);

    let bad = qicun(
        dir.path(),
        &["campaign", "create", "--name", "试点", "--villages", "demo-village-01,nope", "--enterprises", &enterprises],
    );
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--villages: 找不到「nope」"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    assert_eq!(common::count(&db, "campaign", "1 = 1").await, 0, "nothing drafted");

    let made = qicun(
        dir.path(),
        &[
            "campaign",
            "create",
            "--name",
            "宜春市百企联百村专项行动",
            "--villages",
            &villages,
            "--enterprises",
            &enterprises,
            "--capacity",
            "2",
        ],
    );
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let id: i32 = String::from_utf8_lossy(&made.stdout).trim().parse().expect("an id");
    let solved = qicun(dir.path(), &["campaign", "solve", &id.to_string(), "--format", "json"]);
    assert!(solved.status.success(), "{}", String::from_utf8_lossy(&solved.stderr));
    let v: serde_json::Value = serde_json::from_slice(&solved.stdout).expect("json");
    let pairs = v["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 29, "every village covered: {v}");
    assert!(v["uncovered"].as_array().expect("uncovered").is_empty());
    let mut per_enterprise = std::collections::HashMap::new();
    for p in pairs {
        *per_enterprise.entry(p["enterprise"].as_str().expect("ref").to_owned()).or_insert(0) += 1;
        assert!(!p["reason"].as_str().expect("reason").is_empty());
        let s = p["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&s));
    }
    assert!(per_enterprise.values().all(|n| *n <= 2), "{per_enterprise:?}");
    let rice = pairs.iter().find(|p| p["village"] == "demo-village-01").expect("the rice village");
    assert_eq!(rice["enterprise"], "demo-enterprise-01", "the selenium-rice village gets the rice buyer");
    assert!(rice["reason"].as_str().expect("reason").contains("需求「富硒大米滞销求收购」"));
    assert_eq!(common::count(&db, "campaign_pair", &format!("campaign_id = {id} AND state = 'proposed'")).await, 29);
    assert_eq!(common::count(&db, "audit_event", "action IN ('campaign.create', 'campaign.solve')").await, 2);

    // The office excludes the rice pair: solved again, it is not proposed.
    let no_reason = qicun(
        dir.path(),
        &[
            "campaign",
            "exclude",
            &id.to_string(),
            "--village",
            "demo-village-01",
            "--enterprise",
            "demo-enterprise-01",
            "--reason",
            "",
        ],
    );
    assert!(String::from_utf8_lossy(&no_reason.stderr).contains("--reason: 请写明排除的理由"));
    let excluded = qicun(
        dir.path(),
        &[
            "campaign",
            "exclude",
            &id.to_string(),
            "--village",
            "demo-village-01",
            "--enterprise",
            "demo-enterprise-01",
            "--reason",
            "两地相距一百多公里",
            "--kind",
            "far",
        ],
    );
    assert!(excluded.status.success(), "{}", String::from_utf8_lossy(&excluded.stderr));
    // Another pair is locked: it stays whatever the optimiser would choose.
    let locked = qicun(
        dir.path(),
        &["campaign", "lock", &id.to_string(), "--village", "demo-village-02", "--enterprise", "demo-enterprise-19"],
    );
    assert!(locked.status.success(), "{}", String::from_utf8_lossy(&locked.stderr));
    let again = qicun(dir.path(), &["campaign", "solve", &id.to_string(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).expect("json");
    let rice = v["pairs"].as_array().expect("pairs").iter().find(|p| p["village"] == "demo-village-01").cloned();
    assert!(rice.is_none_or(|p| p["enterprise"] != "demo-enterprise-01"), "the excluded pair is not proposed: {v}");
    let kept = v["pairs"].as_array().expect("pairs").iter().find(|p| p["village"] == "demo-village-02").cloned();
    assert_eq!(kept.map(|p| p["enterprise"].clone()), Some(serde_json::json!("demo-enterprise-19")), "locked: {v}");
    assert_eq!(common::count(&db, "campaign_pair", &format!("campaign_id = {id} AND state = 'excluded'")).await, 1);

    // One-to-one: 19 enterprises for 29 villages: ten at least left out, each with its reason.
    let one = qicun(
        dir.path(),
        &[
            "campaign",
            "create",
            "--name",
            "一对一试点",
            "--villages",
            &villages,
            "--enterprises",
            &enterprises,
            "--one-to-one",
        ],
    );
    let id2 = String::from_utf8_lossy(&one.stdout).trim().to_owned();
    let table = qicun(dir.path(), &["campaign", "solve", &id2]);
    let text = String::from_utf8_lossy(&table.stdout);
    // "专项行动 #N：P 对结对，U 个村未覆盖": P ≤ 19 (one village each), P + U = 29.
    let head = text.lines().next().expect("a first line");
    let numbers: Vec<usize> =
        head.split(|c: char| !c.is_ascii_digit()).filter(|x| !x.is_empty()).filter_map(|x| x.parse().ok()).collect();
    let (pairs, uncovered) = (numbers[1], numbers[2]);
    assert!((15..=19).contains(&pairs) && pairs + uncovered == 29, "{text}");
    assert_eq!(text.matches("未覆盖：").count(), uncovered, "each village left out is named with its reason: {text}");
    assert!(text.contains("相符的企业名额已分给别无选择的村"), "{text}");
    assert!(entity::campaign::Entity::find().all(&db).await.expect("q").iter().all(|c| c.status == "solved"));
    db.close().await.expect("close");
}

/// The same on the test database (PostgreSQL in CI as well): drafted and solved, the proposal
/// kept, and a second solve replaces the proposed pairs instead of adding to them.
#[tokio::test]
async fn a_campaign_solved_twice_keeps_one_proposal() {
    let app = common::TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("catch up");
    let draft = qicun::campaign::Draft {
        name: "袁州区试点".into(),
        villages: ["demo-village-01", "demo-village-02", "demo-village-03"].map(String::from).to_vec(),
        enterprises: ["demo-enterprise-01", "demo-enterprise-02", "demo-enterprise-18"].map(String::from).to_vec(),
        as_of: app.state.clock.today(),
        capacity: 1,
        one_to_one: true,
        per_village: 1,
        max_km: None,
        office: None,
        budgets: Vec::new(),
    };
    let actor = qicun::audit::Actor::system("test");
    let c = qicun::campaign::create(app.db(), &draft, &actor, app.state.clock.now()).await.expect("drafted");
    assert_eq!(c.status, "drafted");
    for _ in 0..2 {
        let p = qicun::campaign::solve_campaign(app.db(), &app.state.search, c.id, &actor, app.state.clock.now())
            .await
            .expect("solved");
        assert_eq!(p.pairs.len() + p.uncovered.len(), 3, "{p:?}");
        assert!(p.pairs.iter().any(|x| x.village_ref == "demo-village-01" && x.enterprise_ref == "demo-enterprise-01"));
        let kept =
            common::count(app.db(), "campaign_pair", &format!("campaign_id = {} AND state = 'proposed'", c.id)).await;
        assert_eq!(kept as usize, p.pairs.len());
    }
    let wrong = qicun::campaign::Draft { enterprises: vec!["demo-village-04".into()], ..draft };
    let err = qicun::campaign::create(app.db(), &wrong, &actor, app.state.clock.now())
        .await
        .expect_err("a village is no enterprise");
    assert_eq!(err.status(), axum::http::StatusCode::UNPROCESSABLE_ENTITY);
}

/// The demo command's campaigns: a county pilot left as a draft, last year's purchase campaign
/// issued (its pairings from the campaign, waiting for both sides), the city's campaign solved
/// with one pair excluded (not proposed) and one locked (kept); made once only.
#[tokio::test]
async fn the_demo_shows_a_campaign_in_every_state() {
    let app = common::TestApp::with_demo().await;
    let now = app.state.clock.now();
    qicun::demo::campaigns(app.db(), &app.state.search, now).await.expect("demo campaigns");
    qicun::demo::campaigns(app.db(), &app.state.search, now).await.expect("again: nothing more");
    assert_eq!(common::count(app.db(), "campaign", "1 = 1").await, 3);
    assert_eq!(common::count(app.db(), "campaign", "status = 'drafted'").await, 1);
    assert_eq!(common::count(app.db(), "campaign", "status = 'solved'").await, 1);
    assert_eq!(common::count(app.db(), "campaign", "status = 'issued'").await, 1);
    let issued = "campaign_id = (SELECT id FROM campaign WHERE status = 'issued')";
    let n =
        common::count(app.db(), "campaign_pair", &format!("{issued} AND state = 'issued' AND pairing_id IS NOT NULL"))
            .await;
    assert!(n >= 4, "the issued campaign's pairs carry their pairings: {n}");
    // A pair whose enterprise and village already had an open pairing is linked to it.
    let linked = common::count(
        app.db(),
        "campaign_pair",
        &format!("{issued} AND pairing_id IN (SELECT id FROM pairing WHERE source <> 'campaign')"),
    )
    .await;
    let made = common::count(app.db(), "pairing", "source = 'campaign' AND status = 'proposed'").await;
    assert!(made >= 3, "new pairings from the campaign wait for both sides: {made}");
    assert_eq!(made + linked, n, "each issued pair has one pairing");
    let solved = "campaign_id = (SELECT id FROM campaign WHERE status = 'solved')";
    assert_eq!(common::count(app.db(), "campaign_pair", &format!("{solved} AND state = 'excluded'")).await, 1);
    assert_eq!(common::count(app.db(), "campaign_pair", &format!("{solved} AND state = 'locked'")).await, 1);
    assert!(common::count(app.db(), "campaign_pair", &format!("{solved} AND state = 'proposed'")).await >= 25);
}

/// A maximum distance: an enterprise farther from a village than the campaign allows is never
/// its partner (where both places are known), and a village left out for that says so.
#[tokio::test]
async fn a_campaign_s_maximum_distance_keeps_far_enterprises_out() {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let app = common::TestApp::with_demo().await;
    app.state.search.catch_up(app.db()).await.expect("catch up");
    let enterprises = ["demo-enterprise-01", "demo-enterprise-02", "demo-enterprise-18"];
    // All three enterprises in Beijing, far from 袁州.
    for r in enterprises {
        let o = entity::organisation::Entity::find()
            .filter(entity::organisation::Column::ExternalRef.eq(r))
            .one(app.db())
            .await
            .expect("q")
            .expect("enterprise");
        let mut am: entity::organisation::ActiveModel = o.into();
        am.lat = Set(Some(39.9));
        am.lon = Set(Some(116.4));
        am.update(app.db()).await.expect("moved");
    }
    let actor = qicun::audit::Actor::system("test");
    let draft = |max_km| qicun::campaign::Draft {
        name: "袁州区就近结对".into(),
        villages: ["demo-village-01", "demo-village-02", "demo-village-03"].map(String::from).to_vec(),
        enterprises: enterprises.map(String::from).to_vec(),
        as_of: app.state.clock.today(),
        capacity: 1,
        one_to_one: true,
        per_village: 1,
        max_km,
        office: None,
        budgets: Vec::new(),
    };
    let near =
        qicun::campaign::create(app.db(), &draft(Some(100)), &actor, app.state.clock.now()).await.expect("drafted");
    let p = qicun::campaign::solve_campaign(app.db(), &app.state.search, near.id, &actor, app.state.clock.now())
        .await
        .expect("solved");
    assert!(p.pairs.is_empty(), "nobody within 100 km: {p:?}");
    assert!(
        p.uncovered.iter().any(|u| u.reason.contains("100 公里以外")),
        "the reason names the distance: {:?}",
        p.uncovered
    );
    // Without the rule the same villages are paired.
    let any = qicun::campaign::create(app.db(), &draft(None), &actor, app.state.clock.now()).await.expect("drafted");
    let p = qicun::campaign::solve_campaign(app.db(), &app.state.search, any.id, &actor, app.state.clock.now())
        .await
        .expect("solved");
    assert!(!p.pairs.is_empty(), "{p:?}");
    let bad = qicun::campaign::create(app.db(), &draft(Some(0)), &actor, app.state.clock.now()).await;
    assert!(matches!(bad, Err(qicun::error::AppError::Invalid(ref f)) if f[0].0 == "max_km"), "{bad:?}");
}
