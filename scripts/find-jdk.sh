# shellcheck shell=bash
# Sourced by ./ottertrend, ./run-tests and .ci/run. Sets OTTER_JAVA_HOME to a JDK >= 21 or fails with one line.
#
# Order: JAVA_HOME if it is new enough, then the `java` on PATH, then the usual install folders
# (newest first). The machine's default `java` may be 17, so JAVA_HOME is never required.

otter_java_major() {
  # Prints the feature version of the java binary given as $1 (e.g. 17, 21, 25), or nothing.
  local out
  out=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  case "$out" in
    1.*) echo "${out#1.}" ;;
    *) echo "$out" ;;
  esac
}

otter_is_jdk() {
  # A JDK (not a JRE) with javac and the Vector API incubator module.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(otter_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}

otter_found() {
  OTTER_JAVA_HOME="$1"
  OTTER_JAVA_MAJOR=$(otter_java_major "$1/bin/java")
  # Maven 3.8 on JDK 24+ prints sun.misc.Unsafe warnings from its own guava; they are noise, not ours.
  if [ "$OTTER_JAVA_MAJOR" -ge 24 ] && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

otter_find_jdk() {
  local min=21 candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && otter_is_jdk "$JAVA_HOME"; then
    otter_found "$JAVA_HOME"; return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if otter_is_jdk "$candidate"; then otter_found "$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* /usr/local/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    candidate=$(readlink -f "$candidate")
    otter_is_jdk "$candidate" || continue
    major=$(otter_java_major "$candidate/bin/java")
    if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
  done
  if [ -n "$best" ]; then otter_found "$best"; return 0; fi
  echo "ottertrend: no JDK $min or newer found (checked JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 25, or set JAVA_HOME." >&2
  return 1
}
