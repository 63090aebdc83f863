#!/usr/bin/env bash
# Hearth core-gateway benchmark: direct to a fake upstream vs nginx vs Hearth, side by side, in one run.
#
#   bench/run.sh                 # ~8 minutes; results in bench/out/<UTC timestamp>/, table on stdout
#
# Installs nginx with apt-get when it is missing (needs root or sudo), builds Hearth (target/hearth.jar) and the
# harness (bench/target/hearth-bench.jar), starts a fake OpenAI upstream, nginx and Hearth on free 127.0.0.1 ports,
# runs every scenario for a bounded count or time, stops everything it started (also on Ctrl-C or failure) and prints a
# Markdown table (also written to OUT/table.md). All traffic stays on 127.0.0.1. See bench/README.md.
#
# Environment knobs (defaults in brackets):
#   BENCH_OUT               output directory [bench/out/<timestamp>]
#   BENCH_ROUNDS            interleaved rounds per load scenario [3]
#   BENCH_CLOSED_REQUESTS   requests per target per round in the closed loop [40000]
#   BENCH_OPEN_SECONDS      seconds per target per round at 1,000 req/s [10]
#   BENCH_TTFT_SECONDS      seconds per target per round of streaming requests at 200/s [5]
#   BENCH_STREAMS           concurrent long-lived streams [5000]
#   BENCH_STREAM_SECONDS    how long each of those streams lasts (one chunk per second) [15]
#   BENCH_STARTUP_RUNS      start-up measurements per variant [5]
#   BENCH_DIALECT_SECONDS   seconds per dialect per round, open loop and streaming (see "dialects") [5]
#   BENCH_PIN_GATEWAY       CPU list for nginx and Hearth (taskset -c), e.g. "1"   [unpinned]
#   BENCH_PIN_HARNESS       CPU list for the fake upstream and the load generator  [unpinned]
#   BENCH_NICE              niceness for this script and everything it starts, e.g. -10 (negative needs root) to
#                           win the CPU from other work on a shared machine while the benchmark runs    [unchanged]
set -euo pipefail

HERE=$(CDPATH='' cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(dirname -- "$HERE")
OUT=${BENCH_OUT:-$HERE/out/$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${BENCH_ROUNDS:-3}
CLOSED_REQUESTS=${BENCH_CLOSED_REQUESTS:-40000}
OPEN_SECONDS=${BENCH_OPEN_SECONDS:-10}
TTFT_SECONDS=${BENCH_TTFT_SECONDS:-5}
STREAMS=${BENCH_STREAMS:-5000}
STREAM_SECONDS=${BENCH_STREAM_SECONDS:-15}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-5}
DIALECT_SECONDS=${BENCH_DIALECT_SECONDS:-5}
PIN_GATEWAY=${BENCH_PIN_GATEWAY:-}
PIN_HARNESS=${BENCH_PIN_HARNESS:-}
NICE=${BENCH_NICE:-}

mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
pin() { # pin CPULIST command...: runs the command under taskset when a CPU list is given
  local cpus=$1
  shift
  if [[ -n $cpus ]]; then taskset -c "$cpus" "$@"; else "$@"; fi
}
spawn() { # spawn CPULIST command... &: like pin, but exec'd, so that $! is the command's own pid (for kill and /proc)
  local cpus=$1
  shift
  if [[ -n $cpus ]]; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}

# ------------------------------------------------------------------------------------------------ cleanup
PIDS=()
CURRENT= # the foreground step running now (see step)
cleanup() {
  local pid
  [[ -z $CURRENT ]] || kill -TERM "$CURRENT" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n $NICE && -z ${BENCH_OWN_SESSION:-} ]]; then
  # Linux groups processes by session for CPU fairness (sched_autogroup): nice alone only ranks processes within one
  # session. Re-run in a new session, whose autogroup holds only the benchmark's processes, and rank that group.
  BENCH_OUT=$OUT BENCH_OWN_SESSION=1 setsid "$0" "$@" &
  child=$!
  trap 'kill -TERM "$child" 2>/dev/null' INT TERM
  set +e
  while :; do
    wait "$child"
    rc=$?
    kill -0 "$child" 2>/dev/null || exit "$rc"
  done
fi
if [[ -n $NICE ]]; then
  renice -n "$NICE" -p $$ >/dev/null # inherited by every process started below
  if [[ -w /proc/$$/autogroup ]]; then echo "$NICE" >"/proc/$$/autogroup" 2>/dev/null || true; fi
fi

