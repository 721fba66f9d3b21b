#!/usr/bin/env bash
# Relay throughput against Kafka's own ProducerPerformance (same broker, same records: payloads, keys and headers,
# acks=all), and commit -> reference-consumer latency at 100 changes/s. Not a test: it measures and prints ratios, and
# writes relay.md and relay.json ([{"name","hub","peer","unit","ratio","goal","met"}]) to the results directory.
# See bench/README.md.
#   bench/relay/run.sh [records=60000] [vertices=250] [latencySeconds=60] [repetitions=5] [resultsDir=bench/results]
# JFR=1 records a flight recording of the benchmark JVM to target/relay-bench.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile -Dspotless.apply.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
JFR_OPTS=()
if [ "${JFR:-0}" = 1 ]; then
    JFR_OPTS=(-XX:StartFlightRecording=filename=target/relay-bench.jfr,settings=profile)
fi
echo "uptime before: $(uptime)"
java -Xms2g -Xmx2g -XX:+AlwaysPreTouch "${JFR_OPTS[@]}" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.zoninghub.bench.RelayBenchmark "$@"
echo "uptime after: $(uptime)"
