//! Money as integer 分 (fen); formatting to 元 happens only for display.

use serde::{Deserialize, Serialize};

/// An amount in fen (1 元 = 100 分). Never a float.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Money(pub i64);

impl Money {
    /// Whole yuan.
    pub fn from_yuan(yuan: i64) -> Self {
        Self(yuan * 100)
    }

    /// Parses a user's 元 amount such as `1250000`, `1,250,000.5` or `¥12.30` into fen.
    /// More than two decimals, signs and letters are refused.
    pub fn parse_yuan(input: &str) -> Result<Self, &'static str> {
        let s: String =
            input.trim().trim_start_matches(['¥', '￥']).chars().filter(|c| *c != ',' && *c != '，').collect();
        if s.is_empty() {
            return Err("请填写金额");
        }
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s.as_str(), ""),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err("金额只能是数字，例如 12500 或 12500.50");
        }
        if frac.len() > 2 {
            return Err("金额最多保留两位小数");
        }
        let whole: i64 = whole.parse().map_err(|_| "金额过大")?;
        let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| "金额只能是数字")?;
        whole.checked_mul(100).and_then(|v| v.checked_add(cents)).map(Self).ok_or("金额过大")
    }

    /// `1250000.00`: how a form shows an amount to edit (reads back with [`Money::parse_yuan`]).
    pub fn plain_yuan(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// `¥1,250,000.00`
    pub fn display(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}¥{}.{:02}", group_thousands(abs / 100), abs % 100)
    }
}

/// `1250000` → `1,250,000`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_yuan_with_thousands_separators() {
        assert_eq!(Money(125_000_000).display(), "¥1,250,000.00");
        assert_eq!(Money(5).display(), "¥0.05");
        assert_eq!(Money(-123_456).display(), "-¥1,234.56");
    }

    #[test]
    fn parses_yuan_into_fen() {
        assert_eq!(Money::parse_yuan("1,250,000"), Ok(Money(125_000_000)));
        assert_eq!(Money::parse_yuan("¥12.3"), Ok(Money(1230)));
        assert_eq!(Money::parse_yuan("0.05"), Ok(Money(5)));
        assert!(Money::parse_yuan("1.234").is_err());
        assert!(Money::parse_yuan("-5").is_err());
        assert!(Money::parse_yuan("abc").is_err());
        assert!(Money::parse_yuan("").is_err());
        assert!(Money::parse_yuan("99999999999999999999").is_err());
    }
}
