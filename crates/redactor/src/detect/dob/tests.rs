//! Birth-date detector tests through the public API: every format of the labelling policy, the
//! context rules, and the hard negatives. All dates and people are synthetic.

use crate::{Kind, Redactor};

/// The birth dates found in `text` (only the DATE_OF_BIRTH kind is enabled).
fn dobs_with(text: &str, all_dates: bool) -> Vec<&str> {
    let r = Redactor::builder()
        .only_kinds(&[Kind::DateOfBirth])
        .all_dates(all_dates)
        .build()
        .expect("default builder compiles");
    r.find(text)
        .filter(|f| f.kind == Kind::DateOfBirth)
        .map(|f| &text[f.span])
        .collect()
}

fn dobs(text: &str) -> Vec<&str> {
    dobs_with(text, false)
}

#[test]
fn every_policy_format_with_dob() {
    for date in [
        "04/12/1985",
        "4/12/1985",
        "4/12/85",
        "12/04/1985",
        "04-12-1985",
        "12.04.1985",
        "12.4.1985",
        "1985-04-12",
        "1985/04/12",
        "April 12, 1985",
        "April 12 1985",
        "12 April 1985",
        "Apr 12 1985",
        "Apr 12, 1985",
        "Apr. 12, 1985",
        "12 Apr 1985",
        "12-Apr-1985",
        "12-APR-1985",
        "April 12th, 1985",
        "12th April 1985",
        "12th of April 1985",
        "12. April 1985",
        "12 avril 1985",
        "1er avril 1985",
        "april 12 1985",
        "3 décembre 1985",
        "3 DÉCEMBRE 1985",
        "29 février 1984",
        "12. März 1985",
        "1er août 1985",
        "12 Dez. 1985",
        "Sept 3, 1985",
    ] {
        for text in [
            format!("DOB: {date}"),
            format!("Customer: dob {date}\n"),
            format!("{date} (DOB)"),
            format!("She was born on {date}."),
        ] {
            assert_eq!(dobs(&text), vec![date], "{text:?}");
        }
    }
}

#[test]
fn birth_words() {
    for (text, want) in [
        ("D.O.B. 04/12/1985", "04/12/1985"),
        ("d.o.b. 1975-12-09 / name Claude", "1975-12-09"),
        ("Date of birth: 30/03/1955", "30/03/1955"),
        ("birth date 30/03/1955", "30/03/1955"),
        ("Birthdate 30/03/1955", "30/03/1955"),
        ("My birthday is March 3, 1985", "March 3, 1985"),
        ("Mein Geburtsdatum ist der 28.05.1944, bitte", "28.05.1944"),
        ("Ich bin am 2. Mai 1970 geboren.", "2. Mai 1970"),
        ("Danny Langern, geb. am 17.05.2001, Kunde", "17.05.2001"),
        ("Anne Michel, née le 10/2/1989, et", "10/2/1989"),
        ("Je suis né le 1er avril 1985.", "1er avril 1985"),
        ("Date de naissance\u{a0}: 07.02.1965.", "07.02.1965"),
        (
            "can you verify your date of um birth 12/05/1951",
            "12/05/1951",
        ),
    ] {
        assert_eq!(dobs(text), vec![want], "{text:?}");
    }
}

#[test]
fn answer_to_a_question_on_the_line_before() {
    for text in [
        "Agent: Could you tell me your date of birth?\nCustomer: 04/05/1953\n",
        "[10:55] Agent: Can you please confirm your date of birth?\n[10:56] You: one sec\n[10:57] You: 14.01.1993\n",
        "Support: Could you tell me your DOB?\nCustomer: sure, let me check\nCustomer: 04/05/1953",
        "AGENT: can you confirm your birthday\ncustomer: 12/05/1951\nAGENT: great",
        "Support: To open the claim I need your full SSN and date of birth.\nMaria: 457-70-7285, 03-17-1975\n",
        "Nathalie\u{a0}: Pouvez-vous me confirmer votre date de naissance\u{a0}?\nCliente\u{a0}: 1974-03-28\n",
        "Agent: What's your DOB?\nYou: it's November 28, 1975 😡",
    ] {
        assert_eq!(dobs(text).len(), 1, "{text:?}");
    }
}

