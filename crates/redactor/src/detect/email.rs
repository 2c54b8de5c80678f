//! EMAIL: addresses anchored on their `@`, or on the `%40` of an address percent-encoded as a URL
//! query value (`?email=jane.doe%40example.com&x=1`).
//!
//! # What is accepted
//!
//! RFC 5322 §3.4.1 allows far more than people write (quoted local parts, comments, `!#$%&*/=?^`
//! and friends, address literals). We accept the practical subset that mail providers hand out:
//!
//! - **Local part**: ASCII letters, digits and `. + - _ '` (a subset of RFC 5322 `atext`), at most
//!   64 octets (RFC 5321 §4.5.3.1.1), no leading, trailing or doubled dot (RFC 5322 `dot-atom`).
//!   A leading `'`, `.`, `+` or `-` is trimmed (it is a quote or a bullet, not part of the
//!   address). Any of these may be percent-encoded (`%2B` for `+`, `%2E`, `%5F`, `%27`, `%2D`;
//!   either hex case), since a URL query value encodes them.
//! - **Domain**: at least two dot-separated labels of letters, digits and inner hyphens, each at
//!   most 63 octets (RFC 1035 §2.3.4, RFC 1123 §2.1), at most 253 octets in all (RFC 1035 §2.3.4;
//!   RFC 5321 §4.5.3.1.2 counts 255 with the wire-format length bytes). No address literals
//!   (`user@[192.0.2.1]`), no single-label domains (`user@localhost`).
//! - **TLD**: at least two letters, any case (every IANA TLD is alphabetic or an IDN `xn--` label,
//!   RFC 1123 §2.1 / the IANA root zone), and not a file extension that is no TLD (see
//!   [`FILE_EXTENSIONS`]): `report@2x.png` is a retina image, not a mailbox.
//! - **Whole address**: at most 254 octets (RFC 5321 §4.5.3.1.3's 256-octet path minus the angle
//!   brackets; RFC 3696 erratum 1690).
//!
//! The span never includes `<`/`>`, `mailto:`, quotes or trailing punctuation: those bytes are not
//! address characters, so the walks stop at them (a sentence's final `.` is dropped because no
//! label follows it). `addr<mailto:addr>` yields two spans, one per `@`.
//!
//! # Bounded work
//!
//! The local part is read backwards from the anchor for at most 64 octets (192 bytes when every
//! octet is percent-encoded), the domain forwards for at most 256 bytes; an address that would
//! need more is not valid and is dropped. Both fit inside the window
//! ([`BEHIND`](super::BEHIND) = 256, [`AHEAD`](super::AHEAD) = 320), so the window edge is only
//! ever the text edge for this detector. `@` storms, `a@a@a…` and `%40%40…` runs cost a few
//! bytes per anchor: the domain is checked first and fails at once.

use super::{Candidate, DetectOptions, Window};
use crate::context::Topic;
use crate::Kind;

/// Context words of this detector: none, the format alone decides.
pub(crate) const CONTEXT: &[(&str, Topic)] = &[];

/// Confidence of a literal `local@domain`.
const CONF_PLAIN: f32 = 0.95;
/// Confidence of a percent-encoded `local%40domain` (a URL parameter; a little less certain).
const CONF_ENCODED: f32 = 0.9;

/// Octets in a local part (RFC 5321 §4.5.3.1.1).
const MAX_LOCAL: usize = 64;
/// Octets in a domain name in text form (RFC 1035 §2.3.4: 255 on the wire, 253 written).
const MAX_DOMAIN: usize = 253;
/// Octets in one label (RFC 1035 §2.3.4).
const MAX_LABEL: usize = 63;
/// Octets in a whole address (RFC 5321 §4.5.3.1.3 path of 256 minus `<>`; RFC 3696 erratum 1690).
const MAX_ADDRESS: usize = 254;
/// Bytes the domain walk may read: one past the longest domain, so "too long" is seen as such.
const DOMAIN_SCAN: usize = 256;

