//! The second factor: time-based one-time codes (RFC 6238, SHA-1, 6 digits, 30 s — what every
//! authenticator app reads from the QR code), enrolled by scanning a QR code the server draws,
//! with ten single-use recovery codes. A code is accepted once (the last step used is kept);
//! the secret is sealed with the data key outside the database.

use chrono::{DateTime, Utc};
use entity::user;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use totp_rs::{Algorithm, Builder, Totp};

use super::{Role, SessionUser, random_hex, sha256_hex};
use crate::audit::{self, Actor, Event};
use crate::crypto::Sealer;
use crate::error::{AppError, Result};

/// Recovery codes made at enrolment.
pub const RECOVERY_CODES: usize = 10;

/// The name authenticator apps show for the account.
const ISSUER: &str = "qicun";

/// The TOTP of `secret` for `login`.
fn totp(secret: &[u8], login: &str) -> Result<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret.to_vec())
        .with_account_name(login.replace(':', "_"))
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| AppError::Other(anyhow::anyhow!("totp: {e}")))
}

/// The code an authenticator shows for `secret_base32` at `at` (for tests and the demo).
pub fn code_at(secret_base32: &str, at: DateTime<Utc>) -> Option<String> {
    let secret = base32_decode(secret_base32)?;
    let t = totp(&secret, "x").ok()?;
    Some(t.generate(u64::try_from(at.timestamp()).ok()?).to_string())
}

/// RFC 4648 base32 without padding (how secrets are typed into an app by hand).
pub fn base32_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let (mut buffer, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => c as u32 - 'A' as u32,
            c @ '2'..='7' => c as u32 - '2' as u32 + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xFF) as u8);
        }
    }
    Some(out)
}

/// What the enrolment page shows: the secret to type by hand and the QR code to scan.
pub struct Enrolment {
    pub secret_base32: String,
    pub qr_svg: String,
}

/// The user row of `id`.
async fn row<C: ConnectionTrait>(db: &C, id: i32) -> Result<user::Model> {
    user::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// Starts (or shows again) the enrolment of `who`: a secret made once and kept sealed until
/// the first code confirms it, so reloading the page does not change the QR code.
pub async fn enrolment(db: &DatabaseConnection, sealer: &Sealer, who: &SessionUser) -> Result<Enrolment> {
    let u = row(db, who.id).await?;
    if u.totp_enabled_at.is_some() {
        return Err(AppError::Conflict("两步验证已经开启".into()));
    }
    let pending = u.totp_secret.as_deref().and_then(|s| sealer.open(s)).filter(|s| base32_decode(s).is_some());
    let secret_base32 = match pending {
        Some(s) => s,
        None => {
            let s = base32_encode(&hex::decode(random_hex(20)).unwrap_or_default());
            // Only while still not enrolled: two tabs at once keep one secret.
            user::Entity::update_many()
                .col_expr(user::Column::TotpSecret, Expr::value(Some(sealer.seal(&s))))
                .filter(user::Column::Id.eq(u.id))
                .filter(user::Column::TotpEnabledAt.is_null())
                .filter(match &u.totp_secret {
                    Some(old) => Condition::all().add(user::Column::TotpSecret.eq(old.clone())),
                    None => Condition::all().add(user::Column::TotpSecret.is_null()),
                })
                .exec(db)
                .await?;
            let stored = row(db, u.id).await?.totp_secret.and_then(|x| sealer.open(&x));
            stored.ok_or_else(|| AppError::Conflict("请刷新页面后再试".into()))?
        }
    };
    let secret = base32_decode(&secret_base32).unwrap_or_default();
    let url = totp(&secret, &u.login)?.to_url().map_err(|e| AppError::Other(anyhow::anyhow!("totp url: {e}")))?;
    let qr_svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| AppError::Other(anyhow::anyhow!("qr: {e}")))?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(220, 220)
        .build();
    Ok(Enrolment { secret_base32, qr_svg })
}

/// The step `code` matches for `secret` at `now` (within one step either side).
fn matching_step(secret: &[u8], login: &str, code: &str, now: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(char::is_ascii_digit).collect();
    if code.len() != 6 {
        return None;
    }
    let t = totp(secret, login).ok()?;
    t.check(&code, u64::try_from(now.timestamp()).ok()?).and_then(|s| i64::try_from(s).ok())
}

