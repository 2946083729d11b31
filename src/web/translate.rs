//! Words that reach a page from the data in Chinese — a status, a kind, a date, a message the
//! code wrote (「协议当前为「执行中」，不能备案」) — shown in the page's language.
//!
//! The Chinese message files hold these words as messages (`vocab-…` for the vocabularies,
//! `rs-…` for the code's messages, with `{ $a1 }` where the code puts a value). A whole value on
//! a page in another language is looked up by its Chinese text, as gettext looks up by the
//! source text: exactly, else by a message with variables whose literal parts it matches; the
//! values it holds are translated in turn (a status inside a sentence). Text that matches none
//! (what users wrote) is shown as it is.

use std::collections::HashMap;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};

/// A line of a Chinese message file in today's words. The 2015 drive's own words stay: 精准扶贫,
/// 扶贫 named as a programme's wording, and the offices' names (扶贫开发办公室).
pub fn in_current_words(line: &str) -> String {
    let historical = ["精准扶贫", "「扶贫」", "（扶贫）", "扶贫开发办公室"];
    if !line.contains("扶贫")
        || historical.iter().any(|h| line.contains(h))
        || line.ends_with("= 扶贫")
        || line.ends_with("] 扶贫")
    {
        return line.to_owned();
    }
    line.replace("扶贫车间", "帮扶车间").replace("扶贫办", "乡村振兴局").replace("扶贫", "帮扶")
}

/// One piece of a message with variables.
#[derive(Debug)]
enum Piece {
    Text(String),
    Var(String),
}

#[derive(Debug)]
struct Pattern {
    key: String,
    pieces: Vec<Piece>,
    /// A shape of few words of its own fits only figures and dates (「{ $a1 } 个村」, 「{ $a1 } 至
    /// { $a2 }」): with any text it would take in what users wrote (「{ $a1 }求收购」).
    figures_only: bool,
}

/// The Chinese texts of the translatable messages, by text and by shape.
#[derive(Debug, Default)]
pub struct Reverse {
    exact: HashMap<String, String>,
    patterns: Vec<Pattern>,
    /// Patterns by the first character of their leading text (most literal text first).
    by_first: HashMap<char, Vec<usize>>,
    /// Patterns that begin with a variable, by the last character of their closing text.
    by_last: HashMap<char, Vec<usize>>,
    /// Patterns that begin and end with a variable.
    loose: Vec<usize>,
}

/// Whether a message's words may be found by their Chinese text.
fn translatable(key: &str) -> bool {
    key.starts_with("vocab-") || key.starts_with("rs-")
}

