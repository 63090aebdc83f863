#!/usr/bin/env bash
# Tests bin/lib/find-jdk.sh against fake JDKs, under bash and (when installed) dash, the /bin/sh that runs ./mvnw.
# Needs no real JDK and no network:  src/test/shell/find-jdk-test.sh
set -euo pipefail

root=$(CDPATH='' cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../../.." && pwd -P)
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT

# make_jdk DIR VERSION [jre] [norelease]: bin/java answers -version like the real one; a JRE has no javac.
make_jdk() {
  local dir=$1 version=$2 opt
  mkdir -p "$dir/bin"
  printf '#!/bin/sh\necho "openjdk version \\"%s\\" 2025-01-01" >&2\n' "$version" >"$dir/bin/java"
  chmod +x "$dir/bin/java"
  cp "$dir/bin/java" "$dir/bin/javac"
  printf 'IMPLEMENTOR="Fake"\nJAVA_VERSION="%s"\n' "$version" >"$dir/release"
  for opt in "${@:3}"; do
    case $opt in
      jre) rm "$dir/bin/javac" ;;
      norelease) rm "$dir/release" ;;
    esac
  done
}

j=$tmp/jvm
make_jdk "$j/jdk-8" 1.8.0_292 norelease
make_jdk "$j/jdk-11" 11.0.25
make_jdk "$j/jdk-17" 17.0.15
make_jdk "$j/jdk-21" 21.0.7
make_jdk "$j/jdk-22" 22
make_jdk "$j/jdk-24-norelease" 24.0.2 norelease
make_jdk "$j/jdk-25.0.9" 25.0.9
make_jdk "$j/jdk-25.0.10" 25.0.10
make_jdk "$j/with space/jdk-23" 23.0.1
make_jdk "$j/jre-26" 26 jre
ln -s "$j/jdk-17" "$j/alias-of-17"

# PATH holds only the tools find-jdk.sh and bin/hearth use, plus a java chosen per case (none by default), so the
# machine's own JDKs stay out of sight.
mkdir -p "$tmp/sys" "$tmp/java17" "$tmp/java22"
for tool in readlink dirname tr cat; do ln -s "$(command -v "$tool")" "$tmp/sys/$tool"; done
ln -s "$j/jdk-17/bin/java" "$tmp/java17/java"
ln -s "$j/jdk-22/bin/java" "$tmp/java22/java"
sys=$tmp/sys

shells=(bash)
if command -v dash >/dev/null; then shells+=(dash); fi

failures=0
count=0
check() { # check DESCRIPTION CONDITION...
  local what=$1
  shift
  count=$((count + 1))
  if "$@"; then
    echo "ok $count - $what"
  else
    echo "not ok $count - $what"
    echo "#   stdout: $(cat "$tmp/out")"
    echo "#   stderr: $(cat "$tmp/err")"
    failures=$((failures + 1))
  fi
}

# find SHELL JAVA_HOME PATH SEARCH_PATH: runs the function like ./mvnw does (set -euf) and prints the result.
find_with() {
  local sh=$1 java_home=$2 path=$3 search=$4
  rc=0
  # shellcheck disable=SC2016 # the script is for the inner shell
  env -i HOME="$tmp/home" PATH="$path" HEARTH_JDK_SEARCH_PATH="$search" ${java_home:+JAVA_HOME="$java_home"} \
    "$(command -v "$sh")" -c '
      set -euf
      . "$1/bin/lib/find-jdk.sh"
      ifs_before=$IFS
      hearth_find_jdk >"$2/out" 2>"$2/err" || exit $?
      case $- in *f*) ;; *) echo "set -f was lost" >&2; exit 9 ;; esac
      [ "$IFS" = "$ifs_before" ] || { echo "IFS changed" >&2; exit 9; }
      # exported, so ./mvnw hands it to Maven
      /bin/sh -c "echo \"\$JAVA_HOME\"" >"$2/home"
      echo "$HEARTH_JAVA_MAJOR" >"$2/major"
    ' find "$root" "$tmp" || rc=$?
}
found() { [[ $rc == 0 && $(cat "$tmp/home") == "$1" && ! -s $tmp/out && ! -s $tmp/err ]]; }
err_has() { grep -qF -- "$1" "$tmp/err"; }

for sh in "${shells[@]}"; do
  echo "# $sh"
  find_with "$sh" "$j/jdk-21" "$tmp/java22:$sys" "$j/*"
  check "$sh: a JAVA_HOME of 21+ wins, silently" found "$j/jdk-21"

  find_with "$sh" "$j/jdk-21/" "$sys" ""
  check "$sh: JAVA_HOME with a trailing slash" found "$j/jdk-21"

  find_with "$sh" "$j/jdk-17" "$tmp/java22:$sys" "$j/*"
  check "$sh: JAVA_HOME 17 is skipped for java 22 on PATH" found "$j/jdk-22"

  find_with "$sh" "$j/jre-26" "$tmp/java17:$sys" "$j/*:$j/with space/*"
  check "$sh: install locations, highest version (25.0.10 > 25.0.9), JRE 26 skipped" found "$j/jdk-25.0.10"
  check "$sh: HEARTH_JAVA_MAJOR" [ "$(cat "$tmp/major")" = 25 ]

  find_with "$sh" "" "$sys" "$j/jdk-8:$j/with space/*:$j/jdk-2[12]"
  check "$sh: directory with a space (23) beats 21 and 22" found "$j/with space/jdk-23"

  find_with "$sh" "" "$sys" "$j/jdk-8:$j/jdk-24-norelease:$j/jdk-21"
  check "$sh: version from java -version when there is no release file" found "$j/jdk-24-norelease"

  find_with "$sh" "$tmp/nonexistent" "$tmp/java17:$sys" "$j/jdk-1*:$j/alias-of-17:$j/jre-*:$tmp/none/*"
  check "$sh: nothing suitable: status 1" [ "$rc" = 1 ]
  check "$sh: nothing suitable: nothing on stdout" [ ! -s "$tmp/out" ]
  check "$sh: message names the requirement" err_has "Hearth needs a JDK 21 or newer"
  check "$sh: message lists JAVA_HOME" err_has "JAVA_HOME=$tmp/nonexistent: no bin/java"
  check "$sh: message lists the java on PATH" err_has "java on PATH ($j/jdk-17/bin/java): Java 17, too old"
  check "$sh: message lists old JDKs" err_has "$j/jdk-11: Java 11, too old"
  check "$sh: message lists JREs" err_has "$j/jre-26: Java 26 runtime without javac"
  check "$sh: message lists an alias once" [ "$(grep -c 'Java 17, too old' "$tmp/err")" = 2 ]
  check "$sh: message says how to install" err_has "apt-get install openjdk-21-jdk-headless"
done

echo "# bin/hearth"
rc=0
env -i HOME="$tmp/home" PATH="$sys" HEARTH_JDK_SEARCH_PATH="$tmp/none" "$(command -v bash)" "$root/bin/hearth" serve \
  >"$tmp/out" 2>"$tmp/err" || rc=$?
# shellcheck disable=SC2016 # evaluated by check
check "bin/hearth without a JDK: status 1, the message, no build" \
  eval '[ "$rc" = 1 ] && [ ! -s "$tmp/out" ] && err_has "Hearth needs a JDK 21" && ! err_has Building'

echo "1..$count"
if ((failures > 0)); then
  echo "# $failures of $count failed"
  exit 1
fi
