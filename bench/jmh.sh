#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (src/test/java/dev/hearth/bench) on the project's own JDK; arguments go to JMH,
# e.g. bench/jmh.sh RoutingDecision -f 1 -wi 2 -i 5. Results are printed and written to bench/out/jmh-*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/lib/find-jdk.sh
hearth_find_jdk || exit 1
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test
mkdir -p bench/out
out="bench/out/jmh-$(date -u +%Y%m%dT%H%M%SZ).txt"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.openjdk.jmh.Main "$@" | tee "$out"
echo "written: $out"
