# Sourced by the benchmark tools (conv-layers, lstm, activations, vector-boxing): sets ROOT, JAR (the
# command-line jar or AIRFOIL_JAR, built if missing) and OUT (a temporary directory, removed on exit),
# compiles the Java file given as $1, if any, into OUT and sets AIRFOIL_JVM_FLAGS.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${AIRFOIL_JAR:-$ROOT/cli/target/airfoil-cli.jar}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl cli -am package)
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
if [ -n "${1:-}" ]; then
  javac --add-modules jdk.incubator.vector -cp "$JAR" -d "$OUT" "$1" 2>&1 | grep -v "^warning\|incubator" || true
fi
source "$ROOT/tools/java-opts.sh"
