//! 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters whose last one
//! is a check character over the first 17.

/// The 31 characters a code may contain (no I, O, S, V, Z), in value order.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weight of each of the first 17 positions: 3^i mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Why a code is not a valid 统一社会信用代码.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsccError {
    Length,
    Character,
    CheckDigit,
}

impl UsccError {
    /// The message shown next to the field.
    pub fn message(self) -> &'static str {
        match self {
            Self::Length => "统一社会信用代码应为 18 位",
            Self::Character => "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）",
            Self::CheckDigit => "统一社会信用代码校验位不正确，请核对后重新输入",
        }
    }
}

fn value(c: u8) -> Option<u32> {
    CHARSET.iter().position(|&x| x == c).map(|p| p as u32)
}

/// The check character for the first 17 characters, or `None` if one is not allowed.
pub fn check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        sum += value(*c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    Some(CHARSET[check as usize] as char)
}

/// Checks a code (surrounding spaces ignored, lowercase accepted) and returns it normalised.
pub fn parse(input: &str) -> Result<String, UsccError> {
    let code = input.trim().to_ascii_uppercase();
    if code.chars().count() != 18 {
        return Err(UsccError::Length);
    }
    let bytes = code.as_bytes();
    if bytes.iter().any(|b| value(*b).is_none()) {
        return Err(UsccError::Character);
    }
    match check_char(&bytes[..17]) {
        Some(c) if c as u8 == bytes[17] => Ok(code),
        _ => Err(UsccError::CheckDigit),
    }
}

/// Builds a valid code from a 6-digit region code and an 8-character serial (demo data and
/// tests): registration authority 9 (市场监管), type 1 (company), then the GB 11714
/// organisation code with its own check character, then the GB 32100 check character.
pub fn build(region6: &str, serial8: &str) -> Option<String> {
    const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let serial = serial8.as_bytes();
    if region6.len() != 6 || serial.len() != 8 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in serial.iter().zip(ORG_WEIGHTS) {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return None,
        };
        sum += v * w;
    }
    let org_check = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    };
    let first17 = format!("91{region6}{serial8}{org_check}");
    let check = check_char(first17.as_bytes())?;
    Some(format!("{first17}{check}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_codes_pass_and_altered_ones_fail() {
        let code = build("360902", "MA35K8L2").expect("valid parts");
        assert_eq!(parse(&code), Ok(code.clone()));
        assert_eq!(parse(&code.to_lowercase()), Ok(code.clone()));
        // Change the check character to every other allowed one: all refused.
        for c in CHARSET.iter().filter(|&&c| c != code.as_bytes()[17]) {
            let mut bad = code.clone().into_bytes();
            bad[17] = *c;
            assert_eq!(parse(&String::from_utf8(bad).expect("ascii")), Err(UsccError::CheckDigit));
        }
        assert_eq!(parse("91360902MA35K8L2"), Err(UsccError::Length));
        assert_eq!(parse(&format!("{}I", &code[..17])), Err(UsccError::Character));
    }
}
