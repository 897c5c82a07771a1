#!/bin/sh
# The soak: concurrent CRI clients looping pod lifecycles, ExecSync, streaming exec, status and
# list calls, ReopenContainerLog and pulls against one janusd, which is killed (SIGKILL) and
# started again twice during the run. Prints errors by call and code (restart-explained vs
# unexpected), p50/p99 per call, janusd's RSS and threads over time. Needs root.
# Usage: e2e/bench/soak.sh [MINUTES [CLIENTS]]   (default 10 minutes, 32 clients)
exec "$(dirname "$0")/run-benchmark.sh" SoakBenchmark "${1:-10}" "${2:-32}"
