#!/usr/bin/env bash
# Runs every fuzz target for a short smoke period and fails on any crash.
#
# The smoke period is a fixed number of executions per target (about a minute each on the CI
# machine), from the committed seeds only, with a fixed libFuzzer seed: the run is then the same
# on every machine, so a run that passes here passes in CI, and a crash CI reports reproduces
# here. FUZZ_RUNS scales every target's count (a factor, default 1); FUZZ_SEED changes the seed;
# FUZZ_SECONDS caps the time per target (default 180; reaching it is not a failure). Long,
# exploring runs are in fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
# cargo-fuzz needs nightly-only rustc flags; the stable toolchain accepts them with this.
export RUSTC_BOOTSTRAP=1
secs=${FUZZ_SECONDS:-180}
seed=${FUZZ_SEED:-1}
factor=${FUZZ_RUNS:-1}
# Executions per target: about 60 s each on the 2-core CI machine.
runs_for() {
  case "$1" in
    config) echo 600000 ;;
    ffi) echo 200000 ;;
    redact) echo 100000 ;;
    stream) echo 150000 ;;
    *) echo 50000 ;;
  esac
}
for target in $(cargo fuzz list); do
  # A fresh corpus directory: new inputs found by this run are not kept, so every run starts
  # from the same committed seeds.
  corpus=$(mktemp -d)
  log=$(mktemp)
  runs=$(( $(runs_for "$target") * factor ))
  start=$(date +%s)
  if ! cargo fuzz run "$target" "$corpus" "seeds/$target" -- \
      -runs="$runs" -max_total_time="$secs" -seed="$seed" -max_len=4096 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target FAILED; the crashing input is under fuzz/artifacts/$target/" >&2
    exit 1
  fi
  done_runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz $target: ${done_runs} executions in $(( $(date +%s) - start ))s, no crash"
  rm -rf "$log" "$corpus"
done
