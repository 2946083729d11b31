//! The time source. Production reads the system clock; tests move it forward to expire
//! sessions and lockouts without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The Asia/Shanghai offset (UTC+8, no daylight saving).
pub const SHANGHAI_OFFSET_SECS: i32 = 8 * 3600;

/// System time plus an adjustable offset shared by every clone.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_secs: Arc<AtomicI64>,
}

impl Clock {
    /// The current instant (UTC).
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset_secs.load(Ordering::Relaxed))
    }

    /// Today's date in Asia/Shanghai, the date users see.
    pub fn today(&self) -> NaiveDate {
        to_shanghai(self.now()).date_naive()
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: Duration) {
        self.offset_secs.fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}

/// The instant Shanghai's day `d` begins.
pub fn shanghai_midnight(d: chrono::NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - Duration::seconds(i64::from(SHANGHAI_OFFSET_SECS))
}

/// The same instant on Asia/Shanghai wall time.
pub fn to_shanghai(t: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
    // 8 hours is always a valid offset.
    let tz = chrono::FixedOffset::east_opt(SHANGHAI_OFFSET_SECS).unwrap_or_else(|| Utc.fix());
    t.with_timezone(&tz)
}

use chrono::Offset as _;
