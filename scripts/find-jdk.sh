# Sourced by ./dev, ./crescendo and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if new enough, the `java` on PATH if new enough, else the newest under /usr/lib/jvm.

crescendo_java_major() {  # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

crescendo_find_jdk() {
  local candidate major best="" best_major=0
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(crescendo_java_major "$candidate/bin/java")
    [ -n "$major" ] && [ "$major" -ge 21 ] || continue
    # Honour an explicit JAVA_HOME / PATH choice first; otherwise take the newest.
    if [ "$candidate" = "${JAVA_HOME:-}" ]; then best=$candidate; break; fi
    if [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "crescendo: no JDK >= 21 found (JAVA_HOME, PATH, /usr/lib/jvm). Install one, e.g. Temurin 21+, and set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
