//! Streaming, single-pass detection and masking of personal data (PII) in text.
//!
//! ```
//! let r = redactor::Redactor::default();
//! assert_eq!(r.redact("reach me at jane@example.com"), "reach me at [EMAIL]");
//! ```
//!
//! # Overview
//!
//! A [`Redactor`] finds payment card numbers, US Social Security numbers, email addresses,
//! phone numbers and birth dates, and replaces each by its [`Policy`]. Every detector validates
//! what it finds (Luhn and card brand tables, SSA rules, numbering plans, the calendar), so
//! order numbers, timestamps, prices, IMEIs and the like stay untouched.
//!
//! All detectors share one left-to-right pass over the bytes: the scanner skips to the next
//! *anchor* byte (an ASCII digit, `@` or `%`), and the detectors judge only a bounded window
//! around it. Because that window is bounded, streaming needs to hold back only a few hundred
//! bytes.
//!
//! # Examples
//!
//! ```
//! use redactor::{Kind, Policy, Redactor};
//! # fn main() -> Result<(), redactor::Error> {
//! let r = Redactor::builder()
//!     .policy(Kind::CreditCard, Policy::KeepLast(4))
//!     .build()?;
//! assert_eq!(r.redact("4111 1111 1111 1111"), "**** **** **** 1111");
//! let findings: Vec<_> = r.find("call 415-555-2671").collect();
//! assert_eq!(findings[0].kind, Kind::Phone);
//! # Ok(()) }
//! ```
//!
//! # Streaming
//!
//! [`Redactor::stream`] gives a [`StreamRedactor`]: push chunks of any size (down to single
//! bytes, cut anywhere, even inside a UTF-8 character) and the concatenated output equals
//! [`Redactor::redact_bytes`] on the whole input. It holds back at most
//! [`stream::MAX_HOLDBACK`] bytes however long the stream runs. For chat,
//! [`Redactor::conversation`] redacts each message at once and carries context (an agent's
//! question for the date of birth) into the next messages.
//!
//! ```
//! # fn main() -> std::io::Result<()> {
//! let r = redactor::Redactor::default();
//! let mut s = r.stream();
//! let mut out = Vec::new();
//! for chunk in [&b"DOB: 04/1"[..], b"2/1985, mail ja", b"ne@example.com\n"] {
//!     s.push(chunk, &mut out)?;
//! }
//! s.finish(&mut out)?;
//! assert_eq!(out, b"DOB: [DATE_OF_BIRTH], mail [EMAIL]\n");
//! # Ok(()) }
//! ```
//!
//! # Invalid UTF-8
//!
//! The `_bytes` methods and streams take arbitrary bytes. Invalid UTF-8 is never an error:
//! bytes outside findings are copied unchanged, and detection carries on around them.
//!
//! # Memory hygiene
//!
//! [`Finding`]s never hold PII, and no type that can hold PII prints it through `Debug`. Stream
//! and conversation buffers are wiped as they roll and on drop; HMAC keys are wiped on drop.
//! Limits: the `String`s and `Vec`s handed to you (and your input) are yours to wipe, copies
//! the allocator made while a buffer grew are not wiped, and nothing here clears registers or
//! locks pages in memory.
//!
//! # Crate features
//!
//! None yet: the crate has no optional parts.

#![deny(missing_docs)]
// The only `unsafe` is the SSE2 anchor search in `scan::sse2` (see its `SAFETY` comments).
#![deny(unsafe_code)]

mod config;
mod context;
pub mod conversation;
pub mod custom;
mod detect;
mod error;
mod finding;
mod kind;
mod mask;
mod redactor;
mod scan;
pub mod stream;

pub use crate::config::{Config, CustomRuleConfig, DateMode, PolicyConfig, MIN_HMAC_KEY};
pub use crate::conversation::{Conversation, Role};
pub use crate::custom::CustomRule;
pub use crate::error::{Error, ErrorKind};
pub use crate::finding::Finding;
pub use crate::kind::Kind;
pub use crate::mask::Policy;
pub use crate::redactor::{Redactor, RedactorBuilder};
pub use crate::stream::StreamRedactor;
