//! Phone detector cases: every listed format, extensions, spans, context and hard negatives.

use crate::{Kind, Redactor};

/// The phone findings in `text`, as the matched text.
fn phones(text: &str) -> Vec<&str> {
    Redactor::default()
        .find(text)
        .filter(|f| f.kind == Kind::Phone)
        .map(|f| &text[f.span.clone()])
        .collect()
}

/// Asserts that `text` holds exactly the phone numbers `want`.
#[track_caller]
fn check(text: &str, want: &[&str]) {
    let shown: String = text.chars().take(120).collect();
    assert_eq!(phones(text), want, "in {shown:?}");
}

/// Asserts that each number is found, whole, in a sentence without any phone word.
#[track_caller]
fn found_anywhere(numbers: &[&str]) {
    for n in numbers {
        check(&format!("Details: {n} (see above)."), &[n]);
    }
}

/// Asserts that none of these is a phone number, with or without a phone word nearby.
#[track_caller]
fn never(texts: &[&str]) {
    for t in texts {
        check(t, &[]);
        check(&format!("Customer: my phone number is ok. {t}"), &[]);
    }
}

#[test]
fn nanp_formats() {
    found_anywhere(&[
        "(415) 555-2671",
        "(415)555-2671",
        "415-555-2671",
        "415.555.2671",
        "415 555 2671",
        "+1 415 555 2671",
        "+1-415-555-2671",
        "+1 (415) 555-2671",
        "+1.415.555.2671",
        "1-800-555-0199",
        "1 (800) 555-0199",
        "+14155552671",
        "(613) 555-0142",
    ]);
}

#[test]
fn nanp_plan_is_checked() {
    never(&[
        "123-456-7890", // area code starting with 1
        "415-155-2671", // exchange starting with 1
        "211-555-2671", // N11 service code
        "370-555-2671", // 37X is unassigned
        "960-555-2671", // 96X is unassigned
        "+1 370 555 2671",
    ]);
}

#[test]
fn international_formats() {
    found_anywhere(&[
        "+442071838750",
        "+44 20 7183 8750",
        "0044 20 7183 8750",
        "+44 (0)20 7183 8750",
        "+44(0)20 7183 8750",
        "+91-98765-43210",
        "+91 98765 43210",
        "+91 80 3362 8841",
        "+33 5 00 21 40 51",
        "+33 (0)5 00 21 40 51",
        "0033 6 12 34 56 78",
        "+61 466 935 032",
        "+61 2 9374 4000",
        "+61 (0)2 9374 4000",
        "+49 (0)221 29368077",
        "+49 30 12345678",
        "+49 171 2345678",
        "+4915112345678",
        "0049 211 2892339",
        "+353 1 234 5678",
        "+81 3-1234-5678",
        "+7 495 123-45-67",
        "+298 323456",
        "+34 612 345 678",
        "+39 06 1234 5678",
        "0044 (0)20 7183 8750",
    ]);
}

#[test]
fn international_plan_is_checked() {
    never(&[
        "+44 20 7183 875",   // GB NSN too short
        "+33 0 12 34 56 78", // FR NSN cannot start with 0
        "+61 5 1234 5678",   // AU 5 is not a service prefix
        "+999 1234 5678",    // 999 is not an assigned code
        "+28 1234 5678",     // 28 is spare
        "0044 20 7183",      // too short
        "+43 1234",          // short numbers are not reported
        "+1 800 555",        // incomplete
        "+15 points",        // a score
        "00 40 87 06 31",    // a 6-digit Romanian short number is not reported
        "+017078275361",     // no calling code starts with 0
        "+34 333 880 903",   // Spanish NSNs start with 5-9
        "+298 12345",        // Faroese NSNs have 6 digits
    ]);
}

#[test]
fn national_formats() {
    found_anywhere(&[
        // GB
        "020 7183 8750",
        "0207 183 8750",
        "0121 265 1664",
        "01632 960123",
        "07400 123456",
        "07400 123 456",
        "(020) 7183 8750",
        // DE
        "030 12345678",
        "030/12345678",
        "0171-2345678",
        "0221 585600",
        "0221 / 585600",
        "01574 0663129",
        "089 / 96270490",
        // FR
        "06 12 34 56 78",
        "0 800 12 34 56",
        "06.12.34.56.78",
        "01 23 45 67 89",
        // IN
        "098765 43210",
        "084227 87675",
        "011 2345 6789",
        "0124 234 5678",
        // AU
        "(02) 9374 4000",
        "(07) 4791 1989",
        "0412 345 678",
        "03 9101 7484",
        "1300 655 506",
        "1800 123 456",
    ]);
}

