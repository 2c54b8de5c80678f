//! JSON Lines: redact only the values at the `--field` paths, keep every other byte.
//!
//! # How the rest of a line stays byte-for-byte intact
//!
//! A line is never re-serialised. It is validated with `serde_json` (so malformed lines are
//! reported exactly as a JSON parser sees them), then walked once by [`Spans`], a small scanner
//! that records the byte span of each value whose path matches a field. Only those spans are
//! rewritten; the bytes between them (keys, whitespace, number formats, key order, other
//! escapes) are copied unchanged.
//!
//! A matched string is decoded by `serde_json`, redacted, and, only if something was found,
//! encoded again as a JSON string: the new value has the same meaning, and the encoder keeps
//! the original's escaping style where it can tell (`\uXXXX` for non-ASCII, `\/`, `\u003c` for
//! HTML-safe output). A matched string without findings keeps its exact bytes. A matched
//! number with findings becomes a string (a number cannot hold `[PHONE]`).

use crate::process::{FileStats, Io, Settings, Stop, Worker};
use crate::Failure;
use serde::de::IgnoredAny;
use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, Write};

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    /// `[]`: every element.
    AnyIndex,
    /// `[N]`: one element.
    Index(usize),
}

/// A parsed `--field` path such as `comments[].body`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldPath {
    steps: Vec<Step>,
    text: String,
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FieldPath {
    /// Parses `key(.key)*` where each key may be followed by `[]` or `[N]` (also at the start:
    /// `[].body` for lines that are arrays).
    ///
    /// # Errors
    /// A usage error naming the path.
    pub(crate) fn parse(text: &str) -> Result<FieldPath, Failure> {
        let bad = |why: &str| Failure::usage(format!("--field {text:?}: {why}"));
        let mut steps = Vec::new();
        let mut rest = text;
        let mut first = true;
        while !rest.is_empty() || first {
            if !first {
                rest = rest
                    .strip_prefix('.')
                    .ok_or_else(|| bad("expected `.` after `]`"))?;
            }
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let key = &rest[..end];
            if key.contains(']') {
                return Err(bad("unmatched `]`"));
            }
            if key.is_empty() && !(first && rest.starts_with('[')) {
                return Err(bad("empty key"));
            }
            if !key.is_empty() {
                steps.push(Step::Key(key.to_string()));
            }
            rest = &rest[end..];
            while let Some(after) = rest.strip_prefix('[') {
                let close = after.find(']').ok_or_else(|| bad("unclosed `[`"))?;
                let inside = &after[..close];
                steps.push(if inside.is_empty() {
                    Step::AnyIndex
                } else {
                    Step::Index(
                        inside
                            .parse()
                            .map_err(|_| bad("expected `[]` or `[N]` with a number N"))?,
                    )
                });
                rest = &after[close + 1..];
            }
            first = false;
        }
        if steps.is_empty() {
            return Err(bad("empty path"));
        }
        Ok(FieldPath {
            steps,
            text: text.to_string(),
        })
    }

    /// True when this path names `path` or an object or array that contains it.
    fn covers(&self, path: &[Seg]) -> bool {
        self.steps.len() <= path.len()
            && self
                .steps
                .iter()
                .zip(path)
                .all(|(step, seg)| match (step, seg) {
                    (Step::Key(k), Seg::Key(s)) => k == s,
                    (Step::AnyIndex, Seg::Index(_)) => true,
                    (Step::Index(n), Seg::Index(i)) => n == i,
                    _ => false,
                })
    }
}

/// One step of the path to a value in a line.
enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

/// A value in a line that some field path covers.
#[derive(Debug, PartialEq)]
struct Match {
    /// The value's bytes, quotes included for strings.
    start: usize,
    end: usize,
    is_string: bool,
    /// The first field that covers it.
    field: usize,
    /// Where it is, e.g. `comments[2].body`, for `--check`.
    path: String,
}

