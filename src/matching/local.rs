//! The deployment's own matching words (issue 12): entries in the lexicon's format that an
//! office adds on its page (`/office/lexicon`) or in a file. The page keeps them in the database
//! as written; they are checked against the built-in lexicon when saved and put in use at the
//! next start, when the index is derived again with them (see `search::follow`).

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Statement};

use super::lexicon::{BUILTIN, Lexicon, is_header, rows};
use crate::audit::{self, Actor, Event};
use crate::auth::SessionUser;
use crate::error::{AppError, Result};

/// The setting that keeps the words saved on the page.
pub const SETTING: &str = "lexicon.local";
/// The most a text may hold (some thousands of entries).
pub const MAX_BYTES: usize = 512 * 1024;
/// The most lines a text may have.
pub const MAX_LINES: usize = 5000;
/// The header line, as the built-in file has it.
pub const HEADER: &str = "term\tkind\tcategory\taliases\texplain";

/// A new entry the words add.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Added {
    pub term: String,
    /// The kind in words (产品, 技能 …).
    pub kind: &'static str,
    pub category: String,
    /// Its other names, joined with 、.
    pub aliases: String,
}

/// Local names the words add to an entry the built-in lexicon has.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Extended {
    pub term: String,
    /// The names added, joined with 、.
    pub aliases: String,
}

/// What a text of words adds to the built-in lexicon.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub added: Vec<Added>,
    pub extended: Vec<Extended>,
    /// Lines that name a built-in entry with another kind or category: only their names count
    /// (the built-in entry keeps its own), said by line.
    pub notes: Vec<String>,
}

impl Summary {
    /// How much it adds, in a sentence.
    pub fn sentence(&self) -> String {
        if self.added.is_empty() && self.extended.is_empty() {
            return "没有补充词条：只用内置词库".to_owned();
        }
        let names: usize = self.extended.iter().map(|e| e.aliases.split('、').count()).sum();
        format!("新增 {} 个词条，为 {} 个内置词条补充 {} 个别名", self.added.len(), self.extended.len(), names)
    }
}

/// Whether `text` holds no entry at all (empty, or only notes and the header): no local words.
pub fn is_blank(text: &str) -> bool {
    rows(text).all(|(_, cols)| is_header(&cols))
}

/// A text as it is saved: each line without trailing blanks, none at the end (two texts that
/// save alike are the same words).
pub fn normal(text: &str) -> String {
    let lines: String = text.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    lines.trim_end().to_owned()
}

/// Checks `text` against the built-in lexicon: what it adds, or every problem by line.
pub fn check(text: &str) -> std::result::Result<Summary, Vec<String>> {
    if text.len() > MAX_BYTES {
        return Err(vec![format!("内容过长：最多 {} KB（收到 {} KB）", MAX_BYTES / 1024, text.len().div_ceil(1024))]);
    }
    let lines = text.lines().count();
    if lines > MAX_LINES {
        return Err(vec![format!("最多 {MAX_LINES} 行（收到 {lines} 行）")]);
    }
    if is_blank(text) {
        return Ok(Summary::default());
    }
    let shape = shape_problems(text);
    if !shape.is_empty() {
        return Err(shape);
    }
    let lex = Lexicon::parse_with(BUILTIN, Some(text))?;
    let mut summary = summary_of(&lex);
    summary.notes = kept_as_built_in(&lex, text);
    Ok(summary)
}

/// The lines of `text` (read into `lex` after the built-in lexicon) that give a built-in entry
/// another kind or category: what it keeps, by line.
fn kept_as_built_in(lex: &Lexicon, text: &str) -> Vec<String> {
    let builtin = &lex.entries()[..builtin_entries().min(lex.entries().len())];
    rows(text)
        .filter(|(_, cols)| !is_header(cols) && cols.len() >= 3)
        .filter_map(|(n, cols)| {
            let e = builtin.iter().find(|e| e.term == cols[0])?;
            let kind = super::lexicon::EntryKind::parse(cols[1]);
            // The category as the page shows it (农产品 › 粮油) or with spaces is the same one.
            let category: String = cols[2].replace('›', ">").chars().filter(|c| !c.is_whitespace()).collect();
            (kind != Some(e.kind) || category != e.category).then(|| {
                format!(
                    "第 {n} 行：「{}」是内置词条（类型 {}，类别 {}），这一行写的类型、类别不改变它，只补充了叫法",
                    e.term,
                    e.kind.label(),
                    e.category.replace('>', " › ")
                )
            })
        })
        .collect()
}

