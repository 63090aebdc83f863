# shellcheck shell=sh
# Finds a JDK 21 or newer for bin/hearth and ./mvnw. Sourced, never executed:
#
#   . bin/lib/find-jdk.sh
#   hearth_find_jdk || exit 1    # exports JAVA_HOME, sets HEARTH_JAVA_MAJOR; prints nothing on success
#
# Looks, in this order, at: $JAVA_HOME; the `java` on PATH; the usual install locations (the highest version found
# there wins). A candidate must have bin/java and bin/javac. When nothing fits it explains on stderr what it looked
# at and how to install a JDK, and returns 1.
#
# HEARTH_JDK_SEARCH_PATH (colon-separated directories or glob patterns) replaces the install locations, for tests.
#
# Plain POSIX sh: ./mvnw runs it under /bin/sh (dash on Debian) with `set -euf`; bin/hearth under bash with
# `set -euo pipefail`. Every helper variable starts with _hj_ so the including script's variables are left alone.

HEARTH_MIN_JAVA=21

# Default install locations: Debian/Ubuntu packages, RPM layouts, Docker images (eclipse-temurin uses
# /opt/java/openjdk), manual unpacks, Homebrew (Intel, Apple silicon), SDKMAN!, IntelliJ downloads, macOS installers.
_hj_default_search_path() {
  printf '%s' "/usr/lib/jvm/*:/usr/lib64/jvm/*:/usr/java/*:/opt/java/*:/opt/jdk*:/opt/jdk/*:/opt/openjdk*"
  printf '%s' ":/usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home"
  printf '%s' ":/opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home"
  printf '%s' ":${HOME:-/nonexistent}/.sdkman/candidates/java/*:${HOME:-/nonexistent}/.jdks/*"
  printf '%s' ":/Library/Java/JavaVirtualMachines/*/Contents/Home"
}

# Leading decimal digits of $1 without leading zeros ("0" when there are none), safe for $(( )).
_hj_num() {
  _hj_n=${1%%[!0-9]*}
  while :; do
    case $_hj_n in
      0?*) _hj_n=${_hj_n#0} ;;
      *) break ;;
    esac
  done
  printf '%s' "${_hj_n:-0}"
}