/// Finds the spans of the matched values in a line that `serde_json` has already accepted (so
/// the grammar is known good and nesting is at most its recursion limit of 128). Still, every
/// index is checked: an unexpected byte ends the walk with `None`, never a panic.
struct Spans<'a, 'f> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
    fields: &'f [FieldPath],
    path: Vec<Seg<'a>>,
    found: Vec<Match>,
}

impl<'a> Spans<'a, '_> {
    fn scan(line: &'a str, fields: &[FieldPath]) -> Option<Vec<Match>> {
        let mut sp = Spans {
            b: line.as_bytes(),
            s: line,
            i: 0,
            fields,
            path: Vec::new(),
            found: Vec::new(),
        };
        sp.value()?;
        Some(sp.found)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek()? == byte).then(|| self.i += 1)
    }

    /// Skips a string starting at the current `"`; returns its span with quotes.
    fn string(&mut self) -> Option<(usize, usize)> {
        let start = self.i;
        self.i += 1;
        loop {
            let rest = self.b.get(self.i..)?;
            self.i += memchr::memchr2(b'"', b'\\', rest)?;
            if self.peek()? == b'\\' {
                self.i += 2;
            } else {
                self.i += 1;
                return Some((start, self.i));
            }
        }
    }

    fn value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'{' => {
                self.i += 1;
                self.ws();
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    let (ks, ke) = self.string()?;
                    let raw = self.s.get(ks + 1..ke - 1)?;
                    let key = if raw.contains('\\') {
                        Cow::Owned(serde_json::from_str::<String>(self.s.get(ks..ke)?).ok()?)
                    } else {
                        Cow::Borrowed(raw)
                    };
                    self.eat(b':')?;
                    self.path.push(Seg::Key(key));
                    self.value()?;
                    self.path.pop();
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                self.ws();
                if self.peek()? == b']' {
                    self.i += 1;
                    return Some(());
                }
                let mut n = 0;
                loop {
                    self.path.push(Seg::Index(n));
                    self.value()?;
                    self.path.pop();
                    self.ws();
                    match self.peek()? {
                        b',' => {
                            self.i += 1;
                            n += 1;
                        }
                        b']' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => {
                let (s, e) = self.string()?;
                self.leaf(s, e, true);
                Some(())
            }
            first => {
                let s = self.i;
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.i += 1;
                }
                if first == b'-' || first.is_ascii_digit() {
                    self.leaf(s, self.i, false);
                }
                Some(())
            }
        }
    }

    fn leaf(&mut self, start: usize, end: usize, is_string: bool) {
        if let Some(field) = self.fields.iter().position(|f| f.covers(&self.path)) {
            let mut path = String::new();
            for seg in &self.path {
                match seg {
                    Seg::Key(k) => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(k);
                    }
                    Seg::Index(i) => path.push_str(&format!("[{i}]")),
                }
            }
            self.found.push(Match {
                start,
                end,
                is_string,
                field,
                path,
            });
        }
    }
}

/// How the original string was escaped, so a rewritten value looks like its neighbours.
#[derive(Clone, Copy, Default)]
struct Style {
    /// `\uXXXX` for every non-ASCII character (Python's `json.dumps` default, PHP).
    ascii: bool,
    /// `\/` for `/` (PHP).
    slash: bool,
    /// `\u003c`, `\u003e`, `\u0026` for `<`, `>`, `&` (Go's HTML-safe default).
    html: bool,
}

impl Style {
    fn of(raw: &[u8]) -> Style {
        let has = |needle: &[u8]| {
            raw.windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle))
        };
        Style {
            ascii: raw.is_ascii() && has(b"\\u"),
            slash: has(b"\\/"),
            html: has(b"\\u003c") || has(b"\\u003e") || has(b"\\u0026"),
        }
    }
}