#[test]
fn national_plan_is_checked() {
    never(&[
        "06 12 34 56 7",  // FR too short
        "06 12.34 56 78", // FR mixed separators
        "022 1234567",    // DE two-digit area code that does not exist
        "0301 2345678",   // DE area codes are prefix-free: 030 is Berlin
        "04 12 1985",     // a date
        "0412 345 67",    // AU mobile too short
        "060 1234 5678",  // 06 is unused in GB, and 60 is no Indian metro code
        "0624 134 5678",  // Indian subscriber numbers start 2-7
    ]);
}

#[test]
fn bare_digits_need_a_phone_word() {
    check("Customer: my cell is 4155552671", &["4155552671"]);
    check("call me at 07400123456 please", &["07400123456"]);
    check("Tel:4155552671", &["4155552671"]);
    check("phone 035185482836", &["035185482836"]);
    check("Mobile: 98765 43210 | jane@example.com", &["98765 43210"]);
    check("Telefon: 00442071838750", &["00442071838750"]);
    check("14155552671 is my number", &["14155552671"]);
    // The question is in the turn before.
    check(
        "Agent: What's the best number to reach you?\nCustomer: 4155552671",
        &["4155552671"],
    );
    // No phone word.
    check("Customer: 4155552671", &[]);
    check("the value was 07400123456 yesterday", &[]);
    check("Ref 98765 43210", &[]);
    // A nearer word says it is something else.
    check("Customer: my order number is 4155552671", &[]);
    check(
        "Agent: Can I have your phone?\nCustomer: account 4155552671",
        &[],
    );
}

#[test]
fn extensions_are_not_part_of_the_span() {
    check("call 415-555-2671 ext. 204", &["415-555-2671"]);
    check("call 415-555-2671 x204", &["415-555-2671"]);
    check("call 415-555-2671x204 today", &["415-555-2671"]);
    check("call 415-555-2671ext204 today", &["415-555-2671"]);
    check("call 415-555-2671 (ext. 204)", &["415-555-2671"]);
    check("Tel: 89067 25239 extension 3548", &["89067 25239"]);
}

#[test]
fn spans_exclude_surrounding_punctuation() {
    check("(call: 415-555-2671).", &["415-555-2671"]);
    check("[+44 20 7183 8750]", &["+44 20 7183 8750"]);
    check("\"(415) 555-2671\",", &["(415) 555-2671"]);
    check("Téléphone\u{a0}: 06 12 34 56 78.", &["06 12 34 56 78"]);
    check("Tel.: +49 (0)221 29368077;", &["+49 (0)221 29368077"]);
    check(
        "0221 585600 / 0171 2345678",
        &["0221 585600", "0171 2345678"],
    );
    check(
        "415-555-2671 / 415-555-2672",
        &["415-555-2671", "415-555-2672"],
    );
    check(
        "06\u{a0}12\u{a0}34\u{a0}56\u{a0}78",
        &["06\u{a0}12\u{a0}34\u{a0}56\u{a0}78"],
    );
    check(
        "+44\u{202f}20\u{202f}7183\u{202f}8750",
        &["+44\u{202f}20\u{202f}7183\u{202f}8750"],
    );
}

#[test]
fn hard_negatives() {
    never(&[
        "order #4481923",
        "ORD-330517",
        "order 112-4567890-1234567",
        "invoice INV-2024-00451",
        "RE-2024-0815",
        "case #00012345",
        "CS0012345",
        "SR 2-18222254",
        "ref 4821-9931",
        "ref 4821-9931-02",
        "card 4111 1111 1111 1111",
        "4111111111111111",
        "5500-0000-0000-0004",
        "3782 822463 10005",
        "3056 930902 5904",
        "4222222222222",
        "4222 222 222 222",
        "6304 0000 0000 0000 018",
        "IMEI 356938035643809",
        "SSN 123-45-6789",
        "born 04/12/1985",
        "12.04.1985",
        "1985-04-12",
        "2024-11-02 14:33:05",
        "2024-11-02T14:33:05Z",
        "at 14:33:05",
        "$1,299.99",
        "€49,90",
        "192.168.1.20:8080",
        "10.0.0.1",
        "550e8400-e29b-41d4-a716-446655440000",
        "v2.14.3",
        "iOS 17.4.1",
        "build 22631.2861",
        "0x80070005",
        "HTTP 503",
        "ORA-12541",
        "1Z999AA10123456784",
        "9400 1000 0000 0000 0000 00",
        "92055901755477000271990251",
        "FedEx 1234 5678 9012",
        "ZIP 94105-1234",
        "IBAN DE89 3704 0044 0532 0130 00",
        "GB29 NWBK 6016 1331 9268 19",
        "GB17 LOYD 0054 9032 1145 75",
        "Membership number 0063 2710 8259 1364",
        "loyalty number 0030979863450317",
        "member ID 123456789",
        "0.5227687358856201",
        "KB5034441",
        "logo@2x.png",
        "**** **** **** 4821",
        "1699999999",
        "2 415 555 2671 3",
    ]);
}

