//! A per-address limit on attempts (logins, public objections): a fixed window per key, kept in
//! memory on each node, timed by the app's clock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// Per key: when its current window started and how many attempts it has made in it.
type Slots = HashMap<String, (DateTime<Utc>, u32)>;

/// At most `max` attempts per `window` for each key.
#[derive(Clone, Debug)]
pub struct RateLimiter {
    max: u32,
    window: Duration,
    slots: Arc<Mutex<Slots>>,
}

impl RateLimiter {
    pub fn new(max: u32, window: Duration) -> Self {
        Self { max, window, slots: Arc::default() }
    }

    /// Counts an attempt for `key` at `now`; `false` when the key is over its limit.
    pub fn allow(&self, key: &str, now: DateTime<Utc>) -> bool {
        let Ok(mut slots) = self.slots.lock() else { return true };
        if slots.len() > 100_000 {
            // Bounded memory: forget windows that have ended.
            let window = self.window;
            slots.retain(|_, (start, _)| now - *start < window);
        }
        let slot = slots.entry(key.to_owned()).or_insert((now, 0));
        if now - slot.0 >= self.window {
            *slot = (now, 0);
        }
        slot.1 += 1;
        slot.1 <= self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_applies_per_key_and_resets_after_the_window() {
        let rl = RateLimiter::new(3, Duration::minutes(10));
        let t = Utc::now();
        assert!((0..3).all(|_| rl.allow("1.2.3.4", t)));
        assert!(!rl.allow("1.2.3.4", t));
        assert!(rl.allow("5.6.7.8", t));
        assert!(rl.allow("1.2.3.4", t + Duration::minutes(11)));
    }
}
