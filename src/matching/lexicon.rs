//! The domain lexicon: products, buyers' channels, skills and certificates, services,
//! infrastructure, job types and everyday phrases, each with its category and the other names
//! people use for it (local and dialect names, brands, colloquial descriptions). The matcher
//! uses it to read a need in the words an offer would use, to let a buyer of a category (a
//! canteen buying 蔬菜) meet a village selling one product of it, and to explain a match
//! ("你说的 X 即 Y").
//!
//! The built-in lexicon is `lexicon.tsv` beside this file: tab-separated, one entry per line,
//! `#` comments, a header line `term kind category aliases explain`, aliases separated by `|`.
//! The same format is read from a file an office keeps, so entries can be added without a
//! release; a word may belong to one entry only.

use crate::domain::ListingKind;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Product,
    /// A generic buyer or outlet (its category is what it buys).
    Channel,
    Skill,
    Certificate,
    Service,
    Infrastructure,
    Job,
    /// An everyday way of saying what is needed or offered.
    Phrase,
    /// Goods given or bought for a village (school things, medical aids, farm inputs).
    Goods,
}

impl EntryKind {
    const ALL: [Self; 9] = [
        Self::Product,
        Self::Channel,
        Self::Skill,
        Self::Certificate,
        Self::Service,
        Self::Infrastructure,
        Self::Job,
        Self::Phrase,
        Self::Goods,
    ];

    /// Its code in the file.
    fn code(self) -> &'static str {
        match self {
            Self::Product => "product",
            Self::Channel => "channel",
            Self::Skill => "skill",
            Self::Certificate => "certificate",
            Self::Service => "service",
            Self::Infrastructure => "infrastructure",
            Self::Job => "job",
            Self::Phrase => "phrase",
            Self::Goods => "goods",
        }
    }

    /// Its name in words, as an office may also write it in the file.
    pub fn label(self) -> &'static str {
        match self {
            Self::Product => "产品",
            Self::Channel => "销售渠道",
            Self::Skill => "技能",
            Self::Certificate => "证书",
            Self::Service => "服务",
            Self::Infrastructure => "基础设施",
            Self::Job => "岗位",
            Self::Phrase => "需求表达",
            Self::Goods => "物资",
        }
    }

    /// A kind by its code or its name in words.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s || k.label() == s)
    }
}

/// One entry of the lexicon.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The standard name, as an offer would write it.
    pub term: String,
    pub kind: EntryKind,
    /// A category path such as `农产品>蔬菜`.
    pub category: String,
    /// Other names for the same thing.
    pub aliases: Vec<String>,
    /// A sentence a user may read, or empty.
    pub explain: String,
}

impl Entry {
    /// The category's first two levels (农产品>粮油 of 农产品>粮油>大米).
    fn base_category(&self) -> &str {
        match self.category.match_indices('>').nth(1) {
            Some((i, _)) => &self.category[..i],
            None => &self.category,
        }
    }
}

/// A need's word read as the lexicon's ([`Lexicon::bridges_found`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bridge<'a> {
    /// The words as the need writes them.
    pub said: &'a str,
    /// What they are taken for.
    pub meant: &'a str,
    /// The same thing in other words (“X”即“Y”); else what the words call for (“X”对应“Y”: a
    /// plant's disease and the service that treats it).
    pub same: bool,
}

impl Bridge<'_> {
    /// The bridge in words, for a match's reason.
    pub fn words(&self) -> String {
        if self.same {
            format!("“{}”即“{}”", self.said, self.meant)
        } else {
            format!("“{}”对应“{}”", self.said, self.meant)
        }
    }
}

/// A word of the lexicon found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// The entry's index.
    pub entry: usize,
    /// The words as written in the text.
    pub word: &'a str,
    /// The lexicon's word it was taken for when the text wrote another that sounds the same (a
    /// pinyin input method's wrong pick: 冷裤 for 冷库) or one character that looks like another
    /// (荼叶 for 茶叶, see [`LOOKALIKES`]); `None` when written as in the lexicon.
    pub heard_as: Option<&'a str>,
}

/// The lexicon: its entries and every word (term or alias) that leads to one.
#[derive(Debug, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    words: FxHashMap<String, usize>,
    /// Every word of 2 to [`LONGEST_SOUND`] Chinese characters by its sound (the toneless
    /// pinyin of its characters, each as its [`near`] form, as a [`sound_key`]), with its entry
    /// and its exact sound (the toneless pinyin itself, see [`exact_sound`]).
    sounds: FxHashMap<u128, Vec<(String, usize, u64)>>,
    /// Every syllable of those words in its [`near`] form, numbered from 1 (a word's sound is
    /// the numbers of its syllables packed into one key, see [`sound_key`]).
    syllables: FxHashMap<String, u16>,
    longest: usize,
    /// The sounds of those words as a tree of syllables ([`ENDS_WORD`] where one ends).
    sound_tree: Tree<u16>,
    /// The syllable number of each character of the common block U+4E00–U+9FFF (0: none of
    /// the words has its sound), so that a text is read by index rather than by pinyin and
    /// hashing, character by character (a match reads ten candidates' texts).
    char_sounds: Vec<u16>,
    /// The lexicon's words as they are written with one look-alike character in place of
    /// theirs ([`LOOKALIKES`]): the form written, the word meant and its entry.
    seen: FxHashMap<String, (String, usize)>,
    /// Every word and every look-alike form as a tree of characters ([`ENDS_WORD`],
    /// [`ENDS_SEEN`]).
    word_tree: Tree<char>,
    /// The deployment's own entries, as read.
    local: String,
}

/// The lexicon written for the project.
pub const BUILTIN: &str = include_str!("lexicon.tsv");

/// Characters written by mistake for others that look alike (written for the project): each
/// line the character written, the one meant, and from how many characters on a word is read
/// so. Pairs that sound alike are left to the homophone reading.
pub const LOOKALIKES: &str = include_str!("lookalike.tsv");

/// A pair of [`LOOKALIKES`]: written, meant, the shortest word read so.
type Lookalike = (char, char, usize);

/// The pairs of [`LOOKALIKES`], or the problems by line.
fn lookalikes(text: &str) -> Result<Vec<Lookalike>, Vec<String>> {
    let mut pairs = Vec::new();
    let mut problems = Vec::new();
    let single = |s: &str| {
        let mut c = s.chars();
        c.next().filter(|_| c.next().is_none())
    };
    let mut header = false;
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !header {
            header = true;
            if cols[..] != ["written", "meant", "shortest"] {
                problems.push(format!("形近字表第 {} 行：第一行应为表头 written meant shortest", i + 1));
            }
            continue;
        }
        match (
            cols.len(),
            single(cols[0]),
            cols.get(1).and_then(|c| single(c)),
            cols.get(2).map(|n| n.parse::<usize>()),
        ) {
            (3, Some(w), Some(m), Some(Ok(n))) if w != m && (SHORTEST..=8).contains(&n) => pairs.push((w, m, n)),
            _ => problems.push(format!("形近字表第 {} 行：应为「误写的字、本来的字、最短词长（2–8）」三列", i + 1)),
        }
    }
    if problems.is_empty() { Ok(pairs) } else { Err(problems) }
}

static IN_USE: OnceLock<Lexicon> = OnceLock::new();

/// The longest word whose sound is looked for (its syllables' numbers fill one key).
const LONGEST_SOUND: usize = 8;

/// A syllable as a speaker who does not tell some sounds apart may type it (模糊音): zh ch sh
/// as z c s, n as l, and -ang -eng -ing -iang -uang as -an -en -in -ian -uan (-ong is kept).
/// Speakers of 赣语 and most southern dialects merge these, and type 龙业 for 农业 or 冷库 as
/// 冷裤 alike; a word heard so only where no word sounds exactly the same (see
/// [`Lexicon::heard`]).
fn near(syllable: &str) -> String {
    let mut s = syllable.to_owned();
    for (from, to) in [("zh", "z"), ("ch", "c"), ("sh", "s")] {
        if s.starts_with(from) {
            s.replace_range(..from.len(), to);
        }
    }
    if s.starts_with('n') && s.len() > 1 {
        s.replace_range(..1, "l");
    }
    if s.ends_with("ng") && !s.ends_with("ong") && s.len() > 2 {
        s.pop();
    }
    s
}

/// The exact sound of a word: a hash of the toneless pinyin of its characters (`None` where a
/// character has none).
fn exact_sound(word: &str) -> Option<u64> {
    use pinyin::ToPinyin;
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    for p in word.to_pinyin() {
        p?.plain().hash(&mut h);
    }
    Some(h.finish())
}

/// The key of a sound: the numbers of its syllables, 16 bits each.
fn sound_key(syllables: impl IntoIterator<Item = u16>) -> u128 {
    syllables.into_iter().fold(0u128, |k, s| (k << 16) | u128::from(s))
}

/// Whether `word` is a word of two characters of its own in the tokenizer's dictionary (雪莱,
/// 土地): such a word says what it says, and is not taken for a lexicon word that looks like it
/// (雪菜, 工地). Longer words are not asked: the dictionary also holds variant spellings
/// (弥猴桃), and a longer word sharing all but one character with a lexicon word that looks
/// like it is that word. Asked only where a look-alike reading would otherwise be taken (the
/// homophone reading asks only [`is_frequent_word`]: asking this of it kept out wrong readings
/// such as 孙子 for 笋子 but also true mistakes such as 黄经 for 黄精, and lost more than it
/// gained).
fn is_common_word(word: &str) -> bool {
    word.chars().count() == 2 && crate::search::words::is_word(word)
}

/// Whether the tokenizer, reading a few characters on either side, cuts `text` where the
/// characters `from..to` begin and end (`starts`: each character's byte offset, and the end):
/// a look-alike form read across two words is no mistake (家免 in 全家免费 is no 家兔, 水并 in
/// 用水并不方便 no 水井, 放午 in 发放午餐 no 放牛). Asked only where a reading would be taken.
fn cut_around(text: &str, starts: &[usize], from: usize, to: usize) -> bool {
    const AROUND: usize = 4;
    let (lo, hi) = (from.saturating_sub(AROUND), (to + AROUND).min(starts.len() - 1));
    let (begin, end) = (starts[from] - starts[lo], starts[to] - starts[lo]);
    let inside = |at: usize, (a, b): (usize, usize)| a < at && at < b;
    !crate::search::words::cut(&text[starts[lo]..starts[hi]]).into_iter().any(|w| inside(begin, w) || inside(end, w))
}

