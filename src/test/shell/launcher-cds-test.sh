#!/usr/bin/env bash
# Tests bin/hearth's class-data-sharing archive with the real JDK and the built jar (run ./mvnw package first):
#   src/test/shell/launcher-cds-test.sh
# Checks: the archive is made by the first run of a command and named after the jar; nothing of it reaches stdout;
# a changed jar gets a new archive and the old one is deleted; HEARTH_CDS=off makes none.
set -euo pipefail

root=$(CDPATH='' cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd -P)
jar=$root/target/hearth.jar
cds=$root/target/cds
[[ -f $jar ]] || { echo "SKIP: $jar missing (run ./mvnw package)"; exit 0; }
fails=0
check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}
archives() { find "$cds" -maxdepth 1 -name 'keys-*.jsa' 2>/dev/null | sort; }
stamp() { stat -c '%Y-%s' "$jar"; }

touch "$jar" # a fresh stamp, so this test starts from "no archive for this jar"
rm -f "$cds"/keys-*.jsa
out=$(HEARTH_CDS=off "$root/bin/hearth" keys --help)
check "HEARTH_CDS=off makes no archive" test -z "$(archives)"

out=$("$root/bin/hearth" keys --help)
check "the first run makes target/cds/keys-<jar stamp>.jsa" test "$(archives)" == "$cds/keys-$(stamp).jsa"
check "stdout carries Hearth's output and no CDS log line" \
  bash -c '[[ $1 == *Usage:* && $1 != *"[cds"* && $1 != *"[warning]"* ]]' _ "$out"

out=$("$root/bin/hearth" keys --help)
check "a run with the archive prints the same" bash -c '[[ $1 == *Usage:* && $1 != *"[cds"* ]]' _ "$out"

old=$(archives)
sleep 1
touch "$jar"
"$root/bin/hearth" keys --help >/dev/null
check "a changed jar gets a new archive and the old one goes" \
  bash -c '[[ $1 == "$2" && ! -e $3 ]]' _ "$(archives)" "$cds/keys-$(stamp).jsa" "$old"

rm -f "$cds"/keys-*.jsa
((fails == 0)) && echo "all passed" || { echo "$fails failed"; exit 1; }