/// What the deployment's words in `lex` (read after the built-in ones) add to the built-in
/// lexicon.
pub fn summary_of(lex: &Lexicon) -> Summary {
    let base = base_aliases();
    let entries = lex.entries();
    let extended = entries
        .iter()
        .zip(base)
        .filter(|&(e, &n)| e.aliases.len() > n)
        .map(|(e, &n)| Extended { term: e.term.clone(), aliases: e.aliases[n..].join("、") })
        .collect();
    let added = entries[base.len().min(entries.len())..]
        .iter()
        .map(|e| Added {
            term: e.term.clone(),
            kind: e.kind.label(),
            category: e.category.replace('>', " › "),
            aliases: e.aliases.join("、"),
        })
        .collect();
    Summary { added, extended, notes: Vec::new() }
}

/// How many entries the built-in lexicon has.
pub fn builtin_entries() -> usize {
    base_aliases().len()
}

/// The longest word the matcher reads (a longer one could never be found in a text).
const LONGEST_WORD: usize = 63;
/// The longest category and explanation.
const LONGEST_CATEGORY: usize = 64;
const LONGEST_EXPLAIN: usize = 500;

/// What the lexicon's reader lets through but a deployment's words must not have: a word of one
/// character or longer than the matcher reads (never found), a word twice in a line or a new
/// term on two lines, an empty level of a category, text too long for a workbook's cell, more
/// than five columns (the header too). Each by line.
fn shape_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut terms: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut header = false;
    for (n, cols) in rows(text) {
        if cols.len() > 5 {
            problems.push(format!("第 {n} 行：最多 5 列（用制表符分隔），实有 {} 列", cols.len()));
            continue;
        }
        if !header {
            header = true;
            continue;
        }
        let words = std::iter::once(cols[0])
            .chain(cols.get(3).into_iter().flat_map(|a| a.split('|')).map(str::trim))
            .filter(|w| !w.is_empty());
        let mut seen: Vec<&str> = Vec::new();
        for w in words {
            let len = w.chars().count();
            if len < 2 {
                problems.push(format!("第 {n} 行：「{w}」只有一个字，匹配时读不到，请写成词"));
            } else if len > LONGEST_WORD {
                problems.push(format!(
                    "第 {n} 行：「{}…」超过 {LONGEST_WORD} 个字，匹配时读不到",
                    w.chars().take(12).collect::<String>()
                ));
            } else if seen.contains(&w) {
                problems.push(format!("第 {n} 行：「{w}」写了两次"));
            }
            seen.push(w);
        }
        if let Some(c) = cols.get(2)
            && (c.split('>').any(|level| level.trim().is_empty()) && !c.is_empty()
                || c.chars().count() > LONGEST_CATEGORY)
        {
            problems.push(format!("第 {n} 行：类别「{}」应为用 > 连接的各级名称（如 农产品>水果），每级都有字，最多 {LONGEST_CATEGORY} 个字", c.chars().take(20).collect::<String>()));
        }
        if cols.get(4).is_some_and(|e| e.chars().count() > LONGEST_EXPLAIN) {
            problems.push(format!("第 {n} 行：说明最多 {LONGEST_EXPLAIN} 个字"));
        }
        if let Some(first) = terms.get(cols[0]) {
            problems.push(format!("第 {n} 行：「{}」在第 {first} 行已有，同一词条请写在一行", cols[0]));
        } else if !cols[0].is_empty() {
            terms.insert(cols[0].to_owned(), n);
        }
    }
    problems
}

/// How many other names each built-in entry has, in order.
fn base_aliases() -> &'static [usize] {
    static BASE: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        Lexicon::parse(BUILTIN).map(|l| l.entries().iter().map(|e| e.aliases.len()).collect()).unwrap_or_default()
    })
}

/// The words saved on the page, with when they were saved (none: never saved).
pub async fn saved<C: ConnectionTrait>(db: &C) -> Result<Option<(String, DateTime<Utc>)>> {
    Ok(entity::setting::Entity::find_by_id(SETTING.to_owned()).one(db).await?.map(|s| (s.value, s.updated_at)))
}

/// How many lines of entries a text has (notes, blank lines and the header left out).
fn entry_lines(text: &str) -> usize {
    rows(text).filter(|(_, cols)| !is_header(cols)).count()
}

