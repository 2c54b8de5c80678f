//! Drives the real `redactor` binary: batch redaction of directory trees, in-place runs,
//! JSON Lines and CSV field selection, malformed records, `--check`, `--report`, configs.
//!
//! PII here is obviously synthetic (`@example.com` addresses) or matched by custom rules from a
//! JSON config (`SECRET-1234`), so these tests do not depend on detector details.

use assert_cmd::cargo::cargo_bin_cmd;
use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn redactor() -> Command {
    cargo_bin_cmd!("redactor")
}

/// Every string of PII the tests use; none may ever appear in stderr, a report or `--check`
/// output.
const PII: &[&str] = &[
    "jane.doe@example.com",
    "bob@example.org",
    "x.y@example.net",
    "SECRET-1234",
    "SECRET-5678",
];

fn assert_no_pii(text: &str) {
    for p in PII {
        assert!(!text.contains(p), "PII {p:?} leaked into: {text}");
    }
}

fn write(path: &Path, content: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(path, content).unwrap();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

/// All files under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                out.push(
                    p.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

/// A config with a custom rule, so tests need no detector but EMAIL.
const CUSTOM: &str = r#"{"custom_rules": [{"name": "SECRET", "pattern": "SECRET-[0-9]{4}"}]}"#;

fn config(dir: &Path) -> PathBuf {
    let p = dir.join("config.json");
    write(&p, CUSTOM);
    p
}

/// A small tree of text files with PII at known places.
fn tree(root: &Path) {
    write(
        &root.join("a.txt"),
        "hello jane.doe@example.com\nsecond line\nthird SECRET-1234 end\n",
    );
    write(&root.join("sub/b.txt"), "nothing to see here\n");
    write(
        &root.join("sub/deeper/c.log"),
        "log: mail x.y@example.net now\n",
    );
    write(&root.join("empty.txt"), "");
}

#[test]
fn mirrors_a_directory_tree() {
    let tmp = TempDir::new().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    tree(&input);
    redactor()
        .args(["redact", "-r"])
        .arg(&input)
        .arg("--output-dir")
        .arg(&out)
        .arg("--config")
        .arg(config(tmp.path()))
        .assert()
        .success()
        // Not a terminal: no progress bar, no summary.
        .stderr("");
    assert_eq!(
        files_under(&out),
        ["a.txt", "empty.txt", "sub/b.txt", "sub/deeper/c.log"]
    );
    assert_eq!(
        read(&out.join("a.txt")),
        "hello [EMAIL]\nsecond line\nthird [SECRET] end\n"
    );
    assert_eq!(read(&out.join("sub/b.txt")), "nothing to see here\n");
    assert_eq!(
        read(&out.join("sub/deeper/c.log")),
        "log: mail [EMAIL] now\n"
    );
    assert_eq!(read(&out.join("empty.txt")), "");
    // Inputs untouched.
    assert!(read(&input.join("a.txt")).contains("jane.doe@example.com"));
    // Again, synced to disk, over the existing outputs.
    redactor()
        .args(["redact", "-r", "--fsync"])
        .arg(&input)
        .arg("--output-dir")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        read(&out.join("sub/deeper/c.log")),
        "log: mail [EMAIL] now\n"
    );
    assert_eq!(files_under(&out).len(), 4);
}

