#!/usr/bin/env bash
# Reduced side-by-side runs for the routing and privacy stages' own cost (issues 4 and 5), with the same harness and
# fake upstream as bench/run.sh: the fake upstream directly; Hearth with a concrete model ("concrete"); the same Hearth
# with the alias `auto` (local-first over a local and a "cloud" backend, both the fake upstream, so the quality
# estimate runs on every request: "auto"); and a second Hearth with the privacy guard switched off ("guard-off",
# concrete model). concrete - direct is the gateway; auto - concrete is the routing decision; concrete - guard-off is
# the guard (its inspection of a short clean prompt). Open loop at a modest rate and a closed loop at low concurrency,
# so that a retrained estimator that embeds each prompt (~6 ms of CPU here) can be measured with the same script.
# Results in bench/out/routing-<timestamp>/ (JSON per scenario; summarize them in bench/RESULTS.md).
#
# Environment knobs (defaults in brackets): BENCH_ROUNDS [3], BENCH_OPEN_SECONDS [10], BENCH_OPEN_RATE [50],
# BENCH_CLOSED_REQUESTS [2000], BENCH_CONCURRENCY [4], BENCH_SAMPLES [300].
#
# Last, the gateway's own account: BENCH_SAMPLES sequential requests per Hearth target, interleaved, reading
# x-hearth-overhead-ms (receipt to the upstream call: auth, inspection, routing, admission). It excludes the client's
# and the upstream's share, so it resolves sub-millisecond differences that the load figures drown on a busy machine.
set -euo pipefail

HERE=$(CDPATH='' cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(dirname -- "$HERE")
OUT=$HERE/out/routing-$(date -u +%Y%m%dT%H%M%SZ)
ROUNDS=${BENCH_ROUNDS:-3}
OPEN_SECONDS=${BENCH_OPEN_SECONDS:-10}
OPEN_RATE=${BENCH_OPEN_RATE:-50}
CLOSED_REQUESTS=${BENCH_CLOSED_REQUESTS:-2000}
CONCURRENCY=${BENCH_CONCURRENCY:-4}
SAMPLES=${BENCH_SAMPLES:-300}
mkdir -p "$OUT"
. "$HERE/lib/common.sh"

bench_build
BENCH_JAVA=("$JAVA" "${HARNESS_JVM[@]}" -Xms512m -Xmx1g -jar "$HERE/target/hearth-bench.jar")
chat() { printf '{"model":"%s","messages":[{"role":"user","content":"Say hello."}]}' "$1"; }
WAIT_SECONDS=90
{
  echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit:    $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (dirty)')"
  echo "command:   bench/routing.sh (BENCH_ROUNDS=$ROUNDS BENCH_OPEN_SECONDS=$OPEN_SECONDS BENCH_OPEN_RATE=$OPEN_RATE BENCH_CLOSED_REQUESTS=$CLOSED_REQUESTS BENCH_CONCURRENCY=$CONCURRENCY)"
  machine_lines
} >"$OUT/env.txt"
cat "$OUT/env.txt" >&2

read -r UP_PORT ON_PORT OFF_PORT <<<"$("${BENCH_JAVA[@]}" ports 3)"
start_upstream "$UP_PORT"

config() { # config NAME GUARD(true|false)
  cat >"$OUT/$1.yaml" <<YAML
server:
  host: 127.0.0.1
state:
  dir: $OUT/state-$1
backends:
  - name: fake
    protocol: openai
    base-url: http://127.0.0.1:$UP_PORT/v1
    models: [fake-model]
  - name: fakecloud
    protocol: openai
    base-url: http://127.0.0.1:$UP_PORT/v1
    location: cloud
    models: [fake-model]
aliases:
  auto:
    candidates: [fake/fake-model, fakecloud/fake-model]
    strategy: local-first
    quality: 0.5
privacy:
  enabled: $2
discovery:
  local-servers: false
  cloud-keys: false
  embedded: true
YAML
}
config guard-on true
config guard-off false
"$ROOT/bin/hearth" serve --config "$OUT/guard-on.yaml" --port "$ON_PORT" >"$OUT/guard-on.log" 2>&1 &
ON_PID=$!
PIDS+=("$ON_PID")
"$ROOT/bin/hearth" serve --config "$OUT/guard-off.yaml" --port "$OFF_PORT" >"$OUT/guard-off.log" 2>&1 &
OFF_PID=$!
PIDS+=("$OFF_PID")
wait_200 "http://127.0.0.1:$ON_PORT/v1/chat/completions" "$(chat fake-model)"
wait_200 "http://127.0.0.1:$OFF_PORT/v1/chat/completions" "$(chat fake-model)"
wait_200 "http://127.0.0.1:$ON_PORT/v1/chat/completions" "$(chat auto)" # the embedding model has loaded

TARGETS="direct|http://127.0.0.1:$UP_PORT/v1/chat/completions||fake-model"
TARGETS+=";concrete|http://127.0.0.1:$ON_PORT/v1/chat/completions|$ON_PID|fake-model"
TARGETS+=";auto|http://127.0.0.1:$ON_PORT/v1/chat/completions|$ON_PID|auto"
TARGETS+=";guard-off|http://127.0.0.1:$OFF_PORT/v1/chat/completions|$OFF_PID|fake-model"

log "open loop, $OPEN_RATE req/s: $ROUNDS rounds x $OPEN_SECONDS s per target"
"${BENCH_JAVA[@]}" open --targets "$TARGETS" --upstream-pids "$UP_PID" --rate "$OPEN_RATE" --loops 1 \
  --rounds "$ROUNDS" --seconds "$OPEN_SECONDS" --warmup-seconds 3 >"$OUT/open.json"
log "closed loop, concurrency $CONCURRENCY: $ROUNDS rounds x $CLOSED_REQUESTS requests per target"
"${BENCH_JAVA[@]}" closed --targets "$TARGETS" --upstream-pids "$UP_PID" --concurrency "$CONCURRENCY" --loops 1 \
  --rounds "$ROUNDS" --requests "$CLOSED_REQUESTS" --warmup-requests 500 --max-seconds 60 >"$OUT/closed.json"
log "gateway overhead (x-hearth-overhead-ms): $SAMPLES sequential requests per Hearth target, interleaved"
overhead() { # overhead PORT MODEL: one request, prints its x-hearth-overhead-ms
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$(chat "$2")" "http://127.0.0.1:$1/v1/chat/completions" \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "x-hearth-overhead-ms" {print $2}'
}
for _ in $(seq "$SAMPLES"); do
  overhead "$ON_PORT" fake-model >>"$OUT/overhead-concrete.txt"
  overhead "$ON_PORT" auto >>"$OUT/overhead-auto.txt"
  overhead "$OFF_PORT" fake-model >>"$OUT/overhead-guard-off.txt"
done
for target in concrete auto guard-off; do
  sort -g "$OUT/overhead-$target.txt" | awk -v t="$target" '{v[NR] = $1} END {
    printf "overhead %-9s n=%d p50 %.3f ms p90 %.3f ms p99 %.3f ms\n", t, NR, v[int(NR * 0.5) + 1], v[int(NR * 0.9) + 1],
      v[int(NR * 0.99) + 1] }' | tee -a "$OUT/overhead.txt" >&2
done
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) at end" >>"$OUT/env.txt"
log "results in $OUT"
