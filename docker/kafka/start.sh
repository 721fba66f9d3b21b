#!/bin/bash
# Entry point of the compose stack's Kafka container: writes the broker's configuration from
# /etc/zoning-kafka/server.properties, the secrets in the environment and the public address (KAFKA_PUBLIC_HOST,
# KAFKA_PUBLIC_PORT), formats the log directory on first start
# with the SCRAM credentials of the principals `admin` and `hub`, writes the admin client's properties (used by the
# health check and docker/kafka-principals.sh) and starts the broker.
set -euo pipefail
for var in ZONING_KAFKA_ADMIN_PASSWORD ZONING_KAFKA_HUB_PASSWORD ZONING_KAFKA_KEYSTORE_PASSWORD \
    ZONING_KAFKA_TRUSTSTORE_PASSWORD; do
    # they end up inside JAAS and properties lines: letters and digits only (docker/tls/make-certs.sh makes such)
    if [[ ! "${!var}" =~ ^[A-Za-z0-9]{16,}$ ]]; then
        echo "$var must be 16 or more letters and digits" >&2
        exit 1
    fi
done
public_host="${KAFKA_PUBLIC_HOST:-localhost}"
public_port="${KAFKA_PUBLIC_PORT:-9095}"
if [[ ! "$public_host" =~ ^[A-Za-z0-9.-]+$ || ! "$public_port" =~ ^[0-9]{1,5}$ ]]; then
    echo "KAFKA_PUBLIC_HOST must be a host name and KAFKA_PUBLIC_PORT a port" >&2
    exit 1
fi
umask 077
conf=/tmp/zoning-server.properties
sed -e "s/@PUBLIC_HOST@/$public_host/g" -e "s/@PUBLIC_PORT@/$public_port/g" /etc/zoning-kafka/server.properties > "$conf"
scram="org.apache.kafka.common.security.scram.ScramLoginModule required"
cat >> "$conf" <<PROPERTIES
ssl.keystore.password=$ZONING_KAFKA_KEYSTORE_PASSWORD
ssl.key.password=$ZONING_KAFKA_KEYSTORE_PASSWORD
ssl.truststore.password=$ZONING_KAFKA_TRUSTSTORE_PASSWORD
listener.name.internal.scram-sha-512.sasl.jaas.config=$scram username="admin" password="$ZONING_KAFKA_ADMIN_PASSWORD";
listener.name.external.scram-sha-512.sasl.jaas.config=$scram;
PROPERTIES
cat > /tmp/zoning-admin.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$scram username="admin" password="$ZONING_KAFKA_ADMIN_PASSWORD";
ssl.truststore.type=PKCS12
ssl.truststore.location=/etc/zoning-kafka-tls/truststore.p12
ssl.truststore.password=$ZONING_KAFKA_TRUSTSTORE_PASSWORD
PROPERTIES
cluster_id="${KAFKA_CLUSTER_ID:-}"
if [[ -z "$cluster_id" ]]; then
    cluster_id="$(/opt/kafka/bin/kafka-storage.sh random-uuid)"
fi
# --ignore-formatted: a log directory formatted before keeps its cluster id and credentials
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$cluster_id" -c "$conf" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$ZONING_KAFKA_ADMIN_PASSWORD]" \
    --add-scram "SCRAM-SHA-512=[name=hub,password=$ZONING_KAFKA_HUB_PASSWORD]"
exec /opt/kafka/bin/kafka-server-start.sh "$conf"
