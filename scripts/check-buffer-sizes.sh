#!/usr/bin/env bash
# `redactor redact` output must not depend on the read buffer size: compares --buffer-size 1,
# 7 and 65536 on the dev corpus texts and on the adversarial haystack (when ../shared is there).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/redactor
cargo build -q --release --workspace
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c '
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for line in open("tests/data/dev.jsonl", encoding="utf-8"):
        out.write(json.loads(line)["text"] + "\n\n")
' "$work/dev-texts.txt"
inputs=("$work/dev-texts.txt")
adversarial=../shared/corpus/haystacks/digits-adversarial.txt
[ -f "$adversarial" ] && inputs+=("$adversarial")
for input in "${inputs[@]}"; do
  "$bin" redact --buffer-size 65536 "$input" > "$work/out-65536"
  for size in 1 7; do
    "$bin" redact --buffer-size "$size" "$input" > "$work/out-$size"
    if ! cmp -s "$work/out-65536" "$work/out-$size"; then
      echo "buffer size $size changes the output for $(basename "$input")" >&2
      exit 1
    fi
  done
  echo "$(basename "$input"): --buffer-size 1, 7 and 65536 give identical output"
done
