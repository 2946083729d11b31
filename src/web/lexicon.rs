//! The deployment's own matching words (`/office/lexicon`, issue 12): an office or the
//! administrator writes, pastes from Excel or uploads entries in the lexicon's format, checks
//! what they add, and saves them; they are put in use at the next start (see
//! `matching::local`). Auditors read them.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::Routes;
use super::extract::CsrfForm;
use crate::app::AppState;
use crate::auth::Role;
use crate::auth::guard::Auth;
use crate::error::Result;
use crate::matching::lexicon::Lexicon;
use crate::matching::local::{self, SaveError, Summary};

const EDITORS: &[Role] = &[Role::Office, Role::Admin];
const READERS: &[Role] = &[Role::Office, Role::Admin, Role::Auditor];

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new()
        .get_as(READERS, "/office/lexicon", page)
        .get_as(READERS, "/office/lexicon/words.xlsx", export)
        .post_as(EDITORS, "/office/lexicon", save)
        .post_as(EDITORS, "/office/lexicon/check", check)
        .post_as(EDITORS, "/office/lexicon/upload", upload)
}

#[derive(Serialize, Default)]
struct View {
    can_edit: bool,
    /// Entries of the built-in lexicon.
    builtin: usize,
    /// What the words in use add, in a sentence, and the entries.
    in_use: String,
    in_use_summary: Summary,
    /// The words in use were read from a file named at start (it goes before the page).
    from_file: String,
    /// The words in use were read from the data directory's file (the page's, once saved, go
    /// before it).
    default_file: String,
    /// When the page's words were last saved (Asia/Shanghai), or empty.
    saved_at: String,
    /// Saved words differ from those in use: they count from the next start.
    pending: bool,
    /// The saved words are the ones in use.
    saved_in_use: bool,
    /// Why the saved words were left out at start (a newer built-in lexicon took their words).
    refused: Vec<String>,
    /// The editor's text and the mark of the saved text it started from.
    text: String,
    base: String,
    /// A file the text came from.
    file_name: String,
    /// What the text would add (after 检查 or an upload), or its problems.
    checked: Option<String>,
    preview: Option<Summary>,
    problems: Vec<String>,
    /// Someone saved other words meanwhile: those words (now in the editor) and the text sent.
    stale: bool,
    sent: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WordsForm {
    text: String,
    base: String,
}

/// The page's state, with `text` in the editor (the saved words when `None`).
async fn view(state: &AppState, auth: &Auth, text: Option<String>) -> Result<View> {
    let user = auth.require(READERS)?;
    let saved = local::saved(&state.db).await?;
    let in_use_text = Lexicon::builtin().local_text();
    let in_use_summary = local::summary_of(Lexicon::builtin());
    let (from, named) = local::source_in_use().unwrap_or_default();
    let saved_text = saved.as_ref().map(|(t, _)| t.as_str()).unwrap_or_default();
    Ok(View {
        can_edit: EDITORS.contains(&user.role),
        builtin: local::builtin_entries(),
        in_use: in_use_summary.sentence(),
        in_use_summary,
        from_file: if named { from.to_owned() } else { String::new() },
        default_file: if !named && !from.is_empty() && from != local::FROM_PAGE {
            from.to_owned()
        } else {
            String::new()
        },
        saved_at: saved
            .as_ref()
            .map(|(_, at)| crate::clock::to_shanghai(*at).format("%Y年%m月%d日 %H:%M").to_string())
            .unwrap_or_default(),
        pending: !named && saved.is_some() && local::normal(saved_text) != local::normal(in_use_text),
        saved_in_use: !named && saved.is_some() && local::normal(saved_text) == local::normal(in_use_text),
        refused: local::refused_at_start().to_vec(),
        base: local::mark(saved_text),
        text: text.unwrap_or_else(|| saved_text.to_owned()),
        ..View::default()
    })
}

fn render(state: &AppState, auth: &Auth, status: StatusCode, v: &View) -> Result<Response> {
    Ok((status, state.templates.page(auth, "office/lexicon", "匹配词库", v)?).into_response())
}

async fn page(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    let v = view(&state, &auth, None).await?;
    render(&state, &auth, StatusCode::OK, &v)
}

/// Shows what `text` would add, or its problems, with the text back in the editor.
async fn checked(state: &AppState, auth: &Auth, text: String, base: Option<String>, file: String) -> Result<Response> {
    let mut v = view(state, auth, Some(text)).await?;
    if let Some(base) = base {
        v.base = base;
    }
    v.file_name = file;
    match local::check(&v.text) {
        Ok(s) => {
            v.checked = Some(s.sentence());
            v.preview = Some(s);
            render(state, auth, StatusCode::OK, &v)
        }
        Err(problems) => {
            v.problems = problems;
            render(state, auth, StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
    }
}

async fn check(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<WordsForm>) -> Result<Response> {
    auth.require(EDITORS)?;
    checked(&state, &auth, form.text, Some(form.base), String::new()).await
}

async fn save(State(state): State<AppState>, auth: Auth, CsrfForm(form): CsrfForm<WordsForm>) -> Result<Response> {
    let user = auth.require(EDITORS)?;
    match local::save(&state.db, user, &form.text, &form.base, state.clock.now()).await {
        Ok(s) => Ok(super::flash::redirect(
            "/office/lexicon",
            &format!("已保存补充词库：{}。重启服务后生效，那时搜索索引按新词重建一次。", s.sentence()),
        )),
        Err(SaveError::Invalid(problems)) => {
            let mut v = view(&state, &auth, Some(form.text)).await?;
            v.base = form.base;
            v.problems = problems;
            render(&state, &auth, StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        Err(SaveError::Stale(now)) => {
            let mut v = view(&state, &auth, Some(now)).await?;
            v.stale = true;
            v.sent = form.text;
            render(&state, &auth, StatusCode::CONFLICT, &v)
        }
        Err(SaveError::Other(e)) => Err(e),
    }
}

/// Takes a multipart upload (`_csrf` first, then `file`: .xlsx, or a tab-separated text file)
/// and shows what it would add; nothing is saved until the editor is saved.
async fn upload(State(state): State<AppState>, auth: Auth, mp: super::extract::Upload) -> Result<Response> {
    auth.require(EDITORS)?;
    let file = super::extract::upload_file(&auth, mp).await?;
    let (name, bytes) = match file {
        Some((name, bytes)) if !bytes.is_empty() => (name, bytes),
        picked => {
            let mut v = view(&state, &auth, None).await?;
            v.problems = vec![match picked {
                Some((name, _)) => {
                    v.file_name = name.clone();
                    super::extract::empty_file(&name)
                }
                None => "请选择要上传的文件（.xlsx，或制表符分隔的 .tsv / .txt）".to_owned(),
            }];
            return render(&state, &auth, StatusCode::UNPROCESSABLE_ENTITY, &v);
        }
    };
    let lower = name.to_lowercase();
    let text = if lower.ends_with(".xlsx") {
        local::from_xlsx(&bytes)
    } else if [".tsv", ".txt"].iter().any(|e| lower.ends_with(e)) {
        local::from_text_file(&bytes)
    } else {
        Err("文件须为 .xlsx，或制表符分隔的 .tsv / .txt（逗号分隔的 .csv 请在 Excel 中另存为 .xlsx）".to_owned())
    };
    match text {
        Ok(text) => checked(&state, &auth, text, None, name).await,
        Err(why) => {
            let mut v = view(&state, &auth, None).await?;
            v.file_name = name;
            v.problems = vec![why];
            render(&state, &auth, StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
    }
}

/// The saved words as an Excel workbook (the header alone when none are saved: the template).
async fn export(State(state): State<AppState>, auth: Auth) -> Result<Response> {
    auth.require(READERS)?;
    let text = local::saved(&state.db).await?.map(|(t, _)| t).unwrap_or_default();
    let bytes = local::to_xlsx(&text)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"lexicon.xlsx\""),
        ],
        bytes,
    )
        .into_response())
}
