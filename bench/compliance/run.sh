#!/usr/bin/env bash
# Compliance check latency against PostGIS: p50/p99 of a 2 km square footprint checked over HTTP by the hub (its
# in-memory index) and answered by PostGIS (ST_Intersects + ST_Area(ST_Intersection), GiST index) over JDBC, on the
# same 61 Liaoyuan units. Not a test: it measures and prints ratios. See bench/README.md.
#   bench/compliance/run.sh [checks=2000] [warmup=500]
# Needs root (or sudo) once to install PostGIS (postgresql-15-postgis-3) when it is missing; the PostGIS server runs
# as user postgres in a scratch directory on port 25432 and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG=/usr/lib/postgresql/15/bin
if [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15-postgis-3
fi
DATA=$(mktemp -d /tmp/zoning-postgis.XXXXXX)
chown postgres "$DATA"
runuser -u postgres -- "$PG/initdb" -D "$DATA" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PG/pg_ctl" -D "$DATA" -o "-p 25432 -k $DATA -c listen_addresses=localhost" -l "$DATA/log" -w start >/dev/null
trap 'runuser -u postgres -- "$PG/pg_ctl" -D "$DATA" -m fast stop >/dev/null; rm -rf "$DATA"' EXIT
runuser -u postgres -- "$PG/psql" -h localhost -p 25432 -U postgres -qc "create extension postgis" >/dev/null

./mvnw -B -q test-compile -Dspotless.apply.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java ${BENCH_JAVA_OPTS:-} -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.zoninghub.bench.ComplianceBenchmark "jdbc:postgresql://localhost:25432/postgres?user=postgres" "$@"
