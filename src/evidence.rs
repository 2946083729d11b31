//! Evidence files: what they are (judged by their bytes), the public copy re-encoded from the
//! pixels (so no GPS position or other metadata is published), and where their bytes are kept — in the database, so every node
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

/// The longest side of a public copy: enough to read a receipt, small on a village phone.
pub const PUBLIC_MAX_SIDE: u32 = 2000;

/// The most pixels an uploaded picture may have (a 48-megapixel phone saves 12 by default; a
/// decoded picture of this size takes 160 MB).
pub const MAX_PIXELS: u64 = 40_000_000;

/// Held while a picture is decoded (see [`public_copy`]).
static DECODING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Why a file cannot be published.
#[derive(Debug, PartialEq, Eq)]
pub enum PublicCopy {
    /// The copy to publish: re-encoded from the pixels, so nothing but the picture survives.
    Image(Vec<u8>),
    /// A PDF: shown only to the parties, the office and auditors, never published.
    Private,
}

/// The copy of an evidence file that may be shown to the public. Images are decoded and
/// encoded again from their pixels (turned upright first, shrunk to [`PUBLIC_MAX_SIDE`]), so
/// no metadata survives wherever it hid: EXIF or XMP in a JPEG, a PNG `eXIf` or text chunk, a
/// second image appended after the first. PDFs are not published. CPU-heavy: call from
/// `spawn_blocking`. An image that does not decode is refused with the reason.
pub fn public_copy(bytes: &[u8], media: &str) -> Result<PublicCopy, String> {
    use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
    let format = match media {
        "image/jpeg" => ImageFormat::Jpeg,
        "image/png" => ImageFormat::Png,
        _ => return Ok(PublicCopy::Private),
    };
    let unreadable = |e: image::ImageError| format!("图片无法读取（{e}）");
    // A small file may claim a huge picture (an outside probe sent 95 KB claiming 10000 × 10000
    // pixels: 400 MB once decoded, 3 GB for six such uploads at once). Its size is read from
    // the header and refused above a photo's before anything is decoded.
    let (width, height) =
        ImageReader::with_format(std::io::Cursor::new(bytes), format).into_dimensions().map_err(unreadable)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "图片太大（{width} × {height} 像素）：请上传不超过 {} 万像素的照片，可用手机截图或在相册里“编辑/压缩”后再传",
            MAX_PIXELS / 10_000
        ));
    }
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    // One picture decoded at a time in the whole process: uploads at once wait their turn
    // rather than each holding a decoded photo.
    let _turn = DECODING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    img.apply_orientation(orientation);
    if img.width() > PUBLIC_MAX_SIDE || img.height() > PUBLIC_MAX_SIDE {
        img = img.resize(PUBLIC_MAX_SIDE, PUBLIC_MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    let written = match format {
        ImageFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
            DynamicImage::ImageRgb8(img.to_rgb8()).write_with_encoder(encoder)
        }
        _ => img.write_to(&mut out, ImageFormat::Png),
    };
    written.map_err(|e| format!("图片无法处理（{e}）"))?;
    Ok(PublicCopy::Image(out.into_inner()))
}

