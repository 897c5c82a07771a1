#!/bin/sh
# ExecSync latency as exec probes see it: a runc pod against linux-vm pods (TCG's default CPU
# model and -cpu max side by side), quiet and with two busy loops on the host's cores; p50, p99,
# max and ratios to runc. Needs root, QEMU and the utility VM image (bin/setup builds it).
# Usage: e2e/bench/exec-latency.sh [EXECS_PER_POD_AND_LOAD]
exec "$(dirname "$0")/run-benchmark.sh" ExecLatencyBenchmark "${1:-100}"
