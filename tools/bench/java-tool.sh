# Sourced by the single-file benchmark tools (conv-layers, lstm): sets ROOT, JAR (the command-line jar or
# AIRFOIL_JAR, built if missing) and OUT (a temporary class directory, removed on exit), compiles the Java
# file given as $1 into OUT and sets AIRFOIL_JVM_FLAGS.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${AIRFOIL_JAR:-$ROOT/cli/target/airfoil-cli.jar}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl cli -am package)
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
javac --add-modules jdk.incubator.vector -cp "$JAR" -d "$OUT" "$1" 2>&1 | grep -v "^warning\|incubator" || true
source "$ROOT/tools/java-opts.sh"
