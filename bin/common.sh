# Shared by ./collapse and ./run-tests: locate JDK >= 25 and the pinned Maven (through the wrapper).
# Sourced, not executed.

MC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MC_MAVEN_VERSION=3.9.11
MC_WRAPPER_PLUGIN=org.apache.maven.plugins:maven-wrapper-plugin:3.3.4

mc_java_major() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
  fi
}

mc_find_jdk() { # sets JAVA_HOME to a JDK >= 25 or exits 3 with one sentence
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(mc_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "collapse: no JDK 25 or newer found (checked JAVA_HOME and /usr/lib/jvm/*); install a JDK 25, for example Eclipse Temurin 25, and set JAVA_HOME to its folder." >&2
  exit 3
}

mc_revision() { # the source revision recorded in the collapse jar: git describe, or "unknown" outside a git work tree
  git -C "$MC_ROOT" describe --always --dirty 2>/dev/null || echo unknown
}

mc_maven() { # runs the pinned Maven through the wrapper (creating it on first use), recording the source revision
  if [ ! -x "$MC_ROOT/mvnw" ] || [ ! -f "$MC_ROOT/.mvn/wrapper/maven-wrapper.properties" ]; then
    if ! command -v mvn >/dev/null 2>&1; then
      echo "collapse: Maven is needed once to install the Maven wrapper; install it with 'apt-get install maven'." >&2
      exit 3
    fi
    (cd "$MC_ROOT" && mvn -B -ntp -q -N "$MC_WRAPPER_PLUGIN:wrapper" -Dtype=only-script -Dmaven="$MC_MAVEN_VERSION" >/dev/null) || {
      echo "collapse: could not install the Maven wrapper (Maven $MC_MAVEN_VERSION)." >&2
      exit 3
    }
    rm -f "$MC_ROOT/mvnw.cmd"
  fi
  (cd "$MC_ROOT" && ./mvnw -Dcollapse.revision="$(mc_revision)" "$@")
}

# Drops the JVM's unconditional "Using incubator modules" line from stderr, passing everything
# else through unbuffered (progress bars rewrite a line without ending it).
mc_filter_incubator_warning() {
  local first
  if IFS= read -r first; then
    [ "$first" = "WARNING: Using incubator modules: jdk.incubator.vector" ] || printf '%s\n' "$first"
    cat
  fi
}

# Prints a python3 that imports NumPy and scikit-learn (the first python3 on PATH, then /usr/bin/python3),
# installing Debian's python3-sklearn when none does and apt-get may be used; prints nothing if none.
# For the test that compares the mixture chain with scikit-learn (verify's GmmAgainstScikitLearnTest).
mc_sklearn_python() {
  local c
  for c in "$(command -v python3 || true)" /usr/bin/python3; do
    if [ -n "$c" ] && [ -x "$c" ] && "$c" -c 'import numpy, sklearn' 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "collapse: installing python3-sklearn with apt-get, for the comparison with scikit-learn" >&2
    { apt-get install -y python3-sklearn || { apt-get update && apt-get install -y python3-sklearn; }; } >/dev/null 2>&1 || true
    if /usr/bin/python3 -c 'import numpy, sklearn' 2>/dev/null; then
      echo /usr/bin/python3
    fi
  fi
  return 0
}
