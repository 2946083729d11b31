//! Reading uploaded Excel workbooks without trusting their size. An `.xlsx` is a zip of XML: a
//! few kilobytes may unpack to gigabytes, and a sheet with one cell at A1 and one at XFD1048576
//! is read by calamine as the whole rectangle between them (17 billion cells). So before a
//! workbook is opened its parts' unpacked sizes are added up, and before a sheet is read whole
//! its cells are walked once to find the rectangle they span.

use std::io::{Read, Seek};

use calamine::{Reader, Xlsx};

/// The most a workbook's parts may unpack to.
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;
/// The most cells the rectangle of a sheet read whole may hold.
pub const MAX_CELLS: u64 = 2_000_000;

/// Refuses a workbook whose parts unpack to more than [`MAX_UNPACKED`] (as the zip says; a
/// part that unpacks to more than it says fails its checksum when read).
pub fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| "不是可读的 .xlsx 文件".to_owned())?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|_| "不是可读的 .xlsx 文件".to_owned())?;
        total = total.saturating_add(part.size());
    }
    if total > MAX_UNPACKED {
        return Err(format!(
            "工作簿解压后过大（{} MB，最多 {} MB）：请只保留要导入的表格",
            total.div_ceil(1024 * 1024),
            MAX_UNPACKED / 1024 / 1024
        ));
    }
    Ok(())
}

/// Refuses a sheet whose cells span more than [`MAX_CELLS`] (rows × columns from the first
/// to the last cell written), before it is read whole.
pub fn check_sheet<RS: Read + Seek>(book: &mut Xlsx<RS>, name: &str) -> Result<(), String> {
    let mut cells = book.worksheet_cells_reader(name).map_err(|_| format!("读不出工作表「{name}」"))?;
    let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
    while let Some(cell) = cells.next_cell().map_err(|_| format!("读不出工作表「{name}」"))? {
        let (r, c) = cell.get_position();
        rows = (rows.0.min(r), rows.1.max(r));
        cols = (cols.0.min(c), cols.1.max(c));
    }
    if rows.0 > rows.1 {
        return Ok(());
    }
    let span = u64::from(rows.1 - rows.0 + 1) * u64::from(cols.1 - cols.0 + 1);
    if span > MAX_CELLS {
        return Err(format!(
            "工作表「{name}」过大：从第 {} 行到第 {} 行、共 {} 列，超过 {} 万个单元格；请删去表格以外的内容后重新上传",
            rows.0 + 1,
            rows.1 + 1,
            cols.1 - cols.0 + 1,
            MAX_CELLS / 10_000
        ));
    }
    Ok(())
}

/// The first sheet of a workbook as rows of text (a cell's value as written; tabs and line
/// breaks in a cell become spaces), one entry per sheet row from the first, empty rows kept
/// so that a row's place is its number in Excel; at most `max_rows` rows and `max_cols` columns
/// (more is refused, naming the limit).
pub fn first_sheet_rows(bytes: &[u8], max_rows: u32, max_cols: u32) -> Result<Vec<Vec<String>>, String> {
    use calamine::Data;
    check_zip(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| "不是可读的 .xlsx 文件".to_owned())?;
    let Some(sheet) = book.sheet_names().first().cloned() else { return Err("工作簿里没有工作表".to_owned()) };
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(|_| format!("读不出工作表「{sheet}」"))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(|_| format!("读不出工作表「{sheet}」"))? {
        let (r, c) = cell.get_position();
        let text = match Data::from(cell.get_value().clone()) {
            Data::Empty => continue,
            Data::String(s) => s.replace(['\t', '\n', '\r'], " ").trim().to_owned(),
            other => other.to_string(),
        };
        if text.is_empty() {
            continue;
        }
        if r >= max_rows {
            return Err(format!("工作表「{sheet}」最多 {max_rows} 行（第 {} 行还有内容）", r + 1));
        }
        if c >= max_cols {
            return Err(format!("工作表「{sheet}」最多 {max_cols} 列（第 {} 行第 {} 列还有内容）", r + 1, c + 1));
        }
        let (r, c) = (r as usize, c as usize);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use calamine::Reader as _;

    /// A workbook of one sheet whose cells are written as given (`(reference, text)`).
    fn book(cells: &[(&str, &str)]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        let mut put = |name: &str, body: String| {
            zip.start_file(name, opts).expect("part");
            zip.write_all(body.as_bytes()).expect("write");
        };
        put("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned());
        put("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned());
        put("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="词库" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned());
        put("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned());
        let rows: String = cells
            .iter()
            .map(|(at, text)| {
                let row: String = at.chars().skip_while(|c| c.is_ascii_alphabetic()).collect();
                format!(r#"<row r="{row}"><c r="{at}" t="inlineStr"><is><t>{text}</t></is></c></row>"#)
            })
            .collect();
        put(
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
            ),
        );
        zip.finish().expect("zip");
        out.into_inner()
    }

    #[test]
    fn a_sheet_is_read_row_by_row_and_far_cells_are_refused_before_anything_is_built() {
        let rows =
            super::first_sheet_rows(&book(&[("A1", "term"), ("B1", "kind"), ("A3", "大米")]), 10, 5).expect("read");
        assert_eq!(rows, vec![vec!["term".to_owned(), "kind".to_owned()], vec![], vec!["大米".to_owned()]]);
        // One cell at the sheet's last place: refused by its place, nothing of that size made.
        let far = book(&[("A1", "term"), ("XFD1048576", "x")]);
        let why = super::first_sheet_rows(&far, 5001, 16).expect_err("too far");
        assert!(why.contains("最多 5001 行"), "{why}");
        let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(far)).expect("opens");
        let why = super::check_sheet(&mut wb, "词库").expect_err("too large to read whole");
        assert!(why.contains("超过 200 万个单元格"), "{why}");
        let why = super::first_sheet_rows(&book(&[("A1", "term"), ("Q1", "x")]), 10, 16).expect_err("too wide");
        assert!(why.contains("最多 16 列"), "{why}");
    }

    #[test]
    fn a_workbook_that_unpacks_too_large_is_refused_unopened() {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file("xl/sharedStrings.xml", zip::write::SimpleFileOptions::default()).expect("part");
        let block = vec![b'a'; 1024 * 1024];
        for _ in 0..65 {
            zip.write_all(&block).expect("write");
        }
        zip.finish().expect("zip");
        let bytes = out.into_inner();
        assert!(bytes.len() < 1024 * 1024, "precondition: small packed ({} bytes)", bytes.len());
        let why = super::check_zip(&bytes).expect_err("too large unpacked");
        assert!(why.contains("解压后过大（65 MB，最多 64 MB）"), "{why}");
        assert!(super::check_zip(b"not a zip").is_err());
    }
}