#[cfg(unix)]
#[test]
fn mirroring_keeps_permissions_and_skips_symlinks_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    tree(&input);
    fs::set_permissions(input.join("a.txt"), fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink(input.join("a.txt"), input.join("link.txt")).unwrap();
    redactor()
        .args(["redact", "-r"])
        .arg(&input)
        .arg("--output-dir")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "link.txt: symbolic link, not followed",
        ));
    assert!(!out.join("link.txt").exists());
    let mode = fs::metadata(out.join("a.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn output_dir_inside_the_input_is_refused() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    tree(&input);
    redactor()
        .args(["redact", "-r"])
        .arg(&input)
        .arg("--output-dir")
        .arg(input.join("redacted"))
        .assert()
        .code(64)
        .stderr(predicate::str::contains("inside the input directory"));
    // Nor the other way round: outputs could land on inputs.
    redactor()
        .args(["redact", "-r"])
        .arg(input.join("sub"))
        .arg("--output-dir")
        .arg(&input)
        .assert()
        .code(64)
        .stderr(predicate::str::contains("is inside --output-dir"));
    redactor()
        .arg("redact")
        .arg(input.join("sub/b.txt"))
        .arg("--output-dir")
        .arg(&input)
        .assert()
        .code(64)
        .stderr(predicate::str::contains("is inside --output-dir"));
    assert_eq!(read(&input.join("sub/b.txt")), "nothing to see here\n");
}

#[test]
fn directories_need_r_and_r_needs_a_destination() {
    let tmp = TempDir::new().unwrap();
    tree(tmp.path());
    redactor()
        .arg("redact")
        .arg(tmp.path())
        .assert()
        .code(64)
        .stderr(predicate::str::contains("add -r"));
    redactor()
        .args(["redact", "-r"])
        .arg(tmp.path())
        .assert()
        .code(64)
        .stderr(predicate::str::contains("--output-dir"));
}

#[test]
fn in_place_with_backups() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    tree(&input);
    let cfg = config(tmp.path());
    let original = read(&input.join("a.txt"));
    redactor()
        .args(["redact", "-r", "--in-place"])
        .arg(&input)
        .arg("--config")
        .arg(&cfg)
        .assert()
        .success();
    assert_eq!(
        read(&input.join("a.txt")),
        "hello [EMAIL]\nsecond line\nthird [SECRET] end\n"
    );
    assert_eq!(read(&input.join("a.txt.bak")), original);
    assert_eq!(
        files_under(&input),
        [
            "a.txt",
            "a.txt.bak",
            "empty.txt",
            "empty.txt.bak",
            "sub/b.txt",
            "sub/b.txt.bak",
            "sub/deeper/c.log",
            "sub/deeper/c.log.bak"
        ]
    );
    // A second run leaves the backups out of the walk and keeps the oldest original.
    write(&input.join("a.txt"), "again bob@example.org\n");
    redactor()
        .args(["redact", "-r", "--in-place"])
        .arg(&input)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "skipped 4 file(s) ending in \".bak\"",
        ));
    assert_eq!(read(&input.join("a.txt")), "again [EMAIL]\n");
    assert_eq!(read(&input.join("a.txt.bak")), original);
    assert!(!input.join("a.txt.bak.bak").exists());
}

#[test]
fn in_place_custom_suffix_and_no_backup() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a.txt");
    let b = tmp.path().join("b.txt");
    write(&a, "mail jane.doe@example.com\n");
    write(&b, "mail bob@example.org\n");
    redactor()
        .args(["redact", "--in-place", "--backup-suffix", ".orig"])
        .arg(&a)
        .assert()
        .success();
    assert_eq!(read(&a), "mail [EMAIL]\n");
    assert_eq!(
        read(&tmp.path().join("a.txt.orig")),
        "mail jane.doe@example.com\n"
    );
    redactor()
        .args(["redact", "--in-place", "--backup-suffix", ""])
        .arg(&b)
        .assert()
        .success();
    assert_eq!(read(&b), "mail [EMAIL]\n");
    assert_eq!(files_under(tmp.path()), ["a.txt", "a.txt.orig", "b.txt"]);
}

const TICKETS: &str = concat!(
    r#"{"id": 1,  "subject": "Re: jane.doe@example.com", "status":"open", "requester": {"email": "bob@example.org", "name": "B"}, "comments": [{"body": "<p>Write to <a href=\"mailto:jane.doe@example.com\">jane.doe@example.com</a></p>", "author": "bob@example.org"}, {"body": "caf\u00e9 SECRET-1234", "n": 2}], "tags": ["x.y@example.net"]}"#,
    "\n",
    "\n",
    r#"{"id":2,"subject":"nothing here","comments":[]}"#,
    "\r\n",
    r#"{"id": 3, "subject": "no body field", "other": "SECRET-5678"}"#,
);