/// Appends `s` as a JSON string literal in `style`.
fn encode(s: &str, style: Style, out: &mut Vec<u8>) {
    fn u(out: &mut Vec<u8>, unit: u16) {
        out.extend_from_slice(format!("\\u{unit:04x}").as_bytes());
    }
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            '/' if style.slash => out.extend_from_slice(b"\\/"),
            '<' | '>' | '&' if style.html => u(out, c as u16),
            c if (c as u32) < 0x20 => u(out, c as u16),
            c if style.ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    u(out, *unit);
                }
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// Redacts the field values of every line of `input`.
pub(crate) fn process(
    w: &mut Worker,
    s: &Settings,
    fields: &[FieldPath],
    io: &Io,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    stats: &mut FileStats,
) -> Result<(), Stop> {
    let mut line = Vec::new();
    let mut rewritten = Vec::new();
    let mut lineno = 0;
    loop {
        if s.should_stop() {
            return Err(Stop::Cancelled);
        }
        line.clear();
        let n = input
            .read_until(b'\n', &mut line)
            .map_err(|e| io.read_err(&e))?;
        if n == 0 {
            break;
        }
        lineno += 1;
        stats.bytes_in += n as u64;
        s.ui.advance(n as u64);
        let body_len = line.len() - usize::from(line.last() == Some(&b'\n'));
        // A byte order mark (Windows exports) is kept, and not parsed as JSON.
        let bom = if lineno == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            3.min(body_len)
        } else {
            0
        };
        let body = &line[bom..body_len];
        if body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            // Blank lines are not records; keep them as they are.
            out.write_all(&line).map_err(|e| io.write_err(&e))?;
            continue;
        }
        stats.records += 1;
        rewritten.clear();
        rewritten.extend_from_slice(&line[..bom]);
        match rewrite(w, s, fields, io, body, lineno, &mut rewritten, stats) {
            Ok(()) => {
                rewritten.extend_from_slice(&line[body_len..]);
                out.write_all(&rewritten).map_err(|e| io.write_err(&e))?;
                stats.flush_locations(s, false)?;
            }
            Err(message) => io.malformed(s, stats, lineno, message)?,
        }
    }
    Ok(())
}

