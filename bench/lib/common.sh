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