/// A short mark of a saved text, so a save can say which text it replaces.
pub fn mark(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Saves `text` as the deployment's words in place of the text marked `base` (the mark of the
/// text the editor started from; `mark("")` when none was saved), with its audit event. Refused
/// with every problem by line when it does not read, and with the current text when someone
/// saved another since `base` (409).
pub async fn save(
    db: &DatabaseConnection,
    user: &SessionUser,
    text: &str,
    base: &str,
    now: DateTime<Utc>,
) -> std::result::Result<Summary, SaveError> {
    let summary = check(text).map_err(SaveError::Invalid)?;
    let written = normal(text);
    let written = written.as_str();
    let txn = crate::db::write(db).await.map_err(AppError::from)?;
    let current = saved(&txn).await?.map(|(t, _)| t);
    if mark(current.as_deref().unwrap_or("")) != base {
        txn.rollback().await.map_err(AppError::from)?;
        return Err(SaveError::Stale(current.unwrap_or_default()));
    }
    // Only over the text read above: a save that slipped in between (another node, PostgreSQL
    // read committed) leaves no row to change, and this one is refused.
    let backend = txn.get_database_backend();
    let changed = match &current {
        Some(old) => {
            let sql = match backend {
                DbBackend::Postgres => "UPDATE setting SET value = $1, updated_at = $2 WHERE key = $3 AND value = $4",
                _ => "UPDATE setting SET value = ?, updated_at = ? WHERE key = ? AND value = ?",
            };
            txn.execute_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [written.into(), now.into(), SETTING.into(), old.as_str().into()],
            ))
            .await
            .map_err(AppError::from)?
            .rows_affected()
        }
        None => {
            let sql = match backend {
                DbBackend::Postgres => {
                    "INSERT INTO setting (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING"
                }
                _ => "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
            };
            txn.execute_raw(Statement::from_sql_and_values(backend, sql, [SETTING.into(), written.into(), now.into()]))
                .await
                .map_err(AppError::from)?
                .rows_affected()
        }
    };
    if changed != 1 {
        txn.rollback().await.map_err(AppError::from)?;
        let now_saved = saved(db).await?.map(|(t, _)| t).unwrap_or_default();
        return Err(SaveError::Stale(now_saved));
    }
    audit::record(
        &txn,
        now,
        &Actor::user(user.id, &user.login),
        Event {
            action: "lexicon.local",
            entity: "setting",
            entity_id: SETTING.to_owned(),
            before: Some(serde_json::json!({ "entry_lines": entry_lines(current.as_deref().unwrap_or("")) })),
            after: Some(serde_json::json!({
                "entry_lines": entry_lines(written),
                "entries_added": summary.added.len(),
                "entries_extended": summary.extended.len(),
            })),
        },
    )
    .await
    .map_err(AppError::from)?;
    crate::db::commit(txn).await.map_err(AppError::from)?;
    Ok(summary)
}

/// Why a save was refused.
#[derive(Debug)]
pub enum SaveError {
    /// The text does not read: every problem, by line.
    Invalid(Vec<String>),
    /// Someone saved another text since the editor read it: the text saved now.
    Stale(String),
    Other(AppError),
}

impl From<AppError> for SaveError {
    fn from(e: AppError) -> Self {
        Self::Other(e)
    }
}

/// The words of an Excel workbook's first sheet as the lexicon's text (cells joined by tabs,
/// one sheet row a line, so a line's number is its row's in Excel), or why it cannot be read.
pub fn from_xlsx(bytes: &[u8]) -> std::result::Result<String, String> {
    let rows = crate::sheet::first_sheet_rows(bytes, MAX_LINES as u32 + 1, 16)?;
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    Ok(visible(&out))
}

/// `text` without control characters other than tabs and line breaks (a page refuses them).
fn visible(text: &str) -> String {
    text.chars().filter(|c| crate::web::input::allowed_char(*c)).collect()
}

/// The words of a text file (UTF-8, with or without a byte-order mark, or UTF-16 as Excel's
/// "Unicode text" writes it), or why it cannot be read.
pub fn from_text_file(bytes: &[u8]) -> std::result::Result<String, String> {
    let utf16 = |le: bool, b: &[u8]| -> Option<String> {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16(&units).ok()
    };
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(true, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(false, rest),
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest).ok().map(str::to_owned),
        _ => std::str::from_utf8(bytes).ok().map(str::to_owned),
    };
    text.map(|t| visible(&t))
        .ok_or_else(|| "文件不是 UTF-8 或 Unicode 文本：请在 Excel 中另存为 .xlsx，或“Unicode 文本”".to_owned())
}

