//! The kinds of personal data redactor knows about.

use std::fmt;

/// What a [`Finding`](crate::Finding) is.
///
/// The five built-in kinds carry stable names (`CREDIT_CARD`, `US_SSN`, `EMAIL`, `PHONE`,
/// `DATE_OF_BIRTH`) that appear in configs, CLI output and the C ABI. Custom rules from a config
/// are numbered in the order they were declared; [`Redactor::kind_name`](crate::Redactor::kind_name)
/// gives their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Kind {
    /// A payment card number (PAN): Luhn-valid, with a brand prefix that agrees with its length.
    CreditCard,
    /// A US Social Security number that the SSA could have issued.
    UsSsn,
    /// An email address, also percent-encoded inside a URL.
    Email,
    /// A telephone number: NANP, international or a supported national format.
    Phone,
    /// A calendar-valid date that the text marks as a birth date.
    DateOfBirth,
    /// A match of the custom rule with this index (declaration order in the config).
    Custom(u16),
}

impl Kind {
    /// The five built-in kinds, in a fixed order.
    pub const BUILTIN: [Kind; 5] = [
        Kind::CreditCard,
        Kind::UsSsn,
        Kind::Email,
        Kind::Phone,
        Kind::DateOfBirth,
    ];

    /// The stable name of a built-in kind, or `None` for a custom rule.
    pub fn builtin_name(self) -> Option<&'static str> {
        Some(match self {
            Kind::CreditCard => "CREDIT_CARD",
            Kind::UsSsn => "US_SSN",
            Kind::Email => "EMAIL",
            Kind::Phone => "PHONE",
            Kind::DateOfBirth => "DATE_OF_BIRTH",
            Kind::Custom(_) => return None,
        })
    }

    /// Parses the stable name of a built-in kind (exact, upper case).
    pub fn from_builtin_name(name: &str) -> Option<Kind> {
        Kind::BUILTIN
            .into_iter()
            .find(|k| k.builtin_name() == Some(name))
    }

    /// A dense index for built-in kinds (0..5); custom rules return `None`.
    pub(crate) fn builtin_index(self) -> Option<usize> {
        Kind::BUILTIN.iter().position(|&k| k == self)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.builtin_name() {
            Some(name) => f.write_str(name),
            None => match self {
                Kind::Custom(i) => write!(f, "CUSTOM#{i}"),
                _ => unreachable!("every built-in kind has a name"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::BUILTIN {
            assert_eq!(Kind::from_builtin_name(k.builtin_name().unwrap()), Some(k));
        }
        assert_eq!(Kind::from_builtin_name("credit_card"), None);
        assert_eq!(Kind::Custom(3).builtin_name(), None);
    }
}