#[test]
fn other_questions_are_not_about_birth() {
    for text in [
        "Agent: When did you place the order?\nCustomer: 03/05/2024\n",
        "Agent: DOB 04/12/1985 confirmed.\nCustomer: 03/05/2024\n",
        "Agent: your DOB?\nCustomer: 04/12/1985\nAgent: thanks, and the purchase date?\nCustomer: 03/05/2024\n",
        "Agent: your DOB?\nCustomer: wait\nCustomer: hmm\nCustomer: still looking\nCustomer: 04/12/1985\n",
    ] {
        let found = dobs(text);
        assert!(!found.contains(&"03/05/2024"), "{text:?}: {found:?}");
        assert!(found.len() <= 1, "{text:?}: {found:?}");
    }
}

#[test]
fn birth_word_links_only_its_own_date() {
    let t = "I was born in Leeds on 3/7/80 and moved here on 1985-03-17; the form keeps failing.";
    assert_eq!(dobs(t), vec!["3/7/80"]);
    let t = "My birthday voucher (valid until 6/23/2023) was rejected at checkout.";
    assert!(dobs(t).is_empty());
    let t = "I ordered a birthday present on 2022-05-09 and it still hasn't shown up";
    assert!(dobs(t).is_empty());
    let t = "Thanks for confirming your date of birth. We will call you on 04/12/2024.";
    assert!(dobs(t).is_empty());
    let t = "Name: Jo Bloggs, date of birth 02/08/1971. The reset link gives code 1632.";
    assert_eq!(dobs(t), vec!["02/08/1971"]);
    let t = "My account has been locked since 2024-09-22. Name on the account: Jo, date of birth 02/08/1971.";
    assert_eq!(dobs(t), vec!["02/08/1971"]);
}

#[test]
fn non_birth_dates() {
    for text in [
        "Order placed 03/05/2024, delivery on 2024-03-09.",
        "Ticket opened 2024-11-02",
        "Customer since: 08/12/1993",
        "I've been a customer since Jul 12 1984, this is ridiculous",
        "member since 1998",
        "Your appointment is on 12 April 2024.",
        "Ihr Termin ist am 2021-03-05 um 3 Uhr.",
        "J'ai commandé le 6 novembre 2019",
        "Billing date: 04/12/2024",
        "The card expires 04/27.",
        "DOB: 04/27",
        "DOB: 04/12/2030",
        "DOB: 04/12/1885",
    ] {
        assert!(dobs(text).is_empty(), "{text:?}");
    }
}

#[test]
fn timestamps_and_lookalikes_are_not_dates() {
    for text in [
        "DOB check at 2024-11-02 14:33:05",
        "DOB check 2024-11-02T14:33:05Z",
        "Date: Tue, 12 Mar 2024 10:15:00 +0000 (dob)",
        "dob server 10.214.71.205",
        "dob 1.2.3.4",
        "dob version 7.13.50",
        "dob build=6.12.35",
        "dob v2.14.3",
        "dob 17.9.17-beta.1",
        "dob ref 4821-9931-02",
        "dob INV-2024-00451",
        "dob RE-2024-08-15",
        "dob 0.5227687358856201",
        "dob $1,299.99",
        "dob phone 06.12.34.56.78",
        "dob 415.555.2671",
        "dob uuid 123e4567-e89b-12d3-a456-426614174000",
        "dob https://example.com/2024/11/02/post",
        "dob 12/04/1985x",
        "dob x12/04/1985",
        "dob 112/04/1985",
        "dob 12/04/19856",
    ] {
        assert!(dobs(text).is_empty(), "{text:?}: {:?}", dobs(text));
        assert!(dobs_with(text, true).is_empty(), "{text:?}");
    }
}

#[test]
fn all_dates_mode() {
    let r = Redactor::builder()
        .only_kinds(&[Kind::DateOfBirth])
        .all_dates(true)
        .build()
        .expect("default builder compiles");
    let t = "Order placed 03/05/2024, DOB 12 April 1985, delivered 2024-03-09 14:00:00.";
    let found: Vec<_> = r
        .find(t)
        .map(|f| (&t[f.span.clone()], f.confidence))
        .collect();
    assert_eq!(
        found,
        vec![("03/05/2024", 0.6), ("12 April 1985", 0.9)],
        "{found:?}"
    );
    assert_eq!(dobs_with("due 2050-01-01", true), vec!["2050-01-01"]);
}

