//! Throughput of redactor against a naive regex baseline, in one run.
//!
//! Haystacks come from `../shared/corpus/haystacks/` (or `$REDACTOR_HAYSTACKS`) when present and
//! are generated otherwise. Every benchmark first checks its answer (a fast wrong answer is not
//! a result), then measures. Run: `cargo bench --bench throughput`; criterion prints medians
//! in MB/s (decimal).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use redactor::{conversation::Role, Redactor};
use regex::bytes::Regex;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

/// One regex alternation of five PII patterns, ASCII word boundaries, no validation.
fn naive_baseline() -> Regex {
    Regex::new(concat!(
        r"(?-u:\b)(?:[0-9][ -]?){12,18}[0-9](?-u:\b)",
        r"|(?-u:\b)[0-9]{3}-[0-9]{2}-[0-9]{4}(?-u:\b)",
        r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        r"|(?:\+1[ .-]?)?\(?(?-u:\b)[0-9]{3}\)?[ .-]?[0-9]{3}[ .-]?[0-9]{4}(?-u:\b)",
        r"|(?-u:\b)[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}(?-u:\b)",
    ))
    .expect("baseline compiles")
}

fn haystack_dir() -> PathBuf {
    std::env::var_os("REDACTOR_HAYSTACKS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/haystacks")
        })
}

/// A haystack from the shared corpus, or a generated stand-in of about `fallback_len` bytes.
fn haystack(name: &str, fallback: fn(usize) -> Vec<u8>, fallback_len: usize) -> (String, Vec<u8>) {
    match std::fs::read(haystack_dir().join(name)) {
        Ok(bytes) => (name.to_string(), bytes),
        Err(_) => (format!("generated-{name}"), fallback(fallback_len)),
    }
}

/// A deterministic pseudo-random sequence (xorshift), so generated haystacks are stable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

fn generated_prose(len: usize) -> Vec<u8> {
    const WORDS: &[&str] = &[
        "the",
        "you",
        "what",
        "know",
        "I",
        "don't",
        "think",
        "so",
        "well",
        "we",
        "have",
        "to",
        "go",
        "now",
        "said",
        "Holmes",
        "Watson",
        "there",
        "is",
        "nothing",
        "more",
        "deceptive",
        "than",
        "an",
        "obvious",
        "fact.",
        "Come,",
        "at",
        "once!",
        "in",
        "1891",
        "room",
        "221B",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(len + 16);
    while out.len() < len {
        out.extend_from_slice(WORDS[rng.next() % WORDS.len()].as_bytes());
        out.push(if rng.next().is_multiple_of(12) {
            b'\n'
        } else {
            b' '
        });
    }
    out
}

fn generated_chat(len: usize) -> Vec<u8> {
    const LINES: &[&str] = &[
        "Agent: Thanks for contacting support, how can I help?\n",
        "Customer: my card is 4111 1111 1111 1111 exp 04/27\n",
        "Customer: you can reach me on (415) 555-0142 or jane.doe@example.com\n",
        "Agent: can you confirm your date of birth?\n",
        "Customer: 04/12/1985\n",
        "Customer: SSN 123-45-6789, order #4481923 placed 2024-11-02 14:33:05\n",
        "Agent: refund of $1,299.99 issued, case CS0012345\n",
    ];
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut out = Vec::with_capacity(len + 128);
    while out.len() < len {
        out.extend_from_slice(LINES[rng.next() % LINES.len()].as_bytes());
    }
    out
}

fn generated_adversarial(len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 64);
    let mut k = 0u64;
    while out.len() < len {
        match k % 4 {
            0 => out.extend(std::iter::repeat_n(b'7', 5000)),
            1 => out.extend(b"a@".iter().cycle().take(4000)),
            2 => out.extend(b"4111 1111 1111 1112 ".iter().cycle().take(4000)),
            _ => out.extend(b"%40DOB SSN +(/".iter().cycle().take(4000)),
        }
        k += 1;
    }
    out
}

fn config(c: &mut Criterion) -> &mut Criterion {
    c
}