/// Writes `body` with its matched values redacted to `out`; on a malformed line returns a
/// message that names the problem and column, never the content.
#[allow(clippy::too_many_arguments)]
fn rewrite(
    w: &mut Worker,
    s: &Settings,
    fields: &[FieldPath],
    io: &Io,
    body: &[u8],
    lineno: usize,
    out: &mut Vec<u8>,
    stats: &mut FileStats,
) -> Result<(), String> {
    let text = std::str::from_utf8(body)
        .map_err(|e| format!("not UTF-8 (column {})", e.valid_up_to() + 1))?;
    serde_json::from_str::<IgnoredAny>(text).map_err(|e| match e.classify() {
        // Syntax and EOF messages are fixed texts plus a position.
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            let text = e.to_string();
            let what = text.split(" at line ").next().unwrap_or("syntax error");
            format!("malformed JSON (column {}): {what}", e.column())
        }
        _ => format!("malformed JSON at column {}", e.column()),
    })?;
    let matches = Spans::scan(text, fields).ok_or("malformed JSON")?;
    let mut last = 0;
    // Decoded and redacted values are gathered first, so a bad escape late in the line
    // leaves nothing half-written.
    let mut changes: Vec<(usize, usize, Vec<u8>)> = Vec::new();
    for m in &matches {
        stats.field_hits[m.field] += 1;
        let raw = &text[m.start..m.end];
        let value: Cow<str> =
            if m.is_string {
                if raw.contains('\\') {
                    Cow::Owned(serde_json::from_str::<String>(raw).map_err(|e| {
                        format!("bad string escape at column {}", m.start + e.column())
                    })?)
                } else {
                    Cow::Borrowed(&raw[1..raw.len() - 1])
                }
            } else {
                Cow::Borrowed(raw)
            };
        let findings = w.redact_value(&m.path, value.as_bytes());
        if findings.is_empty() {
            continue;
        }
        for f in &findings {
            stats.count(f.kind);
            if s.locate {
                stats.locations.push(format!(
                    "{}:{lineno}: {} in {}",
                    io.name,
                    s.kind_name(f.kind),
                    m.path
                ));
            }
        }
        let redacted = String::from_utf8_lossy(&w.value_out);
        let mut enc = Vec::with_capacity(redacted.len() + 2);
        encode(&redacted, Style::of(raw.as_bytes()), &mut enc);
        changes.push((m.start, m.end, enc));
    }
    for (start, end, enc) in changes {
        out.extend_from_slice(&body[last..start]);
        out.extend_from_slice(&enc);
        last = end;
    }
    out.extend_from_slice(&body[last..]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<FieldPath> {
        list.iter().map(|p| FieldPath::parse(p).unwrap()).collect()
    }

    fn spans(line: &str, list: &[&str]) -> Vec<(String, String)> {
        Spans::scan(line, &paths(list))
            .unwrap()
            .into_iter()
            .map(|m| (m.path, line[m.start..m.end].to_string()))
            .collect()
    }

    #[test]
    fn parses_paths() {
        let p = FieldPath::parse("comments[].body").unwrap();
        assert_eq!(
            p.steps,
            vec![
                Step::Key("comments".into()),
                Step::AnyIndex,
                Step::Key("body".into())
            ]
        );
        assert_eq!(
            FieldPath::parse("[2].a[][1]").unwrap().steps,
            vec![
                Step::Index(2),
                Step::Key("a".into()),
                Step::AnyIndex,
                Step::Index(1)
            ]
        );
        for bad in ["", "a..b", "a.", ".a", "a[", "a[x]", "a]b", "a[]b", "a[]."] {
            assert!(FieldPath::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn finds_nested_values() {
        let line = r#"{"id": 7, "subject": "hi", "comments": [{"body": "a\"b", "n": 1}, {"body": "c"}], "body": 5}"#;
        assert_eq!(
            spans(line, &["comments[].body"]),
            vec![
                ("comments[0].body".into(), r#""a\"b""#.into()),
                ("comments[1].body".into(), r#""c""#.into())
            ]
        );
        assert_eq!(
            spans(line, &["comments[1]"]),
            vec![("comments[1].body".into(), r#""c""#.into())]
        );
        assert_eq!(
            spans(line, &["body", "id"]),
            vec![("id".into(), "7".into()), ("body".into(), "5".into())]
        );
        assert!(spans(line, &["nope", "subject.x", "comments.body"]).is_empty());
        assert_eq!(
            spans(r#"[{"b":"x"},{"b":"y"}]"#, &["[1].b"]),
            vec![("[1].b".into(), r#""y""#.into())]
        );
        assert_eq!(
            spans(r#"{"a\u0062":"x"}"#, &["ab"]),
            vec![("ab".into(), r#""x""#.into())]
        );
    }

    #[test]
    fn encodes_in_the_original_style() {
        let enc = |s: &str, raw: &str| {
            let mut out = Vec::new();
            encode(s, Style::of(raw.as_bytes()), &mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(enc("a\"b\n\u{1}é", r#""plain""#), "\"a\\\"b\\n\\u0001é\"");
        assert_eq!(enc("é😀", r#""caf\u00e9""#), r#""\u00e9\ud83d\ude00""#);
        assert_eq!(
            enc("<p>a/b</p>", r#""\u003cp\u003e x\/y""#),
            r#""\u003cp\u003ea\/b\u003c\/p\u003e""#
        );
        for s in ["plain", "a\"b\\c\n\t\u{0}", "é😀<&>/"] {
            for raw in [r#""x""#, r#""\u00e9""#, r#""\/\u003c""#] {
                let back: String = serde_json::from_str(&enc(s, raw)).unwrap();
                assert_eq!(back, s);
            }
        }
    }
}