# ------------------------------------------------------------------------------------------------ prerequisites
if ! command -v nginx >/dev/null 2>&1; then
  log "installing nginx (apt-get)"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq nginx >/dev/null
fi
command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 1; }
NGINX=$(command -v nginx)

# shellcheck source=bin/lib/find-jdk.sh
. "$ROOT/bin/lib/find-jdk.sh"
hearth_find_jdk || exit 1
JAVA=$JAVA_HOME/bin/java

log "building Hearth and the harness"
(cd "$ROOT" && { ./mvnw -q -B -o -DskipTests package 2>/dev/null || ./mvnw -q -B -DskipTests package; }) >&2
touch "$ROOT/target/hearth.jar" # bin/hearth must not rebuild during a start-up measurement
(cd "$ROOT" && { ./mvnw -q -B -o -f bench/pom.xml package 2>/dev/null || ./mvnw -q -B -f bench/pom.xml package; }) >&2

# Many sockets: 5,000 streams are 10,000 descriptors in a proxy.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

HARNESS_JVM=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED "-Dbench.clkTck=$(getconf CLK_TCK)")
# Long steps run in the background and are waited for: bash runs a signal trap only once its foreground command is
# done, but interrupts a `wait` at once, so Ctrl-C / TERM stop the run (and cleanup kills the step) without delay.
step() {
  "$@" &
  CURRENT=$!
  wait "$CURRENT"
  CURRENT=
}
BENCH_JAVA=("$JAVA" "${HARNESS_JVM[@]}" -Xms1g -Xmx2g -Xmn512m -jar "$HERE/target/hearth-bench.jar")
bench() { "${BENCH_JAVA[@]}" "$@"; }                              # short helpers: ports, rss, report
loadgen() { step spawn "$PIN_HARNESS" "${BENCH_JAVA[@]}" "$@"; }  # load scenarios (exec'd, so $CURRENT is the JVM)

wait_200() { # wait_200 URL [BODY]: polls until a 200 (POST when a body is given), at most 60 s
  local url=$1 body=${2:-} code
  for _ in $(seq 600); do
    if [[ -n $body ]]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$url" || true)
    else
      code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    fi
    [[ $code == 200 ]] && return 0
    sleep 0.1
  done
  echo "bench: no 200 from $url" >&2
  return 1
}
CHAT='{"model":"fake-model","messages":[{"role":"user","content":"Say hello."}]}'

# ------------------------------------------------------------------------------------------------ environment
{
  echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit:    $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "command:   bench/run.sh  (BENCH_ROUNDS=$ROUNDS BENCH_CLOSED_REQUESTS=$CLOSED_REQUESTS BENCH_OPEN_SECONDS=$OPEN_SECONDS BENCH_TTFT_SECONDS=$TTFT_SECONDS BENCH_STREAMS=$STREAMS BENCH_STREAM_SECONDS=$STREAM_SECONDS BENCH_STARTUP_RUNS=$STARTUP_RUNS BENCH_DIALECT_SECONDS=$DIALECT_SECONDS BENCH_PIN_GATEWAY=${PIN_GATEWAY:-none} BENCH_PIN_HARNESS=${PIN_HARNESS:-none} BENCH_NICE=${NICE:-unset})"
  echo "nice:      $(ps -o ni= -p $$ | tr -d ' ') for the benchmark's processes; scheduler $(cat /proc/$$/autogroup 2>/dev/null || echo 'autogroup: n/a')"
  echo "cpu:       $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory:    $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "kernel:    $(uname -sr)"
  echo "jdk:       $("$JAVA" -version 2>&1 | head -1) ($JAVA_HOME)"
  echo "nginx:     $("$NGINX" -v 2>&1 | sed 's/^nginx version: //')"
  echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) at start"
  echo "nofile:    $(ulimit -n)"
} >"$OUT/env.txt"
cat "$OUT/env.txt" >&2

# ------------------------------------------------------------------------------------------------ processes
read -r UP_PORT NGINX_PORT HEARTH_PORT <<<"$(bench ports 3)"

log "fake upstream on 127.0.0.1:$UP_PORT"
spawn "$PIN_HARNESS" "$JAVA" "${HARNESS_JVM[@]}" -Xms256m -Xmx1g -jar "$HERE/target/hearth-bench.jar" upstream \
  --port "$UP_PORT" --instances 2 --slow-chunks "$STREAM_SECONDS" --slow-interval-ms 1000 --ttft-rest-delay-ms 10 \
  >"$OUT/upstream.log" 2>&1 &
UP_PID=$!
PIDS+=("$UP_PID")
wait_200 "http://127.0.0.1:$UP_PORT/v1/models"