#[test]
fn long_runs_and_odd_bytes_are_bounded() {
    let digits = "1".repeat(20_000);
    check(&digits, &[]);
    let grouped = "415 ".repeat(5_000);
    check(&grouped, &[]);
    let chain = "+(".repeat(3_000);
    check(&chain, &[]);
    let slashes = "0221 / ".repeat(3_000);
    check(&slashes, &[]);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let _ = Redactor::default().find_bytes(&bytes).count();
}

#[test]
fn random_phone_like_text_is_safe() {
    // A small LCG (Knuth's MMIX constants) keeps the test deterministic without a dependency.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let alphabet: &[&str] = &[
        "0", "1", "4", "5", "7", "9", " ", "-", ".", "/", "(", ")", "+", "x", "ext ", "\u{a0}",
        "\u{202f}", "\n", "phone ", "order ", "#", ":", "00", "44", "(0)", " / ",
    ];
    let redactor = Redactor::default();
    for _ in 0..2_000 {
        let len = next() % 60;
        let text: String = (0..len)
            .map(|_| alphabet[next() % alphabet.len()])
            .collect();
        for f in redactor.find(&text).filter(|f| f.kind == Kind::Phone) {
            let m = &text.as_bytes()[f.span.clone()];
            assert!(
                matches!(m.first(), Some(b'0'..=b'9' | b'+' | b'(')),
                "{text:?}"
            );
            assert!(m.last().is_some_and(u8::is_ascii_digit), "{text:?}");
            assert!(
                m.iter().filter(|b| b.is_ascii_digit()).count() >= 7,
                "{text:?}"
            );
        }
    }
}

#[test]
fn numbers_in_a_row_are_each_found() {
    // A space after a dash- or dot-grouped number ends it: what follows is another number (or
    // a time, a count), not a further group.
    check(
        "call (734) 555-0190 (734) 555-0190 back",
        &["(734) 555-0190", "(734) 555-0190"],
    );
    check(
        "call 734-555-0190 734-555-0190 back",
        &["734-555-0190", "734-555-0190"],
    );
    check(
        "415.555.2671 415.555.2671 415.555.2671 415.555.2671",
        &["415.555.2671"; 4],
    );
    check(
        "+1 415 555 2671 +1 415 555 2671",
        &["+1 415 555 2671", "+1 415 555 2671"],
    );
    check("call 415-555-2671 24 hours a day", &["415-555-2671"]);
    check("call 415-555-2671\u{a0}415-555-2671", &["415-555-2671"; 2]);
    // Still one token: a `(` group after `+1`, and mixed formats that put the space first.
    check("+1 (415) 555-2671", &["+1 (415) 555-2671"]);
    check("1 800-555-0199", &["1 800-555-0199"]);
    check("0044 (0)20 7183 8750", &["0044 (0)20 7183 8750"]);
}

#[test]
fn masking_numbers_in_a_row_is_idempotent() {
    let r = Redactor::builder()
        .default_policy(crate::Policy::Mask)
        .build()
        .expect("valid");
    for text in [
        "call (734) 555-0190 (734) 555-0190 back",
        "call 734-555-0190 734-555-0190 back",
        "+1 415 555 2671 +1 415 555 2671 (415) 555-2671",
    ] {
        let once = r.redact(text).into_owned();
        assert_eq!(r.redact(&once), once, "in {text:?}");
    }
}

#[test]
fn csv_rows_idioms_and_labels() {
    check(
        "name,dob,phone\nJane,03/08/1963,702-433-4969",
        &["702-433-4969"],
    );
    check("total 1,299 items", &[]);
    // A comma next to more digits separates fields unless the two read as thousands.
    check("jane.doe@gmail.com,702-878-4528,94107", &["702-878-4528"]);
    check("2024-07-04 14:58:05,+17028784528", &["+17028784528"]);
    // `#` glued to a label word before a grouped number; bare digits after `#` are references.
    check(
        "ph#212.588.6340 or cell#+61 8 5580 7549",
        &["212.588.6340", "+61 8 5580 7549"],
    );
    check("ph#778 497 2524", &["778 497 2524"]);
    check("Order#4155552671, case #212.588.6340", &[]);
    check("id,phone\n1289,(415) 555-2671,12", &["(415) 555-2671"]);
    check("Population 1,415 555 2671", &[]);
    check(
        "Agent: and a contact number in case we get cut off?\nCustomer: 07781171131",
        &["07781171131"],
    );
    check(
        "Customer: WhatsApp ID +49 89 69435303",
        &["+49 89 69435303"],
    );
    check("Your case number is 4155552671", &[]);
    // A formatted number that fits its plan is a phone number whatever labels it; a label
    // still decides for bare digits (above), and references fail the plan.
    check(
        "Customer: the line on account 604-976-9761 is suspended",
        &["604-976-9761"],
    );
    check("Reference 0934-5589", &[]);
    check("ref 4821-9931-02", &[]);
}