impl Reverse {
    /// Reads the Chinese message files.
    pub fn new(sources: &[&str]) -> anyhow::Result<Self> {
        let mut reverse = Self::default();
        for source in sources {
            let resource = fluent_syntax::parser::parse(*source).map_err(|(_, e)| anyhow::anyhow!("{e:?}"))?;
            for entry in resource.body {
                let Entry::Message(m) = entry else { continue };
                let Some(pattern) = m.value else { continue };
                if !translatable(m.id.name) {
                    continue;
                }
                let mut pieces: Vec<Piece> = Vec::new();
                let mut usable = true;
                for element in pattern.elements {
                    let text = match element {
                        PatternElement::TextElement { value } => value.to_owned(),
                        PatternElement::Placeable {
                            expression: Expression::Inline(InlineExpression::StringLiteral { value }),
                        } => value.to_owned(),
                        PatternElement::Placeable {
                            expression: Expression::Inline(InlineExpression::VariableReference { id }),
                        } => {
                            // Two values side by side cannot be told apart.
                            if matches!(pieces.last(), Some(Piece::Var(_))) {
                                usable = false;
                            }
                            pieces.push(Piece::Var(id.name.to_owned()));
                            continue;
                        }
                        _ => {
                            usable = false;
                            break;
                        }
                    };
                    match pieces.last_mut() {
                        Some(Piece::Text(t)) => t.push_str(&text),
                        _ => pieces.push(Piece::Text(text)),
                    }
                }
                if !usable {
                    continue;
                }
                let key = m.id.name.to_owned();
                // A shape needs words enough of its own to take any value: three Chinese
                // characters when it opens and closes with its own words, six when a value opens
                // or closes it (「{ $a1 }求收购」 would fit a village's own title).
                let own = pieces
                    .iter()
                    .map(|p| match p {
                        // Chinese characters, full-width marks and arrows (「结对公示：{ $a1 } ↔ { $a2 }」).
                        Piece::Text(t) => t
                            .chars()
                            .filter(|c| {
                                ('\u{4e00}'..='\u{9fff}').contains(c)
                                    || ('\u{3000}'..='\u{303f}').contains(c)
                                    || ('\u{ff01}'..='\u{ff5e}').contains(c)
                                    || ('\u{2190}'..='\u{21ff}').contains(c)
                            })
                            .count(),
                        Piece::Var(_) => 0,
                    })
                    .sum::<usize>();
                match pieces.as_slice() {
                    [Piece::Text(t)] => {
                        reverse.exact.entry(t.clone()).or_insert(key);
                    }
                    [] => {}
                    _ => {
                        let open = matches!(pieces.first(), Some(Piece::Var(_)))
                            || matches!(pieces.last(), Some(Piece::Var(_)));
                        let figures_only = own < if open { 6 } else { 3 };
                        reverse.patterns.push(Pattern { key, pieces, figures_only });
                    }
                }
            }
        }
        let literal = |p: &Pattern| -> usize {
            p.pieces.iter().map(|x| if let Piece::Text(t) = x { t.chars().count() } else { 0 }).sum()
        };
        let mut order: Vec<usize> = (0..reverse.patterns.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(literal(&reverse.patterns[i])));
        for i in order {
            let pieces = &reverse.patterns[i].pieces;
            match (&pieces[0], &pieces[pieces.len() - 1]) {
                (Piece::Text(t), _) => reverse.by_first.entry(t.chars().next().unwrap_or(' ')).or_default().push(i),
                (Piece::Var(_), Piece::Text(t)) => {
                    reverse.by_last.entry(t.chars().last().unwrap_or(' ')).or_default().push(i);
                }
                (Piece::Var(_), Piece::Var(_)) => reverse.loose.push(i),
            }
        }
        Ok(reverse)
    }

    /// The key of the message whose Chinese text is `text`, exactly.
    pub fn exact(&self, text: &str) -> Option<&str> {
        self.exact.get(text).map(String::as_str)
    }

    #[cfg(test)]
    fn shaped_any(&self, text: &str) -> Option<(&str, Vec<(&str, String)>)> {
        self.shaped(text, |_| false)
    }

    /// The message whose shape `text` has, with the values it holds (name, text). A shape of few
    /// words of its own takes only figures, dates and values `known` says are words of ours.
    pub fn shaped(&self, text: &str, known: impl Fn(&str) -> bool) -> Option<(&str, Vec<(&str, String)>)> {
        let first = text.chars().next()?;
        let last = text.chars().last()?;
        let candidates = self
            .by_first
            .get(&first)
            .into_iter()
            .flatten()
            .chain(self.by_last.get(&last).into_iter().flatten())
            .chain(&self.loose);
        for &i in candidates {
            let p = &self.patterns[i];
            let mut values = Vec::new();
            if fits(&p.pieces, text, &mut values)
                && (!p.figures_only || values.iter().all(|(_, v)| figure(v) || known(v)))
            {
                return Some((&p.key, values));
            }
        }
        None
    }
}

/// Whether a value is a figure (`1,250`, `3.5`, `-2`, `80%`, `¥1,000.00`) or a date
/// (`2026-12-05`, `2026年12月05日`, with a time).
fn figure(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty()
        && v.chars().any(|c| c.is_ascii_digit())
        && v.chars().all(|c| c.is_ascii_digit() || ",.-:%¥ 年月日".contains(c))
}

