#!/usr/bin/env bash
# Relay throughput against Kafka's own ProducerPerformance (same broker, same payloads, acks=all), and commit ->
# reference-consumer latency at 100 changes/s. Not a test: it measures and prints ratios. See bench/README.md.
#   bench/relay/run.sh [records=20000] [vertices=250] [latencySeconds=60]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile -Dspotless.apply.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.zoninghub.bench.RelayBenchmark "$@"
