#!/bin/sh
# Builds the e2e module and runs one of its benchmark classes with the checkout as first argument;
# the scripts beside it are the benchmarks, each a line that calls this.
# Usage: e2e/bench/run-benchmark.sh CLASS [ARGS...]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
JAVA_HOME=$("$top/bin/jdk"); export JAVA_HOME
cd "$top"
./mvnw -B -q -DskipTests -DskipITs -pl e2e -am install
cp=$(./mvnw -B -q -pl e2e dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
class=$1
shift
exec "$JAVA_HOME/bin/java" -cp "e2e/target/classes:$cp" "dev.janus.e2e.bench.$class" "$top" "$@"