/// The words as an Excel workbook, one entry a row under the header (an empty list is the
/// template to fill in).
pub fn to_xlsx(text: &str) -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("补充词库")?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let mut row = 0u32;
    for (_, cols) in rows(text) {
        let header = row == 0 && is_header(&cols);
        // A workbook's limits (16,384 columns, 32,767 characters a cell): words saved before a
        // check refused more are cut, not a failed download.
        for (col, cell) in cols.iter().take(16).enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            let cell: String = cell.chars().take(32_000).collect();
            if header {
                sheet.write_string_with_format(row, col, &cell, &bold)?;
            } else {
                sheet.write_string(row, col, &cell)?;
            }
        }
        row += 1;
    }
    if row == 0 {
        for (col, cell) in HEADER.split('\t').enumerate() {
            sheet.write_string_with_format(0, u16::try_from(col).unwrap_or(0), cell, &bold)?;
        }
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(2, 22)?;
    sheet.set_column_width(3, 40)?;
    sheet.set_column_width(4, 40)?;
    Ok(book.save_to_buffer()?)
}

/// Where words saved on the page are said to come from.
pub const FROM_PAGE: &str = "网页保存的补充词库";

/// Where the words in use came from, and whether a file was named at start (it goes before
/// the page).
static SOURCE: std::sync::OnceLock<(String, bool)> = std::sync::OnceLock::new();

/// Records where the words in use came from (at start, once); `named`: a file named at start.
pub fn note_source(from: &str, named: bool) {
    SOURCE.set((from.to_owned(), named)).ok();
}

/// Where the words in use came from ([`FROM_PAGE`] or a file) and whether that file was named
/// at start; `None` when no words were put in use.
pub fn source_in_use() -> Option<(&'static str, bool)> {
    SOURCE.get().map(|(from, named)| (from.as_str(), *named))
}

static REFUSED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// Records why the words saved on the page were not put in use at start.
pub fn note_refused(problems: Vec<String>) {
    REFUSED.set(problems).ok();
}

/// Why the words saved on the page were not put in use at start (empty: they were, or none).
pub fn refused_at_start() -> &'static [String] {
    REFUSED.get().map_or(&[], Vec::as_slice)
}

