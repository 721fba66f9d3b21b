#!/usr/bin/env bash
# Compliance check latency against PostGIS: p50/p99 of a 2 km square footprint checked over HTTP by the hub (its
# in-memory index) and answered by PostGIS (ST_Intersects + ST_Area(ST_Intersection), GiST index) over JDBC, on the
# same 61 Liaoyuan units. Not a test: it measures and prints ratios. See bench/README.md.
#   bench/compliance/run.sh [checks=2000] [warmup=500]
# Needs root (or sudo) once to install PostGIS (postgresql-15-postgis-3) when it is missing; the PostGIS server runs
# as user postgres in a scratch directory on port 25432 and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
bench_install_peers
bench_start_postgis
trap bench_stop_postgis EXIT
bench_build
java ${BENCH_JAVA_OPTS:-} -Xmx2g -cp "$BENCH_CLASSPATH" org.zoninghub.bench.ComplianceBenchmark "$BENCH_JDBC" "$@"