/// Common file extensions that are NOT top-level domains, lower case. A "domain" ending in one of
/// them is a file name (`logo@2x.png`, `icon@sprite.min.js`, `lodash@4.17.21.tgz`).
///
/// Checked against the IANA root zone list (<https://data.iana.org/TLD/tlds-alpha-by-domain.txt>).
/// Extensions that ARE delegated TLDs are deliberately left out so real addresses there still
/// match: `.ai` (Anguilla; Illustrator), `.md` (Moldova; Markdown), `.pl` (Poland; Perl), `.pm`,
/// `.py` (Paraguay), `.rs` (Serbia), `.sh` (Saint Helena), `.so` (Somalia), `.ps` (Palestine;
/// PostScript), `.bz` (Belize), `.zip`, `.mov`, `.map`, `.app`, `.docs`, `.java`, `.page`. File names
/// with those extensions are caught by the `@2x` scale-suffix rule (see [`is_scale_suffix`]) when
/// they are retina assets; otherwise they look exactly like addresses and are reported.
/// Extensions with digits (`mp4`, `mp3`, `7z`, `woff2`) need no entry: a TLD has no digits.
#[rustfmt::skip]
const FILE_EXTENSIONS: &[&str] = &[
    // images
    "png", "jpg", "jpeg", "jpe", "jfif", "gif", "svg", "svgz", "webp", "bmp", "ico", "tif",
    "tiff", "heic", "heif", "avif", "raw", "psd", "eps",
    // documents and data
    "pdf", "txt", "log", "csv", "tsv", "json", "xml", "yaml", "yml", "toml", "ini", "cfg",
    "conf", "rst", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf",
    "eml", "msg", "vcf", "ics", "dat", "db", "sqlite", "sql", "bak", "tmp", "lock",
    // web and code
    "html", "htm", "xhtml", "css", "scss", "sass", "less", "js", "mjs", "cjs", "ts", "tsx",
    "jsx", "vue", "php", "asp", "aspx", "jsp", "rb", "kt", "jar", "class", "cpp", "hpp", "cs",
    "swift", "bash", "zsh", "bat", "cmd", "exe", "dll", "dylib", "bin",
    // archives and packages
    "gz", "tgz", "xz", "rar", "tar", "iso", "img", "dmg", "pkg", "deb", "rpm", "apk", "ipa",
    "msi",
    // audio, video, fonts
    "avi", "mkv", "webm", "wmv", "flv", "wav", "flac", "ogg", "aac", "wma", "mid", "midi",
    "ttf", "otf", "woff", "eot",
];

/// Pushes the address whose `@` (or `%40`) is the anchor of `w`, if it is a valid one.
pub(crate) fn detect(w: &Window<'_>, _opts: &DetectOptions<'_>, out: &mut Vec<Candidate>) {
    let at = w.at;
    let (sep_len, confidence) = match w.get(at) {
        Some(b'@') => (1, CONF_PLAIN),
        Some(b'%') if w.get(at + 1) == Some(b'4') && w.get(at + 2) == Some(b'0') => {
            (3, CONF_ENCODED)
        }
        _ => return,
    };
    // Cheapest rejections first: `@handle` / `3 @ $19.99` have no local part, `a @ b` no domain.
    match w.before(at) {
        // The last octet of a UTF-8 letter (`müller@`): see [`local_token_before`].
        Some(b) if b.is_ascii_alphanumeric() || LOCAL_PLAIN[b as usize] || b >= 0x80 => {}
        _ => return,
    }
    let Some(domain) = domain(w.bytes, at + sep_len) else {
        return;
    };
    let Some((start, local_octets)) = local_part(w.bytes, at) else {
        return;
    };
    if local_octets + 1 + (domain.end - domain.start) > MAX_ADDRESS {
        return;
    }
    out.push(Candidate {
        start,
        end: domain.end,
        kind: Kind::Email,
        confidence,
    });
}

