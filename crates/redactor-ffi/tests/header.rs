//! `include/redactor.h` must be exactly what cbindgen generates from this crate.
//! `REDACTOR_BLESS=1 cargo test -p redactor-ffi --test header` rewrites it.

use std::path::PathBuf;

#[test]
fn header_is_current() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let header = crate_dir.join("../../include/redactor.h");
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut generated = Vec::new();
    bindings.write(&mut generated);

    if std::env::var_os("REDACTOR_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&header, &generated).expect("write include/redactor.h");
        return;
    }
    let committed = std::fs::read(&header).unwrap_or_default();
    if committed != generated {
        let committed = String::from_utf8_lossy(&committed);
        let generated = String::from_utf8_lossy(&generated);
        let first = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "include/redactor.h is stale (first difference at line {}).\n\
             Run `REDACTOR_BLESS=1 cargo test -p redactor-ffi --test header` and commit it.",
            first + 1
        );
    }
}
