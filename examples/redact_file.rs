//! Redacts a file in memory `N` times and prints the throughput: a target for profilers
//! (`valgrind --tool=callgrind`, `perf record`).
//!
//! `cargo run --release --example redact_file -- FILE [N]`

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: redact_file FILE [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let hay = match std::fs::read(&path) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let r = redactor::Redactor::default();
    let start = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..n {
        total += r.redact_bytes(&hay).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} bytes x {n} in {secs:.3} s: {:.0} MB/s (output {total} bytes)",
        hay.len(),
        (hay.len() * n) as f64 / secs / 1e6
    );
}
