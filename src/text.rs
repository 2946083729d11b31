//! Text as typed on a Chinese keyboard.

/// `text` with its full-width digits (０–９, as a Chinese input method types them) as ASCII
/// digits; everything else as it is.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_width_digits_become_ascii_and_nothing_else_changes() {
        assert_eq!(super::ascii_digits("１５００公斤，共３户"), "1500公斤，共3户");
        assert_eq!(super::ascii_digits("ａ１"), "ａ1");
    }
}
