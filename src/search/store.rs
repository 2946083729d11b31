//! Where the index lives: one generation of tantivy files at a time, in its own folder under
//! the index directory (`CURRENT` names it), or in memory. A generation that cannot be opened
//! whole (missing or damaged segment files, another schema, an unreadable `meta.json`) is
//! replaced by a new, empty one to be rebuilt; a rebuild writes a new generation beside the
//! live one and switches to it when it is complete, so searches never see a half-built index.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use super::{Fields, TOKENIZER, analyzer, schema};

const WRITER_MEMORY: usize = 50_000_000;
const CURRENT: &str = "CURRENT";

/// What a generation's last commit says it reflects: the database it was built from and the
/// last outbox sequence applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    pub instance: String,
    pub seq: i64,
}

impl Mark {
    fn encode(&self) -> String {
        format!("{}:{}", self.instance, self.seq)
    }

    fn decode(s: &str) -> Option<Self> {
        let (instance, seq) = s.rsplit_once(':')?;
        Some(Self { instance: instance.to_owned(), seq: seq.parse().ok()? })
    }
}

/// One generation of the index: its files, reader and writer.
pub struct Generation {
    pub index: Index,
    pub reader: IndexReader,
    /// `None` after a failed write: the next write opens a new writer from the last commit.
    writer: Mutex<Option<IndexWriter>>,
    /// Its folder (`None` in memory).
    pub path: Option<PathBuf>,
    /// What its last commit said when it was opened (`None`: never completed — rebuild it).
    pub mark: Option<Mark>,
    f: Fields,
}

/// Why opening failed in a way a rebuild cannot mend.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("搜索索引目录 {0} 正被另一个进程（运行中的服务）使用：请先停止它。")]
    Busy(PathBuf),
    #[error("搜索索引目录 {path} 不可用：{reason}")]
    Dir { path: PathBuf, reason: String },
}

/// More segments than this, and the smallest are merged.
const MAX_SEGMENTS: usize = 12;
/// The largest segments a merge leaves alone.
const KEEP_LARGEST: usize = 4;

fn writer_of(index: &Index, in_memory: bool) -> tantivy::Result<IndexWriter> {
    // An in-memory index (tests, evaluation) is written by one thread, so documents keep their
    // order and equal scores rank the same way every run.
    let w: IndexWriter =
        if in_memory { index.writer_with_num_threads(1, WRITER_MEMORY / 2)? } else { index.writer(WRITER_MEMORY)? };
    // No merges in the background: the crash test found a merge that ran beside a delete bring
    // an old version of a document back (1 run in 40 left a listing indexed twice). Merges run
    // here instead, between batches, while nothing else writes (`Generation::merge_small`).
    w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    Ok(w)
}

fn is_busy(e: &TantivyError) -> bool {
    matches!(e, TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _))
}

impl Generation {
    fn from_index(index: Index, path: Option<PathBuf>, f: Fields) -> tantivy::Result<Self> {
        index.tokenizers().register(TOKENIZER, analyzer());
        let writer = writer_of(&index, path.is_none())?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let mark = index.load_metas()?.payload.as_deref().and_then(Mark::decode);
        Ok(Self { index, reader, writer: Mutex::new(Some(writer)), path, mark, f })
    }

    /// A new, empty generation in memory.
    pub fn in_memory() -> anyhow::Result<Self> {
        let (schema, f) = schema();
        Ok(Self::from_index(Index::create_in_ram(schema), None, f)?)
    }

