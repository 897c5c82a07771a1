#!/bin/sh
# ExecSync latency as exec probes see it: a runc pod against linux-vm pods (TCG's default CPU
# model and -cpu max side by side), quiet and with two busy loops on the host's cores; p50, p99,
# max and ratios to runc. Needs root, QEMU and the utility VM image (bin/setup builds it).
# Usage: e2e/bench/exec-latency.sh [EXECS_PER_POD_AND_LOAD]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
JAVA_HOME=$("$top/bin/jdk"); export JAVA_HOME
cd "$top"
./mvnw -B -q -DskipTests -DskipITs -pl e2e -am install
cp=$(./mvnw -B -q -pl e2e dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
exec "$JAVA_HOME/bin/java" -cp "e2e/target/classes:$cp" dev.janus.e2e.bench.ExecLatencyBenchmark "$top" "${1:-100}"