#[test]
fn one_span_per_date() {
    // The year's own anchor must not add a second, different span.
    for t in [
        "DOB April 12, 1985",
        "DOB 12 April 1985",
        "DOB 1985-04-12",
        "DOB 12.04.1985",
    ] {
        let r = Redactor::builder()
            .only_kinds(&[Kind::DateOfBirth])
            .build()
            .expect("default builder compiles");
        assert_eq!(r.find(t).count(), 1, "{t}");
    }
}

#[test]
fn hostile_input_does_not_panic() {
    let mut s = String::from("DOB ");
    s.push_str(&"1".repeat(5000));
    s.push_str(" 12/");
    s.push_str(&"9/".repeat(2000));
    s.push_str("DOB 12 ");
    s.push_str(&"é".repeat(300));
    s.push_str(" 12. Apr");
    let _ = dobs(&s);
    let _ = dobs_with(&s, true);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let r = Redactor::builder()
        .all_dates(true)
        .build()
        .expect("default builder compiles");
    let _ = r.find_bytes(&bytes).count();
    let edges = [
        "1",
        "12 ",
        "12 Apr",
        "Apr 1",
        "1/",
        "1/2/",
        "DOB 3 \u{c3}",
        "\u{a0}1",
    ];
    for e in edges {
        let _ = dobs_with(e, true);
    }
}

#[test]
fn the_answer_comes_from_the_other_speaker() {
    let t = "Agent: Thanks, I have your date of birth on file\nAgent: the charge from 05/06/2024 is fixed\n";
    assert!(dobs(t).is_empty(), "{:?}", dobs(t));
    let t = "[00:01:25] AGENT: can uh you confirm your birthday\n[00:01:54] customer: 1988-07-30\n";
    assert_eq!(dobs(t), vec!["1988-07-30"]);
    let t = "Conseiller\u{a0}: Votre date de naissance\u{a0}?\nCliente\u{a0}: 1984-06-05\n";
    assert_eq!(dobs(t), vec!["1984-06-05"]);
    let t = "Date of birth:\n04/12/1985\n";
    assert_eq!(dobs(t), vec!["04/12/1985"]);
}

#[test]
fn more_ways_people_write_it() {
    for (text, want) in [
        ("Born: 12 April, 1985", "12 April, 1985"),
        ("born on the 4th of July, 1976", "4th of July, 1976"),
        ("DOB:04/12/1985", "04/12/1985"),
        ("dob=1985-4-12", "1985-4-12"),
        ("(DOB 04/12/1985)", "04/12/1985"),
        ("b-day 12-APR-85", "12-APR-85"),
        ("Ich wurde am 12.April 1985 geboren", "12.April 1985"),
        ("Geb.-Datum 12. Apr. 1985", "12. Apr. 1985"),
        ("12/04/1985 is my date of birth", "12/04/1985"),
        ("Date of birth (MM/DD/YYYY): 04/12/1985", "04/12/1985"),
        ("my birthday's 04/12/1985", "04/12/1985"),
    ] {
        assert_eq!(dobs(text), vec![want], "{text:?}");
    }
}

#[test]
fn a_birth_word_reaches_only_so_far() {
    let far = format!(
        "born, {} 04/12/1985",
        "and then a long story without any numbers ".repeat(3)
    );
    assert!(dobs(&far).is_empty());
    for text in [
        "Since it's your birthday month, use the code by 04/30/2024",
        "Patient DOB 04/12/1985, admitted 05/06/2024",
        "DOB verified! Delivery on 05/06/2024",
    ] {
        let found = dobs(text);
        assert!(
            !found.iter().any(|d| d.contains("2024")),
            "{text:?}: {found:?}"
        );
    }
}

#[test]
fn a_header_date_answers_nothing() {
    let t = "Subject: Please update my date of birth\nDate: 12/03/2024\n";
    assert!(dobs(t).is_empty());
}

