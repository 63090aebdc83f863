# Shared by the reduced benchmark scripts (bench/compare.sh, bench/routing.sh): logging, killing what they started,
# building Hearth and the harness, and waiting for a server's first 200. Source it after setting HERE and ROOT.
# (bench/run.sh keeps its own, stricter versions: it also kills the foreground step and escalates to SIGKILL.)

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Every background server a script starts goes into PIDS; they are stopped on exit, Ctrl-C or TERM.
PIDS=()
bench_cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# Finds a JDK 21+ (sets JAVA), builds target/hearth.jar and bench/target/hearth-bench.jar (offline first), and sets
# HARNESS_JVM, the flags every harness JVM runs with.
bench_build() {
  # shellcheck source=bin/lib/find-jdk.sh
  . "$ROOT/bin/lib/find-jdk.sh"
  hearth_find_jdk || exit 1
  JAVA=$JAVA_HOME/bin/java
  log "building Hearth and the harness"
  (cd "$ROOT" && { ./mvnw -q -B -o -DskipTests package 2>/dev/null || ./mvnw -q -B -DskipTests package; }) >&2
  touch "$ROOT/target/hearth.jar" # bin/hearth must not rebuild during a start-up measurement
  (cd "$ROOT" && { ./mvnw -q -B -o -f bench/pom.xml package 2>/dev/null || ./mvnw -q -B -f bench/pom.xml package; }) >&2
  HARNESS_JVM=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED "-Dbench.clkTck=$(getconf CLK_TCK)")
}

# wait_200 URL [BODY]: polls until a 200 (POST with BODY when given), at most WAIT_SECONDS (default 60).
wait_200() {
  for _ in $(seq $(( ${WAIT_SECONDS:-60} * 10 ))); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' ${2:+-d "$2"} "$1" || true) == 200 ]] \
      && return 0
    sleep 0.1
  done
  echo "bench: no 200 from $1" >&2
  return 1
}

# machine_lines: the env.txt lines every script records (CPU, JDK, load average now).
machine_lines() {
  echo "cpu:       $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "jdk:       $("$JAVA" -version 2>&1 | head -1)"
  echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) at start"
}

# start_upstream PORT: the harness's fake upstream on PORT (log in $OUT/upstream.log), stopped on exit; sets UP_PID.
start_upstream() {
  "$JAVA" "${HARNESS_JVM[@]}" -Xms256m -Xmx1g -jar "$HERE/target/hearth-bench.jar" upstream --port "$1" \
    --instances 2 >"$OUT/upstream.log" 2>&1 &
  UP_PID=$!
  PIDS+=("$UP_PID")
  wait_200 "http://127.0.0.1:$1/v1/models"
}
