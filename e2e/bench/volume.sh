#!/bin/sh
# The linux-vm volume benchmark: a host directory served by janus-9p against the VM's scratch
# disk, in one VM pod: sequential write/read, small-file create/stat/unlink, and pgbench TPS of
# Debian's PostgreSQL on each, with ratios. Needs root, QEMU, gcc and postgresql-15 (bin/setup).
# Usage: e2e/bench/volume.sh [PGBENCH_SECONDS [MIB [FILES]]]
exec "$(dirname "$0")/run-benchmark.sh" VolumeBenchmark "${1:-60}" "${2:-256}" "${3:-2000}"
