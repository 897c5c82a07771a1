#!/bin/sh
# The soak: concurrent CRI clients looping pod lifecycles, ExecSync, streaming exec, status and
# list calls, ReopenContainerLog and pulls against one janusd, which is killed (SIGKILL) and
# started again twice during the run. Prints errors by call and code (restart-explained vs
# unexpected), p50/p99 per call, janusd's RSS and threads over time. Needs root.
# Usage: e2e/bench/soak.sh [MINUTES [CLIENTS]]   (default 10 minutes, 32 clients)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
JAVA_HOME=$("$top/bin/jdk"); export JAVA_HOME
cd "$top"
./mvnw -B -q -DskipTests -DskipITs -pl e2e -am install
cp=$(./mvnw -B -q -pl e2e dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
exec "$JAVA_HOME/bin/java" -cp "e2e/target/classes:$cp" dev.janus.e2e.bench.SoakBenchmark "$top" "${1:-10}" "${2:-32}"
