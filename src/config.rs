//! One plain configuration struct, filled from flags and environment variables (tests build it by hand).

use std::path::PathBuf;

/// Everything the application needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`; `None` means a SQLite file `qicun.db` in `data_dir`.
    pub database_url: Option<String>,
    /// Where the SQLite file (by default), evidence files and the search index live.
    pub data_dir: PathBuf,
    /// Mark cookies `Secure` (behind https).
    pub secure_cookies: bool,
    /// Where the search index lives; `None` keeps it in memory (tests).
    pub index_dir: Option<PathBuf>,
    /// Days a 公示 stays open for objections.
    pub notice_days: i64,
    /// How long a stopping node keeps answering before it closes its listener.
    pub drain: std::time::Duration,
    /// Reverse proxies whose `X-Forwarded-For` is believed (none by default).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Days after which a privileged account (office, administrators, auditors) must change
    /// its password; 0 turns this off.
    pub password_max_age_days: i64,
    /// The key that signs audit checkpoints (outside the database); `None`: `audit.key` in
    /// `data_dir`.
    pub audit_key_file: Option<PathBuf>,
    /// The key that seals personal data and second-factor secrets (outside the database; every
    /// node of one database needs the same); `None`: `data.key` in `data_dir`.
    pub data_key_file: Option<PathBuf>,
    /// Whether office reviewers and the three administrators must use a second factor, until
    /// the security administrator sets otherwise (off for the demo).
    pub totp_required: bool,
}

impl Config {
    /// A configuration with the defaults: SQLite in the current directory.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        Self {
            database_url: None,
            index_dir: Some(data_dir.join("index")),
            data_dir,
            secure_cookies: false,
            notice_days: crate::notices::WINDOW_DAYS,
            drain: std::time::Duration::from_secs(2),
            trusted_proxies: Vec::new(),
            password_max_age_days: 180,
            audit_key_file: None,
            data_key_file: None,
            totp_required: true,
        }
    }

    /// Where this node keeps its audit key and checkpoints.
    pub fn anchor_files(&self) -> crate::audit::anchor::AnchorFiles {
        crate::audit::anchor::AnchorFiles::in_dir(&self.data_dir, self.audit_key_file.clone())
    }

    /// Where the data key is.
    pub fn data_key_path(&self) -> PathBuf {
        self.data_key_file.clone().unwrap_or_else(|| self.data_dir.join("data.key"))
    }

    /// The database URL actually used.
    pub fn effective_database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => format!("sqlite://{}?mode=rwc", self.data_dir.join("qicun.db").display()),
        }
    }
}
