//! Contributions: reported with evidence by the enterprise, confirmed by the village, verified by
//! the office; the agreement completes when its plan is met. Files are judged by their bytes.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;

fn multipart(csrf: &str, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let b = "qicunContributionBoundary42";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n").as_bytes(),
    );
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

async fn report(
    c: &mut Client<'_>,
    agreement: i32,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> common::TestResponse {
    c.get(&format!("/agreements/{agreement}/contributions/new")).await;
    let (ct, body) = multipart(&c.csrf.clone(), fields, files);
    c.send(
        Request::post(format!("/agreements/{agreement}/contributions"))
            .header("content-type", ct)
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

const PRODUCE: &[(&str, &str)] = &[
    ("kind", "produce"),
    ("product", "富硒大米"),
    ("amount_yuan", "200,000"),
    ("quantity", "40000"),
    ("unit", "公斤"),
    ("households", "43"),
    ("persons", "130"),
    ("contributed_on", "2026-11-20"),
    ("description", "第二批收购石桥村富硒大米四万公斤"),
];

#[tokio::test]
async fn a_reported_contribution_is_confirmed_verified_and_completes_the_agreement() {
    let app = TestApp::with_demo().await;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let files: &[(&str, &[u8])] =
        &[("收购现场.png", &common::photo_png(b"site")), ("收据.pdf", b"%PDF-1.4 receipt made at GPS 28.1N 114.5E")];
    let res = report(&mut ent, 1, PRODUCE, files).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id: i32 = {
        let rows = entity::contribution::Entity::find().all(app.db()).await.expect("q");
        rows.iter().find(|c| c.description == "第二批收购石桥村富硒大米四万公斤").expect("reported").id
    };
    assert_eq!(
        count(
            app.db(),
            "evidence",
            &format!(
                "contribution_id = {id} AND media_type = 'image/png' AND size_bytes = {}",
                common::photo_png(b"site").len()
            )
        )
        .await,
        1
    );
    let evidence = entity::evidence::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|e| e.contribution_id == id)
        .expect("evidence");
    assert_eq!(evidence.sha256.len(), 64);
    assert!(
        qicun::evidence::get(app.db(), &evidence.sha256).await.expect("q").is_some_and(|b| b.starts_with(b"\x89PNG")),
        "the file is kept in the database, where every node finds it"
    );

    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    let file = village.get(&format!("/evidence/{}", evidence.id)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers["content-type"], "image/png");
    assert_eq!(
        Client::new(&app).get(&format!("/evidence/{}", evidence.id)).await.status,
        StatusCode::SEE_OTHER,
        "not public"
    );

    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert_eq!(
        office.post(&format!("/contributions/{id}/verify"), &[]).await.status,
        StatusCode::CONFLICT,
        "not before the village confirms"
    );
    assert_eq!(village.post(&format!("/contributions/{id}/confirm"), &[]).await.status, StatusCode::SEE_OTHER);
    let confirmed = village.get("/agreements/1").await;
    // A purchase not yet paid and rated: the village is told it waits for the buyer first.
    assert!(
        confirmed.body.contains("已确认属实。还缺：买方记录付款、买方评价，之后由乡村振兴局核实。"),
        "the village sees what its step did: {}",
        confirmed.body
    );
    assert!(!village.get("/agreements/1").await.body.contains("已确认属实"), "the message is shown once");
    // The office decides on the facts: amounts, the evidence as pictures, and the risk flags
    // (confirmed within a minute of the report); a flagged record needs a word on what was checked.
    // A purchase counts only once delivered, paid and rated (消费帮扶): not verified before.
    let early = office.post(&format!("/contributions/{id}/verify"), &[("reason", "电话回访村委会，收购属实")]).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.body.contains("还缺买方记录付款、买方评价"), "{}", early.body);
    assert_eq!(common::pay_and_rate(&mut ent, id, "200000", "2026-11-21").await.status, StatusCode::SEE_OTHER);
    let page = office.get(&format!("/contributions/{id}/confirm/verify")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("¥200,000.00") && page.body.contains("40,000 公斤"), "{}", page.body);
    assert!(page.body.contains(&format!("<img src=\"/evidence/{}\"", evidence.id)), "{}", page.body);
    assert!(page.body.contains("报告后一分钟内即被确认") && page.body.contains("必填"));
    let refused = office.post(&format!("/contributions/{id}/verify"), &[("reason", "")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("请写明核实了什么") && refused.body.contains("<form"), "the form again, with why");
    assert_eq!(count(app.db(), "contribution", &format!("id = {id} AND status = 'confirmed'")).await, 1);
    let open_milestones = count(app.db(), "milestone", "agreement_id = 1 AND done_at IS NULL").await;
    assert!(open_milestones >= 1, "the year's milestone is still open");
    let res = office.post(&format!("/contributions/{id}/verify"), &[("reason", "电话回访村委会，收购属实")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "contribution", &format!("id = {id} AND status = 'verified'")).await, 1);
    assert_eq!(
        count(app.db(), "milestone", "agreement_id = 1 AND done_at IS NULL").await,
        0,
        "the verified records reach every milestone's amount"
    );
    assert!(office.get("/agreements/1").await.body.contains("处理结果：电话回访村委会，收购属实"));
    assert_eq!(count(app.db(), "agreement", "id = 1 AND status = 'completed'").await, 1, "the plan is met: completed");
    assert_eq!(count(app.db(), "audit_event", "action = 'agreement.complete' AND entity_id = '1'").await, 1);
    let page = village.get("/agreements/1").await;
    assert!(page.body.contains("100%") && page.body.contains("已完成"));
    assert!(page.body.contains("<span class=\"chip\">已完成（"), "each milestone says it was reached");

    // On 公示, the evidence is public — as a copy without its EXIF.
    let notice = entity::notice::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|n| n.entity == "contribution" && n.entity_id == id)
        .expect("notice");
    let public = Client::new(&app).get(&format!("/notices/{}", notice.id)).await;
    assert!(public.body.contains(&format!("/notices/{}/evidence/{}", notice.id, evidence.id)));
    let copy = Client::new(&app).get(&format!("/notices/{}/evidence/{}", notice.id, evidence.id)).await;
    assert_eq!(copy.status, StatusCode::OK);
    assert_eq!(copy.headers["content-type"], "image/png");
    // A PDF is not published: named, not linked, and its address answers 404.
    let pdf = entity::evidence::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .find(|e| e.contribution_id == id && e.media_type == "application/pdf")
        .expect("the PDF is kept");
    assert!(public.body.contains("收据.pdf（PDF，不公开）"), "{}", public.body);
    assert!(!public.body.contains(&format!("/notices/{}/evidence/{}", notice.id, pdf.id)));
    let res = Client::new(&app).get(&format!("/notices/{}/evidence/{}", notice.id, pdf.id)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_public_copy_of_a_photo_has_no_gps() {
    let app = TestApp::with_demo().await;
    let jpeg = common::photo_jpeg_with_gps();
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let res = report(&mut ent, 1, PRODUCE, &[("现场.jpg", &jpeg)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let e = entity::evidence::Entity::find().all(app.db()).await.expect("q").pop().expect("evidence");
    assert_eq!(e.media_type, "image/jpeg");
    let original = qicun::evidence::get(app.db(), &e.storage_key).await.expect("q").expect("original");
    let public = qicun::evidence::get(app.db(), &qicun::evidence::public_key(&e.storage_key))
        .await
        .expect("q")
        .expect("public copy");
    assert!(original.windows(11).any(|w| w == b"GPSLatitude"), "the original is kept whole");
    assert!(!public.windows(11).any(|w| w == b"GPSLatitude"), "no position in the public copy");
}

#[tokio::test]
async fn evidence_is_judged_by_its_bytes_and_a_bad_report_saves_nothing() {
    let app = TestApp::with_demo().await;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let before = count(app.db(), "contribution", "1 = 1").await;
    let res = report(&mut ent, 1, PRODUCE, &[("照片.jpg", b"<html>this is not a photo</html>")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("不是 JPEG、PNG 或 PDF 文件"));
    assert!(res.body.contains("第二批收购石桥村富硒大米四万公斤"), "the form keeps what was typed");
    let res = report(&mut ent, 1, PRODUCE, &[]).await;
    assert!(res.body.contains("请上传至少一份证明材料"));
    assert!(!res.body.contains("浏览器不会保留已选的文件"), "none was chosen");
    let mut no_amount: Vec<(&str, &str)> = PRODUCE.iter().copied().filter(|(k, _)| *k != "amount_yuan").collect();
    no_amount.push(("amount_yuan", ""));
    let res = report(&mut ent, 1, &no_amount, &[("a.png", &common::photo_png(b"site"))]).await;
    assert!(res.body.contains("须填写金额"));
    assert!(
        res.body.contains("浏览器不会保留已选的文件：请重新选择证明材料再提交。"),
        "the photo must be chosen again"
    );
    assert_eq!(count(app.db(), "contribution", "1 = 1").await, before, "nothing saved");
    // Another enterprise cannot report under this agreement.
    let mut other = Client::new(&app);
    other.login("qiye04", DEMO_PASSWORD).await;
    assert_eq!(other.get("/agreements/1/contributions/new").await.status, StatusCode::NOT_FOUND);
    // A village must give its reason to dispute.
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(
        village.post("/contributions/3/dispute", &[("reason", "")]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        village.post("/contributions/3/dispute", &[("reason", "实际只收了一半")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        count(app.db(), "contribution", "id = 3 AND status = 'disputed' AND dispute_reason = '实际只收了一半'").await,
        1
    );
}

use sea_orm::EntityTrait;

#[tokio::test]
async fn the_same_evidence_on_two_contributions_is_flagged_to_the_office_only() {
    let app = TestApp::with_demo().await;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(
        report(&mut ent, 1, PRODUCE, &[("收购现场.png", &common::photo_png(b"site"))]).await.status,
        StatusCode::SEE_OTHER
    );
    let mut again: Vec<(&str, &str)> = PRODUCE.iter().copied().filter(|(k, _)| *k != "description").collect();
    again.push(("description", "第三批收购，照片与上次相同"));
    assert_eq!(
        report(&mut ent, 1, &again, &[("另一张.png", &common::photo_png(b"site"))]).await.status,
        StatusCode::SEE_OTHER
    );
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let page = office.get("/agreements/1").await;
    assert_eq!(page.body.matches("的文件相同").count(), 2, "both contributions carry the flag");
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    assert!(auditor.get("/agreements/1").await.body.contains("的文件相同"));
    assert!(!ent.get("/agreements/1").await.body.contains("的文件相同"), "flags are for offices and auditors");

    // Confirmed within a minute of the report; money the agreement never planned.
    let mut village = Client::new(&app);
    village.login("cun01", DEMO_PASSWORD).await;
    let latest = entity::contribution::Entity::find()
        .all(app.db())
        .await
        .expect("q")
        .into_iter()
        .map(|c| c.id)
        .max()
        .expect("id");
    village.post(&format!("/contributions/{latest}/confirm"), &[]).await;
    let money: Vec<(&str, &str)> = vec![
        ("kind", "money"),
        ("amount_yuan", "50000"),
        ("contributed_on", "2026-11-21"),
        ("description", "村集体产业发展资金"),
    ];
    assert_eq!(report(&mut ent, 1, &money, &[("收据.pdf", b"%PDF-1.4 receipt")]).await.status, StatusCode::SEE_OTHER);
    let page = office.get("/agreements/1").await;
    assert!(page.body.contains("报告后一分钟内即被确认"));
    assert!(page.body.contains("协议未计划此类投入"));
}

#[tokio::test]
async fn evidence_files_kept_in_the_folder_by_earlier_versions_are_taken_into_the_database() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(dir.path().join("evidence")).expect("folder");
    let key = "ab".repeat(32);
    std::fs::write(dir.path().join("evidence").join(&key), b"%PDF-1.4 old evidence").expect("file");
    std::fs::write(dir.path().join("evidence").join(format!("{key}.public")), b"%PDF-1.4 old evidence").expect("file");
    let mut config = qicun::Config::new(dir.path());
    config.index_dir = None;
    let state = qicun::app::build_state(config.clone()).await.expect("state");
    assert_eq!(
        qicun::evidence::get(&state.db, &key).await.expect("q").as_deref(),
        Some(b"%PDF-1.4 old evidence".as_slice()),
        "served from the database now"
    );
    assert!(qicun::evidence::get(&state.db, &format!("{key}.public")).await.expect("q").is_some());
    drop(state);
    let again = qicun::evidence::adopt_folder(
        &qicun::db::connect(&config.effective_database_url()).await.expect("db"),
        &dir.path().join("evidence"),
    )
    .await
    .expect("again");
    assert_eq!(again, 0, "taken once");
}

async fn latest_contribution(app: &TestApp) -> entity::contribution::Model {
    entity::contribution::Entity::find().all(app.db()).await.expect("q").into_iter().max_by_key(|c| c.id).expect("one")
}

async fn messages_to(app: &TestApp, login: &str, like: &str) -> i64 {
    count(
        app.db(),
        "notification",
        &format!("title LIKE '%{like}%' AND user_id IN (SELECT id FROM \"user\" WHERE login = '{login}')"),
    )
    .await
}

#[tokio::test]
async fn a_disputed_contribution_is_corrected_withdrawn_or_ruled_on() {
    let app = TestApp::with_demo().await;
    let (mut ent, mut village, mut office) = (Client::new(&app), Client::new(&app), Client::new(&app));
    ent.login("qiye01", DEMO_PASSWORD).await;
    village.login("cun01", DEMO_PASSWORD).await;
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    assert_eq!(count(app.db(), "contribution", "id = 3 AND agreement_id = 1 AND status = 'reported'").await, 1);
    // The village's desk leads to the record itself, not the top of a long agreement page.
    let desk = village.get("/my").await;
    assert!(desk.body.contains("href=\"/agreements/1#c3\""), "{}", desk.body);

    // A dispute without a reason re-shows its form with the message under the field.
    let res = village.post("/contributions/3/dispute", &[("reason", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("请写明异议理由") && res.body.contains("action=\"/contributions/3/dispute\""));
    assert_eq!(
        village.post("/contributions/3/dispute", &[("reason", "数量只有一半")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(messages_to(&app, "qiye01", "有异议").await >= 1, "the enterprise is told");
    assert!(messages_to(&app, "yuanzhou-fpb", "有异议").await >= 1, "the office is told: it rules");

    // Each side sees its way forward.
    let page = ent.get("/agreements/1").await;
    assert!(page.body.contains("/contributions/3/correct") && page.body.contains("/contributions/3/confirm/withdraw"));
    let page = office.get("/agreements/1").await;
    assert!(
        page.body.contains("/contributions/3/confirm/uphold")
            && page.body.contains("/contributions/3/confirm/overrule")
    );
    assert_eq!(
        village.get("/contributions/3/confirm/withdraw").await.status,
        StatusCode::CONFLICT,
        "not the village's"
    );

    // The enterprise corrects: the form comes pre-filled, the new record replaces the old one.
    let old = entity::contribution::Entity::find_by_id(3).one(app.db()).await.expect("q").expect("3");
    let form = ent.get("/contributions/3/correct").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(&old.description) && form.body.contains("name=\"corrects\" value=\"3\""));
    // The old record's files are offered, ticked, to keep with the correction.
    use sea_orm::{ColumnTrait, QueryFilter};
    let old_files = entity::evidence::Entity::find()
        .filter(entity::evidence::Column::ContributionId.eq(3))
        .all(app.db())
        .await
        .expect("q");
    assert!(!old_files.is_empty(), "the demo's record 3 has evidence");
    for e in &old_files {
        assert!(
            form.body.contains(&format!("name=\"keep\" value=\"{}\" checked> {}", e.id, e.file_name)),
            "{}",
            form.body
        );
    }
    let mut fields: Vec<(&str, &str)> = PRODUCE.iter().copied().filter(|(k, _)| *k != "description").collect();
    fields.extend([("description", "更正：第二批实际收购两万公斤"), ("corrects", "3")]);
    // Neither kept nor uploaded: refused under the field, the files offered again unticked.
    let before = count(app.db(), "contribution", "1 = 1").await;
    let bare = report(&mut ent, 1, &fields, &[]).await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bare.body.contains("请勾选保留原记录的证明材料，或上传至少一份新的"), "{}", bare.body);
    assert!(bare.body.contains("还不能提交：请按下面标红的提示修改。"), "said at the top too: {}", bare.body);
    assert!(!bare.body.contains("浏览器不会保留已选的文件"), "no file was chosen: {}", bare.body);
    assert!(bare.body.contains(&format!("name=\"keep\" value=\"{}\">", old_files[0].id)), "{}", bare.body);
    assert_eq!(count(app.db(), "contribution", "1 = 1").await, before, "nothing made");
    // The first old file kept, a new one added.
    let kept_id = old_files[0].id.to_string();
    let mut with_kept = fields.clone();
    with_kept.push(("keep", &kept_id));
    let png = common::photo_png(b"corrected");
    let done = report(&mut ent, 1, &with_kept, &[("更正.png", &png)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let new = latest_contribution(&app).await;
    assert_eq!(location(&done), format!("/agreements/1#c{}", new.id));
    let told = ent.get(location(&done)).await;
    assert!(
        told.body.contains(&format!("已更正帮扶记录 #3：新记录 #{} 替换了它，等待村委会重新确认", new.id)),
        "{}",
        told.body
    );
    // A file kept on purpose is not flagged as the same evidence on two records.
    let page = office.get("/agreements/1").await;
    assert!(page.body.contains(&format!("id=\"c{}\"", new.id)), "the office sees the new record");
    assert!(!page.body.contains("证明材料与帮扶记录"), "{}", page.body);
    let new_files = entity::evidence::Entity::find()
        .filter(entity::evidence::Column::ContributionId.eq(new.id))
        .all(app.db())
        .await
        .expect("q");
    assert_eq!(new_files.len(), 2, "{new_files:?}");
    assert!(new_files.iter().any(|e| e.sha256 == old_files[0].sha256 && e.file_name == old_files[0].file_name));
    assert!(new_files.iter().any(|e| e.file_name == "更正.png"));
    assert_eq!((new.supersedes_id, new.status.as_str()), (Some(3), "reported"));
    assert_eq!(
        count(
            app.db(),
            "contribution",
            &format!("id = 3 AND status = 'corrected' AND resolution = '已由帮扶记录 #{} 更正'", new.id)
        )
        .await,
        1
    );
    assert_eq!(count(app.db(), "audit_event", "action = 'contribution.correct' AND entity_id = '3'").await, 1);
    assert!(messages_to(&app, "cun01", "企业更正了帮扶记录").await >= 1);
    assert!(ent.get("/agreements/1").await.body.contains("更正自帮扶记录 #3"));
    assert_eq!(ent.get("/contributions/3/correct").await.status, StatusCode::CONFLICT, "corrected once");
    assert_eq!(report(&mut ent, 1, &fields, &[("更正.png", &png)]).await.status, StatusCode::CONFLICT);

    // The village disputes the correction too; the office upholds the dispute with a reason.
    let n = new.id;
    assert_eq!(
        village.post(&format!("/contributions/{n}/dispute"), &[("reason", "还是不对")]).await.status,
        StatusCode::SEE_OTHER
    );
    let res = office.post(&format!("/contributions/{n}/uphold"), &[("reason", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("请写明裁定理由") && res.body.contains("还是不对"), "the form shows the dispute again");
    let ruling = [("reason", "到村核对收购单据，数量与上报不符")];
    assert_eq!(office.post(&format!("/contributions/{n}/uphold"), &ruling).await.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "contribution", &format!("id = {n} AND status = 'rejected'")).await, 1);
    assert!(messages_to(&app, "qiye01", "作出裁定").await >= 1 && messages_to(&app, "cun01", "作出裁定").await >= 1);
    let page = village.get("/agreements/1").await;
    assert!(page.body.contains("不予认定") && page.body.contains("处理结果：到村核对收购单据"));
    assert_eq!(
        office.post(&format!("/contributions/{n}/overrule"), &ruling).await.status,
        StatusCode::CONFLICT,
        "ruled once"
    );

    // The enterprise withdraws a record before the village confirms it.
    let mut fifth: Vec<(&str, &str)> = PRODUCE.iter().copied().filter(|(k, _)| *k != "description").collect();
    fifth.push(("description", "第五批收购（误报）"));
    assert_eq!(
        report(&mut ent, 1, &fifth, &[("五.png", &common::photo_png(b"five"))]).await.status,
        StatusCode::SEE_OTHER
    );
    let w = latest_contribution(&app).await.id;
    assert_eq!(office.post(&format!("/contributions/{w}/uphold"), &ruling).await.status, StatusCode::CONFLICT);
    assert_eq!(
        ent.post(&format!("/contributions/{w}/withdraw"), &[("reason", "")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(count(app.db(), "contribution", &format!("id = {w} AND status = 'withdrawn'")).await, 1);
    assert!(ent.get("/agreements/1").await.body.contains("记录已撤回，不计入帮扶成效。"));
    // Another report, disputed and overruled: verified and put on 公示 (which meets the
    // plan: the agreement completes).
    let mut fourth: Vec<(&str, &str)> = PRODUCE.iter().copied().filter(|(k, _)| *k != "description").collect();
    fourth.push(("description", "第四批收购石桥村富硒大米"));
    assert_eq!(
        report(&mut ent, 1, &fourth, &[("四.png", &common::photo_png(b"four"))]).await.status,
        StatusCode::SEE_OTHER
    );
    let m = latest_contribution(&app).await.id;
    assert_eq!(
        village.post(&format!("/contributions/{m}/dispute"), &[("reason", "没收到")]).await.status,
        StatusCode::SEE_OTHER
    );
    // The ruling stands in for the village's confirmation of delivery, not for the buyer's
    // payment and rating.
    let unpaid = office.post(&format!("/contributions/{m}/overrule"), &[("reason", "有村民签收单，收购属实")]).await;
    assert_eq!(unpaid.status, StatusCode::CONFLICT);
    assert!(unpaid.body.contains("还缺买方记录付款、买方评价") && !unpaid.body.contains("还缺村委会确认交货"));
    assert_eq!(common::pay_and_rate(&mut ent, m, "200000", "2026-11-21").await.status, StatusCode::SEE_OTHER);
    let res = office.post(&format!("/contributions/{m}/overrule"), &[("reason", "有村民签收单，收购属实")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(count(app.db(), "contribution", &format!("id = {m} AND status = 'verified'")).await, 1);
    assert_eq!(count(app.db(), "notice", &format!("entity = 'contribution' AND entity_id = {m}")).await, 1);
}

#[tokio::test]
async fn help_dated_before_the_agreement_is_refused() {
    let app = TestApp::with_demo().await;
    let a = entity::agreement::Entity::find_by_id(1).one(app.db()).await.expect("q").expect("agreement 1");
    let before = (a.starts_on - chrono::Duration::days(1)).to_string();
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let mut fields: Vec<(&str, &str)> = PRODUCE.iter().copied().filter(|(k, _)| *k != "contributed_on").collect();
    fields.push(("contributed_on", &before));
    let n = count(app.db(), "contribution", "1 = 1").await;
    let res = report(&mut ent, 1, &fields, &[("a.png", &common::photo_png(b"early"))]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("起执行，之前的帮扶不能记在这份协议下") && res.body.contains("请重新选择证明材料"));
    assert_eq!(count(app.db(), "contribution", "1 = 1").await, n);
}

/// Who benefited cannot outnumber the village: more households than people, or more people than
/// its population on file, is refused with the form and nothing is kept.
#[tokio::test]
async fn beneficiaries_beyond_the_village_are_refused() {
    let app = TestApp::with_demo().await;
    let mut ent = Client::new(&app);
    ent.login("qiye01", DEMO_PASSWORD).await;
    let population: i32 = {
        let a = entity::agreement::Entity::find_by_id(1).one(app.db()).await.expect("q").expect("agreement 1");
        let p = entity::pairing::Entity::find_by_id(a.pairing_id).one(app.db()).await.expect("q").expect("pairing");
        let v = entity::organisation::Entity::find_by_id(p.village_id).one(app.db()).await.expect("q").expect("v");
        v.population.expect("the demo village's population")
    };
    let before = count(app.db(), "contribution", "1 = 1").await;
    let files: &[(&str, &[u8])] = &[("收购现场.png", &common::photo_png(b"site"))];
    let with = |households: &str, persons: &str| -> Vec<(&'static str, String)> {
        PRODUCE
            .iter()
            .map(|(k, v)| match *k {
                "households" => (*k, households.to_owned()),
                "persons" => (*k, persons.to_owned()),
                _ => (*k, (*v).to_owned()),
            })
            .collect()
    };
    let more_households = with("50", "20");
    let fields: Vec<(&str, &str)> = more_households.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = report(&mut ent, 1, &fields, files).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("受益户数（50 户）不能多于受益人数（20 人）"), "{}", res.body);
    assert!(res.body.contains("第二批收购石桥村富硒大米四万公斤"), "the form comes back with what was typed");
    let crowd = (population + 1).to_string();
    let more_people = with("10", &crowd);
    let fields: Vec<(&str, &str)> = more_people.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = report(&mut ent, 1, &fields, files).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains(&format!("受益人数（{crowd} 人）超过")), "{}", res.body);
    assert!(res.body.contains(&format!("的户籍人口（{population} 人），请核对")), "{}", res.body);
    assert_eq!(count(app.db(), "contribution", "1 = 1").await, before, "nothing kept");
    // Up to the population: kept.
    let all = with("10", &population.to_string());
    let fields: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = report(&mut ent, 1, &fields, files).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
}

/// The demo's milestones read 已完成 exactly when its verified records reach them (an outside
/// walk met one done with nothing verified).
#[tokio::test]
async fn the_demos_milestones_are_done_only_when_verified_records_reach_them() {
    let app = TestApp::with_demo().await;
    let milestones = entity::milestone::Entity::find().all(app.db()).await.expect("q");
    let records = entity::contribution::Entity::find().all(app.db()).await.expect("q");
    assert!(milestones.iter().any(|m| m.done_at.is_some()), "some are done");
    assert!(milestones.iter().any(|m| m.done_at.is_none()), "some are open");
    for m in &milestones {
        let verified: Vec<_> =
            records.iter().filter(|c| c.agreement_id == m.agreement_id && c.status == "verified").collect();
        let people = |c: &&&entity::contribution::Model| c.kind == "jobs" || c.kind == "trainees";
        let money: i64 = verified.iter().filter(|c| !people(c)).map(|c| c.amount_fen).sum();
        let persons: i64 = verified.iter().filter(|c| people(c)).map(|c| i64::from(c.persons)).sum();
        let reached =
            !verified.is_empty() && money >= m.planned_amount_fen && persons >= m.planned_quantity.unwrap_or(0);
        assert_eq!(m.done_at.is_some(), reached, "{m:?}: {money} 分, {persons} persons verified");
        // Done on the day the verification that reached it was made, not on one day for all.
        if let Some(done) = m.done_at {
            assert!(verified.iter().any(|c| c.verified_at == Some(done)), "{m:?}");
        }
    }
}
