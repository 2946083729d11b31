//! The interface's words in more than one language: each page takes its words from a message
//! file (`templates/locales/<lang>.ftl`, Fluent syntax) through the `t` template helper, so a
//! further language is one more file (and a line in [`LANGUAGES`]). Simplified Chinese is the
//! default; a visitor switches on any page (`/lang/{code}`, kept in a cookie for a year). A word
//! missing from a language falls back to Chinese, so a page never shows a bare key. A page's
//! title is a message `title-<template>` when the language has one (`title-auth-login`).

use std::sync::Arc;

use axum::extract::Path;
use axum::http::header::{REFERER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use handlebars::{Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason};

use super::Routes;
use crate::error::{AppError, Result};

/// The cookie that keeps a visitor's language.
pub const LANG_COOKIE: &str = "qicun_lang";

/// The default language.
pub const DEFAULT: &str = "zh-CN";

/// Every language: its code, its name in itself, and its message file.
pub const LANGUAGES: &[(&str, &str, &str)] = &[
    ("zh-CN", "中文", include_str!("../../templates/locales/zh-CN.ftl")),
    ("en", "English", include_str!("../../templates/locales/en.ftl")),
];

/// The message files, read once.
pub struct Messages {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
}

impl Messages {
    /// Reads every message file; an error in one stops start-up (not a page later).
    pub fn new() -> anyhow::Result<Self> {
        let mut bundles = Vec::new();
        for (code, _, source) in LANGUAGES {
            let resource = FluentResource::try_new((*source).to_owned())
                .map_err(|(_, e)| anyhow::anyhow!("locale {code}: {e:?}"))?;
            let id: unic_langid::LanguageIdentifier = code.parse()?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|e| anyhow::anyhow!("locale {code}: {e:?}"))?;
            bundles.push((*code, bundle));
        }
        Ok(Self { bundles })
    }

    fn bundle(&self, lang: &str) -> Option<&FluentBundle<FluentResource>> {
        self.bundles.iter().find(|(c, _)| *c == lang).map(|(_, b)| b)
    }

    /// The words of `key` in `lang` (in Chinese if that language lacks them).
    pub fn get(&self, lang: &str, key: &str) -> Option<String> {
        self.format(lang, key, &[])
    }

    /// The words of `key` in `lang` with its variables `args` (each a name and its text).
    pub fn format(&self, lang: &str, key: &str, args: &[(&str, String)]) -> Option<String> {
        let mut fluent_args = fluent_bundle::FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let read = |b: &FluentBundle<FluentResource>| {
            let pattern = b.get_message(key)?.value()?;
            let mut errors = Vec::new();
            Some(b.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
        };
        self.bundle(lang).and_then(read).or_else(|| self.bundle(DEFAULT).and_then(read))
    }

    /// Whether `lang` has its own words for `key`.
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundle(lang).is_some_and(|b| b.has_message(key))
    }
}

/// The language a request's cookies choose (the default when none or an unknown one).
pub fn from_cookies(cookie_header: &str) -> &'static str {
    let chosen = crate::auth::session::cookie_value(cookie_header, LANG_COOKIE).unwrap_or_default();
    LANGUAGES.iter().find(|(c, _, _)| *c == chosen).map_or(DEFAULT, |(c, _, _)| c)
}

/// The language a page offers to switch to (the next one after `lang`): its code and name.
pub fn other(lang: &str) -> (&'static str, &'static str) {
    let i = LANGUAGES.iter().position(|(c, _, _)| *c == lang).unwrap_or(0);
    let (code, name, _) = LANGUAGES[(i + 1) % LANGUAGES.len()];
    (code, name)
}

/// `{{t "key"}}`: the key's words in the page's language (`ctx.lang` of the page's data).
pub struct T(pub Arc<Messages>);

impl T {
    /// The words the helper stands for, with its variables filled.
    fn words(&self, h: &Helper<'_>, ctx: &Context) -> Result<String, RenderErrorReason> {
        let key =
            h.param(0).and_then(|p| p.value().as_str()).ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        let lang = ctx.data().pointer("/ctx/lang").and_then(|v| v.as_str()).unwrap_or(DEFAULT);
        // Variables as text: `{{t "key" n=(thousands count)}}`.
        let args: Vec<(&str, String)> = h
            .hash()
            .iter()
            .map(|(name, v)| {
                let text = match v.value() {
                    serde_json::Value::String(t) => t.clone(),
                    other => other.to_string(),
                };
                (*name, text)
            })
            .collect();
        self.0.format(lang, key, &args).ok_or_else(|| RenderErrorReason::Other(format!("no message {key}")))
    }
}

impl HelperDef for T {
    /// As a value: `label=(t "key")` hands the words to a partial, which escapes them.
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<handlebars::ScopedJson<'rc>, handlebars::RenderError> {
        Ok(handlebars::ScopedJson::Derived(serde_json::Value::String(self.words(h, ctx)?)))
    }

    /// In a page: `{{t "key"}}` writes the words, escaped.
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        out.write(&handlebars::html_escape(&self.words(h, ctx)?))?;
        Ok(())
    }
}

/// Routes of this module.
pub fn routes() -> Routes {
    Routes::new().get("/lang/{code}", switch)
}

/// Switches the visitor's language and goes back to the page it came from (on this site).
async fn switch(Path(code): Path<String>, headers: HeaderMap) -> Result<Response> {
    let Some((code, _, _)) = LANGUAGES.iter().find(|(c, _, _)| *c == code) else {
        let known: Vec<&str> = LANGUAGES.iter().map(|(_, n, _)| *n).collect();
        return Err(AppError::field("code", format!("不支持这种语言：可选 {}", known.join("、"))));
    };
    // Back to the page the switch was on, when it was a page of this site.
    let back = headers
        .get(REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            let host = headers.get(axum::http::header::HOST)?.to_str().ok()?;
            let rest = r.strip_prefix("http://").or_else(|| r.strip_prefix("https://"))?;
            rest.strip_prefix(host).map(str::to_owned)
        })
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/lang/"))
        .unwrap_or_else(|| "/".to_owned());
    let mut res = Redirect::to(&back).into_response();
    let cookie = format!("{LANG_COOKIE}={code}; Path=/; SameSite=Lax; Max-Age=31536000");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(SET_COOKIE, v);
    }
    Ok(res)
}