const TICKETS_REDACTED: &str = concat!(
    r#"{"id": 1,  "subject": "Re: [EMAIL]", "status":"open", "requester": {"email": "bob@example.org", "name": "B"}, "comments": [{"body": "<p>Write to <a href=\"mailto:[EMAIL]\">[EMAIL]</a></p>", "author": "bob@example.org"}, {"body": "caf\u00e9 [SECRET]", "n": 2}], "tags": ["x.y@example.net"]}"#,
    "\n",
    "\n",
    r#"{"id":2,"subject":"nothing here","comments":[]}"#,
    "\r\n",
    r#"{"id": 3, "subject": "no body field", "other": "SECRET-5678"}"#,
);

#[test]
fn jsonl_redacts_only_the_named_fields_and_keeps_every_other_byte() {
    let tmp = TempDir::new().unwrap();
    let cfg = config(tmp.path());
    let file = tmp.path().join("t.jsonl");
    write(&file, TICKETS);
    let out = redactor()
        .args([
            "redact",
            "--jsonl",
            "--field",
            "subject",
            "--field",
            "comments[].body",
        ])
        .arg("--config")
        .arg(&cfg)
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), TICKETS_REDACTED);
}

#[test]
fn jsonl_paths_reach_nested_objects_arrays_and_whole_subtrees() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("t.jsonl");
    write(&file, TICKETS);
    let out = redactor()
        .args([
            "redact",
            "--jsonl",
            "--field",
            "requester.email",
            "--field",
            "tags",
            "--field",
            "comments[0].author",
        ])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let expected = TICKETS
        .replacen(r#""email": "bob@example.org""#, r#""email": "[EMAIL]""#, 1)
        .replacen(
            r#""author": "bob@example.org""#,
            r#""author": "[EMAIL]""#,
            1,
        )
        .replacen(r#"["x.y@example.net"]"#, r#"["[EMAIL]"]"#, 1);
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn jsonl_rewritten_values_are_valid_json_with_the_same_other_values() {
    let tmp = TempDir::new().unwrap();
    let cfg = tmp.path().join("c.json");
    // A replacement full of characters that need escaping.
    write(
        &cfg,
        r#"{"policies": {"EMAIL": {"type": "fixed", "text": "<\"quote\" \\ back\nline é>"}}}"#,
    );
    let file = tmp.path().join("t.jsonl");
    write(
        &file,
        "{\"body\": \"a jane.doe@example.com b\", \"k\": [1, 2.50, \"\\/\"]}\n",
    );
    let out = redactor()
        .args(["redact", "--jsonl", "--field", "body", "--config"])
        .arg(&cfg)
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.ends_with("], \"k\": [1, 2.50, \"\\/\"]}\n")
            || text.ends_with(", \"k\": [1, 2.50, \"\\/\"]}\n"),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["body"], "a <\"quote\" \\ back\nline é> b");
}

#[test]
fn malformed_jsonl_lines_fail_the_run_by_default() {
    let tmp = TempDir::new().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    write(
        &input.join("t.jsonl"),
        "{\"body\": \"jane.doe@example.com\"}\n{\"body\": \"bob@example.org\" oops}\n{\"body\": \"ok\"}\n",
    );
    redactor()
        .args(["redact", "-r", "--jsonl", "--field", "body"])
        .arg(&input)
        .arg("--output-dir")
        .arg(&out)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "t.jsonl:2: malformed JSON (column",
        ))
        .stderr(predicate::function(|s: &str| {
            assert_no_pii(s);
            true
        }));
    // Nothing that looks complete, no temporary files left behind.
    assert!(files_under(&out).is_empty(), "{:?}", files_under(&out));
}

#[test]
fn malformed_jsonl_lines_are_skipped_and_reported_with_skip() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("t.jsonl");
    let report = tmp.path().join("report.json");
    write(
        &file,
        "{\"body\": \"jane.doe@example.com\"}\n{\"body\": \"bob@example.org\" oops}\nnot json at all bob@example.org\n{\"body\": \"ok\"}\n",
    );
    let assert = redactor()
        .args(["redact", "--jsonl", "--field", "body", "--on-error", "skip"])
        .arg("--report")
        .arg(&report)
        .arg(&file)
        .assert()
        .code(2)
        .stdout("{\"body\": \"[EMAIL]\"}\n{\"body\": \"ok\"}\n");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("t.jsonl:2: malformed JSON"), "{stderr}");
    assert!(stderr.contains("t.jsonl:3: malformed JSON"), "{stderr}");
    assert!(stderr.contains("record left out"), "{stderr}");
    assert_no_pii(&stderr);
    let text = read(&report);
    assert_no_pii(&text);
    let r: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["records"]["processed"], 4);
    assert_eq!(r["records"]["skipped"], 2);
    assert_eq!(r["errors"][0]["line"], 2);
    assert_eq!(r["exit_status"], 2);
}

