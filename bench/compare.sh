#!/usr/bin/env bash
# A reduced, side-by-side comparison for one question at a time, when the full bench/run.sh is too long or the
# machine too busy: the fake upstream directly vs Hearth with its default configuration vs Hearth with extra
# configuration lines (BENCH_VARIANT_YAML), at 1,000 req/s open loop and in a closed loop; then start-up with the
# class-data-sharing archive on and off. Same harness and fake upstream as bench/run.sh; results in
# bench/out/compare-<timestamp>/ (JSON per scenario; summarize them by hand in bench/RESULTS.md).
#
#   BENCH_VARIANT_YAML='audit:\n  durability: wal' bench/compare.sh
#
# Environment knobs (defaults in brackets): BENCH_ROUNDS [3], BENCH_OPEN_SECONDS [10], BENCH_CLOSED_REQUESTS [20000],
# BENCH_STARTUP_RUNS [5] (0 skips start-up), BENCH_VARIANT_YAML [audit durability wal].
set -euo pipefail

HERE=$(CDPATH='' cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(dirname -- "$HERE")
OUT=$HERE/out/compare-$(date -u +%Y%m%dT%H%M%SZ)
ROUNDS=${BENCH_ROUNDS:-3}
OPEN_SECONDS=${BENCH_OPEN_SECONDS:-10}
CLOSED_REQUESTS=${BENCH_CLOSED_REQUESTS:-20000}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-5}
VARIANT_YAML=${BENCH_VARIANT_YAML:-'audit:\n  durability: wal'}
mkdir -p "$OUT"
. "$HERE/lib/common.sh"

bench_build
BENCH_JAVA=("$JAVA" "${HARNESS_JVM[@]}" -Xms1g -Xmx2g -Xmn512m -jar "$HERE/target/hearth-bench.jar")
CHAT='{"model":"fake-model","messages":[{"role":"user","content":"Say hello."}]}'
{
  echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit:    $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (dirty)')"
  echo "command:   bench/compare.sh (BENCH_ROUNDS=$ROUNDS BENCH_OPEN_SECONDS=$OPEN_SECONDS BENCH_CLOSED_REQUESTS=$CLOSED_REQUESTS BENCH_STARTUP_RUNS=$STARTUP_RUNS)"
  echo "variant:   $(printf '%b' "$VARIANT_YAML" | tr '\n' ' ')"
  machine_lines
} >"$OUT/env.txt"
cat "$OUT/env.txt" >&2

read -r UP_PORT BASE_PORT VARIANT_PORT <<<"$("${BENCH_JAVA[@]}" ports 3)"
start_upstream "$UP_PORT"

config() { # config NAME EXTRA_YAML
  cat >"$OUT/$1.yaml" <<YAML
server:
  host: 127.0.0.1
state:
  dir: $OUT/state-$1
backends:
  - name: fake
    protocol: openai
    base-url: http://127.0.0.1:$UP_PORT/v1
discovery:
  local-servers: false
  cloud-keys: false
  embedded: false
YAML
  printf '%b\n' "$2" >>"$OUT/$1.yaml"
}
config base ""
config variant "$VARIANT_YAML"
"$ROOT/bin/hearth" serve --config "$OUT/base.yaml" --port "$BASE_PORT" >"$OUT/base.log" 2>&1 &
BASE_PID=$!
PIDS+=("$BASE_PID")
"$ROOT/bin/hearth" serve --config "$OUT/variant.yaml" --port "$VARIANT_PORT" >"$OUT/variant.log" 2>&1 &
VARIANT_PID=$!
PIDS+=("$VARIANT_PID")
wait_200 "http://127.0.0.1:$BASE_PORT/v1/chat/completions" "$CHAT"
wait_200 "http://127.0.0.1:$VARIANT_PORT/v1/chat/completions" "$CHAT"

TARGETS="direct|http://127.0.0.1:$UP_PORT/v1/chat/completions|"
TARGETS+=";hearth|http://127.0.0.1:$BASE_PORT/v1/chat/completions|$BASE_PID"
TARGETS+=";variant|http://127.0.0.1:$VARIANT_PORT/v1/chat/completions|$VARIANT_PID"

log "open loop, 1,000 req/s: $ROUNDS rounds x $OPEN_SECONDS s per target"
"${BENCH_JAVA[@]}" open --targets "$TARGETS" --upstream-pids "$UP_PID" --rate 1000 --loops 1 --rounds "$ROUNDS" \
  --seconds "$OPEN_SECONDS" --warmup-seconds 3 >"$OUT/open.json"
log "closed loop, concurrency 64: $ROUNDS rounds x $CLOSED_REQUESTS requests per target"
"${BENCH_JAVA[@]}" closed --targets "$TARGETS" --upstream-pids "$UP_PID" --concurrency 64 --loops 2 \
  --rounds "$ROUNDS" --requests "$CLOSED_REQUESTS" --warmup-requests 20000 --max-seconds 60 >"$OUT/closed.json"
kill -TERM "$BASE_PID" "$VARIANT_PID"
wait "$BASE_PID" "$VARIANT_PID" 2>/dev/null || true
PIDS=("$UP_PID")

if ((STARTUP_RUNS > 0)); then
  for cds in on off; do
    log "start-up: $STARTUP_RUNS runs of bin/hearth, class-data sharing $cds"
    "${BENCH_JAVA[@]}" startup --label "startup-cds-$cds" --runs "$STARTUP_RUNS" --rss-after-seconds 5 \
      --log-dir "$OUT" --cmd "env HEARTH_CDS=$cds $ROOT/bin/hearth serve --config $OUT/base.yaml --port {port}" \
      >"$OUT/startup-cds-$cds.json"
  done
fi
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) at end" >>"$OUT/env.txt"
log "results in $OUT"
