//! The deployment's own matching words on the office's page (issue 12): checked against the
//! built-in lexicon, every problem named by line, saved with its audit event, one outcome when
//! two save at once, uploaded from Excel and downloaded as Excel.

mod common;

use axum::http::StatusCode;
use common::{Client, TestApp, count, location};
use qicun::demo::DEMO_PASSWORD;

const WORDS: &str = "term\tkind\tcategory\taliases\texplain\n\
                     # 本县的说法\n\
                     大米\t产品\t农产品>粮油>大米\t万载贡米\t\n\
                     宜丰竹荪汤料\t产品\t农产品>加工品\t竹荪汤包|竹荪炖料\t宜丰县的竹荪干货配料\n";

/// The mark of the saved words the page's editor started from.
fn base_in(body: &str) -> String {
    let start = body.find("name=\"base\" value=\"").expect("the editor's mark") + "name=\"base\" value=\"".len();
    body[start..].split('"').next().expect("mark").to_owned()
}

#[tokio::test]
async fn an_office_checks_saves_and_sees_when_its_words_count() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let page = office.get("/office/lexicon").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("内置词库有 ") && page.body.contains("没有补充词条：只用内置词库"), "{}", page.body);
    assert!(page.body.contains("<textarea") && page.body.contains("href=\"/office/lexicon\""), "editor and menu");
    let base = base_in(&page.body);

    // Checked: what it adds, and nothing saved.
    let checked = office.post("/office/lexicon/check", &[("text", WORDS), ("base", &base)]).await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    for said in [
        "检查通过：新增 1 个词条，为 1 个内置词条补充 1 个别名",
        "新词条「宜丰竹荪汤料」（产品，农产品 › 加工品），又称 竹荪汤包、竹荪炖料",
        "为「大米」补充叫法：万载贡米",
        // The line files 大米 under a category of its own: only its name counts, and it says so.
        "第 3 行：「大米」是内置词条（类型 产品，类别 农产品 › 粮油），这一行写的类型、类别不改变它，只补充了叫法",
        "尚未保存",
    ] {
        assert!(checked.body.contains(said), "{said}: {}", checked.body);
    }
    // A line that agrees with the built-in entry has nothing to be told.
    let agreeing = WORDS.replace("农产品>粮油>大米", "农产品 › 粮油");
    let quiet = office.post("/office/lexicon/check", &[("text", agreeing.as_str()), ("base", &base)]).await;
    assert_eq!(quiet.status, StatusCode::OK, "{}", quiet.body);
    assert!(
        quiet.body.contains("为「大米」补充叫法：万载贡米") && !quiet.body.contains("是内置词条"),
        "{}",
        quiet.body
    );
    assert!(checked.body.contains("宜丰竹荪汤料\t产品"), "the text stays in the editor");
    assert_eq!(count(app.db(), "setting", "key = 'lexicon.local'").await, 0, "a check saves nothing");

    // Wrong lines: each named, the form back with the text, nothing saved.
    let wrong = format!("{WORDS}玉米\t作物\t农产品\n红薯\t产品\t农产品\t橙子\n");
    let refused = office.post("/office/lexicon", &[("text", &wrong), ("base", &base)]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for said in ["第 5 行：类型「作物」不认识", "第 6 行：「橙子」已属于词条「脐橙」", "<textarea", "玉米\t作物"]
    {
        assert!(refused.body.contains(said), "{said}: {}", refused.body);
    }
    assert_eq!(count(app.db(), "setting", "key = 'lexicon.local'").await, 0, "nothing saved");
    assert_eq!(count(app.db(), "audit_event", "action = 'lexicon.local'").await, 0);

    // Saved: the office is told what and when it counts; the audit trail has it in words.
    let saved = office.post("/office/lexicon", &[("text", WORDS), ("base", &base)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(location(&saved), "/office/lexicon");
    let after = office.get("/office/lexicon").await;
    for said in [
        "已保存补充词库：新增 1 个词条，为 1 个内置词条补充 1 个别名。重启服务后生效",
        "与正在使用的不同：重启服务后生效",
    ] {
        assert!(after.body.contains(said), "{said}: {}", after.body);
    }
    assert_eq!(count(app.db(), "audit_event", "action = 'lexicon.local'").await, 1);
    let mut auditor = Client::new(&app);
    auditor.login("auditor", DEMO_PASSWORD).await;
    let trail = auditor.get("/audit").await;
    assert!(trail.body.contains("修改补充词库"), "the trail says it in words");
    let read = auditor.get("/office/lexicon").await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(read.body.contains("与正在使用的不同") && !read.body.contains("<textarea"), "the auditor reads only");

    // Downloaded as Excel: the saved words, which read back as they were saved.
    let book = office.get("/office/lexicon/words.xlsx").await;
    assert_eq!(book.status, StatusCode::OK);
    let back = qicun::matching::local::from_xlsx(&book.bytes).expect("a workbook");
    let entries = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.trim_end().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(entries(&back), entries(WORDS));

    // Cleared: an empty editor saves no words.
    let base = base_in(&after.body);
    let cleared = office.post("/office/lexicon", &[("text", ""), ("base", &base)]).await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    assert!(office.get("/office/lexicon").await.body.contains("已保存补充词库：没有补充词条：只用内置词库"));
    assert_eq!(count(app.db(), "audit_event", "action = 'lexicon.local'").await, 2);

    // A village cadre has no such page.
    let mut cadre = Client::new(&app);
    cadre.login("cun01", DEMO_PASSWORD).await;
    assert_eq!(cadre.get("/office/lexicon").await.status, StatusCode::FORBIDDEN);
}

/// Two editors started from the same words: the first save counts; the second is told, with
/// the words saved now in its editor and its own text beside them, and changes nothing.
#[tokio::test]
async fn of_two_saves_from_the_same_words_one_counts_and_the_other_is_shown_both() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let base = base_in(&office.get("/office/lexicon").await.body);
    assert_eq!(base, base_in(&admin.get("/office/lexicon").await.body), "precondition: the same words");
    let mine = WORDS.to_owned();
    let theirs = "term\tkind\tcategory\taliases\n大米\tproduct\t农产品>粮油>大米\t奉新大米\n".to_owned();
    let (first, second) =
        ([("text", mine.as_str()), ("base", base.as_str())], [("text", theirs.as_str()), ("base", base.as_str())]);
    let (a, b) = tokio::join!(office.post("/office/lexicon", &first), admin.post("/office/lexicon", &second));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
    let (lost, won_text, lost_text) =
        if a.status == StatusCode::CONFLICT { (&a, &theirs, &mine) } else { (&b, &mine, &theirs) };
    assert!(lost.body.contains("另一位工作人员保存了补充词库，你的修改没有保存"), "{}", lost.body);
    let first_entry = |t: &str| t.lines().last().expect("a line").replace('>', "&gt;");
    assert!(lost.body.contains(&first_entry(won_text)), "the saved words are in the editor");
    assert!(lost.body.contains(&first_entry(lost_text)), "what was sent is shown beside them");
    assert_eq!(count(app.db(), "audit_event", "action = 'lexicon.local'").await, 1);
    let saved = qicun::matching::local::saved(app.db()).await.expect("read").expect("saved").0;
    let lines = |t: &str| t.lines().map(|l| l.trim_end().to_owned()).collect::<Vec<_>>();
    assert_eq!(lines(&saved), lines(won_text), "saved as sent, each line without trailing blanks");
    // Saving again from the words now saved goes through.
    let again = base_in(&lost.body);
    assert_eq!(again, qicun::matching::local::mark(&saved));
}

#[tokio::test]
async fn words_come_from_an_excel_upload_and_a_wrong_file_is_refused() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yichun-fpb", DEMO_PASSWORD).await;
    office.get("/office/lexicon").await;
    let book = qicun::matching::local::to_xlsx(WORDS).expect("workbook");
    let up = office.post_file("/office/lexicon/upload", "file", "本县词库.xlsx", &book).await;
    assert_eq!(up.status, StatusCode::OK, "{}", up.body);
    assert!(up.body.contains("本县词库.xlsx 检查通过：新增 1 个词条"), "{}", up.body);
    assert!(up.body.contains("宜丰竹荪汤料\t产品\t农产品&gt;加工品"), "in the editor: {}", up.body);
    assert_eq!(count(app.db(), "setting", "key = 'lexicon.local'").await, 0, "an upload saves nothing");
    // Then saved from the editor as it came.
    let base = base_in(&up.body);
    let text = qicun::matching::local::from_xlsx(&book).expect("read");
    assert_eq!(office.post("/office/lexicon", &[("text", &text), ("base", &base)]).await.status, StatusCode::SEE_OTHER);

    let doc = office.post_file("/office/lexicon/upload", "file", "词库.doc", b"not words").await;
    assert_eq!(doc.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        doc.body.contains("文件须为 .xlsx") && doc.body.contains("action=\"/office/lexicon/upload\""),
        "{}",
        doc.body
    );
    let broken = office.post_file("/office/lexicon/upload", "file", "词库.xlsx", b"PK not a workbook").await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(broken.body.contains("不是可读的 .xlsx 文件"), "{}", broken.body);
    let empty = office.post_file("/office/lexicon/upload", "file", "空词库.xlsx", b"").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body.contains("文件「空词库.xlsx」是空的") && empty.body.contains("action=\"/office/lexicon/upload\""),
        "{}",
        empty.body
    );
    let gbk = office.post_file("/office/lexicon/upload", "file", "词库.txt", &[0xC4, 0xE3, 0xBA, 0xC3, b'\t']).await;
    assert_eq!(gbk.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(gbk.body.contains("另存为 .xlsx"), "{}", gbk.body);
    let wrong = format!("{WORDS}玉米\t作物\t农产品\n");
    let bad = office.post_file("/office/lexicon/upload", "file", "词库.tsv", wrong.as_bytes()).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("词库.tsv 未保存") && bad.body.contains("第 5 行"), "{}", bad.body);
    assert_eq!(count(app.db(), "audit_event", "action = 'lexicon.local'").await, 1, "only the one save");
}

