#!/usr/bin/env bash
# Scores the CLI's `scan --jsonl` on the dev corpus with the team scorer.
# Usage: scripts/score-dev.sh [extra score.py args, e.g. --show-errors 20 --types PHONE]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gold=${GOLD:-$here/tests/data/dev.jsonl}
scorer=${SCORER:-$here/../shared/tools/score.py}
cargo build -q -p redactor-cli --manifest-path "$here/Cargo.toml"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$here/target/debug/redactor" scan --jsonl "$gold" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(json.dumps({"id": r["id"], "spans": [{"type": f["kind"], "start": f["start"], "end": f["end"]} for f in r["findings"]]}))
' > "$tmp"
python3 "$scorer" "$tmp" "$gold" "$@"
