//! Checks every request's text before a handler sees it: no control characters (a NUL byte
//! breaks PostgreSQL text, others hide in logs and exports) in the query string, form fields or
//! JSON strings, and bodies no larger than the route needs. Refusals name the field (422) and
//! change nothing; a person's form has the invisible characters taken out of its values instead
//! (they come from pasting, and refusing lost the form). Also turns the framework's plain-text rejections (a bad path id, a body that
//! is not JSON) into the app's own answers.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// The largest form or JSON body (uploads, which are multipart, have their own limit).
pub const MAX_TEXT_BODY: usize = 256 * 1024;
/// The largest form of the matching words' page: its text may be 512 KB, and a form writes a
/// Chinese character as nine bytes (%E5%A4%A7).
pub const MAX_WORDS_BODY: usize = 5 * 1024 * 1024;

/// Whether `c` may appear in user text: line breaks and tabs yes, other control characters no.
pub fn allowed_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\n' | '\r' | '\t')
}

/// The first field of URL-encoded `pairs` whose name or value holds a forbidden character.
fn bad_pair(raw: &[u8]) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(raw).ok()?;
    pairs.into_iter().find(|(k, v)| !k.chars().all(allowed_char) || !v.chars().all(allowed_char)).map(|(k, _)| k)
}

/// The path (`a.b[2]`) of the first JSON string holding a forbidden character.
fn bad_json(v: &serde_json::Value, path: &str) -> Option<String> {
    match v {
        serde_json::Value::String(s) => (!s.chars().all(allowed_char)).then(|| path.to_owned()),
        serde_json::Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| bad_json(item, &format!("{path}[{i}]")))
        }
        serde_json::Value::Object(map) => map.iter().find_map(|(k, item)| {
            let here = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            if k.chars().all(allowed_char) { bad_json(item, &here) } else { Some(here) }
        }),
        _ => None,
    }
}

/// A form body with the forbidden characters taken out of its values; `None` when one is in a
/// field's name or in a password.
fn cleaned_form(raw: &[u8]) -> Option<Bytes> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(raw).ok()?;
    let mut clean = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        if !k.chars().all(allowed_char) {
            return None;
        }
        if v.chars().all(allowed_char) {
            clean.push((k, v));
        } else if k.contains("password") || k == "current" {
            return None;
        } else {
            let v: String = v.chars().filter(|c| allowed_char(*c)).collect();
            clean.push((k, v));
        }
    }
    serde_urlencoded::to_string(&clean).ok().map(Bytes::from)
}

fn refuse(field: &str) -> Response {
    let field = if field.is_empty() { "_body" } else { field };
    // The field is named in the answer's `field` (programs read it); people read words.
    AppError::field(field, "提交的内容里有看不见的控制字符（多是从别处复制粘贴带来的），请删除后重新提交")
        .into_response()
}

/// The middleware (see the module comment).
pub async fn check(req: Request, next: Next) -> Response {
    if let Some(q) = req.uri().query()
        && let Some(field) = bad_pair(q.as_bytes())
    {
        return refuse(&field);
    }
    let content_type =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    let json = content_type.starts_with("application/json");
    let req = if form || json {
        let limit =
            if form && req.uri().path().starts_with("/office/lexicon") { MAX_WORDS_BODY } else { MAX_TEXT_BODY };
        let (parts, body) = req.into_parts();
        let bytes: Bytes = match axum::body::to_bytes(body, limit).await {
            Ok(b) => b,
            Err(_) => {
                let message = format!("提交的内容过大（表单和 JSON 不超过 {} KB）", limit / 1024);
                return AppError::field("_body", message)
                    .into_response()
                    .into_response_with_status(StatusCode::PAYLOAD_TOO_LARGE);
            }
        };
        let bytes = if form && let Some(field) = bad_pair(&bytes) {
            // A person's form: the invisible characters (pasted from a chat or a document) are
            // taken out and the form goes on, so that a wrong field comes back with the form and
            // the rest of what was typed. Not in a password (taken as typed, then refused by its
            // own check) nor from a program, which is told.
            let browser = !parts.uri.path().starts_with("/api/") && !parts.headers.contains_key(header::AUTHORIZATION);
            match browser.then(|| cleaned_form(&bytes)).flatten() {
                Some(clean) => clean,
                None => return refuse(&field),
            }
        } else {
            bytes
        };
        if json
            && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes)
            && let Some(field) = bad_json(&v, "")
        {
            return refuse(&field);
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        req
    };
    let res = next.run(req).await;
    plain_rejection(res).await
}

/// Sets the status of a rendered error (keeping its page marker).
trait WithStatus {
    fn into_response_with_status(self, status: StatusCode) -> Response;
}

impl WithStatus for Response {
    fn into_response_with_status(mut self, status: StatusCode) -> Response {
        *self.status_mut() = status;
        if let Some(page) = self.extensions_mut().get_mut::<crate::error::ErrorPage>() {
            page.status = status;
        }
        self
    }
}

/// The framework answers a path it cannot parse, or a body that is not the JSON a handler
/// wants, in plain text: those become the app's 404 or 422 (JSON for the API, a page for
/// browsers), so every client error looks the same and names the field.
async fn plain_rejection(res: Response) -> Response {
    let status = res.status();
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !status.is_client_error() || !plain {
        return res;
    }
    let bytes = axum::body::to_bytes(res.into_body(), 64 * 1024).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    if text.starts_with("Invalid URL") || text.contains("Cannot parse") && text.contains("path") {
        return AppError::NotFound.into_response();
    }
    match status {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            AppError::field("_body", "请以 application/json 提交（Content-Type 请求头）")
                .into_response()
                .into_response_with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        }
        StatusCode::PAYLOAD_TOO_LARGE => AppError::field("_body", "提交的内容过大")
            .into_response()
            .into_response_with_status(StatusCode::PAYLOAD_TOO_LARGE),
        _ => {
            // "Failed to deserialize query string: year: invalid digit …": name the part in words.
            if let Some(rest) = text.strip_prefix("Failed to deserialize query string: ") {
                let name = rest.split(':').next().unwrap_or("").trim();
                let what = match name {
                    "year" => "年份",
                    "page" => "页码",
                    "from" | "to" => "日期",
                    _ => "参数",
                };
                return AppError::field(
                    name,
                    format!("地址中的{what}格式不对（例如年份、页码应为数字）。请返回上一页，用页面上的选项重新选择。"),
                )
                .into_response();
            }
            AppError::field("_body", "提交的内容格式不对，请返回上一页用页面上的表单重新提交。").into_response()
        }
    }
}