#[test]
fn two_five_digit_groups_need_a_phone_word() {
    check("Postal codes 75859 76962 affected", &[]);
    check("Stock: 60850 75117 units across warehouses", &[]);
    check("my mobile is 98765 43210", &["98765 43210"]);
}

#[test]
fn the_question_names_what_it_asks_for_first() {
    for q in [
        "What number should we call you on regarding the order?",
        "Could you give me a callback number for this ticket?",
        "Which mobile should we text the OTP to?",
        "Can I get a phone number in case we need to follow up on the order?",
    ] {
        check(
            &format!("Agent: {q}\nCustomer: 2138685181\n"),
            &["2138685181"],
        );
    }
    check(
        "Agent: Thanks for calling! What's your account number?\nCustomer: 2138685181\n",
        &[],
    );
}

#[test]
fn a_word_that_does_not_label_the_number() {
    check(
        "Customer: my mobile, the one on my account, is 6175804052",
        &["6175804052"],
    );
    check(
        "Customer: my mobile is on file, account number 6175804052",
        &[],
    );
    check("Call me. Order 6175804052 is late", &[]);
}

#[test]
fn two_numbers_joined_by_a_slash() {
    check(
        "call 415-738-2671/415-738-2672, either works",
        &["415-738-2671", "415-738-2672"],
    );
    check(
        "Direct +44 20 7183 8750/+44 20 7183 8751",
        &["+44 20 7183 8750", "+44 20 7183 8751"],
    );
    check("Büro: 030/12345678", &["030/12345678"]);
    check("v2/415-738-2671", &[]);
    check(
        "Tel. 06 12 34 56 78/06 12 34 56 79",
        &["06 12 34 56 78", "06 12 34 56 79"],
    );
    // Only a run of exactly five pairs is a complete French number.
    check("ref 1 06 12 34 56 78/06 12 34 56 79", &[]);
    check("ref 12 34 56 78 90/12 34 56 78 90", &[]);
}

#[test]
fn a_speaker_label_is_not_a_context_word() {
    check(
        "rep: and a good callback number\nmember: yeah it's 9172142541",
        &["9172142541"],
    );
    check("member: my member number is 9172142541", &[]);
}

/// `may_match` is a necessary condition: wherever `detect` reports a number, it holds. Checked
/// on every digit-run anchor of generated tokens: digit groups joined by separators, with an
/// optional `+` or bracket.
#[test]
fn the_pre_check_never_hides_a_number() {
    use super::super::DetectOptions;
    const GROUPS: &[&str] = &[
        "1",
        "0",
        "00",
        "44",
        "49",
        "415",
        "555",
        "2671",
        "20",
        "7946",
        "0958",
        "98765",
        "43210",
        "4155552671",
        "14155552671",
        "1300",
        "1800",
        "123",
        "456",
        "4941",
        "6246",
        "020",
        "(0)",
        "(415)",
        "(02)",
        "33",
        "85",
        "9374",
        "4000",
    ];
    const SEPS: &[&str] = &[" ", "-", ".", "/", " / ", " - ", "\u{a0}", ""];
    const HEADS: &[&str] = &["tel ", "call ", "Order ", "+", "(", "x"];
    let opts = DetectOptions {
        context: crate::context::ContextIndex::builtin(),
        all_dates: false,
    };
    // One of each shape `judge` accepts, then random ones.
    let shapes = [
        "1 415-555-2671",
        "1-800-555-0199",
        "call 4155552671",
        "call 14155552671",
        "call 98765 43210",
        "20 4941 6246",
        "1300 123 456",
        "fax 030/12345678",
        "tel 0221 / 585600",
        "call 020/7946/0958",
    ];
    let texts = crate::detect::testing::generated_texts(
        0x2545_f491_4f6c_dd1d,
        100_000,
        &shapes,
        HEADS,
        GROUPS,
        SEPS,
        5,
    );
    let reported = crate::detect::testing::assert_pre_check_holds(
        &texts,
        |w, _, out| super::detect(w, &opts, out),
        super::may_match,
    );
    assert!(reported > 2000, "only {reported} numbers reported");
}