#[test]
fn findings_depend_only_on_the_window() {
    let body =
        "Agent: Could you tell me your date of birth?\nCustomer: sure\nCustomer: 04/05/1953\n\
                I was born in Leeds on 3/7/80 and moved here on 1985-03-17.\nDOB: 12. März 1985\n";
    let base: Vec<_> = dobs(body).into_iter().map(String::from).collect();
    assert_eq!(base.len(), 3, "{base:?}");
    for n in [1usize, 7, 100, 255, 256, 257, 400, 700] {
        let pad = "lorem ipsum ".repeat(n / 12 + 1)[..n].to_string();
        for text in [format!("{pad}\n{body}"), format!("{body}{pad}")] {
            let got: Vec<_> = dobs(&text).into_iter().map(String::from).collect();
            assert_eq!(got, base, "pad {n}");
        }
    }
}

#[test]
fn random_token_soup_does_not_panic() {
    const TOKENS: &[&str] = &[
        "DOB", "born", " ", "\n", "12", "1985", "4", "/", "-", ".", ":", "April", "avr", "é",
        "März", "\u{a0}", "th", "er", "of", "order", "?", "[10:56]", "Agent", "Customer", "2024",
        "14:33", "\u{c3}", "Dé", ",", "85", "0",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..(next() % 200) {
            s.push_str(TOKENS[(next() % TOKENS.len() as u64) as usize]);
        }
        for all in [false, true] {
            for d in dobs_with(&s, all) {
                assert!(d.bytes().any(|b| b.is_ascii_digit()), "{d:?}");
            }
        }
    }
}

#[test]
fn a_labelled_birth_date_keeps_its_time_of_birth() {
    // A birth word right before the date labels it, so a following time is the time of birth
    // (or a database datetime), not a timestamp.
    for (text, want) in [
        ("DOB: 04/12/1985 10:30", "04/12/1985"),
        ("date_of_birth = 1985-04-12 00:00:00", "1985-04-12"),
        ("born Jul 16, 2021, 4:29 AM", "Jul 16, 2021"),
        ("Geburtsdatum: 12.04.1985 um 14:30", "12.04.1985"),
    ] {
        assert_eq!(dobs(text), [want], "{text:?}");
    }
    // Unlabelled, or labelled by something else first, it stays a timestamp.
    for text in [
        "DOB check at 2024-11-02 14:33:05",
        "born? opened 04/12/1985 10:30",
        "[04/12/1985 10:30] Customer: my DOB is on file",
    ] {
        assert!(dobs(text).is_empty(), "{text:?}: {:?}", dobs(text));
    }
}

#[test]
fn a_time_cut_off_at_the_end_of_the_text() {
    for text in [
        "DOB 1985-04-12 09:",
        "DOB 1985-04-12 09",
        "DOB 1985-04-12 09:3",
    ] {
        assert_eq!(dobs(text), ["1985-04-12"], "{text:?}");
    }
}

#[test]
fn same_turn_across_a_sentence_or_a_table_cell() {
    for (text, want) in [
        (
            "Customer: I'd like to correct my date of birth. The right one is 04/12/1985.",
            "04/12/1985",
        ),
        ("Customer: Oh, my birthday! Sure: 04/12/1985", "04/12/1985"),
        (
            "Customer: Need to update my DOB; it should be 04/12/1985",
            "04/12/1985",
        ),
        ("| Date of birth | 04/12/1985 |", "04/12/1985"),
        ("DOB*: 04/12/1985", "04/12/1985"),
        // Markdown from bots and LLM summaries.
        ("- **DOB:** 07/20/1996", "07/20/1996"),
        ("2. **DOB**: 07/20/1996", "07/20/1996"),
        ("* **Birth date:** July 24th, 1998", "July 24th, 1998"),
    ] {
        assert_eq!(dobs(text), [want], "{text:?}");
    }
    // A recent date after the sentence is a next step, not the birth date.
    let t = "Thanks for confirming your date of birth. We will call you on 04/12/2024.";
    assert!(dobs(t).is_empty());
    // A non-birth word or another number in between still breaks the link.
    let t = "Date of birth checked. Order placed 04/12/1985.";
    assert!(dobs(t).is_empty());
}