    /// Opens the current generation under `dir`, or makes a new empty one (its `mark` is then
    /// `None`) when there is none or it cannot be opened whole.
    pub fn open(dir: &Path) -> Result<Self, OpenError> {
        let dir_err = |e: std::io::Error| OpenError::Dir { path: dir.to_owned(), reason: e.to_string() };
        std::fs::create_dir_all(dir).map_err(dir_err)?;
        let current = std::fs::read_to_string(dir.join(CURRENT)).ok().map(|s| s.trim().to_owned());
        if let Some(name) = current.filter(|n| !n.is_empty() && !n.contains('/') && !n.contains('.')) {
            let path = dir.join(&name);
            let (schema, f) = schema();
            let opened = Index::open_in_dir(&path).and_then(|index| {
                if index.schema() != schema {
                    return Err(TantivyError::SchemaError("another schema".into()));
                }
                let g = Self::from_index(index, Some(path.clone()), f)?;
                // Open every segment now: a missing or truncated file fails here, not on the
                // first search.
                let searcher = g.reader.searcher();
                for seg in searcher.segment_readers() {
                    seg.get_fieldnorms_reader(f.title)?;
                    seg.inverted_index(f.title)?;
                    seg.inverted_index(f.body)?;
                }
                Ok(g)
            });
            match opened {
                Ok(g) => return Ok(g),
                Err(e) if is_busy(&e) => return Err(OpenError::Busy(path)),
                Err(e) => {
                    tracing::warn!(dir = %path.display(), error = %e, "search index cannot be opened: rebuilding")
                }
            }
        }
        Self::create(dir).map_err(|e| match e {
            e if is_busy(&e) => OpenError::Busy(dir.to_owned()),
            e => OpenError::Dir { path: dir.to_owned(), reason: e.to_string() },
        })
    }

    /// A new, empty generation under `dir`, made current; everything else in `dir` is removed.
    fn create(dir: &Path) -> tantivy::Result<Self> {
        let g = Self::create_beside(dir)?;
        g.make_current(dir)?;
        Ok(g)
    }

    /// A new, empty generation under `dir` that is not current yet (a rebuild fills it first).
    pub fn create_beside(dir: &Path) -> tantivy::Result<Self> {
        let name = format!("g{}", uuid::Uuid::new_v4().simple());
        let path = dir.join(&name);
        std::fs::create_dir_all(&path)?;
        let (schema, f) = schema();
        Self::from_index(Index::create_in_dir(&path, schema)?, Some(path), f)
    }