/// Where the public copy of the file stored under `key` is kept (images only). The suffix is
/// new with re-encoding: copies made before it (which kept metadata) are never served.
pub fn public_key(key: &str) -> String {
    format!("{key}.public2")
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
        crate::db::commit(txn).await?;
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

    /// A small photo as a phone would save it (a gradient, so the encoder has work to do).
    fn photo(format: image::ImageFormat) -> Vec<u8> {
        let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([(x * 6) as u8, (y * 8) as u8, 120]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(img).write_to(&mut out, format).expect("encode");
        out.into_inner()
    }

    /// A JPEG APP1 segment carrying `payload`.
    fn app1(payload: &[u8]) -> Vec<u8> {
        let len = u16::try_from(payload.len() + 2).expect("short");
        [&[0xFF, 0xE1], &len.to_be_bytes()[..], payload].concat()
    }

    /// `jpeg` with `segment` right after its start marker.
    fn with_segment(jpeg: &[u8], segment: &[u8]) -> Vec<u8> {
        [&jpeg[..2], segment, &jpeg[2..]].concat()
    }

    /// A PNG chunk with its CRC (computed here, bit by bit).
    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in kind.iter().chain(data) {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        let len = u32::try_from(data.len()).expect("short");
        [&len.to_be_bytes()[..], kind, data, &(!crc).to_be_bytes()].concat()
    }

    /// The telltales of the hidden location, none of which may reach the public.
    const TELLTALES: &[&[u8]] = &[b"GPS", b"Exif", b"xap/1.0", b"eXIf", b"28.1", b"114.5"];

    fn assert_clean(public: &PublicCopy, width: u32, height: u32) {
        let PublicCopy::Image(bytes) = public else { panic!("an image is published") };
        for t in TELLTALES {
            assert!(!bytes.windows(t.len()).any(|w| w == *t), "{:?} survived", String::from_utf8_lossy(t));
        }
        let img = image::load_from_memory(bytes).expect("the copy is a picture");
        assert_eq!((img.width(), img.height()), (width, height));
    }

    #[test]
    fn the_public_copy_keeps_the_picture_and_nothing_else_wherever_the_location_hides() {
        let jpeg = photo(image::ImageFormat::Jpeg);
        let exif = app1(b"Exif\0\0MM\0*GPSLatitude 28.1N GPSLongitude 114.5E");
        let xmp = app1(b"http://ns.adobe.com/xap/1.0/\0<exif:GPSLatitude>28.1N</exif:GPSLatitude>");
        let carriers: Vec<(&str, Vec<u8>)> = vec![
            ("EXIF in APP1", with_segment(&jpeg, &exif)),
            ("XMP in APP1", with_segment(&jpeg, &xmp)),
            ("a second JPEG with EXIF appended", [jpeg.clone(), with_segment(&jpeg, &exif)].concat()),
            ("text appended after the image", [&jpeg[..], b"GPS 28.1N 114.5E"].concat()),
        ];
        for (what, bytes) in &carriers {
            assert!(bytes.windows(3).any(|w| w == b"GPS"), "{what}: the input carries a location");
            assert_clean(&public_copy(bytes, "image/jpeg").unwrap_or_else(|e| panic!("{what}: {e}")), 40, 30);
        }
        // EXIF after a stray byte: either the decoder reads past it or the file is refused;
        // never published with its location.
        let stray = [&jpeg[..2], &[0x00], &exif[..], &jpeg[2..]].concat();
        match public_copy(&stray, "image/jpeg") {
            Ok(copy) => assert_clean(&copy, 40, 30),
            Err(why) => assert!(why.contains("无法")),
        }
        let png = photo(image::ImageFormat::Png);
        let iend = png.len() - 12;
        let exif_chunk = png_chunk(b"eXIf", b"MM\0*GPSLatitude 28.1N");
        let text_chunk = png_chunk(b"tEXt", b"Comment\0GPS 28.1N 114.5E");
        let tagged = [&png[..iend], &exif_chunk, &text_chunk, &png[iend..]].concat();
        assert!(tagged.windows(4).any(|w| w == b"eXIf"));
        assert_clean(&public_copy(&tagged, "image/png").expect("png"), 40, 30);
    }

    #[test]
    fn photos_are_turned_upright_shrunk_and_pdfs_stay_private() {
        // EXIF orientation 6: the camera was held on its side; the picture is turned.
        let tiff = b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
        let rotated = with_segment(&photo(image::ImageFormat::Jpeg), &app1(tiff));
        let PublicCopy::Image(bytes) = public_copy(&rotated, "image/jpeg").expect("jpeg") else { panic!("image") };
        let img = image::load_from_memory(&bytes).expect("decode");
        assert_eq!((img.width(), img.height()), (30, 40), "turned upright");
        let big = image::RgbImage::from_pixel(PUBLIC_MAX_SIDE * 2, 100, image::Rgb([1, 2, 3]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(big).write_to(&mut out, image::ImageFormat::Png).expect("encode");
        let PublicCopy::Image(bytes) = public_copy(out.get_ref(), "image/png").expect("png") else { panic!("image") };
        let img = image::load_from_memory(&bytes).expect("decode");
        assert_eq!((img.width(), img.height()), (PUBLIC_MAX_SIDE, 50), "shrunk, proportions kept");
        assert_eq!(public_copy(b"%PDF-1.7 GPS", "application/pdf"), Ok(PublicCopy::Private));
        assert!(public_copy(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], "image/jpeg").is_err(), "a broken image is refused");
    }

    #[test]
    fn a_small_file_claiming_a_huge_picture_is_refused_before_it_is_decoded() {
        // A PNG whose header claims 10000 × 10000 pixels, with almost no data after it.
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&10_000u32.to_be_bytes());
        ihdr.extend_from_slice(&10_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        let png = [
            &b"\x89PNG\r\n\x1a\n"[..],
            &png_chunk(b"IHDR", &ihdr),
            &png_chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
            &png_chunk(b"IEND", &[]),
        ]
        .concat();
        assert!(png.len() < 100);
        let why = public_copy(&png, "image/png").expect_err("refused");
        assert!(why.contains("图片太大（10000 × 10000 像素）") && why.contains("4000 万像素"), "{why}");
    }
}