#[test]
fn birthday_celebrations_and_time_of_birth() {
    for text in [
        "Customer: my birthday is coming up, can you deliver by 4/23/2024?",
        "Customer: I need it before my mom's birthday on February 28, 2025",
        "Kunde: bitte zum Geburtstag meiner Tochter am 9.5.2025 liefern",
    ] {
        assert!(dobs(text).is_empty(), "{text:?}: {:?}", dobs(text));
    }
    assert_eq!(dobs("my birthday is 04/12/1985"), ["04/12/1985"]);
    assert_eq!(dobs("my son was born 3/4/2025"), ["3/4/2025"]);
    assert_eq!(
        dobs("Customer: I was born on 12/03/1975 at 10:30 pm"),
        ["12/03/1975"]
    );
}

#[test]
fn the_question_names_what_it_asks_for_first() {
    for q in [
        "What's your date of birth so I can process the refund?",
        "Could you give me your DOB? I need it for the booking.",
        "Can you confirm the date of birth registered on the account?",
    ] {
        let t = format!("[08:17] Agent: {q}\n[09:49] Customer: 5/4/1982\n");
        assert_eq!(dobs(&t), ["5/4/1982"], "{t:?}");
    }
    let t = "Agent: Thanks, date of birth verified. When did you place the order?\nCustomer: 5/4/1982\n";
    assert!(dobs(t).is_empty());
}

#[test]
fn a_list_of_dates_after_one_birth_word() {
    assert_eq!(
        dobs("dates of birth for the kids: 19th of August 2001 and 1.8.2006"),
        ["19th of August 2001", "1.8.2006"]
    );
    assert_eq!(
        dobs("dates of birth: 04/12/1985, 05/11/1986 and Jun. 17, 2003"),
        ["04/12/1985", "05/11/1986", "Jun. 17, 2003"]
    );
    // Another number in between is no list of dates.
    assert_eq!(
        dobs("DOB 04/12/1985, order 55 and 05/11/2020"),
        ["04/12/1985"]
    );
}

