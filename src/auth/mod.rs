//! Who the caller is: roles, passwords (argon2id), login with lockout, sessions and API tokens.

pub mod guard;
pub mod login;
pub mod session;
pub mod settings;
pub mod throttle;
pub mod totp;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use guard::SessionUser;

crate::domain::vocabulary!(
    /// What a user may do (see the design's role table).
    Role {
        Enterprise = "enterprise", "企业用户";
        Village = "village", "村委会用户";
        HelpUnit = "help_unit", "帮扶单位用户";
        Office = "office", "扶贫办审核员";
        Admin = "admin", "系统管理员";
        Security = "security", "安全管理员";
        Auditor = "auditor", "审计管理员";
    }
);

impl Role {
    /// The roles whose passwords expire and who need a second factor (they act for the state
    /// or manage the system).
    pub fn is_privileged(self) -> bool {
        !matches!(self, Role::Enterprise | Role::Village | Role::HelpUnit)
    }

    /// The three administrators (三员: system, security, audit), who manage the system and
    /// do no business; their accounts are made and reset only on the command line.
    pub fn is_administrator(self) -> bool {
        matches!(self, Role::Admin | Role::Security | Role::Auditor)
    }

    /// Minutes of inactivity after which a session ends: shorter for the powerful roles.
    pub fn idle_minutes(self) -> i64 {
        if self.is_privileged() { 15 } else { 30 }
    }
}

/// Hours after login after which a session ends whatever the activity.
pub const ABSOLUTE_SESSION_HOURS: i64 = 12;

/// `n` random bytes as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    // The operating system's generator failing is not recoverable.
    #[expect(clippy::expect_used, reason = "no secure randomness means no secure session; stop")]
    getrandom::fill(&mut buf).expect("operating system random generator");
    hex::encode(buf)
}

/// SHA-256 as lowercase hex (session ids and API tokens are stored hashed).
pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Hashes a password with argon2id and a fresh salt (CPU-heavy: call from `spawn_blocking`).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hash: {e}"))
}

/// Checks a password against a stored PHC string (CPU-heavy: call from `spawn_blocking`).
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// [`hash_password`] off the async threads.
pub async fn hash_password_async(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_password(&password)).await?
}

/// [`verify_password`] off the async threads.
pub async fn verify_password_async(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, &phc)).await.unwrap_or(false)
}

/// Weak passwords of 10 or more characters (lowercase, one per line): keyboard walks, words and
/// names with years, birthdays and lucky numbers. Compared without regard to case.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// Whether `password` is on the weak list (any case).
pub fn is_common_password(password: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| COMMON_PASSWORDS.lines().map(str::trim).filter(|l| !l.is_empty()).collect());
    set.contains(password.to_lowercase().as_str())
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Password rules (等保 三级 complexity): at least 10 characters from 3 of the 4 classes
/// (lowercase, uppercase, digits, symbols — other scripts count as symbols), not the login name
/// nor containing it, not on the weak list. Reuse of the last passwords is checked with the
/// stored hashes, in `accounts`.
pub fn check_password_strength(password: &str, login: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err("密码至少 10 位");
    }
    if n > 128 {
        return Err("密码不能超过 128 位");
    }
    if password.chars().any(char::is_control) {
        return Err("密码不能包含控制字符");
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|&&c| c).count() < 3 {
        return Err("密码须包含小写字母、大写字母、数字、符号中的至少三类");
    }
    let login = login.trim().to_lowercase();
    if login.len() >= 3 && password.to_lowercase().contains(&login) {
        return Err("密码不能包含登录名");
    }
    if is_common_password(password) {
        return Err("这个密码太常见，容易被猜中，请换一个");
    }
    Ok(())
}

/// A one-time password for new accounts: easy to read out, hard to guess.
pub fn one_time_password() -> String {
    // 12 hex digits between an uppercase head and a digit tail: 15 characters of 3 classes.
    format!("Qc{}9", &random_hex(6))
}

/// A mainland mobile number: 11 digits starting 1[3-9].
pub fn parse_mobile(input: &str) -> Result<String, &'static str> {
    let s: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let b = s.as_bytes();
    if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit) {
        Ok(s)
    } else {
        Err("请填写 11 位手机号码，例如 13907951234")
    }
}

/// Whether `text` holds a mainland mobile number (11 digits starting 1[3-9], possibly split by
/// spaces or dashes) — which public text must not carry: phones are shown masked, and whole
/// only to those who may read them.
pub fn contains_mobile(text: &str) -> bool {
    let mut digits = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        // A separator inside a number keeps the run going.
        let inside = matches!(c, ' ' | '-') && !digits.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !inside {
            if is_mobile_run(&digits) {
                return true;
            }
            digits.clear();
        }
    }
    is_mobile_run(&digits)
}

