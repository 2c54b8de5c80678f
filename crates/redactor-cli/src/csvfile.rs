//! CSV: redact only the `--field` columns, keep every other byte and its quoting.
//!
//! Parsing is `csv-core`, the parser inside the `csv` crate (same dialect: RFC 4180 quoting
//! with doubled quotes, `\r`, `\n` or `\r\n` line ends, blank lines skipped). It is used
//! directly because it reports how many input bytes each field consumed: that gives the raw
//! bytes of every field, so untouched fields (and the header, blank lines and line ends) are
//! copied exactly as they were. A field with findings is written back quoted if it was quoted
//! before or its new value needs quotes.
//!
//! A record is malformed when its field count differs from the header's or a quoted field is
//! never closed. One record is held in memory at a time.

use crate::process::{FileStats, Io, Settings, Stop, Worker};
use crate::Failure;
use csv_core::{ReadFieldResult, Reader, ReaderBuilder};
use std::io::{BufRead, Write};

/// Parses `--delimiter`: one ASCII character, or `\t`.
pub(crate) fn delimiter(text: &str) -> Result<u8, Failure> {
    match text {
        "\\t" | "\t" | "tab" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() && t != "\"" && t != "\n" && t != "\r" => {
            Ok(t.as_bytes()[0])
        }
        _ => Err(Failure::usage(format!(
            "--delimiter {text:?}: expected one ASCII character other than a quote or line end"
        ))),
    }
}

/// The record being read.
#[derive(Default)]
struct Record {
    /// Raw bytes consumed for it: blank lines before it, its fields, delimiters and line end.
    raw: Vec<u8>,
    /// End of each field's raw bytes in `raw` (delimiter or line end included).
    raw_ends: Vec<usize>,
    /// Decoded field values, back to back.
    values: Vec<u8>,
    value_ends: Vec<usize>,
}

impl Record {
    fn clear(&mut self) {
        self.raw.clear();
        self.raw_ends.clear();
        self.values.clear();
        self.value_ends.clear();
    }

    fn len(&self) -> usize {
        self.raw_ends.len()
    }

    fn value(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.value_ends[i - 1] };
        &self.values[start..self.value_ends[i]]
    }

    /// Bytes before the first field: line ends of blank lines (and the `\n` of a `\r\n`).
    fn prefix_len(&self) -> usize {
        self.raw
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count()
    }

    /// The raw bytes of field `i`, without its delimiter or line end.
    fn raw_field(&self, i: usize) -> (usize, usize) {
        let start = if i == 0 {
            self.prefix_len()
        } else {
            self.raw_ends[i - 1]
        };
        let mut end = self.raw_ends[i];
        if i + 1 < self.len() {
            end -= 1; // the delimiter
        } else if end > start && matches!(self.raw[end - 1], b'\r' | b'\n') {
            end -= 1; // the line end (csv-core takes one byte of it)
        }
        (start, end.max(start))
    }

    /// True when some quoted field is never closed (an odd number of quotes in it).
    fn unclosed_quote(&self) -> bool {
        (0..self.len()).any(|i| {
            let (s, e) = self.raw_field(i);
            let f = &self.raw[s..e];
            f.first() == Some(&b'"') && f.iter().filter(|&&b| b == b'"').count() % 2 == 1
        })
    }
}

/// Redacts the named columns of every record of `input`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn process(
    w: &mut Worker,
    s: &Settings,
    fields: &[String],
    delimiter: u8,
    io: &Io,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    stats: &mut FileStats,
) -> Result<(), Stop> {
    let mut rdr: Reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut rec = Record::default();
    let mut value_len = 0;
    rec.values.resize(1024, 0);
    let mut st = State {
        fields,
        delimiter,
        columns: None,
        drop_lf: false,
    };
    // 1-based line where `rec.raw` starts.
    let mut line = 1;
    loop {
        if s.should_stop() {
            return Err(Stop::Cancelled);
        }
        let input_buf = input.fill_buf().map_err(|e| io.read_err(&e))?;
        let (res, nin, nout) = rdr.read_field(input_buf, &mut rec.values[value_len..]);
        rec.raw.extend_from_slice(&input_buf[..nin]);
        let at_eof = input_buf.is_empty();
        input.consume(nin);
        stats.bytes_in += nin as u64;
        s.ui.advance(nin as u64);
        value_len += nout;
        match res {
            ReadFieldResult::InputEmpty => {
                if at_eof && nin == 0 && nout == 0 {
                    break; // cannot happen with csv-core; never spin
                }
            }
            ReadFieldResult::OutputFull => {
                let grown = rec.values.len() * 2;
                rec.values.resize(grown, 0);
            }
            ReadFieldResult::Field { record_end } => {
                rec.value_ends.push(value_len);
                rec.raw_ends.push(rec.raw.len());
                if record_end {
                    rec.values.truncate(value_len);
                    let lines_in = memchr::memchr_iter(b'\n', &rec.raw).count();
                    record(w, s, io, &mut st, &rec, line, out, stats)?;
                    stats.flush_locations(s, false)?;
                    line += lines_in;
                    rec.clear();
                    rec.values.resize(1024, 0);
                    value_len = 0;
                }
            }
            ReadFieldResult::End => break,
        }
    }
    // Blank lines after the last record.
    let tail = if st.drop_lf {
        rec.raw.strip_prefix(b"\n").unwrap_or(&rec.raw)
    } else {
        &rec.raw[..]
    };
    out.write_all(tail).map_err(|e| io.write_err(&e))?;
    Ok(())
}