/// Confirms the enrolment of `who` with a first code; returns the recovery codes (shown once,
/// stored as hashes).
pub async fn confirm(
    db: &DatabaseConnection,
    sealer: &Sealer,
    who: &SessionUser,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let u = row(db, who.id).await?;
    let secret = u.totp_secret.as_deref().and_then(|s| sealer.open(s)).and_then(|s| base32_decode(&s));
    let (Some(secret), None) = (secret, u.totp_enabled_at) else {
        return Err(AppError::Conflict("请刷新设置页面，重新扫码".into()));
    };
    let Some(step) = matching_step(&secret, &u.login, code, now) else {
        return Err(AppError::field("code", "动态码不对：请输入验证器上当前显示的 6 位数字（手机时间须准确）"));
    };
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let h = random_hex(6);
            format!("{}-{}-{}", &h[..4], &h[4..8], &h[8..])
        })
        .collect();
    let hashes: Vec<String> = codes.iter().map(|c| sha256_hex(c)).collect();
    let txn = crate::db::write(db).await?;
    let done = user::Entity::update_many()
        .col_expr(user::Column::TotpEnabledAt, Expr::value(Some(now)))
        .col_expr(user::Column::TotpLastStep, Expr::value(Some(step)))
        .col_expr(user::Column::TotpRecovery, Expr::value(Some(serde_json::to_string(&hashes).unwrap_or_default())))
        .filter(user::Column::Id.eq(u.id))
        .filter(user::Column::TotpEnabledAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::Conflict("两步验证刚刚已经开启".into()));
    }
    audit_user(&txn, now, who, "user.totp_enable", u.id).await?;
    crate::db::commit(txn).await?;
    Ok(codes)
}

async fn audit_user<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    who: &SessionUser,
    action: &str,
    id: i32,
) -> Result<()> {
    audit::record(
        db,
        now,
        &Actor::user(who.id, &who.login),
        Event { action, entity: "user", entity_id: id.to_string(), before: None, after: None },
    )
    .await?;
    Ok(())
}

/// How a second factor was proven.
#[derive(Debug, PartialEq, Eq)]
pub enum Proof {
    Code,
    /// A recovery code, now used up; this many are left.
    Recovery {
        left: usize,
    },
}

/// Checks the second factor of user `id` at login: a current code not used before, or one of
/// the recovery codes (used up). Each is accepted once, however close together two tries come.
pub async fn prove<C: ConnectionTrait>(
    db: &C,
    sealer: &Sealer,
    id: i32,
    input: &str,
    now: DateTime<Utc>,
) -> Result<Option<Proof>> {
    let u = row(db, id).await?;
    let Some(secret) = u.totp_secret.as_deref().and_then(|s| sealer.open(s)).and_then(|s| base32_decode(&s)) else {
        return Ok(None);
    };
    if let Some(step) = matching_step(&secret, &u.login, input, now) {
        let used = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(Some(step)))
            .filter(user::Column::Id.eq(id))
            .filter(Condition::any().add(user::Column::TotpLastStep.is_null()).add(user::Column::TotpLastStep.lt(step)))
            .exec(db)
            .await?;
        return Ok((used.rows_affected == 1).then_some(Proof::Code));
    }
    let typed = input.trim().to_ascii_lowercase();
    let hashes: Vec<String> = u.totp_recovery.as_deref().and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default();
    let hash = sha256_hex(&typed);
    if !hashes.contains(&hash) {
        return Ok(None);
    }
    let left: Vec<&String> = hashes.iter().filter(|h| **h != hash).collect();
    let used = user::Entity::update_many()
        .col_expr(user::Column::TotpRecovery, Expr::value(Some(serde_json::to_string(&left).unwrap_or_default())))
        .filter(user::Column::Id.eq(id))
        .filter(user::Column::TotpRecovery.eq(u.totp_recovery.clone()))
        .exec(db)
        .await?;
    Ok((used.rows_affected == 1).then_some(Proof::Recovery { left: left.len() }))
}

/// Clears the second factor of `u` (a lost phone): it must enrol again at the next login.
pub async fn clear<C: ConnectionTrait>(db: &C, id: i32) -> Result<()> {
    user::Entity::update_many()
        .col_expr(user::Column::TotpSecret, Expr::value(Option::<String>::None))
        .col_expr(user::Column::TotpEnabledAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(user::Column::TotpLastStep, Expr::value(Option::<i64>::None))
        .col_expr(user::Column::TotpRecovery, Expr::value(Option::<String>::None))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether `role` must use a second factor when the setting says so.
pub fn required_for(role: Role, setting_on: bool) -> bool {
    setting_on && role.is_privileged()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trips_and_codes_match_rfc_6238() {
        let secret = b"12345678901234567890";
        assert_eq!(base32_encode(secret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").as_deref(), Some(&secret[..]));
        // RFC 6238 appendix B, SHA-1, 8 digits 94287082 at 59 s: the last 6 digits.
        let at = DateTime::from_timestamp(59, 0).expect("time");
        assert_eq!(code_at("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at).as_deref(), Some("287082"));
        assert_eq!(matching_step(secret, "a", "287 082", at), Some(1));
        assert_eq!(matching_step(secret, "a", "287083", at), None);
        assert_eq!(matching_step(secret, "a", "28708", at), None);
    }
}
