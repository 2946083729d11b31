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

/// The message files of a language, by part of the site.
macro_rules! locale {
    ($code:literal) => {
        [
            include_str!(concat!("../../templates/locales/", $code, "/main.ftl")),
            include_str!(concat!("../../templates/locales/", $code, "/pages.ftl")),
            include_str!(concat!("../../templates/locales/", $code, "/office.ftl")),
            include_str!(concat!("../../templates/locales/", $code, "/campaigns.ftl")),
            include_str!(concat!("../../templates/locales/", $code, "/governance.ftl")),
            include_str!(concat!("../../templates/locales/", $code, "/vocab.ftl")),
            include_str!(concat!("../../templates/locales/", $code, "/rust.ftl")),
        ]
    };
}

/// Every language: its code, its name in itself, and its message files (one per part of the
/// site: `templates/locales/<code>/<part>.ftl`).
pub const LANGUAGES: &[(&str, &str, &[&str])] =
    &[("zh-CN", "中文", &locale!("zh-CN")), ("en", "English", &locale!("en"))];

tokio::task_local! {
    /// The language of the request being answered (set for every request by
    /// `extract::authenticate`; outside a request: the default).
    pub static LANG: &'static str;
}

/// The language of the request being answered.
pub fn current() -> &'static str {
    LANG.try_with(|l| *l).unwrap_or(DEFAULT)
}

/// The message files once read (by the first [`super::render::Templates`]).
static MESSAGES: std::sync::OnceLock<Arc<Messages>> = std::sync::OnceLock::new();

/// Keeps the message files for [`tr`].
pub fn keep_messages(messages: &Arc<Messages>) {
    let _ = MESSAGES.set(messages.clone());
}

