#!/bin/sh
# The linux-vm start benchmark: a VM pod's start phase by phase (VM process, console, init, agent,
# guest configured, container created and started), the same calls for a runc pod, and the host
# memory a VM pod costs (QEMU RSS, the guest agent's RSS). TCG, and KVM where the probe says it
# works. Needs root, QEMU and the tools of deploy/uvm/build-image.sh (bin/setup installs them).
# Usage: e2e/bench/vm-pod-start.sh [VM_RUNS [RUNC_RUNS]]
exec "$(dirname "$0")/run-benchmark.sh" VmPodStartBenchmark "${1:-3}" "${2:-5}"
