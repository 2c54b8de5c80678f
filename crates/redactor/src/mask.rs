//! Masking policies: what a finding is replaced with.

use crate::{Error, ErrorKind, Kind};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;
use zeroize::Zeroizing;

/// How the text of a finding is replaced.
///
/// The default for every built-in kind is [`Policy::Label`]: it hides the value, its length and
/// its format, and says what was there.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Policy {
    /// Every byte of every letter or digit becomes `*`; separators stay
    /// (`4111-1111-1111-1111` → `****-****-****-****`). Keeps the byte length, so it works
    /// in place. A non-ASCII letter becomes one `*` per UTF-8 byte.
    Mask,
    /// Like [`Policy::Mask`] but the last `n` letters or digits stay visible
    /// (`KeepLast(4)`: `****-****-****-1111`; PCI DSS allows the last four of a card).
    KeepLast(usize),
    /// The kind's name in brackets: `[CREDIT_CARD]`.
    Label,
    /// A keyed pseudonym, `[EMAIL:3fa9c1d2]`: the first 4 bytes of HMAC-SHA256(key, value) in
    /// hex. The same value (after normalisation: digits only for numbers, lower case for
    /// emails) always gives the same token, so records can still be joined, but the value
    /// cannot be recovered without the key. The key is wiped from memory on drop.
    Hmac {
        /// The secret key.
        key: Zeroizing<Vec<u8>>,
    },
    /// A fixed replacement text.
    Fixed(String),
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Policy::Mask => f.write_str("Mask"),
            Policy::KeepLast(n) => write!(f, "KeepLast({n})"),
            Policy::Label => f.write_str("Label"),
            // Never print the key.
            Policy::Hmac { .. } => f.write_str("Hmac { key: <redacted> }"),
            Policy::Fixed(t) => write!(f, "Fixed({t:?})"),
        }
    }
}

impl Policy {
    /// A [`Policy::Hmac`] with the given key.
    pub fn hmac(key: impl AsRef<[u8]>) -> Policy {
        Policy::Hmac {
            key: Zeroizing::new(key.as_ref().to_vec()),
        }
    }

    /// True when the replacement has exactly the length of the original, byte for byte.
    pub fn preserves_length(&self) -> bool {
        matches!(self, Policy::Mask | Policy::KeepLast(_))
    }

    /// Appends the replacement for `value` (a finding of `kind` named `name`) to `out`.
    pub(crate) fn write(&self, kind: Kind, name: &str, value: &[u8], out: &mut Vec<u8>) {
        match self {
            Policy::Mask => {
                let start = out.len();
                out.extend_from_slice(value);
                mask_in_place(&mut out[start..], 0);
            }
            Policy::KeepLast(n) => {
                let start = out.len();
                out.extend_from_slice(value);
                mask_in_place(&mut out[start..], *n);
            }
            Policy::Label => {
                out.push(b'[');
                out.extend_from_slice(name.as_bytes());
                out.push(b']');
            }
            Policy::Hmac { key } => {
                let tag = pseudonym(key, kind, value);
                out.push(b'[');
                out.extend_from_slice(name.as_bytes());
                out.push(b':');
                out.extend_from_slice(&tag);
                out.push(b']');
            }
            Policy::Fixed(text) => out.extend_from_slice(text.as_bytes()),
        }
    }

    /// Overwrites `value` in place; only for length-preserving policies.
    pub(crate) fn write_in_place(&self, value: &mut [u8]) -> Result<(), Error> {
        match self {
            Policy::Mask => mask_in_place(value, 0),
            Policy::KeepLast(n) => mask_in_place(value, *n),
            _ => {
                return Err(Error::new(
                    ErrorKind::Policy,
                    "in-place redaction needs a length-preserving policy (mask or keep_last)",
                ))
            }
        }
        Ok(())
    }
}