/// A Chinese text the code writes outside a template (a chart's words) in the request's
/// language; itself in Chinese, or when no message has its words.
pub fn tr(text: &str) -> std::borrow::Cow<'_, str> {
    let lang = current();
    match MESSAGES.get().and_then(|m| m.translate_whole(lang, text)) {
        Some(words) => std::borrow::Cow::Owned(words),
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// Chinese in the words of today's programmes (not a choice of the visitor: the deployment's
/// current programme chooses it): the county office is 乡村振兴局 and help is 帮扶 where the
/// files say 扶贫办 and 扶贫 — as the 2015 drive said; its own names and 精准扶贫 stay.
pub const CURRENT_WORDS: &str = "zh-CN-current";

pub use super::translate::in_current_words;

/// The message files, read once.
pub struct Messages {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
    /// The Chinese words of the data's messages: a word that reaches a page in Chinese (a
    /// status, a kind, the code's message) is shown in the page's language by it.
    reverse: super::translate::Reverse,
}

impl Messages {
    /// Reads every message file; an error in one stops start-up (not a page later).
    pub fn new() -> anyhow::Result<Self> {
        let mut bundles = Vec::new();
        for (code, _, sources) in LANGUAGES {
            let id: unic_langid::LanguageIdentifier = code.parse()?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            for source in *sources {
                let resource = FluentResource::try_new((*source).to_owned())
                    .map_err(|(_, e)| anyhow::anyhow!("locale {code}: {e:?}"))?;
                // A key in two files is an error (add_resource refuses to override).
                bundle.add_resource(resource).map_err(|e| anyhow::anyhow!("locale {code}: {e:?}"))?;
            }
            bundles.push((*code, bundle));
        }
        // Chinese in today's words, from the Chinese files.
        let chinese = LANGUAGES.iter().find(|(c, _, _)| *c == DEFAULT).map_or(&[][..], |(_, _, s)| *s);
        let mut current = FluentBundle::new_concurrent(vec![DEFAULT.parse::<unic_langid::LanguageIdentifier>()?]);
        current.set_use_isolating(false);
        for source in chinese {
            let text: Vec<String> = source.lines().map(in_current_words).collect();
            let resource = FluentResource::try_new(text.join("\n") + "\n")
                .map_err(|(_, e)| anyhow::anyhow!("locale {CURRENT_WORDS}: {e:?}"))?;
            current.add_resource(resource).map_err(|e| anyhow::anyhow!("locale {CURRENT_WORDS}: {e:?}"))?;
        }
        bundles.push((CURRENT_WORDS, current));
        let chinese = LANGUAGES.iter().find(|(c, _, _)| *c == DEFAULT).map_or(&[][..], |(_, _, s)| *s);
        let reverse = super::translate::Reverse::new(chinese)?;
        Ok(Self { bundles, reverse })
    }

    fn bundle(&self, lang: &str) -> Option<&FluentBundle<FluentResource>> {
        self.bundles.iter().find(|(c, _)| *c == lang).map(|(_, b)| b)
    }

    /// The words of `key` in `lang` (in Chinese if that language lacks them).
    pub fn get(&self, lang: &str, key: &str) -> Option<String> {
        self.format_values(lang, key, &[])
    }

    /// The words of `key` in `lang` with its variables `args`; a variable that is a number is
    /// given as one, so a language can choose its plural forms (`[one]`, `*[other]`).
    pub fn format_values(&self, lang: &str, key: &str, args: &[(&str, &serde_json::Value)]) -> Option<String> {
        let mut fluent_args = fluent_bundle::FluentArgs::new();
        for (name, value) in args {
            match value {
                serde_json::Value::Number(n) if n.as_f64().is_some() => {
                    fluent_args.set(*name, n.as_f64().unwrap_or_default());
                }
                // 「12」 handed as text is a number too (not 「012」 or 「1,200」, which stay text).
                serde_json::Value::String(t) => match t.parse::<i64>() {
                    Ok(n) if n.to_string() == *t => fluent_args.set(*name, n),
                    _ => fluent_args.set(*name, t.clone()),
                },
                serde_json::Value::Null => fluent_args.set(*name, String::new()),
                other => fluent_args.set(*name, other.to_string()),
            }
        }
        self.format_args(lang, key, &fluent_args)
    }

    fn format_args(&self, lang: &str, key: &str, fluent_args: &fluent_bundle::FluentArgs<'_>) -> Option<String> {
        let read = |b: &FluentBundle<FluentResource>| {
            let pattern = b.get_message(key)?.value()?;
            let mut errors = Vec::new();
            Some(b.format_pattern(pattern, Some(fluent_args), &mut errors).into_owned())
        };
        self.bundle(lang).and_then(read).or_else(|| self.bundle(DEFAULT).and_then(read))
    }

    /// A Chinese word from the data in `lang` (itself when `lang` is Chinese or lacks it): a
    /// status or a kind, an exact whole value; a date `2026年12月05日` reads `2026-12-05`.
    pub fn translate_whole(&self, lang: &str, zh: &str) -> Option<String> {
        if lang == DEFAULT || zh.is_ascii() {
            return None;
        }
        // Today's words differ from the files' only where those say 扶贫 (see
        // `in_current_words`), and a value's parts are pieces of it: a value without it reads
        // the same, so the look-up is skipped (the test below checks every message of the files).
        if lang == CURRENT_WORDS && !zh.contains("扶贫") {
            return None;
        }
        self.look_up(lang, zh)
    }

    fn look_up(&self, lang: &str, zh: &str) -> Option<String> {
        // Chinese in other words keeps Chinese dates and marks.
        let chinese = lang.starts_with("zh");
        let (list, reasons) = if chinese { ("、", "；") } else { (", ", "; ") };
        // A word of the data; a list of them (「万企兴万村、消费帮扶」); a date.
        let word = |text: &str| -> Option<String> {
            let one = |part: &str| match self.reverse.exact(part) {
                Some(key) => self.has(lang, key).then(|| self.get(lang, key)).flatten(),
                None if chinese => None,
                None => cn_date_to_iso(part),
            };
            if let Some(found) = one(text) {
                return Some(found);
            }
            let parts: Vec<Option<String>> = split_outside(text, '、').into_iter().map(one).collect();
            (parts.len() > 1 && parts.iter().all(Option::is_some)).then(|| {
                // 「Content matches, same kind of help」: words after the first read on.
                let words: Vec<String> = parts
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, w)| if i > 0 && !chinese { lower_first(&w) } else { w })
                    .collect();
                words.join(list)
            })
        };
        if let Some(found) = word(zh) {
            return Some(found);
        }
        // A figure and its unit the code writes (「86 户」).
        if let Some((figure, unit)) = zh.split_once(' ')
            && !figure.is_empty()
            && figure.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && let Some(unit) = word(unit)
        {
            return Some(format!("{figure} {unit}"));
        }
        let sentence = |text: &str| -> Option<String> {
            let (key, values) = self.reverse.shaped(text, |v| word(v).is_some())?;
            if !self.has(lang, key) {
                return None;
            }
            // The values in the sentence are words of the data too (a status, a date).
            // A whole number is given as a number, so a language can choose its plural.
            let args: Vec<(&str, serde_json::Value)> = values
                .into_iter()
                .map(|(name, v)| match v.parse::<i64>() {
                    Ok(n) if !v.starts_with('+') => (name, serde_json::Value::from(n)),
                    _ => (name, serde_json::Value::String(word(&v).unwrap_or(v))),
                })
                .collect();
            let args: Vec<(&str, &serde_json::Value)> = args.iter().map(|(n, v)| (*n, v)).collect();
            self.format_values(lang, key, &args)
        };
        if let Some(found) = sentence(zh) {
            return Some(found);
        }
        // Sentences the code joins with 「；」 (a match's reasons): each known one in the
        // language, the rest as it is.
        let parts = split_outside(zh, '；');
        if parts.len() > 1 {
            let shown: Vec<String> =
                parts.iter().map(|p| word(p).or_else(|| sentence(p)).unwrap_or_else(|| (*p).to_owned())).collect();
            let joined = shown.join(reasons);
            return (shown.iter().zip(&parts).any(|(a, b)| a != b)).then_some(joined);
        }
        // Facts the code sets side by side (「村委会有异议 · 68 天前报告 · ¥125,000.00」) and a
        // word with its count (「待处理（13）」): each known part in the language, the rest as
        // it is.
        if zh.contains(" · ") {
            let parts: Vec<String> =
                zh.split(" · ").map(|p| self.translate_whole(lang, p).unwrap_or_else(|| p.to_owned())).collect();
            let joined = parts.join(" · ");
            return (joined != zh).then_some(joined);
        }
        if let Some(inner) = zh.strip_suffix('）')
            && let Some((head, tail)) = inner.rsplit_once('（')
            && !head.is_empty()
        {
            let head_words = self.translate_whole(lang, head);
            let tail_words = self.translate_whole(lang, tail);
            if head_words.is_some() || tail_words.is_some() {
                let head = head_words.unwrap_or_else(|| head.to_owned());
                let tail = tail_words.unwrap_or_else(|| tail.to_owned());
                return Some(if chinese { format!("{head}（{tail}）") } else { format!("{head} ({tail})") });
            }
        }
        None
    }

    /// Whether `lang` has its own words for `key`.
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundle(lang).is_some_and(|b| b.has_message(key))
    }
}

