//! Personal data and second-factor secrets sealed at rest (XChaCha20-Poly1305) under a key
//! kept outside the database, so a copy of the database alone — a dump, a backup, a stolen
//! disk of the database server — shows no phone of an objector and no TOTP secret. Keyed
//! digests let a sealed value still be compared (one objection per phone and notice).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// The secret in the key file at `path` (hex), made there the first time: 32 random bytes,
/// readable by the owner only. `what` names it in errors.
pub fn key_file(path: &Path, what: &str) -> anyhow::Result<Vec<u8>> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let key = hex::decode(text.trim()).map_err(|e| anyhow::anyhow!("{what}文件 {} 无效：{e}", path.display()))?;
        anyhow::ensure!(key.len() >= 32, "{what}文件 {} 太短", path.display());
        return Ok(key);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let hex_key = crate::auth::random_hex(32);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(path).map_err(|e| anyhow::anyhow!("无法创建{what}文件 {}：{e}", path.display()))?;
    f.write_all(hex_key.as_bytes())?;
    f.sync_all()?;
    Ok(hex::decode(hex_key)?)
}

/// What a sealed value starts with (a later key or cipher gets another tag).
const TAG: &str = "s1:";

/// The data key of an installation. Every node of one database needs the same key.
#[derive(Clone)]
pub struct Sealer {
    cipher: Arc<XChaCha20Poly1305>,
    /// Key of [`Sealer::digest`], derived from the data key.
    digest_key: Arc<[u8; 32]>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    /// Reads the key at `path` (64 hex digits), or makes one there (owner-only) the first time.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        let key = key_file(path, "数据密钥")?;
        anyhow::ensure!(key.len() == 32, "数据密钥文件 {} 须为 64 位十六进制", path.display());
        let cipher = XChaCha20Poly1305::new_from_slice(&key).map_err(|e| anyhow::anyhow!("{e}"))?;
        // A separate key for digests, so the cipher key is never used for two things.
        let digest_key = hmac_sha256(&key, b"qicun digest key");
        Ok(Self { cipher: Arc::new(cipher), digest_key: Arc::new(digest_key) })
    }

    /// A sealer with a random key that lives only in memory (an evaluation's scratch database).
    pub fn ephemeral() -> Self {
        let key = hex::decode(crate::auth::random_hex(32)).unwrap_or_default();
        let cipher = XChaCha20Poly1305::new_from_slice(&key)
            .unwrap_or_else(|_| XChaCha20Poly1305::new(&chacha20poly1305::Key::from([7u8; 32])));
        Self { cipher: Arc::new(cipher), digest_key: Arc::new(hmac_sha256(&key, b"qicun digest key")) }
    }

    /// `plain` sealed with a fresh random nonce: `s1:` and hex of nonce ‖ ciphertext.
    pub fn seal(&self, plain: &str) -> String {
        let mut nonce = [0u8; 24];
        // No secure randomness means no sealing; the caller's write fails with the error.
        if getrandom::fill(&mut nonce).is_err() {
            return String::new();
        }
        match self.cipher.encrypt(&XNonce::from(nonce), plain.as_bytes()) {
            Ok(ct) => format!("{TAG}{}{}", hex::encode(nonce), hex::encode(ct)),
            Err(_) => String::new(),
        }
    }

    /// The plain text of a sealed value; `None` if it was not sealed with this key or was
    /// changed. A value stored before sealing began (no tag) is returned as it is.
    pub fn open(&self, stored: &str) -> Option<String> {
        let Some(body) = stored.strip_prefix(TAG) else { return Some(stored.to_owned()) };
        let bytes = hex::decode(body).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, ct) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().ok()?;
        let plain = self.cipher.decrypt(&XNonce::from(nonce), ct).ok()?;
        String::from_utf8(plain).ok()
    }

    /// A keyed digest of `value` (hex): equal values give equal digests, and without the key
    /// nobody can test a guess — a phone number has too few possibilities for a plain hash.
    pub fn digest(&self, value: &str) -> String {
        hex::encode(hmac_sha256(&self.digest_key[..], value.as_bytes()))
    }

    /// [`Sealer::seal`] of an optional value.
    pub fn seal_opt(&self, plain: Option<&str>) -> Option<String> {
        plain.map(|p| self.seal(p))
    }

    /// [`Sealer::open`] of an optional stored value; one that does not open reads as nothing.
    pub fn open_opt(&self, stored: Option<&str>) -> Option<String> {
        stored.and_then(|s| self.open(s))
    }

    /// Whether a stored value is sealed.
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(TAG)
    }
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    let Ok(mut mac) = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key) else { return [0; 32] };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_never_show_the_plain_text() {
        let dir = tempfile::tempdir().expect("dir");
        let a = Sealer::load_or_create(&dir.path().join("a.key")).expect("key");
        let again = Sealer::load_or_create(&dir.path().join("a.key")).expect("same key");
        let b = Sealer::load_or_create(&dir.path().join("b.key")).expect("other key");
        let sealed = a.seal("13907951234");
        assert!(Sealer::is_sealed(&sealed) && !sealed.contains("13907951234"));
        assert_ne!(sealed, a.seal("13907951234"), "a fresh nonce every time");
        assert_eq!(again.open(&sealed).as_deref(), Some("13907951234"));
        assert_eq!(b.open(&sealed), None, "another key cannot open it");
        let mut changed = sealed.clone();
        changed.pop();
        changed.push(if sealed.ends_with('0') { '1' } else { '0' });
        assert_eq!(a.open(&changed), None, "a changed value does not open");
        assert_eq!(
            a.open("13907950000").as_deref(),
            Some("13907950000"),
            "values from before sealing read as they are"
        );
    }
}
