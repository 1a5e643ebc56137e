#!/usr/bin/env bash
# Lists the stack's processes and listening ports; with `--compare FILE`, fails if any are new since FILE.
set -euo pipefail
pattern='kafka\.Kafka|versitygw|postgresql/15/bin/postgres|prometheus|Xvfb|chromium'
snapshot() {
  { pgrep -af "$pattern" | grep -v -e pgrep -e leftover-check || true; } | awk '{print "proc", $0}'
  { ss -ltnpH 2>/dev/null | grep -E 'java|versitygw|postgres|prometheus|alertmanager|Xvfb|chrom' || true; } \
    | awk '{print "port", $4, $6}'
}
if [ "${1:-}" = "--compare" ]; then
  before="$2"
  now=$(snapshot | sort)
  new=$(comm -13 <(sort "$before") <(printf '%s\n' "$now") | sed '/^$/d')
  if [ -n "$new" ]; then
    echo "[leftovers] processes or ports left behind by the run:"
    printf '%s\n' "$new"
    exit 1
  fi
  echo "[leftovers] none: no stack process or listening port is left behind"
else
  snapshot
fi