/// How often a two-character word must have been seen in the tokenizer's dictionary to be
/// taken as written rather than as a homophone mistake for a lexicon word ([`is_frequent_word`]).
/// On the tuning half of `tests/eval/hard.json` 400 gave 0.927 / 0.906 (need → offers / offers
/// → needs), 100 and no guard 0.926 / 0.906; 100 also kept out 报销 (232), 育苗 (124) and 进场
/// (128), the last a true mistake in another collection (想进场做工).
const COMMON_WORD: usize = 400;

/// Whether `word` is a common word of its own in the tokenizer's dictionary (地里, seen 572
/// times in its corpus; 孙子 871), which the homophone reading does not take for the lexicon
/// word that sounds like it (地栗, 笋子). Rarer dictionary words are still read (黄经 is 黄精,
/// 羊桃 杨桃): a guard on every dictionary word lost more true mistakes than it kept out wrong
/// readings.
fn is_frequent_word(word: &str) -> bool {
    crate::search::words::frequency(word) >= COMMON_WORD
}

/// The kind of help an entry of kind `kind` and category `category` asks for when a need names
/// it: a phrase filed under `需求表达>` and a kind's name (找销路: 需求表达>消费帮扶), a buyer's
/// channel (its goods are bought), a job, a piece of infrastructure (built), goods given
/// (donated) and a service: selling and branding (服务>营销品牌: 找买家, 找主播) ask for buyers,
/// money and insurance for none, the others (farm techniques, testing, cold chain, information)
/// for technical help. Products, skills and certificates ask for none:
/// a village names its product whatever help it asks for, and its workers' trades for a job
/// as for a course.
fn asks_for(kind: EntryKind, category: &str) -> Option<ListingKind> {
    match kind {
        EntryKind::Phrase => category.strip_prefix(PHRASE_KINDS).and_then(kind_named),
        EntryKind::Channel => Some(ListingKind::Procurement),
        EntryKind::Job => Some(ListingKind::Employment),
        // Public places (基础设施>公共场所) are named as where things happen (村小学的孩子, 在扶贫车间
        // 做工), not as something to build.
        EntryKind::Infrastructure if category.starts_with("基础设施>公共场所") => None,
        EntryKind::Infrastructure => Some(ListingKind::Infrastructure),
        EntryKind::Goods => Some(ListingKind::Donation),
        EntryKind::Service if category.starts_with("服务>营销品牌") => Some(ListingKind::Procurement),
        EntryKind::Service if category.starts_with("服务>金融保险") => None,
        EntryKind::Service => Some(ListingKind::Technical),
        EntryKind::Product | EntryKind::Skill | EntryKind::Certificate => None,
    }
}

/// The bit of [`crate::search::Facts::asks`] that marks an offer's trait, the seven kinds using
/// the bits below it. For an offer of any kind but jobs: it sells to villages (seed, fertiliser,
/// machines, lamps at a price) rather than helping them — a buyer of the village's produce, a
/// donor or an employer says so in its text, a seller only sells. For a job offer: it is an
/// employment service ([`finds_jobs`]).
pub const SELLS_BIT: u8 = 0x80;

/// Words of a job offer's (folded, simplified) text that say it finds work of every sort for
/// villagers (an employment service) rather than offering its own jobs.
const FINDS_JOBS: [&str; 8] =
    ["推荐就业", "岗位推荐", "推荐岗位", "推荐各类", "各类岗位", "推送岗位", "职业介绍", "就业推荐"];

/// Whether a job offer's folded text says it finds villagers work of every sort: it fits a
/// village's workers whatever trade they name, as a buyer of a whole category fits its produce.
pub fn finds_jobs(text: &str) -> bool {
    FINDS_JOBS.iter().any(|w| text.contains(w))
}

/// Words of a title that offer goods for sale (simplified and Traditional).
const SELLING: [&str; 17] = [
    "销售", "銷售", "供应", "供應", "批发", "批發", "出售", "售卖", "售賣", "直销", "直銷", "经销", "經銷", "零售",
    "预订", "预售", "直供",
];
/// Words that look like helping but are selling: a harvester (收割机) buys nothing, and the
/// state's subsidy to buyers of machines (购置补贴) is not the firm's help.
const NOT_HELPING: [&str; 4] = ["收割", "购置补贴", "购机补贴", "补贴销售"];
/// Words of an offer's (folded, simplified) text that say it helps: it buys, sells for the
/// village, gives, hires, teaches, builds with it or stands behind it.
const HELPING: [&str; 24] = [
    "收", "采购", "包销", "帮销", "代销", "订单", "捐", "赠", "免费", "无偿", "招聘", "招工", "培训", "共建", "合作",
    "帮扶", "扶持", "补贴", "保底", "兜底", "公益", "义务", "带动", "助农",
];

/// Whether an offer titled `title`, whose folded text (title and body) is `text`, sells to
/// villages rather than helping them: its title offers goods for sale and nothing in it says it
/// buys, gives, hires, teaches or builds. (An online shop selling the villages' produce says it
/// buys or sells for them: 代销, 收购.)
pub fn sells_to_villages(title: &str, text: &str) -> bool {
    if !SELLING.iter().any(|w| title.contains(w)) {
        return false;
    }
    let mut text = text.to_owned();
    for w in NOT_HELPING {
        text = text.replace(w, "");
    }
    !HELPING.iter().any(|w| text.contains(w))
}

/// What a phrase's category begins with when it names the kind of help asked for.
const PHRASE_KINDS: &str = "需求表达>";

/// The kind of help called `name` (消费帮扶).
fn kind_named(name: &str) -> Option<ListingKind> {
    ListingKind::ALL.iter().copied().find(|k| k.label() == name)
}

/// The bit of kind `k` in a set of kinds ([`Lexicon::asks`]).
pub fn kind_bit(k: ListingKind) -> u8 {
    let at = ListingKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    1 << at
}

/// Whether entry `e` is a category word (蔬菜, 水果, 农产品; 水产品, whose other name 水产 is its
/// category's), standing for the whole category.
fn is_general(e: &Entry) -> bool {
    let last = e.category.rsplit('>').next().unwrap_or_default();
    !e.category.contains('>') || e.term == last || e.aliases.iter().any(|a| a == last)
}

/// The rows of a text in the lexicon's format: each line that is neither blank nor a note
/// (`#`), with its number (from 1) and its tab-separated columns, trimmed.
pub fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r').trim_start_matches('\u{feff}');
        (!line.trim().is_empty() && !line.starts_with('#')).then(|| (i + 1, line.split('\t').map(str::trim).collect()))
    })
}

/// Whether a row is the header (its first column `term`, or `标准名称`).
pub fn is_header(cols: &[&str]) -> bool {
    matches!(cols.first(), Some(&("term" | "标准名称")))
}

/// Whether `of` is filed under `category` (itself or below it).
fn covers(category: &str, of: &Entry) -> bool {
    of.category == category || of.category.strip_prefix(category).is_some_and(|rest| rest.starts_with('>'))
}

/// How many characters two words of the same length share at the same places.
fn same_places(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).filter(|(x, y)| x == y).count()
}

/// The shortest word looked for in a text: single characters are too ambiguous.
const SHORTEST: usize = 2;

/// A lexicon word (or its sound) ends here, in a [`Tree`].
const ENDS_WORD: u8 = 1;
/// A look-alike form of a word ends here.
const ENDS_SEEN: u8 = 2;

/// Words as a tree of their characters (or syllables), so that a text is read for the words
/// that begin at a place by walking on from there while it goes on as some word does — usually
/// one or two steps — instead of asking a map for every length at every place (two thirds of
/// the lexicon's share of a match went there).
#[derive(Debug)]
struct Tree<K> {
    /// The step from a node (0: the root) by a character to the next.
    steps: FxHashMap<(u32, K), u32>,
    /// What ends at each node ([`ENDS_WORD`], [`ENDS_SEEN`]).
    ends: Vec<u8>,
}

impl<K> Default for Tree<K> {
    fn default() -> Self {
        Self { steps: FxHashMap::default(), ends: vec![0] }
    }
}

impl<K: Copy + Eq + std::hash::Hash> Tree<K> {
    /// Adds `word`, marking its end with `end`.
    fn insert(&mut self, word: impl IntoIterator<Item = K>, end: u8) {
        let mut node = 0u32;
        for k in word {
            let next = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
            node = *self.steps.entry((node, k)).or_insert(next);
            if node == next {
                self.ends.push(0);
            }
        }
        self.ends[node as usize] |= end;
    }

    /// The lengths (bit n: n characters, up to 63) of the words `text` begins with that are
    /// marked `end`, for each mark asked: `text` read until a character is missing (`None`) or
    /// no word goes on.
    fn begins<const N: usize>(&self, text: impl IntoIterator<Item = Option<K>>, ends: [u8; N]) -> [u64; N] {
        let (mut node, mut lengths) = (0u32, [0u64; N]);
        for (len, k) in text.into_iter().take(63).enumerate().map(|(i, k)| (i + 1, k)) {
            let Some(&next) = k.and_then(|k| self.steps.get(&(node, k))) else { break };
            node = next;
            let marks = self.ends.get(node as usize).copied().unwrap_or(0);
            for (lengths, end) in lengths.iter_mut().zip(ends) {
                if marks & end != 0 {
                    *lengths |= 1 << len;
                }
            }
        }
        lengths
    }

    /// How many words are marked `end`.
    #[cfg(test)]
    fn marked(&self, end: u8) -> usize {
        self.ends.iter().filter(|e| **e & end != 0).count()
    }
}

impl Lexicon {
    /// Reads the lexicon format; every problem is reported with its line number.
    pub fn parse(text: &str) -> Result<Self, Vec<String>> {
        Self::parse_with(text, None)
    }

