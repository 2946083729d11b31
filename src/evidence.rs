//! Evidence files: what they are (judged by their bytes), the public copy without the GPS
//! metadata of phone photos, and where their bytes are kept — in the database, so every node
//! serves every file, a backup holds them, and a report is saved with its files or not at all.

use chrono::{DateTime, Utc};
use entity::evidence_blob;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

/// The largest evidence file accepted.
pub const MAX_EVIDENCE_BYTES: usize = 8 * 1024 * 1024;

/// What the bytes of a file are, judged from the bytes themselves (not the name or the
/// browser's word).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// A JPEG without its EXIF (APP1) segments, where cameras and phones put GPS coordinates; the
/// copy shown publicly. Other files are returned as they are.
pub fn without_exif(bytes: &[u8]) -> Vec<u8> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return bytes.to_vec();
    }
    let mut out = vec![0xFF, 0xD8];
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        // Start of scan: the compressed image follows to the end.
        if marker == 0xDA {
            break;
        }
        let len = usize::from(bytes[i + 2]) << 8 | usize::from(bytes[i + 3]);
        let end = (i + 2 + len).min(bytes.len());
        let is_exif = marker == 0xE1 && bytes.get(i + 4..i + 10) == Some(b"Exif\0\0".as_slice());
        if !is_exif {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
    out.extend_from_slice(&bytes[i.min(bytes.len())..]);
    out
}

/// Keeps `bytes` under `key` (idempotent: a key is a content hash, the same key the same bytes).
pub async fn put<C: ConnectionTrait>(db: &C, key: &str, bytes: &[u8], now: DateTime<Utc>) -> Result<(), DbErr> {
    use sea_orm::sea_query::OnConflict;
    evidence_blob::Entity::insert(evidence_blob::ActiveModel {
        key: Set(key.to_owned()),
        size_bytes: Set(bytes.len() as i64),
        bytes: Set(bytes.to_vec()),
        created_at: Set(now),
    })
    .on_conflict(OnConflict::column(evidence_blob::Column::Key).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The bytes kept under `key`, if any.
pub async fn get<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<Vec<u8>>, DbErr> {
    Ok(evidence_blob::Entity::find_by_id(key.to_owned()).one(db).await?.map(|b| b.bytes))
}

/// Takes the files of the evidence folder that versions before the database store wrote
/// (`evidence/` in the data folder, one file per key) into the database, once: files already
/// there are skipped, so this is safe at every start. Returns how many were taken in.
pub async fn adopt_folder(db: &sea_orm::DatabaseConnection, dir: &std::path::Path) -> anyhow::Result<u64> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(0) };
    let mut taken = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(key) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        if !path.is_file() || key.ends_with(".tmp") || key.len() > 80 {
            continue;
        }
        if evidence_blob::Entity::find_by_id(key.clone()).one(db).await?.is_some() {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let txn = crate::db::write(db).await?;
        put(&txn, &key, &bytes, Utc::now()).await?;
        txn.commit().await?;
        taken += 1;
    }
    if taken > 0 {
        tracing::info!(files = taken, dir = %dir.display(), "evidence files taken into the database");
    }
    Ok(taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_judged_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"<html>not a photo</html>"), None);
    }

    #[test]
    fn exif_is_removed_from_the_public_copy() {
        let mut jpeg = vec![0xFF, 0xD8];
        let exif = b"Exif\0\0GPS 28.1N 114.5E";
        jpeg.extend_from_slice(&[0xFF, 0xE1, 0, (exif.len() + 2) as u8]);
        jpeg.extend_from_slice(exif);
        jpeg.extend_from_slice(&[0xFF, 0xDB, 0, 4, 1, 2]);
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0, 2, 9, 9, 0xFF, 0xD9]);
        let public = without_exif(&jpeg);
        assert!(!public.windows(4).any(|w| w == b"Exif"));
        assert!(public.ends_with(&[0xFF, 0xDA, 0, 2, 9, 9, 0xFF, 0xD9]), "the image itself is kept");
        assert!(public.windows(4).any(|w| w == [0xFF, 0xDB, 0, 4]));
    }
}
