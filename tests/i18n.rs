//! The English switch (issue 17): pages take their words from message files; Chinese is the
//! default; a visitor switches on any page and comes back to it; every word a template asks for
//! is in every language's file, so a further language is one more file.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Client, TestApp};
use qicun::demo::DEMO_PASSWORD;

/// Every file under `dir` (in this crate) whose name ends in `.ext`, in order.
fn files_under(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The navigation bar of a page.
fn nav(body: &str) -> &str {
    let start = body.find("<nav class=\"site-nav\"").expect("a navigation bar");
    let end = body[start..].find("</nav>").expect("closed") + start;
    &body[start..end]
}

async fn switch(c: &mut Client<'_>, to: &str, referer: &str) -> common::TestResponse {
    c.send(
        Request::get(format!("/lang/{to}"))
            .header(header::HOST, "qicun.test")
            .header(header::REFERER, referer)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn a_visitor_switches_to_english_and_back_on_any_page() {
    let app = TestApp::with_demo().await;
    let mut c = Client::new(&app);
    let page = c.get("/offers").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"zh-CN\">"), "Chinese by default");
    assert!(nav(&page.body).contains(">帮扶资源</a>") && !nav(&page.body).contains("Offers"));
    assert!(page.body.contains("href=\"/lang/en\"") && page.body.contains(">English</a>"), "the switch is on the page");

    let res = switch(&mut c, "en", "http://qicun.test/offers?page=2").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(common::location(&res), "/offers?page=2", "back to the page it was on");
    assert_eq!(c.cookies.get("qicun_lang").map(String::as_str), Some("en"), "{:?}", res.headers);
    let page = c.get("/offers").await;
    assert!(page.body.contains("<html lang=\"en\">"), "{}", &page.body[..200]);
    let bar = nav(&page.body);
    assert!(bar.contains(">Offers</a>") && bar.contains(">Village needs</a>") && bar.contains(">Log in</a>"), "{bar}");
    assert!(!bar.contains("帮扶资源"), "{bar}");
    assert!(page.body.contains("href=\"/lang/zh-CN\"") && page.body.contains(">中文</a>"), "and the way back");

    // The home page and the login page read in English, with their figures.
    let home = c.get("/").await;
    assert!(
        home.body.contains("<h1>A hundred firms, a hundred villages") && home.body.contains("Verified firms"),
        "{}",
        home.body
    );
    assert!(home.body.contains("registered poor villages)") && !home.body.contains("{ $poor }"), "variables filled");
    let login = c.get("/login").await;
    assert!(
        login.body.contains("<title>Log in · qicun</title>") && login.body.contains(">Login name</label>"),
        "{}",
        login.body
    );
    assert!(login.body.contains("No account yet? <a href=\"/register\">"), "{}", login.body);

    // The public lists: headings, filters and kinds in English (each page kept per language).
    let offers = c.get("/offers").await;
    assert!(offers.body.contains("<h1>Offers</h1>") && offers.body.contains(">All kinds</option>"), "{}", offers.body);
    assert!(
        offers.body.contains(">Produce purchase</span>") || offers.body.contains(">Jobs</span>"),
        "kinds in English"
    );
    assert!(offers.body.contains("Valid until "), "{}", offers.body);
    let first_offer = offers.body.split("href=\"/offers/").nth(1).and_then(|r| r.split('"').next()).expect("an offer");
    let offer = c.get(&format!("/offers/{first_offer}")).await;
    assert!(
        offer.body.contains("<dt>Valid</dt>") && offer.body.contains("Does your village need this?"),
        "{}",
        offer.body
    );
    assert!(
        offer.body.contains("Village committees first <a href=\"/register/village\">register</a>"),
        "{}",
        offer.body
    );
    let notices = c.get("/notices").await;
    assert!(
        notices.body.contains("<h1>Public notices</h1>") && notices.body.contains("Notice period "),
        "{}",
        notices.body
    );
    assert!(!notices.body.contains(">公示中</span>"), "statuses in English");
    let first = notices.body.split("href=\"/notices/").nth(1).and_then(|r| r.split('"').next()).expect("a notice");
    let notice = c.get(&format!("/notices/{first}")).await;
    assert!(notice.body.contains("← All public notices") && notice.body.contains("Notice period: "), "{}", notice.body);
    let register = c.get("/register").await;
    assert!(register.body.contains("<h1>Register</h1>") && register.body.contains("A firm · we want to help"));
    let missing = c.get("/offers/999999").await;
    assert!(missing.body.contains("Back to the home page"), "the error page's way out in English");

    // Logged in, the menus of the role read in English too.
    assert_eq!(c.login("yuanzhou-fpb", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let office = c.get("/office/programmes").await;
    let bar = nav(&office.body);
    assert!(bar.contains(">Cockpit</a>") && bar.contains(">Programme ledgers</a>") && bar.contains("Log out"), "{bar}");

    // Back to Chinese.
    assert_eq!(switch(&mut c, "zh-CN", "http://qicun.test/office/programmes").await.status, StatusCode::SEE_OTHER);
    assert!(nav(&c.get("/office/programmes").await.body).contains(">驾驶舱</a>"));
    let home = Client::new(&app).get("/").await;
    assert!(
        home.body.contains("已认证的村（其中建档立卡村 ") && home.body.contains("<h1>百企联百村 · 企村结对帮扶</h1>")
    );
    let offers = Client::new(&app).get("/offers").await;
    assert!(
        offers.body.contains("<h1>帮扶资源</h1>") && offers.body.contains(">全部类型</option>"),
        "Chinese stays as it was"
    );

    // Never off the site, never a loop; an unknown language is refused in words.
    for referer in
        ["http://evil.test/offers", "http://qicun.test//evil.test/", "http://qicun.test/lang/en", "javascript:x"]
    {
        let res = switch(&mut c, "en", referer).await;
        assert_eq!(common::location(&res), "/", "{referer}");
    }
    let unknown = c.get("/lang/fr").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The server's own message in the page's language (found by its Chinese words)…
    assert!(unknown.body.contains("Language not supported: choose from 中文、English"), "{}", unknown.body);
    // …and in Chinese for a Chinese page.
    let unknown = Client::new(&app).get("/lang/fr").await;
    assert!(unknown.body.contains("不支持这种语言：可选 中文、English"), "{}", unknown.body);
    // A forged cookie value is the default language, not an error.
    let mut forged = Client::new(&app);
    forged.cookies.insert("qicun_lang".into(), "<script>".into());
    let page = forged.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"zh-CN\">"));
}

#[test]
fn every_word_a_template_asks_for_is_in_every_language() {
    let messages = qicun::web::i18n::Messages::new().expect("the message files read");
    let mut keys = std::collections::BTreeSet::new();
    for path in files_under("templates", "hbs") {
        let text = std::fs::read_to_string(&path).expect("template");
        for opening in ["{{t \"", "(t \""] {
            for part in text.split(opening).skip(1) {
                keys.insert(part.split('"').next().expect("key").to_owned());
            }
        }
    }
    assert!(keys.len() >= 40, "the layout's words at least: {}", keys.len());
    for (lang, _, _) in qicun::web::i18n::LANGUAGES {
        let missing: Vec<&String> = keys.iter().filter(|k| !messages.has(lang, k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

/// Every kind, status and role has its words in every language's `vocab.ftl`, the same Chinese as
/// the code's; a page in English shows them in English wherever the data brings them.
#[test]
fn every_vocabulary_word_is_in_every_language() {
    let messages = qicun::web::i18n::Messages::new().expect("the message files read");
    let words = qicun::domain::every_vocabulary();
    assert!(words.len() >= 160, "{}", words.len());
    for (name, code, zh) in words {
        let key = format!("vocab-{name}-{code}");
        assert_eq!(messages.get("zh-CN", &key).as_deref(), Some(zh), "{key}");
        assert!(messages.has("en", &key), "en lacks {key}");
        let en = messages.translate_whole("en", zh).expect("a word of the data is translated");
        assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{key}: {en}");
    }
    assert_eq!(messages.translate_whole("en", "已发布").as_deref(), Some("Published"));
    assert_eq!(messages.translate_whole("zh-CN", "已发布"), None, "Chinese stays as it is");
    assert_eq!(messages.translate_whole("en", "2026年12月05日").as_deref(), Some("2026-12-05"));
    assert_eq!(messages.translate_whole("en", "2026年13月05日"), None);
    assert_eq!(messages.translate_whole("en", "2026年12月05日 08:30").as_deref(), Some("2026-12-05 08:30"));
    assert_eq!(messages.translate_whole("en", "2026年12月05日 上午"), None);
    assert_eq!(messages.translate_whole("en", "某村的大米"), None, "other text is left alone");
    assert_eq!(
        messages.translate_whole("en", "万企兴万村、东西部协作").as_deref(),
        Some("Ten Thousand Firms Revitalise Ten Thousand Villages, East–West cooperation"),
        "a list of words"
    );
    assert_eq!(messages.translate_whole("en", "万企兴万村、某村的大米"), None, "only a list of known words");
    assert_eq!(
        messages.translate_whole("en", "某村 · 已发布 · 2026年12月05日").as_deref(),
        Some("某村 · Published · 2026-12-05"),
        "facts side by side, each known one in English"
    );
    assert_eq!(messages.translate_whole("en", "已发布（13）").as_deref(), Some("Published (13)"));
    assert_eq!(
        messages.translate_whole("en", "2,130 户").as_deref(),
        Some("2,130 households"),
        "a figure and its unit"
    );
    assert_eq!(messages.translate_whole("en", "2,130 某某"), None);
    assert_eq!(messages.translate_whole("en", "某村（某镇）"), None, "nothing known: left as it is");
    let reasons =
        messages.translate_whole("en", "内容部分相符、同一县（市、区）；“找不到销路”即“滞销”").expect("reasons");
    assert!(reasons.ends_with("; “找不到销路”即“滞销”") && !reasons.contains("相符"), "{reasons}");
}

/// The Chinese texts the code writes onto pages (messages, refusals, labels): each string
/// literal with a Chinese character in the code that serves pages, as a Fluent pattern (a
/// format argument becomes a variable `{ $name }`, a positional one `{ $a1 }`…), with the file
/// it is in. Left out: comments, tests, log lines, the demo, the bench, the command line, the
/// search and matcher's word lists and downloads' column heads.
fn code_words() -> Vec<(String, String)> {
    const SKIP: &[&str] = &[
        "src/demo/",
        "src/bench/",
        "src/search/",
        "src/cli.rs",
        "src/backup.rs",
        "src/export.rs",
        "src/matching/lexicon.rs",
        "src/matching/units.rs",
        "src/domain.rs",
        "src/web/translate.rs",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = files_under("src", "rs");
    let mut out = Vec::new();
    for path in files {
        let rel = path.strip_prefix(root).expect("in the crate").to_string_lossy().replace('\\', "/");
        if SKIP.iter().any(|s| rel.starts_with(s)) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for (before, literal) in string_literals(text) {
            let quiet = ["info!(", "warn!(", "error!(", "debug!(", "trace!(", "expect(", "panic!(", "unreachable!("];
            if quiet.iter().any(|q| before.contains(q)) {
                continue;
            }
            if !literal.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) || literal.contains('\n') {
                continue;
            }
            // Texts that make stored names (an office's name): what they made is data, never
            // read back as our words.
            if ["{}扶贫开发办公室"].contains(&literal.as_str()) {
                continue;
            }
            if let Some(pattern) = fluent_pattern(&literal) {
                out.push((rel.clone(), pattern));
            }
        }
    }
    out
}

/// Each string literal of Rust source `text` (unescaped), with the 24 characters before it.
fn string_literals(text: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            '\'' => {
                // A char literal ('x', '\n', '"') or a lifetime ('a).
                if chars.get(i + 1) == Some(&'\\') {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' if (chars.get(i + 1) == Some(&'"') || chars.get(i + 1) == Some(&'#'))
                && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start = j + 1;
                let mut k = start;
                'raw: while k < chars.len() {
                    if chars[k] == '"' && (0..hashes).all(|h| chars.get(k + 1 + h) == Some(&'#')) {
                        break 'raw;
                    }
                    k += 1;
                }
                let before: String = chars[i.saturating_sub(24)..i].iter().collect();
                out.push((before, chars[start..k.min(chars.len())].iter().collect()));
                i = k + 1 + hashes;
            }
            '"' => {
                let before: String = chars[i.saturating_sub(24)..i].iter().collect();
                let mut s = String::new();
                let mut k = i + 1;
                while k < chars.len() && chars[k] != '"' {
                    if chars[k] == '\\' {
                        k += 1;
                        match chars.get(k) {
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some('\n') => {
                                while chars.get(k + 1).is_some_and(|c| c.is_whitespace()) {
                                    k += 1;
                                }
                            }
                            Some('u') => {
                                let close = (k..chars.len()).find(|&x| chars[x] == '}').unwrap_or(k);
                                let hex: String = chars[k + 2..close].iter().collect();
                                if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                                    s.push(c);
                                }
                                k = close;
                            }
                            Some(c) => s.push(*c),
                            None => {}
                        }
                    } else {
                        s.push(chars[k]);
                    }
                    k += 1;
                }
                out.push((before, s));
                i = k + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// A Rust format string as a Fluent pattern (None when it cannot be one).
fn fluent_pattern(literal: &str) -> Option<String> {
    let chars: Vec<char> = literal.chars().collect();
    let mut out = String::new();
    let mut positional = 0;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => {
                out.push_str("{\"{\"}");
                i += 2;
            }
            '}' if chars.get(i + 1) == Some(&'}') => {
                out.push_str("{\"}\"}");
                i += 2;
            }
            '{' => {
                let close = (i..chars.len()).find(|&x| chars[x] == '}')?;
                let inner: String = chars[i + 1..close].iter().collect();
                let name = inner.split(':').next().unwrap_or("");
                let name = if name.is_empty() {
                    positional += 1;
                    format!("a{positional}")
                } else if let Ok(n) = name.parse::<usize>() {
                    format!("a{}", n + 1)
                } else if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && name.starts_with(|c: char| c.is_ascii_alphabetic())
                {
                    name.to_owned()
                } else {
                    return None;
                };
                out.push_str(&format!("{{ ${name} }}"));
                i = close + 1;
            }
            '}' => return None,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    // Spaces at either end are kept as literals (Fluent drops bare ones).
    let trimmed = out.trim_start();
    if trimmed.len() != out.len() {
        out = format!("{{\" \"}}{trimmed}");
    }
    let trimmed = out.trim_end();
    if trimmed.len() != out.len() {
        out = format!("{trimmed}{{\" \"}}");
    }
    if out.starts_with(['[', '*', '.']) {
        out = format!("{{\"{}\"}}{}", &out[..1], &out[1..]);
    }
    Some(out)
}

/// The key of a code word: `rs-` and a hash of its Chinese pattern (stable while the words are).
fn code_key(pattern: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in pattern.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("rs-{h:08x}")
}

/// Every Chinese text the code writes onto a page has its message (`rs-…` in each language's
/// `rust.ftl`), so a page in English shows the code's refusals and notes in English.
/// `QICUN_WRITE_LOCALES=1 cargo test --test i18n` rewrites the Chinese file from the code (and
/// lists what the other languages lack).
#[test]
fn every_word_the_code_writes_has_its_message() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/locales");
    let words = code_words();
    assert!(words.len() > 500, "the code's words: {}", words.len());
    let vocab = std::fs::read_to_string(root.join("zh-CN/vocab.ftl")).expect("vocab");
    let known: std::collections::HashSet<&str> =
        vocab.lines().filter_map(|l| l.split_once(" = ").map(|(_, v)| v)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut file = String::from(
        "# 代码写到页面上的中文（提示、拒绝理由、标签），由测试从 src/ 中生成：\n\
         # QICUN_WRITE_LOCALES=1 cargo test --test i18n every_word_the_code_writes\n\
         # 键为 rs- 加文字的散列；{ $a1 } 等为代码填入的值。\n",
    );
    let mut last_file = String::new();
    let mut keys = Vec::new();
    for (path, pattern) in &words {
        if known.contains(pattern.as_str()) || !seen.insert(pattern.clone()) {
            continue;
        }
        if *path != last_file {
            file.push_str(&format!("\n# {path}\n"));
            last_file = path.clone();
        }
        let key = code_key(pattern);
        file.push_str(&format!("{key} = {pattern}\n"));
        keys.push(key);
    }
    let path = root.join("zh-CN/rust.ftl");
    if std::env::var("QICUN_WRITE_LOCALES").is_ok() {
        std::fs::write(&path, &file).expect("written");
    }
    let current = std::fs::read_to_string(&path).expect("rust.ftl");
    assert!(
        current == file,
        "templates/locales/zh-CN/rust.ftl differs from the code's words: run QICUN_WRITE_LOCALES=1 cargo test --test \
         i18n every_word_the_code_writes, then translate the new keys in every other language"
    );
    let messages = qicun::web::i18n::Messages::new().expect("the message files read");
    for (lang, _, _) in qicun::web::i18n::LANGUAGES {
        let missing: Vec<&String> = keys.iter().filter(|k| !messages.has(lang, k)).collect();
        assert!(
            missing.is_empty(),
            "{lang} lacks {} of the code's words: {:?}",
            missing.len(),
            &missing[..missing.len().min(20)]
        );
    }
}

/// No template writes Chinese of its own: every word is a message (comments aside), so a page
/// switched to English has no Chinese but what the data brings.
#[test]
fn no_template_writes_chinese_of_its_own() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let templates = files_under("templates", "hbs");
    let mut left = Vec::new();
    for path in &templates {
        let text = std::fs::read_to_string(path).expect("template");
        // Handlebars comments may explain in Chinese.
        let mut rest = text.as_str();
        let mut code = String::new();
        while let Some(at) = rest.find("{{!") {
            code.push_str(&rest[..at]);
            let close = if rest[at..].starts_with("{{!--") { "--}}" } else { "}}" };
            rest = rest[at..].find(close).map_or("", |end| &rest[at + end + close.len()..]);
        }
        code.push_str(rest);
        for (n, line) in code.lines().enumerate() {
            if line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{ff01}'..='\u{ff5e}').contains(&c)) {
                left.push(format!("{}:{}: {}", path.strip_prefix(&root).expect("in").display(), n + 1, line.trim()));
            }
        }
    }
    let seen = templates.len();
    assert!(seen >= 90, "every template read: {seen}");
    assert!(left.is_empty(), "Chinese written by templates:\n{}", left.join("\n"));
}

/// Each role's pages in English: the page's own words, the kinds and statuses of the data, the
/// server's refusals and the note after an action; what a user typed is given back as typed;
/// Chinese pages are as they were.
#[tokio::test]
async fn each_role_works_in_english() {
    let app = TestApp::with_demo().await;
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));

    // A village cadre posts a need with mistakes: the form comes back in English, naming the
    // fields, with what was typed.
    let mut v = Client::new(&app);
    v.cookies.insert("qicun_lang".into(), "en".into());
    assert_eq!(v.login("cun01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let form = v.get("/needs/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("<html lang=\"en\">"));
    let before = common::count(app.db(), "need", "1 = 1").await;
    let res = v.post("/needs", &[("kind", "employment"), ("title", ""), ("body", "短短的说明")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("Enter a title"), "the refusal in English: {}", res.body);
    assert!(!res.body.contains("请填写标题"), "not in Chinese");
    assert!(res.body.contains(">短短的说明</textarea>"), "what was typed comes back as typed");
    assert_eq!(common::count(app.db(), "need", "1 = 1").await, before, "nothing saved");

    // The same mistake in Chinese reads as it always did.
    let mut zh = Client::new(&app);
    zh.login("cun01", DEMO_PASSWORD).await;
    zh.get("/needs/new").await;
    let res = zh.post("/needs", &[("kind", "employment"), ("title", ""), ("body", "短短的说明")]).await;
    assert!(res.body.contains("请填写标题") && !res.body.contains("Enter a title"));

    // A typed value that happens to be a word of the vocabulary is not translated in a form.
    let res = v.post("/needs", &[("kind", "employment"), ("title", "已发布"), ("body", "短")]).await;
    assert!(res.body.contains("value=\"已发布\""), "{}", res.body);

    // The office's pairings: statuses in English, dates not in Chinese form.
    let mut o = Client::new(&app);
    o.cookies.insert("qicun_lang".into(), "en".into());
    o.login("yuanzhou-fpb", DEMO_PASSWORD).await;
    let pairings = o.get("/pairings").await;
    assert_eq!(pairings.status, StatusCode::OK);
    assert!(pairings.body.contains("Approved") || pairings.body.contains("Awaiting review"), "{}", pairings.body);
    for status in ["已通过", "待审核", "待确认"] {
        assert!(!pairings.body.contains(&format!(">{status}<")), "{status} left in Chinese");
    }
    assert!(!pairings.body.contains("月") || !pairings.body.contains("日 "), "dates read 2026-12-05");
    for page in [
        "/office",
        "/office/radar",
        "/office/dashboard",
        "/office/programmes",
        "/agreements",
        "/monitoring",
        "/office/register",
    ] {
        let res = o.get(page).await;
        assert_eq!(res.status, StatusCode::OK, "{page}");
        let h1 = res.body.split("<h1>").nth(1).and_then(|r| r.split("</h1>").next()).unwrap_or("");
        assert!(!h1.is_empty() && !cjk(h1), "{page}: heading in English: {h1}");
    }

    // The auditor's trail names actions in English.
    let mut a = Client::new(&app);
    a.cookies.insert("qicun_lang".into(), "en".into());
    a.login("auditor", DEMO_PASSWORD).await;
    let audit = a.get("/audit").await;
    assert_eq!(audit.status, StatusCode::OK);
    assert!(audit.body.contains("Pairing approved") || audit.body.contains("approved"), "{}", &audit.body[..2000]);

    // After an action the note says what happened, in English.
    let res = v
        .post(
            "/account/password",
            &[("current", DEMO_PASSWORD), ("password", "Qicun-en-2026"), ("password_confirm", "Qicun-en-2026")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let home = v.get(common::location(&res)).await;
    assert!(home.body.contains("Password changed; you have been logged out on your other devices."), "{}", home.body);
    assert!(!home.body.contains("密码已修改"));
}

/// Chinese pages speak as the deployment's current programme does: under 万企兴万村 the county
/// office is 乡村振兴局 and help is 帮扶; when the 2015 drive is declared current they say 扶贫办
/// again. Organisations' names and the 2015 drive's own words are never changed.
#[tokio::test]
async fn chinese_pages_speak_as_the_current_programme_does() {
    let app = TestApp::with_demo().await;
    let mut v = Client::new(&app);
    assert_eq!(v.login("cun01", DEMO_PASSWORD).await.status, StatusCode::SEE_OTHER);
    let help = v.get("/help").await;
    assert_eq!(help.status, StatusCode::OK);
    assert!(help.body.contains("<html lang=\"zh-CN\">"));
    assert!(help.body.contains("乡村振兴局"), "today's words: {}", help.body);
    assert!(!help.body.contains("扶贫办"), "not the 2015 words");
    // A refusal the code writes (by its Chinese words) in today's words too.
    let notices = Client::new(&app).get("/notices").await;
    assert!(notices.body.contains("扶贫开发办公室"), "an office's own name stays: {}", notices.body);

    let mut admin = Client::new(&app);
    admin.login("admin", DEMO_PASSWORD).await;
    let page = admin.get("/admin/programmes").await;
    assert!(page.body.contains("2015—2020 年，精准扶贫"), "the 2015 drive's words stay: {}", page.body);
    assert!(page.body.contains("data-label=\"用语\">扶贫</td>"), "and its wording is named as it was: {}", page.body);
    let saved =
        admin.post("/admin/programmes", &[("enabled", "bqlbc"), ("enabled", "wqxwc"), ("current", "bqlbc")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // This node forgot the old declaration at once.
    let help = v.get("/help").await;
    assert!(help.body.contains("扶贫办") && !help.body.contains("乡村振兴局"), "the 2015 words: {}", help.body);
    // English is English either way.
    let mut en = Client::new(&app);
    en.cookies.insert("qicun_lang".into(), "en".into());
    let page = en.get("/help").await;
    assert!(page.body.contains("<html lang=\"en\">") && !page.body.contains("乡村振兴局"));
}