log "nginx on 127.0.0.1:$NGINX_PORT"
mkdir -p "$OUT/nginx/logs" "$OUT/nginx/tmp"
cat >"$OUT/nginx/nginx.conf" <<EOF
# A plain reverse proxy to the fake upstream: no buffering, keep-alive to the upstream, no access log.
worker_processes $(nproc);
worker_rlimit_nofile $(ulimit -n);
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/logs/error.log warn;
events {
  worker_connections $(( $(ulimit -n) - 100 ));
}
http {
  access_log off;
  client_body_temp_path $OUT/nginx/tmp/body;
  proxy_temp_path $OUT/nginx/tmp/proxy;
  fastcgi_temp_path $OUT/nginx/tmp/fastcgi;
  uwsgi_temp_path $OUT/nginx/tmp/uwsgi;
  scgi_temp_path $OUT/nginx/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  upstream fake {
    server 127.0.0.1:$UP_PORT;
    keepalive 1024;
    keepalive_requests 10000000;
    keepalive_timeout 300s;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
EOF
spawn "$PIN_GATEWAY" "$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g 'daemon off;' \
  >"$OUT/nginx/logs/stdout.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
wait_200 "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" "$CHAT"

log "Hearth on 127.0.0.1:$HEARTH_PORT"
hearth_config() { # hearth_config FILE EMBEDDED(true|false)
  cat >"$1" <<EOF
# One OpenAI-protocol backend (the fake upstream); discovery off.
server:
  host: 127.0.0.1
backends:
  - name: fake
    protocol: openai
    base-url: http://127.0.0.1:$UP_PORT/v1
discovery:
  local-servers: false
  cloud-keys: false
  embedded: $2
EOF
}
hearth_config "$OUT/hearth.yaml" false
hearth_config "$OUT/hearth-embedded.yaml" true
spawn "$PIN_GATEWAY" "$ROOT/bin/hearth" serve --config "$OUT/hearth.yaml" --port "$HEARTH_PORT" >"$OUT/hearth.log" 2>&1 &
HEARTH_PID=$! # bin/hearth execs java: this is the JVM's pid
PIDS+=("$HEARTH_PID")
wait_200 "http://127.0.0.1:$HEARTH_PORT/v1/chat/completions" "$CHAT"
sleep 5
bench rss "$HEARTH_PID" >"$OUT/idle-hearth.json"
bench rss "$NGINX_PID" >"$OUT/idle-nginx.json"
log "idle RSS: Hearth $(grep -m1 rss_kb "$OUT/idle-hearth.json"), nginx $(grep -m1 rss_kb "$OUT/idle-nginx.json")"

TARGETS="direct|http://127.0.0.1:$UP_PORT/v1/chat/completions|"
TARGETS+=";nginx|http://127.0.0.1:$NGINX_PORT/v1/chat/completions|$NGINX_PID"
TARGETS+=";hearth|http://127.0.0.1:$HEARTH_PORT/v1/chat/completions|$HEARTH_PID"

# ------------------------------------------------------------------------------------------------ scenarios
log "closed loop, concurrency 64: $ROUNDS rounds x $CLOSED_REQUESTS requests per target"
loadgen closed --targets "$TARGETS" --upstream-pids "$UP_PID" --concurrency 64 --loops 2 --rounds "$ROUNDS" \
  --requests "$CLOSED_REQUESTS" --warmup-requests 40000 --max-seconds 60 >"$OUT/closed.json"

log "open loop, 1,000 req/s: $ROUNDS rounds x $OPEN_SECONDS s per target"
loadgen open --targets "$TARGETS" --upstream-pids "$UP_PID" --rate 1000 --loops 1 --rounds "$ROUNDS" \
  --seconds "$OPEN_SECONDS" --warmup-seconds 3 >"$OUT/open.json"

log "time to first token, 200 streams/s: $ROUNDS rounds x $TTFT_SECONDS s per target"
loadgen ttft --targets "$TARGETS" --upstream-pids "$UP_PID" --rate 200 --loops 1 --rounds "$ROUNDS" \
  --seconds "$TTFT_SECONDS" --warmup-rate 1000 --warmup-seconds 4 >"$OUT/ttft.json"

# ------------------------------------------------------------------------------------------------ dialects
# The same fake upstream through Hearth in every client dialect (one OpenAI-protocol backend behind all of them): what
# each dialect's decoding and re-encoding adds to latency, CPU per request and time to first token. direct is the
# baseline of the same rounds. Rendered as its own table (DialectReport).
DIALECT_TARGETS="direct|http://127.0.0.1:$UP_PORT/v1/chat/completions|"
DIALECT_TARGETS+=";openai-chat|http://127.0.0.1:$HEARTH_PORT/v1/chat/completions|$HEARTH_PID"
DIALECT_TARGETS+=";anthropic-messages|http://127.0.0.1:$HEARTH_PORT/v1/messages|$HEARTH_PID"
DIALECT_TARGETS+=";openai-responses|http://127.0.0.1:$HEARTH_PORT/v1/responses|$HEARTH_PID"
DIALECT_TARGETS+=";ollama-chat|http://127.0.0.1:$HEARTH_PORT/api/chat|$HEARTH_PID"
log "dialects, open loop at 1,000 req/s: $ROUNDS rounds x $DIALECT_SECONDS s per target"
loadgen open --targets "$DIALECT_TARGETS" --upstream-pids "$UP_PID" --rate 1000 --loops 1 --rounds "$ROUNDS" \
  --seconds "$DIALECT_SECONDS" --warmup-seconds 3 >"$OUT/dialects-open.json"
log "dialects, time to first token at 200 streams/s: $ROUNDS rounds x $DIALECT_SECONDS s per target"
loadgen ttft --targets "$DIALECT_TARGETS" --upstream-pids "$UP_PID" --rate 200 --loops 1 --rounds "$ROUNDS" \
  --seconds "$DIALECT_SECONDS" --warmup-rate 1000 --warmup-seconds 3 >"$OUT/dialects-ttft.json"

sleep 3
bench rss "$HEARTH_PID" >"$OUT/idle-after-load-hearth.json"
bench rss "$NGINX_PID" >"$OUT/idle-after-load-nginx.json"

DEADLINE=$(( 5 + 4 * (STREAM_SECONDS + 1) + 10 ))
for target in nginx hearth; do
  if [[ $target == nginx ]]; then port=$NGINX_PORT pid=$NGINX_PID; else port=$HEARTH_PORT pid=$HEARTH_PID; fi
  log "$STREAMS concurrent streams through $target (each ${STREAM_SECONDS} s, at most ${DEADLINE} s)"
  loadgen streams --url "http://127.0.0.1:$port/v1/chat/completions" --gateway-pids "$pid" --count "$STREAMS" \
    --ramp-seconds 5 --loops 2 --deadline-seconds "$DEADLINE" --label "$target" >"$OUT/streams-$target.json"
  sleep 3
done

# Start-up runs last, on a quiet machine: the long-running Hearth and nginx go first (the upstream stays, Hearth lists
# its models at start-up).
kill -TERM "$HEARTH_PID" "$NGINX_PID" 2>/dev/null || true
wait "$HEARTH_PID" "$NGINX_PID" 2>/dev/null || true
PIDS=("$UP_PID")
sleep 2
log "start-up: $STARTUP_RUNS runs of bin/hearth"
step spawn "" "${BENCH_JAVA[@]}" startup --label startup-bin-hearth --runs "$STARTUP_RUNS" --rss-after-seconds 5 --log-dir "$OUT" \
  --cmd "${PIN_GATEWAY:+taskset -c $PIN_GATEWAY }$ROOT/bin/hearth serve --config $OUT/hearth.yaml --port {port}" \
  >"$OUT/startup-bin-hearth.json"
log "start-up: $STARTUP_RUNS runs of java -jar"
# The same JVM options as bin/hearth (see the script), without its JDK search and staleness check.
step spawn "" "${BENCH_JAVA[@]}" startup --label startup-java-jar --runs "$STARTUP_RUNS" --log-dir "$OUT" \
  --cmd "${PIN_GATEWAY:+taskset -c $PIN_GATEWAY }$JAVA -XX:+UseSerialGC -Xms64m -Xmx1g -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED -jar $ROOT/target/hearth.jar serve --config $OUT/hearth.yaml --port {port}" \
  >"$OUT/startup-java-jar.json"
log "start-up: 3 runs of bin/hearth with the embedding model on"
step spawn "" "${BENCH_JAVA[@]}" startup --label startup-embedded-on --runs 3 --rss-after-seconds 10 --log-dir "$OUT" \
  --cmd "${PIN_GATEWAY:+taskset -c $PIN_GATEWAY }$ROOT/bin/hearth serve --config $OUT/hearth-embedded.yaml --port {port}" \
  >"$OUT/startup-embedded-on.json"

echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) at end" >>"$OUT/env.txt"
bench report "$OUT" | tee "$OUT/table.md"
log "results in $OUT"