const CSV: &str = "id,subject,body,note\r\n\
1,\"Hi, there\",jane.doe@example.com,\"keep \"\"quoted\"\" bob@example.org\"\r\n\
2,plain,\"multi\r\nline bob@example.org\",  spaced  \r\n\
\r\n\
3,SECRET-1234,\"no pii\",\"x\"\r\n";

#[test]
fn csv_redacts_only_the_named_columns_and_keeps_quoting() {
    let tmp = TempDir::new().unwrap();
    let cfg = config(tmp.path());
    let file = tmp.path().join("t.csv");
    write(&file, CSV);
    redactor()
        .args([
            "redact", "--csv", "--field", "body", "--field", "subject", "--config",
        ])
        .arg(&cfg)
        .arg(&file)
        .assert()
        .success()
        .stdout(
            "id,subject,body,note\r\n\
1,\"Hi, there\",[EMAIL],\"keep \"\"quoted\"\" bob@example.org\"\r\n\
2,plain,\"multi\r\nline [EMAIL]\",  spaced  \r\n\
\r\n\
3,[SECRET],\"no pii\",\"x\"\r\n",
        );
}

#[test]
fn csv_new_values_are_quoted_when_they_need_it() {
    let tmp = TempDir::new().unwrap();
    let cfg = tmp.path().join("c.json");
    write(
        &cfg,
        r#"{"policies": {"EMAIL": {"type": "fixed", "text": "a,\"b\""}}}"#,
    );
    let file = tmp.path().join("t.csv");
    write(&file, "body;n\nmail jane.doe@example.com;1\n");
    redactor()
        .args([
            "redact",
            "--csv",
            "--delimiter",
            ";",
            "--field",
            "body",
            "--config",
        ])
        .arg(&cfg)
        .arg(&file)
        .assert()
        .success()
        // A quote always needs quoting; the `,` alone would not with `;` as the delimiter.
        .stdout("body;n\n\"mail a,\"\"b\"\"\";1\n");
    write(&file, "body,n\nmail jane.doe@example.com,1\n");
    redactor()
        .args(["redact", "--csv", "--field", "body", "--config"])
        .arg(&cfg)
        .arg(&file)
        .assert()
        .success()
        .stdout("body,n\n\"mail a,\"\"b\"\"\",1\n");
}

#[test]
fn malformed_csv_records_fail_or_are_skipped() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("t.csv");
    write(
        &file,
        "id,body\r\n1,jane.doe@example.com\r\n2,bob@example.org,extra\r\n3,ok\r\n",
    );
    redactor()
        .args(["redact", "--csv", "--field", "body"])
        .arg(&file)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "t.csv:3: malformed CSV record: 3 fields, the header has 2",
        ));
    let assert = redactor()
        .args(["redact", "--csv", "--field", "body", "--on-error", "skip"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout("id,body\r\n1,[EMAIL]\r\n3,ok\r\n");
    assert_no_pii(&String::from_utf8_lossy(&assert.get_output().stderr));
    redactor()
        .args(["redact", "--csv", "--field", "nope"])
        .arg(&file)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("no column \"nope\""));
}

