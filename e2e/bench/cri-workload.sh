#!/bin/sh
# The spine benchmark: the same CRI workload on janusd and on Debian's containerd, side by side.
# Needs root, containerd (apt-get install containerd) and the offline registry of
# ../shared/critest-images on 127.0.0.1:5123 (start-registry.sh, build-images.sh).
# Usage: e2e/bench/cri-workload.sh [LIFECYCLES [PODS]]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
JAVA_HOME=$("$top/bin/jdk"); export JAVA_HOME
cd "$top"
./mvnw -B -q -DskipTests -DskipITs -pl e2e -am install
cp=$(./mvnw -B -q -pl e2e dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
exec "$JAVA_HOME/bin/java" -cp "e2e/target/classes:$cp" dev.janus.e2e.bench.CriWorkloadBenchmark "$top" "${1:-50}" "${2:-100}"