/// The words to put in use at start: `file` when given, else those saved on the page, else
/// `default` (the data directory's `lexicon.tsv`) when it exists; with where they came from.
pub fn source(
    file: Option<&std::path::Path>,
    saved: Option<String>,
    default: &std::path::Path,
) -> anyhow::Result<Option<(String, String)>> {
    use anyhow::Context;
    if let Some(f) = file {
        let text = std::fs::read_to_string(f).with_context(|| format!("无法读取补充词库 {}", f.display()))?;
        return Ok(Some((text, f.display().to_string())));
    }
    if let Some(text) = saved.filter(|t| !is_blank(t)) {
        return Ok(Some((text, FROM_PAGE.to_owned())));
    }
    if default.is_file() {
        let text =
            std::fs::read_to_string(default).with_context(|| format!("无法读取补充词库 {}", default.display()))?;
        return Ok(Some((text, default.display().to_string())));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_adds_entries_and_local_names_and_says_so() {
        let text = "term\tkind\tcategory\taliases\texplain\n\
                    # 县里的说法\n\
                    大米\tproduct\t农产品>粮油>大米\t洞口米|万载贡米\t\n\
                    宜丰竹荪汤料\t产品\t农产品>加工品\t竹荪汤包|竹荪炖料\t宜丰县的竹荪干货配料\n";
        let s = check(text).expect("reads");
        assert_eq!(s.extended, [Extended { term: "大米".into(), aliases: "洞口米、万载贡米".into() }]);
        assert_eq!(
            s.added,
            [Added {
                term: "宜丰竹荪汤料".into(),
                kind: "产品",
                category: "农产品 › 加工品".into(),
                aliases: "竹荪汤包、竹荪炖料".into()
            }]
        );
        assert_eq!(s.sentence(), "新增 1 个词条，为 1 个内置词条补充 2 个别名");
    }

    #[test]
    fn every_problem_is_named_by_line_and_a_blank_text_is_no_words() {
        let problems = check("term\tkind\tcategory\taliases\n大米\tproduct\t农产品\t橙子\n玉米\t作物\t农产品\n")
            .expect_err("two problems");
        assert!(problems.iter().any(|p| p.contains("第 3 行") && p.contains("「作物」不认识")), "{problems:?}");
        assert!(
            problems.iter().any(|p| p.contains("第 2 行") && p.contains("「橙子」已属于词条「脐橙」")),
            "{problems:?}"
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        for blank in ["", "  \n\n", "# 只有注释\n", "term\tkind\tcategory\taliases\texplain\n"] {
            assert_eq!(check(blank), Ok(Summary::default()), "{blank:?}");
        }
        let long = "term\tkind\tcategory\n".to_owned() + &"x\n".repeat(MAX_LINES);
        assert!(check(&long).expect_err("too long")[0].contains("最多 5000 行"));
    }

    #[test]
    fn words_the_matcher_could_never_read_and_lines_that_would_break_a_workbook_are_refused() {
        let head = "term\tkind\tcategory\taliases\texplain\n";
        let cases = [
            ("竹\t产品\t农产品\n", "「竹」只有一个字"),
            ("竹荪汤包\t产品\t农产品\t竹荪包|竹荪包\n", "「竹荪包」写了两次"),
            ("竹荪汤包\t产品\t农产品\n竹荪汤包\t产品\t农产品\n", "第 3 行：「竹荪汤包」在第 2 行已有"),
            ("竹荪汤包\t产品\t农产品>>加工品\n", "类别「农产品>>加工品」应为"),
            ("竹荪汤包\t产品\t>\n", "类别「>」应为"),
        ];
        for (lines, said) in cases {
            let problems = check(&format!("{head}{lines}")).expect_err(said);
            assert!(problems.iter().any(|p| p.contains(said)), "{said}: {problems:?}");
        }
        let long = format!("{head}竹荪汤包\t产品\t农产品\t\t{}\n", "长".repeat(501));
        assert!(check(&long).expect_err("long")[0].contains("说明最多 500 个字"));
        let word = "字".repeat(64);
        assert!(check(&format!("{head}{word}\t产品\t农产品\n")).expect_err("long word")[0].contains("超过 63 个字"));
        let wide = format!("term{}\n竹荪汤包\t产品\t农产品\n", "\t".repeat(17_000));
        assert!(check(&wide).expect_err("wide")[0].contains("第 1 行：最多 5 列"));
        // Whatever was saved before these checks, the download cuts it to what a workbook holds.
        let book = to_xlsx(&format!("{head}竹荪汤包\t产品\t农产品\t\t{}\n", "x".repeat(40_000))).expect("cut");
        assert!(from_xlsx(&book).expect("read").contains(&"x".repeat(32_000)));
    }

    #[test]
    fn words_come_from_the_file_asked_for_then_the_page_then_the_data_directory() {
        let dir = tempfile::tempdir().expect("dir");
        let default = dir.path().join("lexicon.tsv");
        let asked = dir.path().join("asked.tsv");
        std::fs::write(&asked, "asked").expect("write");
        assert_eq!(source(None, None, &default).expect("none"), None);
        std::fs::write(&default, "default").expect("write");
        let from =
            |file, saved: Option<&str>| source(file, saved.map(str::to_owned), &default).expect("read").map(|s| s.0);
        assert_eq!(from(None, None).as_deref(), Some("default"));
        assert_eq!(from(None, Some("term\n")).as_deref(), Some("default"), "a blank text saved is no words");
        assert_eq!(from(None, Some("page")).as_deref(), Some("page"));
        assert_eq!(from(Some(asked.as_path()), Some("page")).as_deref(), Some("asked"));
        assert!(source(Some(&dir.path().join("missing.tsv")), None, &default).is_err());
    }

    #[test]
    fn files_from_excel_read_as_the_same_text() {
        let text = "term\tkind\tcategory\taliases\texplain\n宜丰竹荪汤料\t产品\t农产品>加工品\t竹荪汤包\n";
        let book = to_xlsx(text).expect("workbook");
        assert_eq!(from_xlsx(&book).expect("read back"), text);
        assert_eq!(from_xlsx(&to_xlsx("").expect("template")).expect("read"), format!("{HEADER}\n"));
        assert!(from_xlsx(b"not a workbook").is_err());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(from_text_file(&utf16).expect("utf-16"), text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        assert_eq!(from_text_file(&bom).expect("bom"), text);
        assert!(from_text_file(&[0xC4, 0xE3, 0xBA, 0xC3]).is_err(), "GBK is refused with a way out");
    }
}
