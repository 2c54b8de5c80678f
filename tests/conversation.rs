//! Conversation mode: each message is redacted at once, with context from the ones before.

use redactor::{Redactor, Role};

#[test]
fn prompts_carry_into_the_reply() {
    let r = Redactor::default();
    let mut chat = r.conversation();
    assert_eq!(
        chat.redact_message(Role::Agent, "Thanks! Can you confirm your date of birth?"),
        "Thanks! Can you confirm your date of birth?"
    );
    assert_eq!(
        chat.redact_message(Role::Customer, "04/12/1985"),
        "[DATE_OF_BIRTH]"
    );

    assert_eq!(
        chat.redact_message(Role::Agent, "And your SSN please?"),
        "And your SSN please?"
    );
    assert_eq!(chat.redact_message(Role::Customer, "123456789"), "[US_SSN]");

    chat.redact_message(Role::Agent, "Which card would you like to use?");
    assert_eq!(
        chat.redact_message(Role::Customer, "4111 1111 1111 1111"),
        "[CREDIT_CARD]"
    );
}

#[test]
fn without_a_prompt_bare_values_stay() {
    let r = Redactor::default();
    let mut chat = r.conversation();
    chat.redact_message(Role::Agent, "When did you place the order?");
    assert_eq!(
        chat.redact_message(Role::Customer, "03/05/2024"),
        "03/05/2024"
    );
    assert_eq!(
        chat.redact_message(Role::Customer, "123456789"),
        "123456789"
    );
}

#[test]
fn context_lasts_two_messages() {
    let r = Redactor::default();
    let mut chat = r.conversation();
    chat.redact_message(Role::Agent, "What is your date of birth?");
    chat.redact_message(Role::Customer, "one sec");
    // The prompt is two messages back: still carried (a filler turn in between).
    assert_eq!(
        chat.redact_message(Role::Customer, "04/12/1985"),
        "[DATE_OF_BIRTH]"
    );

    let mut chat = r.conversation();
    chat.redact_message(Role::Agent, "What is your date of birth?");
    chat.redact_message(Role::Customer, "hmm let me look");
    chat.redact_message(Role::Agent, "no rush");
    // Three messages back: no longer carried.
    assert_eq!(
        chat.redact_message(Role::Customer, "04/12/1985"),
        "04/12/1985"
    );
}

#[test]
fn findings_have_message_offsets() {
    let r = Redactor::default();
    let mut chat = r.conversation();
    chat.redact_message(Role::Agent, "mail me at jane@example.com");
    let f = chat.find_message(Role::Customer, b"ok, mine is joe@example.com");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].span, 12..27);
}