/// Whether `text` has the shape `pieces`, collecting each variable's value (which may be empty:
/// 「{ $poor }结对…」 with no mark before it).
fn fits<'p>(pieces: &'p [Piece], text: &str, values: &mut Vec<(&'p str, String)>) -> bool {
    match pieces {
        [] => text.is_empty(),
        [Piece::Text(t), rest @ ..] => text.strip_prefix(t.as_str()).is_some_and(|after| fits(rest, after, values)),
        [Piece::Var(name)] => {
            values.push((name, text.to_owned()));
            true
        }
        [Piece::Var(name), Piece::Text(next), rest @ ..] => {
            // Each place the next text occurs ends the value: the nearest first.
            let mut from = 0;
            while from <= text.len() {
                let Some(at) = text[from..].find(next.as_str()).map(|a| a + from) else { return false };
                let mark = values.len();
                values.push((name, text[..at].to_owned()));
                if fits(rest, &text[at + next.len()..], values) {
                    return true;
                }
                values.truncate(mark);
                from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
            false
        }
        [Piece::Var(_), Piece::Var(_), ..] => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_message_by_its_words_and_shape() {
        let zh = "vocab-S-active = 执行中\nrs-1 = 协议当前为「{ $a1 }」，不能{ $a2 }\nrs-2 = 已删除 { $n } 条\n\
                  rs-3 = { $name }已登记为{ $role }，请勿重复登记\nplain = 不查\nrs-4 = { $a1 }年\n";
        let r = Reverse::new(&[zh]).expect("reads");
        assert_eq!(r.exact("执行中"), Some("vocab-S-active"));
        assert_eq!(r.exact("不查"), None, "only the data's words are looked up");
        let (key, values) = r.shaped_any("协议当前为「执行中」，不能备案").expect("a shape");
        assert_eq!(key, "rs-1");
        assert_eq!(values, vec![("a1", "执行中".to_owned()), ("a2", "备案".to_owned())]);
        let (key, values) = r.shaped_any("张三已登记为村党组织书记，请勿重复登记").expect("a shape");
        assert_eq!((key, values[0].1.as_str(), values[1].1.as_str()), ("rs-3", "张三", "村党组织书记"));
        // The nearest place that lets the rest fit ends a value; a later one is tried when the
        // nearest does not.
        let (_, values) = r.shaped_any("协议当前为「甲」，不能「乙」，不能丙").expect("a shape");
        assert_eq!((values[0].1.as_str(), values[1].1.as_str()), ("甲", "「乙」，不能丙"));
        let (_, values) = r.shaped_any("协议当前为「甲」乙」，不能丙").expect("a shape");
        assert_eq!(values[0].1, "甲」乙");
        assert!(r.shaped_any("已删除 12 条").is_some_and(|(_, v)| v[0].1 == "12"));
        assert!(r.shaped_any("已删除  条").is_some_and(|(_, v)| v[0].1.is_empty()), "a value may be empty");
        assert!(r.shaped_any("协议当前为「执行中」").is_none());
        assert!(r.shaped_any("某村的大米").is_none());
        assert!(r.shaped_any("稻谷丰收年").is_none(), "a shape of few words of its own takes no text…");
        assert_eq!(r.shaped_any("2026年").map(|(k, _)| k), Some("rs-4"), "…but a figure");
        let r = Reverse::new(&["rs-5 = { $a1 }求收购\nrs-6 = { $a1 } 至 { $a2 }\n"]).expect("reads");
        assert!(r.shaped_any("山茶油求收购").is_none(), "a village's title stays its own");
        assert!(r.shaped_any("2026年12月04日 至 2026年12月14日").is_some());
        assert!(r.shaped_any("甲 至 乙").is_none());
        let r = Reverse::new(&["rs-7 = 结对公示：{ $a1 } ↔ { $a2 }\n"]).expect("reads");
        assert!(r.shaped_any("结对公示：某企业 ↔ 某村").is_some(), "its own words and marks are enough");
    }
}
