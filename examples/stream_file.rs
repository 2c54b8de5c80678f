//! Streams a file through a `StreamRedactor` `N` times in chunks of `CHUNK` bytes and prints the
//! throughput: the streaming counterpart of `redact_file`, a target for profilers
//! (`valgrind --tool=callgrind`, `perf record`).
//!
//! `cargo run --release --example stream_file -- FILE [N] [CHUNK]`

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: stream_file FILE [N] [CHUNK]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let chunk: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(4096)
        .max(1);
    let hay = match std::fs::read(&path) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let r = redactor::Redactor::default();
    let mut out = Vec::with_capacity(hay.len() * 2);
    let mut s = r.stream();
    let start = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..n {
        out.clear();
        for piece in hay.chunks(chunk) {
            s.push(piece, &mut out)
                .expect("writing to a Vec cannot fail");
        }
        s.finish(&mut out).expect("writing to a Vec cannot fail");
        total += out.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} bytes x {n} in {chunk}-byte chunks in {secs:.3} s: {:.0} MB/s (output {total} bytes)",
        hay.len(),
        (hay.len() * n) as f64 / secs / 1e6
    );
}
