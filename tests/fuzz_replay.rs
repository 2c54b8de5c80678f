//! Replays the fuzz seeds and every committed crash input through the fuzz targets' checks
//! on stable Rust (the targets themselves need libFuzzer; see fuzz/README.md).

#[path = "../fuzz/src/checks.rs"]
mod checks;
#[path = "../fuzz/src/ffi_checks.rs"]
mod ffi_checks;

fn replay(dir: &str, check: fn(&[u8])) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for sub in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(sub).join(dir)) else {
            continue;
        };
        for e in entries {
            let path = e.expect("readable dir").path();
            let data = std::fs::read(&path).expect("readable file");
            check(&data);
            n += 1;
        }
    }
    assert!(n > 0, "no seeds for {dir}");
}

#[test]
fn redact_seeds() {
    replay("redact", checks::check_redact);
}

#[test]
fn stream_seeds() {
    replay("stream", checks::check_stream);
}

#[test]
fn config_seeds() {
    replay("config", checks::check_config);
}

#[test]
fn ffi_seeds() {
    replay("ffi", ffi_checks::check_ffi);
}