    /// Reads the built-in lexicon and, after it, a deployment's own entries (an office's
    /// local words, in the same format): a word may belong to one entry only, across both.
    pub fn parse_with(builtin: &str, local: Option<&str>) -> Result<Self, Vec<String>> {
        let mut lex = Self::default();
        let mut problems = Vec::new();
        lex.read(builtin, "", &mut problems);
        if let Some(local) = local {
            lex.read(local, "补充词库", &mut problems);
            lex.local = local.to_owned();
        }
        for (word, &entry) in &lex.words {
            let len = word.chars().count();
            if !(SHORTEST..=LONGEST_SOUND).contains(&len) {
                continue;
            }
            let read: Option<Vec<&'static str>> = {
                use pinyin::ToPinyin;
                word.as_str().to_pinyin().map(|p| p.map(|p| p.plain())).collect()
            };
            let (Some(read), Some(exact)) = (read, exact_sound(word)) else { continue };
            let mut ids = Vec::with_capacity(read.len());
            for syllable in read {
                let next = u16::try_from(lex.syllables.len() + 1).unwrap_or(u16::MAX);
                ids.push(*lex.syllables.entry(near(syllable)).or_insert(next));
            }
            lex.sound_tree.insert(ids.iter().copied(), ENDS_WORD);
            lex.sounds.entry(sound_key(ids)).or_default().push((word.clone(), entry, exact));
        }
        for words in lex.sounds.values_mut() {
            words.sort();
        }
        lex.char_sounds = (0..crate::search::BLOCK_LEN as u32)
            .map(|i| {
                use pinyin::ToPinyin;
                char::from_u32(crate::search::FIRST_CHAR + i)
                    .and_then(|c| c.to_pinyin())
                    .and_then(|p| lex.syllables.get(&near(p.plain())).copied())
                    .unwrap_or(0)
            })
            .collect();
        match lookalikes(LOOKALIKES) {
            Ok(pairs) => lex.read_lookalikes(&pairs),
            Err(p) => {
                problems.extend(p);
                lex.build_word_tree();
            }
        }
        if problems.is_empty() { Ok(lex) } else { Err(problems) }
    }

    /// The tree of every word and look-alike form (see [`Lexicon::word_tree`]).
    fn build_word_tree(&mut self) {
        self.word_tree = Tree::default();
        let words = self.words.keys().map(|w| (w, ENDS_WORD));
        for (form, end) in words.chain(self.seen.keys().map(|w| (w, ENDS_SEEN))) {
            if (SHORTEST..64).contains(&form.chars().count()) {
                self.word_tree.insert(form.chars(), end);
            }
        }
    }

    /// For each character of `text`, the lengths of the words that begin there and of the
    /// look-alike forms (bit n: n characters).
    fn begin_here(&self, text: &[char]) -> (Vec<u64>, Vec<u64>) {
        (0..text.len())
            .map(|at| self.word_tree.begins(text[at..].iter().map(|c| Some(*c)), [ENDS_WORD, ENDS_SEEN]))
            .map(|[w, s]| (w, s))
            .unzip()
    }

    /// Every word written with one look-alike character in place of its own, where the form is
    /// no word of the lexicon and leads to one entry only (two entries: no guess); then the tree
    /// of words and forms is built again.
    fn read_lookalikes(&mut self, pairs: &[Lookalike]) {
        let mut by_meant: FxHashMap<char, Vec<(char, usize)>> = FxHashMap::default();
        for &(written, meant, shortest) in pairs {
            by_meant.entry(meant).or_default().push((written, shortest));
        }
        let mut torn: Vec<String> = Vec::new();
        let mut words: Vec<(&String, &usize)> = self.words.iter().collect();
        words.sort();
        for (word, &entry) in words {
            let chars: Vec<char> = word.chars().collect();
            if !(SHORTEST..64).contains(&chars.len()) {
                continue;
            }
            for (i, c) in chars.iter().enumerate() {
                for &(written, shortest) in by_meant.get(c).map_or(&[][..], |v| v.as_slice()) {
                    if chars.len() < shortest {
                        continue;
                    }
                    let mut form = chars.clone();
                    form[i] = written;
                    let form: String = form.into_iter().collect();
                    if self.words.contains_key(&form) {
                        continue;
                    }
                    match self.seen.get(&form) {
                        Some((_, e)) if *e != entry => torn.push(form),
                        Some(_) => {}
                        None => {
                            self.seen.insert(form, (word.clone(), entry));
                        }
                    }
                }
            }
        }
        for form in torn {
            self.seen.remove(&form);
        }
        self.build_word_tree();
    }

    /// Adds the entries of `text`; problems are named by `source` and line.
    fn read(&mut self, text: &str, source: &str, problems: &mut Vec<String>) {
        let mut header = false;
        for (n, cols) in rows(text) {
            if !header {
                if !is_header(&cols) {
                    problems.push(format!(
                        "{source}第 {n} 行：第一行应为表头 term kind category aliases explain（或 标准名称 类型 类别 别名 说明）"
                    ));
                }
                header = true;
                continue;
            }
            if cols.len() < 3 || cols.len() > 5 {
                problems.push(format!("{source}第 {n} 行：应有 3–5 列（用制表符分隔），实有 {} 列", cols.len()));
                continue;
            }
            let Some(kind) = EntryKind::parse(cols[1]) else {
                let known: Vec<&str> = EntryKind::ALL.iter().map(|k| k.label()).collect();
                problems.push(format!("{source}第 {n} 行：类型「{}」不认识（可写 {}）", cols[1], known.join("、")));
                continue;
            };
            let (term, category) = (cols[0], cols[2]);
            if term.is_empty() || category.is_empty() {
                problems.push(format!("{source}第 {n} 行：须有标准名称和类别"));
                continue;
            }
            if kind == EntryKind::Phrase
                && let Some(named) = category.strip_prefix(PHRASE_KINDS)
                && kind_named(named).is_none()
            {
                let known: Vec<&str> = ListingKind::ALL.iter().map(|k| k.label()).collect();
                problems.push(format!(
                    "{source}第 {n} 行：类别「{category}」中的帮扶类型「{named}」不认识（可写 {}）",
                    known.join("、")
                ));
                continue;
            }
            let aliases: Vec<String> = cols
                .get(3)
                .map(|a| a.split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect())
                .unwrap_or_default();
            // A deployment's line for an entry already known adds its local names to it.
            let known = self.words.get(term).copied().filter(|&i| self.entries[i].term == term);
            if let (Some(index), false) = (known, source.is_empty()) {
                for word in &aliases {
                    if self.claim(word, index, (source, n), problems) {
                        self.entries[index].aliases.push(word.clone());
                    }
                }
                continue;
            }
            let index = self.entries.len();
            for word in std::iter::once(term).chain(aliases.iter().map(String::as_str)) {
                self.claim(word, index, (source, n), problems);
            }
            self.entries.push(Entry {
                term: term.to_owned(),
                kind,
                category: category.to_owned(),
                aliases,
                explain: cols.get(4).copied().unwrap_or_default().to_owned(),
            });
        }
        if !header {
            problems.push(format!("{source}没有表头行"));
        }
    }

    /// Gives `word` to entry `index`; a word already another entry's is a problem of line
    /// `at`. True when the word is new.
    fn claim(&mut self, word: &str, index: usize, at: (&str, usize), problems: &mut Vec<String>) -> bool {
        match self.words.get(word) {
            Some(&other) if other != index => {
                problems.push(format!(
                    "{}第 {} 行：「{word}」已属于词条「{}」，一个词只能属于一个词条",
                    at.0, at.1, self.entries[other].term
                ));
                false
            }
            Some(_) => false,
            None => {
                self.longest = self.longest.max(word.chars().count());
                self.words.insert(word.to_owned(), index);
                true
            }
        }
    }

    /// The lexicon in use: the built-in one and the deployment's own entries when
    /// [`Lexicon::install`] was called first.
    pub fn builtin() -> &'static Self {
        IN_USE.get_or_init(|| {
            // Checked by a test; a broken built-in file must not stop the server.
            Self::parse(BUILTIN).unwrap_or_default()
        })
    }

    /// Puts the built-in lexicon and `local` (a deployment's own entries) in use, before
    /// anything has used the lexicon. Refused with every problem when `local` does not read,
    /// or when the lexicon is already in use.
    pub fn install(local: &str) -> Result<(), Vec<String>> {
        let lex = Self::parse_with(BUILTIN, Some(local))?;
        IN_USE.set(lex).map_err(|_| vec!["词库已在使用中，补充词库须在启动时载入".to_owned()])
    }

    /// The deployment's own entries as read (empty when none), so an index derived with other
    /// words is known.
    pub fn local_text(&self) -> &str {
        &self.local
    }

    /// The entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry a word (term or alias) belongs to.
    pub fn lookup(&self, word: &str) -> Option<&Entry> {
        self.words.get(word).map(|&i| &self.entries[i])
    }

    /// The words an offer would use for what `text` says: for every lexicon word found in it,
    /// the entry's standard name and, for a product, the last part of its category (蔬菜, 水果
    /// …), the words a buyer of the whole category writes. Each word once, in the order found.
    /// Even a name the text already contains is given: it may be written inside a longer word
    /// that the word splitter cuts elsewhere (冷库 in 预冷库).
    pub fn expansion(&self, text: &str) -> Vec<String> {
        self.expansion_of(&self.find_in(text))
    }

    /// [`Lexicon::expansion`] of the words [`Lexicon::find_in`] found.
    pub fn expansion_of(&self, found: &[Found<'_>]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |w: &str| {
            if !w.is_empty() && !out.iter().any(|o| o == w) {
                out.push(w.to_owned());
            }
        };
        for f in found {
            let e = &self.entries[f.entry];
            add(&e.term);
            if e.kind == EntryKind::Product {
                // Every level below the root: 粮油 and 大米 for 农产品>粮油>大米.
                for level in e.category.split('>').skip(1) {
                    add(level);
                }
            }
        }
        out
    }

    /// The kinds of help the words `found` in a need's text ask for ([`asks_for`]), as a set of
    /// [`kind_bit`]s: a village asking for training may add that its produce wants a buyer
    /// (想学直播卖枳壳，枳壳也要找收购商), and an offer of another kind is a complement only then.
    pub fn asks(&self, found: &[Found<'_>]) -> u8 {
        found
            .iter()
            .filter_map(|f| self.entries.get(f.entry))
            .filter_map(|e| asks_for(e.kind, &e.category))
            .fold(0, |set, k| set | kind_bit(k))
    }

    /// The products and buyers' channels, the jobs, skills and certificates `text` names: their
    /// entries' indices, each once.
    pub fn goods_in(&self, text: &str) -> Vec<u32> {
        self.goods_of(&self.find_in(text))
    }

    /// [`Lexicon::goods_in`] of the words [`Lexicon::find_in`] found in one text (whether two
    /// words are written next to each other is read from where they lie in it).
    pub fn goods_of(&self, found: &[Found<'_>]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for (i, f) in found.iter().enumerate() {
            let e = &self.entries[f.entry];
            // A category word written right after a product of its category says what the
            // product is (猕猴桃鲜果: kiwis, fresh), not that the whole category is bought or sold.
            if i > 0 && self.describes(&found[i - 1], f) {
                continue;
            }
            if matches!(
                e.kind,
                EntryKind::Product | EntryKind::Channel | EntryKind::Job | EntryKind::Skill | EntryKind::Certificate
            ) && let Ok(i) = u32::try_from(f.entry)
                && !out.contains(&i)
            {
                out.push(i);
            }
        }
        out
    }

    /// Whether `next`, found right after `product` in the same text, is a category word of the
    /// product's own category (鲜果 after 猕猴桃).
    fn describes(&self, product: &Found<'_>, next: &Found<'_>) -> bool {
        let (Some(p), Some(c)) = (self.entries.get(product.entry), self.entries.get(next.entry)) else { return false };
        let adjacent = product.word.as_ptr() as usize + product.word.len() == next.word.as_ptr() as usize;
        adjacent
            && p.kind == EntryKind::Product
            && c.kind == EntryKind::Product
            && !is_general(p)
            && is_general(c)
            && covers(&c.category, p)
    }

    /// How well a buyer whose text names `offer` (from [`Lexicon::goods_in`]) fits a village
    /// selling `need`: 1 the same product, a product the village's is a kind of (富硒大米 to a
    /// rice buyer), a member of the family the village names (椪柑 to a 桔子 village), or the
    /// village names only a category the buyer buys; 0.75 a buyer of a kind named with the
    /// village's product (富硒大米 from a 大米 village) or of the whole category (a canteen
    /// buying 蔬菜, a supermarket buying 农产品); 0.35 a buyer of another product of the same
    /// category; 0.15 a buyer of products of other categories only. Unknown on either side (no
    /// product named): 1 and 0.6.
    pub fn goods_fit(&self, need: &[u32], offer: &[u32]) -> f64 {
        let entry = |i: &u32| self.entries.get(*i as usize);
        let products = |ids: &[u32]| -> Vec<&Entry> {
            ids.iter().filter_map(entry).filter(|e| e.kind == EntryKind::Product).collect()
        };
        let (sold, bought) = (products(need), products(offer));
        if sold.is_empty() {
            return 1.0;
        }
        let specific_sold: Vec<&&Entry> = sold.iter().filter(|e| !is_general(e)).collect();
        if specific_sold.iter().any(|s| bought.iter().any(|b| b.term == s.term)) {
            return 1.0;
        }
        // A kind of a product (富硒大米 is filed under 农产品>粮油>大米): a buyer of the product
        // takes the kind; a buyer of the kind may not take the plain product.
        let kind_of =
            |a: &Entry, of: &Entry| a.category.contains('>') && a.category.rsplit('>').next() == Some(of.term.as_str());
        if specific_sold.iter().any(|s| bought.iter().any(|b| kind_of(s, b))) {
            return 1.0;
        }
        // Filed under the village's product, the buyer's is either a kind of it named with it
        // (富硒大米 under 大米: may not take plain rice) or a member of the family it names
        // (椪柑 under 柑橘, "柑、橘、橙、柚等的统称": a village selling 桔子 sells what it buys).
        // The best pair counts, whatever order the texts name them in.
        let under = |b: &Entry, s: &Entry| kind_of(b, s).then_some(!b.term.contains(s.term.as_str()));
        let filed: Vec<bool> = specific_sold.iter().flat_map(|s| bought.iter().filter_map(|b| under(b, s))).collect();
        if filed.contains(&true) {
            return 1.0;
        }
        if !filed.is_empty() {
            return 0.75;
        }
        // What the buyer takes whole: its category words and, when it names no product at all
        // (a supermarket buying "本地特产", not one buying 山茶油 or 蔬菜水果), its channels'
        // categories (a wholesale market naming 蔬菜、水果、水产 does not buy rice).
        let names_any_product = !bought.is_empty();
        let channels = offer
            .iter()
            .filter_map(entry)
            .filter(|e| e.kind == EntryKind::Channel && !names_any_product)
            .map(|e| e.category.as_str());
        let whole: Vec<&str> =
            bought.iter().filter(|e| is_general(e)).map(|e| e.category.as_str()).chain(channels).collect();
        let by_category = sold.iter().any(|s| whole.iter().any(|c| covers(c, s)));
        if by_category {
            return if specific_sold.is_empty() { 1.0 } else { 0.75 };
        }
        if specific_sold.is_empty() && sold.iter().any(|s| bought.iter().any(|b| covers(&s.category, b))) {
            // The village names a category; the buyer a product of it.
            return 1.0;
        }
        if bought.is_empty() {
            return 0.6;
        }
        // Kinds of a product are of its category.
        if sold.iter().any(|s| bought.iter().any(|b| b.base_category() == s.base_category())) { 0.35 } else { 0.15 }
    }

    /// The entries of `goods` that are work: jobs, skills and certificates.
    fn work_in(&self, goods: &[u32]) -> Vec<&Entry> {
        goods
            .iter()
            .filter_map(|i| self.entries.get(*i as usize))
            .filter(|e| matches!(e.kind, EntryKind::Job | EntryKind::Skill | EntryKind::Certificate))
            .collect()
    }

    /// Whether `goods` name any work: a job, a skill or a certificate.
    /// Whether two listings' goods ([`Lexicon::goods_in`]) share a named product, trade, skill or
    /// certificate — one entry, not a general word of a category (农产品, 水果).
    pub fn share_named(&self, a: &[u32], b: &[u32]) -> bool {
        a.iter().any(|g| b.contains(g) && self.entries.get(*g as usize).is_some_and(|e| !is_general(e)))
    }

    pub fn names_work(&self, goods: &[u32]) -> bool {
        !self.work_in(goods).is_empty()
    }

    /// How well the work an offer names (jobs, skills, certificates, from [`Lexicon::goods_in`])
    /// fits the workers or trainees a need names: 1 the same or nothing said by the offer; 0.9
    /// work of the same trade; 0.7 other work, or only skilled work (a certificate, a trade)
    /// for a need that names no work at all.
    pub fn work_fit(&self, need: &[u32], offer: &[u32]) -> f64 {
        let (wanted, offered) = (self.work_in(need), self.work_in(offer));
        if offered.is_empty() {
            return 1.0;
        }
        if wanted.is_empty() {
            // Plain labour takes a job that asks for no certificate (a driving licence, a
            // welder's card): one that does is skilled work.
            let plain = offered.iter().any(|e| e.kind == EntryKind::Job)
                && !offered.iter().any(|e| e.kind == EntryKind::Certificate);
            return if plain { 1.0 } else { 0.7 };
        }
        if wanted.iter().any(|w| offered.iter().any(|o| o.term == w.term)) {
            1.0
        } else if wanted.iter().any(|w| offered.iter().any(|o| o.base_category() == w.base_category())) {
            0.9
        } else {
            0.7
        }
    }

    /// Where `need` and `offer` name the same thing in different words: for each entry found in
    /// both whose word in the need the offer does not write, the need's word and what it is taken
    /// for — the word meant where it was mistyped and the offer writes it, else the entry's
    /// standard name ("你说的 X 即 Y"). At most `most`, in the need's order, one per entry.
    pub fn bridges<'a>(&'a self, need: &'a str, offer: &'a str, most: usize) -> Vec<(&'a str, &'a str)> {
        self.bridges_found(&self.find_in(need), &self.find_in(offer), offer, most)
            .into_iter()
            .map(|b| (b.said, b.meant))
            .collect()
    }

    /// [`Lexicon::bridges`] from the words already found in each text ([`Lexicon::find_in`]).
    pub fn bridges_found<'a>(
        &'a self,
        need: &[Found<'a>],
        theirs: &[Found<'a>],
        offer: &str,
        most: usize,
    ) -> Vec<Bridge<'a>> {
        let mut out: Vec<Bridge<'a>> = Vec::new();
        let mut entries: Vec<usize> = Vec::new();
        for f in need.iter().copied() {
            if out.len() >= most {
                break;
            }
            if entries.contains(&f.entry) || !theirs.iter().any(|t| t.entry == f.entry) {
                continue;
            }
            // What the need's words are taken for: the word meant where it was mistyped and the
            // offer writes it (冷裤: 冷库), else the entry's standard name (迷猴桃: 猕猴桃) — not the
            // offer's other name for it, which may be narrower (奉新猕猴桃) or another sign of it
            // (鱼塘水质 for 鱼死了).
            let e = &self.entries[f.entry];
            let meant = match f.heard_as {
                Some(meant) if offer.contains(meant) => meant,
                _ => e.term.as_str(),
            };
            if meant != f.word && !offer.contains(f.word) {
                entries.push(f.entry);
                // A service is named by what it deals with (溃疡病 for 病虫害统防统治) and a phrase
                // by what it asks (找工作 for 就业): the word is not the service, it calls for it.
                let same = f.heard_as.is_some() || !matches!(e.kind, EntryKind::Service | EntryKind::Phrase);
                out.push(Bridge { said: f.word, meant, same });
            }
        }
        out
    }

    /// The lexicon's words in `text`, left to right, longest first at each place (a word inside
    /// a longer one found is not reported again). Where no word is written as in the lexicon,
    /// one that sounds the same is taken when it is the only one of its sound and shares at
    /// least half its characters, in place, with what was written: a wrong pick of a pinyin
    /// input method (辣交 for 辣椒, 收够 for 收购), not any word that happens to sound alike. Then
    /// a word written with one character that looks like its own (荼叶 for 茶叶, 招骋 for 招聘).
    pub fn find_in<'a>(&'a self, text: &'a str) -> Vec<Found<'a>> {
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        let chars = starts.len() - 1;
        // Each character's syllable, read once as its number (none: no lexicon word has it).
        let letters: Vec<char> = text.chars().collect();
        let sounds: Vec<Option<u16>> = letters
            .iter()
            .map(|&c| match crate::search::block_index(u32::from(c)).and_then(|i| self.char_sounds.get(i)) {
                Some(&s) => (s != 0).then_some(s),
                None => {
                    use pinyin::ToPinyin;
                    c.to_pinyin().and_then(|p| self.syllables.get(&near(p.plain())).copied())
                }
            })
            .collect();
        debug_assert_eq!(sounds.len(), chars);
        let (written_here, seen_here) = self.begin_here(&letters);
        let mut out = Vec::new();
        let mut at = 0;
        while at < chars {
            let mut step = 1;
            let longest = self.longest.min(chars - at);
            // Only the lengths of the words that begin here (or with this sound).
            let first = written_here[at];
            let written =
                (SHORTEST..=longest).rev().filter(|len| *len < 64 && first & (1 << len) != 0).find_map(|len| {
                    let word = &text[starts[at]..starts[at + len]];
                    self.words.get(word).map(|&entry| (len, Found { entry, word, heard_as: None }))
                });
            // Where none is written here, a word that sounds like the lexicon's, the longest
            // first: exactly the same sound, else nearly ([`near`]) — those kept to be asked last.
            let mut nearly: Vec<(usize, usize, &str)> = Vec::new();
            let exact = if written.is_some() {
                None
            } else {
                let heard = self.heard_here(&sounds[at..chars.min(at + LONGEST_SOUND)]);
                (SHORTEST..=longest.min(LONGEST_SOUND)).rev().filter(|len| heard & (1 << len) != 0).find_map(|len| {
                    let word = &text[starts[at]..starts[at + len]];
                    let sound =
                        sounds[at..at + len].iter().try_fold(0u128, |k, s| Some((k << 16) | u128::from((*s)?)))?;
                    let (entry, as_, exact) = self.heard(word, sound)?;
                    if len == 2 && is_frequent_word(word) {
                        return None;
                    }
                    if !exact {
                        nearly.push((len, entry, as_));
                        return None;
                    }
                    Some((len, Found { entry, word, heard_as: Some(as_) }))
                })
            };
            let found = written.or(exact);
            let found = found.or_else(|| {
                let lengths = seen_here[at];
                (SHORTEST..=longest).rev().filter(|len| *len < 64 && lengths & (1 << len) != 0).find_map(|len| {
                    let word = &text[starts[at]..starts[at + len]];
                    let (meant, entry) = self.seen.get(word)?;
                    (!is_common_word(word) && cut_around(text, &starts, at, at + len))
                        .then_some((len, Found { entry: *entry, word, heard_as: Some(meant.as_str()) }))
                })
            });
            // Nearly the same sound last, the weakest reading: a word heard only nearly so has
            // three characters or more, shares more than half of them with the word meant, is no
            // word of its own (初加工) and holds no lexicon word written inside it (订单粽子 is no
            // 订单种植), and it is read as one piece where it stands (后生想 is no 生鲜, 豆制品 no
            // 豆子): two characters sound nearly like too many others. Only a name of a thing (not
            // an everyday phrase: 想在家里 is no 闲在家里).
            let found = found.or_else(|| {
                nearly.iter().find_map(|&(len, entry, as_)| {
                    let word = &text[starts[at]..starts[at + len]];
                    (len >= 3
                        && same_places(as_, word) * 2 > len
                        && self.entries[entry].kind != EntryKind::Phrase
                        && (at + 1..at + len).all(|k| written_here[k] == 0)
                        && !crate::search::words::is_word(word)
                        && cut_around(text, &starts, at, at + len))
                    .then_some((len, Found { entry, word, heard_as: Some(as_) }))
                })
            });
            if let Some((len, f)) = found {
                out.push(f);
                step = len;
            }
            at += step;
        }
        out
    }

    /// The lengths of the lexicon words' sounds that `sounds` (a text's syllables from some
    /// character on) begins with (bit n: n syllables).
    fn heard_here(&self, sounds: &[Option<u16>]) -> u64 {
        let [lengths] = self.sound_tree.begins(sounds.iter().copied(), [ENDS_WORD]);
        lengths
    }

    /// The one lexicon word that `word` (not itself in the lexicon) is a homophone mistake for,
    /// and whether it sounds exactly the same. Words that sound exactly like it are asked first;
    /// only where none fits, those that sound nearly so ([`near`]).
    fn heard(&self, word: &str, sound: u128) -> Option<(usize, &str, bool)> {
        let candidates = self.sounds.get(&sound)?;
        let n = word.chars().count();
        let exact = exact_sound(word);
        let fits = || candidates.iter().filter(|(w, _, _)| same_places(w, word) * 2 >= n);
        let is_exact = fits().any(|(_, _, s)| Some(*s) == exact);
        let mut fit = fits().filter(|(_, _, s)| !is_exact || Some(*s) == exact);
        let (w, entry, _) = fit.next()?;
        // Two different entries that both fit: no guess.
        if fit.any(|(_, e, _)| e != entry) {
            return None;
        }
        Some((*entry, w.as_str(), is_exact))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trees mark at each character exactly the words, look-alike forms and words' sounds
    /// that begin there, as asking the maps for every length would: every text of the judged
    /// collections and a few written for the forms.
    #[test]
    fn the_tree_marks_every_word_and_form_where_it_begins_and_nothing_else() {
        let lex = Lexicon::builtin();
        let mut texts: Vec<String> = vec![
            "猕猴挑鲜果收够，荼叶和冷裤也要".into(),
            "用水并不方便，全家免费，发放午餐".into(),
            "".into(),
            "a村b".into(),
        ];
        for file in ["hard", "fresh", "fresh2", "collection", "fresh3"] {
            let path = format!("{}/tests/eval/{file}.json", env!("CARGO_MANIFEST_DIR"));
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).expect("reads")).expect("json");
            for side in ["needs", "offers"] {
                for l in json[side].as_array().expect(side) {
                    texts.push(format!("{} {}", l["title"].as_str().unwrap_or(""), l["body"].as_str().unwrap_or("")));
                }
            }
        }
        assert!(texts.len() > 500, "{} texts", texts.len());
        let (mut words, mut forms, mut sounds) = (0, 0, 0);
        for text in &texts {
            let chars: Vec<char> = text.chars().collect();
            let (written, seen) = lex.begin_here(&chars);
            let syllables = syllables_of(lex, &chars);
            for at in 0..chars.len() {
                for len in SHORTEST..=lex.longest.min(chars.len() - at) {
                    let piece: String = chars[at..at + len].iter().collect();
                    assert_eq!(written[at] & (1 << len) != 0, lex.words.contains_key(&piece), "{piece} in {text}");
                    assert_eq!(seen[at] & (1 << len) != 0, lex.seen.contains_key(&piece), "{piece} in {text}");
                    words += usize::from(lex.words.contains_key(&piece));
                    forms += usize::from(lex.seen.contains_key(&piece));
                }
                assert_eq!((written[at] | seen[at]) >> (lex.longest + 1), 0, "none longer than the longest word");
                let heard = lex.heard_here(&syllables[at..chars.len().min(at + LONGEST_SOUND)]);
                for len in SHORTEST..=LONGEST_SOUND.min(chars.len() - at) {
                    let key: Option<Vec<u16>> = syllables[at..at + len].iter().copied().collect();
                    let known = key.is_some_and(|k| lex.sounds.contains_key(&sound_key(k)));
                    assert_eq!(heard & (1 << len) != 0, known, "sound of {:?} in {text}", &chars[at..at + len]);
                    sounds += usize::from(known);
                }
                assert_eq!((written[at] | seen[at]) & 0b11, 0, "no word of one character");
            }
        }
        assert!(
            words > 1000 && forms >= 3 && sounds > words,
            "{words} words, {forms} look-alike forms, {sounds} sounds"
        );
    }

    fn syllables_of(lex: &Lexicon, chars: &[char]) -> Vec<Option<u16>> {
        use pinyin::ToPinyin;
        chars.iter().map(|c| c.to_pinyin().and_then(|p| lex.syllables.get(&near(p.plain())).copied())).collect()
    }

    /// Every word and look-alike form of the lexicon — the built-in one and one with a
    /// deployment's own words, and after the look-alikes are read again — is marked at its own
    /// start with its length, every word's sound too, and the trees end nowhere else (each path
    /// in a tree is one word, so equal counts mean nothing more is marked).
    #[test]
    fn the_trees_hold_every_word_form_and_sound_of_the_lexicon_and_nothing_else() {
        let local = "term\tkind\tcategory\taliases\texplain\n宜春白茶\tproduct\t农产品>茶\t袁州白茶\t\n";
        // The look-alikes read again from other pairs: the tree must follow.
        let mut again = Lexicon::parse(BUILTIN).expect("parses");
        again.seen = Default::default();
        again.read_lookalikes(&[('荼', '茶', 2), ('莱', '菜', 2)]);
        let lexicons = [
            (Lexicon::parse(BUILTIN).expect("parses"), 1000),
            (Lexicon::parse_with(BUILTIN, Some(local)).expect("parses"), 1000),
            (again, 20),
        ];
        for (lex, least_forms) in lexicons {
            let short = |w: &&String| (SHORTEST..64).contains(&w.chars().count());
            let (mut words, mut forms) = (0, 0);
            for word in lex.words.keys().filter(short) {
                let chars: Vec<char> = word.chars().collect();
                assert_ne!(lex.begin_here(&chars).0[0] & (1 << chars.len()), 0, "{word}");
                words += 1;
            }
            for form in lex.seen.keys().filter(short) {
                let chars: Vec<char> = form.chars().collect();
                assert_ne!(lex.begin_here(&chars).1[0] & (1 << chars.len()), 0, "{form}");
                forms += 1;
            }
            let mut sounds = 0;
            for heard in lex.sounds.values() {
                let (word, _, _) = &heard[0];
                let chars: Vec<char> = word.chars().collect();
                let syllables = syllables_of(&lex, &chars);
                assert_ne!(lex.heard_here(&syllables) & (1 << chars.len()), 0, "the sound of {word}");
                sounds += 1;
            }
            assert_eq!(lex.word_tree.marked(ENDS_WORD), words);
            assert_eq!(lex.word_tree.marked(ENDS_SEEN), forms);
            assert_eq!(lex.sound_tree.marked(ENDS_WORD), sounds);
            assert!(words > 5000 && forms > least_forms && sounds > 4000, "{words} {forms} {sounds}");
            assert!(forms < 1000 || least_forms == 1000, "{forms} forms of two pairs");
        }
    }

    #[test]
    fn an_offer_that_only_sells_to_villages_is_told_from_one_that_helps() {
        let sells = |title: &str, body: &str| sells_to_villages(title, &format!("{title} {body}"));
        assert!(sells("水稻专用肥、富硒肥销售", "销售水稻专用肥、富硒叶面肥，提供送货上门。"));
        assert!(sells("油茶良种苗木供应", "供应长林、赣无系列油茶良种苗木。"));
        assert!(sells("农药批发", "批发各类杀虫剂、杀菌剂、除草剂，送货上门。"));
        assert!(sells("路燈燈具銷售", "銷售LED路燈。"), "Traditional");
        // Seed taken on order, feed sent straight from the mill, harvesters sold with the state's
        // subsidy to buyers: selling too.
        assert!(sells("明年杂交稻种预订", "杂交稻种开始预订，村集体统一订购享批发价，送种到村。"));
        assert!(sells("猪饲料直供到村", "厂家直供猪饲料，批量订购送货上门。"));
        assert!(sells("收割机补贴销售", "收割机现货销售，享受国家农机购置补贴，可分期。"));
        assert!(!sells("收割机销售", "收割机现货销售，购机农户的稻谷由本公司保底收购。"), "it buys too");
        // An employment service finds work of every sort; an employer offers its own.
        assert!(finds_jobs("人力资源服务机构，为农村劳动力免费推荐各类工厂、服务业岗位"));
        assert!(finds_jobs("县内企业岗位推荐，免费登记"));
        assert!(!finds_jobs("电子厂招聘普工50名，包吃住"));
        // Selling the villages' produce, buying, giving: help.
        assert!(!sells("农特产品网上销售（全省）", "平台面向全省收购、代销各类农特产品。"));
        assert!(!sells("农特产品电商销售渠道", "为帮扶村特色农产品开设网店专区，按销量结算货款。"), "帮扶");
        assert!(!sells("订单采购富硒蔬菜进超市", "超市常年采购。"));
        assert!(!sells("化肥农资供应", "向脱贫村免费发放化肥。"));
        assert!(!sells("收购毛竹", "常年收购毛竹原竹。"));
    }

    #[test]
    fn a_need_asks_for_the_kinds_of_help_its_phrases_and_words_name() {
        use crate::domain::ListingKind as K;
        let lex = Lexicon::builtin();
        let asks = |text: &str| {
            let set = lex.asks(&lex.find_in(text));
            K::ALL.iter().copied().filter(|k| set & kind_bit(*k) != 0).collect::<Vec<_>>()
        };
        // A training need that also wants a buyer for its produce.
        assert_eq!(asks("村里年轻人想学技术搞直播，枳壳也要找收购商"), [K::Procurement, K::Training]);
        assert_eq!(asks("想学直播卖货，村里的猕猴桃也要找收购商。"), [K::Procurement]);
        assert_eq!(
            asks("村小学的孩子们衣服单薄，需要捐赠棉衣棉被"),
            [K::Donation],
            "a school named is no school asked for"
        );
        // A product named, whatever help is asked for, asks for none; a plant's illness asks for
        // technical help.
        assert_eq!(asks("今年的猕猴桃有两百吨"), []);
        assert_eq!(asks("猕猴桃树干流红水"), [K::Technical]);
        assert_eq!(asks("晚上村里黑麻麻，想装路灯"), [K::Infrastructure]);
        assert_eq!(asks("想引进企业建基地，村民也想在基地做工"), [K::Employment, K::Industry]);
        // Every kind a phrase of the built-in lexicon names is a kind of help.
        assert!(lex.entries().iter().filter(|e| e.category.starts_with(PHRASE_KINDS)).count() >= 30);
        // A phrase filed under a kind that does not exist is a problem naming the line.
        let problems = Lexicon::parse("term\tkind\tcategory\taliases\texplain\n找销路\tphrase\t需求表达>卖货\t\t\n")
            .expect_err("an unknown kind of help");
        assert!(problems[0].contains("第 2 行") && problems[0].contains("卖货"), "{problems:?}");
    }

    #[test]
    fn the_builtin_lexicon_reads_without_a_problem_and_covers_every_kind() {
        let lex = Lexicon::parse(include_str!("lexicon.tsv")).unwrap_or_else(|p| panic!("{}", p.join("\n")));
        assert!(lex.entries().len() >= 700, "{} entries", lex.entries().len());
        for kind in [
            EntryKind::Product,
            EntryKind::Channel,
            EntryKind::Skill,
            EntryKind::Certificate,
            EntryKind::Service,
            EntryKind::Infrastructure,
            EntryKind::Job,
            EntryKind::Phrase,
            EntryKind::Goods,
        ] {
            assert!(lex.entries().iter().filter(|e| e.kind == kind).count() >= 25, "{kind:?}");
        }
        let categories = ["农产品", "技能", "服务", "基础设施", "就业", "需求表达", "物资"];
        for e in lex.entries() {
            assert!(categories.iter().any(|c| e.category.starts_with(c)), "{}: {}", e.term, e.category);
        }
        assert_eq!(Lexicon::builtin().entries().len(), lex.entries().len());
    }

    #[test]
    fn words_are_found_longest_first_and_lead_to_their_entry() {
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             猕猴桃\tproduct\t农产品>水果\t奇异果|猕猴桃鲜果\t\n\
             挖掘机操作\tskill\t技能>驾驶机械\t开挖机\t\n\
             超市\tchannel\t农产品\t商超\t\n",
        )
        .expect("parses");
        let found = lex.find_in("村里的猕猴桃鲜果和奇异果，后生想学开挖机，卖给商超");
        let words: Vec<&str> = found.iter().map(|f| f.word).collect();
        assert_eq!(words, ["猕猴桃鲜果", "奇异果", "开挖机", "商超"]);
        assert_eq!(lex.entries()[found[1].entry].term, "猕猴桃");
        assert_eq!(lex.lookup("开挖机").map(|e| e.term.as_str()), Some("挖掘机操作"));
        assert_eq!(lex.lookup("商超").map(|e| e.kind), Some(EntryKind::Channel));
        // What a village calls a thing by its use: the fruit pressed for oil is 油茶籽.
        let builtin = Lexicon::builtin();
        let pressed = builtin.find_in("山上打下来的果子 榨油那种");
        assert!(pressed.iter().any(|f| builtin.entries()[f.entry].term == "油茶籽"), "{pressed:?}");
        assert!(lex.find_in("").is_empty());
        assert!(found.iter().all(|f| f.heard_as.is_none()));
    }

    #[test]
    fn a_homophone_typed_by_mistake_is_taken_for_the_lexicon_word() {
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             猕猴桃\tproduct\t农产品>水果\t奇异果\t\n\
             冷库\tinfrastructure\t基础设施>仓储冷库\t\t\n\
             收购\tphrase\t需求表达\t\t\n\
             十堰\tproduct\t农产品\t\t\n\
             实验\tproduct\t农产品\t\t\n",
        )
        .expect("parses");
        let found = lex.find_in("村里的迷猴桃要建冷裤，求收够");
        let got: Vec<(&str, Option<&str>)> = found.iter().map(|f| (f.word, f.heard_as)).collect();
        assert_eq!(got, [("迷猴桃", Some("猕猴桃")), ("冷裤", Some("冷库")), ("收够", Some("收购"))]);
        assert_eq!(lex.entries()[found[0].entry].term, "猕猴桃");
        assert!(lex.expansion("迷猴桃卖不掉").contains(&"猕猴桃".to_owned()));
        // Sounding alike is not enough: no character in common (事业 / 十堰 / 实验 all read shi ye
        // or shi yan), or two entries of the same sound that both fit.
        assert!(lex.find_in("发展事业").is_empty());
        assert!(lex.find_in("十验").is_empty(), "十堰 or 实验: no guess");
        assert!(lex.find_in("实验").iter().all(|f| f.heard_as.is_none()));
    }

    /// Sounds that a speaker of 赣语 does not tell apart (n and l, -ing and -in, sh and s …)
    /// are typed one for the other: such a name of three characters or more is taken for the
    /// lexicon's where no word sounds exactly like it, it is no word of its own and it stands as
    /// one piece. Shorter words and everyday phrases sound nearly like too many others.
    #[test]
    fn a_name_typed_with_a_sound_its_writer_does_not_tell_apart_is_taken_for_the_lexicon_s() {
        assert_eq!(
            (near("nong"), near("shen"), near("xiang"), near("long"), near("ni"), near("zhong")),
            ("long".into(), "sen".into(), "xian".into(), "long".into(), "li".into(), "zong".into())
        );
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             小龙虾\tproduct\t农产品>水产\t\t\n\
             生姜\tproduct\t农产品>蔬菜\t\t\n\
             冷库\tinfrastructure\t基础设施>仓储冷库\t\t\n\
             冷酷\tproduct\t农产品\t\t\n\
             粗加工\tservice\t服务>加工\t\t\n\
             富余劳动力\tphrase\t需求表达\t闲在家里\t\n",
        )
        .expect("parses");
        let got = |text: &str| -> Vec<(String, Option<String>)> {
            lex.find_in(text).iter().map(|f| (f.word.to_owned(), f.heard_as.map(str::to_owned))).collect()
        };
        let pair = |w: &str, m: &str| (w.to_owned(), Some(m.to_owned()));
        assert_eq!(got("稻田养的小农虾大量上市"), [pair("小农虾", "小龙虾")]);
        // Two characters: 森姜 is not read as 生姜.
        assert_eq!(got("种了森姜"), []);
        // Exactly the same sound goes first: 冷裤 is 冷库 or 冷酷 (leng ku both), no guess …
        assert_eq!(got("冷裤"), []);
        // … a word of its own says what it says (初加工 is no 粗加工) …
        assert!(crate::search::words::is_word("初加工"), "the guard is asked of a dictionary word");
        assert_eq!(got("农产品初加工"), []);
        // … and an everyday phrase is not heard nearly (想在家里 is no 闲在家里).
        assert_eq!(got("想在家里做"), []);
        // … nor one that holds a word of the lexicon as written (粽子 in 订单粽子, which sounds
        // nearly like 订单种植 and shares only half of it).
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             订单农业\tchannel\t渠道\t订单种植\t\n\
             粽子\tproduct\t农产品>加工食品\t\t\n",
        )
        .expect("parses");
        let terms: Vec<&str> = lex.find_in("端午前有一批订单粽子要加工").iter().map(|f| f.word).collect();
        assert_eq!(terms, ["粽子"]);
        assert_eq!(got("闲在家里"), [("闲在家里".to_owned(), None)]);
    }

    /// Names that once cut a product off the words after them, tagged an ordinary phrase, or
    /// were heard in one (a reviewer's sentences, each wrong with an earlier version of the
    /// lexicon's everyday names).
    #[test]
    fn everyday_names_do_not_swallow_a_product_or_tag_an_ordinary_phrase() {
        let lex = Lexicon::builtin();
        let terms = |text: &str| -> Vec<String> {
            lex.find_in(text).iter().map(|f| lex.entries()[f.entry].term.clone()).collect()
        };
        for (text, product) in [
            ("长期收购各种茶叶", "茶叶"),
            ("食堂每天牛肉五十斤", "牛肉"),
            ("今年猪肉价格不错", "猪肉"),
            ("本地米粉卖不出去", "米粉"),
            ("富硒茶油找买家", "茶油"),
        ] {
            assert!(terms(text).iter().any(|t| t == product), "{text}: {:?}", terms(text));
        }
        for (text, not) in [
            ("货款每日结算，上门收购", "临时工"),
            ("欢迎长期合作", "长期采购"),
            ("送货到家门口", "就近就业"),
            ("宿舍有空调WiFi", "光纤宽带"),
            ("三百只鸡在林下散养", "禽苗"),
            ("村里有人收药材", "畜禽防疫服务"),
            ("以最低保护价收购", "脱贫人口"),
        ] {
            assert!(!terms(text).iter().any(|t| t == not), "{text}: {:?}", terms(text));
        }
    }

    #[test]
    fn a_common_word_is_not_taken_for_a_lexicon_word_that_sounds_like_it() {
        let lex = Lexicon::builtin();
        let heard = |text: &str| -> Vec<String> {
            let found = lex.find_in(text);
            found.iter().filter(|f| f.heard_as.is_some()).map(|f| f.word.to_owned()).collect()
        };
        // 地里 (the field) sounds like 地栗 (water chestnut, an alias of 荸荠): no 荸荠 to sell here.
        assert!(heard("九仙村想引企业建水果基地，村民也想在基地里做工拿工资").is_empty());
        assert!(!lex.goods_in("村民也想在基地里做工").iter().any(|&i| lex.entries()[i as usize].term == "荸荠"));
        assert!(heard("他孙子在外地读书").is_empty());
        // Rarer dictionary words are still read as the word meant.
        assert_eq!(heard("林下种的黄经卖不掉"), ["黄经"]);
        assert_eq!(heard("年轻人想进场做工"), ["进场"]);
    }

    #[test]
    fn a_character_written_for_one_that_looks_like_it_is_taken_for_the_lexicon_word() {
        let pairs = lookalikes(LOOKALIKES).unwrap_or_else(|p| panic!("{}", p.join("\n")));
        assert!(pairs.len() >= 40, "{} pairs", pairs.len());
        let alike: Vec<String> = pairs
            .iter()
            .filter(|(w, m, _)| {
                use pinyin::ToPinyin;
                let (a, b) = (w.to_pinyin().map(|p| p.plain()), m.to_pinyin().map(|p| p.plain()));
                a.is_none() || b.is_none() || a == b
            })
            .map(|(w, m, _)| format!("{w}{m}"))
            .collect();
        assert!(alike.is_empty(), "pairs that sound alike are the homophones' to read: {alike:?}");
        let broken = lookalikes("written\tmeant\tshortest\n荼\t茶\n茶\t茶\t2\n");
        assert_eq!(broken.map_err(|p| p.len()), Err(2), "each broken line is named");
        assert!(lookalikes("荼\t茶\t2\n").is_err(), "the header is asked for, not skipped unread");
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             茶叶\tproduct\t农产品>茶\t\t\n\
             蔬菜\tproduct\t农产品>蔬菜\t\t\n\
             猕猴桃\tproduct\t农产品>水果\t\t\n\
             桃子\tproduct\t农产品>水果\t\t\n\
             招聘\tphrase\t需求表达\t\t\n\
             叉车司机\tjob\t就业>驾驶\t叉车\t\n",
        )
        .expect("parses");
        let got = |text: &str| -> Vec<(String, Option<String>)> {
            lex.find_in(text).iter().map(|f| (f.word.to_owned(), f.heard_as.map(str::to_owned))).collect()
        };
        let pair = |w: &str, m: Option<&str>| (w.to_owned(), m.map(str::to_owned));
        assert_eq!(
            got("村里的荼叶和蔬莱卖不掉，想招骋又车师傅"),
            [
                pair("荼叶", Some("茶叶")),
                pair("蔬莱", Some("蔬菜")),
                pair("招骋", Some("招聘")),
                pair("又车", Some("叉车"))
            ]
        );
        assert_eq!(got("猕猴挑两百吨"), [pair("猕猴挑", Some("猕猴桃"))]);
        // 挑 is a common character: a two-character word with it is not read as 桃子.
        assert!(got("挑子挑水").is_empty());
        // Written as in the lexicon, a word is itself.
        assert_eq!(got("茶叶"), [pair("茶叶", None)]);
        let e = lex.find_in("荼叶");
        assert_eq!(lex.entries()[e[0].entry].term, "茶叶");
        assert!(lex.expansion("荼叶卖不掉").contains(&"茶叶".to_owned()));
    }

    /// Read across two words, a look-alike form is no mistake, and the word it would have cut
    /// into is still found (the built-in lexicon; every text here once read a form).
    #[test]
    fn a_look_alike_form_across_two_words_is_not_read() {
        let lex = Lexicon::builtin();
        let read = |text: &str| -> Vec<String> {
            lex.find_in(text).iter().filter_map(|f| f.heard_as.map(|h| format!("{}→{h}", f.word))).collect()
        };
        for text in ["全家免费体检", "送货到家免费安装", "用水并不方便", "学校发放午餐", "减免子女学费", "并非菜农"]
        {
            assert!(read(text).is_empty(), "{text}: {:?}", read(text));
        }
        // 以购带销 is no 滞销 (带 for 滞 counts from three characters); its 带销 sounds like 代销
        // (selling on a village's behalf), which says much the same and is read so.
        assert!(!read("以购带销").iter().any(|r| r.contains("滞销")), "{:?}", read("以购带销"));
        assert!(lex.find_in("全家免费体检").iter().any(|f| f.word == "免费体检"), "the word it would have cut into");
        // The same forms where they are written as words are read.
        assert_eq!(read("村里养了两百只肉免"), ["肉免→肉兔"]);
        assert_eq!(read("打一口深水并"), ["深水并→深水井"]);
        assert!(
            lex.seen.contains_key("家免") && lex.seen.contains_key("放午") && lex.seen.contains_key("免子"),
            "precondition: the forms exist"
        );
    }

    /// A form two entries share leads to neither; a form that is itself a lexicon word is that
    /// word; a deployment's own words get their forms too.
    #[test]
    fn look_alike_forms_lead_to_one_entry_and_never_hide_a_word() {
        let mut lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             山乙\tproduct\t农产品>水果\t\t\n\
             山丙\tproduct\t农产品>蔬菜\t\t\n\
             河乙\tproduct\t农产品>水果\t河丁\t\n",
        )
        .expect("parses");
        lex.seen = Default::default();
        lex.read_lookalikes(&[('甲', '乙', 2), ('甲', '丙', 2), ('乙', '丙', 2), ('戊', '乙', 2), ('戊', '丁', 2)]);
        assert!(!lex.seen.contains_key("山甲"), "山乙 or 山丙: no guess");
        assert!(!lex.seen.contains_key("山乙"), "山乙 is a word of its own");
        assert_eq!(lex.seen.get("河甲").map(|(w, _)| w.as_str()), Some("河乙"));
        assert_eq!(
            lex.seen.get("河戊").map(|(_, e)| lex.entries()[*e].term.as_str()),
            Some("河乙"),
            "one entry, two words"
        );
        let local = Lexicon::parse_with(
            BUILTIN,
            Some("term\tkind\tcategory\taliases\texplain\n宜春白茶\tproduct\t农产品>茶\t\t\n"),
        )
        .expect("parses");
        assert_eq!(local.seen.get("宜春白荼").map(|(w, _)| w.as_str()), Some("宜春白茶"));
    }

    /// A real word is not read as a lexicon word it looks like: 雪莱 (a name) is no 雪菜, while
    /// 猕猴挑, no word, is 猕猴桃.
    #[test]
    fn a_real_word_is_not_taken_for_a_lexicon_word_that_looks_like_it() {
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             雪菜\tproduct\t农产品>蔬菜\t雪里蕻\t\n\
             猕猴桃\tproduct\t农产品>水果\t\t\n",
        )
        .expect("parses");
        let read = |text: &str| -> Vec<(String, String)> {
            lex.find_in(text).iter().filter_map(|f| f.heard_as.map(|h| (f.word.to_owned(), h.to_owned()))).collect()
        };
        assert!(lex.seen.contains_key("雪莱"), "precondition: 雪莱 is a look-alike form of 雪菜");
        assert!(read("雪莱的诗").is_empty(), "{:?}", read("雪莱的诗"));
        assert_eq!(read("腌好的雪莱"), [], "a real word whatever its neighbours");
        assert_eq!(read("猕猴挑熟了"), [("猕猴挑".to_owned(), "猕猴桃".to_owned())]);
        assert!(is_common_word("雪莱") && is_common_word("土地") && !is_common_word("荼叶"));
        assert!(!is_common_word("弥猴桃"), "a longer word is read as the lexicon word it nearly is");
    }

    #[test]
    fn a_buyer_fits_by_product_then_by_category_and_a_buyer_of_something_else_hardly() {
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             猕猴桃\tproduct\t农产品>水果\t奇异果\t\n\
             柑橘\tproduct\t农产品>水果\t桔子\t\n\
             水果\tproduct\t农产品>水果\t鲜果\t\n\
             辣椒\tproduct\t农产品>蔬菜\t\t\n\
             蔬菜\tproduct\t农产品>蔬菜\t\t\n\
             稻谷\tproduct\t农产品>粮油\t\t\n\
             大米\tproduct\t农产品>粮油\t\t\n\
             富硒大米\tproduct\t农产品>粮油>大米\t富硒米\t\n\
             椪柑\tproduct\t农产品>水果>柑橘\t芦柑\t\n\
             超市\tchannel\t农产品\t\t\n\
             蔬菜批发市场\tchannel\t农产品>蔬菜\t\t\n",
        )
        .expect("parses");
        let fit = |need: &str, offer: &str| lex.goods_fit(&lex.goods_in(need), &lex.goods_in(offer));
        assert_eq!(fit("奇异果两百吨卖不掉", "产地收购猕猴桃"), 1.0);
        assert_eq!(fit("辣椒红了", "蔬菜批发市场进场收购"), 0.75);
        assert_eq!(fit("辣椒红了", "超市长期采购"), 0.75);
        assert_eq!(fit("辣椒红了", "超市采购猕猴桃"), 0.15, "a supermarket buying one product buys that");
        assert_eq!(fit("猕猴桃熟了", "超市采购柑橘"), 0.35);
        assert_eq!(fit("富硒米三百吨", "收购大米"), 1.0, "a rice buyer takes selenium rice");
        assert_eq!(fit("大米三百吨", "收购富硒米"), 0.75, "a buyer of selenium rice may not take any rice");
        assert_eq!(fit("富硒米三百吨", "收购稻谷"), 0.35, "another product of the category");
        assert_eq!(fit("蔬菜基地找客户", "收购辣椒"), 1.0);
        // 鲜果 right after 猕猴桃 says what the kiwis are; apart, it buys the whole category.
        assert_eq!(fit("桔子一百吨", "收购猕猴桃鲜果"), 0.35);
        assert_eq!(fit("桔子一百吨", "收购猕猴桃、鲜果"), 1.0, "a buyer of fruit takes citrus");
        assert_eq!(fit("桔子一百吨", "收购鲜果"), 1.0);
        assert_eq!(fit("猕猴桃鲜果两百吨", "收购柑橘"), 0.35, "the village sells kiwis, not every fruit");
        assert_eq!(lex.goods_in("收购猕猴桃鲜果").len(), 1);
        assert_eq!(lex.goods_in("辣椒鲜果").len(), 2, "a category word after a product of another category");
        assert_eq!(fit("桔子一百吨", "收购椪柑"), 1.0, "a member of the family the village names");
        assert_eq!(fit("芦柑一百吨", "收购桔子"), 1.0);
        assert_eq!(fit("大米和桔子", "收购富硒大米、椪柑"), 1.0, "the best pair, in any order");
        assert_eq!(fit("桔子和大米", "收购富硒大米、椪柑"), 1.0);
        assert_eq!(fit("桔子一百吨", "收购稻谷"), 0.15);
        assert_eq!(fit("桔子一百吨", "长期收购，价格面议"), 0.6);
        assert_eq!(fit("找个长期买家", "收购稻谷"), 1.0);
        assert!(lex.goods_in("超市收购辣椒和辣椒").len() == 2, "each entry once");
    }

    #[test]
    fn work_fits_by_job_then_by_trade_and_skilled_work_less_for_plain_labour() {
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             普工\tjob\t就业>制造业\t进厂\t\n\
             包装工\tjob\t就业>制造业\t打包工\t\n\
             保安\tjob\t就业>服务业\t门卫\t\n\
             厨师\tskill\t技能>餐饮\t厨子\t\n\
             司机\tjob\t就业>服务业\t驾驶员\t\n\
             机动车驾驶证\tcertificate\t技能>驾驶机械\t驾照\t\n",
        )
        .expect("parses");
        let fit = |need: &str, offer: &str| lex.work_fit(&lex.goods_in(need), &lex.goods_in(offer));
        assert_eq!(fit("年轻人想进厂", "电子厂招普工"), 1.0);
        assert_eq!(fit("年轻人想进厂", "食品厂招打包工"), 0.9, "the same trade");
        assert_eq!(fit("年轻人想进厂", "小区招门卫"), 0.7);
        assert_eq!(fit("四十个劳动力找工作", "酒店招厨师"), 0.7, "skilled work for plain labour");
        assert_eq!(fit("四十个劳动力找工作", "电子厂招普工"), 1.0);
        assert_eq!(fit("四十个劳动力找工作", "物流园招司机，持驾照"), 0.7, "a job that asks for a licence");
        assert_eq!(fit("四十个劳动力找工作", "物流园招司机"), 1.0);
        assert_eq!(fit("厨子想进城", "招工若干，面议"), 1.0, "the offer names no work");
    }

    #[test]
    fn a_deployment_adds_its_own_entries_and_local_names_for_known_ones() {
        let base = "term\tkind\tcategory\taliases\texplain\n大米\tproduct\t农产品>粮油\t稻米\t\n";
        let local = "# 本县的说法\nterm\tkind\tcategory\taliases\texplain\n\
                     大米\tproduct\t农产品>粮油\t坨坨米\t\n\
                     黄鳝\tproduct\t农产品>水产\t鳝鱼|田鳝\t\n";
        let lex = Lexicon::parse_with(base, Some(local)).expect("reads");
        assert_eq!(lex.entries().len(), 2, "one known entry gained a name, one entry is new");
        assert_eq!(lex.lookup("坨坨米").map(|e| e.term.as_str()), Some("大米"));
        assert_eq!(lex.bridges("坨坨米卖不掉", "收购大米", 3), vec![("坨坨米", "大米")]);
        assert!(lex.expansion("田鳝两千斤").contains(&"黄鳝".to_owned()));
        assert_eq!(lex.local_text(), local);
        let clash = "term\tkind\tcategory\taliases\texplain\n糙米\tproduct\t农产品>粮油\t稻米\t\n";
        let problems = Lexicon::parse_with(base, Some(clash)).expect_err("a word of another entry");
        assert_eq!(problems, vec!["补充词库第 2 行：「稻米」已属于词条「大米」，一个词只能属于一个词条".to_owned()]);
    }

    /// Words the villages of the fourth collection used: the Gan words for rice plants, and
    /// what old people call a smartphone.
    #[test]
    fn rice_plants_and_touch_screens_are_read_in_the_villages_words() {
        let lex = Lexicon::builtin();
        let terms = |text: &str| -> Vec<String> {
            lex.find_in(text).iter().filter_map(|f| lex.entries().get(f.entry)).map(|e| e.term.clone()).collect()
        };
        assert!(terms("今年禾苗一条条发白").contains(&"稻谷".to_owned()));
        assert!(terms("禾蔸下面好多小虫").contains(&"稻谷".to_owned()));
        assert!(terms("村里老人用不来那种触屏的").contains(&"智能手机使用".to_owned()));
        assert!(terms("面向老年人开设智能手机使用课堂").contains(&"智能手机使用".to_owned()));
    }

    #[test]
    fn the_same_thing_in_other_words_is_named_as_a_bridge() {
        let lex = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             猕猴桃\tproduct\t农产品>水果\t奇异果|毛桃\t\n\
             冷库\tinfrastructure\t设施\t冷藏库\t\n",
        )
        .expect("parses");
        assert_eq!(lex.bridges("奇异果两百吨", "收购猕猴桃", 3), vec![("奇异果", "猕猴桃")]);
        assert_eq!(lex.bridges("村里想建冷裤", "援建冷库", 3), vec![("冷裤", "冷库")]);
        assert!(lex.bridges("猕猴桃两百吨", "收购猕猴桃", 3).is_empty(), "the same word needs no bridge");
        assert!(lex.bridges("奇异果两百吨", "收购奇异果和猕猴桃", 3).is_empty());
        assert!(lex.bridges("奇异果两百吨", "收购稻谷", 3).is_empty());
        // A mistyped word is said to be the word meant, and two other names of one entry are
        // not said to be each other: each is the entry's standard name (an outside walk read
        // 「“迷猴桃”即“奉新猕猴桃”」 and 「“鱼死了”即“鱼塘水质”」).
        let lex = Lexicon::builtin();
        assert_eq!(lex.bridges("迷猴桃两百吨卖不掉", "收购奉新猕猴桃", 3), vec![("迷猴桃", "猕猴桃")]);
        assert_eq!(lex.bridges("塘里的鱼死了好多", "鱼塘水质调节上门服务", 3), vec![("鱼死了", "水产病害防治")]);
        // A disease calls for the service that treats it; it is not that service.
        let offer = "果树病虫害统防统治上门服务";
        let b = lex.bridges_found(&lex.find_in("果园出现溃疡病"), &lex.find_in(offer), offer, 2);
        assert_eq!(b.iter().map(Bridge::words).collect::<Vec<_>>(), ["“溃疡病”对应“病虫害统防统治”"]);
        // One bridge per entry, however many of its words the need writes.
        assert_eq!(lex.bridges("想找工作，找份工作也行", "提供就业岗位", 3).len(), 1);
    }

    #[test]
    fn a_word_on_two_entries_and_a_bad_line_are_named_by_line() {
        let problems = Lexicon::parse(
            "term\tkind\tcategory\taliases\texplain\n\
             猕猴桃\tproduct\t农产品>水果\t奇异果\t\n\
             奇异果\tproduct\t农产品>水果\t\t\n\
             茶叶\tplant\t农产品>茶叶\t\t\n\
             只有一列\n",
        )
        .expect_err("refused");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("第 3 行") && problems[0].contains("猕猴桃"), "{problems:?}");
        assert!(problems[1].starts_with("第 4 行") && problems[1].contains("plant"), "{problems:?}");
        assert!(problems[2].starts_with("第 5 行"), "{problems:?}");
    }
}
