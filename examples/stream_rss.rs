//! Pushes 1 GiB of PII-dense chat through a stream in 64 KiB chunks and reports the peak
//! resident set size and the largest holdback, to show memory does not grow with the stream.
//!
//! `cargo run --release --example stream_rss [GIB]`

use redactor::Redactor;
use std::io::Write;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Counts bytes written, keeps nothing.
struct Counter(u64);
impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let gib: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let total = gib << 30;
    let lines = [
        "Agent: can you confirm your date of birth?\n",
        "Customer: 04/12/1985, card 4111 1111 1111 1111, mail jane.doe@example.com\n",
        "Customer: call me on (415) 555-0142, SSN 123-45-6789\n",
        "Agent: order #4481923 shipped 2024-11-02 14:33:05, refund $1,299.99\n",
    ];
    let mut chunk = Vec::with_capacity(64 * 1024);
    let mut i = 0;
    while chunk.len() < 64 * 1024 {
        chunk.extend_from_slice(lines[i % lines.len()].as_bytes());
        i += 1;
    }
    chunk.truncate(64 * 1024);
    let r = Redactor::default();
    let mut s = r.stream();
    let mut out = Counter(0);
    let before = peak_rss_kib();
    let start = std::time::Instant::now();
    let mut pushed = 0u64;
    while pushed < total {
        s.push(&chunk, &mut out).expect("counting never fails");
        pushed += chunk.len() as u64;
    }
    let max_held = s.max_held_back();
    s.finish(&mut out).expect("counting never fails");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "pushed {} MiB in 64 KiB chunks in {secs:.1} s ({:.0} MB/s); output {} MiB",
        pushed >> 20,
        pushed as f64 / secs / 1e6,
        out.0 >> 20
    );
    println!(
        "largest holdback: {max_held} bytes (bound: {} + block {})",
        redactor::stream::MAX_HOLDBACK,
        redactor::stream::BLOCK
    );
    println!(
        "peak RSS: {} KiB (before streaming: {} KiB)",
        peak_rss_kib().unwrap_or(0),
        before.unwrap_or(0)
    );
}