/// Words saved on the page that no longer read at start (a newer built-in lexicon took one of
/// their words) are left out, the service runs on the built-in lexicon, and the page says why
/// with the saved words in the editor to correct.
#[tokio::test]
async fn saved_words_left_out_at_start_are_shown_with_why() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let base = base_in(&office.get("/office/lexicon").await.body);
    assert_eq!(office.post("/office/lexicon", &[("text", WORDS), ("base", &base)]).await.status, StatusCode::SEE_OTHER);
    // As the start-up leaves it when the words do not read (src/cli.rs, install_lexicon).
    qicun::matching::local::note_refused(vec![
        "补充词库第 4 行：「竹荪汤包」已属于词条「竹荪」，一个词只能属于一个词条".to_owned(),
    ]);
    let page = office.get("/office/lexicon").await;
    assert_eq!(page.status, StatusCode::OK);
    for said in
        ["在服务启动时未能载入，现在只用内置词库", "「竹荪汤包」已属于词条「竹荪」", "宜丰竹荪汤料\t产品", "<textarea"]
    {
        assert!(page.body.contains(said), "{said}: {}", page.body);
    }
}

/// A page of words larger than an ordinary form (1,500 entries: over 256 KB once a form
/// encodes them) is checked and saved; a workbook whose one far cell would make calamine build
/// billions of cells is refused by its size, at once.
#[tokio::test]
async fn a_long_list_saves_and_a_workbook_with_a_far_cell_is_refused_by_its_size() {
    let app = TestApp::with_demo().await;
    let mut office = Client::new(&app);
    office.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let base = base_in(&office.get("/office/lexicon").await.body);
    let mut long = String::from("term\tkind\tcategory\taliases\texplain\n");
    for i in 0..1500 {
        long.push_str(&format!(
            "宜丰特产甲乙{i:04}\t产品\t农产品>加工品\t宜丰土产丙丁{i:04}\t宜丰县的土特产，村里自己加工\n"
        ));
    }
    let encoded = serde_urlencoded::to_string([("text", long.as_str())]).expect("form");
    assert!(encoded.len() > qicun::web::input::MAX_TEXT_BODY, "precondition: larger than an ordinary form");
    let saved = office.post("/office/lexicon", &[("text", &long), ("base", &base)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(office.get("/office/lexicon").await.body.contains("已保存补充词库：新增 1500 个词条"));

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "term").expect("cell");
    sheet.write_string(1_048_575, 16_383, "x").expect("the last cell");
    let bytes = book.save_to_buffer().expect("workbook");
    assert!(bytes.len() < 20_000, "precondition: a small file ({} bytes)", bytes.len());
    let started = std::time::Instant::now();
    let up = office.post_file("/office/lexicon/upload", "file", "远处.xlsx", &bytes).await;
    assert_eq!(up.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(up.body.contains("最多 5001 行（第 1048576 行还有内容）"), "{}", up.body);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "refused without building the sheet");
}