#[test]
fn check_exit_codes_and_locations_without_pii() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    tree(&input);
    let cfg = config(tmp.path());
    let assert = redactor()
        .args(["redact", "--check", "-r"])
        .arg(&input)
        .arg("--config")
        .arg(&cfg)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let mut lines: Vec<&str> = stdout.lines().collect();
    lines.sort();
    let a = input.join("a.txt").display().to_string();
    let c = input.join("sub/deeper/c.log").display().to_string();
    let mut expected = vec![
        format!("{a}:1:7: EMAIL"),
        format!("{a}:3:7: SECRET"),
        format!("{c}:1:11: EMAIL"),
    ];
    expected.sort();
    assert_eq!(lines, expected);
    assert_no_pii(&stdout);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("PII found: 3 finding(s) in 2 of 4 file(s)"),
        "{stderr}"
    );
    assert_no_pii(&stderr);
    // Nothing written anywhere.
    assert!(!input.join("a.txt.bak").exists());

    redactor()
        .args(["redact", "--check"])
        .arg(input.join("sub/b.txt"))
        .assert()
        .code(0)
        .stdout("");
    redactor()
        .args(["redact", "--check", "--quiet"])
        .write_stdin("all clear\n")
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    redactor()
        .args(["redact", "--check"])
        .write_stdin("x\n\ny jane.doe@example.com\n")
        .assert()
        .code(1)
        .stdout("<stdin>:3:3: EMAIL\n");
}

#[test]
fn check_on_jsonl_and_csv_names_the_field() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("t.jsonl");
    write(&file, TICKETS);
    let name = file.display().to_string();
    redactor()
        .args(["redact", "--check", "--jsonl", "--field", "comments[].body"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(format!(
            "{name}:1: EMAIL in comments[0].body\n{name}:1: EMAIL in comments[0].body\n"
        ));
    let csv = tmp.path().join("t.csv");
    write(&csv, CSV);
    let name = csv.display().to_string();
    redactor()
        .args(["redact", "--check", "--csv", "--field", "body"])
        .arg(&csv)
        .assert()
        .code(1)
        .stdout(format!(
            "{name}:2: EMAIL in column body\n{name}:4: EMAIL in column body\n"
        ));
}

#[test]
fn report_summarises_without_pii() {
    let tmp = TempDir::new().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    tree(&input);
    let cfg = tmp.path().join("c.json");
    write(
        &cfg,
        r#"{"kinds": ["EMAIL", "CREDIT_CARD"],
            "policies": {"EMAIL": {"type": "hmac", "key": "a-very-secret-hmac-key"},
                         "CREDIT_CARD": {"type": "keep_last", "n": 4}},
            "custom_rules": [{"name": "SECRET", "pattern": "SECRET-[0-9]{4}"}]}"#,
    );
    let report = tmp.path().join("report.json");
    redactor()
        .args(["redact", "-r"])
        .arg(&input)
        .arg("--output-dir")
        .arg(&out)
        .arg("--config")
        .arg(&cfg)
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    let text = read(&report);
    assert_no_pii(&text);
    assert!(!text.contains("a-very-secret-hmac-key"));
    let r: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["command"], "redact");
    assert_eq!(r["output"], "output_dir");
    assert_eq!(r["files"]["processed"], 4);
    assert_eq!(r["files"]["failed"], 0);
    assert_eq!(r["files"]["with_findings"], 2);
    let bytes_in: u64 = ["a.txt", "sub/b.txt", "sub/deeper/c.log", "empty.txt"]
        .iter()
        .map(|f| fs::metadata(input.join(f)).unwrap().len())
        .sum();
    assert_eq!(r["bytes"]["read"], bytes_in);
    let bytes_out: u64 = files_under(&out)
        .iter()
        .map(|f| fs::metadata(out.join(f)).unwrap().len())
        .sum();
    assert_eq!(r["bytes"]["written"], bytes_out);
    assert_eq!(r["findings"]["total"], 3);
    assert_eq!(r["findings"]["by_kind"]["EMAIL"], 2);
    assert_eq!(r["findings"]["by_kind"]["SECRET"], 1);
    assert_eq!(r["findings"]["by_kind"]["CREDIT_CARD"], 0);
    assert_eq!(r["policies"]["EMAIL"]["type"], "hmac");
    assert_eq!(r["policies"]["CREDIT_CARD"]["n"], 4);
    assert_eq!(r["policies"]["SECRET"]["type"], "label");
    assert!(r["duration_seconds"].as_f64().unwrap() >= 0.0);
    assert_eq!(r["exit_status"], 0);
    assert_eq!(r["interrupted"], false);
}