fn throughput(c: &mut Criterion) {
    let c = config(c);
    let r = Redactor::default();
    let baseline = naive_baseline();
    let inputs = [
        haystack("opensubtitles-en-sampled.txt", generated_prose, 900_000),
        haystack("sherlock.txt", generated_prose, 600_000),
        haystack("opensubtitles-ru-sampled.txt", generated_prose, 900_000),
        haystack("opensubtitles-zh-sampled.txt", generated_prose, 900_000),
        haystack("chat-dense.txt", generated_chat, 4_000_000),
        haystack("digits-adversarial.txt", generated_adversarial, 4_000_000),
    ];
    let mut group = c.benchmark_group("oneshot");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (name, hay) in &inputs {
        // Check the answer first: PII-dense text must produce findings, and redaction must
        // change exactly the found spans.
        let found = r.find_bytes(hay).count();
        if name.contains("chat") {
            assert!(found > hay.len() / 1000, "{name}: only {found} findings");
        }
        group.throughput(Throughput::BytesDecimal(hay.len() as u64));
        group.bench_with_input(BenchmarkId::new("redactor", name), hay, |b, hay| {
            b.iter(|| r.redact_bytes(hay).len())
        });
        // The same, with the output copied into a reused buffer: what a stream into a `Vec`
        // pays, so the two compare like for like.
        group.bench_with_input(
            BenchmarkId::new("redactor-into-vec", name),
            hay,
            |b, hay| {
                let mut out = Vec::with_capacity(hay.len() * 2);
                b.iter(|| {
                    out.clear();
                    out.extend_from_slice(&r.redact_bytes(hay));
                    out.len()
                })
            },
        );
        if !name.contains("adversarial") {
            group.bench_with_input(BenchmarkId::new("naive-regex", name), hay, |b, hay| {
                b.iter(|| baseline.replace_all(hay, &b"[PII]"[..]).len())
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("stream");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (name, hay) in inputs.iter().filter(|(n, _)| !n.contains("sherlock")) {
        let expected = r.redact_bytes(hay).into_owned();
        for chunk in [4096usize, 65536] {
            let mut out = Vec::with_capacity(hay.len() * 2);
            let mut s = r.stream();
            for piece in hay.chunks(chunk) {
                s.push(piece, &mut out).unwrap();
            }
            s.finish(&mut out).unwrap();
            assert!(out == expected, "{name}: stream differs from one-shot");
            group.throughput(Throughput::BytesDecimal(hay.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(format!("chunks-{chunk}"), name),
                hay,
                |b, hay| {
                    let mut s = r.stream();
                    b.iter(|| {
                        out.clear();
                        for piece in hay.chunks(chunk) {
                            s.push(piece, &mut out).unwrap();
                        }
                        s.finish(&mut out).unwrap();
                        out.len()
                    })
                },
            );
            // Into a sink that takes the slices without copying them, as `redact_bytes`
            // returns a borrowed slice for clean text: the stream's own cost.
            group.bench_with_input(
                BenchmarkId::new(format!("chunks-{chunk}-sink"), name),
                hay,
                |b, hay| {
                    let mut s = r.stream();
                    b.iter(|| {
                        let mut sink = io::sink();
                        for piece in hay.chunks(chunk) {
                            s.push(piece, &mut sink).unwrap();
                        }
                        s.finish(&mut sink).unwrap();
                    })
                },
            );
        }
    }
    group.finish();

    // Short chat messages (~200 bytes): messages per second.
    let clean: Vec<Vec<u8>> = generated_prose(200 * 64)
        .chunks(200)
        .map(<[u8]>::to_vec)
        .collect();
    let with_pii = generated_chat(200 * 64);
    let pii: Vec<Vec<u8>> = with_pii.chunks(200).map(<[u8]>::to_vec).collect();
    let mut group = c.benchmark_group("messages-200B");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (label, msgs) in [("clean", &clean), ("pii", &pii)] {
        group.throughput(Throughput::Elements(msgs.len() as u64));
        group.bench_function(BenchmarkId::new("redact", label), |b| {
            b.iter(|| msgs.iter().map(|m| r.redact_bytes(m).len()).sum::<usize>())
        });
        group.bench_function(BenchmarkId::new("conversation", label), |b| {
            let mut chat = r.conversation();
            b.iter(|| {
                msgs.iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let role = if i % 2 == 0 {
                            Role::Agent
                        } else {
                            Role::Customer
                        };
                        chat.redact_message_bytes(role, m).len()
                    })
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