# Reads the Java version of the JDK at $1 into _hj_major (feature release, e.g. 17, 21, 25; 8 for "1.8.0_292") and
# _hj_key (a number that orders versions). Uses $1/release, else `$1/bin/java -version`. Returns 1 when unknown.
_hj_version() {
  _hj_ver=
  if [ -r "$1/release" ]; then
    while IFS= read -r _hj_line || [ -n "$_hj_line" ]; do
      case $_hj_line in
        JAVA_VERSION=*)
          _hj_ver=${_hj_line#JAVA_VERSION=}
          _hj_ver=${_hj_ver#\"}
          _hj_ver=${_hj_ver%%\"*}
          break
          ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$_hj_ver" ]; then
    # First line is e.g.: openjdk version "17.0.15" 2025-04-15
    _hj_out=$("$1/bin/java" -version 2>&1) || _hj_out=
    case $_hj_out in
      *'version "'*)
        _hj_ver=${_hj_out#*version \"}
        _hj_ver=${_hj_ver%%\"*}
        ;;
    esac
  fi
  _hj_ver=${_hj_ver#1.}
  case $_hj_ver in
    [1-9]*) ;;
    *) return 1 ;;
  esac
  _hj_major=$(_hj_num "$_hj_ver")
  _hj_rest=${_hj_ver#"${_hj_ver%%[!0-9]*}"}
  _hj_rest=${_hj_rest#[._]}
  _hj_minor=$(_hj_num "$_hj_rest")
  _hj_rest=${_hj_rest#"${_hj_rest%%[!0-9]*}"}
  _hj_rest=${_hj_rest#[._]}
  _hj_key=$((_hj_major * 1000000 + _hj_minor * 1000 + $(_hj_num "$_hj_rest")))
}

# Returns 0 when $1 is a JDK of at least HEARTH_MIN_JAVA (setting _hj_major, _hj_key); otherwise appends the reason
# to _hj_report (shown only when no JDK is found at all) and returns 1. $2 describes where the candidate came from.
_hj_check() {
  if [ ! -x "$1/bin/java" ]; then
    _hj_report="$_hj_report
    $2: no bin/java"
    return 1
  fi
  if ! _hj_version "$1"; then
    _hj_report="$_hj_report
    $2: cannot tell its Java version"
    return 1
  fi
  if [ "$_hj_major" -lt "$HEARTH_MIN_JAVA" ]; then
    _hj_report="$_hj_report
    $2: Java $_hj_major, too old"
    return 1
  fi
  if [ ! -x "$1/bin/javac" ]; then
    _hj_report="$_hj_report
    $2: Java $_hj_major runtime without javac (a JRE, not a JDK)"
    return 1
  fi
  return 0
}

hearth_find_jdk() {
  _hj_report=
  _hj_found=

  # 1. JAVA_HOME, when it is good enough.
  if [ -n "${JAVA_HOME-}" ]; then
    _hj_home=${JAVA_HOME%/}
    if _hj_check "$_hj_home" "JAVA_HOME=$JAVA_HOME"; then
      _hj_found=$_hj_home
    fi
  fi

  # 2. The java on PATH, followed through symlinks (Debian: /usr/bin/java -> /etc/alternatives/java -> the JDK).
  if [ -z "$_hj_found" ] && _hj_java=$(command -v java 2>/dev/null) && [ -n "$_hj_java" ]; then
    _hj_java=$(readlink -f "$_hj_java" 2>/dev/null) || _hj_java=$(command -v java)
    case $_hj_java in
      */bin/java)
        _hj_home=${_hj_java%/bin/java}
        if _hj_check "$_hj_home" "java on PATH ($_hj_java)"; then
          _hj_found=$_hj_home
        fi
        ;;
    esac
  fi

  # 3. Install locations: the highest version wins; the first one found wins a tie.
  if [ -z "$_hj_found" ]; then
    _hj_best_key=0
    _hj_seen=:
    _hj_search=${HEARTH_JDK_SEARCH_PATH-$(_hj_default_search_path)}
    # Expand the patterns even when the caller runs with `set -f` (./mvnw does); split them on ':' only, so that
    # directories with spaces survive.
    case $- in *f*) _hj_noglob=1 ;; *) _hj_noglob= ;; esac
    _hj_ifs_was_set=${IFS+1}
    _hj_ifs=${IFS-}
    set +f
    IFS=:
    # shellcheck disable=SC2086 # splitting on ':' and glob expansion are intended
    set -- $_hj_search
    if [ -n "$_hj_ifs_was_set" ]; then IFS=$_hj_ifs; else unset IFS; fi
    if [ -n "$_hj_noglob" ]; then set -f; fi
    for _hj_dir in "$@"; do
      [ -d "$_hj_dir" ] || continue
      _hj_dir=${_hj_dir%/}
      # Skip aliases of a directory already seen (/usr/lib/jvm/java-1.17.0-openjdk-amd64 -> java-17-openjdk-amd64).
      _hj_real=$(CDPATH='' cd -P -- "$_hj_dir" 2>/dev/null && pwd -P) || continue
      case $_hj_seen in *":$_hj_real:"*) continue ;; esac
      _hj_seen="$_hj_seen$_hj_real:"
      if _hj_check "$_hj_dir" "$_hj_dir" && [ "$_hj_key" -gt "$_hj_best_key" ]; then
        _hj_best_key=$_hj_key
        _hj_found=$_hj_dir
      fi
    done
  fi

  if [ -n "$_hj_found" ]; then
    _hj_version "$_hj_found"
    # shellcheck disable=SC2034 # for the including script
    HEARTH_JAVA_MAJOR=$_hj_major
    JAVA_HOME=$_hj_found
    export JAVA_HOME
    return 0
  fi

  [ -n "$_hj_report" ] || _hj_report="
    nothing (no java anywhere)"
  {
    printf 'Hearth needs a JDK %s or newer, and none was found.\n' "$HEARTH_MIN_JAVA"
    # shellcheck disable=SC2016 # literal $JAVA_HOME
    printf 'Looked at: $JAVA_HOME, java on PATH, %s\n' \
      "$(printf '%s' "${HEARTH_JDK_SEARCH_PATH-$(_hj_default_search_path)}" | tr ':' ' ')"
    printf 'Found:%s\n' "$_hj_report"
    cat <<'EOF'
Install any JDK 21 or newer (a JDK, not only a JRE), then run the same command again; it is found automatically:
    Debian 13+, Ubuntu 22.04+:  sudo apt-get install openjdk-21-jdk-headless
    Debian 12 and others:       sudo apt-get install temurin-21-jdk   (Adoptium apt repository: https://adoptium.net/installation/linux/)
    macOS:                      brew install openjdk@21
    SDKMAN!:                    sdk install java 21-tem
Or point JAVA_HOME at a JDK 21+ installed elsewhere:  export JAVA_HOME=/path/to/jdk
EOF
  } >&2
  return 1
}
