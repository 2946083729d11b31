//! The project archive (项目档案): one agreement's whole story on one printable page and in a
//! ZIP with every evidence file and a manifest of their SHA-256 — names, never login names or
//! who objected; only for those who may read the agreement.

mod common;

use std::io::Read;

use axum::http::StatusCode;
use common::{Client, TestApp, count, report_with_png};
use qicun::demo::DEMO_PASSWORD;
use sha2::Digest;

#[tokio::test]
async fn an_agreements_archive_holds_its_whole_story_and_every_file_with_its_hash() {
    let app = TestApp::with_demo().await;
    let mut firm = Client::new(&app);
    firm.login("qiye01", DEMO_PASSWORD).await;
    assert_eq!(
        report_with_png(&mut firm, 1, "采购富硒大米 3 吨", b"archive-photo").await.status,
        StatusCode::SEE_OTHER
    );
    let files =
        count(app.db(), "evidence", "contribution_id IN (SELECT id FROM contribution WHERE agreement_id = 1)").await;
    let records = count(app.db(), "contribution", "agreement_id = 1").await;
    assert!(files >= 1 && records >= 2, "the agreement has records and files: {records} / {files}");

    let mut city = Client::new(&app);
    city.login("yichun-fpb", DEMO_PASSWORD).await;
    let page = city.get("/agreements/1/archive").await;
    assert_eq!(page.status, StatusCode::OK);
    for shown in ["项目档案", "一、协议", "二、里程碑", "四、公示和异议", "六、操作记录", "采购富硒大米 3 吨", "易建华"]
    {
        assert!(page.body.contains(shown), "{shown} in the archive");
    }
    assert!(page.body.contains(&format!("三、帮扶记录（{records}）")));
    // Each record names who reported, confirmed and verified it (the demo's too): a person, or
    // where none was recorded the party that took the step.
    assert!(!page.body.contains("（未记录）"), "{}", page.body);
    assert!(page.body.contains("报告"), "the steps are listed");
    let mut opened = 0;
    for a in <entity::agreement::Entity as sea_orm::EntityTrait>::find().all(app.db()).await.expect("q") {
        let page = city.get(&format!("/agreements/{}/archive", a.id)).await;
        if page.status == StatusCode::OK {
            opened += 1;
            assert!(!page.body.contains("由 （未记录）"), "agreement {}: {}", a.id, page.body);
        }
    }
    assert!(opened >= 5, "the city office opens the demo's archives: {opened}");
    for login in ["qiye01", "yichun-fpb", "cun01"] {
        assert!(
            !page.body.contains(&format!(">{login}<")) && !page.body.contains(&format!("由 {login}")),
            "no login names"
        );
    }
    assert!(city.get("/agreements/1").await.body.contains("/agreements/1/archive"), "linked from the agreement");

    let zip = city.get("/agreements/1/archive.zip").await;
    assert_eq!(zip.status, StatusCode::OK);
    assert_eq!(zip.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/zip"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes.clone())).expect("a zip");
    let mut html = String::new();
    archive.by_name("档案.html").expect("the page").read_to_string(&mut html).expect("read");
    assert!(html.contains("采购富硒大米 3 吨") && html.contains("<style>"), "a page that stands alone");
    let mut manifest = String::new();
    archive.by_name("manifest-sha256.txt").expect("manifest").read_to_string(&mut manifest).expect("read");
    let lines: Vec<&str> = manifest.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len() as i64, files + 1, "the page and every evidence file, listed");
    for line in lines {
        let (hash, path) = line.split_once("  ").expect("hash  path");
        let mut bytes = Vec::new();
        archive.by_name(path).expect("the file").read_to_end(&mut bytes).expect("read");
        assert_eq!(hex::encode(sha2::Sha256::digest(&bytes)), hash, "{path} matches its hash");
        if path != "档案.html" {
            assert!(html.contains(hash), "the page names the file's hash");
            assert!(html.contains(&format!("<a href=\"{path}\">")), "and links the file inside the ZIP");
        }
    }

    // Only those who may read the agreement.
    let mut other = Client::new(&app);
    other.login("cun03", DEMO_PASSWORD).await;
    assert_eq!(other.get("/agreements/1/archive").await.status, StatusCode::NOT_FOUND);
    assert_eq!(other.get("/agreements/1/archive.zip").await.status, StatusCode::NOT_FOUND);
    let anon = app.get("/agreements/1/archive.zip").await;
    assert_eq!(anon.status, StatusCode::SEE_OTHER, "to the login page");
}
