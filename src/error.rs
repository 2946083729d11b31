//! One error type for the web layer: what the user sees (a plain Chinese message and a status)
//! and what the log gets (the cause of every 5xx).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::DbErr;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The row does not exist or belongs to someone else (never say which).
    #[error("未找到")]
    NotFound,
    /// The caller may not do this.
    #[error("没有权限：这一页或这项操作不对你的账号所属的角色或单位开放。如确需查看或办理，请联系相关单位或县扶贫办。")]
    Forbidden,
    /// The caller may not do this now, for the reason given (what to do is in the text).
    #[error("{0}")]
    Refused(String),
    /// Not logged in.
    #[error("请先登录")]
    Unauthorized,
    /// A state-changing request without the right CSRF token.
    #[error("页面已过期或来源不明，请刷新页面后重新提交。")]
    Csrf,
    /// A form of this site posted with the token of an earlier session (the user logged out or in
    /// again in another window): refused like [`AppError::Csrf`], but the page offers to send
    /// what was typed again with the current token.
    #[error(
        "页面已过期（可能在别的窗口退出或重新登录过），这次提交没有保存。你填写的内容还在下面，核对后点「重新提交」。"
    )]
    StaleForm(Box<Resend>),
    /// Too many attempts: the caller may try again after this many seconds.
    #[error("尝试次数过多，请{}后再试。", crate::error::wait_words(*.0))]
    TooManyRequests(i64),
    /// Bad input: field name → message, in form order.
    #[error("输入有误")]
    Invalid(Vec<(String, String)>),
    /// A request that is well-formed but not allowed in the current state.
    #[error("{0}")]
    Conflict(String),
    /// The service cannot take this now (storage full or read-only, database busy); nothing
    /// was changed and the same request may succeed later.
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Db(DbErr),
    #[error(transparent)]
    Render(#[from] handlebars::RenderError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<DbErr> for AppError {
    /// Database failures that are not a bug become what the user can act on: a conflict with a
    /// concurrent change (409) or a service that is busy or out of storage (503).
    fn from(e: DbErr) -> Self {
        match crate::db::fault(&e) {
            Some(crate::db::Fault::Conflict) => {
                tracing::info!(error = %e, "write lost a race");
                Self::Conflict(crate::db::Fault::Conflict.message().to_owned())
            }
            Some(f) => {
                tracing::error!(error = %e, fault = ?f, "database cannot take the request");
                Self::Unavailable(f.message().to_owned())
            }
            None => Self::Db(e),
        }
    }
}

/// A wait in words: `40 秒`, `3 分钟`, `1 小时`.
pub fn wait_words(secs: i64) -> String {
    match secs.max(1) {
        s if s < 60 => format!(" {s} 秒"),
        s if s < 3600 => format!(" {} 分钟", (s + 59) / 60),
        s => format!(" {} 小时", (s + 3599) / 3600),
    }
}

/// `Result` with [`AppError`] as the default error.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    /// One invalid field.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![(name.to_owned(), message.into())])
    }

    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden | Self::Refused(_) | Self::Csrf | Self::StaleForm(_) => StatusCode::FORBIDDEN,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Db(_) | Self::Render(_) | Self::Other(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message shown to the user: internal causes are never shown.
    pub fn public_message(&self) -> String {
        match self {
            Self::Db(_) | Self::Render(_) | Self::Other(_) => "服务器内部错误，请稍后再试。".to_owned(),
            Self::Invalid(fields) => {
                let parts: Vec<String> = fields.iter().map(|(_, m)| m.clone()).collect();
                parts.join("；")
            }
            other => other.to_string(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        // Pages render errors through the HTML fallback in `web`; this plain answer is what an
        // error looks like when no template engine is at hand.
        let body = serde_json::json!({
            "error": self.public_message(),
            "fields": match &self {
                Self::Invalid(fields) => fields.iter().map(|(f, m)| serde_json::json!({"field": f, "message": m})).collect(),
                _ => Vec::new(),
            },
        });
        let mut response = (status, axum::Json(body)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("5"));
        }
        if let Self::TooManyRequests(secs) = self {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(secs.max(1)));
        }
        let message = self.public_message();
        let resend = match self {
            Self::StaleForm(r) => Some(std::sync::Arc::new(*r)),
            _ => None,
        };
        response.extensions_mut().insert(ErrorPage { status, message, resend });
        response
    }
}

/// Marks a response as an error so the page layer can render it as HTML for browsers.
#[derive(Clone, Debug)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub message: String,
    /// A stale form's fields, to send again (see [`AppError::StaleForm`]).
    pub resend: Option<std::sync::Arc<Resend>>,
}

/// A form to send again: where it went and its fields (without the old token).
#[derive(Clone, Debug)]
pub struct Resend {
    pub action: String,
    pub fields: Vec<(String, String)>,
}
