//! Month names in English, German and French, and a case-insensitive lookup over UTF-8 bytes.

/// Month names, lower case UTF-8, with their month number.
///
/// Source: the Unicode CLDR Gregorian calendar data (`months/format/wide` and
/// `months/format/abbreviated`, plus the `stand-alone` abbreviations) for the locales `en`, `de`
/// and `fr`, with the trailing abbreviation dot dropped (an optional `.` after the name is
/// accepted by the parser). Added beside CLDR: the common English `sept`, the German variants
/// `jänner` (Austria), `feber`, `mrz`, `maerz`, and the French spellings without accents
/// (`fevrier`, `aout`, `decembre`, `fevr`, `dec`) that plain-ASCII keyboards produce.
pub(crate) const MONTHS: &[(&str, u8)] = &[
    // en: wide
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    // en: abbreviated
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // de: wide (januar … dezember; april, august, september, november as in en)
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("feber", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // de: abbreviated (format and stand-alone)
    ("mär", 3),
    ("mrz", 3),
    ("okt", 10),
    ("dez", 12),
    // fr: wide
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // fr: abbreviated
    ("janv", 1),
    ("févr", 2),
    ("fevr", 2),
    ("avr", 4),
    ("juil", 7),
    ("déc", 12),
];

/// Longest month name in bytes (`décembre`, `september`, `septembre`: 9 bytes); words longer
/// than this are rejected before any comparison.
pub(crate) const MAX_MONTH_LEN: usize = 9;

/// Lower-cases one byte of a word: ASCII letters, and the second byte of a two-byte UTF-8
/// Latin-1 letter after `0xC3` (`Ä` C3 84 → `ä` C3 A4, `É` → `é`, `Û` → `û`; C3 97 is `×`).
#[inline]
fn fold(prev: u8, b: u8) -> u8 {
    if prev == 0xC3 && (0x80..=0x9E).contains(&b) && b != 0x97 {
        b + 0x20
    } else {
        b.to_ascii_lowercase()
    }
}

/// The month number of `word` (bytes of one word, any case), or `None`.
pub(crate) fn lookup(word: &[u8]) -> Option<u8> {
    if word.len() < 3 || word.len() > MAX_MONTH_LEN || !FIRST[usize::from(fold(0, word[0]))] {
        return None;
    }
    let mut key = 0u128;
    let mut prev = 0u8;
    for &b in word {
        key = key << 8 | u128::from(fold(prev, b));
        prev = b;
    }
    key = key << 8 | word.len() as u128;
    let sorted = &*SORTED;
    sorted
        .binary_search_by(|&(k, _)| k.cmp(&key))
        .ok()
        .map(|i| sorted[i].1)
}

/// The first bytes of the names of [`MONTHS`]: a word whose folded first byte is not one of
/// them is no month (most words before a number fail here, before any key is built).
static FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < MONTHS.len() {
        t[MONTHS[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    t
};

/// The lookup key of a folded month name: its bytes, then its length, packed into an integer
/// (at most [`MAX_MONTH_LEN`]` + 1 = 10` bytes, so the key is exact).
fn key(name: &[u8]) -> u128 {
    name.iter().fold(0u128, |k, &b| k << 8 | u128::from(b)) << 8 | name.len() as u128
}

/// [`MONTHS`] keyed by [`key`] and sorted, for binary search (names are unique).
static SORTED: once_cell::sync::Lazy<Vec<(u128, u8)>> = once_cell::sync::Lazy::new(|| {
    let mut v: Vec<(u128, u8)> = MONTHS
        .iter()
        .map(|&(n, m)| (key(n.as_bytes()), m))
        .collect();
    v.sort_unstable();
    v
});

/// True for a byte that can be part of a month word: an ASCII letter, or a byte of a two-byte
/// UTF-8 sequence led by `0xC3` (the Latin-1 letters `ä`, `é`, `û` … live there).
#[inline]
pub(crate) fn is_word_byte(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b) if b.is_ascii_alphabetic() => true,
        Some(&0xC3) => matches!(bytes.get(i + 1), Some(c) if (0x80..=0xBF).contains(c)),
        Some(c) if (0x80..=0xBF).contains(c) => i > 0 && bytes[i - 1] == 0xC3,
        _ => false,
    }
}

/// End of the word starting at `i` (see [`is_word_byte`]), scanning at most
/// `MAX_MONTH_LEN + 1` bytes so that long words stay cheap.
pub(crate) fn word_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < bytes.len() && j - i <= MAX_MONTH_LEN && is_word_byte(bytes, j) {
        j += 1;
    }
    j
}

/// Start of the word ending at `end` (exclusive), scanning back at most `MAX_MONTH_LEN + 1`
/// bytes.
pub(crate) fn word_start(bytes: &[u8], end: usize) -> usize {
    let mut j = end;
    while j > 0 && end - j <= MAX_MONTH_LEN && is_word_byte(bytes, j - 1) {
        j -= 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(lookup(b"April"), Some(4));
        assert_eq!(lookup(b"APR"), Some(4));
        assert_eq!(lookup("décembre".as_bytes()), Some(12));
        assert_eq!(lookup("DÉCEMBRE".as_bytes()), Some(12));
        assert_eq!(lookup("März".as_bytes()), Some(3));
        assert_eq!(lookup("MÄRZ".as_bytes()), Some(3));
        assert_eq!(lookup("Février".as_bytes()), Some(2));
        assert_eq!(lookup("août".as_bytes()), Some(8));
        assert_eq!(lookup("AOÛT".as_bytes()), Some(8));
        assert_eq!(lookup(b"Mai"), Some(5));
        assert_eq!(lookup(b"marc"), None);
        assert_eq!(lookup(b"ma"), None);
        assert_eq!(lookup(b"septembers"), None);
    }

    #[test]
    fn names_start_and_end_with_ascii_letters() {
        // `may_be_date` in the parent module relies on this.
        for (name, _) in MONTHS {
            let b = name.as_bytes();
            assert!(b[0].is_ascii_alphabetic() && b[b.len() - 1].is_ascii_alphabetic());
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = MONTHS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), MONTHS.len());
    }

    #[test]
    fn every_name_is_reachable() {
        for (name, m) in MONTHS {
            assert!(name.len() <= MAX_MONTH_LEN, "{name}");
            assert_eq!(lookup(name.as_bytes()), Some(*m), "{name}");
            assert_eq!(lookup(name.to_uppercase().as_bytes()), Some(*m), "{name}");
        }
    }

    #[test]
    fn words() {
        let t = "le 3 décembre 1985".as_bytes();
        let s = 5;
        let e = word_end(t, s);
        assert_eq!(&t[s..e], "décembre".as_bytes());
        assert_eq!(word_start(t, e), s);
    }
}