#[test]
fn events_of_the_record_and_filler_turns() {
    for text in [
        "I changed my DOB on 03/05/2024 in the app",
        "Agent note: verified DOB and address on 2024-03-05.",
        "DOB field was blank when I signed up on 03/05/2019",
        "the birthday promo code ended 6/4/2020?",
    ] {
        assert!(dobs(text).is_empty(), "{text:?}: {:?}", dobs(text));
    }
    assert_eq!(dobs("my son was born on 3/4/2019"), ["3/4/2019"]);
    assert_eq!(dobs("DOB on file: 04/12/1985"), ["04/12/1985"]);
    for text in [
        "spk_0: can you verify your dob for me\nspk_1: uh hold on one sec\nspk_1: uh 5/29/82",
        "Agent: Can you confirm your date of birth?\nCustomer: let me grab my ID\nCustomer: 04/27/1986",
        // A time in brackets belongs to the speaker label.
        "agent (0:40): can i get your date of birth\ncaller (0:52): uh one sec\ncaller (1:05): okay 24th november 1967",
        // A non-birth word after `and` starts a new clause: it does not label the answer.
        "Agent: Can you confirm your date of birth?\nCustomer: 22-Apr-1964 and my order was last week",
    ] {
        assert_eq!(dobs(text).len(), 1, "{text:?}");
    }
    // A top-posted e-mail reply: the question is quoted below the answer.
    let reply = "Hi,\n\nSure, it's 12/07/1960\nAnd the number is +61 8 6826 9575.\n\nCooper\n\n\
                 On 2025-10-07 10:44, Support <billing@cloudnest.io> wrote:\n> Dear Cooper,\n\
                 > please confirm your date of birth and a phone number.\n> Ticket CS0539398\n";
    assert_eq!(dobs(reply), ["12/07/1960"]);
    // Not when the quoted question asks for something else, or the date has its own word.
    let other = reply.replace("date of birth", "order date");
    assert!(dobs(&other).is_empty(), "{other:?}");
    let own = reply.replace("Sure, it's", "Delivered on");
    assert!(dobs(&own).is_empty(), "{own:?}");
    // A longer line tells of another date, even below a question for the date of birth.
    let story = reply.replace("Sure, it's", "the sync error started on");
    assert!(dobs(&story).is_empty(), "{story:?}");
    // A non-birth word says nothing across a sentence end, whatever the year.
    for text in [
        "Die Rechnung ist falsch. Ich bin am 17.12.1990 geboren.",
        "My order never arrived. 1/17/1978 is my date of birth.",
    ] {
        assert_eq!(dobs(text).len(), 1, "{text:?}");
    }
    // The date a birth-date record changed, in German and French too; a copula before the
    // preposition names the birth date itself.
    for text in [
        "Ich habe Ihr Geburtsdatum am 27.04.2019 im System korrigiert.",
        "Votre date de naissance a été mise à jour le 23/06/2024.",
        "your date of birth was updated on 26 oct 2024",
    ] {
        assert!(dobs(text).is_empty(), "{text:?}");
    }
    for text in [
        "Ma date de naissance est le 12/04/1985.",
        "Mein Geburtsdatum ist am 12.04.1985.",
        "Kundin: Gabriele Fischer, geb. am 27.02.1962, Kundennummer 8213",
        "ma date de naissance ? attendez, c'est sur la carte vitale… le 5 mars 1955",
    ] {
        assert_eq!(dobs(text).len(), 1, "{text:?}");
    }
    // A relative's birth date given with one's own, in one sentence.
    for text in [
        "Mein Geburtsdatum ist der 12.04.1985, das meiner Frau der 03.05.1987.",
        "Date of birth: 04/12/1985 (me), 05/03/1987 (my husband)",
        "Wir sind am 12.04.1985 und am 03.05.1987 geboren.",
        "My date of birth is 12 April 1985 and my wife's is 3 May 1987.",
        "Ma date de naissance est le 12/04/1985 et celle de mon mari le 03/05/1987.",
        "date of birth 10/02/1979 me 26/01/2012 my daughter",
    ] {
        assert_eq!(dobs(text).len(), 2, "{text:?}");
    }
    // A second date that names no one is not listed.
    for text in [
        "My DOB is 04-Nov-1993, my policy started 12/1/19",
        "My DOB is 12/04/1985 and I called on 03/05/2024.",
        "DOB 04/12/1985 (verified) 03/05/2024",
    ] {
        assert_eq!(dobs(text).len(), 1, "{text:?}");
    }
    // Nor does a birth word after `and` label the date before it.
    assert_eq!(
        dobs("my flight is on 04/05/2024 and my birthday is 04/12/1985"),
        ["04/12/1985"]
    );
}

#[test]
fn a_time_of_day_or_a_relative_clause_between_word_and_date() {
    for (text, want) in [
        (
            "Customer: I was born at 7:45 am on June 13, 1958",
            "June 13, 1958",
        ),
        ("born at 19:05 on 13.06.1958", "13.06.1958"),
        ("born at 7:45pm on 6/13/1958", "6/13/1958"),
        (
            "Customer: the date of birth I registered with is 21 Oct 2004",
            "21 Oct 2004",
        ),
        (
            "| Name | J. Doe |\n| Date of birth | 10/28/55 |",
            "10/28/55",
        ),
        ("DOB | 10/28/55", "10/28/55"),
    ] {
        assert_eq!(dobs(text), [want], "{text:?}");
    }
    for text in [
        // Not a time: it stays another number between word and date.
        "born at 25:45 on 6/13/1958",
        "born in room 7 on 6/13/1958",
        // A non-birth word with a time between still takes the date.
        "order placed at 7:45 on 06/13/1990",
        // The non-birth word labels the date, or a new clause starts.
        "my date of birth is right but the bill is 04/05/1999",
        "My DOB is right but the order I placed yesterday was 04/05/2024",
        "the bill I paid was 04/05/1999",
        // A cell border after a non-cell gap still separates.
        "| DOB | checked | 10/28/55 |",
    ] {
        assert!(dobs(text).is_empty(), "{text:?}: {:?}", dobs(text));
    }
}