fn is_mobile_run(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// Whether `text` holds a run of 15 digits or more: an identity card's number (15, or 17 and a
/// check character) or a bank card's (16–19 digits), possibly split by spaces or dashes, in either kind of digit.
pub fn contains_long_number(text: &str) -> bool {
    let chars: Vec<char> = crate::text::ascii_digits(text).chars().collect();
    let mut run = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 15 {
                return true;
            }
        } else if !(matches!(c, ' ' | '-') && run > 0 && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            run = 0;
        }
    }
    false
}

/// What is wrong with `text` that the public will read, if anything: a mobile number or an
/// identity or bank card number, in either kind of digit.
pub fn public_text_problem(text: &str) -> Option<&'static str> {
    if contains_mobile(&crate::text::ascii_digits(text)) {
        Some(NO_PHONE_IN_PUBLIC_TEXT)
    } else if contains_long_number(text) {
        Some(NO_PERSONAL_NUMBER_IN_PUBLIC_TEXT)
    } else {
        None
    }
}

/// The message for an identity or bank card number in public text.
pub const NO_PERSONAL_NUMBER_IN_PUBLIC_TEXT: &str =
    "公开内容中请不要填写身份证号、银行卡号等个人号码：这些会被所有人看到。如需核对，请在登记表或结对协议中按规定填写";

/// The message for a phone number in public text.
pub const NO_PHONE_IN_PUBLIC_TEXT: &str = "公开内容中请不要填写手机号码：联系方式按规定在单位页面显示（中间四位隐藏）";

/// `13907951234` → `139****1234`; anything else shorter is fully masked.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() >= 7 {
        format!("{}****{}", chars[..3].iter().collect::<String>(), chars[chars.len() - 4..].iter().collect::<String>())
    } else {
        "****".to_owned()
    }
}

/// A login name: 3–32 of a–z, 0–9, `_`, `.`, `-`, stored lowercase.
pub fn parse_login(input: &str) -> Result<String, &'static str> {
    let s = input.trim().to_ascii_lowercase();
    if !(3..=32).contains(&s.len()) {
        return Err("登录名为 3–32 个字符");
    }
    if !s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b)) {
        return Err("登录名只能包含字母、数字、下划线、点和短横线");
    }
    Ok(s)
}

/// How a request was authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Via {
    Session,
    Token,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_found_in_text_however_written() {
        for t in ["联系电话13907951234", "电话 139 0795 1234 找王", "139-0795-1234", "13907951234"] {
            assert!(contains_mobile(t), "{t}");
        }
        for t in ["收购 12000 公斤", "编号 1390795123", "139079512345 是订单号", "2026-12-01", "12907951234"]
        {
            assert!(!contains_mobile(t), "{t}");
        }
    }

    #[test]
    fn identity_and_bank_card_numbers_and_full_width_phones_are_kept_out_of_public_text() {
        for t in [
            "脱贫户黄春生（身份证360902196501011234）",
            "身份证 36090219650101123X",
            "户主黄春生 银行卡 6217 0000 1234 5678 901",
            "卡号6217-0000-1234-5678",
            "联系１３９１２３４５６７８",
            "身份证３６０９０２１９６５０１０１１２３４",
        ] {
            assert!(public_text_problem(t).is_some(), "{t}");
        }
        assert_eq!(public_text_problem("联系１３９１２３４５６７８"), Some(NO_PHONE_IN_PUBLIC_TEXT));
        assert_eq!(public_text_problem("银行卡 6217 0000 1234 5678 901"), Some(NO_PERSONAL_NUMBER_IN_PUBLIC_TEXT));
        for t in ["收购 12000 公斤，2026-12-01 前", "年产 30000000 公斤", "编号 1390795123", "共 120 户 360 人"]
        {
            assert_eq!(public_text_problem(t), None, "{t}");
        }
    }

    #[test]
    fn phones_are_masked_and_checked() {
        assert_eq!(mask_phone("13907951234"), "139****1234");
        assert_eq!(parse_mobile("139 0795 1234"), Ok("13907951234".into()));
        assert!(parse_mobile("12907951234").is_err());
        assert!(parse_mobile("1390795123").is_err());
    }

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("abc12345").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("abc12345", &h));
        assert!(!verify_password("abc12346", &h));
        assert!(check_password_strength("Short1!", "").is_err());
        assert!(check_password_strength("onlylettersandlonger", "").is_err());
        assert!(check_password_strength("alllower1234", "").is_err(), "two classes");
        assert!(check_password_strength("Qiye01Rocks9", "qiye01").is_err(), "contains the login");
        assert!(check_password_strength("Password@123", "").is_err(), "weak list, any case");
        assert!(check_password_strength("Woaini1314!", "").is_err(), "weak list");
        assert!(check_password_strength("Hq7-tide-ledger", "qiye01").is_ok());
        assert!(check_password_strength(&one_time_password(), "someone").is_ok());
        assert!(COMMON_PASSWORDS.lines().count() >= 10_000);
        assert!(COMMON_PASSWORDS.lines().all(|l| l.chars().count() >= MIN_PASSWORD_CHARS && l == l.to_lowercase()));
    }
}