#[test]
fn buffer_size_never_changes_the_output() {
    let tmp = TempDir::new().unwrap();
    let cfg = config(tmp.path());
    // Enough text that findings straddle every kind of chunk boundary.
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!(
            "line {i}: mail jane.doe@example.com or SECRET-{:04} — é ü\n",
            i * 7 % 10000
        ));
    }
    let txt = tmp.path().join("t.txt");
    write(&txt, &text);
    let jsonl = tmp.path().join("t.jsonl");
    write(&jsonl, TICKETS.repeat(20));
    let csv = tmp.path().join("t.csv");
    write(
        &csv,
        CSV.to_string()
            + &CSV
                .lines()
                .skip(1)
                .map(|l| l.to_string() + "\n")
                .collect::<String>()
                .repeat(20),
    );
    let cases: [(&Path, &[&str]); 3] = [
        (&txt, &[]),
        (
            &jsonl,
            &[
                "--jsonl",
                "--field",
                "subject",
                "--field",
                "comments[].body",
            ],
        ),
        (
            &csv,
            &[
                "--csv",
                "--field",
                "body",
                "--field",
                "subject",
                "--on-error",
                "skip",
            ],
        ),
    ];
    for (file, flags) in cases {
        let run = |size: &str| {
            redactor()
                .arg("redact")
                .args(flags)
                .args(["--buffer-size", size, "--config"])
                .arg(&cfg)
                .arg(file)
                .output()
                .unwrap()
        };
        let reference = run("65536");
        assert!(!reference.stdout.is_empty());
        for size in ["1", "7", "4096"] {
            let out = run(size);
            assert_eq!(out.status.code(), reference.status.code());
            assert!(
                out.stdout == reference.stdout,
                "--buffer-size {size} differs for {}",
                file.display()
            );
        }
    }
    // Batch runs too, with one thread and with several.
    let input = tmp.path().join("in");
    tree(&input);
    let mut outputs = Vec::new();
    for (size, threads) in [("1", "1"), ("7", "2"), ("65536", "3")] {
        let out = tmp.path().join(format!("out-{size}"));
        redactor()
            .args(["redact", "-r", "--buffer-size", size, "-j", threads])
            .arg(&input)
            .arg("--output-dir")
            .arg(&out)
            .assert()
            .success();
        outputs.push(
            files_under(&out)
                .iter()
                .map(|f| (f.clone(), fs::read(out.join(f)).unwrap()))
                .collect::<Vec<_>>(),
        );
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn bad_configs_name_the_field() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("t.txt");
    write(&file, "x\n");
    let cases = [
        ("unknown.json", r#"{"kindz": ["EMAIL"]}"#, "kindz"),
        (
            "kind.json",
            r#"{"kinds": ["EMAIL", "NOT_A_KIND"]}"#,
            "kinds[1]",
        ),
        (
            "key.json",
            r#"{"policies": {"EMAIL": {"type": "hmac", "key": "short"}}}"#,
            "policies.EMAIL",
        ),
        (
            "pattern.json",
            r#"{"custom_rules": [{"name": "X", "pattern": "("}]}"#,
            "custom_rules[0].pattern",
        ),
        ("syntax.json", "{\"kinds\": [", "line 1"),
        (
            "bad.toml",
            "kinds = [\"EMAIL\"]\n[policies.EMAIL]\ntype = \"hmac\"\nkey = \"short\"\n",
            "policies.EMAIL",
        ),
        ("typo.toml", "kindz = []\n", "kindz"),
    ];
    for (name, text, field) in cases {
        let cfg = tmp.path().join(name);
        write(&cfg, text);
        redactor()
            .arg("redact")
            .arg("--config")
            .arg(&cfg)
            .arg(&file)
            .assert()
            .code(78)
            .stdout("")
            .stderr(predicate::str::contains(field).and(predicate::str::contains(name)));
    }
    let toml = tmp.path().join("ok.toml");
    write(
        &toml,
        "kinds = [\"EMAIL\"]\n[policies.EMAIL]\ntype = \"keep_last\"\nn = 3\n",
    );
    redactor()
        .args(["redact", "--config"])
        .arg(&toml)
        .write_stdin("mail jane.doe@example.com\n")
        .assert()
        .success()
        .stdout("mail ****.***@*******.com\n");
    redactor()
        .args(["redact", "--config"])
        .arg(tmp.path().join("missing.json"))
        .arg(&file)
        .assert()
        .code(74)
        .stderr(predicate::str::contains("missing.json"));
}

#[test]
fn unreadable_inputs_fail_or_are_skipped() {
    let tmp = TempDir::new().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    tree(&input);
    let missing = tmp.path().join("missing.txt");
    redactor()
        .arg("redact")
        .arg(&missing)
        .arg(input.join("a.txt"))
        .arg("--output-dir")
        .arg(&out)
        .assert()
        .code(74)
        .stderr(predicate::str::contains("missing.txt"));
    assert!(files_under(&out).is_empty());
    redactor()
        .args(["redact", "--on-error", "skip"])
        .arg(&missing)
        .arg(input.join("a.txt"))
        .arg("--output-dir")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
    assert_eq!(files_under(&out), ["a.txt"]);
}

#[test]
fn plain_redact_to_stdout_keeps_its_contract() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a.txt");
    let b = tmp.path().join("b.txt");
    write(&a, "one jane.doe@example.com\n");
    write(&b, "two bob@example.org");
    redactor()
        .arg("redact")
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout("one [EMAIL]\ntwo [EMAIL]");
    redactor()
        .args(["redact", "-"])
        .write_stdin("mail jane.doe@example.com")
        .assert()
        .success()
        .stdout("mail [EMAIL]");
    redactor()
        .args(["redact", "--buffer-size", "0"])
        .write_stdin("x")
        .assert()
        .code(64);
}

