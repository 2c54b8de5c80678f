#!/usr/bin/env bash
# Every test of the project: lint, Rust (unit, property, accuracy gate, doc tests),
# C ABI (header drift, C programs under valgrind, pkg-config), Python bindings, fuzz smoke.
# This is the command README.md gives and .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --release -- -D warnings

step "cargo test (release: the property tests run 10,000 cases)"
cargo test --workspace --release

step "fuzz seeds and regressions with overflow checks (debug build)"
cargo test --test fuzz_replay

step "accuracy tables: dev.jsonl and the independent sets"
cargo test --workspace --release --test accuracy -- --nocapture --quiet --test-threads=1

step "CLI output independent of --buffer-size"
scripts/check-buffer-sizes.sh

if [ -x scripts/test-ffi.sh ]; then
  step "C ABI and Python bindings"
  REDACTOR_WORKSPACE_TESTED=1 scripts/test-ffi.sh
fi

if [ -x scripts/fuzz-smoke.sh ]; then
  step "fuzz smoke run"
  scripts/fuzz-smoke.sh
fi

step "all tests passed"
