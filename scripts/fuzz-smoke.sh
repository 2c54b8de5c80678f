#!/usr/bin/env bash
# Runs every fuzz target for a short smoke period and fails on any crash.
# FUZZ_SECONDS (default 60) sets the time per target; see fuzz/README.md for long runs.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
# cargo-fuzz needs nightly-only rustc flags; the stable toolchain accepts them with this.
export RUSTC_BOOTSTRAP=1
secs=${FUZZ_SECONDS:-60}
# A fixed seed makes the smoke run (nearly) repeatable, so CI does not turn red at random;
# long runs (fuzz/README.md) use libFuzzer's time-based seed and explore more.
seed=${FUZZ_SEED:-1}
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target"
  log=$(mktemp)
  if ! cargo fuzz run "$target" "corpus/$target" "seeds/$target" -- \
      -max_total_time="$secs" -seed="$seed" -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target FAILED; the crashing input is under fuzz/artifacts/$target/" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz $target: ${runs} executions in ${secs}s, no crash"
  rm -f "$log"
done