#[test]
fn scan_jsonl_keeps_its_output_format() {
    redactor()
        .args(["scan", "--jsonl"])
        .write_stdin(
            "{\"id\": \"r1\", \"text\": \"é jane.doe@example.com\"}\n{\"id\": 2, \"text\": \"none\"}\n",
        )
        .assert()
        .success()
        .stdout(predicate::function(|out: &str| {
            let lines: Vec<serde_json::Value> =
                out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
            lines.len() == 2
                && lines[0]["id"] == "r1"
                && lines[0]["findings"][0]["kind"] == "EMAIL"
                && lines[0]["findings"][0]["start"] == 3
                && lines[0]["findings"][0]["end"] == 23
                && lines[0]["findings"][0]["confidence"].is_number()
                && lines[1]["id"] == 2
                && lines[1]["findings"] == serde_json::json!([])
        }));
}

#[test]
fn config_default_is_a_valid_config() {
    let out = redactor()
        .args(["config", "--default"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["kinds"].as_array().unwrap().len() >= 5);
}

#[test]
fn help_documents_exit_codes() {
    redactor()
        .args(["redact", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status").and(predicate::str::contains("130")));
    redactor()
        .args(["redact", "--no-such-flag"])
        .assert()
        .code(64);
}

#[test]
fn two_inputs_never_write_one_output() {
    let tmp = TempDir::new().unwrap();
    let (x, y) = (tmp.path().join("x"), tmp.path().join("y"));
    write(&x.join("same.txt"), "a\n");
    write(&y.join("same.txt"), "b\n");
    redactor()
        .arg("redact")
        .arg(x.join("same.txt"))
        .arg(y.join("same.txt"))
        .arg("--output-dir")
        .arg(tmp.path().join("out"))
        .assert()
        .code(64)
        .stderr(predicate::str::contains("would both be written to"));
}

/// Ctrl-C in the middle of a file: the run stops with 130 and leaves no partial output.
#[cfg(unix)]
#[test]
fn interrupted_runs_leave_no_partial_output() {
    use std::io::Write;
    use std::time::Duration;
    let tmp = TempDir::new().unwrap();
    let fifo = tmp.path().join("slow.txt");
    let out = tmp.path().join("out");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_redactor"))
        .args(["redact", "--buffer-size", "16"])
        .arg(&fifo)
        .arg("--output-dir")
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the FIFO waits for the reader, which opens it after installing the handler.
    let mut writer = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writer.write_all(b"first jane.doe@example.com\n").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // The shell's built-in `kill`: no procps needed.
    let killed = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(500));
    // The next read returns, the worker sees the interrupt and stops.
    let _ = writer.write_all(b"second line\n");
    drop(writer);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_no_pii(&stderr);
    assert!(files_under(&out).is_empty(), "{:?}", files_under(&out));
}

#[test]
fn jsonl_byte_order_mark_and_crlf_are_kept() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("t.jsonl");
    write(
        &file,
        b"\xEF\xBB\xBF{\"body\": \"jane.doe@example.com\"}\r\n{\"body\": \"x\"}\r\n".as_slice(),
    );
    redactor()
        .args(["redact", "--jsonl", "--field", "body"])
        .arg(&file)
        .assert()
        .success()
        .stdout(b"\xEF\xBB\xBF{\"body\": \"[EMAIL]\"}\r\n{\"body\": \"x\"}\r\n".as_slice());
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_not_an_error_but_check_still_fails() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("t.txt");
    write(&file, "mail jane.doe@example.com\n".repeat(200_000));
    // bash (which the project's scripts need anyway) for PIPESTATUS.
    let run = |flags: &str| {
        std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "{} redact {flags} {} | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}",
                env!("CARGO_BIN_EXE_redactor"),
                file.display()
            ))
            .output()
            .unwrap()
    };
    let plain = run("");
    assert_eq!(plain.status.code(), Some(0));
    assert_eq!(plain.stderr, b"");
    let check = run("--check --quiet");
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn batch_csv_skips_a_file_without_the_column() {
    let tmp = TempDir::new().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    write(&input.join("good.csv"), "id,body\n1,jane.doe@example.com\n");
    write(&input.join("other.csv"), "id,text\n1,bob@example.org\n");
    let report = tmp.path().join("r.json");
    redactor()
        .args([
            "redact",
            "-r",
            "--csv",
            "--field",
            "body",
            "--on-error",
            "skip",
        ])
        .arg(&input)
        .arg("--output-dir")
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "other.csv:1: the header has no column \"body\"",
        ));
    assert_eq!(files_under(&out), ["good.csv"]);
    assert_eq!(read(&out.join("good.csv")), "id,body\n1,[EMAIL]\n");
    let r: serde_json::Value = serde_json::from_str(&read(&report)).unwrap();
    assert_eq!(r["files"]["processed"], 1);
    assert_eq!(r["files"]["failed"], 1);
    assert_eq!(r["format"], "csv");
    assert_eq!(r["fields"]["body"], 1);
}