/// `Same kind` → `same kind`; a name stays (`East–West cooperation`, `EU`: a capital on a later
/// word or on a second letter).
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    let named = word.split([' ', '–', '-']).skip(1).any(|w| w.starts_with(|c: char| c.is_ascii_uppercase()));
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_ascii_uppercase() && b.is_ascii_lowercase() && !named => {
            format!("{}{}", a.to_ascii_lowercase(), &word[1..])
        }
        _ => word.to_owned(),
    }
}

/// The parts of `text` between the `sep` that stand outside brackets and quotes
/// (「同一县（市、区）、规模匹配」 is two parts).
fn split_outside(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0_i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '「' | '“' | '(' => depth += 1,
            '）' | '」' | '”' | ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `2026年12月05日` → `2026-12-05`, `2026年12月05日 14:30` → `2026-12-05 14:30` (a whole value
/// only; None for any other text).
fn cn_date_to_iso(text: &str) -> Option<String> {
    let (date, time) = match text.split_once(' ') {
        Some((d, t)) => {
            let ok = t.len() == 5 && t.as_bytes()[2] == b':' && t.bytes().filter(u8::is_ascii_digit).count() == 4;
            (d, ok.then_some(t)?)
        }
        None => (text, ""),
    };
    let (y, rest) = date.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let num = |s: &str, max: u32| s.parse::<u32>().ok().filter(|n| (1..=max).contains(n));
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day = format!("{y}-{:02}-{:02}", num(m, 12)?, num(d, 31)?);
    Some(if time.is_empty() { day } else { format!("{day} {time}") })
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
        // The request's language; a page rendered outside a request says its own.
        let lang = LANG
            .try_with(|l| *l)
            .ok()
            .or_else(|| ctx.data().pointer("/ctx/lang").and_then(|v| v.as_str()))
            .unwrap_or(DEFAULT);
        // Variables: `{{t "key" n=count name=item.title}}` (a number stays a number).
        // A word of the data handed in Chinese is shown in the page's language.
        let translated: Vec<(&str, serde_json::Value)> = h
            .hash()
            .iter()
            .map(|(name, v)| match v.value() {
                serde_json::Value::String(text) => match self.0.translate_whole(lang, text) {
                    Some(words) => (*name, serde_json::Value::String(words)),
                    None => (*name, v.value().clone()),
                },
                other => (*name, other.clone()),
            })
            .collect();
        let args: Vec<(&str, &serde_json::Value)> = translated.iter().map(|(n, v)| (*n, v)).collect();
        self.0.format_values(lang, key, &args).ok_or_else(|| RenderErrorReason::Other(format!("no message {key}")))
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

/// `{{keep value}}`: a value written as it is (escaped, never translated) — what a user typed,
/// given back in a form field, must be sent again unchanged whatever the page's language.
pub struct Keep;

impl HelperDef for Keep {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("keep", 0))?.value();
        let text = match value {
            serde_json::Value::String(t) => t.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        out.write(&handlebars::html_escape(&text))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short cut in `translate_whole`: in today's words, every text of the Chinese files
    /// without 扶贫 — each message whole, and each with made-up values in its variables —
    /// reads the same through the whole look-up, so skipping it changes no page.
    #[test]
    fn todays_words_change_only_texts_that_say_fupin() {
        let messages = Messages::new().expect("the files read");
        let chinese = LANGUAGES.iter().find(|(c, _, _)| *c == DEFAULT).expect("Chinese").2;
        let mut texts = Vec::new();
        for source in chinese {
            for line in source.lines() {
                let Some((_, value)) = line.split_once(" = ") else { continue };
                if value.contains('[') || value.contains('*') {
                    continue; // a selector's lines: the plain forms are met below
                }
                let mut filled = String::new();
                let mut rest = value;
                while let Some((before, after)) = rest.split_once("{ $") {
                    filled.push_str(before);
                    rest = after.split_once(" }").map_or("", |(_, a)| a);
                    filled.push_str(["执行中", "12", "2026年12月05日", "某村"][filled.len() % 4]);
                }
                filled.push_str(rest);
                texts.push(filled);
            }
        }
        let with_fupin = texts.iter().filter(|t| t.contains("扶贫")).count();
        assert!(texts.len() > 1500 && with_fupin > 20, "{} texts, {with_fupin} with 扶贫", texts.len());
        let mut checked = 0;
        for text in texts.iter().filter(|t| !t.contains("扶贫")) {
            let read = messages.look_up(CURRENT_WORDS, text);
            assert!(read.is_none() || read.as_deref() == Some(text.as_str()), "{text} reads {read:?}");
            assert_eq!(messages.translate_whole(CURRENT_WORDS, text), None);
            checked += 1;
        }
        assert!(checked > 1500);
        // …and one that says it still changes.
        let changed = texts.iter().filter_map(|t| messages.translate_whole(CURRENT_WORDS, t)).count();
        assert!(changed > 10, "{changed}");
    }
}
