//! One pattern for "what just happened": an action redirects with a short message in a cookie,
//! the next page shows it once at the top (no script needed) and the cookie is cleared.

use axum::http::header::SET_COOKIE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// The cookie that carries the message to the next page.
pub const FLASH_COOKIE: &str = "qicun_flash";

/// Redirects to `to`, where `message` is shown once.
pub fn redirect(to: &str, message: &str) -> Response {
    let encoded = serde_urlencoded::to_string([("m", message)]).unwrap_or_default();
    let value = encoded.strip_prefix("m=").unwrap_or("");
    let cookie = format!("{FLASH_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=120");
    let mut res = Redirect::to(to).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(SET_COOKIE, v);
    }
    res
}

/// The message carried by the request's cookies, if any (at most 300 characters).
pub fn read(cookie_header: &str) -> Option<String> {
    let raw = crate::auth::session::cookie_value(cookie_header, FLASH_COOKIE)?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&format!("m={raw}")).ok()?;
    let message: String = pairs.into_iter().next()?.1.chars().filter(|c| !c.is_control()).take(300).collect();
    (!message.trim().is_empty()).then_some(message)
}

/// Clears the message once a page (anything but a redirect) has been answered.
pub fn clear_after(res: &mut Response) {
    if res.status().is_redirection() || res.status() == StatusCode::NOT_MODIFIED {
        return;
    }
    let sets_new = res.headers().get_all(SET_COOKIE).iter().any(|v| v.as_bytes().starts_with(FLASH_COOKIE.as_bytes()));
    if !sets_new
        && let Ok(v) = HeaderValue::from_str(&format!("{FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"))
    {
        res.headers_mut().append(SET_COOKIE, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_goes_through_the_cookie_and_back() {
        let res = redirect("/x", "已发布「富硒大米」；扶贫办 & 村委会会看到");
        let cookie = res.headers().get(SET_COOKIE).and_then(|v| v.to_str().ok()).expect("a cookie").to_owned();
        let value = cookie.split(';').next().expect("name=value");
        assert_eq!(read(value).as_deref(), Some("已发布「富硒大米」；扶贫办 & 村委会会看到"));
        assert_eq!(read("qicun_flash="), None);
        assert_eq!(read("other=1"), None);
    }
}