#[test]
fn field_names_label_their_values() {
    // A column or key names what its values are: a birth date, bare digits of a phone or an
    // SSN need that name as their context, as they would need a label in running text.
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("t.csv");
    write(
        &file,
        "id,date_of_birth,phone,ssn,note\n1,04/12/1985,4155552671,123456789,04/12/1985\n",
    );
    redactor()
        .args(["redact", "--csv"])
        .args(["--field", "date_of_birth", "--field", "phone"])
        .args(["--field", "ssn", "--field", "note"])
        .arg(&file)
        .assert()
        .success()
        .stdout(
            "id,date_of_birth,phone,ssn,note\n\
             1,[DATE_OF_BIRTH],[PHONE],[US_SSN],04/12/1985\n",
        );
    let file = tmp.path().join("t.jsonl");
    write(
        &file,
        "{\"customer\":{\"dob\":\"04/12/1985\",\"id\":\"7\"}}\n",
    );
    redactor()
        .args(["redact", "--jsonl", "--field", "customer.dob"])
        .arg(&file)
        .assert()
        .success()
        .stdout("{\"customer\":{\"dob\":\"[DATE_OF_BIRTH]\",\"id\":\"7\"}}\n");
    // A custom pattern that matches the label itself: the value is read without it.
    let cfg = tmp.path().join("c.json");
    write(
        &cfg,
        r#"{"custom_rules": [{"name": "WORD", "pattern": "(?i)memo: [a-z]+"}]}"#,
    );
    let file = tmp.path().join("m.csv");
    write(&file, "memo\nplain text\n");
    redactor()
        .args(["redact", "--csv", "--field", "memo", "--config"])
        .arg(&cfg)
        .arg(&file)
        .assert()
        .success()
        .stdout("memo\nplain text\n");
}
