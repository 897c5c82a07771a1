#!/bin/sh
# The spine benchmark: the same CRI workload on janusd and on Debian's containerd, side by side.
# Needs root, containerd (apt-get install containerd) and the offline registry of
# ../shared/critest-images on 127.0.0.1:5123 (start-registry.sh, build-images.sh).
# Usage: e2e/bench/cri-workload.sh [LIFECYCLES [PODS]]
exec "$(dirname "$0")/run-benchmark.sh" CriWorkloadBenchmark "${1:-50}" "${2:-100}"
