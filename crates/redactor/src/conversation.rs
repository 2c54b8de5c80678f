//! Chat conversations: each message is redacted at once, but context carries across messages.
//!
//! A chat system cannot hold a message back until the next one arrives, so a
//! [`Conversation`] redacts every message completely when it comes in. What it carries forward
//! is *context*: the tail of the last [`CARRIED_MESSAGES`] messages (at most [`CARRY_BYTES`]
//! bytes) is placed before the new message as read-only lines, exactly as if the whole chat
//! were one transcript. So when the agent asks "Can I have your date of birth?", the
//! customer's reply `04/12/1985` is a birth date, and after "What's your SSN?" a bare
//! `123456789` is an SSN, with no context word in the reply itself.
//!
//! # Which prompts count
//! The same context words the detectors use inside one text (see the detector tables): birth
//! words (`date of birth`, `DOB`, `birthday`, `born`, `Geburtsdatum`, `date de naissance`, …),
//! SSN words (`SSN`, `social security`, `social`, …), phone words (`phone`, `number`, `call`,
//! `mobile`, …) in one of the two previous messages. Card numbers need no prompt: their format
//! is proof enough.
//!
//! # How long context lasts
//! Two messages: the reply to a prompt, or the reply after one filler message ("one sec").
//! The carried text is wiped from memory when it is replaced and when the conversation drops.

use crate::detect::BEHIND;
use crate::{Finding, Redactor};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;
use zeroize::Zeroizing;

/// How many earlier messages lend their context to the next one.
pub const CARRIED_MESSAGES: usize = 2;
/// At most this many bytes of earlier messages are carried (a detector looks no further back).
pub const CARRY_BYTES: usize = BEHIND;

/// Who wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Role {
    /// The agent (or bot) serving the customer.
    Agent,
    /// The customer.
    Customer,
}

impl Role {
    fn label(self) -> &'static [u8] {
        match self {
            Role::Agent => b"Agent: ",
            Role::Customer => b"Customer: ",
        }
    }
}

/// A chat whose messages are redacted one by one with context from the messages before.
///
/// # Example
/// ```
/// use redactor::{conversation::Role, Redactor};
/// let r = Redactor::default();
/// let mut chat = r.conversation();
/// chat.redact_message(Role::Agent, "Can you confirm your date of birth?");
/// assert_eq!(chat.redact_message(Role::Customer, "04/12/1985"), "[DATE_OF_BIRTH]");
/// ```
pub struct Conversation {
    redactor: Redactor,
    /// The last messages, oldest first, each as `Role: text`.
    history: VecDeque<Zeroizing<Vec<u8>>>,
    scratch: Zeroizing<Vec<u8>>,
    findings: Vec<Finding>,
}

impl fmt::Debug for Conversation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Conversation")
            .field("carried_messages", &self.history.len())
            .finish_non_exhaustive()
    }
}

impl Redactor {
    /// A conversation that carries context from message to message.
    pub fn conversation(&self) -> Conversation {
        Conversation {
            redactor: self.clone(),
            history: VecDeque::with_capacity(CARRIED_MESSAGES + 1),
            scratch: Zeroizing::new(Vec::new()),
            findings: Vec::new(),
        }
    }
}

impl Conversation {
    /// The findings in `text`, with offsets into `text`, given the messages before it; then
    /// remembers `text` as context for the next messages.
    pub fn find_message(&mut self, role: Role, text: &[u8]) -> Vec<Finding> {
        self.scan(role, text);
        self.findings.clone()
    }

    /// `text` fully redacted, given the messages before it; then remembers `text` as context
    /// for the next messages.
    pub fn redact_message(&mut self, role: Role, text: &str) -> String {
        match self.redact_message_bytes(role, text.as_bytes()) {
            Cow::Borrowed(_) => text.to_string(),
            Cow::Owned(v) => String::from_utf8(v)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        }
    }

    /// Like [`Conversation::redact_message`] on arbitrary bytes.
    pub fn redact_message_bytes<'t>(&mut self, role: Role, text: &'t [u8]) -> Cow<'t, [u8]> {
        self.scan(role, text);
        if self.findings.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = Vec::with_capacity(text.len() + 16 * self.findings.len());
        self.redactor.write_redacted(text, &self.findings, &mut out);
        Cow::Owned(out)
    }

    /// Forgets the carried context.
    pub fn clear(&mut self) {
        self.history.clear();
    }

    fn scan(&mut self, role: Role, text: &[u8]) {
        // Context lines, then this message on a line of its own.
        self.scratch.clear();
        for m in &self.history {
            self.scratch.extend_from_slice(m);
            self.scratch.push(b'\n');
        }
        let carried = self.scratch.len().min(CARRY_BYTES);
        let drop = self.scratch.len() - carried;
        self.scratch.drain(..drop);
        self.scratch.extend_from_slice(role.label());
        let offset = self.scratch.len();
        self.scratch.extend_from_slice(text);

        self.findings.clear();
        let mut all = Vec::new();
        self.redactor.find_into(&self.scratch, &mut all);
        // Findings inside the message only; a finding reaching back into the context (or
        // the label) is cut to the message's own bytes.
        self.findings.extend(all.into_iter().filter_map(|f| {
            (f.span.end > offset).then(|| Finding {
                span: f.span.start.max(offset) - offset..f.span.end - offset,
                ..f
            })
        }));

        let mut entry = Zeroizing::new(Vec::with_capacity(role.label().len() + text.len()));
        entry.extend_from_slice(role.label());
        entry.extend_from_slice(text);
        self.history.push_back(entry);
        while self.history.len() > CARRIED_MESSAGES {
            self.history.pop_front();
        }
    }
}
