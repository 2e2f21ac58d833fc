#!/usr/bin/env bash
# Prints a JAVA_HOME whose JDK is 21 or newer: $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*.
# Exits 1 with a clear message when there is none.
set -euo pipefail

major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
ok() { [ -x "$1/bin/javac" ] && [ "$(major "$1")" -ge 21 ] 2>/dev/null; }

candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v javac >/dev/null 2>&1; then
  candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
fi
for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$d" ] && candidates+=("$d")
done
best=""; best_major=0
for c in "${candidates[@]}"; do
  if ok "$c"; then
    m=$(major "$c")
    if [ "$m" -gt "$best_major" ]; then best="$c"; best_major=$m; fi
  fi
done
if [ -z "$best" ]; then
  echo "FenzVideo needs a JDK 21 or newer (found none in JAVA_HOME, PATH or /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME." >&2
  exit 1
fi
echo "$best"
