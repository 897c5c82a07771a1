#!/bin/sh
# The linux-vm start benchmark: a VM pod's start phase by phase (VM process, console, init, agent,
# guest configured, container created and started), the same calls for a runc pod, and the host
# memory a VM pod costs (QEMU RSS, the guest agent's RSS). TCG, and KVM where the probe says it
# works. Needs root, QEMU and the tools of deploy/uvm/build-image.sh (bin/setup installs them).
# Usage: e2e/bench/vm-pod-start.sh [VM_RUNS [RUNC_RUNS]]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
JAVA_HOME=$("$top/bin/jdk"); export JAVA_HOME
cd "$top"
./mvnw -B -q -DskipTests -DskipITs -pl e2e -am install
cp=$(./mvnw -B -q -pl e2e dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
exec "$JAVA_HOME/bin/java" -cp "e2e/target/classes:$cp" dev.janus.e2e.bench.VmPodStartBenchmark "$top" "${1:-3}" "${2:-5}"