/// What carries from record to record.
struct State<'f> {
    fields: &'f [String],
    delimiter: u8,
    /// Once the header is read: its width, and the columns to redact with the `--field` each
    /// answers, by column.
    columns: Option<(usize, Vec<(usize, usize)>)>,
    /// After a left-out record that ended in `\r`, its `\n` is left out too.
    drop_lf: bool,
}

/// Writes one complete record, redacted.
#[allow(clippy::too_many_arguments)]
fn record(
    w: &mut Worker,
    s: &Settings,
    io: &Io,
    st: &mut State,
    rec: &Record,
    line: usize,
    out: &mut dyn Write,
    stats: &mut FileStats,
) -> Result<(), Stop> {
    let fields = st.fields;
    let skip_lf = std::mem::take(&mut st.drop_lf) && rec.raw.first() == Some(&b'\n');
    let raw = &rec.raw[usize::from(skip_lf)..];
    let prefix = rec.prefix_len();
    let line = line + memchr::memchr_iter(b'\n', &rec.raw[..prefix]).count();
    let Some((width, selected)) = st.columns.as_ref() else {
        // The header: find the columns, pass it through unchanged.
        let names: Vec<String> = (0..rec.len())
            .map(|i| {
                let v = rec.value(i);
                let v = if i == 0 {
                    v.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(v)
                } else {
                    v
                };
                String::from_utf8_lossy(v).into_owned()
            })
            .collect();
        let mut sel = Vec::new();
        for (f, name) in fields.iter().enumerate() {
            let before = sel.len();
            sel.extend(
                names
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| *n == name)
                    .map(|(c, _)| (c, f)),
            );
            if sel.len() == before {
                return Err(Stop::Failed(Failure::new(
                    format!("{}:{line}: the header has no column {name:?}", io.name),
                    crate::exit::DATA,
                )));
            }
        }
        sel.sort_unstable();
        // A column named twice is redacted once.
        sel.dedup_by_key(|&mut (c, _)| c);
        st.columns = Some((rec.len(), sel));
        return out.write_all(raw).map_err(|e| io.write_err(&e));
    };
    stats.records += 1;
    let problem = if rec.len() != *width {
        Some(format!(
            "malformed CSV record: {} fields, the header has {width}",
            rec.len()
        ))
    } else if rec.unclosed_quote() {
        Some("malformed CSV record: a quoted field is never closed".to_string())
    } else {
        None
    };
    if let Some(message) = problem {
        io.malformed(s, stats, line, message)?;
        // Left out: keep the line ends before it, drop the record and its own line end.
        out.write_all(&rec.raw[usize::from(skip_lf)..prefix])
            .map_err(|e| io.write_err(&e))?;
        st.drop_lf = rec.raw.last() == Some(&b'\r');
        return Ok(());
    }
    let mut rewritten: Vec<(usize, usize, Vec<u8>)> = Vec::new();
    for &(col, f) in selected {
        stats.field_hits[f] += 1;
        let value = rec.value(col);
        let findings = w.redact_value(&fields[f], value);
        if findings.is_empty() {
            continue;
        }
        let (start, end) = rec.raw_field(col);
        for finding in &findings {
            stats.count(finding.kind);
            if s.locate {
                let at = line
                    + memchr::memchr_iter(b'\n', &rec.raw[prefix..start]).count()
                    + memchr::memchr_iter(b'\n', &value[..finding.span.start]).count();
                stats.locations.push(format!(
                    "{}:{at}: {} in column {}",
                    io.name,
                    s.kind_name(finding.kind),
                    fields[f]
                ));
            }
        }
        let was_quoted = rec.raw.get(start) == Some(&b'"');
        let mut field = Vec::with_capacity(w.value_out.len() + 2);
        quote(&w.value_out, was_quoted, st.delimiter, &mut field);
        rewritten.push((start, end, field));
    }
    let skip = usize::from(skip_lf);
    let mut last = skip;
    for (start, end, field) in rewritten {
        out.write_all(&rec.raw[last..start.max(last)])
            .map_err(|e| io.write_err(&e))?;
        out.write_all(&field).map_err(|e| io.write_err(&e))?;
        last = end.max(last);
    }
    out.write_all(&rec.raw[last..])
        .map_err(|e| io.write_err(&e))
}

/// Appends `value` as a CSV field: quoted (quotes doubled) when it was quoted before or
/// contains a delimiter, quote or line end.
fn quote(value: &[u8], was_quoted: bool, delimiter: u8, out: &mut Vec<u8>) {
    let needs = was_quoted
        || value
            .iter()
            .any(|&b| b == delimiter || b == b'"' || b == b'\r' || b == b'\n');
    if !needs {
        out.extend_from_slice(value);
        return;
    }
    out.push(b'"');
    for &b in value {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let q = |v: &str, was: bool| {
            let mut out = Vec::new();
            quote(v.as_bytes(), was, b',', &mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(q("a b", false), "a b");
        assert_eq!(q("a b", true), "\"a b\"");
        assert_eq!(q("a,b", false), "\"a,b\"");
        assert_eq!(q("say \"hi\"", false), "\"say \"\"hi\"\"\"");
        assert_eq!(q("a\nb", false), "\"a\nb\"");
    }

    #[test]
    fn delimiters() {
        assert_eq!(delimiter(",").unwrap(), b',');
        assert_eq!(delimiter("\\t").unwrap(), b'\t');
        assert_eq!(delimiter(";").unwrap(), b';');
        assert!(delimiter("\"").is_err());
        assert!(delimiter(";;").is_err());
        assert!(delimiter("é").is_err());
    }
}
