//! Cutting Chinese text into words, with jieba's dictionary: one dictionary in memory (≈ 34 MB)
//! serves the index's tokenizer and the matcher's questions about words ([`cut`],
//! [`frequency`]). The tantivy-jieba crate it replaces kept its dictionary private, so a word's
//! count could not be asked of it without loading a second copy.

use std::sync::LazyLock;

use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The dictionary, read on first use.
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The index's tokenizer: jieba's search mode (a long word and the words inside it) with its
/// model for words not in the dictionary. A token's position is its first character's place
/// in the text and its length in characters; its offsets are bytes.
#[derive(Clone, Default)]
pub struct Words;

/// The tokens of one text.
pub struct WordStream<'a> {
    text: &'a str,
    words: Vec<jieba_rs::Token<'a>>,
    next: usize,
    token: Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&mut self, text: &'a str) -> WordStream<'a> {
        WordStream { text, words: JIEBA.tokenize(text, TokenizeMode::Search, true), next: 0, token: Token::default() }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(w) = self.words.get(self.next) else { return false };
        let from = offset_in(self.text, w.word);
        self.token.offset_from = from;
        self.token.offset_to = from + w.word.len();
        self.token.position = w.start;
        self.token.position_length = w.end - w.start;
        self.token.text.clear();
        self.token.text.push_str(w.word);
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Where `part` (a slice of `text`) begins in it, in bytes.
fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// The words of `text` as the dictionary alone cuts it (no model for unknown words, no words
/// inside words), as byte ranges.
pub fn cut(text: &str) -> Vec<(usize, usize)> {
    JIEBA
        .tokenize(text, TokenizeMode::Default, false)
        .into_iter()
        .map(|t| {
            let from = offset_in(text, t.word);
            (from, from + t.word.len())
        })
        .collect()
}

/// Whether the dictionary keeps `word` whole, as one word of its own.
pub fn is_word(word: &str) -> bool {
    cut(word) == [(0, word.len())]
}

/// How often the dictionary has seen `word` as one word (its count in the dictionary's corpus,
/// about one in sixty million words; 0 when the dictionary cuts it).
pub fn frequency(word: &str) -> usize {
    if !is_word(word) {
        return 0;
    }
    // For a word the dictionary keeps whole, jieba's suggested frequency is its own count
    // (plus one at most).
    JIEBA.suggest_freq(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_byte_offsets_and_character_positions() {
        let text = "宜春富硒大米滞销，想找收购商";
        let mut words = Words;
        let mut stream = words.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            assert_eq!(&text[t.offset_from..t.offset_to], t.text);
            assert_eq!(text[..t.offset_from].chars().count(), t.position);
            assert_eq!(t.text.chars().count(), t.position_length);
            seen.push(t.text.clone());
        }
        assert!(seen.contains(&"滞销".to_owned()) && seen.contains(&"收购".to_owned()), "{seen:?}");
    }

    #[test]
    fn common_words_are_counted_and_cut_text_is_not() {
        assert!(frequency("地里") > 100, "{}", frequency("地里"));
        assert!(frequency("黄经") < 100 && frequency("黄经") > 0);
        assert_eq!(frequency("冷裤"), 0);
        assert_eq!(frequency("的是"), 0);
        assert_eq!(cut("全家免费体检"), [(0, 6), (6, 12), (12, 18)]);
    }
}