/// Masks every byte of every alphanumeric character except the last `keep` such characters.
fn mask_in_place(value: &mut [u8], keep: usize) {
    // Walk characters from the end so `keep` counts the last ones.
    let mut kept = 0;
    let mut i = value.len();
    while i > 0 {
        let mut start = i - 1;
        while start > 0 && (value[start] & 0xC0) == 0x80 && i - start < 4 {
            start -= 1;
        }
        let alnum = match std::str::from_utf8(&value[start..i]) {
            Ok(s) => s.chars().next().is_some_and(char::is_alphanumeric),
            // Invalid UTF-8 is never kept: mask it byte by byte.
            Err(_) => {
                start = i - 1;
                true
            }
        };
        if alnum {
            if kept < keep {
                kept += 1;
            } else {
                value[start..i].fill(b'*');
            }
        }
        i = start;
    }
}

/// Eight lowercase hex digits of HMAC-SHA256(key, kind name ‖ 0 ‖ normalised value).
fn pseudonym(key: &[u8], kind: Kind, value: &[u8]) -> [u8; 8] {
    let mut normal: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::with_capacity(value.len()));
    match kind {
        Kind::CreditCard | Kind::UsSsn | Kind::Phone => {
            normal.extend(value.iter().filter(|b| b.is_ascii_digit()))
        }
        Kind::Email => normal.extend(value.iter().map(u8::to_ascii_lowercase)),
        _ => normal.extend_from_slice(value),
    }
    // HMAC accepts keys of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(kind.to_string().as_bytes());
    mac.update(&[0]);
    mac.update(&normal);
    let digest = mac.finalize().into_bytes();
    let mut hex = [0u8; 8];
    for (i, b) in digest[..4].iter().enumerate() {
        hex[2 * i] = HEX[(b >> 4) as usize];
        hex[2 * i + 1] = HEX[(b & 15) as usize];
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(p: &Policy, kind: Kind, v: &str) -> String {
        let mut out = Vec::new();
        p.write(kind, &kind.to_string(), v.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn mask_keeps_separators() {
        assert_eq!(
            apply(&Policy::Mask, Kind::CreditCard, "4111-1111-1111-1111"),
            "****-****-****-****"
        );
        assert_eq!(
            apply(
                &Policy::KeepLast(4),
                Kind::CreditCard,
                "4111 1111 1111 1234"
            ),
            "**** **** **** 1234"
        );
        // One `*` per UTF-8 byte keeps the length: `é` is two bytes.
        assert_eq!(apply(&Policy::Mask, Kind::DateOfBirth, "1 déc"), "* ****");
        assert_eq!(apply(&Policy::KeepLast(99), Kind::Phone, "555"), "555");
    }

    #[test]
    fn label_and_fixed() {
        assert_eq!(apply(&Policy::Label, Kind::Email, "a@b.c"), "[EMAIL]");
        assert_eq!(
            apply(&Policy::Fixed("<x>".into()), Kind::Email, "a@b.c"),
            "<x>"
        );
    }

    #[test]
    fn hmac_is_stable_and_normalised() {
        let p = Policy::hmac(b"k1");
        let a = apply(&p, Kind::CreditCard, "4111 1111 1111 1111");
        let b = apply(&p, Kind::CreditCard, "4111-1111-1111-1111");
        assert_eq!(a, b);
        assert!(a.starts_with("[CREDIT_CARD:") && a.len() == "[CREDIT_CARD:]".len() + 8);
        let c = apply(
            &Policy::hmac(b"k2"),
            Kind::CreditCard,
            "4111 1111 1111 1111",
        );
        assert_ne!(a, c);
        assert_eq!(
            apply(&p, Kind::Email, "A@B.com"),
            apply(&p, Kind::Email, "a@b.COM")
        );
        assert!(!format!("{p:?}").contains("k1"));
    }

    #[test]
    fn in_place_needs_length_preserving() {
        let mut v = *b"123";
        assert!(Policy::Label.write_in_place(&mut v).is_err());
        Policy::Mask.write_in_place(&mut v).unwrap();
        assert_eq!(&v, b"***");
    }
}
