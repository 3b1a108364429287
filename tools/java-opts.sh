# Sourced by ./airfoil and tools/bench/compare.sh: the JVM flags Airfoil runs with, so the benchmarks
# measure what users run. Sets AIRFOIL_JVM_FLAGS.
#
# The serial collector with a small starting heap: training allocates large short-lived arrays around a
# small live set, which a simple generational collector handles as fast as G1 within this VM's noise
# (README, Performance) while the process stays at a third of G1's resident memory (G1 grows its young
# generation to hundreds of MB). A collector named in AIRFOIL_JAVA_OPTS replaces this one; the rest of
# AIRFOIL_JAVA_OPTS is added after these flags (a later -Xms or -Xmx wins).
AIRFOIL_JVM_FLAGS="--add-modules jdk.incubator.vector -XX:+UseSerialGC -Xms128m"
if [[ "${AIRFOIL_JAVA_OPTS:-}" == *-XX:+Use*GC* ]]; then
  AIRFOIL_JVM_FLAGS="--add-modules jdk.incubator.vector"
fi
AIRFOIL_JVM_FLAGS="$AIRFOIL_JVM_FLAGS ${AIRFOIL_JAVA_OPTS:-}"