    /// Points `CURRENT` at this generation (written whole, then renamed) and removes the others.
    pub fn make_current(&self, dir: &Path) -> std::io::Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let tmp = dir.join(format!("{CURRENT}.tmp"));
        std::fs::write(&tmp, name)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, dir.join(CURRENT))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        for entry in std::fs::read_dir(dir)?.flatten() {
            let p = entry.path();
            if p == *path || p.file_name().is_some_and(|n| n == CURRENT || n == "CLEAN") {
                continue;
            }
            let _ = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
        }
        Ok(())
    }

    /// Applies one batch — deletes by key, then adds — and commits it with `mark`; then checks
    /// that every touched key is in the new searcher exactly as often as it should be (once if
    /// added, never if only deleted). Any failure drops the writer (the next batch starts from
    /// the last good commit) and leaves the mark where it was — written back as `previous` if
    /// the check fails after the commit — so the batch is applied again, even after a crash.
    pub fn apply(
        &self,
        deletes: &[String],
        adds: Vec<(String, TantivyDocument)>,
        clear: bool,
        mark: Option<&Mark>,
        previous: Option<&Mark>,
    ) -> anyhow::Result<()> {
        let in_memory = self.path.is_none();
        let mut expected: BTreeMap<String, u64> = deletes.iter().map(|k| (k.clone(), 0)).collect();
        {
            let mut guard = self.writer.lock().map_err(|_| anyhow::anyhow!("search index writer poisoned"))?;
            if guard.is_none() {
                *guard = Some(writer_of(&self.index, in_memory)?);
            }
            let w = guard.as_mut().ok_or_else(|| anyhow::anyhow!("no index writer"))?;
            let result = (|| -> tantivy::Result<()> {
                if clear {
                    w.delete_all_documents()?;
                }
                for k in deletes {
                    w.delete_term(Term::from_field_text(self.f.key, k));
                }
                for (k, d) in adds {
                    w.add_document(d)?;
                    *expected.entry(k).or_default() += 1;
                }
                let mut prepared = w.prepare_commit()?;
                if let Some(m) = mark {
                    prepared.set_payload(&m.encode());
                }
                prepared.commit()?;
                Ok(())
            })();
            if let Err(e) = result {
                // Whatever the writer holds now is suspect; a new one starts from the last commit.
                *guard = None;
                return Err(anyhow::anyhow!("search index write failed: {e}"));
            }
        }
        self.merge_small()?;
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        for (k, want) in &expected {
            let q = TermQuery::new(Term::from_field_text(self.f.key, k), IndexRecordOption::Basic);
            let got = searcher.search(&q, &Count)? as u64;
            if got != *want {
                if let Ok(mut guard) = self.writer.lock() {
                    // The commit's mark claims a batch the index does not hold: put the mark
                    // back, then start from a new writer.
                    if let (Some(w), Some(p)) = (guard.as_mut(), previous)
                        && let Ok(mut prepared) = w.prepare_commit()
                    {
                        prepared.set_payload(&p.encode());
                        let _ = prepared.commit();
                    }
                    *guard = None;
                }
                anyhow::bail!("search index lost a write: {k} is there {got} times, expected {want}");
            }
        }
        Ok(())
    }

    /// Merges the smallest segments into one when there are more than [`MAX_SEGMENTS`] (and any
    /// segment that is mostly replaced versions), under
    /// the writer's lock, so no delete or commit runs beside the merge. The commit's mark is
    /// kept (a merge saves the last commit's payload).
    fn merge_small(&self) -> anyhow::Result<()> {
        let mut metas = self.index.searchable_segment_metas()?;
        // A large segment full of replaced versions is worth rewriting too.
        let stale =
            |m: &tantivy::index::SegmentMeta| m.num_deleted_docs() > 1000 && m.num_deleted_docs() * 3 > m.max_doc();
        if metas.len() <= MAX_SEGMENTS && !metas.iter().any(stale) {
            return Ok(());
        }
        metas.sort_by_key(|m| m.max_doc());
        let keep = if metas.len() > MAX_SEGMENTS { metas.len() - KEEP_LARGEST } else { 0 };
        let ids: Vec<tantivy::index::SegmentId> =
            metas.iter().enumerate().filter(|(i, m)| *i < keep || stale(m)).map(|(_, m)| m.id()).collect();
        if ids.len() < 2 && !metas.iter().any(stale) {
            return Ok(());
        }
        let mut guard = self.writer.lock().map_err(|_| anyhow::anyhow!("search index writer poisoned"))?;
        let Some(w) = guard.as_mut() else { return Ok(()) };
        if let Err(e) = w.merge(&ids).wait() {
            // The segments stay as they were; the next batch tries again.
            tracing::warn!(error = %e, "search index merge failed");
        }
        Ok(())
    }

    /// Merges every segment into one (a rebuild's end, before the generation is used): a
    /// query then looks each word up once rather than once per segment.
    pub fn merge_all(&self) -> anyhow::Result<()> {
        let ids: Vec<tantivy::index::SegmentId> =
            self.index.searchable_segment_metas()?.iter().map(|m| m.id()).collect();
        if ids.len() > 1 {
            let mut guard = self.writer.lock().map_err(|_| anyhow::anyhow!("search index writer poisoned"))?;
            if let Some(w) = guard.as_mut() {
                w.merge(&ids).wait()?;
            }
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Adds documents without committing (a rebuild commits once, at the end, with its mark).
    pub fn add(&self, adds: Vec<(String, TantivyDocument)>) -> anyhow::Result<()> {
        let in_memory = self.path.is_none();
        let mut guard = self.writer.lock().map_err(|_| anyhow::anyhow!("search index writer poisoned"))?;
        if guard.is_none() {
            *guard = Some(writer_of(&self.index, in_memory)?);
        }
        let w = guard.as_mut().ok_or_else(|| anyhow::anyhow!("no index writer"))?;
        for (_, d) in adds {
            if let Err(e) = w.add_document(d) {
                *guard = None;
                anyhow::bail!("search index write failed: {e}");
            }
        }
        Ok(())
    }

    /// Files of this generation whose checksums do not match (a damaged disk or copy).
    pub fn damaged_files(&self) -> tantivy::Result<Vec<PathBuf>> {
        Ok(self.index.validate_checksum()?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::Mark;

    #[test]
    fn marks_round_trip() {
        let m = Mark { instance: "abc".into(), seq: 42 };
        assert_eq!(Mark::decode(&m.encode()), Some(m));
        assert_eq!(Mark::decode("17"), None, "the payload of older versions is not a mark: rebuild");
    }
}