/// Plain (unencoded) local-part bytes other than letters and digits.
static LOCAL_PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'+' as usize] = true;
    t[b'-' as usize] = true;
    t[b'_' as usize] = true;
    t[b'\'' as usize] = true;
    t
};

/// True for a decoded local-part octet we accept.
#[inline]
fn local_octet(b: u8) -> bool {
    b.is_ascii_alphanumeric() || LOCAL_PLAIN[b as usize]
}

#[inline]
fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

#[inline]
fn hex_val(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

/// The token of the local part that ends at `i` (exclusive): a `%HH` escape or one byte.
/// Returns its start and decoded octet.
///
/// Reading backwards is unambiguous: reading forwards, a `%` always opens a 3-byte escape, and
/// `%` is not itself a local-part byte here, so a byte two places after a `%` always ends one.
#[inline]
fn token_before(bytes: &[u8], i: usize) -> Option<(usize, u8)> {
    let last = *bytes.get(i.checked_sub(1)?)?;
    if i >= 3 && bytes[i - 3] == b'%' && is_hex(bytes[i - 2]) && is_hex(last) {
        Some((i - 3, hex_val(bytes[i - 2]) << 4 | hex_val(last)))
    } else {
        Some((i - 1, last))
    }
}

/// The octet [`walk_local`] and [`trim_local`] read for a Latin letter written in UTF-8 (two
/// octets, plain or percent-encoded): a letter.
const LATIN_LETTER: u8 = b'a';

/// True for the two UTF-8 octets of a letter of Latin-1 Supplement or Latin Extended-A
/// (`ü`, `é`, `ł`: lead `C3`–`C5`; `×` and `÷` are not letters).
#[inline]
fn latin_letter(lead: u8, cont: u8) -> bool {
    matches!(lead, 0xC3..=0xC5)
        && (0x80..=0xBF).contains(&cont)
        && !(lead == 0xC3 && matches!(cont, 0x97 | 0xB7))
}

/// The local-part token that ends at `i`, with a Latin letter's two UTF-8 octets read as one
/// token ([`LATIN_LETTER`]): addresses are ASCII in our data, but a real `jürgen.müller@…`
/// must be masked whole, not from `ller@` on, which would leave the name readable.
#[inline]
fn local_token_before(bytes: &[u8], i: usize) -> Option<(usize, u8)> {
    let (s, c) = token_before(bytes, i)?;
    if (0x80..=0xBF).contains(&c) {
        if let Some((s2, lead)) = token_before(bytes, s) {
            if latin_letter(lead, c) {
                return Some((s2, LATIN_LETTER));
            }
        }
    }
    Some((s, c))
}

/// [`local_token_before`] read forwards: the token at `i`, its length and octet.
#[inline]
fn local_token_at(bytes: &[u8], i: usize) -> (usize, u8) {
    let (len, c) = token_at(bytes, i);
    if matches!(c, 0xC3..=0xC5) && i + len < bytes.len() {
        let (len2, c2) = token_at(bytes, i + len);
        if latin_letter(c, c2) {
            return (len + len2, LATIN_LETTER);
        }
    }
    (len, c)
}

/// Start of the local part that ends at `at`, and its length in decoded octets.
///
/// Walks back over local-part tokens (at most [`MAX_LOCAL`] octets; a longer run is no address),
/// stops at any other byte, cuts at a doubled dot and trims leading `. ' + -`. `None` when nothing
/// is left or when the local part ends in a dot.
///
/// A walk that runs into another `@` has crossed the domain of the address before
/// (`a@example.com+jane@example.org`): the local part starts after that domain, so both addresses
/// are found, and masking the first changes nothing about the second (masking is idempotent).
/// When no domain follows that `@` (`a@b@c.com`), there is no address here.
fn local_part(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let start = match walk_local(bytes, at, 0)? {
        Walk::Start(start) => start,
        Walk::Glued(after_at) => {
            let before = domain(bytes, after_at)?;
            match walk_local(bytes, at, before.end)? {
                Walk::Start(start) => start,
                Walk::Glued(_) => return None,
            }
        }
    };
    trim_local(bytes, start, at)
}

/// Where a backward walk over a local part stopped.
enum Walk {
    /// At a byte that is no local-part byte (or at the floor): the local part starts here.
    Start(usize),
    /// At an `@` (or `%40`) that ends just before this index.
    Glued(usize),
}

/// The backward walk of [`local_part`], not going below `floor`. `None` when the text before
/// `at` is no local part at all (too long, or ending in a dot).
fn walk_local(bytes: &[u8], at: usize, floor: usize) -> Option<Walk> {
    let mut start = at;
    let mut octets = 0usize;
    let mut right_is_dot = false;
    while start > floor {
        let Some((s, c)) = local_token_before(bytes, start) else {
            break;
        };
        if s < floor {
            break;
        }
        if !local_octet(c) {
            if c == b'@' {
                return Some(Walk::Glued(start));
            }
            // A masked run glued before the local part may have been more of it (too long to
            // be one, say): the stricter reading, so that masking is idempotent.
            if c == b'*' {
                return None;
            }
            break;
        }
        if c == b'.' {
            if start == at {
                // `jane.@example.com`: not a dot-atom.
                return None;
            }
            if right_is_dot {
                // `wait...jane@`: the address starts after the dots (the right one is trimmed).
                break;
            }
        }
        octets += 1;
        if octets > MAX_LOCAL {
            return too_long(bytes, s, floor);
        }
        right_is_dot = c == b'.';
        start = s;
    }
    Some(Walk::Start(start))
}

/// The walk of [`walk_local`] read more than [`MAX_LOCAL`] octets, the last one starting at
/// `s`: no local part, unless the run reaches back to another `@`, in which case it crossed the
/// domain of the address before (`a@example.com''''…''''jane@example.org`) and the local part
/// may still fit after that domain. Bounded by the window (at most [`BEHIND`](super::BEHIND)
/// bytes back), like every walk here.
fn too_long(bytes: &[u8], mut s: usize, floor: usize) -> Option<Walk> {
    while s > floor {
        let (t, c) = token_before(bytes, s)?;
        if t < floor {
            return None;
        }
        if c == b'@' {
            return Some(Walk::Glued(s));
        }
        if !local_octet(c) {
            return None;
        }
        s = t;
    }
    None
}

/// Trims leading tokens that cannot start an address (quotes, bullets, dots) off the local part
/// `start..at`; returns its start and length in decoded octets, or `None` when nothing is left.
fn trim_local(bytes: &[u8], mut start: usize, at: usize) -> Option<(usize, usize)> {
    while start < at {
        let (len, c) = local_token_at(bytes, start);
        if c.is_ascii_alphanumeric() || c == b'_' {
            break;
        }
        start += len;
    }
    let mut octets = 0;
    let mut i = start;
    while i < at {
        i += local_token_at(bytes, i).0;
        octets += 1;
    }
    (start < at).then_some((start, octets))
}

/// The local-part token at `i` (a `%HH` escape the backward walk took whole, or one byte): its
/// length and decoded octet.
#[inline]
fn token_at(bytes: &[u8], i: usize) -> (usize, u8) {
    match bytes[i] {
        b'%' if i + 2 < bytes.len() && is_hex(bytes[i + 1]) && is_hex(bytes[i + 2]) => {
            (3, hex_val(bytes[i + 1]) << 4 | hex_val(bytes[i + 2]))
        }
        c => (1, c),
    }
}

/// The domain that starts at `from`: the longest run of valid labels, with at least two labels,
/// a valid TLD and no file-name shape.
fn domain(bytes: &[u8], from: usize) -> Option<std::ops::Range<usize>> {
    let limit = bytes.len().min(from + DOMAIN_SCAN);
    let mut i = from;
    let mut labels = 0usize;
    let mut end = from;
    let mut tld_start = from;
    loop {
        let s = i;
        if !matches!(bytes.get(s), Some(b) if b.is_ascii_alphanumeric()) {
            break;
        }
        let mut j = s;
        while j < limit && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        if j == limit && limit < bytes.len() {
            // Still going after DOMAIN_SCAN bytes: longer than any domain may be.
            return None;
        }
        let mut e = j;
        while bytes[e - 1] == b'-' {
            e -= 1;
        }
        if e - s > MAX_LABEL {
            return None;
        }
        labels += 1;
        tld_start = s;
        end = e;
        if e < j || bytes.get(j) != Some(&b'.') {
            break;
        }
        // A masked label after the dot may have been digits, which would make no domain of it
        // (`g70.il.19859377731`, the phone number masked): the stricter reading, so that
        // masking is idempotent.
        if bytes.get(j + 1) == Some(&b'*') {
            return None;
        }
        i = j + 1;
    }
    if labels < 2 || end - from > MAX_DOMAIN {
        return None;
    }
    let host = &bytes[from..tld_start - 1];
    if !tld_ok(&bytes[tld_start..end]) || is_scale_suffix(host) || numeric_labels(host) >= 2 {
        return None;
    }
    Some(from..end)
}

/// A top-level domain: letters only (or an IDN `xn--` label), at least two, and not a file
/// extension.
fn tld_ok(t: &[u8]) -> bool {
    if t.len() < 2 {
        return false;
    }
    if t.len() > 4 && t[..4].eq_ignore_ascii_case(b"xn--") {
        return true;
    }
    t.iter().all(u8::is_ascii_alphabetic) && !is_file_extension(t)
}

/// Longest entry of [`FILE_EXTENSIONS`] (`sqlite`, `dylib`: at most 6 bytes).
const MAX_EXTENSION: usize = 6;

/// True when `t` (ASCII letters, any case) is one of [`FILE_EXTENSIONS`]: a binary search over
/// the sorted keys of the table (see [`extension_key`]), after folding `t` to lower case.
fn is_file_extension(t: &[u8]) -> bool {
    /// The keys of [`FILE_EXTENSIONS`], sorted, for binary search.
    static SORTED: once_cell::sync::Lazy<Vec<u64>> = once_cell::sync::Lazy::new(|| {
        let mut v: Vec<u64> = FILE_EXTENSIONS
            .iter()
            .map(|e| extension_key(e.as_bytes()))
            .collect();
        v.sort_unstable();
        v
    });
    if t.len() > MAX_EXTENSION {
        return false;
    }
    SORTED.binary_search(&extension_key(t)).is_ok()
}

/// The lookup key of an extension of at most [`MAX_EXTENSION`] bytes: its bytes folded to ASCII
/// lower case, then its length, packed into an integer (exact: equal keys, equal names).
fn extension_key(t: &[u8]) -> u64 {
    t.iter()
        .fold(0u64, |k, &b| k << 8 | u64::from(b.to_ascii_lowercase()))
        << 8
        | t.len() as u64
}

/// How many labels of `host` are all digits. One is a real domain (`163.com`, `mail.126.com`);
/// two or more is a version or an address (`pkg@1.0.0-beta.rc`, `x@10.0.0.example`).
fn numeric_labels(host: &[u8]) -> usize {
    host.split(|&b| b == b'.')
        .filter(|l| l.iter().all(u8::is_ascii_digit))
        .count()
}

/// True for the scale factor of Apple's image naming convention (`icon@2x.png`, `banner@1.5x.svg`
/// in CSS `image-set`/`srcset`): the part between `@` and the extension is `N` or `N.N`
/// followed by `x`. Catches asset names whose extension is also a TLD (`@2x.ai`).
fn is_scale_suffix(d: &[u8]) -> bool {
    let Some((&x, num)) = d.split_last() else {
        return false;
    };
    if !matches!(x, b'x' | b'X') || num.is_empty() {
        return false;
    }
    let mut parts = num.split(|&b| b == b'.');
    let whole = parts.next().unwrap_or_default();
    let frac = parts.next();
    parts.next().is_none()
        && !whole.is_empty()
        && whole.iter().all(u8::is_ascii_digit)
        && frac.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::{is_file_extension, FILE_EXTENSIONS, MAX_EXTENSION};
    use crate::{Kind, Redactor};

    use crate::detect::testing;

    fn emails(text: &str) -> Vec<&str> {
        testing::found(Kind::Email, text)
    }

    #[track_caller]
    fn one(text: &str, want: &str) {
        testing::one(Kind::Email, text, want);
    }

    #[track_caller]
    fn none(text: &str) {
        testing::none(Kind::Email, text);
    }

    #[test]
    fn latin_letters_in_the_local_part_are_masked_with_it() {
        // Not in the policy's (ASCII) data, but a partial span would leave a name readable.
        one(
            "mail jürgen.müller@beispiel.de",
            "jürgen.müller@beispiel.de",
        );
        one("à léa.dupré@exemple.fr", "léa.dupré@exemple.fr");
        one(
            "q=j%C3%BCrgen%40beispiel.de&x=1",
            "j%C3%BCrgen%40beispiel.de",
        );
        // Other scripts are not read into the address, nor are `×` and `÷`.
        one("请发邮件到jane@x.com 谢谢", "jane@x.com");
        one("2×a@b.de", "a@b.de");
    }

    #[test]
    fn plain_addresses() {
        one(
            "write to jane.doe@example.com today",
            "jane.doe@example.com",
        );
        one("jane@example.com", "jane@example.com");
        one(
            "Catherine.Powell@Example.COM",
            "Catherine.Powell@Example.COM",
        );
        one("JB4516@EXAMPLE.ORG.", "JB4516@EXAMPLE.ORG");
        one("zaitra+news@example.me", "zaitra+news@example.me");
        one(
            "no-reply@stokes-foster.example.com",
            "no-reply@stokes-foster.example.com",
        );
        one("prisha_kant@example.de", "prisha_kant@example.de");
        one("Reach o'neil@example.ie now", "o'neil@example.ie");
        one("mail s.matthews@example.co.uk,", "s.matthews@example.co.uk");
        one(
            "x stephen@beard.example.com.au;",
            "stephen@beard.example.com.au",
        );
        one(
            "wriddhish@parmar.photography:",
            "wriddhish@parmar.photography",
        );
        one("k@eu.ball.example.ac.uk)", "k@eu.ball.example.ac.uk");
        one("a1@b2.example", "a1@b2.example");
        one("idn@example.xn--p1ai", "idn@example.xn--p1ai");
        one("li.wei@163.com", "li.wei@163.com");
        one("li.wei@vip.126.com", "li.wei@vip.126.com");
        one("x@1und1.de", "x@1und1.de");
    }

    #[test]
    fn wrappers_are_not_in_the_span() {
        one("From: Jane Doe <jane@example.com>", "jane@example.com");
        one("[mailto:jane@example.com]", "jane@example.com");
        one(
            "href=\"mailto:jane@example.com?subject=hi\"",
            "jane@example.com",
        );
        one("(jane@example.com).", "jane@example.com");
        one("'jane@example.com'", "jane@example.com");
        one("\"jane@example.com\"", "jane@example.com");
        one("“jane@example.com”", "jane@example.com");
        one("email:jane@example.com", "jane@example.com");
        one("Customer: it's jane@example.com.\n", "jane@example.com");
        one("wait...jane@example.com", "jane@example.com");
        one("?email=jane@example.com&score=9", "jane@example.com");
        assert_eq!(
            emails("jane@example.com<mailto:jane@example.com>"),
            vec!["jane@example.com", "jane@example.com"]
        );
    }

    #[test]
    fn percent_encoded_in_urls() {
        one(
            "https://survey.example.com/r?email=jane.doe%40example.com&score=9",
            "jane.doe%40example.com",
        );
        one(
            "https://x.example.com/u?e=timothy.barrera%2Bspam%40example.com",
            "timothy.barrera%2Bspam%40example.com",
        );
        one(
            "?e=travis%2bnews%40example.org&t=1",
            "travis%2bnews%40example.org",
        );
        one("?e=a%2Eb%40example.co.uk/next", "a%2Eb%40example.co.uk");
        one(
            "?e=Mariana345%40Support.west.example.de#x",
            "Mariana345%40Support.west.example.de",
        );
        one("mailto%3Ajane%40example.com", "jane%40example.com");
        let f: Vec<_> = crate::Redactor::default()
            .find("r?email=jane%40example.com")
            .filter(|f| f.kind == Kind::Email)
            .collect();
        assert_eq!(f[0].confidence, 0.9);
    }

    #[test]
    fn handles_and_at_signs_that_are_not_addresses() {
        none("Escalated to @sre-team. Logs attached");
        none("ping @support_team and @jenny.ops, @here");
        none("3 @ $19.99 each");
        none("meet @ 3pm");
        none("I ordered @ 14:30 but");
        none("3@$19.99");
        none("user@localhost");
        none("user@[192.0.2.1]");
        none("admin@192.168.0.1:8080");
        none("npm i lodash@4.17.21 and react@18.2.0");
        none("pin pkg@1.0.0-beta.rc and node@v18.2.0");
        none("docker pull img@sha256:4f2a");
        none("jane.@example.com");
        none("@@@@@ @ @. .@. a@ @b");
        none("50%40 users");
    }

    #[test]
    fn extension_table_is_lower_case_and_short() {
        for e in FILE_EXTENSIONS {
            assert!(e.len() <= MAX_EXTENSION, "{e}");
            assert!(e.bytes().all(|b| b.is_ascii_lowercase()), "{e}");
            assert!(is_file_extension(e.as_bytes()), "{e}");
            assert!(is_file_extension(e.to_uppercase().as_bytes()), "{e}");
        }
        assert!(!is_file_extension(b"com"));
        assert!(!is_file_extension(b"pngx"));
    }

    #[test]
    fn file_names_are_not_addresses() {
        none("I attached report@2x.png and logo@3x.webp");
        none("screenshot@2x.PNG, avatar@2x.jpeg, icon-large@2x.jpg");
        none("banner@1.5x.svg, hero@3x.png.");
        none("invoice_preview@2x.png?? weird");
        none("bundle@app.min.js and styles@site.css");
        none("icon@2x.ai");
        none("export@data.pdf");
    }

    #[test]
    fn real_tlds_that_look_like_extensions_are_kept() {
        one("dev@example.rs", "dev@example.rs");
        one("ops@example.sh", "ops@example.sh");
        one("hi@example.ai", "hi@example.ai");
        one("x@example.zip", "x@example.zip");
    }

    #[test]
    fn length_limits() {
        let local64 = "a".repeat(64);
        let text = format!("{local64}@example.com");
        one(&text, &text);
        none(&format!("{}@example.com", "a".repeat(65)));
        let label63 = "b".repeat(63);
        let text = format!("x@{label63}.example.com");
        one(&text, &text);
        none(&format!("x@{}.example.com", "b".repeat(64)));
        // A 300-byte domain made of short labels: too long for DNS.
        none(&format!("x@{}com", "ab.".repeat(100)));
    }

    #[test]
    fn adversarial_inputs_are_fast_and_safe() {
        let storms = [
            "@".repeat(20_000),
            "a@".repeat(20_000),
            "aaaa@aaaa ".repeat(5_000),
            "%40".repeat(20_000),
            "a%40".repeat(20_000),
            "mailto:".repeat(5_000),
            "a.b@c.d".repeat(5_000),
            format!("{}@{}", "a".repeat(50_000), "b".repeat(50_000)),
        ];
        for s in &storms {
            let _ = emails(s);
        }
        // Invalid UTF-8 and stray escapes never panic.
        let bytes = b"\xff@\xfe.com %4 %4\xff @%40% %%40x.com x%%40y.com a%40";
        let _: Vec<_> = Redactor::default().find_bytes(bytes).collect();
    }

    /// The detector's reads fit inside the window, so a clipped window decides exactly like the
    /// whole text (what makes streaming output equal one-shot output).
    #[test]
    fn window_decides_like_the_whole_text() {
        use crate::detect::{email::detect, Candidate, DetectOptions, Window};
        let opts = DetectOptions {
            context: crate::context::ContextIndex::builtin(),
            all_dates: false,
        };
        let label = "b".repeat(63);
        let texts = [
            // found: a 64-octet local part 200 bytes into the text
            format!("{}{}@example.com", "x ".repeat(200), "a".repeat(64)),
            // found: 64 octets with an escape, a 139-byte domain
            format!(
                "{}{}%2B{}%40{label}.{label}.example.com {}",
                "y ".repeat(150),
                "a".repeat(60),
                "c".repeat(3),
                "z".repeat(400)
            ),
            // found: a 252-byte domain (a 254-byte address)
            format!(
                "{}x@{label}.{label}.{label}.{}.com",
                "w ".repeat(150),
                "d".repeat(56)
            ),
            // not found: too long
            format!(
                "{}@{label}.{label}.{label}.{}.com",
                "q".repeat(300),
                "d".repeat(58)
            ),
            format!("{}x@{}", "%2E".repeat(100), "ab.".repeat(120)),
        ];
        let mut found = 0;
        for text in &texts {
            let hay = text.as_bytes();
            for p in 0..hay.len() {
                if hay[p] != b'@' && hay[p] != b'%' {
                    continue;
                }
                let mut clipped = Vec::new();
                let (w, lo) = Window::around(hay, p);
                detect(&w, &opts, &mut clipped);
                let clipped: Vec<Candidate> = clipped
                    .into_iter()
                    .map(|c| Candidate {
                        start: c.start + lo,
                        end: c.end + lo,
                        ..c
                    })
                    .collect();
                let mut whole = Vec::new();
                detect(&Window { bytes: hay, at: p }, &opts, &mut whole);
                assert_eq!(clipped, whole, "anchor {p}");
                found += whole.len();
            }
        }
        assert_eq!(found, 3);
    }

    #[test]
    fn an_address_glued_to_the_one_before_starts_after_its_domain() {
        assert_eq!(
            emails("a@example.com+jane@example.org"),
            vec!["a@example.com", "jane@example.org"]
        );
        // The first domain reaches the second `@` (TLD `jane`): one address.
        assert_eq!(
            emails("a@example.com.jane@example.org"),
            vec!["a@example.com.jane"]
        );
        assert_eq!(
            emails("x%40y.comy.'0x%40y.com"),
            vec!["x%40y.comy", "0x%40y.com"]
        );
        // The run back to the first `@` is longer than a local part: the second address
        // still starts after the first one's domain.
        let quotes = "'".repeat(50);
        let text = format!("ajon@eelpam.xcjja{quotes}know''''re@me.com");
        assert_eq!(
            emails(&text),
            vec!["ajon@eelpam.xcjja", "know''''re@me.com"]
        );
        // No domain after the first `@`: no address.
        none("a@b@c.com");
        none("a@b.c@d.com");
    }

    #[test]
    fn a_storm_of_at_signs_finds_only_real_addresses() {
        assert_eq!(emails("a@a@a@a@a.com"), Vec::<&str>::new());
        assert_eq!(emails("x a@b.com y@z.org"), vec!["a@b.com", "y@z.org"]);
    }
}
